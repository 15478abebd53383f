# The API image: installs the project and serves it; ingests the examples on
# first start when the graph is empty (see docker/entrypoint.sh).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kg kg
COPY loaders loaders
COPY api api
COPY ontology ontology
COPY examples examples
COPY docker/entrypoint.sh /entrypoint.sh
RUN pip install --no-cache-dir . && chmod +x /entrypoint.sh
ENV KG_HOST=0.0.0.0 KG_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=12 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
ENTRYPOINT ["/entrypoint.sh"]

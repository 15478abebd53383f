#!/bin/sh
# Ingest the example live blogs when the graph is empty, then serve.
# Re-ingesting is a no-op anyway (unchanged documents are skipped), so this is safe to repeat.
set -e
kg ingest /app/examples || echo "example ingest reported problems; serving anyway" >&2
exec kg serve --host "${KG_HOST:-0.0.0.0}" --port "${KG_PORT:-8000}"

"""The deployment stack: docker-compose.yml must be valid and wire the API to Neo4j.

No Docker engine runs here, but the compose client validates and resolves the
file (`config`), which catches schema errors, bad interpolation and broken
references. The resolved model is then checked for what the deployment needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def _compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.fixture(scope="module")
def resolved(tmp_path_factory) -> dict:
    command = _compose_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("no docker compose client (CI installs docker-compose)")
        pytest.skip("no docker compose client on this machine")
    # A copy beside a .env made from .env.example, as a deployer would set it up.
    work = tmp_path_factory.mktemp("compose")
    shutil.copy(ROOT / "docker-compose.yml", work / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", work / ".env")
    proc = subprocess.run([*command, "config"], capture_output=True, text=True, cwd=work)
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)


def test_neo4j_service_uses_the_official_526_image_with_auth_volume_and_healthcheck(resolved) -> None:
    neo4j = resolved["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/")
    targets = [v["target"] if isinstance(v, dict) else str(v).split(":")[1] for v in neo4j["volumes"]]
    assert "/data" in targets  # the graph outlives the container
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])


def test_api_is_built_here_and_waits_for_a_healthy_neo4j(resolved) -> None:
    api = resolved["services"]["api"]
    assert "build" in api and (ROOT / "Dockerfile").is_file()
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["KG_STORE"] == "bolt://neo4j:7687"
    assert api["environment"]["KG_NEO4J_PASSWORD"] == resolved["services"]["neo4j"]["environment"][
        "NEO4J_AUTH"].split("/", 1)[1]


def test_the_image_ingests_the_examples_then_serves() -> None:
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text(encoding="utf-8")
    assert "kg ingest /app/examples" in entrypoint and "exec kg serve" in entrypoint
    assert "COPY examples examples" in (ROOT / "Dockerfile").read_text(encoding="utf-8")

"""Schemathesis over the whole API on the embedded store holding the seed live blogs
(real extraction), with the API key configured: no 5xx, and every error is
problem+json. Per operation, then stateful (sequences following the links
schemathesis infers, e.g. an actor id from GET /actors into /actors/{id}). Bounded;
the number of cases run is written to test-artifacts/fuzz.json."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from reliability_support import API_KEY, REPO, make_settings, open_fresh

from api import create_app
from kg.model import DocumentGraph
from kg.settings import Settings

pytestmark = pytest.mark.contract

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "30"))
STEPS = int(os.environ.get("KG_FUZZ_STATEFUL_EXAMPLES", "30"))
ARTIFACT = REPO / "test-artifacts" / "fuzz.json"
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))

# The OpenAPI document only (no request is served, no store opened): model_construct
# keeps KG_* variables out, the directory is never created.
_DOC_APP = create_app(Settings.model_construct(store=tempfile.gettempdir() + "/kg-fuzz-schema",
                                               page_size_max=50))
schema = schemathesis.openapi.from_dict(_DOC_APP.openapi())
COUNTS: Counter[str] = Counter()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, seed_graphs: list[DocumentGraph]):
    store = open_fresh("ladybug", str(tmp_path_factory.mktemp("fuzz") / "kg"))
    store.upsert(seed_graphs)
    yield create_app(make_settings("unused", api_key=API_KEY, page_size_max=50,
                                   cypher_timeout_s=2.0, body_size_max=200_000), store)
    store.close()


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    yield
    ARTIFACT.parent.mkdir(exist_ok=True)
    previous = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
    ARTIFACT.write_text(json.dumps(previous | {"cases": sum(COUNTS.values()),
                                               "by_operation": dict(sorted(COUNTS.items()))},
                                   indent=2) + "\n")


def _check(response, label: str) -> None:
    COUNTS[label] += 1
    assert response.status_code < 500, f"{label}: {response.status_code} {response.text[:500]}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])  # schemathesis: value lists
        assert content_type[0].startswith("application/problem+json"), (label, content_type)


@schema.parametrize()
@FUZZ_SETTINGS
def test_no_operation_answers_5xx(case, app) -> None:
    response = case.call(app=app, headers={"X-API-Key": API_KEY})
    _check(response, case.operation.label)


def test_no_sequence_of_calls_answers_5xx(app) -> None:
    base = schema.as_state_machine()

    class Workflow(base):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case):
            return {"app": app, "headers": {"X-API-Key": API_KEY}}

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:
            _check(response, "stateful " + case.operation.label)

    before = sum(COUNTS.values())
    Workflow.run(settings=settings(FUZZ_SETTINGS, max_examples=STEPS, stateful_step_count=6))
    assert sum(COUNTS.values()) > before

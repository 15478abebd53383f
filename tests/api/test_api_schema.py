"""Property-based run of the whole OpenAPI schema (schemathesis), on each store.

Bounded (a few examples per operation): no 5xx, and every response matches the
documented status codes, media types and schemas (problem+json included).

The schema is read at collection time from an app without a store (its OpenAPI
does not depend on one; ``model_construct`` keeps the environment out of it);
each case is then sent to the app over the store under test. Schemathesis'
``from_fixture`` would be the natural way, but 4.32 fails under pytest 9
(``Function`` has no ``_nodeid``).
"""

from __future__ import annotations

import datetime as dt

import tempfile

import pytest
import schemathesis
from api_support import PAGE_SIZE_MAX
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_schema_conformance, status_code_conformance)

from api import create_app
from kg.settings import Settings

pytestmark = pytest.mark.contract

# model_construct: no validation, so no KG_* variables are read at import time. Only the
# schema is read from this app, but its lifespan may open the store: keep that out of the repo.
_SCHEMA_STORE = tempfile.mkdtemp(prefix="kg-schema-app-")
_SCHEMA_APP = create_app(Settings.model_construct(store=_SCHEMA_STORE, page_size_max=PAGE_SIZE_MAX))
schema = schemathesis.openapi.from_asgi("/openapi.json", _SCHEMA_APP)


@schema.parametrize()
@settings(max_examples=20, deadline=dt.timedelta(seconds=10), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case, app):
    case.call_and_validate(app=app, checks=[not_a_server_error, response_schema_conformance,
                                            content_type_conformance, status_code_conformance])

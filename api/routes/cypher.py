"""Read-only Cypher for analysts, in the dialect of the configured store."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Request

from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.schemas import CypherRequest, CypherResult
from kg.errors import QueryRejected

log = logging.getLogger(__name__)
router = APIRouter(tags=["cypher"])
OUTER_GRACE_S = 2.0

DIALECT_DOC = """Runs a **read-only** query with parameters (`$name`) and returns at most the
server's row cap (`truncated` tells when more rows existed) within the server's time limit
(400 when exceeded). Writes (CREATE, MERGE, SET, DELETE, ...) are refused with 400.

Labels and relationship types are those of `ontology/mapping.py`: nodes `Document`, `Entry`,
`Actor`, `Location`, `Event`, `Statement`, `Evidence`; relationships `HAS_ENTRY`, `IN_ENTRY`,
`SUPPORTS`, `PARTICIPATED_IN {role}`, `OCCURRED_AT`, `SAID`, `ABOUT`, `CARRIED_BY`, `WITHIN`.

The dialect is the store's own:

* **Neo4j**: Cypher 5, run in a READ session; the query's plan must be read-only.
  Every event also carries a label for its kind (`MATCH (e:Strike)`); `labels(n)` is a
  list. Procedures: only `db.labels`, `db.relationshipTypes`, `db.propertyKeys` and
  `db.schema.visualization`; no `LOAD CSV`, no `USE`, no `SHOW` or `TERMINATE` commands.
* **LadybugDB** (embedded default; a fork of Kùzu): schema-first Cypher.
  - one label (table) per node and no multi-labels: the event kind is the `type` property
    (`MATCH (e:Event) WHERE e.type = 'strike'`); `MATCH (e:Strike)` is an error;
  - `label(n)` / `label(r)` give the table name as one string; `labels(n)` is also a
    string there, not a list;
  - a node or relationship only has the properties its table declares: reading an
    unknown property is a binder error, not null;
  - no APOC, no `CALL db.*` procedures; inspect the schema with
    `CALL show_tables() RETURN *` and `CALL table_info('Event') RETURN *`; no file access
    (`LOAD FROM`, `COPY`); `range()` takes integer literals spanning at most 10,000,000 values;
  - variable-length patterns without an upper bound stop at 30 hops (`-[*1..3]-` to be explicit);
* On both, `MATCH (e:Event) WHERE e.type = 'strike'` works; dates are stored as ISO
  strings (`e.date >= '2022-12-29'`); nodes come back as their properties plus `_labels`,
  relationships as theirs plus `_type`.
"""


def _jsonable(value: Any) -> Any:
    """Store values as JSON: containers recursively, dates as ISO strings, the rest as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


@router.post("/cypher", response_model=CypherResult, description=DIALECT_DOC,
             responses=problem_responses(400, 413, 422, 500, 503))
def run_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep,
               request: Request) -> CypherResult:
    """Run a read-only Cypher query."""
    cap = settings.cypher_row_cap
    pool: cf.ThreadPoolExecutor = request.app.state.cypher_pool
    future = pool.submit(store.read_cypher, body.query, body.params, cap + 1)
    try:
        # The stores enforce the limit themselves; this outer bound only stops a request
        # from hanging on a store that does not.
        rows = future.result(timeout=settings.cypher_timeout_s + OUTER_GRACE_S)
    except cf.TimeoutError:
        log.warning("cypher query exceeded %ss", settings.cypher_timeout_s)
        raise QueryRejected(f"query exceeded the time limit of {settings.cypher_timeout_s}s") from None
    return CypherResult(rows=[_jsonable(r) for r in rows[:cap]], truncated=len(rows) > cap)

"""The production store: Neo4j over Bolt (neo4j 6.x driver).

Writes run in managed transactions, one per round of documents, as
``UNWIND $rows`` statements batched across the round's documents; the driver retries a transaction on transient
failures. Every driver exception is turned into a ``kg.errors`` class here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import READ_ACCESS, GraphDatabase, NotificationDisabledClassification, Query
from neo4j.exceptions import (
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from kg import cypher
from kg.errors import QueryRejected, StoreError, StoreUnavailable
from kg.model import Actor, DocumentGraph, Event, Statement
from kg.settings import Settings
from kg.stores import cypher_guard, graph_ops
from kg.stores.base import ActorQuery, EventQuery, GraphSnapshot, StatementQuery

log = logging.getLogger(__name__)

T = TypeVar("T")
_READ_ONLY_PLAN = "r"
_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut"
# How long the driver retries a transaction on transient failures (its default: 30 s).
# While the server is down every API read would otherwise hang that long before its
# 503; longer outages are ridden out by the callers' own backoff (kg.retry in ingest).
DRIVER_RETRY_S = 2.0


class Neo4jStore:
    """``GraphStore`` on a Neo4j database."""

    def __init__(self, uri: str, auth: tuple[str, str] | None = None, database: str | None = None,
                 *, write_batch_size: int = 1000, cypher_timeout_s: float = 5.0) -> None:
        self._database = database
        self._batch = write_batch_size
        self._timeout = cypher_timeout_s
        with _wrapped():
            # The store's queries name properties an empty database has never seen;
            # the server's "unknown property" warnings about them are noise.
            self._driver = GraphDatabase.driver(
                uri, auth=auth, max_transaction_retry_time=DRIVER_RETRY_S,
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED])

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        password = settings.neo4j_password.get_secret_value()
        auth = (settings.neo4j_user, password) if password else None
        return cls(settings.store, auth, settings.neo4j_database,
                   write_batch_size=settings.write_batch_size,
                   cypher_timeout_s=settings.cypher_timeout_s)

    # --- lifecycle ---------------------------------------------------------------

    def setup(self) -> None:
        """Uniqueness constraints on every label's id, the indexes the API filters on, and
        the listing keys of links written before they existed."""
        with _wrapped(), self._session() as session:
            for statement in (*cypher.NEO4J_SETUP, *cypher.NEO4J_LISTING_BACKFILL.values()):
                session.run(statement).consume()

    def close(self) -> None:
        with _wrapped():
            self._driver.close()

    def ping(self) -> None:
        # Auto-commit, not a managed transaction: a health check should fail at
        # once rather than after the driver's retries.
        with _wrapped(), self._session() as session:
            session.run(cypher.NEO4J_PING).consume()

    # --- writes ------------------------------------------------------------------

    def upsert(self, graphs: list[DocumentGraph]) -> None:
        """Write the graphs, one transaction per round of documents (``graph_ops.plan_rounds``),
        each statement batched across the round's documents; the same result as writing
        them one by one. Every graph must carry every actor and location its facts name
        (``kg.errors.InputError`` otherwise, before anything is written)."""
        def stored_of(ids: list[str]) -> set[str]:
            return self._read(lambda run: graph_ops.stored_documents(run, ids))

        for batch in graph_ops.plan_upsert(graphs, stored_of):
            self._write(lambda run, b=batch: graph_ops.write_round(run, b, cypher.NEO4J, self._batch))

    def delete_document(self, document_id: str) -> bool:
        return self._write(lambda run: graph_ops.delete_document(run, document_id))

    # --- reads -------------------------------------------------------------------

    def document_hash(self, document_id: str) -> str | None:
        return self._read(lambda run: graph_ops.document_hash(run, document_id))

    def snapshot(self) -> GraphSnapshot:
        return self._read(graph_ops.snapshot)

    def counts(self) -> dict[str, int]:
        return self._read(graph_ops.counts)

    def events(self, query: EventQuery) -> list[Event]:
        return self._read(lambda run: graph_ops.find_events(run, query, cypher.NEO4J))

    def actors(self, query: ActorQuery) -> list[Actor]:
        return self._read(lambda run: graph_ops.find_actors(run, query, cypher.NEO4J))

    def actor(self, actor_id: str) -> Actor | None:
        return self._read(lambda run: graph_ops.actor(run, actor_id))

    def statements(self, query: StatementQuery) -> list[Statement]:
        return self._read(lambda run: graph_ops.find_statements(run, query, cypher.NEO4J))

    def recent_facts(self, actors: list[str], bounds: tuple[str, str], per_actor: int) -> GraphSnapshot:
        return self._read(lambda run: graph_ops.recent_facts(run, actors, bounds, per_actor, cypher.NEO4J))

    def neighbours(self, actors: list[str], bounds: tuple[str, str],
                   statements: bool) -> list[tuple[str, str]]:
        return self._read(lambda run: graph_ops.neighbours(run, actors, bounds, statements))

    def degrees(self, actors: list[str]) -> dict[str, int]:
        return self._read(lambda run: graph_ops.degrees(run, actors))

    def linking_facts(self, pairs: list[tuple[str, str]], bounds: tuple[str, str], per_pair: int,
                      statements: bool) -> GraphSnapshot:
        return self._read(lambda run: graph_ops.linking_facts(run, pairs, bounds, per_pair, statements, cypher.NEO4J))

    def linked(self, pairs: list[tuple[str, str]], bounds: tuple[str, str],
               statements: bool) -> list[tuple[str, str]]:
        return self._read(lambda run: graph_ops.linked(run, pairs, bounds, statements))

    def read_cypher(self, query: str, params: dict[str, Any], row_cap: int) -> list[dict[str, Any]]:
        """Run a user's query in a READ-mode session, with a time limit and a row cap.

        Its ``EXPLAIN`` plan must be read-only (query type ``r``): schema and
        admin commands as well as writes are refused before anything runs, and
        the server enforces READ mode again. Errors in the query itself (syntax,
        types, the time limit) are ``QueryRejected``.
        """
        cypher_guard.screen(query, dialect="neo4j")
        with _wrapped(user_query=True), self._session(default_access_mode=READ_ACCESS,
                                                      notifications_min_severity="OFF") as session:
            plan = session.run(Query(cypher.NEO4J_EXPLAIN + query, timeout=self._timeout),
                               params).consume()
            if plan.query_type != _READ_ONLY_PLAN:
                raise QueryRejected(f"only read-only queries may run (this one's plan is of "
                                    f"type {plan.query_type!r})")
            result = session.run(Query(query, timeout=self._timeout), params)
            return [{key: plain(value) for key, value in record.items()}
                    for record in result.fetch(row_cap)]

    # --- plumbing ----------------------------------------------------------------

    def _session(self, **config: Any) -> neo4j.Session:
        return self._driver.session(database=self._database, **config)

    def _write(self, work: Callable[[graph_ops.Run], T]) -> T:
        with _wrapped(), self._session() as session:
            return session.execute_write(lambda tx: work(_runner(tx)))

    def _read(self, work: Callable[[graph_ops.Run], T]) -> T:
        with _wrapped(), self._session() as session:
            return session.execute_read(lambda tx: work(_runner(tx)))


def _runner(tx: neo4j.ManagedTransaction) -> graph_ops.Run:
    def run(query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        result = tx.run(query, dict(params))
        keys = result.keys()
        if not keys:
            # A query without columns (a write) has no rows to wait for: the next
            # statement is packed and sent while the server still executes this one
            # (Bolt pipelining); its outcome, or error, arrives before the next
            # statement's, and the commit waits for all of them.
            return []
        # Not Result.data(): it walks every value to convert graph types, which these
        # queries never return (scalars, lists and maps only), at a cost on long lists.
        return [dict(zip(keys, record, strict=True)) for record in result]
    return run


@contextmanager
def _wrapped(*, user_query: bool = False) -> Iterator[None]:
    """Turn driver exceptions into ``kg.errors``: unreachable -> ``StoreUnavailable``,
    a user query's own error -> ``QueryRejected``, anything else -> ``StoreError``."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired, TransientError, OSError) as exc:
        raise StoreUnavailable(f"Neo4j unavailable: {exc}") from exc
    except ClientError as exc:
        if user_query and (exc.code or "").startswith(_TIMED_OUT):
            raise QueryRejected("the query exceeded the time limit and was stopped") from exc
        if user_query:
            raise QueryRejected(exc.message or str(exc)) from exc
        raise StoreError(f"Neo4j refused a query: {exc}") from exc
    except (Neo4jError, DriverError) as exc:
        log.debug("Neo4j error", exc_info=True)
        raise StoreError(f"Neo4j: {exc}") from exc


def plain(value: Any) -> Any:
    """JSON-able Python for a driver value: nodes as properties plus ``_labels``,
    relationships as properties plus ``_type``, temporal values as ISO strings."""
    if isinstance(value, Node):
        return {k: plain(v) for k, v in value.items()} | {"_labels": sorted(value.labels)}
    if isinstance(value, Relationship):
        return {k: plain(v) for k, v in value.items()} | {"_type": value.type}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value

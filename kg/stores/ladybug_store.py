"""The embedded store: LadybugDB (a Kùzu fork), one database file in a directory.

LadybugDB is schema-first: ``setup()`` creates the node and relationship tables
generated from ``ontology.mapping`` and ``kg.rows``. One process writes; this
object opens the database once and serialises its own calls with a lock, since
one connection must not run two queries at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ladybug

from kg import cypher, rows
from kg.errors import QueryRejected, StoreError, StoreUnavailable
from kg.model import Actor, DocumentGraph, Event, Statement
from kg.settings import Settings
from kg.stores import cypher_guard, graph_ops
from kg.stores.base import ActorQuery, EventQuery, GraphSnapshot, StatementQuery
from ontology.mapping import Rel

log = logging.getLogger(__name__)

DATABASE_FILE = "graph.lbug"
_READER_BUFFER_POOL = 64 * 1024 * 1024
# Errors in a user's query text, as opposed to failures of the store.
_USER_ERRORS = ("Parser exception", "Binder exception", "Catalog exception",
                "Conversion exception",
                # Raised by what the query computes (1/0, [1][5], INT64 overflow, a
                # string bigger than the reader's buffer pool): the query's fault, not a 500.
                "Runtime exception", "Overflow exception", "Buffer manager exception")
_INTERRUPTED = "Interrupted"  # what a query stopped by the connection's timeout raises


class LadybugStore:
    """``GraphStore`` on an embedded LadybugDB database kept in directory ``path``."""

    def __init__(self, path: Path | str, *, write_batch_size: int = 1000,
                 cypher_timeout_s: float = 5.0) -> None:
        self._file = Path(path) / DATABASE_FILE
        self._batch = write_batch_size
        self._timeout_ms = max(int(cypher_timeout_s * 1000), 1)
        self._lock = threading.RLock()
        with _wrapped():
            self._file.parent.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(str(self._file))
            self._conn = ladybug.Connection(self._db)

    @classmethod
    def from_settings(cls, settings: Settings) -> LadybugStore:
        return cls(settings.store_path(), write_batch_size=settings.write_batch_size,
                   cypher_timeout_s=settings.cypher_timeout_s)

    # --- lifecycle ---------------------------------------------------------------

    def setup(self) -> None:
        """Tables, and the listing keys of a store written before they existed."""
        with self._session() as run:
            for statement in cypher.LADYBUG_SETUP:
                run(statement, {})
            for rel in cypher.LISTING_RELS:
                _add_listing_keys(run, rel)

    def close(self) -> None:
        with self._lock:
            if not self._conn.is_closed:
                self._conn.close()
                self._db.close()

    def ping(self) -> None:
        with self._session() as run:
            run(cypher.LADYBUG_PING, {})

    # --- writes ------------------------------------------------------------------

    def upsert(self, graphs: list[DocumentGraph]) -> None:
        """Write the graphs, one transaction per round of documents (``graph_ops.plan_rounds``):
        the same result as writing them one by one. Every graph must carry every actor and
        location its facts name (``kg.errors.InputError`` otherwise, before any write)."""
        def stored_of(ids: list[str]) -> set[str]:
            with self._session() as run:
                return graph_ops.stored_documents(run, ids)

        for batch in graph_ops.plan_upsert(graphs, stored_of):
            with self._transaction() as run:
                graph_ops.write_round(run, batch, cypher.LADYBUG, self._batch)

    def delete_document(self, document_id: str) -> bool:
        with self._transaction() as run:
            return graph_ops.delete_document(run, document_id)

    # --- reads -------------------------------------------------------------------

    def document_hash(self, document_id: str) -> str | None:
        with self._session() as run:
            return graph_ops.document_hash(run, document_id)

    def snapshot(self) -> GraphSnapshot:
        with self._session() as run:
            return graph_ops.snapshot(run)

    def counts(self) -> dict[str, int]:
        with self._session() as run:
            return graph_ops.counts(run)

    def events(self, query: EventQuery) -> list[Event]:
        with self._session() as run:
            return graph_ops.find_events(run, query, cypher.LADYBUG)

    def actors(self, query: ActorQuery) -> list[Actor]:
        with self._session() as run:
            return graph_ops.find_actors(run, query, cypher.LADYBUG)

    def actor(self, actor_id: str) -> Actor | None:
        with self._session() as run:
            return graph_ops.actor(run, actor_id)

    def statements(self, query: StatementQuery) -> list[Statement]:
        with self._session() as run:
            return graph_ops.find_statements(run, query, cypher.LADYBUG)

    def recent_facts(self, actors: list[str], bounds: tuple[str, str], per_actor: int) -> GraphSnapshot:
        with self._session() as run:
            return graph_ops.recent_facts(run, actors, bounds, per_actor, cypher.LADYBUG)

    def neighbours(self, actors: list[str], bounds: tuple[str, str],
                   statements: bool) -> list[tuple[str, str]]:
        with self._session() as run:
            return graph_ops.neighbours(run, actors, bounds, statements)

    def degrees(self, actors: list[str]) -> dict[str, int]:
        with self._session() as run:
            return graph_ops.degrees(run, actors)

    def linking_facts(self, pairs: list[tuple[str, str]], bounds: tuple[str, str], per_pair: int,
                      statements: bool) -> GraphSnapshot:
        with self._session() as run:
            return graph_ops.linking_facts(run, pairs, bounds, per_pair, statements, cypher.LADYBUG)

    def linked(self, pairs: list[tuple[str, str]], bounds: tuple[str, str],
               statements: bool) -> list[tuple[str, str]]:
        with self._session() as run:
            return graph_ops.linked(run, pairs, bounds, statements)

    def read_cypher(self, query: str, params: dict[str, Any], row_cap: int) -> list[dict[str, Any]]:
        """Run a user's query on a second, read-only ``Database`` of the same file.

        LadybugDB lets a read-only database be opened beside this process's
        read-write one; it sees what was committed when it opened, and refuses
        every write itself. Opening one per query costs milliseconds and always
        shows the latest commit. ``cypher_guard`` additionally refuses file
        access (``COPY ... TO``, ``LOAD FROM``), extensions, ``ATTACH`` and
        table functions outside an allow-list, which read-only mode permits.
        """
        cypher_guard.screen(query, dialect="ladybug")
        with self._lock, _wrapped(user_query=True):
            reader = ladybug.Database(str(self._file), read_only=True,
                                      buffer_pool_size=_READER_BUFFER_POOL)
            try:
                return self._read_with(reader, query, params, row_cap)
            finally:
                reader.close()

    def _read_with(self, reader: ladybug.Database, query: str, params: dict[str, Any],
                   row_cap: int) -> list[dict[str, Any]]:
        conn = ladybug.Connection(reader)
        try:
            conn.set_query_timeout(self._timeout_ms)
            return _fetch(conn.execute(query, dict(params)), row_cap)
        finally:
            conn.close()

    # --- plumbing ----------------------------------------------------------------

    def _run(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        result = self._conn.execute(query, dict(params))
        try:
            names = result.get_column_names()
            return [dict(zip(names, values)) for values in result.get_all()]
        finally:
            result.close()

    @contextmanager
    def _session(self) -> Iterator[graph_ops.Run]:
        with self._lock, _wrapped():
            yield self._run

    @contextmanager
    def _transaction(self) -> Iterator[graph_ops.Run]:
        with self._session() as run:
            run(cypher.LADYBUG_BEGIN, {})
            try:
                yield run
            except BaseException:
                self._rollback()
                raise
            run(cypher.LADYBUG_COMMIT, {})

    def _rollback(self) -> None:
        # A failed statement may already have ended the transaction; the error
        # worth reporting is that statement's, not this one's.
        try:
            self._run(cypher.LADYBUG_ROLLBACK, {})
        except RuntimeError:
            log.debug("nothing to roll back", exc_info=True)


def _add_listing_keys(run: graph_ops.Run, rel: Rel) -> None:
    have = {r["name"] for r in run(cypher.LADYBUG_REL_COLUMNS[rel], {})}
    missing = [c.name for c in rows.LISTING_KEYS if c.name not in have]
    for name in missing:
        run(cypher.LADYBUG_ADD_LISTING_KEY[rel, name], {})
    if missing:
        log.info("adding the listing keys of %s links written by an older version", rel)
        run(cypher.LADYBUG_LISTING_BACKFILL[rel], {})


@contextmanager
def _wrapped(*, user_query: bool = False) -> Iterator[None]:
    """LadybugDB raises ``RuntimeError`` for everything; sort it into ``kg.errors``."""
    try:
        yield
    except RuntimeError as exc:
        message = str(exc)
        if user_query and message.startswith(_INTERRUPTED):
            raise QueryRejected("the query exceeded the time limit and was stopped") from exc
        if user_query and message.startswith(_USER_ERRORS):
            raise QueryRejected(message.splitlines()[0]) from exc
        if "lock" in message.lower():
            raise StoreUnavailable(f"LadybugDB store is busy: {message}") from exc
        log.debug("LadybugDB error", exc_info=True)
        raise StoreError(f"LadybugDB: {message}") from exc
    except OSError as exc:
        raise StoreUnavailable(f"LadybugDB store cannot be opened: {exc}") from exc


def _fetch(result: Any, row_cap: int) -> list[dict[str, Any]]:
    if isinstance(result, list):  # several statements in one text
        for each in result:
            each.close()
        raise QueryRejected("only one statement may be run at a time")
    try:
        names = result.get_column_names()
        rows = []
        while len(rows) < row_cap and result.has_next():
            rows.append({n: plain(v) for n, v in zip(names, result.get_next())})
        return rows
    finally:
        result.close()


def plain(value: Any) -> Any:
    """JSON-able Python for a LadybugDB value: nodes as properties plus ``_labels``,
    relationships as properties plus ``_type`` (the shape ``Neo4jStore`` returns)."""
    if isinstance(value, dict):
        return _plain_map(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # ISO 8601, as Neo4j durations are given
        return f"P{value.days}DT{value.seconds + value.microseconds / 1e6:g}S"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _plain_map(value: dict[str, Any]) -> dict[str, Any]:
    if "_NODES" in value:
        return {"nodes": plain(value["_NODES"]), "relationships": plain(value["_RELS"])}
    if "_LABEL" not in value or "_ID" not in value:
        return {k: plain(v) for k, v in value.items()}
    # Like Neo4j, a node or relationship shows the properties it has (not null ones).
    props = {k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
    if "_SRC" in value:
        return props | {"_type": value["_LABEL"]}
    return props | {"_labels": [value["_LABEL"]]}

"""Every Cypher text of the project: Neo4j's and LadybugDB's.

Values are always ``$parameters``. Labels, relationship types and property
names are interpolated only here, at module load, from ``ontology.mapping`` and
the table spec in ``kg.rows`` -- never from data. Property names are quoted
with backticks because ``start``, ``end`` and ``index`` are keywords in
LadybugDB. Filter queries are assembled from the fixed fragments below.

Sections: what both dialects run alike (reads, filters, deletes, location
links), the writes that differ (``Dialect``), then each store's own texts:
Neo4j's constraints and indexes, LadybugDB's tables. LadybugDB writes cast every
value, because it infers a parameter's type from its values and an all-null
column would otherwise bind as the wrong type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from kg.model import EventType
from kg.rows import LINKS, LISTING_KEYS, NODE_COLUMNS, RELATIONS, Column, Link
from ontology.mapping import EVENT_LABELS, Label, Rel


def _q(name: str) -> str:
    return f"`{name}`"


def _returns(var: str, columns: Iterable[Column]) -> str:
    return ", ".join(f"{var}.{_q(c.name)} AS {_q(c.name)}" for c in columns)


# --- shared: reads -----------------------------------------------------------------
#
# Reads come in pairs: every row, or the rows of ``$ids``. Nodes are fetched by
# ``UNWIND $ids ... {id: i}`` (a primary-key lookup per id in LadybugDB, an index
# seek in Neo4j); relationship reads filter with ``IN $ids``, LadybugDB's fastest
# form for them.


class Select(NamedTuple):
    every: str  # no parameters
    some: str  # takes $ids


def _node_select(label: Label) -> Select:
    returns = _returns("n", NODE_COLUMNS[label])
    return Select(f"MATCH (n:{label}) RETURN {returns} ORDER BY n.id",
                  f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {returns}")


def _rel_select(pattern: str, returns: str) -> Select:
    return Select(f"MATCH {pattern} RETURN f.id AS fact, {returns}",
                  f"MATCH {pattern} WHERE f.id IN $ids RETURN f.id AS fact, {returns}")


DOCUMENT_HASH = "MATCH (d:Document {id: $id}) RETURN d.content_hash AS content_hash"

NODE_ROWS: dict[Label, Select] = {label: _node_select(label) for label in Label}
ENTRIES = (f"MATCH (n:Entry) RETURN {_returns('n', NODE_COLUMNS[Label.ENTRY])} "
           f"ORDER BY n.document, n.{_q('index')}")


def _stored(label: Label) -> str:
    aliased = any(c.name == "aliases" for c in NODE_COLUMNS[label])
    extra = ", n.name AS name, n.aliases AS aliases" if aliased else ""
    return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id{extra}"


# Which of the nodes about to be written are stored already (with the aliases to unite).
STORED: dict[Label, str] = {label: _stored(label) for label in Label}

EVIDENCE_OF: dict[Label, Select] = {
    label: _rel_select(f"(v:Evidence)-[:{Rel.SUPPORTS}]->(f:{label})",
                       _returns("v", NODE_COLUMNS[Label.EVIDENCE][1:]))
    for label in (Label.EVENT, Label.STATEMENT)}
PARTICIPANTS_OF = _rel_select(f"(a:Actor)-[p:{Rel.PARTICIPATED_IN}]->(f:Event)",
                              "a.id AS actor, p.role AS role")
LOCATIONS_OF = _rel_select(f"(f:Event)-[:{Rel.OCCURRED_AT}]->(l:Location)", "l.id AS location")
SPEAKERS_OF = _rel_select(f"(a:Actor)-[:{Rel.SAID}]->(f:Statement)", "a.id AS actor")
ABOUT_OF = _rel_select(f"(f:Statement)-[:{Rel.ABOUT}]->(a:Actor)", "a.id AS actor")
CHANNELS_OF = _rel_select(f"(f:Statement)-[:{Rel.CARRIED_BY}]->(a:Actor)", "a.id AS actor")

# Neo4j: the facts of $ids with all their parts in one round trip (COLLECT subqueries;
# LadybugDB has none, and reads the parts above one query each).
def _map(var: str, columns: Iterable[Column]) -> str:
    return "{" + ", ".join(f"{_q(c.name)}: {var}.{_q(c.name)}" for c in columns) + "}"


_EVIDENCE_PART = (f"COLLECT {{ MATCH (v:{Label.EVIDENCE})-[:{Rel.SUPPORTS}]->(n) "
                  f"RETURN {_map('v', NODE_COLUMNS[Label.EVIDENCE][1:])} }} AS evidence")
WHOLE_FACTS_NEO4J: dict[Label, str] = {
    Label.EVENT: (f"UNWIND $ids AS i MATCH (n:{Label.EVENT} {{id: i}}) "
                  f"RETURN {_returns('n', NODE_COLUMNS[Label.EVENT])}, {_EVIDENCE_PART}, "
                  f"COLLECT {{ MATCH (a:{Label.ACTOR})-[p:{Rel.PARTICIPATED_IN}]->(n) "
                  "RETURN [a.id, p.role] } AS participants, "
                  f"COLLECT {{ MATCH (n)-[:{Rel.OCCURRED_AT}]->(l:{Label.LOCATION}) RETURN l.id }} AS locations"),
    Label.STATEMENT: (f"UNWIND $ids AS i MATCH (n:{Label.STATEMENT} {{id: i}}) "
                      f"RETURN {_returns('n', NODE_COLUMNS[Label.STATEMENT])}, {_EVIDENCE_PART}, "
                      f"COLLECT {{ MATCH (a:{Label.ACTOR})-[:{Rel.SAID}]->(n) RETURN a.id }} AS speakers, "
                      f"COLLECT {{ MATCH (n)-[:{Rel.CARRIED_BY}]->(a:{Label.ACTOR}) RETURN a.id }} AS channels, "
                      f"COLLECT {{ MATCH (n)-[:{Rel.ABOUT}]->(a:{Label.ACTOR}) RETURN a.id }} AS about")}

COUNT_NODES: dict[Label, str] = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in Label}
COUNT_RELS: dict[Rel, str] = {rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in Rel}

# --- shared: filtered selection (fixed fragments, $parameters only) ----------------

_PARTICIPATES = f"-[p:{Rel.PARTICIPATED_IN}]->(n)"
EVENT_FILTERS: dict[str, str] = {
    "type": "n.`type` = $type",
    "actor": f"EXISTS {{ MATCH (:Actor {{id: $actor}}){_PARTICIPATES} }}",
    "actor_role": f"EXISTS {{ MATCH (:Actor {{id: $actor}}){_PARTICIPATES} WHERE p.role = $role }}",
    "role": f"EXISTS {{ MATCH (:Actor){_PARTICIPATES} WHERE p.role = $role }}",
    # An event in Kyiv is also an event in Kyiv oblast and in Ukraine.
    "location": (f"EXISTS {{ MATCH (n)-[:{Rel.OCCURRED_AT}]->(:Location)-[:{Rel.WITHIN}*0..]->"
                 "(:Location {id: $location}) }"),
    "date_from": "n.`date` >= $date_from",
    "date_to": "n.`date` <= $date_to",
}
ACTOR_FILTERS: dict[str, str] = {
    "text": "n.search CONTAINS $text",
    "type": "n.`type` = $type",
}
STATEMENT_FILTERS: dict[str, str] = {
    "speaker": f"EXISTS {{ MATCH (:Actor {{id: $speaker}})-[:{Rel.SAID}]->(n) }}",
    "about": f"EXISTS {{ MATCH (n)-[:{Rel.ABOUT}]->(:Actor {{id: $about}}) }}",
    "stance": "n.stance = $stance",
    "date_from": "n.`date` >= $date_from",
    "date_to": "n.`date` <= $date_to",
}


class Listing(NamedTuple):
    """An actor filter a listing starts from: the actor's links carry its id and the
    fact's date (``kg.rows.LISTING_KEYS``), so Neo4j reads the page off one index,
    newest first, however many facts the actor has."""

    rel: Rel
    param: str  # the parameter holding the actor's id
    role: bool = False  # also filter the link's role ($role)


LISTINGS: dict[Label, dict[str, Listing]] = {  # fragment name -> listing, preferred first
    Label.EVENT: {"actor_role": Listing(Rel.PARTICIPATED_IN, "actor", role=True),
                  "actor": Listing(Rel.PARTICIPATED_IN, "actor")},
    Label.STATEMENT: {"speaker": Listing(Rel.SAID, "speaker"), "about": Listing(Rel.ABOUT, "about")},
}
_DATED = (Label.EVENT, Label.STATEMENT)
_DATE_FRAGMENTS = ("date_from", "date_to")
# LadybugDB 0.22 crashes the process on ORDER BY ... SKIP n for n of some thousands
# (lower with two sort keys), so it gets the first $upto rows and the caller skips.
_PAGE = {True: "SKIP $offset LIMIT $limit", False: "LIMIT $upto"}


def select_ids(label: Label, fragments: Mapping[str, str], active: Iterable[str], *,
               neo4j: bool = True) -> str:
    """Ids of ``label`` nodes passing the named fragments, one page: events and
    statements newest first (undated last, then by id), other nodes by id."""
    active = list(active)
    unknown = [name for name in active if name not in fragments]
    if unknown:
        raise KeyError(unknown[0])  # no such filter fragment
    anchor = next((name for name in LISTINGS.get(label, {}) if name in active), None)
    if anchor is not None:
        return _listing(label, LISTINGS[label][anchor], fragments,
                        [name for name in active if name != anchor], neo4j)
    where = " AND ".join(fragments[name] for name in active)
    order = "coalesce(n.`date`, '') DESC, n.id" if label in _DATED else "n.id"
    return (f"MATCH (n:{label}) {'WHERE ' + where if where else ''} "
            f"RETURN n.id AS id ORDER BY {order} {_PAGE[neo4j]}")


def _listing(label: Label, listing: Listing, fragments: Mapping[str, str], rest: list[str],
             neo4j: bool) -> str:
    """Start from the actor's links. Neo4j seeks its (actor, date_key) index, and the
    ORDER BY on both keys lets it stop after one page; LadybugDB starts from the
    actor's primary key."""
    actor_end = RELATIONS[listing.rel].listing
    other = "()" if neo4j else f"(a:{Label.ACTOR})"
    pattern = (f"{other}-[k:{listing.rel}]->(n:{label})" if actor_end == "src"
               else f"(n:{label})-[k:{listing.rel}]->{other}")
    where = [f"k.actor = ${listing.param}" if neo4j else f"a.id = ${listing.param}"]
    where += ["k.role = $role"] if listing.role else []
    where += ["k.date_key >= $date_from"] if "date_from" in rest else []
    where += ["'' < k.date_key AND k.date_key <= $date_to"] if "date_to" in rest else []
    # Always true (undated is ""), but without a predicate on the second key Neo4j 5
    # does not consider the composite index.
    where += ["k.date_key IS NOT NULL"]
    where += [fragments[name] for name in rest if name not in _DATE_FRAGMENTS]
    # DISTINCT: an actor can hold two roles in one event.
    return (f"MATCH {pattern} WHERE {' AND '.join(where)} "
            "RETURN DISTINCT k.actor AS actor, k.date_key AS date_key, n.id AS id "
            f"ORDER BY actor DESC, date_key DESC, id {_PAGE[neo4j]}")


# --- shared: deletes ---------------------------------------------------------------

FACTS_OF_DOCUMENT: dict[Label, str] = {
    label: (f"MATCH (v:Evidence {{document: $id}})-[:{Rel.SUPPORTS}]->(f:{label}) "
            "RETURN DISTINCT f.id AS id")
    for label in (Label.EVENT, Label.STATEMENT)}
DELETE_EVIDENCE_OF_DOCUMENT = "MATCH (v:Evidence {document: $id}) DETACH DELETE v"
DELETE_UNSUPPORTED: dict[Label, str] = {
    label: (f"UNWIND $ids AS i MATCH (f:{label} {{id: i}}) "
            f"WHERE NOT EXISTS {{ MATCH (:Evidence)-[:{Rel.SUPPORTS}]->(f) }} DETACH DELETE f")
    for label in (Label.EVENT, Label.STATEMENT)}
DELETE_ENTRIES_OF_DOCUMENT = "MATCH (e:Entry {document: $id}) DETACH DELETE e"
DELETE_DOCUMENT = "MATCH (d:Document {id: $id}) DETACH DELETE d"
# Only facts hold actors and places in the graph; a region stays while a place within it is used.
DELETE_UNUSED_ACTORS = (
    "MATCH (a:Actor) WHERE "
    f"NOT EXISTS {{ MATCH (a)-[:{Rel.PARTICIPATED_IN}]->(:Event) }} "
    f"AND NOT EXISTS {{ MATCH (a)-[:{Rel.SAID}]->(:Statement) }} "
    f"AND NOT EXISTS {{ MATCH (:Statement)-[:{Rel.ABOUT}]->(a) }} "
    f"AND NOT EXISTS {{ MATCH (:Statement)-[:{Rel.CARRIED_BY}]->(a) }} DETACH DELETE a")
DELETE_UNUSED_LOCATIONS = (
    "MATCH (l:Location) WHERE NOT EXISTS { "
    f"MATCH (:Event)-[:{Rel.OCCURRED_AT}]->(:Location)-[:{Rel.WITHIN}*0..]->(l) }} DETACH DELETE l")

# --- shared: writes that need no casts ---------------------------------------------

# WITHIN follows the stored (first-written) parent, in both directions: a place
# written now may be the parent of places already stored.
LINK_TO_PARENTS = (f"UNWIND $ids AS i MATCH (c:Location {{id: i}}) MATCH (p:Location) "
                   f"WHERE p.id = c.parent MERGE (c)-[:{Rel.WITHIN}]->(p)")
LINK_FROM_CHILDREN = (f"UNWIND $ids AS i MATCH (p:Location {{id: i}}) MATCH (c:Location) "
                      f"WHERE c.parent = p.id MERGE (c)-[:{Rel.WITHIN}]->(p)")


# --- dialect-specific writes -------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    """The writes that differ between the stores; every one takes ``$rows``.

    ``create_event`` and ``create_node`` get only rows whose id is not stored yet
    (Neo4j still MERGEs them, so a concurrent writer cannot cause a duplicate;
    LadybugDB CREATEs them, because its MERGE scans the whole table).
    ``update_node`` rewrites the ``update`` columns of stored nodes.
    ``create_link`` gets only links whose owning end was created in the same
    transaction, which cannot exist yet (LadybugDB CREATEs them; Neo4j, which
    can have concurrent writers, MERGEs them); ``merge_link`` the others.
    ``looked_up`` are the labels whose stored nodes must be read before writing
    (on Neo4j only the aliased ones, whose aliases are united in Python: its
    ``create_node`` MERGEs, and also rewrites the labels whose every column is
    ``update``, so a lookup there would decide nothing).
    """

    create_node: Mapping[Label, str]
    create_event: Mapping[EventType, str]
    update_node: Mapping[Label, str]
    merge_link: Mapping[Link, str]
    create_link: Mapping[Link, str]
    looked_up: frozenset[Label]
    neo4j: bool  # which store's listing queries to build (``select_ids``)

    def create(self, label: Label, row: Mapping[str, object]) -> str:
        """The query creating this row's node (events: per kind, for Neo4j's kind labels)."""
        if label is Label.EVENT:
            return self.create_event[EventType(row["type"])]
        return self.create_node[label]


def _value(column: Column, cast: bool) -> str:
    ref = f"row.{_q(column.name)}"
    return f"CAST({ref} AS {column.kind})" if cast else ref


def _assignments(columns: Iterable[Column], cast: bool) -> str:
    return ", ".join(f"n.{_q(c.name)} = {_value(c, cast)}" for c in columns)


def _create_node(label: Label, merge: bool, kind_label: str | None = None) -> str:
    columns = NODE_COLUMNS[label][1:]
    if not merge:
        props = ", ".join(f"{_q(c.name)}: {_value(c, True)}" for c in NODE_COLUMNS[label])
        return f"UNWIND $rows AS row CREATE (n:{label} {{{props}}})"
    extra = f"n:{kind_label}, " if kind_label else ""
    # A node whose every column is rewritten (documents, entries) is upserted whole.
    on_create = "" if _rewritten_whole(label) else "ON CREATE "
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
            f"{on_create}SET {extra}{_assignments(columns, False)}")


def _rewritten_whole(label: Label) -> bool:
    columns = NODE_COLUMNS[label][1:]
    return all(c.update for c in columns) and not any(c.name == "aliases" for c in columns)


def _update_node(label: Label, cast: bool) -> str:
    columns = [c for c in NODE_COLUMNS[label][1:] if c.update]
    return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET {_assignments(columns, cast)}"


def _link_props(link: Link, cast: bool, *, listing: bool = False) -> str:
    """The link pattern ``[k:REL {props}]``, with the listing keys when ``listing``."""
    spec = RELATIONS[link.rel]
    props = [f"{_q(c.name)}: {_value(c, cast)}" for c in spec.properties]
    if listing and spec.listing is not None:
        props += [f"{key}: {value}" for key, value in _listing_values(link)]
    return f"[k:{link.rel}{' {' + ', '.join(props) + '}' if props else ''}]"


def _listing_values(link: Link) -> list[tuple[str, str]]:
    """The listing keys (``kg.rows.LISTING_KEYS``), from the ends as stored."""
    actor, fact = ("a", "b") if RELATIONS[link.rel].listing == "src" else ("b", "a")
    return [("actor", f"{actor}.id"), ("date_key", f"coalesce({fact}.`date`, '')")]


def _listing_set(link: Link) -> str:
    # Set after the MERGE, not in its pattern: Neo4j would then scan the listing
    # index for every row.
    if RELATIONS[link.rel].listing is None:
        return ""
    return " ON CREATE SET " + ", ".join(f"k.{key} = {value}" for key, value in _listing_values(link))


def _link_ends(link: Link) -> str:
    # WHERE-matching by id, not {id: row.src} patterns: LadybugDB plans the latter
    # as a join over whole tables.
    return (f"UNWIND $rows AS row MATCH (a:{link.src}) WHERE a.id = row.src "
            f"MATCH (b:{link.dst}) WHERE b.id = row.dst")


def _merge_link(link: Link, cast: bool) -> str:
    guard = {"src": f" AND NOT EXISTS {{ MATCH (a)-[:{link.rel}]->(:{link.dst}) }}",
             "dst": f" AND NOT EXISTS {{ MATCH (:{link.src})-[:{link.rel}]->(b) }}",
             None: ""}[RELATIONS[link.rel].single]
    return f"{_link_ends(link)}{guard} MERGE (a)-{_link_props(link, cast)}->(b){_listing_set(link)}"


def _create_link(link: Link, cast: bool) -> str:
    return f"{_link_ends(link)} CREATE (a)-{_link_props(link, cast, listing=True)}->(b)"


def _dialect(neo4j: bool) -> Dialect:
    cast = not neo4j
    updated = [label for label, cols in NODE_COLUMNS.items() if any(c.update for c in cols[1:])]
    return Dialect(
        create_node={label: _create_node(label, neo4j) for label in NODE_COLUMNS},
        create_event={kind: _create_node(Label.EVENT, neo4j, EVENT_LABELS[kind] if neo4j else None)
                      for kind in EventType},
        update_node={label: _update_node(label, cast) for label in updated},
        merge_link={link: _merge_link(link, cast) for link in LINKS},
        # Neo4j MERGEs these too: a concurrent writer may have created the same
        # "new" node a moment earlier (MERGE waits for it), and its links with it.
        create_link={link: (_merge_link if neo4j else _create_link)(link, cast) for link in LINKS},
        looked_up=frozenset(label for label in NODE_COLUMNS
                            if not neo4j or (label in updated and not _rewritten_whole(label))),
        neo4j=neo4j)


# --- Neo4j -------------------------------------------------------------------------

NEO4J = _dialect(neo4j=True)

_NEO4J_INDEXED: tuple[tuple[Label, str], ...] = (
    (Label.EVENT, "date"), (Label.EVENT, "type"), (Label.ACTOR, "name"), (Label.STATEMENT, "date"),
    (Label.EVIDENCE, "document"), (Label.ENTRY, "document"), (Label.LOCATION, "parent"))

NEO4J_SETUP: tuple[str, ...] = (
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in Label),
    *(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{_q(prop)})"
      for label, prop in _NEO4J_INDEXED),
    "CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON (n.search)",
    *(f"CREATE INDEX {rel.lower()}_listing IF NOT EXISTS FOR ()-[k:{rel}]-() "
      f"ON ({', '.join('k.' + c.name for c in LISTING_KEYS)})"
      for rel, spec in RELATIONS.items() if spec.listing),
)
NEO4J_WIPE = "MATCH (n) DETACH DELETE n"
NEO4J_PING = "RETURN 1 AS ok"
NEO4J_EXPLAIN = "EXPLAIN "

# --- LadybugDB ---------------------------------------------------------------------

LADYBUG = _dialect(neo4j=False)


def _node_table(label: Label) -> str:
    key, *rest = NODE_COLUMNS[label]
    columns = [f"{_q(key.name)} {key.kind} PRIMARY KEY", *(f"{_q(c.name)} {c.kind}" for c in rest)]
    return f"CREATE NODE TABLE IF NOT EXISTS {label}({', '.join(columns)})"


def _rel_table(rel: Rel) -> str:
    spec = RELATIONS[rel]
    parts = [f"FROM {a} TO {b}" for a, b in spec.pairs]
    listing = LISTING_KEYS if spec.listing else ()
    parts += [f"{_q(c.name)} {c.kind}" for c in (*spec.properties, *listing)]
    return f"CREATE REL TABLE IF NOT EXISTS {rel}({', '.join(parts)})"


LADYBUG_SETUP: tuple[str, ...] = (*(_node_table(label) for label in NODE_COLUMNS),
                                  *(_rel_table(rel) for rel in RELATIONS))
LADYBUG_BEGIN = "BEGIN TRANSACTION"
LADYBUG_COMMIT = "COMMIT"
LADYBUG_ROLLBACK = "ROLLBACK"
LADYBUG_PING = "RETURN 1 AS ok"


# Fixed texts, labels from the ontology mapping; both stores' read-only Cypher runs them
# (the explorer's entry-text endpoint).
# Backquotes (and $lo/$hi for parameters): `start` and `end` are keywords in LadybugDB.
EXPLORE_DOCUMENT = (f"MATCH (d:{Label.DOCUMENT} {{id: $id}}) RETURN d.source AS source, "
             "d.title AS title, d.published AS published, d.text AS text")
EXPLORE_ENTRY = (f"MATCH (e:{Label.ENTRY}) WHERE e.document = $id AND e.`start` <= $lo "
          "AND $hi <= e.`end` RETURN e.id AS id, e.headline AS headline, "
          "e.published AS published, e.`start` AS entry_start, e.`end` AS entry_end "
          "ORDER BY e.`start` DESC LIMIT 1")


# --- the actor network around some actors (kg.network) ------------------------------
#
# All take $lo/$hi, bounds on the links' date_key ("" = undated; kg.network.bounds).

# An actor's most recent facts through one listing relationship, newest first, $n of
# them. LadybugDB: the ids, for one $actor, from its primary key. Neo4j: for every
# actor of $actors at once, off the (actor, date_key) index, straight into what the
# network needs of them (NETWORK_EVENTS/STATEMENTS below, without looking them up again).
def _listing_scan(rel: Rel) -> str:
    """The listing links ``k`` of one relationship type and their facts ``f``."""
    return f"MATCH ()-[k:{rel}]->(f)" if RELATIONS[rel].listing == "src" else f"MATCH (f)-[k:{rel}]->()"


def _recent(rel: Rel, returns: str) -> str:
    return (f"CALL (me) {{ {_listing_scan(rel)} WHERE k.actor = me AND k.date_key >= $lo AND k.date_key <= $hi "
            "WITH DISTINCT k.actor AS ka, k.date_key AS kd, f ORDER BY ka DESC, kd DESC, f.id LIMIT $n "
            f"RETURN collect(f) AS {returns} }} ")


RECENT_FACTS_LADYBUG: dict[Rel, str] = {
    rel: ((f"MATCH (a:{Label.ACTOR})-[k:{rel}]->(f)" if spec.listing == "src"
           else f"MATCH (f)-[k:{rel}]->(a:{Label.ACTOR})")
          + " WHERE a.id = $actor AND k.date_key >= $lo AND k.date_key <= $hi "
          "WITH DISTINCT k.date_key AS kd, f.id AS id ORDER BY kd DESC, id LIMIT $n "
          "RETURN collect(id) AS ids")
    for rel, spec in RELATIONS.items() if spec.listing}

# The neighbours of each actor of $ids in the interaction network, one list per actor
# (a hub has tens of thousands; one row each would cost more to send than to find):
# actors in one event, and speaker -> about of a statement (both directions).
NEIGHBOURS_BY_EVENT = (
    f"MATCH (a:{Label.ACTOR})-[k:{Rel.PARTICIPATED_IN}]->(:{Label.EVENT})"
    f"<-[:{Rel.PARTICIPATED_IN}]-(o:{Label.ACTOR}) WHERE a.id IN $ids AND o.id <> a.id "
    "AND k.date_key >= $lo AND k.date_key <= $hi RETURN a.id AS actor, collect(DISTINCT o.id) AS others")
NEIGHBOURS_BY_STATEMENT = (
    (f"MATCH (a:{Label.ACTOR})-[k:{Rel.SAID}]->(:{Label.STATEMENT})-[:{Rel.ABOUT}]->(o:{Label.ACTOR}) "
     "WHERE a.id IN $ids AND o.id <> a.id AND k.date_key >= $lo AND k.date_key <= $hi "
     "RETURN a.id AS actor, collect(DISTINCT o.id) AS others"),
    (f"MATCH (a:{Label.ACTOR})<-[k:{Rel.ABOUT}]-(:{Label.STATEMENT})<-[:{Rel.SAID}]-(o:{Label.ACTOR}) "
     "WHERE a.id IN $ids AND o.id <> a.id AND k.date_key >= $lo AND k.date_key <= $hi "
     "RETURN a.id AS actor, collect(DISTINCT o.id) AS others"))

# How many facts each actor of $ids takes part in, says or is spoken about in:
# the cost of expanding it (Neo4j reads these counts off its degree store).
ACTOR_DEGREES = (
    f"MATCH (a:{Label.ACTOR}) WHERE a.id IN $ids RETURN a.id AS id, "
    f"COUNT {{ MATCH (a)-[:{Rel.PARTICIPATED_IN}]->() }} + COUNT {{ MATCH (a)-[:{Rel.SAID}]->() }} "
    f"+ COUNT {{ MATCH ()-[:{Rel.ABOUT}]->(a) }} AS degree")

# The facts linking two actors directly, at most $n of each kind, newest first;
# anchored at $a, which kg.network makes the end with fewer facts. Each is a tuple:
# events, statements $a said about $b, statements $b said about $a.
# Neo4j walks $a's listing index newest first and stops after $n links to $b (two hubs
# share hundreds of thousands of facts: sorting them all took a second);
# LadybugDB has no such index and starts from $a's primary key.
_LINKED_TO_B = {Rel.PARTICIPATED_IN: f"(f)<-[:{Rel.PARTICIPATED_IN}]-(b:{Label.ACTOR})",
                Rel.SAID: f"(f)-[:{Rel.ABOUT}]->(b:{Label.ACTOR})",
                Rel.ABOUT: f"(f)<-[:{Rel.SAID}]-(b:{Label.ACTOR})"}
LINKING_NEO4J: tuple[str, ...] = tuple(
    _listing_scan(rel) + " WHERE k.actor = $a AND k.date_key >= $lo AND k.date_key <= $hi "
    f"AND EXISTS {{ MATCH {pattern} WHERE b.id = $b }} "
    "RETURN DISTINCT k.actor AS ka, k.date_key AS kd, f.id AS id ORDER BY ka DESC, kd DESC, id LIMIT $n"
    for rel, pattern in _LINKED_TO_B.items())
LINKING_LADYBUG: tuple[str, ...] = (
    (f"MATCH (a:{Label.ACTOR})-[k:{Rel.PARTICIPATED_IN}]->(f:{Label.EVENT})"
     f"<-[:{Rel.PARTICIPATED_IN}]-(b:{Label.ACTOR}) WHERE a.id = $a AND b.id = $b "
     "AND k.date_key >= $lo AND k.date_key <= $hi "
     "RETURN DISTINCT k.date_key AS kd, f.id AS id ORDER BY kd DESC, id LIMIT $n"),
    (f"MATCH (a:{Label.ACTOR})-[k:{Rel.SAID}]->(f:{Label.STATEMENT})-[:{Rel.ABOUT}]->(b:{Label.ACTOR}) "
     "WHERE a.id = $a AND b.id = $b AND k.date_key >= $lo AND k.date_key <= $hi "
     "RETURN DISTINCT k.date_key AS kd, f.id AS id ORDER BY kd DESC, id LIMIT $n"),
    (f"MATCH (a:{Label.ACTOR})<-[k:{Rel.ABOUT}]-(f:{Label.STATEMENT})<-[:{Rel.SAID}]-(b:{Label.ACTOR}) "
     "WHERE a.id = $a AND b.id = $b AND k.date_key >= $lo AND k.date_key <= $hi "
     "RETURN DISTINCT k.date_key AS kd, f.id AS id ORDER BY kd DESC, id LIMIT $n"))

# Which pairs of $pairs ({a, b} maps) are linked directly by at least one fact, without
# listing the facts: EXISTS stops at the first one, so a check of two hubs costs little
# when they are linked (they usually are), unlike listing either's neighbours.
_LINKED_BY_EVENT = (f"EXISTS {{ MATCH (a)-[k:{Rel.PARTICIPATED_IN}]->(:{Label.EVENT})"
                    f"<-[:{Rel.PARTICIPATED_IN}]-(b) WHERE k.date_key >= $lo AND k.date_key <= $hi }}")
_LINKED_BY_STATEMENT = (
    f"EXISTS {{ MATCH (a)-[k:{Rel.SAID}]->(:{Label.STATEMENT})-[:{Rel.ABOUT}]->(b) "
    "WHERE k.date_key >= $lo AND k.date_key <= $hi } OR "
    f"EXISTS {{ MATCH (b)-[k:{Rel.SAID}]->(:{Label.STATEMENT})-[:{Rel.ABOUT}]->(a) "
    "WHERE k.date_key >= $lo AND k.date_key <= $hi }")
LINKED_PAIRS = (
    # Two MATCH clauses: LadybugDB plans "(a), (b) WHERE ..." as a cross product of the table.
    f"UNWIND $pairs AS p MATCH (a:{Label.ACTOR}) WHERE a.id = p.a MATCH (b:{Label.ACTOR}) WHERE b.id = p.b "
    f"AND ({_LINKED_BY_EVENT} OR ($statements AND ({_LINKED_BY_STATEMENT}))) "
    "RETURN a.id AS a, b.id AS b")

# What the interaction network needs of facts (no evidence, no text), as parallel
# lists in one row: thousands of rows would cost more to send than to find.
# Nulls become "" because collect() drops them.
_NETWORK_EVENT_ROWS = (
    f"OPTIONAL MATCH (a:{Label.ACTOR})-[p:{Rel.PARTICIPATED_IN}]->(f) "
    "WITH f, collect(a.id) AS actors, collect(p.role) AS roles "
    "RETURN collect(f.id) AS ids, collect(f.`type`) AS types, collect(coalesce(f.`date`, '')) AS dates, "
    "collect(actors) AS actors, collect(roles) AS roles")
_NETWORK_STATEMENT_ROWS = (
    f"OPTIONAL MATCH (s:{Label.ACTOR})-[:{Rel.SAID}]->(f) "
    f"OPTIONAL MATCH (f)-[:{Rel.ABOUT}]->(b:{Label.ACTOR}) "
    "WITH f, s, collect(b.id) AS about "
    "RETURN collect(f.id) AS ids, collect(coalesce(f.`date`, '')) AS dates, "
    "collect(coalesce(f.stance, '')) AS stances, collect(coalesce(s.id, '')) AS speakers, "
    "collect(about) AS about")
NETWORK_EVENTS = f"UNWIND $ids AS i MATCH (f:{Label.EVENT}) WHERE f.id = i {_NETWORK_EVENT_ROWS}"
NETWORK_STATEMENTS = f"UNWIND $ids AS i MATCH (f:{Label.STATEMENT}) WHERE f.id = i {_NETWORK_STATEMENT_ROWS}"
RECENT_EVENTS_NEO4J = (f"UNWIND $actors AS me {_recent(Rel.PARTICIPATED_IN, 'took')}"
                       f"UNWIND took AS f WITH DISTINCT f {_NETWORK_EVENT_ROWS}")
RECENT_STATEMENTS_NEO4J = (f"UNWIND $actors AS me {_recent(Rel.SAID, 'said')}{_recent(Rel.ABOUT, 'heard')}"
                           f"UNWIND said + heard AS f WITH DISTINCT f {_NETWORK_STATEMENT_ROWS}")


# --- stores written before the listing keys existed --------------------------------
#
# Setup fills ``actor``/``date_key`` on links that lack them (LadybugDB first adds the
# columns), so an older store answers listings completely.

LISTING_RELS: tuple[Rel, ...] = tuple(rel for rel, spec in RELATIONS.items() if spec.listing)


def _listing_link(rel: Rel) -> str:
    return (f"(a:{Label.ACTOR})-[k:{rel}]->(f)" if RELATIONS[rel].listing == "src"
            else f"(f)-[k:{rel}]->(a:{Label.ACTOR})")


NEO4J_LISTING_BACKFILL: dict[Rel, str] = {
    rel: (f"MATCH {_listing_link(rel)} WHERE k.date_key IS NULL CALL (a, k, f) "
          "{ SET k.actor = a.id, k.date_key = coalesce(f.`date`, '') } IN TRANSACTIONS OF 10000 ROWS")
    for rel in LISTING_RELS}
LADYBUG_REL_COLUMNS: dict[Rel, str] = {rel: f"CALL table_info('{rel}') RETURN name" for rel in LISTING_RELS}
LADYBUG_ADD_LISTING_KEY: dict[tuple[Rel, str], str] = {
    (rel, c.name): f"ALTER TABLE {rel} ADD {_q(c.name)} {c.kind} DEFAULT ''"
    for rel in LISTING_RELS for c in LISTING_KEYS}
LADYBUG_LISTING_BACKFILL: dict[Rel, str] = {
    rel: f"MATCH {_listing_link(rel)} SET k.actor = a.id, k.date_key = coalesce(f.`date`, '')"
    for rel in LISTING_RELS}

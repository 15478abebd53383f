"""Network analytics over a graph snapshot (networkx), returning JSON-ready dicts.

The actor interaction network has one node per actor and aggregated edges:

- ``kind="event"``: two actors took part in the same events of one type. When
  their roles have a direction (``attacker -> target``, ``donor -> recipient``...)
  the edge is directed from the acting side; otherwise (two participants, two
  attackers) it is undirected and stored once with ``source < target``.
- ``kind="statement"``: ``speaker -> about``, with a stance breakdown.

``weight`` counts the distinct facts behind an edge. Distances, ego networks,
centrality and communities use the undirected projection (weights summed),
because "who is connected to whom" does not depend on who acted on whom.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.ids import evidence_id
from kg.model import Actor, Event, Role, Statement
from kg.stores.base import GraphSnapshot
from ontology.mapping import Label, Rel

# (acting role, acted-upon role): an event pair with these roles gives a directed edge.
DIRECTED_ROLES: frozenset[tuple[Role, Role]] = frozenset({
    (Role.ATTACKER, Role.TARGET), (Role.ATTACKER, Role.VICTIM),
    (Role.IMPOSER, Role.SANCTIONED), (Role.DONOR, Role.RECIPIENT),
    (Role.INTERCEPTOR, Role.ATTACKER),
})
CENTRALITY_MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


@dataclass(frozen=True)
class Window:
    """An occurrence-date window; undated facts fall outside any bounded window."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def admits(self, date: dt.date | None) -> bool:
        if self.date_from is None and self.date_to is None:
            return True
        if date is None:
            return False
        return (self.date_from is None or date >= self.date_from) and (
            self.date_to is None or date <= self.date_to)


@dataclass
class _EdgeAcc:
    source: str
    target: str
    kind: str
    event_type: str | None
    directed: bool
    facts: set[str] = field(default_factory=set)
    stances: Counter = field(default_factory=Counter)


def _event_pairs(event: Event) -> Iterable[tuple[str, str, bool]]:
    """(source, target, directed) for every pair of distinct actors in the event."""
    roles: dict[str, set[Role]] = {}
    for p in event.participants:
        roles.setdefault(p.actor, set()).add(p.role)
    actors = sorted(roles)
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            a_to_b = any((ra, rb) in DIRECTED_ROLES for ra in roles[a] for rb in roles[b])
            b_to_a = any((rb, ra) in DIRECTED_ROLES for ra in roles[a] for rb in roles[b])
            if a_to_b:
                yield a, b, True
            if b_to_a:
                yield b, a, True
            if not (a_to_b or b_to_a):
                yield a, b, False


def _statement_pairs(statement: Statement) -> Iterable[tuple[str, str]]:
    if statement.speaker is None:
        return
    for about in sorted(set(statement.about)):
        if about != statement.speaker:
            yield statement.speaker, about


def _accumulate(snapshot: GraphSnapshot, window: Window, statements: bool
                ) -> tuple[dict[tuple, _EdgeAcc], set[str]]:
    edges: dict[tuple, _EdgeAcc] = {}
    seen: set[str] = set()
    for ev in snapshot.events:
        if not window.admits(ev.date):
            continue
        seen.update(p.actor for p in ev.participants)
        for s, t, directed in _event_pairs(ev):
            key = (s, t, "event", ev.type.value, directed)
            edges.setdefault(key, _EdgeAcc(s, t, "event", ev.type.value, directed)).facts.add(ev.id)
    for st in snapshot.statements if statements else ():
        if not window.admits(st.date):
            continue
        seen.update(a for a in (st.speaker, *st.about) if a)
        for s, t in _statement_pairs(st):
            acc = edges.setdefault((s, t, "statement", None, True),
                                   _EdgeAcc(s, t, "statement", None, True))
            acc.facts.add(st.id)
            acc.stances[st.stance.value if st.stance else "unknown"] += 1
    return edges, seen


def interaction_graph(snapshot: GraphSnapshot, window: Window = Window(),
                      statements: bool = True) -> nx.MultiDiGraph:
    """The actor interaction network; nodes are actors met in facts inside the window."""
    edges, seen = _accumulate(snapshot, window, statements)
    names = {a.id: a for a in snapshot.actors}
    g = nx.MultiDiGraph()
    for actor_id in sorted(seen):
        g.add_node(actor_id, **_node_attrs(names.get(actor_id)))
    for key in sorted(edges, key=lambda k: tuple("" if x is None else str(x) for x in k)):
        acc = edges[key]
        g.add_edge(acc.source, acc.target, key=f"{acc.kind}:{acc.event_type or ''}:{acc.directed}",
                   kind=acc.kind, event_type=acc.event_type, directed=acc.directed,
                   weight=len(acc.facts), facts=sorted(acc.facts),
                   stances=dict(sorted(acc.stances.items())) if acc.kind == "statement" else None)
    return g


def _node_attrs(actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"name": None, "type": None}
    return {"name": actor.name, "type": actor.type.value}


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """Collapse to a simple undirected graph whose weight sums the multi-edges."""
    u = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    for s, t, data in g.edges(data=True):
        if u.has_edge(s, t):
            u[s][t]["weight"] += data["weight"]
        else:
            u.add_edge(s, t, weight=data["weight"])
    return u


def _edge_json(s: str, t: str, data: dict) -> dict[str, Any]:
    return {"source": s, "target": t, "kind": data["kind"], "event_type": data["event_type"],
            "directed": data["directed"], "weight": data["weight"], "facts": list(data["facts"]),
            "stances": data["stances"]}


def _node_json(g: nx.MultiDiGraph, node: str, **extra: Any) -> dict[str, Any]:
    data = g.nodes[node]
    return {"id": node, "name": data.get("name"), "type": data.get("type"), **extra}


def network_json(g: nx.MultiDiGraph, nodes: Iterable[str] | None = None,
                 extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Nodes (optionally a subset) and the edges among them, in a stable order."""
    keep = set(g.nodes) if nodes is None else set(nodes)
    extra = extra or {}
    out_nodes = [_node_json(g, n, **extra.get(n, {})) for n in sorted(keep)]
    out_edges = [_edge_json(s, t, d) for s, t, d in g.edges(data=True) if s in keep and t in keep]
    out_edges.sort(key=lambda e: (e["source"], e["target"], e["kind"], e["event_type"] or "",
                                  e["directed"]))
    return {"nodes": out_nodes, "edges": out_edges}


def ego_network(g: nx.MultiDiGraph, actor_id: str, depth: int,
                actor: Actor | None = None) -> dict[str, Any]:
    """Actors within ``depth`` hops of ``actor_id`` (each with its ``distance``); an actor
    in no fact (described by ``actor``) is its own one-node network."""
    if actor_id not in g:
        g = g.copy()
        g.add_node(actor_id, **_node_attrs(actor))
    distances = nx.single_source_shortest_path_length(undirected(g), actor_id, cutoff=depth)
    extra = {n: {"distance": d} for n, d in distances.items()}
    return {"center": actor_id, "depth": depth, **network_json(g, distances, extra)}


def shortest_path(g: nx.MultiDiGraph, source: str, target: str) -> list[str] | None:
    """One shortest path (fewest hops, ties broken by node id), or ``None``."""
    u = undirected(g)
    if source not in u or target not in u:
        return None
    try:
        paths = nx.all_shortest_paths(u, source, target)
        return min(paths)
    except nx.NetworkXNoPath:
        return None


def path_json(g: nx.MultiDiGraph, path: list[str]) -> dict[str, Any]:
    """The nodes of a path in path order and the edges between consecutive nodes."""
    steps = {frozenset(pair) for pair in zip(path, path[1:], strict=False)}
    edges = [_edge_json(s, t, d) for s, t, d in g.edges(data=True) if frozenset((s, t)) in steps]
    edges.sort(key=lambda e: (path.index(e["source"]) + path.index(e["target"]), e["source"],
                              e["kind"], e["event_type"] or "", e["directed"]))
    return {"path": path, "nodes": [_node_json(g, n, distance=i) for i, n in enumerate(path)],
            "edges": edges}


def _eigenvector(u: nx.Graph) -> dict[str, float | None]:
    if u.number_of_edges() == 0:
        return dict.fromkeys(u.nodes, 0.0)
    try:
        return nx.eigenvector_centrality(u, max_iter=1000, weight="weight")
    except nx.PowerIterationFailedConvergence:
        return dict.fromkeys(u.nodes)


def centrality(g: nx.MultiDiGraph, by: str = "degree") -> list[dict[str, Any]]:
    """Centrality measures per actor, sorted by ``by`` (descending) then id."""
    if by not in CENTRALITY_MEASURES:
        raise ValueError(f"unknown centrality measure {by!r}")
    u = undirected(g)
    measures = {
        "degree": nx.degree_centrality(u) if len(u) > 1 else dict.fromkeys(u.nodes, 0.0),
        "weighted_degree": dict(u.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(u),
        "closeness": nx.closeness_centrality(u),
        "eigenvector": _eigenvector(u),
    }
    rows = [_node_json(g, n, **{m: _round(measures[m][n]) for m in CENTRALITY_MEASURES})
            for n in u.nodes]
    rows.sort(key=lambda r: (-(r[by] if r[by] is not None else -1), r["id"]))
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def communities(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Louvain communities (fixed seed, so repeatable) of the undirected projection."""
    u = undirected(g)
    if u.number_of_edges() == 0:
        parts = [{n} for n in u.nodes]
        modularity = None
    else:
        parts = nx.community.louvain_communities(u, weight="weight", seed=0)
        modularity = _round(nx.community.modularity(u, parts, weight="weight"))
    ordered = sorted((sorted(p) for p in parts), key=lambda m: (-len(m), m[0]))
    return {"modularity": modularity, "communities": [
        {"id": i, "size": len(members), "members": [_node_json(g, n) for n in members]}
        for i, members in enumerate(ordered)]}


# XML 1.0 cannot hold most control characters nor lone surrogates, which a document's
# text (an entry headline, a title) may: replaced, or the whole export would fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _graphml_safe(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML holds scalars only: drop ``None``, join lists, flatten dicts."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            out[key] = _xml_text(" ".join(map(str, value)))
        elif isinstance(value, dict):
            out.update({f"{key}_{k}": v for k, v in value.items()})
        elif isinstance(value, str):
            out[key] = _xml_text(value)
        elif isinstance(value, (int, float, bool)):
            out[key] = value
        else:
            out[key] = _xml_text(str(value))
    return out


def to_graphml(g: nx.Graph) -> str:
    clean = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        clean.add_node(n, **_graphml_safe(data))
    for s, t, k, data in g.edges(keys=True, data=True):
        clean.add_edge(s, t, key=k, **_graphml_safe(data))
    buf = io.BytesIO()
    nx.write_graphml(clean, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def full_graph(snapshot: GraphSnapshot) -> nx.MultiDiGraph:
    """The whole graph with ontology labels and relationship types; node ids are
    ``label:id`` because ids are only unique within a label (actor and location
    ``russia``)."""
    g = nx.MultiDiGraph()
    for doc in snapshot.documents:
        g.add_node(_nid(Label.DOCUMENT, doc.id), label=Label.DOCUMENT.value, id=doc.id,
                   source=doc.source, title=doc.title, published=_iso(doc.published))
        for entry in doc.entries:
            g.add_node(_nid(Label.ENTRY, entry.id), label=Label.ENTRY.value, id=entry.id,
                       headline=entry.headline, start=entry.start, end=entry.end)
            g.add_edge(_nid(Label.DOCUMENT, doc.id), _nid(Label.ENTRY, entry.id), type=Rel.HAS_ENTRY.value)
    for a in snapshot.actors:
        g.add_node(_nid(Label.ACTOR, a.id), label=Label.ACTOR.value, **a.model_dump(mode="json"))
    for loc in snapshot.locations:
        g.add_node(_nid(Label.LOCATION, loc.id), label=Label.LOCATION.value, **loc.model_dump(mode="json"))
        if loc.parent:
            g.add_edge(_nid(Label.LOCATION, loc.id), _nid(Label.LOCATION, loc.parent), type=Rel.WITHIN.value)
    for ev in snapshot.events:
        _add_event(g, ev)
    for st in snapshot.statements:
        _add_statement(g, st)
    return g


def _nid(label: Label, record_id: str) -> str:
    return f"{label.value}:{record_id}"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _add_evidence(g: nx.MultiDiGraph, fact_node: str, fact: Event | Statement) -> None:
    for e in fact.evidence:
        node = _nid(Label.EVIDENCE, evidence_id(e.document, e.start, e.end))
        g.add_node(node, label=Label.EVIDENCE.value, document=e.document, start=e.start,
                   end=e.end, text=e.text)
        g.add_edge(node, fact_node, type=Rel.SUPPORTS.value)
        if e.entry:
            g.add_edge(node, _nid(Label.ENTRY, e.entry), type=Rel.IN_ENTRY.value)


def _add_event(g: nx.MultiDiGraph, ev: Event) -> None:
    node = _nid(Label.EVENT, ev.id)
    g.add_node(node, label=Label.EVENT.value, id=ev.id, type=ev.type.value, date=_iso(ev.date),
               summary=ev.summary, confidence=ev.confidence, quantities=ev.quantities)
    for p in ev.participants:
        g.add_edge(_nid(Label.ACTOR, p.actor), node, type=Rel.PARTICIPATED_IN.value, role=p.role.value)
    for loc in ev.locations:
        g.add_edge(node, _nid(Label.LOCATION, loc), type=Rel.OCCURRED_AT.value)
    _add_evidence(g, node, ev)


def _add_statement(g: nx.MultiDiGraph, st: Statement) -> None:
    node = _nid(Label.STATEMENT, st.id)
    g.add_node(node, label=Label.STATEMENT.value, id=st.id, quote=st.quote, direct=st.direct,
               date=_iso(st.date), stance=st.stance.value if st.stance else None)
    if st.speaker:
        g.add_edge(_nid(Label.ACTOR, st.speaker), node, type=Rel.SAID.value)
    for about in st.about:
        g.add_edge(node, _nid(Label.ACTOR, about), type=Rel.ABOUT.value)
    if st.channel:
        g.add_edge(node, _nid(Label.ACTOR, st.channel), type=Rel.CARRIED_BY.value)
    _add_evidence(g, node, st)

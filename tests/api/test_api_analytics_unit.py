"""kg.analytics on hand-made snapshots: edge direction rules, windows, GraphML."""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pytest

from kg import analytics
from kg.model import Actor, ActorType, Event, EventType, Evidence, Participant, Role, Statement
from kg.stores.base import GraphSnapshot

pytestmark = pytest.mark.unit

EVIDENCE = (Evidence(document="d", start=0, end=1, text="x"),)


def event(eid: str, *parts: tuple[str, Role], date: dt.date | None = None,
          kind: EventType = EventType.STRIKE) -> Event:
    return Event(id=eid, type=kind, date=date, evidence=EVIDENCE,
                 participants=tuple(Participant(actor=a, role=r) for a, r in parts))


def snapshot(*events: Event, statements: tuple[Statement, ...] = ()) -> GraphSnapshot:
    ids = sorted({p.actor for e in events for p in e.participants}
                 | {a for s in statements for a in (s.speaker, *s.about) if a})
    return GraphSnapshot(actors=tuple(Actor(id=i, name=i.upper(), type=ActorType.GROUP) for i in ids),
                         events=events, statements=statements)


def edges(snap: GraphSnapshot, **kw) -> set[tuple]:
    g = analytics.interaction_graph(snap, **kw)
    return {(s, t, d["kind"], d["directed"], d["weight"]) for s, t, d in g.edges(data=True)}


def test_acting_role_points_at_the_acted_upon_and_peers_are_undirected():
    snap = snapshot(event("e1", ("b", Role.ATTACKER), ("c", Role.ATTACKER), ("a", Role.TARGET)))
    assert edges(snap) == {("b", "a", "event", True, 1), ("c", "a", "event", True, 1),
                           ("b", "c", "event", False, 1)}


def test_interceptor_points_at_the_attacker():
    snap = snapshot(event("e1", ("ua", Role.INTERCEPTOR), ("ru", Role.ATTACKER),
                          kind=EventType.INTERCEPT))
    assert edges(snap) == {("ua", "ru", "event", True, 1)}


def test_weight_counts_events_and_statements_skip_self_mentions():
    said = Statement(id="s1", speaker="a", about=("a", "b"), quote="q", evidence=EVIDENCE)
    snap = snapshot(event("e1", ("a", Role.DONOR), ("b", Role.RECIPIENT)),
                    event("e2", ("a", Role.DONOR), ("b", Role.RECIPIENT)), statements=(said,))
    assert edges(snap) == {("a", "b", "event", True, 2), ("a", "b", "statement", True, 1)}


def test_window_excludes_undated_facts_only_when_bounded():
    snap = snapshot(event("e1", ("a", Role.PARTICIPANT), ("b", Role.PARTICIPANT)),
                    event("e2", ("c", Role.PARTICIPANT), ("d", Role.PARTICIPANT),
                          date=dt.date(2022, 12, 29)))
    assert len(edges(snap)) == 2
    window = analytics.Window(date_from=dt.date(2022, 12, 1))
    assert edges(snap, window=window) == {("c", "d", "event", False, 1)}


def test_shortest_path_is_none_between_components():
    g = analytics.interaction_graph(snapshot(
        event("e1", ("a", Role.PARTICIPANT), ("b", Role.PARTICIPANT)),
        event("e2", ("c", Role.PARTICIPANT), ("d", Role.PARTICIPANT))))
    assert analytics.shortest_path(g, "a", "d") is None
    assert analytics.shortest_path(g, "a", "b") == ["a", "b"]


def test_graphml_round_trips_with_scalars_only():
    said = Statement(id="s1", speaker="a", about=("b",), quote="q", evidence=EVIDENCE)
    g = analytics.interaction_graph(snapshot(statements=(said,)))
    back = nx.read_graphml(io.StringIO(analytics.to_graphml(g)))
    (_, _, data), = back.edges(data=True)
    assert data["kind"] == "statement" and data["facts"] == "s1" and data["stances_unknown"] == 1
    assert "event_type" not in data  # None values are left out, not written as "None"

"""The actor network around one actor, or between two, read from the store hop by hop.

Building the whole interaction network (``kg.analytics.interaction_graph``) from a
snapshot costs time in proportion to the whole graph; an ego network or a path
needs only the neighbourhoods it walks through:

- ``ego``: from the centre outwards, each expanded actor contributes its most recent
  facts (``EgoBounds.facts_per_actor`` events, statements said and statements about
  it, newest first through the store's (actor, date) listing index); at each hop the
  ``EgoBounds.expand`` most strongly tied new actors are expanded next. The cost is
  bounded whatever the size of the graph and the degree of the hubs; the result says
  whether a bound cut anything (``truncated``).
- ``path``: an exact shortest path, by breadth-first search from both ends over the
  store's neighbour lists (``kg.pathfinding``): the cheaper frontier grows, and a hub
  is expanded only when a direct link between the two frontiers has been ruled out;
  among equally short paths, the lowest ids (as ``kg.analytics.shortest_path``).

Both then build their small network with ``kg.analytics`` from the facts read, so
edges, weights and stances mean what they mean for the whole network.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg import analytics, pathfinding
from kg.model import Actor, Event, Statement
from kg.stores.base import GraphSnapshot, GraphStore

log = logging.getLogger(__name__)

MAX_PATH_HOPS = 8
FACTS_PER_STEP = 100  # facts listed on each edge of a path (the most recent)
_UNDATED, _NO_LIMIT = "", "\uffff"
ALL_TIME = analytics.Window()


@dataclass(frozen=True)
class EgoBounds:
    facts_per_actor: int = 50
    expand: int = 20


def bounds(window: analytics.Window) -> tuple[str, str]:
    """(lo, hi) on the listing key ``date_key`` (ISO date, "" when undated): a bounded
    window leaves undated facts out, as ``Window.admits`` does."""
    if window.date_from is None and window.date_to is None:
        return _UNDATED, _NO_LIMIT
    lo = window.date_from.isoformat() if window.date_from else "0"
    hi = window.date_to.isoformat() if window.date_to else _NO_LIMIT
    return lo, hi


class _Facts:
    """Facts and actors read so far, by id."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.events: dict[str, Event] = {}
        self.statements: dict[str, Statement] = {}

    def add(self, snap: GraphSnapshot) -> None:
        self.actors.update((a.id, a) for a in snap.actors)
        self.events.update((e.id, e) for e in snap.events)
        self.statements.update((s.id, s) for s in snap.statements)

    def snapshot(self) -> GraphSnapshot:
        return GraphSnapshot(actors=tuple(self.actors[k] for k in sorted(self.actors)),
                             events=tuple(self.events[k] for k in sorted(self.events)),
                             statements=tuple(self.statements[k] for k in sorted(self.statements)))


def _hit_limit(snap: GraphSnapshot, actors: list[str], per_actor: int) -> bool:
    """Whether some actor may have more facts than were read (a listing came back full)."""
    wanted = set(actors)
    took, said, about = Counter[str](), Counter[str](), Counter[str]()
    for e in snap.events:
        took.update({p.actor for p in e.participants} & wanted)
    for s in snap.statements:
        said.update({s.speaker} & wanted)
        about.update(set(s.about) & wanted)
    return any(c[a] >= per_actor for c in (took, said, about) for a in wanted)


def ego(store: GraphStore, actor_id: str, depth: int, window: analytics.Window = ALL_TIME,
        *, statements: bool = True, limits: EgoBounds = EgoBounds(),
        actor: Actor | None = None) -> dict[str, Any]:
    """``kg.analytics.ego_network`` JSON (plus ``truncated``) of the bounded ego network."""
    span, read = bounds(window), _Facts()
    reached, frontier, truncated = {actor_id}, [actor_id], False
    graph = nx.MultiDiGraph()
    for _hop in range(depth):
        snap = store.recent_facts(frontier, span, limits.facts_per_actor)
        truncated |= _hit_limit(snap, frontier, limits.facts_per_actor)
        read.add(snap)
        graph = analytics.interaction_graph(read.snapshot(), window, statements=statements)
        new = _next_frontier(analytics.undirected(graph), frontier, reached)
        reached.update(new)
        truncated |= len(new) > limits.expand
        frontier = new[:limits.expand]
        if not frontier:
            break
    return {**analytics.ego_network(graph, actor_id, depth, actor), "truncated": truncated}


def _next_frontier(u: nx.Graph, frontier: list[str], reached: set[str]) -> list[str]:
    """New neighbours of the frontier, most strongly tied first (then by id)."""
    strength: dict[str, int] = {}
    for node in frontier:
        for other in u.adj.get(node, {}):
            if other not in reached:
                strength[other] = strength.get(other, 0) + u[node][other]["weight"]
    return sorted(strength, key=lambda n: (-strength[n], n))


def shortest_path(store: GraphStore, source: str, target: str, window: analytics.Window = ALL_TIME,
                  *, statements: bool = True, max_hops: int = MAX_PATH_HOPS,
                  tuning: pathfinding.Tuning = pathfinding.DEFAULT) -> list[str] | None:
    """Actor ids of one shortest path (lowest ids among equals), or ``None`` within ``max_hops``."""
    if source == target:
        return [source]
    search = pathfinding.Search(store, (source, target), bounds(window), statements, tuning)
    # Round i starts with the two balls' radii adding up to i: it finds a path of i + 1
    # steps, or proves there is none.
    for _round in range(max_hops):
        if search.bridged():
            return search.best()
        if not search.expand():
            return None
        if search.met():
            return search.best()
    return None


def path(store: GraphStore, source: str, target: str, window: analytics.Window = ALL_TIME,
         *, statements: bool = True) -> dict[str, Any] | None:
    """``kg.analytics.path_json`` of a shortest path, its edges made of the most recent
    ``FACTS_PER_STEP`` facts of each step; ``None`` when there is no path."""
    found = shortest_path(store, source, target, window, statements=statements)
    if found is None:
        return None
    degree = store.degrees(found)
    # Read each step from its end with fewer facts: a hub's facts are many.
    steps = [(x, y) if degree.get(x, 0) <= degree.get(y, 0) else (y, x)
             for x, y in itertools.pairwise(found)]
    snap = store.linking_facts(steps, bounds(window), FACTS_PER_STEP, statements)
    graph = analytics.interaction_graph(snap, window, statements=statements)
    for node in found:
        if node not in graph:
            graph.add_node(node, name=None, type=None)
    return analytics.path_json(graph, found)

"""The exact shortest path between two actors, read from the store level by level.

A breadth-first search from both ends (``kg.network.shortest_path``). Each round
either finds the path one step longer than the two searched balls together, or
proves there is none that short:

- the default move expands the frontier of the side that takes part in fewer facts
  (every neighbour of every actor in it is read);
- but a frontier often holds a hub (an actor in tens of thousands of facts), and
  reading a hub's neighbours costs more than all the rest of the search. So, when it
  is cheaper, the round first looks for a *bridge*, a direct link between the two
  frontiers: it reads the neighbours of the frontiers' ordinary actors, and asks the
  store whether each pair of hubs (one per side) is linked (``GraphStore.linked``,
  which stops at the first fact). Every bridge is found, so when there is one the
  distance is known and every shortest path's edges have been read; a hub is only
  expanded when no bridge exists.

Among equally short paths the one with the lowest ids, position by position (as
``kg.analytics.shortest_path``), chosen greedily against exact distances to the target.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from kg.stores.base import GraphStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tuning:
    """``hub_facts``: actors in more facts are paired rather than read during a bridge
    check; ``pair_cost``: what checking one pair costs, in facts read (it is one
    ``EXISTS`` that usually stops at once, against listing a hub's neighbours)."""

    hub_facts: int = 1_000
    pair_cost: int = 200


DEFAULT = Tuning()


class _Side:
    """One end's ball: each reached actor's distance from the end, and its outer layer."""

    def __init__(self, root: str) -> None:
        self.level: dict[str, int] = {root: 0}
        self.front: list[str] = [root]


class Search:
    """Bidirectional breadth-first search over the store's neighbour lists."""

    def __init__(self, store: GraphStore, ends: tuple[str, str], span: tuple[str, str],
                 statements: bool, tuning: Tuning = DEFAULT) -> None:
        self.store, self.span, self.statements, self.tuning = store, span, statements, tuning
        self.ends = ends
        self.sides = (_Side(ends[0]), _Side(ends[1]))
        self.links: dict[str, set[str]] = defaultdict(set)  # every link read so far, both ways
        self._read: set[str] = set()  # actors whose neighbours have been read
        self._checked: set[tuple[str, str]] = set()  # hub pairs asked about
        self._degree: dict[str, int] = {}

    # --- costs ----------------------------------------------------------------------

    def _degrees(self, actors: list[str]) -> dict[str, int]:
        unknown = [a for a in actors if a not in self._degree]
        if unknown:
            self._degree.update(dict.fromkeys(unknown, 0) | self.store.degrees(unknown))
        return self._degree

    def _unread_cost(self, actors: list[str]) -> int:
        degree = self._degrees(actors)
        return sum(degree[a] for a in actors if a not in self._read)

    def _split(self, actors: list[str]) -> tuple[list[str], list[str]]:
        """(ordinary actors, hubs)."""
        degree = self._degrees(actors)
        hubs = [a for a in actors if degree[a] > self.tuning.hub_facts]
        return [a for a in actors if degree[a] <= self.tuning.hub_facts], hubs

    def _sides_by_cost(self) -> tuple[_Side, _Side]:
        """(the side cheaper to expand, the other); the source's side on a tie."""
        first, second = self.sides
        if self._unread_cost(second.front) < self._unread_cost(first.front):
            return second, first
        return first, second

    # --- reading --------------------------------------------------------------------

    def _read_neighbours(self, actors: list[str]) -> None:
        todo = sorted(a for a in actors if a not in self._read)
        if not todo:
            return
        for actor, other in self.store.neighbours(todo, self.span, self.statements):
            self._link(actor, other)
        self._read.update(todo)

    def _link(self, a: str, b: str) -> None:
        self.links[a].add(b)
        self.links[b].add(a)

    def _check_pairs(self, pairs: list[tuple[str, str]]) -> None:
        todo = [p for p in pairs if p not in self._checked]
        if todo:
            for a, b in self.store.linked(todo, self.span, self.statements):
                self._link(a, b)
            self._checked.update(todo)

    # --- one round --------------------------------------------------------------------

    def bridged(self) -> bool:
        """Whether the two frontiers are linked directly, when finding out costs less
        than expanding the cheaper side (else False, and ``expand`` decides)."""
        near, far = self._sides_by_cost()
        near_plain, near_hubs = self._split(near.front)
        far_plain, far_hubs = self._split(far.front)
        pairs = [(a, b) for a in near_hubs for b in far_hubs if (a, b) not in self._checked]
        cost = self._unread_cost(near_plain + far_plain) + self.tuning.pair_cost * len(pairs)
        if not near_hubs or cost >= self._unread_cost(near.front):
            return False
        self._read_neighbours(near_plain + far_plain)
        self._check_pairs(pairs)
        others = set(far.front)
        return any(self.links[a] & others for a in near.front)

    def expand(self) -> bool:
        """Grow the cheaper side by one level; False when it has nowhere left to go."""
        side, _ = self._sides_by_cost()
        self._read_neighbours(side.front)
        level = side.level[side.front[0]] + 1
        fresh = sorted({o for a in side.front for o in self.links[a] if o not in side.level})
        side.level.update((a, level) for a in fresh)
        side.front = fresh
        return bool(fresh)

    def met(self) -> bool:
        return not self.sides[0].level.keys().isdisjoint(self.sides[1].level.keys())

    # --- the answer -------------------------------------------------------------------

    def best(self) -> list[str]:
        """The lowest-ids shortest path, once ``bridged`` or ``met`` said one exists:
        every link of every shortest path has been read, and every link read is real."""
        source, target = self.ends
        remaining = self._distances_to(target)
        path = [source]
        while path[-1] != target:
            here = remaining[path[-1]]
            path.append(min(o for o in self.links[path[-1]] if remaining.get(o) == here - 1))
        return path

    def _distances_to(self, target: str) -> dict[str, int]:
        """Distances to ``target`` over the links read, within the two balls (every
        shortest path stays in them), until the source is reached."""
        inside = self.sides[0].level.keys() | self.sides[1].level.keys()
        dist, layer = {target: 0}, [target]
        while layer and self.ends[0] not in dist:
            nxt = {o for a in layer for o in self.links[a] if o in inside and o not in dist}
            dist.update((o, dist[layer[0]] + 1) for o in nxt)
            layer = list(nxt)
        return dist

"""kg.network over every store: the ego network and the shortest path read hop by hop
equal what kg.analytics computes on the whole network, and the bounds bound."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import graphs as G  # tests/contract/graphs.py
import networkx as nx
import pytest

from bench.synthetic import generate
from kg import analytics, network, pathfinding
from kg.stores.base import GraphStore

pytestmark = pytest.mark.contract
WIDE = network.EgoBounds(facts_per_actor=10_000, expand=10_000)


@pytest.fixture
def synthetic(store: GraphStore) -> GraphStore:
    store.upsert(list(generate(400, seed=3)))
    return store


def _actors(store: GraphStore) -> list[str]:
    return sorted(a.id for a in store.snapshot().actors)


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_unbounded_ego_equals_the_whole_network_view(synthetic: GraphStore, depth: int) -> None:
    whole = analytics.interaction_graph(synthetic.snapshot())
    rng = random.Random(depth)
    for centre in ["russia", "ukraine", *rng.sample(_actors(synthetic), 4)]:
        expected = analytics.ego_network(whole, centre, depth)
        got = network.ego(synthetic, centre, depth, limits=WIDE)
        assert got.pop("truncated") is False
        assert [n["id"] for n in got["nodes"]] == [n["id"] for n in expected["nodes"]]
        assert {n["id"]: n["distance"] for n in got["nodes"]} == {
            n["id"]: n["distance"] for n in expected["nodes"]}


def test_ego_edges_are_the_whole_network_edges_at_depth_one(synthetic: GraphStore) -> None:
    whole = analytics.interaction_graph(synthetic.snapshot())
    centre = "ukraine"
    expected = analytics.ego_network(whole, centre, 1)
    got = network.ego(synthetic, centre, 1, limits=WIDE)
    touching = [e for e in expected["edges"] if centre in (e["source"], e["target"])]
    assert [e for e in got["edges"] if centre in (e["source"], e["target"])] == touching


def test_bounded_ego_says_it_was_truncated(synthetic: GraphStore) -> None:
    small = network.ego(synthetic, "russia", 2, limits=network.EgoBounds(facts_per_actor=3, expand=2))
    assert small["truncated"] is True
    assert sum(n["distance"] == 1 for n in small["nodes"]) >= 1
    whole = network.ego(synthetic, "russia", 2, limits=WIDE)
    assert len(small["nodes"]) < len(whole["nodes"])


def test_ego_respects_the_date_window(synthetic: GraphStore) -> None:
    window = analytics.Window(date_from=dt.date(2022, 3, 1), date_to=dt.date(2022, 6, 30))
    whole = analytics.interaction_graph(synthetic.snapshot(), window)
    expected = analytics.ego_network(whole, "ukraine", 2)
    got = network.ego(synthetic, "ukraine", 2, window, limits=WIDE)
    assert {n["id"] for n in got["nodes"]} == {n["id"] for n in expected["nodes"]}


# Hubs from 0 facts (every actor paired, never read during a bridge check), from 5
# (the synthetic graph's hubs and its middle), and the default (no hubs at this size).
TUNINGS = [pathfinding.Tuning(hub_facts=0, pair_cost=0), pathfinding.Tuning(hub_facts=5, pair_cost=1),
           pathfinding.Tuning()]


@pytest.mark.parametrize("tuning", TUNINGS, ids=["all-hubs", "some-hubs", "default"])
def test_shortest_paths_equal_the_whole_network_ones(synthetic: GraphStore,
                                                     tuning: pathfinding.Tuning) -> None:
    whole = analytics.interaction_graph(synthetic.snapshot())
    rng = random.Random(7)
    actors = _actors(synthetic)
    pairs = [tuple(rng.sample(actors, 2)) for _ in range(25)] + [("russia", actors[-1])]
    for source, target in pairs:
        assert network.shortest_path(synthetic, source, target, tuning=tuning) == analytics.shortest_path(
            whole, source, target), (source, target)


@pytest.mark.parametrize("tuning", TUNINGS[:2], ids=["all-hubs", "some-hubs"])
def test_shortest_paths_in_a_date_window_and_without_statements(synthetic: GraphStore,
                                                                tuning: pathfinding.Tuning) -> None:
    window = analytics.Window(date_from=dt.date(2022, 3, 1), date_to=dt.date(2022, 9, 30))
    whole = analytics.interaction_graph(synthetic.snapshot(), window, statements=False)
    rng = random.Random(11)
    actors = sorted(whole)
    for source, target in [tuple(rng.sample(actors, 2)) for _ in range(15)]:
        got = network.shortest_path(synthetic, source, target, window, statements=False, tuning=tuning)
        assert got == analytics.shortest_path(whole, source, target), (source, target)


def test_linked_pairs_are_the_whole_network_edges(synthetic: GraphStore) -> None:
    window = analytics.Window(date_from=dt.date(2022, 3, 1), date_to=dt.date(2022, 9, 30))
    rng = random.Random(5)
    actors = _actors(synthetic)
    pairs = sorted({tuple(rng.sample(actors[:40], 2)) for _ in range(300)} | {("russia", "ukraine")})
    for win, statements in [(network.ALL_TIME, True), (window, True), (window, False)]:
        u = analytics.undirected(analytics.interaction_graph(synthetic.snapshot(), win, statements=statements))
        expected = {(a, b) for a, b in pairs if u.has_edge(a, b)}
        got = synthetic.linked(pairs, network.bounds(win), statements)
        assert len(got) == len(set(got)) and set(got) == expected
        assert 0 < len(expected) < len(pairs)


def test_path_json_lists_the_facts_of_each_step(store: GraphStore) -> None:
    store.upsert(G.all_graphs())
    whole = analytics.interaction_graph(store.snapshot())
    for source, target in itertools.permutations([G.ZELENSKY, G.LAVROV, G.USA, G.RUSSIA], 2):
        expected = analytics.shortest_path(whole, source, target)
        got = network.path(store, source, target)
        if expected is None:
            assert got is None
            continue
        assert got == analytics.path_json(whole, expected)


def test_no_path_within_the_hop_limit(synthetic: GraphStore) -> None:
    whole = analytics.interaction_graph(synthetic.snapshot())
    actors = _actors(synthetic)
    far = [(s, t) for s, t in zip(actors, reversed(actors), strict=False)
           if (p := analytics.shortest_path(whole, s, t)) and len(p) > 2]
    source, target = far[0]
    assert network.shortest_path(synthetic, source, target, max_hops=1) is None


class _Recording:
    """A real store that notes whose neighbour lists were read."""

    def __init__(self, store: GraphStore) -> None:
        self.store, self.read = store, []

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def neighbours(self, actors, bounds, statements):
        self.read.extend(actors)
        return self.store.neighbours(actors, bounds, statements)


def test_hubs_linked_directly_are_never_expanded(synthetic: GraphStore) -> None:
    tuning = pathfinding.Tuning(hub_facts=20, pair_cost=1)
    assert min(synthetic.degrees(["russia", "ukraine"]).values()) > tuning.hub_facts
    recording = _Recording(synthetic)
    assert network.shortest_path(recording, "russia", "ukraine", tuning=tuning) == ["russia", "ukraine"]
    assert recording.read == []


def test_a_hub_is_expanded_only_when_no_bridge_exists(synthetic: GraphStore) -> None:
    whole = analytics.undirected(analytics.interaction_graph(synthetic.snapshot()))
    tuning = pathfinding.Tuning(hub_facts=20, pair_cost=1)
    degree = synthetic.degrees(sorted(whole))
    hubs = {a for a, d in degree.items() if d > tuning.hub_facts}
    # Two ordinary actors, not linked, each linked to a hub, the two hubs linked.
    far = [(s, t) for s in sorted(whole) for t in sorted(whole)
           if s < t and s not in hubs and t not in hubs and not whole.has_edge(s, t)
           and nx.has_path(whole, s, t) and nx.shortest_path_length(whole, s, t) == 3
           and any(whole.has_edge(h, k) for h in hubs & set(whole[s]) for k in hubs & set(whole[t]))]
    source, target = far[0]
    recording = _Recording(synthetic)
    got = network.shortest_path(recording, source, target, tuning=tuning)
    assert got == analytics.shortest_path(analytics.interaction_graph(synthetic.snapshot()), source, target)
    assert not hubs & set(recording.read)

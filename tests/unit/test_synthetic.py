"""The benchmark graph generator: deterministic, corpus-shaped, valid input for the stores."""

from __future__ import annotations

import math
from collections import Counter
from itertools import islice

import pytest

from bench.synthetic import EVENT_MIX, Generator, Spec, generate
from kg.export import export_json
from kg.merge import merge_graphs
from kg.model import DocumentGraph, EventType
from kg.rows import graph_rows

pytestmark = pytest.mark.unit

N = 3000


@pytest.fixture(scope="module")
def graphs() -> list[DocumentGraph]:
    return list(generate(N, seed=7))


def _participations(graphs: list[DocumentGraph]) -> Counter:
    return Counter(p.actor for g in graphs for e in g.events for p in e.participants)


def test_same_seed_same_graphs(graphs):
    assert list(generate(N, seed=7)) == graphs


def test_other_seed_other_graphs(graphs):
    assert list(islice(generate(N, seed=8), 3)) != graphs[:3]


def test_smaller_corpus_is_a_prefix_of_a_larger_one(graphs):
    # Benchmarks grow one graph 10k -> 100k -> 1M; that needs prefix stability.
    small = list(generate(N // 3, seed=7))
    assert small[:-1] == graphs[: len(small) - 1]


def test_exactly_the_requested_number_of_distinct_events(graphs):
    assert len({e.id for g in graphs for e in g.events}) == N


def test_some_events_are_corroborated_across_documents(graphs):
    documents_per_event = Counter(e.id for g in graphs for e in g.events)
    assert any(n > 1 for n in documents_per_event.values())


def test_statement_share_is_about_forty_percent(graphs):
    statements = sum(len(g.statements) for g in graphs)
    events = sum(len(g.events) for g in graphs)
    assert 0.35 < statements / (statements + events) < 0.45


def test_event_type_mix_follows_the_configured_shares(graphs):
    kinds = Counter(e.type for g in graphs for e in g.events)
    total = sum(kinds.values())
    for kind, share in EVENT_MIX.items():
        assert abs(kinds[kind] / total - share) < 0.03, kind
    assert kinds.most_common(1)[0][0] is EventType.STRIKE


def test_dates_spread_over_2022_and_2023(graphs):
    dates = [e.date for g in graphs for e in g.events if e.date]
    assert min(dates).year == 2022 and max(dates).year == 2023
    # One date per live blog (~90 documents here): most of the 24 months are covered.
    assert len({(d.year, d.month) for d in dates}) >= 20


def test_actor_degrees_are_heavy_tailed(graphs):
    degrees = sorted(_participations(graphs).values(), reverse=True)
    median = degrees[len(degrees) // 2]
    assert degrees[0] > 100 * median  # hubs
    assert sum(1 for d in degrees if d == 1) / len(degrees) > 0.4  # most actors appear once
    top_1pc = sum(degrees[: max(1, len(degrees) // 100)])
    assert top_1pc / sum(degrees) > 0.5


def test_degree_frequencies_fall_like_a_power_law(graphs):
    # Frequency of degree k for k in 1..8 on log-log axes: a straight-ish descending line.
    freq = Counter(_participations(graphs).values())
    points = [(math.log(k), math.log(freq[k])) for k in range(1, 9) if freq[k]]
    xs, ys = zip(*points, strict=True)
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    assert -3.5 < slope < -1.0


def test_distinct_actors_grow_sublinearly():
    small = Generator(Spec(events=1000, seed=1))
    large = Generator(Spec(events=10000, seed=1))
    n_small = len({a.id for g in small.documents() for a in g.actors})
    n_large = len({a.id for g in large.documents() for a in g.actors})
    assert n_small < n_large < 10 * n_small


def test_graphs_are_self_contained_and_storable(graphs):
    for g in graphs:
        graph_rows(g)  # raises InputError on dangling actor/location/evidence references


def test_evidence_and_entries_point_into_the_document_text(graphs):
    for g in graphs:
        text = g.document.text
        spans = [(en.start, en.end) for en in g.document.entries]
        for fact in (*g.events, *g.statements):
            for ev in fact.evidence:
                assert text[ev.start:ev.end] == ev.text
                assert ev.document == g.document.id
                assert any(s <= ev.start and ev.end <= e for s, e in spans)


def test_statement_quotes_lie_inside_their_evidence(graphs):
    for g in graphs:
        for st in g.statements:
            assert st.quote in st.evidence[0].text
            assert st.speaker not in st.about


def test_merge_and_export_accept_the_graphs(graphs):
    exported = export_json(merge_graphs(graphs[:50]))
    assert len(exported["documents"]) == 50
    assert exported["events"] and exported["statements"]
    assert any(e["sources"] > 1 for e in export_json(merge_graphs(graphs))["events"])

"""The analyst questions over the two seed live blogs, extracted for real.

The seed files go through ``loaders.iter_documents`` and the registered extractor
into each store. Answers are checked two ways: against the reference merge of the
same extracted graphs (``kg.merge``, independent of the stores and the API), and
against what the gold annotations of the seeds say must be there (Putin speaks
about Xi; Russia struck Ukraine on 29 Dec; several speakers talk about Russia).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from api_support import SEED_FILES, client_for, get_all, open_loaded

from api import create_app
from kg.merge import merge_graphs
from kg.model import DocumentGraph, EventType
from kg.stores.base import GraphSnapshot

pytestmark = [pytest.mark.contract, pytest.mark.anyio]

DEC_29 = dt.date(2022, 12, 29)


@pytest.fixture(scope="session")
def seed_graphs() -> list[DocumentGraph]:
    from loaders import LoadFailure, iter_documents
    from loaders.extraction import get_extractor

    docs = list(iter_documents(SEED_FILES))
    assert not [d for d in docs if isinstance(d, LoadFailure)], docs
    extract = get_extractor()
    return [extract(d) for d in docs]


@pytest.fixture(scope="session")
def reference(seed_graphs) -> GraphSnapshot:
    return merge_graphs(seed_graphs)


@pytest.fixture(scope="module")
def seed_app(request, store_kind, tmp_path_factory, seed_graphs):
    settings, store = open_loaded(request, store_kind, tmp_path_factory.mktemp("seed"), seed_graphs)
    yield create_app(settings, store)
    store.close()


@pytest.fixture
async def seed(seed_app):
    async with client_for(seed_app) as c:
        yield c


async def test_every_statement_by_putin_and_whom_it_is_about(seed, reference):
    items = await get_all(seed, "/statements", speaker="vladimir_putin")
    got = {s["id"]: sorted(a["id"] for a in s["about"]) for s in items}
    expected = {s.id: sorted(set(s.about)) for s in reference.statements
                if s.speaker == "vladimir_putin"}
    assert got == expected
    # Gold: Putin tells Xi "we are expecting you ... on a state visit to Moscow".
    assert any("xi_jinping" in about for about in got.values()), got


async def test_who_talked_about_russia_with_counts(seed, reference):
    r = await seed.get("/statements/about-summary", params={"about": "russia"})
    assert r.status_code == 200, r.text
    got = {(row["actor"] or {}).get("id"): row["statements"] for row in r.json()["items"]}
    expected = Counter(s.speaker for s in reference.statements if "russia" in s.about)
    assert got == dict(expected)
    assert len([speaker for speaker in got if speaker]) >= 2  # gold: Zelensky, Xi, Iran, UK MoD...


async def test_all_strikes_on_29_december_with_evidence(seed, reference):
    items = await get_all(seed, "/events", type="strike", date_from="2022-12-29",
                          date_to="2022-12-29")
    expected = {e.id for e in reference.events if e.type == EventType.STRIKE and e.date == DEC_29}
    assert {e["id"] for e in items} == expected
    assert items, "gold: Russia's missile barrage on Ukraine of 29 December"
    texts = {d.id: d.text for d in reference.documents}
    for event in items:
        assert event["evidence"]
        for ev in event["evidence"]:
            assert texts[ev["document"]][ev["start"]:ev["end"]] == ev["text"]


async def test_actors_within_two_hops_of_xi_jinping(seed, reference):
    r = await seed.get("/network/ego/xi_jinping", params={"depth": 2})
    assert r.status_code == 200, r.text
    distance = {n["id"]: n["distance"] for n in r.json()["nodes"]}
    assert distance.get("vladimir_putin") == 1  # gold: their video call
    assert set(distance.values()) <= {0, 1, 2}
    # Distance 1: Xi's co-participants in events, whom he talks about, who talks about him.
    linked = {a for e in reference.events if "xi_jinping" in {p.actor for p in e.participants}
              for a in (p.actor for p in e.participants)}
    linked |= {a for s in reference.statements if s.speaker == "xi_jinping" for a in s.about}
    linked |= {s.speaker for s in reference.statements if "xi_jinping" in s.about and s.speaker}
    assert {a for a, d in distance.items() if d == 1} == linked - {"xi_jinping"}

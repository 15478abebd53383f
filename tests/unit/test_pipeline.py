"""The rule extractor's assembly: registry of extractors, one graph per document whose
actors and locations are exactly those it mentions, with the aliases seen in it."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.model import Event, EventType, Evidence, Participant, Role, Statement
from loaders.extraction import get_extractor, register
from loaders.extraction.pipeline import RuleExtractor, clean_alias

pytestmark = pytest.mark.unit


def test_get_extractor_gives_the_rule_extractor_by_name():
    ex = get_extractor("rules")
    assert isinstance(ex, RuleExtractor) and (ex.name, ex.version) == ("rules", "1")


def test_unknown_extractor_or_version_is_a_config_error():
    with pytest.raises(ConfigError):
        get_extractor("no-such-extractor")
    with pytest.raises(ConfigError):
        get_extractor("rules", "999")


def test_highest_registered_version_wins_unless_one_is_asked_for():
    @register("test-versions", "2")
    class Two:
        name, version = "test-versions", "2"

    @register("test-versions", "10")
    class Ten:
        name, version = "test-versions", "10"

    assert isinstance(get_extractor("test-versions"), Ten)  # 10 > 2 numerically, not as text
    assert isinstance(get_extractor("test-versions", "2"), Two)


@pytest.mark.parametrize("surface, alias", [
    ("Putin’s", "Putin"), ("Putin's", "Putin"), ("Belarus'", "Belarus"), ("the Kremlin", "the Kremlin"),
    ("Kyiv’s military", "Kyiv’s military"), ("He", None), ("they", None),
])
def test_aliases_lose_possessive_clitics_and_are_never_pronouns(surface, alias):
    assert clean_alias(surface) == alias


TEXTS = [
    "Russia launched 16 drones into Ukraine overnight, Kyiv’s military said.",
    "Mr Zelensky said Moscow’s troops have fewer missiles. Zelensky thanked Britain.",
]


def _no_facts(ctx, *rest):
    return []


def test_graph_holds_exactly_the_mentioned_actors_with_document_aliases(nlp, make_document):
    document = make_document(TEXTS)
    graph = RuleExtractor(nlp, events=_no_facts, statements=_no_facts)(document)
    actors = {a.id: a for a in graph.actors}
    assert {"russia", "ukraine", "ukrainian_armed_forces", "volodymyr_zelensky", "russian_armed_forces",
            "united_kingdom"} <= set(actors)
    assert set(actors["volodymyr_zelensky"].aliases) == {"Mr Zelensky", "Zelensky"}
    assert "Kyiv" in actors["ukraine"].aliases  # the capital acting for its country
    assert {loc.id for loc in graph.locations} == {"ukraine"}
    assert "vladimir_putin" not in actors


def test_actors_referenced_only_by_facts_are_included(nlp, make_document):
    document = make_document(TEXTS)
    entry = document.entries[0]

    def one_event(ctx):
        if ctx.entry.index:
            return []
        ev = Evidence(document=document.id, entry=entry.id, start=entry.start, end=entry.end,
                      text=document.text[entry.start:entry.end])
        return [Event(id="ev_1", type=EventType.STRIKE, participants=(Participant(actor="iran", role=Role.ATTACKER),),
                      locations=("kharkiv",), evidence=(ev,))]

    graph = RuleExtractor(nlp, events=one_event, statements=_no_facts)(document)
    assert "iran" in {a.id for a in graph.actors}
    kharkiv = next(loc for loc in graph.locations if loc.id == "kharkiv")
    assert kharkiv.country == "UA" and kharkiv.aliases == ()


def test_same_event_from_two_entries_is_merged(nlp, make_document):
    document = make_document(TEXTS)

    def same_event(ctx):
        ev = Evidence(document=document.id, entry=ctx.entry.id, start=ctx.entry.start, end=ctx.entry.end,
                      text=document.text[ctx.entry.start:ctx.entry.end])
        return [Event(id="ev_same", type=EventType.STRIKE, evidence=(ev,),
                      participants=(Participant(actor="russia", role=Role.ATTACKER),))]

    graph = RuleExtractor(nlp, events=same_event, statements=_no_facts)(document)
    assert len(graph.events) == 1 and len(graph.events[0].evidence) == 2


def test_extraction_is_deterministic_and_offsets_point_at_the_text(nlp, make_document):
    document = make_document(TEXTS)
    first = RuleExtractor(nlp)(document)
    second = RuleExtractor(nlp)(document)
    assert first == second
    for fact in (*first.events, *first.statements):
        for ev in fact.evidence:
            assert document.text[ev.start:ev.end] == ev.text


def test_document_without_entries_is_read_as_one_entry(nlp, make_document):
    whole = make_document(TEXTS).model_copy(update={"entries": ()})
    graph = RuleExtractor(nlp, events=_no_facts, statements=_no_facts)(whole)
    assert "volodymyr_zelensky" in {a.id for a in graph.actors}


def test_statements_bring_speaker_and_about_actors(nlp, make_document):
    document = make_document(TEXTS)

    def speaker(ctx, previous):
        ev = Evidence(document=document.id, entry=ctx.entry.id, start=ctx.entry.start, end=ctx.entry.end,
                      text=document.text[ctx.entry.start:ctx.entry.end])
        return [Statement(id=f"st_{ctx.entry.index}", speaker="jens_stoltenberg", about=("nato",),
                          quote="x", evidence=(ev,))]

    graph = RuleExtractor(nlp, events=_no_facts, statements=speaker)(document)
    assert {"jens_stoltenberg", "nato"} <= {a.id for a in graph.actors}


def test_non_breaking_spaces_do_not_split_names(nlp, make_document):
    document = make_document(["The\xa0Ukrainian\xa0Air\xa0Force said that all\xa016\xa0drones were destroyed."])
    graph = RuleExtractor(nlp, events=_no_facts, statements=_no_facts)(document)
    air_force = next(a for a in graph.actors if a.id == "ukrainian_air_force")
    assert air_force.aliases == ("The Ukrainian Air Force",)

"""Finer event rules: argument positions, quotes, anaphora, merging limits, the lexicon."""

from __future__ import annotations

import datetime as dt

import pytest
from event_helpers import of_type, roles, run

from kg.errors import ConfigError
from kg.model import EventType, Role
from loaders.extraction.event_rules.lexicon import build_lexicon, load_lexicon
from loaders.extraction.event_rules.triggers import speech_spans

pytestmark = pytest.mark.unit


def test_whoever_faces_sanctions_is_sanctioned(nlp) -> None:
    [sanction] = of_type(run(nlp, "Moscow faced unprecedented sanctions from Britain."), EventType.SANCTION)
    assert ("russia", Role.SANCTIONED) in roles(sanction)
    assert ("russia", Role.IMPOSER) not in roles(sanction)


def test_passive_by_sanctions_makes_the_subject_sanctioned(nlp) -> None:
    [sanction] = of_type(run(nlp, "Battered by sanctions, Putin sought new allies."), EventType.SANCTION)
    assert roles(sanction) == {("vladimir_putin", Role.SANCTIONED)}


def test_praised_for_shooting_down_makes_the_praised_the_interceptor(nlp) -> None:
    events = run(nlp, "Zelensky praised Ukrainian air defences for shooting down 20 drones on Thursday.")
    [intercept] = of_type(events, EventType.INTERCEPT)
    assert ("ukrainian_air_force", Role.INTERCEPTOR) in roles(intercept)
    assert ("volodymyr_zelensky", Role.INTERCEPTOR) not in roles(intercept)


def test_maker_named_on_a_weapon_is_not_the_attacker(nlp) -> None:
    events = run(nlp, "Officials said five Iranian Shahed drones were destroyed over Kyiv.",
                 names={"Iranian": ("actor", "iran")})
    [intercept] = of_type(events, EventType.INTERCEPT)
    assert "iran" not in {a for a, _ in roles(intercept)}


def test_the_givers_demonym_on_the_goods_is_the_donor(nlp) -> None:
    [aid] = of_type(run(nlp, "Biden pledged American howitzers to Ukraine.",
                        names={"American": ("actor", "united_states")}), EventType.AID)
    assert ("united_states", Role.DONOR) in roles(aid)
    assert ("ukraine", Role.RECIPIENT) in roles(aid)
    assert ("united_states", Role.RECIPIENT) not in roles(aid)


def test_a_relative_clause_in_a_quote_reports_a_past_fact(nlp) -> None:
    text = '"He would replace Sergei Surovikin, who was appointed in October," the ministry said.'
    events = run(nlp, text, names={"Sergei Surovikin": ("actor", "sergey_surovikin")})
    [personnel] = of_type(events, EventType.PERSONNEL)
    assert ("sergey_surovikin", Role.PARTICIPANT) in roles(personnel)


def test_calling_someone_something_is_not_a_call(nlp) -> None:
    assert not of_type(run(nlp, "Putin called Zelensky a puppet of the west."), EventType.DIPLOMACY)


def test_a_bare_definite_mention_refers_back_and_is_no_event(nlp) -> None:
    assert not of_type(run(nlp, "He said the visit would strengthen ties."), EventType.DIPLOMACY)


def test_a_journalists_visit_is_not_diplomacy(nlp) -> None:
    events = run(nlp, "After CNN's visit to Kharkiv, the soldiers were moved.", names={"CNN": ("actor", "cnn")})
    assert not of_type(events, EventType.DIPLOMACY)


def test_different_counts_without_a_shared_day_are_different_happenings(nlp) -> None:
    events = run(nlp, "At least 21 people were killed near Odesa. On Monday, 19 people died in Kharkiv.")
    assert len(of_type(events, EventType.IMPACT)) == 2


def test_partial_mentions_far_apart_in_a_long_entry_stay_apart(nlp) -> None:
    filler = " ".join(f"Officials met in Brussels for the {n} time." for n in ("first", "second", "third", "fourth"))
    events = run(nlp, f"Russia shelled Kharkiv. {filler} A drone attack hit Odesa.")
    assert len(of_type(events, EventType.STRIKE)) == 2


def test_an_undated_mention_with_the_same_count_joins_the_dated_one(nlp) -> None:
    events = run(nlp, "Ukrainian air defences shot down 54 missiles on Thursday.",
                 "Zelensky praised Ukrainian air defences for shooting down 54 missiles.")
    [intercept] = of_type(events, EventType.INTERCEPT)
    assert intercept.date == dt.date(2022, 12, 29)
    assert len({e.entry for e in intercept.evidence}) == 2


def test_speech_spans_are_quotes_with_a_verb(nlp) -> None:
    text = 'He called it a "massive strike" and said: "We will respond to every attack."'
    sdoc = nlp(text)
    spans = speech_spans(sdoc, text)
    assert len(spans) == 1
    assert "respond" in sdoc[spans[0][0]:spans[0][1]].text


def test_lexicon_rejects_unknown_conditions() -> None:
    bad = {"types": {"strike": {"verbs": {"launch": "no_such_condition"}}}}
    with pytest.raises(ConfigError):
        build_lexicon(bad)


def test_lexicon_reads_senses_by_part_of_speech() -> None:
    lex = load_lexicon()
    assert {s.type for s in lex.senses("launch", verbal=True)} == {EventType.STRIKE}
    assert EventType.SANCTION in {s.type for s in lex.senses("sanction", verbal=False)}
    assert all(s.aggregate for s in lex.senses("war", verbal=False))

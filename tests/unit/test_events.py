"""Event extraction on invented sentences: triggers, roles, dates, statements vs events, merging.

Mentions are given by hand (the resolver is tested elsewhere) so each test pins
down the event rules alone.
"""

from __future__ import annotations

import datetime as dt

import pytest
from event_helpers import FRIDAY, make_doc, of_type, roles, run

from kg.model import EventType, Role

pytestmark = pytest.mark.unit


def test_active_verb_strike_with_count_place_and_day(nlp) -> None:
    [strike] = of_type(run(nlp, "Russia launched 16 drones at Kyiv overnight."), EventType.STRIKE)
    assert ("russia", Role.ATTACKER) in roles(strike)
    assert "kyiv" in strike.locations
    assert strike.quantities == {"drones": 16.0}
    assert strike.date == FRIDAY  # "overnight" is the publication day


def test_passive_strike_takes_the_by_agent_as_attacker(nlp) -> None:
    [strike] = of_type(run(nlp, "Kharkiv was shelled by Russian forces on Thursday."), EventType.STRIKE)
    assert roles(strike) >= {("russian_armed_forces", Role.ATTACKER)}
    assert strike.locations == ("kharkiv",)
    assert strike.date == dt.date(2022, 12, 29)


def test_nominal_strike_with_possessor_and_target_place(nlp) -> None:
    events = run(nlp, "Russia's missile strikes on Odesa on Monday killed three people.")
    [strike] = of_type(events, EventType.STRIKE)
    assert ("russia", Role.ATTACKER) in roles(strike)
    assert "odesa" in strike.locations
    assert strike.date == dt.date(2022, 12, 26)
    assert of_type(events, EventType.IMPACT), "the killing is an impact of its own"


def test_demonym_on_the_weapon_names_the_attacker(nlp) -> None:
    [strike] = of_type(run(nlp, "Russian missiles hit a power plant in Lviv."), EventType.STRIKE)
    assert ("russia", Role.ATTACKER) in roles(strike)


def test_attack_and_interception_are_two_events(nlp) -> None:
    events = run(nlp, "Russia fired 20 missiles at Ukraine on Monday. "
                      "Ukrainian air defences shot down 18 missiles.")
    [strike] = of_type(events, EventType.STRIKE)
    [intercept] = of_type(events, EventType.INTERCEPT)
    assert ("russia", Role.ATTACKER) in roles(strike)
    assert ("ukrainian_air_force", Role.INTERCEPTOR) in roles(intercept)
    assert ("russia", Role.ATTACKER) in roles(intercept), "the downed missiles were Russia's"
    assert intercept.quantities == {"missiles": 18.0}


def test_sanction_imposer_and_sanctioned(nlp) -> None:
    [sanction] = of_type(run(nlp, "The EU imposed new sanctions on Russia on Friday."), EventType.SANCTION)
    assert roles(sanction) == {("eu", Role.IMPOSER), ("russia", Role.SANCTIONED)}
    assert sanction.date == FRIDAY


def test_aid_donor_recipient_and_count(nlp) -> None:
    [aid] = of_type(run(nlp, "Britain sent 120 armoured vehicles to Ukraine."), EventType.AID)
    assert roles(aid) == {("united_kingdom", Role.DONOR), ("ukraine", Role.RECIPIENT)}
    assert aid.quantities == {"vehicles": 120.0}
    assert aid.date is None  # the text names no day


def test_supplying_someone_with_weapons_is_aid_to_them(nlp) -> None:
    [aid] = of_type(run(nlp, "Iran is supplying Moscow with drones."), EventType.AID)
    assert roles(aid) == {("iran", Role.DONOR), ("russia", Role.RECIPIENT)}


def test_sending_weapons_into_a_country_is_a_strike_not_aid(nlp) -> None:
    events = run(nlp, "Russia sent 30 drones into Ukraine on Thursday.")
    assert of_type(events, EventType.STRIKE) and not of_type(events, EventType.AID)


@pytest.mark.parametrize("sentence", [
    "Stoltenberg called on allies to supply more weapons to Ukraine.",
    "Zelensky urged Britain to send more tanks to Ukraine.",
    "Britain should send more tanks to Ukraine.",
    "If Britain sends tanks to Ukraine, Russia will respond.",
    "Britain did not send tanks to Ukraine.",
])
def test_demands_hypotheticals_and_negations_are_not_aid(nlp, sentence: str) -> None:
    assert not of_type(run(nlp, sentence), EventType.AID)


@pytest.mark.parametrize("sentence", [
    "Russia could strike Kyiv again.",
    "Biden did not impose sanctions on Putin.",
    "Russia is driving itself into a dead end with every missile strike on Ukraine.",
    '"Russia attacks our cities every single day," Zelensky said.',
])
def test_statements_and_generic_mentions_are_not_events(nlp, sentence: str) -> None:
    events = run(nlp, sentence)
    assert not of_type(events, EventType.STRIKE) and not of_type(events, EventType.SANCTION)


def test_a_past_fact_inside_a_quote_is_an_event(nlp) -> None:
    [strike] = of_type(run(nlp, '"Russia fired 30 missiles at Kyiv yesterday," Zelensky said.'), EventType.STRIKE)
    assert strike.date == dt.date(2022, 12, 29)


def test_reported_future_is_a_pledge(nlp) -> None:
    """"said Britain would send": backshifted will, a pledge rather than a hypothetical."""
    [aid] = of_type(run(nlp, "Officials said Britain would send 120 armoured vehicles to Ukraine."),
                    EventType.AID)
    assert ("united_kingdom", Role.DONOR) in roles(aid)


def test_day_after_dates_the_earlier_event(nlp) -> None:
    events = run(nlp, "Sirens sounded in Kyiv on Friday, a day after Moscow fired dozens of missiles at the city.")
    [strike] = of_type(events, EventType.STRIKE)
    assert strike.date == dt.date(2022, 12, 29)
    assert strike.quantities == {}  # "dozens" is no numeral


def test_speech_date_does_not_date_the_reported_event(nlp) -> None:
    [strike] = of_type(run(nlp, "Russia said on Friday that it had carried out a massive strike on Ukraine "
                               "on 27 December."), EventType.STRIKE)
    assert strike.date == dt.date(2022, 12, 27)
    assert ("russia", Role.ATTACKER) in roles(strike), "'it' is the reporting subject"


def test_ongoing_campaign_gets_no_date(nlp) -> None:
    [strike] = of_type(run(nlp, "Russia has launched numerous waves of missile strikes against Ukraine "
                               "since October."), EventType.STRIKE)
    assert strike.date is None


def test_diplomacy_call_participants(nlp) -> None:
    [call] = of_type(run(nlp, "Zelensky held a phone call with Macron on Tuesday."), EventType.DIPLOMACY)
    assert {a for a, _ in roles(call)} == {"volodymyr_zelensky", "emmanuel_macron"}
    assert call.date == dt.date(2022, 12, 27)


def test_power_outages_are_an_impact(nlp) -> None:
    [impact] = of_type(run(nlp, "There were power outages in Lviv on Thursday."), EventType.IMPACT)
    assert impact.locations == ("lviv",)


def test_two_mentions_in_one_entry_are_one_event(nlp) -> None:
    events = run(nlp, "Russia launched a drone attack on Kyiv overnight. The attack was repelled.")
    assert len(of_type(events, EventType.STRIKE)) == 1


def test_same_strike_in_two_entries_merges_and_fills_the_attacker(nlp) -> None:
    events = run(nlp, "Moscow fired dozens of missiles at Kyiv on Thursday.",
                 "Kharkiv also came under attack on Thursday.")
    [strike] = of_type(events, EventType.STRIKE)
    assert len({e.entry for e in strike.evidence}) == 2
    assert ("russia", Role.ATTACKER) in roles(strike)


def test_different_days_stay_apart(nlp) -> None:
    events = run(nlp, "Moscow fired missiles at Kyiv on Thursday.", "Moscow fired missiles at Kyiv on Monday.")
    assert len(of_type(events, EventType.STRIKE)) == 2


def test_same_happening_in_two_documents_gets_one_id(nlp) -> None:
    one = run(nlp, "Russia launched drones at Kyiv on Thursday.", name="a.txt")
    two = run(nlp, "Moscow fired drones at Ukraine on Thursday.", name="b.txt")
    assert of_type(one, EventType.STRIKE)[0].id == of_type(two, EventType.STRIKE)[0].id


def test_extraction_is_deterministic_and_evidence_points_at_the_text(nlp) -> None:
    text = "Russia launched 16 drones at Kyiv overnight. Ukrainian air defences shot down all 16 drones."
    first, second = run(nlp, text), run(nlp, text)
    assert first == second
    doc = make_doc([text])
    for ev in first:
        for evidence in ev.evidence:
            assert evidence.text == doc.text[evidence.start:evidence.end]
            assert evidence.entry == doc.entries[0].id
        assert ev.summary and len(ev.summary) <= 200


def test_strikes_on_different_towns_in_one_entry_stay_apart(nlp) -> None:
    events = of_type(run(nlp, "Russia shelled Kharkiv. Officials counted the damage there. Russia bombed Odesa."),
                     EventType.STRIKE)
    assert sorted(e.locations for e in events) == [("kharkiv",), ("odesa",)]


def test_a_running_tally_is_not_the_dated_strike(nlp) -> None:
    events = of_type(run(nlp, "Russia fired missiles at Kyiv on Thursday. "
                              "Russia has fired hundreds of missiles at Ukraine."), EventType.STRIKE)
    assert sorted(str(e.date) for e in events) == ["2022-12-29", "None"]


def test_last_week_gives_no_day_and_a_separate_pledge(nlp) -> None:
    events = of_type(run(nlp, "Britain sent 50 tanks to Ukraine on Friday. "
                              "Britain pledged £100m in military aid to Ukraine last week."), EventType.AID)
    assert sorted(str(e.date) for e in events) == ["2022-12-30", "None"]

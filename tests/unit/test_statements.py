"""Statement extraction on small invented texts.

Mentions are given by hand (surface -> actor id), so these tests exercise the
attribution rules alone, not the entity resolver.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kg.model import Document, Stance, Statement
from loaders.extraction.base import EntryContext, Mention
from loaders.extraction.statements import extract_statements

pytestmark = pytest.mark.unit

FRIDAY = dt.date(2023, 3, 10)


def contexts(nlp, make_document, texts: list[str], actors: dict[str, str],
             places: dict[str, str] | None = None) -> list[EntryContext]:
    """One context per entry text; every occurrence of a listed surface is a mention."""
    doc: Document = make_document(texts, day=FRIDAY)
    out = []
    for entry in doc.entries:
        sdoc = nlp(doc.text[entry.start:entry.end])
        ctx = EntryContext(document=doc, entry=entry, sdoc=sdoc)
        ctx.mentions = sorted(_mentions(doc.text, entry.start, entry.end, actors, "actor")
                              + _mentions(doc.text, entry.start, entry.end, places or {}, "location"))
        out.append(ctx)
    return out


def _mentions(text: str, start: int, end: int, surfaces: dict[str, str], kind: str) -> list[Mention]:
    found = []
    for surface, ref in sorted(surfaces.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(surface), text[start:end]):
            s, e = start + m.start(), start + m.end()
            if not any(x.start < e and s < x.end for x in found):
                found.append(Mention(s, e, surface, kind, ref))
    return found


def run(nlp, make_document, texts: list[str], actors: dict[str, str], **kw) -> list[Statement]:
    ctxs = contexts(nlp, make_document, texts, actors, **kw)
    return [s for i, ctx in enumerate(ctxs) for s in extract_statements(ctx, ctxs[:i])]


def test_said_with_a_day(nlp, make_document) -> None:
    [st] = run(nlp, make_document, ["Finance minister Anna Koval said on Tuesday that the budget would be revised."],
               {"Anna Koval": "anna_koval"})
    assert st.speaker == "anna_koval"
    assert st.quote == "the budget would be revised"
    assert not st.direct
    assert st.date == dt.date(2023, 3, 7)  # the Tuesday before the Friday publication


def test_evidence_points_at_the_text(nlp, make_document) -> None:
    texts = ["Port reopens\nHarbour master Lee Tam said the port would reopen on Monday."]
    ctxs = contexts(nlp, make_document, texts, {"Lee Tam": "lee_tam"})
    [st] = extract_statements(ctxs[0], [])
    [ev] = st.evidence
    assert ev.text == ctxs[0].document.text[ev.start:ev.end]
    assert ev.entry == ctxs[0].entry.id
    assert ev.text.startswith("Harbour master Lee Tam said")  # the headline line is not evidence


def test_headline_without_full_stop_is_no_statement(nlp, make_document) -> None:
    statements = run(nlp, make_document, ["Minister says port will reopen soon"], {})
    assert statements == []


def test_direct_quote_with_addressee_medium_is_channel(nlp, make_document) -> None:
    [st] = run(nlp, make_document,
               [("“We will not retreat from the river, whatever it costs us,” General Ivan Petrenko told "
                 "the news agency Reuters.")],
               {"Ivan Petrenko": "ivan_petrenko", "Reuters": "reuters"})
    assert st.speaker == "ivan_petrenko"
    assert st.direct
    assert st.quote == "We will not retreat from the river, whatever it costs us"
    assert st.channel == "reuters"
    assert "reuters" not in st.about


def test_according_to(nlp, make_document) -> None:
    [st] = run(nlp, make_document, ["Three bridges were damaged in Zarich overnight, according to governor Oleh Marchenko."],
               {"Oleh Marchenko": "oleh_marchenko"}, places={"Zarich": "zarich"})
    assert st.speaker == "oleh_marchenko"
    assert st.quote == "Three bridges were damaged in Zarich overnight"


def test_medium_reporting_a_speaker_is_channel_not_speaker(nlp, make_document) -> None:
    [st] = run(nlp, make_document,
               ["The Defence Ministry said its forces had destroyed a fuel depot, the agency Interfax reported."],
               {"The Defence Ministry": "defence_ministry", "Interfax": "interfax"})
    assert st.speaker == "defence_ministry"
    assert st.channel == "interfax"
    assert "Interfax" not in st.quote


def test_a_medium_alone_is_never_a_speaker(nlp, make_document) -> None:
    statements = run(nlp, make_document, ["Interfax reported that two trains were delayed near the border."],
                     {"Interfax": "interfax"})
    assert all(s.speaker != "interfax" for s in statements)


def test_pronoun_speaker_resolves_to_the_person_mentioned_before(nlp, make_document) -> None:
    [st] = run(nlp, make_document,
               ["Mayor Olga Brenner visited the damaged hospital on Monday. She said the shelling had stopped."],
               {"Olga Brenner": "olga_brenner"})
    assert st.speaker == "olga_brenner"


def test_pronoun_gender_picks_the_compatible_person(nlp, make_document) -> None:
    [st] = run(nlp, make_document,
               ["Olga Brenner met Petro Hlib in the capital. He said the talks had been useful."],
               {"Olga Brenner": "olga_brenner", "Petro Hlib": "petro_hlib"})
    assert st.speaker == "petro_hlib"


def test_it_resolves_to_an_organisation_not_a_person(nlp, make_document) -> None:
    statements = run(nlp, make_document,
                     [("The state grid company said repairs would take a week. Director Ivan Sul visited the site. "
                       "It said that power would return first to hospitals.")],
                     {"The state grid company": "grid_company", "Ivan Sul": "ivan_sul"})
    assert [s.speaker for s in statements] == ["grid_company", "grid_company"]


def test_multi_paragraph_quote_is_one_direct_statement(nlp, make_document) -> None:
    text = ("“The first line of defence held,” said Colonel Dmytro Sava.\n"
            "“We lost no positions overnight. The enemy pulled back to the forest.”")
    [st] = run(nlp, make_document, [text], {"Dmytro Sava": "dmytro_sava"})
    assert st.direct
    assert st.quote == ("The first line of defence held [...] We lost no positions overnight. "
                        "The enemy pulled back to the forest.")
    assert st.evidence[0].text.endswith("forest.”")


def test_lead_paraphrase_and_its_quote_are_one_record(nlp, make_document) -> None:
    texts = [("Port chief Mark Ode said on Friday that the port would reopen soon. "
              "“We expect the first grain ships within a week,” Ode said.")]
    [st] = run(nlp, make_document, texts, {"Mark Ode": "mark_ode", "Ode": "mark_ode"})
    assert st.direct
    assert st.quote == "We expect the first grain ships within a week"


def test_he_said_continues_and_also_said_starts_a_new_record(nlp, make_document) -> None:
    same = run(nlp, make_document, ["Mark Ode said fuel prices would rise. He said that supplies were short."],
               {"Mark Ode": "mark_ode"})
    assert len(same) == 1
    assert same[0].quote == "fuel prices would rise [...] supplies were short"
    new_point = run(nlp, make_document, ["Mark Ode said fuel prices would rise. He also said the port was closed."],
                    {"Mark Ode": "mark_ode"})
    assert len(new_point) == 2


def test_nested_attribution_stays_in_the_content(nlp, make_document) -> None:
    [st] = run(nlp, make_document,
               ["The air force said that all the drones, which it said came from the south, were destroyed."],
               {"The air force": "air_force"})
    assert st.speaker == "air_force"
    assert "which it said came from the south" in st.quote


def test_two_speakers_in_one_sentence_get_two_statements(nlp, make_document) -> None:
    statements = run(nlp, make_document, ["Kyiv says the drones came from Iran, but Tehran says it sent none."],
                     {"Kyiv": "ukraine", "Tehran": "iran", "Iran": "iran"})
    assert [(s.speaker, s.about) for s in statements] == [("ukraine", ("iran",)), ("iran", ())]
    assert len({s.id for s in statements}) == 2
    assert all(s.date is None for s in statements)  # "says": no time given


def test_urge_is_demanding_and_about_its_object(nlp, make_document) -> None:
    [st] = run(nlp, make_document, ["President Ana Lind urged Moldova to close its airspace to military flights."],
               {"Ana Lind": "ana_lind", "Moldova": "moldova"})
    assert st.stance == Stance.DEMANDING
    assert st.about == ("moldova",)
    assert st.quote.startswith("urged Moldova to close its airspace")


def test_unknown_speaker_keeps_the_statement(nlp, make_document) -> None:
    [st] = run(nlp, make_document, ["A local official said the bridge would stay closed."], {})
    assert st.speaker is None
    assert st.quote == "the bridge would stay closed"


def test_negated_and_non_speech_uses_give_nothing(nlp, make_document) -> None:
    texts = ["The minister did not say when the talks would resume. The sanctions call for the bank to be cut off."]
    assert run(nlp, make_document, texts, {}) == []


def test_same_input_same_statements(nlp, make_document) -> None:
    texts = ["Mark Ode said fuel prices would rise. “We are ready for winter,” he added."]
    first = run(nlp, make_document, texts, {"Mark Ode": "mark_ode"})
    again = run(nlp, make_document, texts, {"Mark Ode": "mark_ode"})
    assert first == again

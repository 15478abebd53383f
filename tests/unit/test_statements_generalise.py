"""Attribution behaviours that carry over to unseen articles: unnamed sources, group
coreference, descriptions of organisations, run-on text and clause-level content.

Runs the whole rule extractor (resolver + statements) on invented sentences.
"""

from __future__ import annotations

import pytest

from kg.model import DocumentGraph, Statement
from loaders.extraction.pipeline import RuleExtractor, clean_alias

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def extract(nlp):
    ex = RuleExtractor(nlp, events=None)
    return lambda make_document, texts: ex(make_document(texts))


def _one(graph: DocumentGraph, word: str) -> Statement:
    found = [s for s in graph.statements if word in s.quote]
    assert len(found) == 1, [s.quote for s in graph.statements]
    return found[0]


def _aliases(graph: DocumentGraph, actor_id: str | None) -> tuple[str, ...]:
    return next((a.aliases for a in graph.actors if a.id == actor_id), ())


def test_unnamed_source_with_a_nationality_is_an_actor(extract, make_document) -> None:
    g = extract(make_document, ["A senior French intelligence official said the convoy had stalled near the border."])
    st = _one(g, "convoy")
    assert "A senior French intelligence official" in _aliases(g, st.speaker)
    assert next(a for a in g.actors if a.id == st.speaker).type.value == "person"


def test_bare_officials_name_no_one(extract, make_document) -> None:
    g = extract(make_document, ["Officials said the convoy had stalled near the border."])
    assert _one(g, "convoy").speaker is None


def test_one_official_is_one_of_the_group_named_before(extract, make_document) -> None:
    g = extract(make_document, [('Western officials said the talks had stalled. An Estonian official said nothing was '
                                'agreed. "We will watch this very closely," said one official.')])
    group = _one(g, "talks").speaker
    assert "Western officials" in _aliases(g, group)
    assert _one(g, "watch this").speaker == group  # not the singular official in between


def test_the_bloc_is_the_union_named_before(extract, make_document) -> None:
    g = extract(make_document, [("EU foreign ministers met in Brussels on Monday. The bloc said it would adopt new "
                                "sanctions on Russia.")])
    assert _one(g, "adopt").speaker == "eu"


def test_a_un_agency_speaks_but_a_news_agency_reports(extract, make_document) -> None:
    g = extract(make_document, ["Two UN agencies called for urgent help for sailors stranded in the ports.",
                                "The army said the bridge was destroyed, the Interfax news agency reported."])
    assert _one(g, "sailors").speaker is not None
    bridge = _one(g, "bridge")
    assert bridge.speaker != "interfax" and bridge.channel == "interfax"


def test_photo_credit_run_on_keeps_the_nearest_subject(extract, make_document) -> None:
    g = extract(make_document, [("Photograph: John Smith/Reuters The Élysée Palace said after a call with the Kremlin "
                                "that talks would continue on Tuesday.")])
    assert _one(g, "talks would continue").speaker == "elysee_palace"


def test_content_first_clause_ending_in_a_quotation_is_reported_whole(extract, make_document) -> None:
    g = extract(make_document, [('At least 40 people were hurt in the attack, but the real toll will be "much higher", '
                                "the regional governor, Oleh Synehubov, said.")])
    st = _one(g, "much higher")
    assert st.quote.startswith("At least 40 people") and not st.direct
    assert st.speaker == "oleh_synehubov"


def test_quoted_predicate_after_a_named_subject_is_a_statement(extract, make_document) -> None:
    g = extract(make_document, [('The IAEA director general, Rafael Grossi, "stressed that the plant must be protected '
                                'at all times".')])
    assert _one(g, "plant must be protected").speaker == "rafael_grossi"


def test_quoted_headline_after_a_statement_is_not_its_continuation(extract, make_document) -> None:
    g = extract(make_document, [("The Kremlin said there was no reason to doubt the central bank. ‘The damage is "
                                "done’: Russians face a hard winter")])
    st = _one(g, "no reason")
    assert "damage" not in st.quote and not st.direct


def test_semicolon_separates_two_cues_of_one_speaker(extract, make_document) -> None:
    g = extract(make_document, [("Russia's ambassador to the UN, Vasily Nebenzya, said the diplomats had been told to "
                                "leave by Friday; he called it a hostile step.")])
    st = _one(g, "told to leave")
    assert st.speaker == "vasily_nebenzya"


def test_believe_attributes_an_assessment(extract, make_document) -> None:
    g = extract(make_document, ["Western officials believe the Kremlin wants to replace the government in Kyiv."])
    assert _one(g, "replace the government").speaker is not None


def test_nationality_inside_an_institution_is_not_a_separate_whom(extract, make_document) -> None:
    g = extract(make_document, ["Kyiv Mayor Vitali Klitschko said Russian forces had shelled the town overnight.",
                                "Vitali Klitschko said Russian diplomats had been expelled from Kyiv."])
    forces = _one(g, "shelled")
    assert "russian_armed_forces" in forces.about and "russia" not in forces.about
    assert "russia" in _one(g, "expelled").about  # a group of people: its nationality is a whom


def test_us_in_capitals_is_a_country_alias_not_a_pronoun() -> None:
    assert clean_alias("US") == "US"
    assert clean_alias("us") is None and clean_alias("Us") is None


def test_bloc_adjective_opening_a_longer_name_stays_in_the_name(extract, make_document) -> None:
    g = extract(make_document, [("The British defence ministry said Russia's Western Group of Forces had a new "
                                "commander.")])
    assert "Western" not in _aliases(g, "western_countries")

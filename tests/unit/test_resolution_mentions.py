"""Mention finding and linking on parsed text: typos, transliterations, short forms,
descriptions, metonymy, demonyms, institutions, regions."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.resolution import DocumentResolver
from loaders.extraction.base import EntryContext, Mention

pytestmark = pytest.mark.unit


@pytest.fixture
def resolve(nlp, make_document):
    def run(*texts: str) -> list[Mention]:
        document = make_document(list(texts))
        resolver = DocumentResolver(document)
        contexts: list[EntryContext] = []
        for entry in document.entries:
            ctx = EntryContext(document, entry, nlp(document.text[entry.start:entry.end]))
            ctx.mentions = resolver.resolve(ctx, contexts)
            contexts.append(ctx)
        mentions = [m for ctx in contexts for m in ctx.mentions]
        for m in mentions:
            assert document.text[m.start:m.end] == m.text
        return mentions
    return run


def found(mentions: list[Mention], surface: str, kind: str | None = None) -> set[str]:
    return {m.ref for m in mentions if m.text == surface and (kind is None or m.kind == kind)}


def test_typo_in_a_known_name_resolves_to_the_person(resolve):
    ms = resolve("In his overnight address, Ukrainian president Volodymyr Zelemnsky said 54 missiles were shot down.")
    assert found(ms, "Volodymyr Zelemnsky") == {"volodymyr_zelensky"}


@pytest.mark.parametrize("spelling", ["Zelensky", "Zelenskyy", "Zelenskiy"])
def test_transliterations_of_a_name_are_one_actor(resolve, spelling):
    ms = resolve(f"Volodymyr {spelling} said the army held the line.")
    assert found(ms, f"Volodymyr {spelling}") == {"volodymyr_zelensky"}


def test_honorific_is_kept_in_the_mention(resolve):
    ms = resolve("Mr Putin said the visit would go ahead.")
    assert found(ms, "Mr Putin") == {"vladimir_putin"}


def test_two_kulebas_stay_two_and_a_bare_surname_follows_the_latest(resolve):
    ms = resolve("Dmytro Kuleba, the foreign minister, spoke in Brussels.",
                 "Oleksiy Kuleba, governor of Kyiv region, said drones were shot down.",
                 "Kuleba said the air raid alert was over.")
    assert found(ms, "Dmytro Kuleba") == {"dmytro_kuleba"}
    assert found(ms, "Oleksiy Kuleba") == {"oleksiy_kuleba"}
    assert found(ms, "Kuleba") == {"oleksiy_kuleba"}


def test_typo_in_a_given_name_still_picks_the_right_namesake(resolve):
    ms = resolve("Olekskiy Kuleba, governor of Kyiv region, said on Telegram that an attack was underway.")
    assert found(ms, "Olekskiy Kuleba") == {"oleksiy_kuleba"}


def test_unknown_person_gets_a_slug_and_short_forms_follow(resolve):
    ms = resolve("Lieutenant general Yevgeniy Nikiforov is likely to take over command. "
                 "Mr Nikiforov was chief of staff, and Nikiforov assumes an important role.")
    assert found(ms, "Yevgeniy Nikiforov") == found(ms, "Mr Nikiforov") == found(ms, "Nikiforov") \
        == {"yevgeniy_nikiforov"}


def test_capital_that_acts_is_the_country_and_a_capital_as_place_is_a_location(resolve):
    ms = resolve("Kyiv says Iran is supplying Moscow with drones. Residents in Kyiv were told to shelter.",
                 "A day after Moscow fired dozens of missiles, Kyiv’s military said all drones were destroyed.")
    kyiv = {(m.kind, m.ref) for m in ms if m.text == "Kyiv"}
    assert kyiv == {("actor", "ukraine"), ("location", "kyiv")}
    assert found(ms, "Moscow", "actor") == {"russia"}
    assert found(ms, "Kyiv’s military") == {"ukrainian_armed_forces"}


def test_capital_as_destination_is_a_place(resolve):
    ms = resolve("We are expecting you next spring on a state visit to Moscow.")
    assert found(ms, "Moscow") == {"moscow"} and {m.kind for m in ms if m.text == "Moscow"} == {"location"}


def test_kremlin_is_its_own_government_actor(resolve):
    ms = resolve("The Kremlin said the talks were over.")
    assert found(ms, "The Kremlin") == {"kremlin"}


def test_nationality_adjective_is_the_country_actor(resolve):
    ms = resolve("Air defences repelled 54 Russian missiles and Chinese state media reported it.")
    assert found(ms, "Russian", "actor") == {"russia"}
    assert found(ms, "Chinese", "actor") == {"china"}


@pytest.mark.parametrize("text, surface, actor", [
    ("The Ukraine president said the situation was difficult.", "The Ukraine president", "volodymyr_zelensky"),
    ("NATO chief calls for more weapons for Ukraine.", "NATO chief", "jens_stoltenberg"),
    ("Russian president says the visit will take place.", "Russian president", "vladimir_putin"),
    ("Kremlin spokesman Dmitry Peskov said it was an incident.", "Kremlin spokesman", "dmitry_peskov"),
])
def test_role_descriptions_resolve_to_the_office_holder(resolve, text, surface, actor):
    assert found(resolve(text), surface) == {actor}


def test_the_countrys_top_diplomat_uses_the_country_in_context(resolve):
    ms = resolve("Despite the deaths of Ukrainian civilians, the country's top diplomat says Kiev will not concede.")
    assert found(ms, "the country's top diplomat") == {"dmytro_kuleba"}
    assert found(ms, "Kiev") == {"ukraine"}


def test_description_before_a_name_links_to_that_name(resolve):
    ms = resolve("British Defence Minister Ben Wallace said the package would help.")
    assert found(ms, "British Defence Minister") == {"ben_wallace"}


def test_descriptions_follow_the_date_of_the_entry(nlp, make_document):
    document = make_document(["The British prime minister said the aid would continue."], day=dt.date(2022, 7, 1))
    resolver = DocumentResolver(document)
    entry = document.entries[0]
    ctx = EntryContext(document, entry, nlp(document.text))
    refs = {m.ref for m in resolver.resolve(ctx, [])}
    assert "boris_johnson" in refs and "rishi_sunak" not in refs


@pytest.mark.parametrize("text, surface, actor", [
    ("Russia’s Defence Ministry said it carried out a massive strike.", "Russia’s Defence Ministry",
     "russian_ministry_of_defence"),
    ("Moscow’s troops have fewer and fewer missiles.", "Moscow’s troops", "russian_armed_forces"),
    ("Ukraine’s military said it shot down 16 drones.", "Ukraine’s military", "ukrainian_armed_forces"),
    ("The British defence ministry said the commander was replaced.", "The British defence ministry",
     "uk_ministry_of_defence"),
])
def test_institutions_named_by_their_country(resolve, text, surface, actor):
    assert found(resolve(text), surface) == {actor}


def test_city_bodies_are_actors_of_their_own(resolve):
    ms = resolve("Kyiv officials said five drones were destroyed. Kyiv’s city government issued an alert.")
    assert found(ms, "Kyiv officials") == {"kyiv_officials"}
    assert found(ms, "Kyiv’s city government") == {"kyiv_city_government"}


def test_region_phrases_resolve_to_the_region_not_the_city(resolve):
    ms = resolve("It is especially difficult in Kyiv region and the capital, Lviv region, Odesa and the region.")
    assert found(ms, "Kyiv region") == {"kyiv_oblast"}
    assert found(ms, "Lviv region") == {"lviv_oblast"}
    assert found(ms, "Odesa") == {"odesa"}
    assert found(ms, "the region") == {"odesa_oblast"}
    assert found(ms, "the capital") == {"kyiv"}


def test_coordinated_regions_share_the_plural_region_word(resolve):
    ms = resolve("The enemy wants the administrative border of Donetsk and Luhansk regions.")
    assert found(ms, "Donetsk") == {"donetsk_oblast"}
    assert found(ms, "Luhansk regions") == {"luhansk_oblast"}


def test_old_spellings_in_text_resolve_to_current_places(resolve):
    ms = resolve("Explosions were heard in Kiev, Odessa and Kharkov, and near Transcarpathia.")
    assert {m.ref for m in ms if m.kind == "location"} >= {"kyiv", "odesa", "kharkiv", "zakarpattia_oblast"}


def test_bracketed_acronym_names_the_actor_before_it(resolve):
    ms = resolve("He takes over Russia’s Western Group of Forces (WGF) in Ukraine.",
                 "WGF is almost certainly tasked with holding the flank.")
    assert found(ms, "WGF") == {"western_group_of_forces"}
    assert found(ms, "Western Group of Forces") == {"western_group_of_forces"}


def test_two_word_peoples_are_one_group(resolve):
    ms = resolve("Three decades ago Bosnian Serbs besieged Sarajevo.")
    assert found(ms, "Bosnian Serbs") == {"bosnian_serbs"}
    assert found(ms, "Sarajevo", "location") == {"sarajevo"}


def test_village_named_after_a_place_cue_is_a_location(resolve):
    ms = resolve("The missile was shot down near the village of Harbacha in the Brest region.")
    assert {(m.text, m.kind) for m in ms} >= {("Harbacha", "location"), ("Brest region", "location")}


def test_pronouns_are_never_mentions(resolve):
    ms = resolve("He said they would come back. It was late.")
    assert ms == []


def test_the_ministry_after_a_minister_is_that_ministers_ministry(resolve):
    ms = resolve("British Defence Minister Ben Wallace said the kits would help, the Defence Ministry said.")
    assert found(ms, "the Defence Ministry") == {"uk_ministry_of_defence"}


def test_a_bare_ministry_with_no_owner_in_the_entry_is_left_unresolved(resolve):
    ms = resolve("Belarus' defense ministry said it shot down a missile.",
                 "Later the Defence Ministry said more kits were sent.")
    assert found(ms, "Belarus' defense ministry") == {"belarusian_ministry_of_defence"}
    assert not [m for m in ms if "Defence Ministry" in m.text]


def test_one_unknown_person_spelt_two_ways_is_one_actor(resolve):
    ms = resolve("Ruslan Muzychuk, the national guard spokesman, said the city held.",
                 "Ruslan Muzytchuk later added that fighting continued.")
    assert found(ms, "Ruslan Muzychuk") == found(ms, "Ruslan Muzytchuk") == {"ruslan_muzychuk"}


def test_place_words_are_not_taken_for_people(resolve):
    ms = resolve("Inside Kyiv, people sheltered in the metro.")
    assert found(ms, "Kyiv") == {"kyiv"}
    assert not [m for m in ms if m.text.startswith("Inside")]


def test_common_words_that_are_also_town_names_are_not_places(resolve):
    ms = resolve("Mobile networks were down across the region. Independent experts disagreed.")
    assert ms == []


def test_titles_that_need_their_article(resolve):
    ms = resolve("The figures were confirmed to The Independent by officials.")
    assert found(ms, "The Independent") == {"the_independent"}


def test_a_country_outside_the_registry_can_act(nlp, make_document):
    document = make_document(["Senegal said it would abstain in the vote."])
    resolver = DocumentResolver(document)
    ctx = EntryContext(document, document.entries[0], nlp(document.text))
    [mention] = resolver.resolve(ctx, [])
    assert (mention.kind, mention.ref) == ("actor", "senegal")
    assert resolver.actor("senegal").type.value == "country"


def test_dates_are_not_part_of_names(resolve):
    ms = resolve("Mitch McConnell on Thursday said sanctions were not enough.")
    assert found(ms, "Mitch McConnell") == {"mitch_mcconnell"}

"""Resolution data and lookups without spaCy: name keys, the registry, the gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import ActorType
from kg.resolution.gazetteer import load_gazetteer
from kg.resolution.normalize import edit_distance, key, skeleton
from kg.resolution.registry import load_registry

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("variants", [
    ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi"),
    ("Odessa", "Odesa"),
    ("Kremina", "Kreminna"),
    ("Sergei", "Sergey"),
    ("Oleksiy", "Oleksii"),
])
def test_transliteration_variants_share_a_skeleton(variants):
    assert len({skeleton(v) for v in variants}) == 1


def test_key_drops_determiner_possessive_and_accents():
    assert key("the Kremlin’s") == "kremlin"
    assert key("Belarus'") == "belarus"
    assert key("Mutevelić") == "mutevelic"


def test_distinct_names_keep_distinct_skeletons():
    assert skeleton("Kyiv") != skeleton("Kharkiv")
    assert skeleton("Dmytro Kuleba") != skeleton("Oleksiy Kuleba")


def test_edit_distance_counts_typos_and_caps_at_limit():
    assert edit_distance("zelemnski", "zelenski") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("abc", "xyzxyzxyz", limit=3) == 3


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_registry_is_broad_and_well_formed(registry):
    types = {rec.type for rec in registry.records.values()}
    assert {ActorType.PERSON, ActorType.COUNTRY, ActorType.ORGANIZATION, ActorType.GOVERNMENT,
            ActorType.MILITARY_UNIT, ActorType.MEDIA} <= types
    assert len(registry.records) >= 200
    for rec in registry.records.values():
        if rec.affiliation:
            assert registry.get(rec.affiliation) is not None, rec.id
        for spell in rec.roles:
            assert spell.start <= spell.end, rec.id


def test_two_kulebas_are_two_registry_people(registry):
    assert set(registry.surnames[skeleton("Kuleba")]) == {"dmytro_kuleba", "oleksiy_kuleba"}
    assert registry.by_name("Kuleba") == []  # a bare "Kuleba" is never resolved by the registry alone


@pytest.mark.parametrize("of, titles, day, holder", [
    ("ukraine", ("president",), dt.date(2022, 12, 30), "volodymyr_zelensky"),
    ("united_kingdom", ("prime_minister",), dt.date(2022, 7, 1), "boris_johnson"),
    ("united_kingdom", ("prime_minister",), dt.date(2022, 10, 1), "liz_truss"),
    ("united_kingdom", ("prime_minister",), dt.date(2023, 1, 1), "rishi_sunak"),
    ("nato", ("head",), dt.date(2022, 12, 30), "jens_stoltenberg"),
    ("nato", ("head",), dt.date(2025, 1, 1), "mark_rutte"),
    ("ukraine", ("foreign_minister",), dt.date(2022, 12, 30), "dmytro_kuleba"),
    ("russia", ("defence_minister",), dt.date(2023, 6, 1), "sergei_shoigu"),
])
def test_role_holder_depends_on_the_date(registry, of, titles, day, holder):
    assert registry.holder(of, titles, day) == holder


def test_countries_know_their_capital_and_demonyms(registry):
    assert registry.capitals["kyiv"] == "ukraine"
    assert registry.capitals["moscow"] == "russia"
    assert registry.demonyms["ukrainian"] == "ukraine"
    assert registry.demonyms["british"] == "united_kingdom"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("old, new", [
    ("Kiev", "kyiv"), ("Odessa", "odesa"), ("Kharkov", "kharkiv"), ("Nikolaev", "mykolaiv"),
    ("Transcarpathia", "zakarpattia_oblast"), ("Kremina", "kreminna"), ("Artemivsk", "bakhmut"),
])
def test_old_and_new_spellings_are_one_place(gazetteer, old, new):
    assert gazetteer.lookup(old).id == new
    assert gazetteer.lookup(gazetteer.get(new).name).id == new


def test_places_carry_coordinates_country_and_region(gazetteer):
    kharkiv = gazetteer.get("kharkiv")
    assert kharkiv.country == "UA" and kharkiv.parent == "kharkiv_oblast"
    assert 49 < kharkiv.lat < 51 and 35 < kharkiv.lon < 37


def test_namesakes_go_to_the_domain_or_bigger_place(gazetteer):
    assert gazetteer.lookup("Odessa").country == "UA"  # not Odessa, Texas
    assert gazetteer.lookup("Brest").country == "BY"  # not Brest, France
    assert gazetteer.lookup("Paris").country == "FR"  # not a Ukrainian village once called Paris


def test_region_phrases_name_the_oblast_not_the_city(gazetteer):
    assert gazetteer.regions[skeleton("Kyiv region")] == "kyiv_oblast"
    assert gazetteer.regions[skeleton("Kiev oblast")] == "kyiv_oblast"
    assert gazetteer.regions[skeleton("Brest region")] == "brest_region"
    assert gazetteer.get("kyiv_oblast").type == "region"


def test_undated_text_resolves_only_posts_one_person_ever_held(registry):
    assert registry.holder("nato", ("head",), None) is None  # Stoltenberg, then Rutte
    assert registry.holder("kremlin", ("spokesperson",), None) == "dmitry_peskov"


def test_every_country_is_a_place_even_outside_the_registry(gazetteer, registry):
    taiwan = gazetteer.lookup("Taiwan")
    assert taiwan.type == "country" and taiwan.country == "TW" and registry.get(taiwan.id) is None
    assert gazetteer.lookup("Czechia").id == gazetteer.lookup("Czech Republic").id


@pytest.mark.parametrize("geonames, national", [
    ("Mykolayiv", "Mykolaiv"), ("Kryvyy Rih", "Kryvyi Rih"), ("Zaporizhzhya", "Zaporizhzhia"),
    ("Izyum", "Izium"), ("Avdiyivka", "Avdiivka"), ("Yasynuvata", "Yasynuvata"), ("Kyiv", "Kyiv"),
])
def test_ukrainian_names_are_romanised_the_national_way(geonames, national):
    from kg.resolution.build_places import national_romanisation

    assert national_romanisation(geonames) == national

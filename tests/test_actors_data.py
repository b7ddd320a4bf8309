"""Actor data files: loading, validation, user extension, date choice (offline, no spaCy)."""

from datetime import date

import pytest

from newsevents.actors import load_actor_files, read_actor_file
from newsevents.actors.data import DATA_DIR, load_lexicon, load_roles, token_keys
from newsevents.actors.match import pick_entry
from newsevents.errors import DataFileError

HEADER = "id\tname\taliases\tcode\tcountry\tsector\tkind\trole\torg\tstart\tend\n"


def test_token_keys_normalise_dots_hyphens_and_case():
    assert token_keys("U.S.") == token_keys("US") == ["us"]
    assert token_keys("Kim Jong-un") == token_keys("kim jong un")
    assert token_keys("People's") == ["people", "'s"]


def test_bundled_lexicon_has_metonyms_media_and_groups():
    lex = load_actor_files()
    assert lex.aliases[("kremlin",)].entries[0].code == "RUSGOV"
    assert lex.aliases[("kcna",)].entries[0].country == "PRK"
    assert lex.aliases[("hamas",)].entries[0].kind == "group"
    assert lex.aliases[("national", "intelligence", "service")].entries[0].sector == "SPY"
    assert lex.aliases[("north", "korean")].entries[0].country == "PRK"
    assert lex.aliases[("tehran",)].entries[0].code == "IRNGOV"


def test_short_acronyms_require_capitals():
    lex = load_actor_files()
    assert lex.aliases[("us",)].upper is True
    assert lex.aliases[("iran",)].upper is False


def test_person_in_office_chosen_by_date():
    entries = load_actor_files().aliases[("ebrahim", "raisi")].entries
    assert pick_entry(entries, date(2024, 4, 24)).sector == "GOV"
    trump = load_actor_files().aliases[("donald", "trump")].entries
    assert pick_entry(trump, date(2019, 6, 1)).start == date(2017, 1, 20)
    assert pick_entry(trump, date(2025, 3, 1)).start == date(2025, 1, 20)


def test_user_file_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "org:acme\tAcme Militia\tAcme Militia|Kremlin\tXXXREB\tUKR\tREB\tgroup"
                    "\t\t\t\t\n", encoding="utf-8")
    lex = load_actor_files([str(path)])
    assert lex.aliases[("acme", "militia")].entries[0].code == "XXXREB"
    assert lex.aliases[("kremlin",)].entries[0].id == "org:acme"  # user files win


def test_user_jsonl_file(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "p:x", "name": "Jane Roe", "aliases": ["Jane Roe"], "code": "GBRGOV",'
                    ' "country": "GBR", "sector": "GOV", "kind": "person", "start": "2020-01-01"}\n',
                    encoding="utf-8")
    rows = read_actor_file(path)
    assert rows[0][1].start == date(2020, 1, 1)


@pytest.mark.parametrize("row,message", [
    ("x\tX\tX\tX\tXX\t\tstate\t\t\t\t", "alpha-3"),
    ("x\tX\tX\tX\t\t\tplanet\t\t\t\t", "kind"),
    ("x\tX\t\tX\t\t\tstate\t\t\t\t", "no aliases"),
    ("x\tX\tX\tX\t\t\tstate\t\t\t2020-13-01\t", "YYYY-MM-DD"),
])
def test_bad_rows_raise_data_file_error(tmp_path, row, message):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        read_actor_file(path)


def test_missing_file_and_bad_header(tmp_path):
    with pytest.raises(DataFileError, match="not found"):
        read_actor_file(tmp_path / "nope.tsv")
    path = tmp_path / "h.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="lacks the column"):
        read_actor_file(path)


def test_roles_curated_overrides_petrarch():
    roles = load_roles()
    assert roles.exact[("spokesperson",)] == "GOV"  # PETRARCH2 says MED
    assert roles.exact[("minister",)] == "GOV"
    assert (DATA_DIR / "README.md").read_text().count("MIT License") == 1


# Codes docs/actors.md lists for actors that are not states (the country
# slot of an event tuple falls back to the first three letters of the code).
NON_STATE_CODES = {"IGO", "NGO", "IMG", "MNC", "WST", "EUR", "GLF"}


def _iso3() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # XKX: Kosovo (docs/actors.md)


@pytest.mark.parametrize("name", ["countries.tsv", "organisations.tsv", "people.tsv.gz",
                                  "curated.tsv", "people_current.tsv", "people_histstate.tsv",
                                  "organisations_current.tsv"])
def test_every_bundled_country_is_iso3_or_a_documented_non_state_code(name):
    # CAMEO codes such as ANG (Angola), SUN (Soviet Union) or MEA (Middle East)
    # must never reach an event: every row gives an ISO country or a non-state code
    iso, bad = _iso3(), []
    for _, e in read_actor_file(DATA_DIR / name):
        if e.country is not None and e.country not in iso:
            bad.append((e.id, e.country))
        elif e.country is None and e.code and e.code[:3] not in NON_STATE_CODES:
            bad.append((e.id, e.code))
        elif e.country and e.code and not e.code.startswith(e.country):
            bad.append((e.id, e.code))
    assert bad == []


def test_former_states_and_regional_groups_resolve_to_iso_countries():
    lex = load_actor_files()

    def country(*keys):
        entry = pick_entry(lex.aliases[keys].entries, date(2024, 1, 1))
        return entry.country or entry.code[:3]

    assert country("unita") == "AGO"
    assert country("soviet", "union") == "RUS"
    assert country("czechoslovakia") == "CZE"
    assert country("east", "timor") == "TLS"
    assert country("palestinian", "islamic", "jihad") == "PSE"  # was the region code MEA
    assert country("lord", "'s", "resistance", "army") == "UGA"
    assert country("reuters") == "GBR"


def test_the_alias_index_is_built_once_however_it_is_asked_for():
    # load_lexicon() and load_lexicon(()) were separate cache entries: every
    # process built the index twice (start-up time and memory in each worker).
    assert load_lexicon() is load_lexicon(()) is load_actor_files([])


# Words that are also company names ("Apple", "Shell"): only a form that cannot
# be the common word ("Apple Inc.", "Royal Dutch Shell") may be an alias.
COMMON_WORDS = {"apple", "shell", "amazon", "total", "delta", "target", "meta", "visa", "orange",
                "alphabet", "oracle", "canon", "vale", "leonardo", "santander", "renaissance",
                "league", "congress", "labor", "reform", "forward", "sumar", "vox", "memorial",
                "national", "united", "american", "azov", "emirates", "x", "ford", "honda"}


def test_organisations_current_rows_are_sourced_placed_and_not_common_words():
    path = DATA_DIR / "organisations_current.tsv"
    rows = read_actor_file(path)
    assert len(rows) > 500
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t")[-1] == "source"
    for aliases, e in rows:
        assert e.sector, e.id
        if e.sector == "BUS":  # a company is placed in its home country
            assert e.country and e.code == e.country + "BUS", e.id
        for alias in aliases:
            keys = token_keys(alias)
            assert keys != [alias.lower()] or alias.lower() not in COMMON_WORDS, alias
            if len(keys) == 1:  # one word: must be written with a capital to match
                assert alias[:1].isupper() or alias[:1].isdigit(), alias


@pytest.mark.slow
def test_organisations_current_resolve_in_a_sentence_and_common_words_do_not():
    # issue #16: companies, parties and one-country titles found but not placed
    from newsevents.actors import resolve_actors
    from newsevents.nlp import parse_one

    def actors(text):
        return {m.text: m.actor for m in resolve_actors(parse_one(text), date(2025, 3, 1))}

    got = actors("Huawei signed a deal with the Republican National Committee, "
                 "and the Taoiseach said the Popular Mobilization Forces were not involved.")
    assert (got["Huawei"].country, got["Huawei"].sector) == ("CHN", "BUS")
    assert (got["Republican National Committee"].country,
            got["Republican National Committee"].sector) == ("USA", "PTY")
    assert (got["Taoiseach"].country, got["Taoiseach"].sector) == ("IRL", "GOV")
    assert got["Popular Mobilization Forces"].country == "IRQ"
    assert got.get("Apple Inc.") is None
    assert actors("Apple Inc. said it would appeal.")["Apple Inc."].country == "USA"
    # the common word, lower case or sentence-initial, is no placed company
    got = actors("Shell companies hid the money. An apple fell. Total sales rose. "
                 "Delta flights were late, and a target was hit.")
    assert all(a.sector != "BUS" and a.country is None for a in got.values()), got

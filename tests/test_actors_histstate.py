"""people_histstate.tsv: leaders from the Office of the Historian records (issue #16)."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from newsevents.actors.data import (
    CURATED_FILES,
    DATA_DIR,
    GENERATED_FILES,
    load_lexicon,
    read_actor_file,
    token_keys,
)
from newsevents.actors.match import pick_entry
from newsevents.actors.resolve import entry_actor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
PATH = DATA_DIR / "people_histstate.tsv"
SOURCE = ROOT.parent / "shared" / "corpus" / "histstate"


def _rows():
    return read_actor_file(PATH)


def _entries(*keys):
    return load_lexicon().aliases[keys].entries


def test_file_loads_with_a_source_and_person_rows_placed_in_their_country():
    rows = _rows()
    assert len(rows) > 500
    assert PATH.read_text(encoding="utf-8").splitlines()[0].split("\t")[-1] == "source"
    for aliases, e in rows:
        assert e.kind == "person" and e.country, e.id
        assert e.id.startswith(f"person:{e.country}-"), e.id
        if e.start or e.end:  # a title held on these days
            assert (e.sector, e.code) == ("GOV", e.country + "GOV") and e.role, e.id
            assert e.start <= e.end, e.id
        else:  # outside the attested days: the country, no office claimed
            assert (e.sector, e.code, e.role) == (None, e.country, None), e.id


def test_every_person_has_one_undated_row_and_keeps_the_full_name():
    undated = Counter(e.id for _, e in _rows() if not (e.start or e.end))
    ids = {e.id for _, e in _rows()}
    assert set(undated) == ids and set(undated.values()) == {1}
    for aliases, e in _rows():  # (as match keys: "Febres-Cordero" is "Febres Cordero")
        assert token_keys(e.name) in [token_keys(a) for a in aliases], e.id


def test_the_file_is_read_before_the_hand_written_files():
    # later files override earlier ones alias by alias: the hand-written ones must win
    assert PATH.name in GENERATED_FILES and PATH.name not in CURATED_FILES


def test_hand_written_people_win_and_are_not_duplicated():
    lex = load_lexicon()
    curated = {}
    for name in ("curated.tsv", "people_current.tsv"):
        for aliases, e in read_actor_file(DATA_DIR / name):
            if e.kind == "person":
                for a in aliases:
                    curated.setdefault(tuple(token_keys(a)), set()).add(e.country)
    ours = Counter()
    for aliases, e in _rows():
        for a in aliases:
            keys = tuple(token_keys(a))
            assert e.country not in curated.get(keys, ()), (a, e.id)  # no duplicate person
            ours[keys] += 1
            # wherever an alias is also a hand-written one, the hand-written entry is chosen
            if keys in curated:
                assert lex.aliases[keys].entries[0].priority == 1, a
    assert ours


def test_a_visitor_is_placed_in_their_country_and_titled_only_when_attested():
    entries = _entries("nikos", "christodoulides")
    on_visit = pick_entry(entries, date(2024, 10, 30))
    actor = entry_actor(on_visit, date(2024, 10, 30))
    assert (actor.country, actor.sector, actor.role) == ("CYP", "GOV", "president")
    # before and after the recorded visit: the country, but neither "president" nor "former"
    for d in (date(2023, 3, 1), date(2026, 1, 1)):
        actor = entry_actor(pick_entry(entries, d), d)
        assert (actor.country, actor.sector, actor.role) == ("CYP", None, None)
    # the surname alone is safe (no word, place or other leader's name) and resolves
    assert pick_entry(_entries("christodoulides"), date(2025, 1, 1)).country == "CYP"


def test_a_monarch_is_gov_with_the_title_as_an_alias():
    entries = [e for e in _entries("king", "mwambutsa", "iv") if e.role == "king"]
    assert entries and all((e.country, e.sector) == ("BDI", "GOV") for e in entries)
    assert _entries("mwambutsa", "iv") == _entries("king", "mwambutsa", "iv")


@pytest.mark.parametrize("surname", ["kim", "lee", "khan", "singh", "abdullah", "park",
                                     "nguyen", "marcos", "aliyev", "brown", "major"])
def test_common_surnames_and_words_are_no_alias_here(surname):
    for aliases, e in _rows():
        assert surname not in {a.lower() for a in aliases}, e.id


@pytest.mark.slow  # the English word list is the spaCy model's lemma index
def test_single_word_aliases_pass_the_guards():
    import build_histstate_people as B

    words = B.english_words()
    for aliases, e in _rows():
        for a in aliases:
            keys = token_keys(a)
            if len(keys) == 1:
                assert a[:1].isupper() and keys[0] not in words, (a, e.id)


def test_surname_guard_reasons():
    import build_histstate_people as B

    kw = dict(words={"brown"}, places={("jackson",), ("guardia",)},
              existing={("obama",): {"USA"}}, name_tokens=Counter({"kim": 5, "dendias": 1}),
              org_words={"armas"})
    assert B.surname_guard("Brown", "GBR", **kw) == "word"
    assert B.surname_guard("Jackson", "USA", **kw) == "place"
    assert B.surname_guard("Guardia", "CRI", **kw) == "place"
    assert B.surname_guard("Obama", "USA", **kw) == "alias"
    assert B.surname_guard("Armas", "GTM", **kw) == "org-word"
    assert B.surname_guard("Kim", "KOR", **kw) == "common"
    assert B.surname_guard("Dendias", "GRC", **kw) is None


def test_runs_break_at_another_title_and_at_a_long_gap():
    import build_histstate_people as B

    recs = [("1996-07-09", "1996-07-10", "prime minister", "visit"),
            ("1998-01-20", "1998-01-22", "prime minister", "trip"),
            ("2009-05-18", "2009-05-18", "prime minister", "visit"),
            ("2010-01-01", "2010-01-02", "president", "visit"),
            ("2011-01-01", "2011-01-02", None, "visit")]  # president-elect: no office
    assert B.runs(recs) == [("1996-07-09", "1998-01-22", "prime minister"),
                            ("2009-05-18", "2009-05-18", "prime minister"),
                            ("2010-01-01", "2010-01-02", "president")]


def test_trip_remarks_place_people_in_the_host_country_only_outside_gatherings():
    import build_histstate_people as B

    idx = {("belgium",): "BEL", ("soviet",): "RUS", ("jordan",): "JOR"}
    got = B.travel_mentions({"country": "Belgium", "remarks": "Met with King Philippe and "
                             "Prime Minister Alexander De Croo. Attended the NATO Summit."}, idx)
    assert [(n, c) for _, n, c, _ in got] == [("Alexander De Croo", None)]
    got = B.travel_mentions({"country": "Belgium", "remarks": "Met with Prime Minister "
                             "Alexander De Croo and Soviet Foreign Minister Eduard Shevardnadze."},
                            idx)
    assert [(n, c, how) for _, n, c, how in got] == [
        ("Alexander De Croo", "BEL", "host"), ("Eduard Shevardnadze", "RUS", "adjective")]
    # a name cut short by a lower-case particle, or a title for a first name: left out
    got = B.travel_mentions({"country": "Jordan", "remarks": "Met with President Abdel Fattah "
                             "el-Sisi and Foreign Minister Prince Saud."}, idx)
    assert all(c is None for _, _, c, _ in got)


def test_trip_only_people_get_no_surname_alias():
    # a remark may give two surnames ("Rios Montt"): the last one alone is no alias
    rows = [(a, e) for a, e in _rows() if e.id.endswith("-rios-montt")]
    assert rows and all(len(token_keys(a)) > 1 for aliases, _ in rows for a in aliases)
    # a trip-only person is placed all the same ("Met with Prime Minister Sanna Marin")
    entries = _entries("sanna", "marin")
    assert {e.country for e in entries} == {"FIN"}
    assert any(e.role == "prime minister" and e.sector == "GOV" for e in entries)


def test_country_names_resolve_through_the_project_data():
    import build_histstate_people as B

    files = {n: read_actor_file(DATA_DIR / n) for n in ("countries.tsv", "names.tsv")}
    index = B.country_index(files)
    assert B.resolve_country("Korea, South", index) == "KOR"
    assert B.resolve_country("China, People\u2019s Republic of", index) == "CHN"
    assert B.resolve_country("Siam (Thailand)", index) == "THA"
    assert B.resolve_country("France (Provisional Government)", index) == "FRA"
    assert B.resolve_country("Upper Volta", index) == "BFA"
    assert B.resolve_country("Atlantis", index) is None


@pytest.mark.slow
def test_the_generator_reproduces_the_file_byte_for_byte():
    import build_histstate_people as B

    if not (SOURCE / "visits.jsonl.gz").is_file():
        pytest.skip(reason=f"the Office of the Historian records are not at {SOURCE}")
    rows, _, unresolved = B.build(SOURCE)
    assert B.render(rows) == PATH.read_text(encoding="utf-8")
    assert unresolved == []


@pytest.mark.slow
def test_named_leaders_resolve_in_a_sentence_and_common_surnames_do_not():
    from newsevents.actors import resolve_actors
    from newsevents.nlp import parse_one

    text = ("Cypriot officials said Nikos Christodoulides would meet Kim. "
            "Christodoulides and Lee spoke later.")
    got = {m.text: m.actor for m in resolve_actors(parse_one(text), date(2025, 3, 1))}
    assert got["Nikos Christodoulides"].country == "CYP"
    assert got["Christodoulides"].country == "CYP"
    assert got.get("Kim") is None or got["Kim"].country is None
    assert got.get("Lee") is None or got["Lee"].country is None

"""Context rules of the actors stage (context.py, coref pairs, titles, dated people).

Sentences are written for these tests; none comes from an evaluation set.
"""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsevents.actors import resolve_actors
from newsevents.actors.context import plural_demonym
from newsevents.actors.data import DATA_DIR, load_lexicon, read_actor_file

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2025, 3, 1)


def _resolve(text, published=DAY):
    from newsevents.nlp import parse_one
    return resolve_actors(parse_one(text), published)


def _by_text(mentions):
    out = {}
    for m in mentions:
        out.setdefault(m.text, []).append(m.actor)
    return out


def test_people_file_rows_are_dated_and_sourced():
    rows = read_actor_file(DATA_DIR / "people_current.tsv")
    assert len(rows) > 300
    assert all(e.kind == "person" for _, e in rows)
    # every term is a period that runs forwards
    assert all(e.start is None or e.end is None or e.start < e.end for _, e in rows)
    header = (DATA_DIR / "people_current.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t")[-1] == "source"


def test_plural_demonym_resolves_to_country():
    lex = load_lexicon()
    assert plural_demonym("Nigerians", lex).country == "NGA"
    assert plural_demonym("Bananas", lex) is None


@pytest.mark.slow
@pytest.mark.parametrize("published,sector", [
    (date(2018, 6, 1), "GOV"), (date(2022, 6, 1), "ELI"), (date(2025, 6, 1), "GOV")])
def test_trump_resolved_by_term(published, sector):
    actor = _by_text(_resolve("Donald Trump spoke on Tuesday.", published))["Donald Trump"][0]
    assert (actor.country, actor.sector) == ("USA", sector)


@pytest.mark.slow
def test_facility_in_a_capital_belongs_to_its_owner():
    ms = _by_text(_resolve("Russia closed its consulate in Damascus on Monday. "
                           "Israel said Egypt's embassy in Tel Aviv would stay open."))
    assert "Damascus" not in ms and "Tel Aviv" not in ms
    assert ms["its consulate"][0].code == "RUSGOV"
    assert ms["Egypt's embassy"][0].code == "EGYGOV"


@pytest.mark.slow
def test_person_without_country_cue_uses_people_data_and_org():
    ms = _by_text(_resolve("Deputy Ambassador Geng Shuang spoke after Japan's U.N. envoy. "
                           "Kenya's Foreign Ministry spokesman Peter Otieno said no."))
    geng = next(a for t, v in ms.items() if "Geng Shuang" in t for a in v)
    assert (geng.country, geng.sector) == ("CHN", "GOV")
    envoy = ms["Japan's U.N. envoy"][0]
    assert (envoy.country, envoy.kind, envoy.role) == ("JPN", "person", "envoy")
    otieno = next(a for t, v in ms.items() if "Peter Otieno" in t for a in v)
    assert (otieno.country, otieno.kind, otieno.org) == ("KEN", "person", "Foreign Ministry")


@pytest.mark.slow
def test_national_institutions_by_pattern():
    ms = _by_text(_resolve("A Brazilian court ruling angered Chilean lawmakers. "
                           "The Supreme Court of Kenya and the U.S. Senate disagreed. "
                           "Democratic Senator Ann Smith and Republican lawmakers objected."))
    assert ms["Brazilian court"][0].code == "BRAJUD"
    assert ms["Chilean lawmakers"][0].code == "CHLLEG"
    assert ms["Supreme Court of Kenya"][0].code == "KENJUD"
    assert ms["U.S. Senate"][0].sector == "LEG"
    smith = next(a for t, v in ms.items() if "Ann Smith" in t for a in v)
    assert (smith.country, smith.sector) == ("USA", "LEG")
    assert ms["Republican lawmakers"][0].code == "USALEG"


@pytest.mark.slow
def test_coordinated_modifiers_each_get_a_mention():
    ms = _by_text(_resolve("Greek and Turkish officials met on Monday."))
    assert ms["Greek"][0].code == "GRCGOV"
    assert ms["Turkish officials"][0].code == "TURGOV"


@pytest.mark.slow
def test_two_countries_take_the_pair_presented_together():
    ms = _resolve("Egypt and Ethiopia resumed talks on the dam in March. "
                  "Officials in Khartoum welcomed the step. "
                  "Analysts said the United Arab Emirates had pushed for the meeting. "
                  "The two countries agreed to meet again.")
    pair = sorted(m.actor.country for m in ms if m.text == "The two countries")
    assert pair == ["EGY", "ETH"]


@pytest.mark.slow
def test_two_leaders_are_the_two_people():
    ms = _resolve("Vladimir Putin met Xi Jinping in Moscow. The two leaders signed a pact.")
    pair = sorted(m.actor.country for m in ms if m.text == "The two leaders")
    assert pair == ["CHN", "RUS"]
    matched = [m for m in ms if m.text == "The two leaders"]
    assert matched, "nothing matched: the check below would pass vacuously"
    assert all(m.actor.kind == "person" for m in matched)


@pytest.mark.slow
def test_same_coding_under_different_hash_seeds():
    script = (
        "import json, sys; from datetime import date\n"
        "from newsevents.nlp import parse_one\n"
        "from newsevents.actors import resolve_actors, mention_to_dict\n"
        "doc = parse_one(sys.argv[1])\n"
        "print(json.dumps([mention_to_dict(m) for m in resolve_actors(doc, date(2025, 3, 1))]))\n")
    text = ("Greek and Turkish officials met. Russia closed its consulate in Aleppo. "
            "The two countries agreed. Iran's Foreign Ministry spokesman Ali Karimi said no.")
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run([sys.executable, "-c", script, text], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=300, check=True)
        outs.append(json.loads(res.stdout))
    assert outs[0] == outs[1] and outs[0]

"""Step 1 of the events stage: the candidates the learned coder chooses among (issue #16)."""

from datetime import date

import pytest

from newsevents.errors import DataFileError
from newsevents.events.candidates import (
    _dyad_twin,
    _placed,
    article_countries,
    country,
    focus_country,
    learned_triggers,
    propose,
)
from newsevents.models import Actor, Article, Mention


def _m(text, start, code=None, ctry=None, kind="state", sector=None):
    return Mention(text=text, start=start, end=start + len(text),
                   actor=Actor(name=text, code=code, country=ctry, sector=sector, kind=kind), rule="ner")


def test_focus_country_is_the_most_named_then_the_first():
    ms = [_m("Iran", 0, "IRN", "IRN"), _m("Israel", 10, "ISR", "ISR"), _m("Israeli", 20, "ISR", "ISR")]
    assert focus_country(ms) == "ISR"
    assert focus_country(ms[:2]) == "IRN"
    assert focus_country([_m("Kowal", 0, kind="person")]) is None


def test_article_countries_rank_actors_then_places_no_actor_names():
    from newsevents.models import Place, PlaceMention

    ms = [_m("Iran", 0, "IRN", "IRN"), _m("Israel", 10, "ISR", "ISR"), _m("Israeli", 20, "ISR", "ISR")]
    boston = PlaceMention(text="Boston", start=30, end=36,
                          place=Place(name="Boston", country="USA", lat=None, lon=None, feature="city"))
    assert article_countries(ms, [boston]) == ["ISR", "IRN", "USA"]
    assert article_countries([_m("Kowal", 0, kind="person")], [boston]) == ["USA"]
    assert article_countries([]) == []


def test_an_unplaced_person_is_placed_once_and_says_so():
    kowal = _m("Kowal", 0, kind="person")
    placed = _placed(kowal, "POL")
    assert placed.actor.country == "POL" and placed.rule == "placed:ner"
    assert _placed(kowal, "GRC", "placed2:").rule == "placed2:ner"
    # a placed actor, a state, or no country to place in: unchanged
    iran = _m("Iran", 0, "IRN", "IRN")
    assert _placed(iran, "POL") is iran and _placed(kowal, None) is kowal
    twin = _dyad_twin(iran)
    assert twin.actor == iran.actor and twin.rule == "dyad:ner" and twin is not iran


def test_learned_triggers_read_the_file_and_refuse_a_bad_row(tmp_path):
    good = tmp_path / "triggers.tsv"
    good.write_text("lemma\tpos\ttype\tcount\tshare\nintercept\tVERB\tCOERCE\t4\t0.600\n", encoding="utf-8")
    learned_triggers.cache_clear()
    entries = learned_triggers(str(good))[("intercept", "VERB")]
    assert [(e.type, e.source, e.cameo) for e in entries] == [("COERCE", "learned", "high")]
    bad = tmp_path / "bad.tsv"
    bad.write_text("lemma\tpos\ttype\tcount\tshare\nintercept\tVERB\tSEIZE\t4\t0.6\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="make train"):
        learned_triggers(str(bad))
    learned_triggers.cache_clear()
    assert learned_triggers(str(tmp_path / "absent.tsv")) == {}


@pytest.fixture(scope="module")
def code():
    from newsevents.actors import resolve_actors
    from newsevents.nlp import parse_one
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.settings import Settings
    from newsevents.temporal import resolve_dates

    def run(text):
        pub = date(2025, 3, 14)
        settings = Settings()
        doc = parse_one(text)
        art = Article(id="t", text=text, title=None, published=pub)
        ms = resolve_actors(doc, pub, settings)
        times = resolve_dates(doc, pub, settings)
        return propose(doc, art, ms, times, resolve_places(doc, ms, settings),
                       extract_speech(doc, ms, times, pub), settings)
    return run


def _tuples(cands, sent=None):
    return {(c.event.type, country(c.event.source), country(c.event.target)) for c in cands
            if sent is None or c.sent == sent}


@pytest.mark.slow
def test_issue16_a_domestic_dyad_is_a_candidate(code):
    # annotators code USA -> USA here: the US government and the (US) families it kept away
    cands = code("A lawsuit alleged the U.S. government had prevented family members and lawyers "
                 "from contacting the detainees.")
    assert any(s == t == "USA" for _, s, t in _tuples(cands))


@pytest.mark.slow
def test_issue16_role_nouns_are_placed_in_the_article_country(code):
    cands = code("France raised its terror alert. The attacker was shot dead by police.")
    # (each side also comes as its ``dyad:`` twin, the other side of a domestic dyad)
    police = [m for c in cands if c.sent == 1 for m in (c.event.source, c.event.target)
              if m and m.text.endswith("police") and m.rule == "implicit"]
    assert police and police[0].actor.country == "FRA"
    assert any(c.sent == 1 and c.source and c.target and c.source.rule == "implicit"
               and c.target.rule == "dyad:implicit" for c in cands)


@pytest.mark.slow
def test_issue16_a_role_noun_describing_an_actor_noun_is_no_side_of_its_own(code):
    # "militant" describes Hamas, "government" the soldiers: neither is a side of the article's
    # main country beside them (they were offered as "militant (PRK)", "government (SOM)")
    cands = code("North Korea sent a delegation to Iran. Israel is at war with the Palestinian militant "
                 "group Hamas. Government soldiers rescued the elders.")
    sides = {m.text for c in cands for m in (c.event.source, c.event.target) if m and m.rule.endswith("implicit")}
    assert not any(s.endswith(("militant", "Government")) for s in sides), sides
    assert any(s.endswith("soldiers") for s in sides), sides
    # a role noun describing a thing still names its owner: the government attacked
    cands = code("Somalia mourns. Militants attacked government bases.")
    assert any(m.rule == "implicit" and m.text.endswith("government") for c in cands
               for m in (c.event.source, c.event.target) if m)


@pytest.mark.slow
def test_issue16_a_sentence_without_actors_pairs_the_previous_sentence(code):
    cands = code("Russia rejected the report on Monday. It denied any involvement in the blast.")
    assert any(c.sent == 1 and country(c.event.source) == "RUS" for c in cands)


@pytest.mark.slow
def test_a_repairing_builds_the_event_its_reading_would_give(code):
    # the re-pairings' events are built only when read (speed): each must be the reading's
    # event with its own sides and id, as ``dataclasses.replace`` would make it
    from dataclasses import replace

    from newsevents.events.candidates import _event_id

    cands = code("Russia accused Ukraine of shelling the plant, and France urged Germany to help.")
    pairs = [c for c in cands if c.origin in ("pair", "lexpair")]
    assert pairs
    for c in pairs:
        e = c.event
        want = replace(c.base, source=c.source, target=c.target, reciprocal=False,
                       rules=c.base.rules + ("pair:model",),
                       id=_event_id(c.base.article_id, c.base.trigger_span, c.source, c.target, c.base.type))
        assert e == want and c.event is e
        assert (e.type, e.source, e.target) == (c.type, c.source, c.target)

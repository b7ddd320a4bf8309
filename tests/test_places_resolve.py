"""Place recognition, disambiguation and event location on parsed text (loads spaCy)."""

from pathlib import Path

import pytest

from newsevents.models import Actor, Mention
from newsevents.nlp import parse_one
from newsevents.places import event_location, resolve_places

FIXTURE = Path(__file__).parent / "fixtures" / "worked_example.txt"


def _places(text, mentions=()):
    doc = parse_one(text)
    return doc, resolve_places(doc, list(mentions))


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.slow
def test_qualifier_picks_damascus_syria_over_us_towns():
    _, ps = _places("An earlier strike hit its consulate in Damascus, Syria.")
    d = next(p for p in ps if p.text == "Damascus")
    assert d.place.country == "SYR" and "qualifier" in d.rule


@pytest.mark.slow
def test_us_resolves_to_the_united_states_not_canada():
    _, ps = _places("U.S. officials said the talks would resume in Geneva.")
    us = next(p for p in ps if p.text == "U.S.")
    assert us.place.country == "USA" and us.place.feature == "country"


@pytest.mark.slow
def test_country_inside_organisation_name_is_not_a_place():
    _, ps = _places("She studied at the China University of Political Science and Law in Beijing.")
    assert [p.place.country for p in ps if p.text == "China"] == []
    assert any(p.text == "Beijing" and p.place.country == "CHN" for p in ps)


@pytest.mark.slow
def test_place_used_as_actor_is_marked_and_not_the_event_location():
    tehran = Actor(name="Iran", code="IRN", country="IRN")
    doc = parse_one("Tehran fired missiles at targets inside Israel.")
    m = Mention(text="Tehran", start=0, end=6, actor=tehran, rule="test")
    ps = resolve_places(doc, [m])
    assert "+actor" in next(p for p in ps if p.text == "Tehran").rule
    place, rule = event_location(_token(doc, "fired"), ps, doc)
    assert (place.text, rule) == ("Israel", "predicate")


@pytest.mark.slow
def test_worked_example_locations():
    body = FIXTURE.read_text(encoding="utf-8").split("Imagen principal:", 1)[1].split("Add new comment")[0]
    doc, ps = _places(body.strip())
    fired = _token(doc, "fired")
    place, rule = event_location(fired, ps, doc)
    assert place.place.country == "ISR" and rule == "predicate"
    strike = next(t for t in doc if t.text == "strike" and t.i > fired.i)
    place, rule = event_location(strike, ps, doc)
    assert (place.place.name, place.place.country, rule) == ("Damascus", "SYR", "predicate")


@pytest.mark.slow
def test_possessive_region_desert_is_one_place():
    doc, ps = _places("He was killed Thursday in an airstrike on his location in Iraq's Anbar desert.")
    place, rule = event_location(_token(doc, "airstrike"), ps, doc)
    assert place.place.country == "IRQ" and "Anbar" in place.text and rule == "predicate"


@pytest.mark.slow
def test_dateline_is_used_when_the_predicate_has_no_place():
    doc, ps = _places("KYIV, Ukraine — Officials said drones attacked overnight.")
    place, rule = event_location(_token(doc, "attacked"), ps, doc)
    assert rule == "dateline" and place.place.country == "UKR"


@pytest.mark.slow
def test_no_place_means_none_not_a_guess():
    doc, ps = _places("Officials said the talks failed.")
    assert event_location(_token(doc, "failed"), ps, doc) == (None, "none")


@pytest.mark.slow
def test_region_word_prefers_the_province():
    _, ps = _places("Fighting continued in Kursk region on Monday.")
    k = next(p for p in ps if p.text.startswith("Kursk"))
    assert k.place.country == "RUS" and k.place.feature == "admin1"


@pytest.mark.slow
def test_empty_mentions_and_empty_text_are_fine():
    _, ps = _places("Nothing happened.")
    assert ps == []

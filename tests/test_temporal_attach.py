"""governing_time: which expression dates an event predicate, and by which rule."""

from datetime import date
from pathlib import Path

import pytest

from newsevents.nlp import parse_one
from newsevents.temporal import governing_time, resolve_dates

pytestmark = pytest.mark.slow
WED = date(2024, 4, 24)


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_attached_modifier_wins():
    doc = parse_one("A delegation departed for Iran by plane on Tuesday, according to the agency.")
    times = resolve_dates(doc, WED)
    t, rule = governing_time(_token(doc, "departed"), times, WED)
    assert (t.value, rule) == ("2024-04-23", "attached")


def test_worked_example_predicates():
    text = (Path(__file__).parent / "fixtures" / "worked_example.txt").read_text(encoding="utf-8")
    doc = parse_one(text)
    times = resolve_dates(doc, WED)
    said = next(t for t in doc if t.text == "said" and "last Tuesday" in t.sent.text)
    fired = _token(doc, "fired")
    assert governing_time(said, times, WED)[0].value == "2024-04-16"
    assert governing_time(fired, times, WED)[0].value == "2024-04-13"


def test_clause_and_sentence_rules():
    doc = parse_one("On Monday, officials said that the army had withdrawn.")
    times = resolve_dates(doc, WED)
    t, rule = governing_time(_token(doc, "withdrawn"), times, WED)
    assert t.value == "2024-04-22" and rule in ("clause", "sentence")


def test_paragraph_continuation_then_publication_fallback():
    doc = parse_one("Troops entered the city on Monday.\nThey seized the airport.\n\nPrices rose.")
    times = resolve_dates(doc, WED)
    t, rule = governing_time(_token(doc, "seized"), times, WED)
    assert (t.value, rule) == ("2024-04-22", "paragraph")
    assert governing_time(_token(doc, "rose"), times, WED) == (None, "publication")
    assert governing_time(_token(doc, "rose"), [], WED) == (None, "publication")

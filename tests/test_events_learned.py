"""The learned coder (issue #16) end to end on the worked example (MISSION.md).

Runs the real stages (clean → parse → actors → dates → places → quotes →
events: candidates → features → model → decode) with the shipped model.
"""

from datetime import date

import pytest

from newsevents.models import RawDocument
from newsevents.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events(request):
    from newsevents.actors import resolve_actors
    from newsevents.clean import clean_document
    from newsevents.events import extract_events
    from newsevents.events.model import load_model
    from newsevents.nlp import parse_one
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.temporal import resolve_dates

    assert load_model() is not None, "the shipped model is missing: run `make train`"
    path = request.config.rootpath / "tests" / "fixtures" / "worked_example.txt"
    settings = Settings()
    art = clean_document(RawDocument(source=str(path), content=path.read_text(encoding="utf-8"),
                                     kind="text"), settings)
    published = art.published or date(2024, 4, 24)
    doc = parse_one(art.text)
    mentions = resolve_actors(doc, published, settings)
    times = resolve_dates(doc, published, settings)
    places = resolve_places(doc, mentions, settings)
    speech = extract_speech(doc, mentions, times, published)
    return extract_events(doc, art, mentions, times, places, speech, settings)


def _c(m):
    return m.actor.country if m is not None else None


def _has(events, typ, src, tgt, status=None, day=None):
    return any(e.type == typ and _c(e.source) == src and _c(e.target) == tgt
               and (status is None or e.status == status) and (day is None or e.date == day)
               for e in events)


def test_the_key_events_of_the_worked_example(events):
    assert _has(events, "CONSULT", "PRK", "IRN", "reported", "2024-04-23")  # the delegation departed
    assert _has(events, "ACCUSE", "USA", "IRN", "reported", "2024-04-16")
    assert _has(events, "ACCUSE", "USA", "PRK", "reported", "2024-04-16")
    assert _has(events, "ASSAULT", "IRN", "ISR", "reported", "2024-04-13")
    assert _has(events, "REJECT", "PRK", "USA", "reported")
    assert _has(events, "REJECT", "IRN", "USA", "reported")


def test_the_alleged_deliveries_are_claimed_never_reported(events):
    aid = [e for e in events if e.type == "AID" and _c(e.target) == "RUS"]
    assert aid and all(e.status == "claimed" for e in aid)


def test_every_event_comes_from_the_model_with_its_probability(events):
    assert events and all(0.0 <= e.confidence <= 1.0 for e in events)
    keys = [(e.span, e.type, _c(e.source), _c(e.target)) for e in events]
    assert len(keys) == len(set(keys))  # one event per (type, source, target) per sentence

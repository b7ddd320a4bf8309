"""The learned coder (issue #16) end to end on the worked example (MISSION.md).

Runs the real stages (clean → parse → actors → dates → places → quotes →
events: candidates → features → model → decode) with the shipped model.
"""


import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events(worked_example_stages):
    from newsevents.events import extract_events
    from newsevents.events.model import load_model

    assert load_model() is not None, "the shipped model is missing: run `make train`"
    return extract_events(*worked_example_stages)


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

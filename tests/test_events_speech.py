"""Events linked to the quotes stage's claims and responses, on the worked example.

Runs the real stages (clean → parse → actors → dates → places → quotes →
events) so the links are tested against what the quotes stage produces.
"""

from datetime import date

import pytest

from newsevents.models import RawDocument
from newsevents.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coded(request):
    from newsevents.actors import resolve_actors
    from newsevents.clean import clean_document
    from newsevents.events import extract_events
    from newsevents.events.extract import rule_events
    from newsevents.nlp import parse_one
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.temporal import resolve_dates

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
    events = extract_events(doc, art, mentions, times, places, speech, settings)
    return speech, events, rule_events(doc, art, mentions, times, places, speech, settings)


def _country(m):
    return m.actor.country if m is not None else None


def test_claimed_deeds_carry_the_claim_they_are_inside(coded):
    speech, events, _ = coded
    claims = {c.id: c for c in speech.claims}
    inside = [e for e in events if e.status == "claimed"]
    assert inside, "the alleged deliveries must be coded as claimed events"
    for e in inside:
        assert e.claim_id in claims
        c = claims[e.claim_id]
        assert c.span[0] <= e.trigger_span[0] and e.trigger_span[1] <= c.span[1]
    # the deliveries to Russia are never a reported fact
    deliveries = [e for e in events if e.type == "AID" and _country(e.target) == "RUS"]
    assert deliveries and all(e.status in ("claimed", "denied") for e in deliveries)


def test_denials_link_to_the_claim_they_answer(coded):
    speech, events, _ = coded
    answered = {r.claim_id for r in speech.responses if r.kind == "denial" and r.claim_id}
    rejects = [e for e in events if e.type == "REJECT"]
    assert rejects and answered
    assert {e.claim_id for e in rejects} <= answered | {None}
    assert any(e.claim_id in answered for e in rejects)
    assert {_country(e.source) for e in rejects} >= {"PRK", "IRN"}


def test_accusation_links_its_own_claim_and_stays_reported(coded):
    speech, events, _ = coded
    accuse = [e for e in events if e.type == "ACCUSE" and _country(e.target) == "PRK"
              and e.mode == "allege"]
    assert accuse and all(e.status == "reported" for e in accuse)
    claim = {c.id: c for c in speech.claims}[accuse[0].claim_id]
    assert "supplying" in claim.text


def test_a_report_attributes_rather_than_disputes(coded):
    _, events, _ = coded
    visit = [e for e in events if e.type == "CONSULT" and e.mode == "visit"
             and _country(e.source) == "PRK" and _country(e.target) == "IRN"]
    assert visit and all(e.status == "reported" for e in visit)
    assert any(e.attributed_to is not None and e.attributed_to.country == "PRK" for e in visit)


def test_possessive_pronoun_takes_the_clause_argument(coded):
    # the rule reading's roles (the learned coder weighs this actorless strike out)
    _, _, events = coded
    strike = [e for e in events if e.trigger == "strike"]
    assert strike and _country(strike[0].target) == "IRN"  # "its consulate" = Tehran's
    war = [e for e in events if e.trigger == "war" and e.status == "claimed"]
    assert war and _country(war[0].source) == "RUS"  # "supplying Russia ... for its war"

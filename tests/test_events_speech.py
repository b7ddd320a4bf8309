"""Events linked to the quotes stage's claims and responses, on the worked example.

Runs the real stages (clean → parse → actors → dates → places → quotes →
events) so the links are tested against what the quotes stage produces.
"""


import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coded(worked_example_stages):
    from newsevents.events import extract_events
    from newsevents.events.extract import rule_events

    speech = worked_example_stages[5]
    return (speech, extract_events(*worked_example_stages),
            rule_events(*worked_example_stages))


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

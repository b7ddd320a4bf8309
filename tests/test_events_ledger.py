"""The claims ledger's decisions as evidence for the event coder (``events/ledger.py``, issue #16)."""

from datetime import date

import pytest

from newsevents.events.ledger import (
    LedgerCue,
    cue_at,
    ledger_cues,
    pair_features,
    proposals,
    side_code,
    trigger_features,
)
from newsevents.models import Actor, Claim, Response

UA, RU, US = Actor(name="Kyiv", code=None, country="UKR"), Actor(name="Moscow", code=None, country="RUS"), Actor(name="US", code=None, country="USA")
TEXT = "Kyiv accused Moscow of shelling the plant. Moscow denied the claim. Kyiv said talks went well."


def _claim(cid, cue, content, claimant, accused, sent=(0, 42)):
    return Claim(id=cid, claimant=claimant, accused=accused, text=content, span=sent, cue=cue)


def test_a_claims_cue_is_found_with_its_claimant_and_accused():
    cues = ledger_cues(TEXT, [_claim("c1", "accused", "Moscow of shelling the plant", UA, (RU,))], [])
    assert [(c.kind, TEXT[c.start:c.end], c.source, c.targets) for c in cues] == [
        ("claim", "accused", "UKR", frozenset({"RUS"}))]


def test_a_denial_answers_with_the_claimant_as_its_target():
    claim = _claim("c1", "accused", "Moscow of shelling the plant", UA, (RU,))
    r = Response(id="r1", claim_id="c1", responder=RU, kind="denial", text="denied the claim",
                 span=(43, 68), cue="denied")
    cues = ledger_cues(TEXT, [claim], [r])
    denial = [c for c in cues if c.kind == "denial"]
    assert [(TEXT[c.start:c.end], c.source, c.targets) for c in denial] == [("denied", "RUS", frozenset({"UKR"}))]
    # an unlinked response has no target
    lone = Response(id="r2", claim_id=None, responder=RU, kind="denial", text="denied the claim",
                    span=(43, 68), cue="denied")
    assert ledger_cues(TEXT, [], [lone])[0].targets == frozenset()


def test_a_claim_made_with_a_reporting_verb_is_a_report():
    c = _claim("c2", "said", "talks went well", UA, (), sent=(69, len(TEXT)))
    assert [x.kind for x in ledger_cues(TEXT, [c], [])] == ["report"]
    assert proposals(ledger_cues(TEXT, [c], [])) == {}  # a report accuses no one
    assert pair_features(ledger_cues(TEXT, [c], [])[0], "UKR", None, "ACCUSE") == []


def test_the_cue_nearest_the_content_is_taken_and_a_missing_cue_is_skipped():
    text = "Critics accused him, and the ministry accused Moscow of lying."
    c = _claim("c1", "accused", "Moscow of lying", US, (RU,), sent=(0, len(text)))
    [cue] = ledger_cues(text, [c], [])
    assert cue.start == text.index("accused Moscow")
    assert ledger_cues(text, [_claim("c3", "alleges", "Moscow of lying", US, (RU,), sent=(0, len(text)))], []) == []


def test_a_trigger_is_the_cue_it_overlaps_a_claim_first():
    claim = LedgerCue("claim", 5, 12, "UKR", frozenset({"RUS"}))
    report = LedgerCue("report", 5, 12, "UKR", frozenset())
    assert cue_at([report, claim], (5, 12)) is claim
    assert cue_at([claim], (13, 15)) is None
    assert cue_at([claim], (11, 14)) is claim


def test_trigger_features_name_the_cue_else_the_sentence():
    cue = LedgerCue("denial", 0, 6, "RUS", frozenset({"UKR"}))
    assert trigger_features(cue, frozenset({"denial", "claim"}), "REJECT") == ["led=denial", "led=denial|t=REJECT"]
    assert trigger_features(None, frozenset({"denial", "claim"}), "ASSAULT") == [
        "led.sent=claim|t=ASSAULT", "led.sent=denial|t=ASSAULT"]
    assert trigger_features(None, frozenset(), "ASSAULT") == []


def test_pair_features_say_whether_the_sides_are_the_ledgers():
    cue = LedgerCue("denial", 0, 6, "RUS", frozenset({"UKR"}))
    assert pair_features(cue, "RUS", "UKR", "REJECT") == [
        "led.src=match|t=REJECT", "led.tgt=match|t=REJECT", "led.both|t=REJECT"]
    assert pair_features(cue, "RUS", None, "REJECT") == ["led.src=match|t=REJECT"]
    assert pair_features(cue, "UKR", "RUS", "REJECT") == ["led.swapped|t=REJECT"]
    assert pair_features(cue, "USA", "USA", "REJECT") == []
    assert pair_features(None, "RUS", "UKR", "REJECT") == []


def test_claims_propose_accuse_and_denials_reject():
    cues = [LedgerCue("claim", 5, 12, "UKR", frozenset()), LedgerCue("denial", 50, 56, "RUS", frozenset()),
            LedgerCue("confirmation", 70, 78, "RUS", frozenset())]
    assert proposals(cues) == {5: "ACCUSE", 50: "REJECT"}


def test_side_code_is_the_country_else_the_code():
    assert side_code(UA) == "UKR"
    assert side_code(Actor(name="Hamas", code="PSEREB")) == "PSE"
    assert side_code(Actor(name="someone", code=None)) is None
    assert side_code(None) is None


@pytest.fixture(scope="module")
def code():
    from newsevents.actors import resolve_actors
    from newsevents.events.candidates import propose
    from newsevents.models import Article, Speech
    from newsevents.nlp import parse_one
    from newsevents.settings import Settings

    def run(text, claims=(), responses=()):
        pub = date(2025, 3, 14)
        doc = parse_one(text)
        ms = resolve_actors(doc, pub, Settings())
        speech = Speech(claims=tuple(claims), responses=tuple(responses))
        return doc, propose(doc, Article(id="t", text=text, title=None, published=pub), ms, [], [], speech,
                            Settings())
    return run


USA, CHN = Actor(name="United States", code=None, country="USA"), Actor(name="China", code=None, country="CHN")


@pytest.mark.slow
def test_candidates_carry_the_cue_their_trigger_is_and_the_features_read_it(code, monkeypatch):
    from newsevents.events import features as F
    from newsevents.events.candidates import country

    text = "The United States accused China of hacking the servers."
    claim = Claim(id="c1", claimant=USA, accused=(CHN,), text="China of hacking the servers",
                  span=(0, len(text)), cue="accused")
    doc, cands = code(text, [claim])
    acc = [c for c in cands if c.type == "ACCUSE" and c.event.trigger == "accused"]
    assert acc and all(c.ledger[0] is not None and c.ledger[0].kind == "claim" for c in acc)
    by_sides = {(country(c.source), country(c.target)): c for c in acc}
    monkeypatch.setattr(F, "LEDGER_GROUPS", frozenset({"cue", "sides"}))
    right = F.features(by_sides[("USA", "CHN")], doc, 2)
    assert {"led=claim|t=ACCUSE", "led.both|t=ACCUSE"} <= set(right)
    assert "led.swapped|t=ACCUSE" in F.features(by_sides[("CHN", "USA")], doc, 2)
    monkeypatch.setattr(F, "LEDGER_GROUPS", frozenset())
    assert not [f for f in F.features(by_sides[("USA", "CHN")], doc, 2) if f.startswith("led")]
    # without the ledger, no cue
    _doc, bare = code(text)
    assert all(c.ledger[0] is None for c in bare)


@pytest.mark.slow
def test_a_denial_the_lexicon_has_no_reject_for_is_proposed_when_on(code, monkeypatch):
    from newsevents.events import candidates as C

    text = "China insisted the American account was false."  # (no lexicon REJECT: "insist" is REQUEST)
    r = Response(id="r1", claim_id=None, responder=CHN, kind="denial",
                 text="insisted the American account was false", span=(0, len(text)), cue="insisted")
    monkeypatch.setattr(C, "LEDGER_PROPOSALS", False)
    _doc, off = code(text, responses=[r])
    monkeypatch.setattr(C, "LEDGER_PROPOSALS", True)
    _doc, on = code(text, responses=[r])
    assert not [c for c in off if c.type == "REJECT"]
    ledger = [c for c in on if "lexsrc:ledger" in c.base.rules]
    assert ledger and {c.type for c in ledger} == {"REJECT"}
    assert {c.event.trigger for c in ledger} == {"insisted"}
    assert {c.origin for c in ledger} == {"lexicon", "lexpair"}  # the reading and its pairings

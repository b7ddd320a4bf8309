"""The ledger and the events agree (issue 20): a claim is never recorded as fact."""

import hashlib
from datetime import date

import pytest

from newsevents.models import Actor, Article, Claim, Event, Mention, Response, Speech
from newsevents.quotes.agree import agree, content_span

TEXT = ("Israel accused Hamas of firing rockets at Ashkelon. Hamas denied firing the rockets. "
        "The alleged smuggling of weapons continued.")
HAMAS = Mention("Hamas", 15, 20, Actor("Hamas", "PSENGO", "PSE"))


def _event(typ, trigger, status="reported", source=HAMAS):
    lo = TEXT.index(trigger)
    sent = next(s for s in (TEXT.split(". ")) if trigger in s)
    s0 = TEXT.index(sent)
    return Event(id=trigger, type=typ, mode=None, cameo=None, source=source, target=None, date=None,
                 date_precision="unknown", date_text=None, location=None, status=status,
                 attributed_to=None, trigger=trigger, trigger_span=(lo, lo + len(trigger)),
                 sentence=sent, span=(s0, s0 + len(sent)), confidence=0.8, article_id="a1")


def _speech():
    claim = Claim(id="c1", claimant=Actor("Israel", "ISR", "ISR"), accused=(HAMAS.actor,),
                  text="firing rockets at Ashkelon", span=(0, 51), cue="accused")
    deny_at = TEXT.index("Hamas denied")
    denial = Response(id="r1", claim_id="c1", responder=HAMAS.actor, kind="denial",
                      text="denied firing the rockets", span=(deny_at, deny_at + 32), cue="denied")
    return Speech(claims=(claim,), responses=(denial,))


def test_an_event_inside_a_claim_is_claimed_and_linked():
    events, _ = agree([_event("ASSAULT", "firing rockets")], _speech(), TEXT)
    assert events[0].status == "claimed" and events[0].claim_id == "c1"
    assert "ledger:claimed" in events[0].rules


def test_the_accusation_itself_stays_reported():
    events, _ = agree([_event("ACCUSE", "accused")], _speech(), TEXT)
    assert events[0].status == "reported"


def test_an_event_inside_a_denial_is_denied():
    events, _ = agree([_event("ASSAULT", "firing the rockets")], _speech(), TEXT)
    assert events[0].status == "denied"


def test_a_claimed_event_outside_the_ledger_adds_its_claim():
    ev = _event("TRANSFER", "smuggling", status="claimed")
    events, speech = agree([ev], _speech(), TEXT)
    added = [c for c in speech.claims if c.id == events[0].claim_id]
    assert len(speech.claims) == 2 and added
    lo, hi = content_span(TEXT, added[0].span, added[0].text)
    assert lo <= ev.trigger_span[0] and ev.trigger_span[1] <= hi
    assert added[0].accused == (HAMAS.actor,)


def test_agree_changes_nothing_else():
    ev = _event("ASSAULT", "continued")
    events, speech = agree([ev], _speech(), TEXT)
    assert events == [ev] and speech == _speech()


TEXTS = [
    "Pakistan accused India of sponsoring the attack on the train, a charge New Delhi rejected.",
    ("The United States accused North Korea of supplying artillery shells to Russia. "
     "Pyongyang denied it had shipped any weapons."),
    ("Ukrainian officials said Russian forces shelled a hospital in Kharkiv on Monday. "
     "Moscow denied the claims and said its troops struck only military targets."),
    "Iran allegedly supplied drones to the Houthis, according to intelligence sources.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_issue20_ledger_and_events_agree_on_texts(text):
    from newsevents.coding import code_article
    from newsevents.nlp import load_nlp
    from newsevents.settings import Settings

    settings = Settings()
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title=None,
                      published=date(2024, 4, 1))
    coded = code_article(article, load_nlp(settings.model)(text), settings)
    assert not coded.error and coded.events
    spans = [content_span(text, c.span, c.text) for c in coded.claims]
    ids = {c.id for c in coded.claims}
    for e in coded.events:
        lo, hi = e.trigger_span
        inside = [s for s in spans if s[0] <= lo and hi <= s[1]]
        if e.status == "claimed":  # every claimed event lies in a claim's content, and links to one
            assert inside and e.claim_id in ids, (e.type, e.trigger)
        if inside and e.type not in ("REJECT", "ACCUSE"):  # every claim content's events are claimed
            assert e.status != "reported", (e.type, e.trigger)

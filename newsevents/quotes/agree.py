"""Make the ledger and the events agree: a claim is never recorded as fact.

``agree(events, speech, text)`` runs after the events stage:

- an event reported inside a claim's content becomes ``claimed`` (linked to
  that claim), inside a denial's content ``denied``;
- an event the events stage marked ``claimed`` (a hedge, "accused of", "the
  claim that ...") that no ledger claim covers adds a claim to the ledger, its
  content the event's evidence, so that every claimed event has its row.

The accusation or denial act itself (the ACCUSE or REJECT whose trigger is the
cue) is reported: it happened.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..models import Claim, Event, Speech


def content_span(text: str, span: tuple[int, int], content: str) -> tuple[int, int]:
    """Offsets of a claim's or response's content, searched from its sentence span (else the span)."""
    if content:
        at = text.find(content, max(0, span[0] - 1))
        if at < 0:
            at = text.find(content)
        if at >= 0:
            return at, at + len(content)
    return span


def _inside(trigger: tuple[int, int], span: tuple[int, int]) -> bool:
    return span[0] <= trigger[0] and trigger[1] <= span[1]


def agree(events: list[Event], speech: Speech, text: str) -> tuple[list[Event], Speech]:
    """Events and ledger made consistent (see the module docstring); inputs are not changed."""
    claims = list(speech.claims)
    spans = [content_span(text, c.span, c.text) for c in claims]
    denials = [content_span(text, r.span, r.text) for r in speech.responses if r.kind == "denial"]
    out: list[Event] = []
    for e in events:
        t = e.trigger_span
        if e.status == "reported" and e.type not in ("REJECT", "ACCUSE"):
            k = next((k for k, s in enumerate(spans) if _inside(t, s)), None)
            if k is not None:
                e = replace(e, status="claimed", claim_id=e.claim_id or claims[k].id,
                            rules=e.rules + ("ledger:claimed",))
            elif any(_inside(t, s) for s in denials):
                e = replace(e, status="denied", rules=e.rules + ("ledger:denied",))
        elif e.status == "claimed" and not any(_inside(t, s) for s in spans):
            lo, hi = e.span
            cid = hashlib.sha1(f"{e.article_id}\x1f{lo}\x1f{hi}\x1fevent-claim".encode()).hexdigest()[:16]
            claim = Claim(id=cid, claimant=e.attributed_to,
                          accused=(e.source.actor,) if e.source is not None else (),
                          text=text[lo:hi], span=e.span, cue=e.trigger, date=e.date,
                          date_precision=e.date_precision)
            claims.append(claim)
            spans.append((lo, hi))
            e = replace(e, claim_id=e.claim_id or cid, rules=e.rules + ("ledger:event-claim",))
        out.append(e)
    if len(claims) != len(speech.claims):
        claims.sort(key=lambda c: c.span[0])
        speech = replace(speech, claims=tuple(claims))
    return out, speech

"""The claims ledger's decisions as evidence for the event coder (issue #16).

GUIDELINES C3 and R3: the act of accusing that makes a claim is an ACCUSE
event, claimant → accused; a denial of a claim is a REJECT event,
responder → the claimant. The quotes stage (its learned ledger) has already
decided which clauses are claims and which verbs answer them, and who the
sides are; the event coder used to read that only through the rule coder's
speech labels. Here each claim's and response's cue word becomes a
``LedgerCue``: where it is, what kind it is, and its sides as the scorer
counts them (countries, else actor codes). ``candidates`` matches a
reading's trigger to a cue (``cue_at``); ``features`` says so, and whether a
candidate's source and target are the cue's sides; a cue of a sentence the
lexicon gives no ACCUSE (REJECT) reading becomes one (``proposals``).

>>> from newsevents.models import Actor, Claim
>>> text = "Kyiv accused Moscow of shelling the plant."
>>> ua, ru = Actor(name="Kyiv", code=None, country="UKR"), Actor(name="Moscow", code=None, country="RUS")
>>> c = Claim(id="c1", claimant=ua, accused=(ru,), text="Moscow of shelling the plant",
...           span=(0, len(text)), cue="accused")
>>> [(x.kind, x.start, x.end, x.source, sorted(x.targets)) for x in ledger_cues(text, [c], [])]
[('claim', 5, 12, 'UKR', ['RUS'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Actor, Claim

# Claims made with a reporting verb ("..., KCNA reported", "according to") report an
# event; they accuse no one (extract._NEUTRAL_CUES, the rule coder's own list).
NEUTRAL_CUES = frozenset({"report", "reported", "reports", "say", "said", "says", "announce",
                          "announced", "state", "stated", "tell", "told", "confirm", "confirmed",
                          "according to", "add", "added"})

# The event type a ledger cue of each kind is the act of (GUIDELINES C3, R3); a
# confirmation is no event of its own (R3), a report accuses no one.
PROPOSED_TYPE = {"claim": "ACCUSE", "denial": "REJECT"}
PROPOSED_MODE = {"ACCUSE": "allege", "REJECT": None}


@dataclass(frozen=True, slots=True)
class LedgerCue:
    """A claim's or response's cue word and its sides.

    ``kind``: "claim" (an accusation or allegation), "report" (a claim made
    with a neutral reporting cue), "denial" or "confirmation". ``start`` and
    ``end`` are the cue's character offsets. ``source`` is the claimant (the
    responder) by the scorer's code; ``targets`` the accused (for a
    response: the claimant of the claim it answers).
    """

    kind: str
    start: int
    end: int
    source: str | None
    targets: frozenset[str]


def side_code(actor: Actor | None) -> str | None:
    """An actor's code as a candidate side is scored by (``candidates.country``)."""
    if actor is None:
        return None
    return actor.country or (actor.code or "")[:3] or None


def _content_start(text: str, span: tuple[int, int], content: str) -> int:
    if content:
        at = text.find(content, span[0], span[1] + len(content))
        if at >= 0:
            return at
    return span[1]


def _claim_cue(text: str, c: Claim) -> tuple[int, int] | None:
    """The cue word's offsets: its occurrence in the claim's sentence nearest the content's start."""
    if not c.cue:
        return None
    lo, hi = c.span
    content = _content_start(text, c.span, c.text)
    hits = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(c.cue) + r"(?!\w)", text[lo:hi])]
    if not hits:
        return None
    s, e = min(hits, key=lambda h: abs(lo + h[0] - content))
    return lo + s, lo + e


def ledger_cues(text: str, claims, responses) -> list[LedgerCue]:
    """The cues of an article's claims and responses (``Speech.claims``, ``Speech.responses``), in text order."""
    out = []
    claimant = {c.id: side_code(c.claimant) for c in claims}
    for c in claims:
        at = _claim_cue(text, c)
        if at is None:
            continue
        kind = "report" if c.cue.lower() in NEUTRAL_CUES else "claim"
        out.append(LedgerCue(kind, at[0], at[1], side_code(c.claimant),
                             frozenset(x for x in map(side_code, c.accused) if x)))
    for r in responses:
        at = text.find(r.text, r.span[0]) if r.text else -1  # (a response's text starts at its cue)
        if at < 0:
            continue
        target = claimant.get(r.claim_id) if r.claim_id else None
        out.append(LedgerCue(r.kind, at, at + max(1, len(r.cue)), side_code(r.responder),
                             frozenset([target]) if target else frozenset()))
    return sorted(out, key=lambda x: (x.start, x.kind))


def cue_at(cues: list[LedgerCue], span: tuple[int, int]) -> LedgerCue | None:
    """The cue a trigger at ``span`` is (overlapping offsets), else None; a claim before a report."""
    hits = [x for x in cues if x.start < span[1] and span[0] < x.end]
    order = ("claim", "denial", "confirmation", "report")
    return min(hits, key=lambda x: order.index(x.kind)) if hits else None


def trigger_features(cue: LedgerCue | None, sent_kinds: frozenset[str], typ: str) -> list[str]:
    """What the ledger says of a reading: its trigger is a cue of this kind, or its sentence holds one.

    >>> trigger_features(LedgerCue("claim", 0, 7, "UKR", frozenset()), frozenset({"claim"}), "ACCUSE")
    ['led=claim', 'led=claim|t=ACCUSE']
    >>> trigger_features(None, frozenset({"denial"}), "REJECT")
    ['led.sent=denial|t=REJECT']
    """
    if cue is not None:
        return [f"led={cue.kind}", f"led={cue.kind}|t={typ}"]
    return [f"led.sent={k}|t={typ}" for k in sorted(sent_kinds)]


def pair_features(cue: LedgerCue | None, source: str | None, target: str | None, typ: str) -> list[str]:
    """Whether a candidate's sides are the ones its trigger's ledger entry names (claimant →
    accused, responder → claimant), or those the other way round.

    >>> cue = LedgerCue("claim", 0, 7, "UKR", frozenset({"RUS"}))
    >>> pair_features(cue, "UKR", "RUS", "ACCUSE")
    ['led.src=match|t=ACCUSE', 'led.tgt=match|t=ACCUSE', 'led.both|t=ACCUSE']
    >>> pair_features(cue, "RUS", "UKR", "ACCUSE")
    ['led.swapped|t=ACCUSE']
    """
    if cue is None or cue.kind == "report":
        return []
    out = []
    src = source is not None and source == cue.source
    tgt = target is not None and target in cue.targets
    if src:
        out.append(f"led.src=match|t={typ}")
    if tgt:
        out.append(f"led.tgt=match|t={typ}")
    if src and tgt:
        out.append(f"led.both|t={typ}")
    if not src and not tgt and source is not None and source in cue.targets and target == cue.source:
        out.append(f"led.swapped|t={typ}")
    return out


def proposals(cues: list[LedgerCue]) -> dict[int, str]:
    """Cue start offset → the event type the cue is the act of (claims: ACCUSE, denials: REJECT)."""
    return {x.start: PROPOSED_TYPE[x.kind] for x in cues if x.kind in PROPOSED_TYPE}


__all__ = ["LedgerCue", "cue_at", "ledger_cues", "pair_features", "proposals", "side_code",
           "trigger_features"]

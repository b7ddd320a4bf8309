"""One event with its evidence: the read behind the event page and ``GET /api/events/{id}``."""

from __future__ import annotations

from .claims import get_claims_by_ids
from .events import event_mentions, get_event, spans_mentions


def event_detail(store, event_id: str) -> dict | None:
    """An event, every mention with the actor mentions inside its sentence, and linked claims.

    Each mention gets ``actors``: the article's actor mentions whose offsets
    lie inside the mention's sentence (what a view highlights). None when
    there is no such event.

    >>> from newsevents.store import Store
    >>> with Store(":memory:") as s:
    ...     event_detail(s, "no-such-event") is None
    True
    """
    ev = get_event(store, event_id)
    if ev is None:
        return None
    mentions = event_mentions(store, event_id)
    actors = spans_mentions(store, [(m["article_id"], m["span_start"], m["span_end"])
                                    for m in mentions if m.get("span_start") is not None])
    for m in mentions:
        m["actors"] = [a for a in actors if a["article_id"] == m["article_id"]
                       and m["span_start"] is not None
                       and m["span_start"] <= a["start"] and a["end"] <= m["span_end"]]
    claim_ids = sorted({m["claim_id"] for m in mentions if m.get("claim_id")})
    return {"event": ev, "mentions": mentions, "claims": get_claims_by_ids(store, claim_ids)}

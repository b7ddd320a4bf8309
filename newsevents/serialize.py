"""Records → the JSON shapes of docs/CONTRACT.md (``extract --json``)."""

from __future__ import annotations

from .models import Actor, Coded, Event, Mention, Quote, TimeRef


def actor_to_dict(m: Mention | None) -> dict | None:
    if m is None:
        return None
    a = m.actor
    out = {"text": m.text, "name": a.name, "code": a.code, "country": a.country,
           "sector": a.sector, "kind": a.kind}
    if a.role:
        out["role"] = a.role
    if a.org:
        out["org"] = a.org
    return out


def _attributed(a: Actor | None) -> dict | None:
    return None if a is None else {"name": a.name, "country": a.country, "code": a.code}


def event_to_dict(e: Event) -> dict:
    loc = e.location.place if e.location else None
    return {
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "source": actor_to_dict(e.source),
        "target": actor_to_dict(e.target),
        "date": e.date,
        "date_precision": e.date_precision,
        "date_text": e.date_text,
        "location": None if loc is None else {
            "name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon,
            "admin1": loc.admin1, "feature": loc.feature},
        "status": e.status,
        "attributed_to": _attributed(e.attributed_to),
        "trigger": e.trigger,
        "sentence": e.sentence,
        "span": [e.span[0], e.span[1]],
        "confidence": round(float(e.confidence), 3),
        "reciprocal": e.reciprocal,
        "claim_id": e.claim_id,
    }


def quote_to_dict(q: Quote) -> dict:
    s = q.speaker
    return {
        "speaker": None if s is None else {
            "name": s.name, "role": s.role, "org": s.org, "country": s.country},
        "cue": q.cue,
        "text": q.text,
        "direct": q.direct,
        "date": q.date,
        "span": [q.start, q.end],
        "sentence_span": [q.span[0], q.span[1]],
    }


def time_to_dict(t: TimeRef) -> dict:
    return {"text": t.text, "start": t.start, "end": t.end, "value": t.value,
            "precision": t.precision}


def timex_to_dict(t) -> dict:
    """One item of ``dates --timex``: a ``newsevents.temporal.Timex`` as JSON."""
    return {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}


def coded_to_dict(c: Coded) -> dict:
    """The ``extract --json`` object for one coded article."""
    a = c.article
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "url": a.url,
            "language": a.language,
            "text": a.text,
            "source": a.source,
        },
        "events": [event_to_dict(e) for e in c.events],
        "quotes": [quote_to_dict(q) for q in c.quotes],
        "claims": [
            {"id": k.id, "claimant": _attributed(k.claimant),
             "accused": [_attributed(x) for x in k.accused], "text": k.text, "cue": k.cue,
             "date": k.date, "span": [k.span[0], k.span[1]]}
            for k in c.claims],
        "responses": [
            {"id": r.id, "claim_id": r.claim_id, "responder": _attributed(r.responder),
             "kind": r.kind, "text": r.text, "cue": r.cue, "date": r.date,
             "span": [r.span[0], r.span[1]]}
            for r in c.responses],
    }

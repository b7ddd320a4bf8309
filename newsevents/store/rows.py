"""Coded records → flat rows for the store's tables (one dict per row)."""

from __future__ import annotations

from datetime import datetime

from ..models import Actor, Coded, Mention, Rejected


def _actor_cols(prefix: str, m: Mention | None) -> dict:
    a = m.actor if m else None
    return {
        f"{prefix}_text": m.text if m else None,
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_country": a.country if a else None,
        f"{prefix}_sector": a.sector if a else None,
        f"{prefix}_kind": a.kind if a else None,
    }


def _who(prefix: str, a: Actor | None) -> dict:
    return {
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_country": a.country if a else None,
    }


def article_row(c: Coded, run_id: str, now: datetime) -> dict:
    a = c.article
    return {
        "id": a.id, "source": a.source, "url": a.url, "title": a.title,
        "published": a.published, "language": a.language, "author": a.author,
        "site": a.site, "published_from": a.published_from, "text": a.text,
        "removed": list(a.removed), "near_duplicate_of": a.near_duplicate_of,
        "coded": a.language in (None, "en"), "run_id": run_id, "ingested_at": now,
    }


def rejection_row(r: Rejected, run_id: str, now: datetime) -> dict:
    return {"source": r.source, "stage": r.stage, "reason": r.reason,
            "detail": r.detail, "run_id": run_id, "rejected_at": now}


def mention_rows(c: Coded) -> list[dict]:
    return [
        {"article_id": c.article.id, "start": m.start, "end": m.end, "text": m.text,
         "name": m.actor.name, "code": m.actor.code, "country": m.actor.country,
         "sector": m.actor.sector, "kind": m.actor.kind, "actor_id": m.actor.id,
         "role": m.actor.role, "org": m.actor.org, "rule": m.rule}
        for m in c.mentions
    ]


def event_mention_rows(c: Coded) -> list[dict]:
    rows = []
    for e in c.events:
        loc = e.location.place if e.location else None
        row = {
            "id": e.id, "article_id": c.article.id, "event_id": None,
            "type": e.type, "mode": e.mode, "cameo": e.cameo,
            **_actor_cols("source", e.source), **_actor_cols("target", e.target),
            "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "location_lat": loc.lat if loc else None,
            "location_lon": loc.lon if loc else None,
            "status": e.status,
            "attributed_name": e.attributed_to.name if e.attributed_to else None,
            "attributed_country": e.attributed_to.country if e.attributed_to else None,
            "trigger": e.trigger, "trigger_start": e.trigger_span[0],
            "trigger_end": e.trigger_span[1], "sentence": e.sentence,
            "span_start": e.span[0], "span_end": e.span[1],
            "confidence": float(e.confidence), "claim_id": e.claim_id,
            "reciprocal": e.reciprocal, "rules": list(e.rules),
            "published": c.article.published,
        }
        rows.append(row)
    return rows


def quote_rows(c: Coded) -> list[dict]:
    rows = []
    for q in c.quotes:
        s = q.speaker
        rows.append({
            "article_id": c.article.id,
            "speaker_name": s.name if s else None, "speaker_role": s.role if s else None,
            "speaker_org": s.org if s else None, "speaker_country": s.country if s else None,
            "speaker_code": s.actor.code if s and s.actor else None,
            "cue": q.cue, "text": q.text, "direct": q.direct, "start": q.start, "end": q.end,
            "span_start": q.span[0], "span_end": q.span[1],
            "date": q.date, "date_precision": q.date_precision,
        })
    return rows


def claim_rows(c: Coded) -> list[dict]:
    return [
        {"id": k.id, "article_id": c.article.id, **_who("claimant", k.claimant),
         "accused": [a.code for a in k.accused if a.code],
         "accused_countries": [a.country for a in k.accused if a.country],
         "text": k.text, "cue": k.cue, "span_start": k.span[0], "span_end": k.span[1],
         "date": k.date, "date_precision": k.date_precision}
        for k in c.claims
    ]


def response_rows(c: Coded) -> list[dict]:
    return [
        {"id": r.id, "article_id": c.article.id, "claim_id": r.claim_id,
         **_who("responder", r.responder), "kind": r.kind, "text": r.text, "cue": r.cue,
         "span_start": r.span[0], "span_end": r.span[1],
         "date": r.date, "date_precision": r.date_precision}
        for r in c.responses
    ]

"""Coded records → flat rows for the store's tables (one dict per row)."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

from ..models import Actor, Coded, Mention, Rejected

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")


def date_interval(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day a date value of any precision covers.

    >>> date_interval("2024-04")
    (datetime.date(2024, 4, 1), datetime.date(2024, 4, 30))
    """
    if not value:
        return None, None
    try:
        if m := _DAY.fullmatch(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.fullmatch(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _MONTH.fullmatch(value):
            y, mo = int(m[1]), int(m[2])
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return date(y, mo, 1), nxt - timedelta(days=1)
        if _YEAR.fullmatch(value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if _DECADE.fullmatch(value):
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    except ValueError:  # "2024-02-30", "2024-W60": unusable, treat as undated
        return None, None
    return None, None


def actor_key(a: Actor | None) -> str | None:
    """The key an actor is stored and merged under: id, else code, else its name."""
    if a is None:
        return None
    return a.id or a.code or (f"name:{a.name.lower()}" if a.name else None)


def _side_key(m: Mention | None) -> str:
    if m is None:
        return "-"
    a = m.actor
    # Merge on the code (PRKGOV) when there is one: two spellings of one actor agree.
    return a.code or (f"name:{a.name.lower()}" if a.name else f"text:{m.text.lower()}")


def block_key(type_: str, source: str, target: str, status: str) -> str:
    """md5 of the merge key; mentions in different blocks never merge."""
    return hashlib.md5(f"{type_}|{source}|{target}|{status}".encode()).hexdigest()


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


def article_row(c: Coded, run_id: str | None, now: datetime) -> dict:
    a = c.article
    return {
        "id": a.id, "source": a.source, "url": a.url, "title": a.title,
        "published": a.published, "language": a.language, "author": a.author,
        "site": a.site, "published_from": a.published_from, "text": a.text,
        "removed": list(a.removed), "near_duplicate_of": a.near_duplicate_of,
        "similarity": None,
        "coded": a.language in (None, "en"), "run_id": run_id, "ingested_at": now,
    }


def rejection_row(r: Rejected, run_id: str | None, now: datetime) -> dict:
    return {"source": r.source, "stage": r.stage, "reason": r.reason,
            "detail": r.detail, "run_id": run_id, "rejected_at": now}


def actor_rows(c: Coded) -> list[dict]:
    actors = [m.actor for m in c.mentions]
    for e in c.events:
        actors += [m.actor for m in (e.source, e.target) if m is not None]
        if e.attributed_to is not None:
            actors.append(e.attributed_to)
    rows = {}
    for a in actors:
        key = actor_key(a)
        if key and key not in rows:
            rows[key] = {"key": key, "name": a.name, "code": a.code, "country": a.country,
                         "sector": a.sector, "kind": a.kind, "role": a.role, "org": a.org}
    return list(rows.values())


def mention_rows(c: Coded) -> list[dict]:
    return [
        {"article_id": c.article.id, "start": m.start, "end": m.end, "text": m.text,
         "actor_key": actor_key(m.actor),
         "name": m.actor.name, "code": m.actor.code, "country": m.actor.country,
         "sector": m.actor.sector, "kind": m.actor.kind, "actor_id": m.actor.id,
         "role": m.actor.role, "org": m.actor.org, "rule": m.rule}
        for m in c.mentions
    ]


def event_mention_rows(c: Coded) -> list[dict]:
    rows, seen = [], set()
    for e in c.events:
        if e.id in seen:  # a coder repeating an id within one article: keep the first
            continue
        seen.add(e.id)
        loc = e.location.place if e.location else None
        start, end = date_interval(e.date)
        att = e.attributed_to
        src, tgt = _side_key(e.source), _side_key(e.target)
        # A mention with neither actor, no date of its own and no place carries no
        # evidence of which real-world event it is ("an attack killed 12"): it merges
        # only within its own article.
        anonymous = ((src, tgt) == ("-", "-") and e.date_precision == "unknown"
                     and e.location is None)
        status = f"{e.status}|{c.article.id}" if anonymous else e.status
        rows.append({
            "id": e.id, "article_id": c.article.id, "event_id": None,
            "block": block_key(e.type, src, tgt, status),
            "type": e.type, "mode": e.mode, "cameo": e.cameo,
            **_actor_cols("source", e.source), **_actor_cols("target", e.target),
            "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
            "date_start": start, "date_end": end,
            "location_text": e.location.text if e.location else None,
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "location_admin1": loc.admin1 if loc else None,
            "location_feature": loc.feature if loc else None,
            "location_lat": loc.lat if loc else None,
            "location_lon": loc.lon if loc else None,
            "status": e.status,
            "attributed_name": att.name if att else None,
            "attributed_code": att.code if att else None,
            "attributed_country": att.country if att else None,
            "trigger": e.trigger, "trigger_start": e.trigger_span[0],
            "trigger_end": e.trigger_span[1], "sentence": e.sentence,
            "span_start": e.span[0], "span_end": e.span[1],
            "confidence": float(e.confidence), "claim_id": e.claim_id,
            "reciprocal": e.reciprocal, "rules": list(e.rules),
            "published": c.article.published,
        })
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
    out = {}
    for k in c.claims:
        out.setdefault(k.id, {
            "id": k.id, "article_id": c.article.id, **_who("claimant", k.claimant),
            "accused": [a.code for a in k.accused if a.code],
            "accused_countries": [a.country for a in k.accused if a.country],
            "accused_names": [a.name for a in k.accused if a.name],
            "text": k.text, "cue": k.cue, "span_start": k.span[0], "span_end": k.span[1],
            "date": k.date, "date_precision": k.date_precision})
    return list(out.values())


def response_rows(c: Coded) -> list[dict]:
    out = {}
    for r in c.responses:
        out.setdefault(r.id, {
            "id": r.id, "article_id": c.article.id, "claim_id": r.claim_id,
            **_who("responder", r.responder), "kind": r.kind, "text": r.text, "cue": r.cue,
            "span_start": r.span[0], "span_end": r.span[1],
            "date": r.date, "date_precision": r.date_precision})
    return list(out.values())

"""Pure view helpers: highlight segments and chart geometry (no SQL, no HTTP).

Highlights are computed as *segments* — ``{"text", "cls", ...}`` pieces that
cover a string exactly once — and the templates escape each piece, so no
article text ever reaches the page as markup.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..models import PLOVER_TYPES, QUAD_CLASS

QUAD_ORDER = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
              "material_conflict")
QUAD_LABEL = {"verbal_cooperation": "Verbal cooperation",
              "material_cooperation": "Material cooperation",
              "verbal_conflict": "Verbal conflict", "material_conflict": "Material conflict"}


def _locate(sentence: str, text: str | None, start: int | None, end: int | None,
            base: int) -> tuple[int, int] | None:
    """Offsets of ``text`` relative to the sentence: stored offsets first, then a search."""
    if start is not None and end is not None:
        rs, re_ = start - base, end - base
        if 0 <= rs < re_ <= len(sentence):
            return rs, re_
    if text:
        i = sentence.lower().find(text.lower())
        if i >= 0:
            return i, i + len(text)
    return None


def segments(text: str, *layers: list[tuple[int, int, str, dict]]) -> list[dict]:
    """Split ``text`` into runs by the marks covering each character.

    Within a layer the earlier mark wins where marks overlap; across layers
    classes combine (an actor inside an evidence sentence is both), and the
    first layer's extras (title, event link) win.

    >>> [s["cls"] for s in segments("Iran fired", [(0, 4, "source", {})])]
    ['source', None]
    """
    owners = []
    for marks in layers:
        owner = [-1] * len(text)
        for i in range(len(marks) - 1, -1, -1):
            s, e, _, _ = marks[i]
            for k in range(max(0, s), min(len(text), e)):
                owner[k] = i
        owners.append(owner)
    key = [tuple(o[k] for o in owners) for k in range(len(text))]
    out: list[dict] = []
    k = 0
    while k < len(text):
        j = k
        while j < len(text) and key[j] == key[k]:
            j += 1
        classes, extra = [], {}
        for marks, idx in reversed(list(zip(layers, key[k]))):
            if idx >= 0:
                classes.insert(0, marks[idx][2])
                extra.update(marks[idx][3])
        out.append({"text": text[k:j], "cls": " ".join(classes) or None, **extra})
        k = j
    return out


# What the actor views show of a profile (the CLI's per-direction lists are not drawn).
WEB_PROFILE = ("counterparts", "types_over_time")


def event_view(store, event_id: str) -> dict | None:
    """:func:`newsevents.query.event_detail` with each mention's sentence highlighted."""
    from ..query import event_detail

    d = event_detail(store, event_id)
    if d is not None:
        for m in d["mentions"]:
            m["highlights"] = sentence_highlight(m, m.pop("actors"))
    return d


def sentence_highlight(m: dict, actor_mentions: list[dict]) -> list[dict]:
    """Segments of an event mention's sentence with trigger, actors and date marked.

    ``m`` is an ``event_mentions`` row (offsets into the article text);
    ``actor_mentions`` are the article's actor mentions inside that sentence.

    >>> m = {"sentence": "Iran fired missiles at Israel.", "span_start": 100,
    ...      "trigger": "fired", "trigger_start": 105, "trigger_end": 110,
    ...      "source_text": "Iran", "target_text": "Israel", "date_text": None}
    >>> [s["cls"] for s in sentence_highlight(m, [])]
    ['source', None, 'trigger', None, 'target', None]
    """
    sentence = m.get("sentence") or ""
    base = m.get("span_start") or 0
    marks: list[tuple[int, int, str, dict]] = []
    trig = _locate(sentence, m.get("trigger"), m.get("trigger_start"), m.get("trigger_end"), base)
    if trig:
        marks.append((*trig, "trigger", {"title": "trigger"}))
    used: set[int] = set()
    for role in ("source", "target"):
        want = m.get(f"{role}_text")
        hit = None
        for idx, am in enumerate(actor_mentions):
            if idx not in used and want and am.get("text") == want:
                hit = _locate(sentence, am["text"], am["start"], am["end"], base)
                if hit:
                    used.add(idx)
                    break
        hit = hit or _locate(sentence, want, None, None, base)
        if hit:
            name = m.get(f"{role}_name") or want
            marks.append((*hit, role, {"title": f"{role}: {name}"}))
    if m.get("date_text"):
        hit = _locate(sentence, m["date_text"], None, None, base)
        if hit:
            marks.append((*hit, "date", {"title": f"date: {m.get('date') or '?'}"}))
    for idx, am in enumerate(actor_mentions):
        if idx in used:
            continue
        hit = _locate(sentence, am.get("text"), am.get("start"), am.get("end"), base)
        if hit:
            marks.append((*hit, "actor", {"title": f"actor: {am.get('code') or am.get('name')}"}))
    return segments(sentence, marks)


def article_segments(article: dict) -> list[dict]:
    """Segments of the whole article text: triggers, actor mentions, claims, evidence.

    Inner marks (trigger, actor) win over the sentence-level marks they sit in.
    """
    text = article.get("text") or ""
    marks: list[tuple[int, int, str, dict]] = []
    outer: list[tuple[int, int, str, dict]] = []
    for e in article.get("events", []):
        if e.get("trigger_start") is not None:
            marks.append((e["trigger_start"], e["trigger_end"], "trigger",
                          {"title": f"{e['type']} trigger", "event": e.get("event_id")}))
    for mm in article.get("mentions", []):
        marks.append((mm["start"], mm["end"], "actor",
                      {"title": f"actor: {mm.get('code') or mm.get('name') or '?'}"}))
    for e in article.get("events", []):
        if e.get("span_start") is not None:
            outer.append((e["span_start"], e["span_end"], f"evidence q-{e.get('quad') or 'none'}",
                          {"title": f"evidence for {e['type']} "
                                    f"({e.get('source_code') or '?'} → "
                                    f"{e.get('target_code') or '?'})",
                           "event": e.get("event_id")}))
    for c in article.get("claims", []):
        outer.append((c["span_start"], c["span_end"], "claim", {"title": "claim"}))
    for r in article.get("responses", []):
        outer.append((r["span_start"], r["span_end"], "response",
                      {"title": r.get("kind") or "response"}))
    for q in article.get("quotes", []):
        outer.append((q["start"], q["end"], "quote",
                      {"title": f"quote: {q.get('speaker_name') or 'unknown speaker'}"}))
    return segments(text, marks, outer)


# --- the dyad timeline as server-side SVG geometry ------------------------------

def _step(d: date, period: str) -> date:
    if period == "day":
        return d + timedelta(days=1)
    if period == "week":
        return d + timedelta(days=7)
    if period == "year":
        return date(d.year + 1, 1, 1)
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def timeline_model(by_type: list[dict], points: list[dict], period: str,
                   width: int = 960) -> dict:
    """Coordinates for the dyad timeline: stacked quad bars per period above
    one row of event points per PLOVER type.

    ``by_type`` are ``type_timeline`` rows; ``points`` events with
    ``date_start``. Returns empty lists when there is nothing dated.
    """
    periods = sorted({date.fromisoformat(r["period"][:10]) for r in by_type})
    if not periods:
        return {"bars": [], "points": [], "rows": [], "ticks": [], "width": width,
                "height": 80, "empty": True}
    lo, hi = periods[0], _step(periods[-1], period)
    span = max((hi - lo).days, 1)
    left, right = 150, 60
    plot_w = width - left - right

    def x(d: date) -> float:
        return left + plot_w * (d - lo).days / span

    per: dict[date, dict[str, int]] = {}
    for r in by_type:
        d = date.fromisoformat(r["period"][:10])
        per.setdefault(d, dict.fromkeys(QUAD_ORDER, 0))[r["quad"]] += r["events"]
    top = max(sum(v.values()) for v in per.values()) or 1
    bar_h = 140
    bars = []
    for d, quads in sorted(per.items()):
        x0, x1 = x(d), x(_step(d, period))
        w = max(x1 - x0 - 1, 1.5)
        y = 20 + bar_h
        for q in QUAD_ORDER:
            n = quads[q]
            if not n:
                continue
            h = bar_h * n / top
            y -= h
            bars.append({"x": round(x0, 1), "y": round(y, 1), "w": round(w, 1),
                         "h": round(h, 1), "quad": q, "n": n, "period": d.isoformat()})
    types = [t for t in PLOVER_TYPES if any(p["type"] == t for p in points)]
    row_y0, row_h = 20 + bar_h + 40, 22
    rows = [{"type": t, "quad": QUAD_CLASS[t], "y": row_y0 + i * row_h} for i, t in
            enumerate(types)]
    ypos = {r["type"]: r["y"] for r in rows}
    pts = []
    for p in points:
        if not p.get("date_start"):
            continue
        d = date.fromisoformat(p["date_start"][:10])
        if not lo <= d < hi:
            continue
        pts.append({"x": round(x(d) + 0.5 * plot_w / span, 1), "y": ypos[p["type"]],
                    "id": p["id"], "quad": QUAD_CLASS.get(p["type"]), "type": p["type"],
                    "status": p["status"], "date": p.get("date"), "mentions": p["mentions"],
                    "r": min(3 + p["mentions"], 9),
                    "label": f"{p.get('date')} {p['type']} {p.get('source_code') or '?'} → "
                             f"{p.get('target_code') or '?'} ({p['status']}, "
                             f"{p['mentions']} mention{'s' if p['mentions'] != 1 else ''})"})
    n_ticks = min(len(periods), 8)
    step = max(1, len(periods) // n_ticks)
    ticks = [{"x": round(x(d), 1), "label": _tick_label(d, period)} for d in periods[::step]]
    height = row_y0 + max(len(rows), 1) * row_h + 10
    return {"bars": bars, "points": pts, "rows": rows, "ticks": ticks, "width": width,
            "height": height, "bar_base": 20 + bar_h, "top": top, "left": left,
            "axis_y": 20 + bar_h + 16, "empty": False}


def _tick_label(d: date, period: str) -> str:
    if period == "year":
        return str(d.year)
    if period == "month":
        return d.strftime("%b %Y")
    return d.isoformat()

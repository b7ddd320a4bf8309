"""Articles with their coded spans, ingest runs and rejected inputs."""

from __future__ import annotations

import json

from ..models import QUAD_CLASS
from ._sql import fetch

__all__ = ["get_article", "list_articles", "list_rejections", "list_runs"]


def list_articles(store, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Articles newest first (title/url search), with their event counts; no text.

    >>> list_articles(store, "Iran", limit=10)  # doctest: +SKIP
    """
    params: list = []
    where = ""
    if q:
        where = "WHERE a.title ILIKE ? OR a.url ILIKE ? OR a.source ILIKE ?"
        params = [f"%{q}%"] * 3
    page = fetch(store,
                 f"""SELECT a.id, a.title, a.published, a.url, a.source, a.site, a.language,
                            a.coded, length(a.text) AS chars, len(a.removed) AS removed
                     FROM articles a {where}
                     ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
                 params + [limit, offset])
    # Counted for the page's articles only, not per row of the whole table.
    ids = [a["id"] for a in page]
    n = dict(store.con.execute(
        "SELECT article_id, count(*) FROM event_mentions WHERE list_contains(?, article_id) "
        "GROUP BY 1", [ids]).fetchall()) if ids else {}
    for a in page:
        a["events"] = n.get(a["id"], 0)
    return page


def get_article(store, article_id: str) -> dict | None:
    """One article with its text, the furniture cut from it and every coded span.

    >>> get_article(store, "ab12...")["removed"]  # doctest: +SKIP
    ['Add new comment', ...]
    """
    found = fetch(store, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    art = found[0]
    art["removed"] = list(art.get("removed") or [])
    art["events"] = fetch(store,
                          """SELECT id, event_id, type, mode, status, source_name, source_code,
                                    source_text, target_name, target_code, target_text, date,
                                    date_text, trigger, trigger_start, trigger_end, span_start,
                                    span_end, confidence
                             FROM event_mentions WHERE article_id = ?
                             ORDER BY span_start, trigger_start""", [article_id])
    for e in art["events"]:
        e["quad"] = QUAD_CLASS.get(e["type"])
    art["mentions"] = fetch(store,
                            'SELECT start, "end", text, name, code, country, sector, kind, role, '
                            "rule FROM mentions WHERE article_id = ? ORDER BY start", [article_id])
    art["quotes"] = fetch(store,
                          'SELECT speaker_name, speaker_role, speaker_org, cue, text, direct, '
                          'start, "end", span_start, span_end, date FROM quotes '
                          "WHERE article_id = ? ORDER BY start", [article_id])
    art["claims"] = fetch(store, "SELECT * FROM claims WHERE article_id = ? ORDER BY span_start",
                          [article_id])
    art["responses"] = fetch(store, "SELECT * FROM responses WHERE article_id = ? "
                                    "ORDER BY span_start", [article_id])
    return art


def list_runs(store, limit: int = 50) -> list[dict]:
    """Ingest runs, newest first.

    >>> list_runs(store)[0]["status"]  # doctest: +SKIP
    'done'
    """
    runs = fetch(store,
                 """SELECT run_id, started_at, finished_at, version, model, inputs, n_documents,
                           n_articles, n_rejected, n_events, status
                    FROM runs ORDER BY started_at DESC LIMIT ?""", [limit])
    for r in runs:
        try:
            r["inputs"] = json.loads(r["inputs"]) if r["inputs"] else []
        except ValueError:
            r["inputs"] = [r["inputs"]]
    return runs


def list_rejections(store, run_id: str | None = None, reason: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict], dict[str, int]]:
    """Rejected inputs (newest first) and the count per reason for the same run filter.

    >>> rows, reasons = list_rejections(store, reason="empty")  # doctest: +SKIP
    """
    parts, params = [], []
    if run_id:
        parts.append("run_id = ?")
        params.append(run_id)
    base = ("WHERE " + " AND ".join(parts)) if parts else ""
    reasons = dict(store.con.execute(
        f"SELECT reason, count(*) FROM rejections {base} GROUP BY reason ORDER BY 2 DESC",
        params).fetchall())
    if reason:
        parts.append("reason = ?")
        params.append(reason)
    where = ("WHERE " + " AND ".join(parts)) if parts else ""
    found = fetch(store,
                  f"SELECT source, stage, reason, detail, run_id, rejected_at FROM rejections "
                  f"{where} ORDER BY rejected_at DESC, source LIMIT ? OFFSET ?",
                  params + [limit, offset])
    return found, reasons

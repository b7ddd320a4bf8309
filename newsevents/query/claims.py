"""The claims ledger: accusations with their denials and confirmations."""

from __future__ import annotations

import re
from datetime import date

from ..store.linking import context_window
from ._sql import fetch, like_pattern

__all__ = ["count_claims", "get_claims_by_ids", "merge_ledger", "query_claims"]


def _claims_where(actor, text, since, until) -> tuple[str, list]:
    parts, params = [], []
    if actor:
        a = actor.upper()
        parts.append("(c.claimant_code = ? OR c.claimant_country = ? OR list_contains(c.accused, ?)"
                     " OR list_contains(c.accused_countries, ?) OR lower(c.claimant_name) = ?"
                     " OR list_contains(list_transform(c.accused_names, lambda x: lower(x)), ?))")
        params += [a, a, a, a, actor.lower(), actor.lower()]
    if text:
        parts.append("c.text ILIKE ? ESCAPE '\\'")
        params.append(like_pattern(text))
    if since:
        parts.append("a.published >= ?")
        params.append(since)
    if until:
        parts.append("a.published <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def count_claims(store, actor: str | None = None, text: str | None = None,
                 since: date | None = None, until: date | None = None) -> int:
    """How many claims match (the filters of :func:`query_claims`, no limit).

    >>> count_claims(store, actor="IRN")  # doctest: +SKIP
    12
    """
    where, params = _claims_where(actor, text, since, until)
    return store.con.execute(f"SELECT count(*) FROM claims c JOIN articles a "
                             f"ON a.id = c.article_id {where}", params).fetchall()[0][0]


def query_claims(store, actor: str | None = None, text: str | None = None,
                 since: date | None = None, until: date | None = None,
                 limit: int | None = 100, merge: bool = True) -> list[dict]:
    """The claims ledger: one row per claim with its responses and a status.

    With ``merge`` (the default) the same claim reported by several articles
    is one row (``merge_ledger``: same claimant and accused, similar content),
    its fields those of the first report, plus ``reports`` (every report:
    article, date, content, ``evidence`` (the claim's span) and ``sentence``
    (the sentence holding it), oldest first),
    ``first_reported``, ``evidence`` and the responses of all its reports in
    date order. ``limit`` counts stored claims before merging.

    >>> query_claims(store, actor="IRN")  # doctest: +SKIP
    [{'claimant_name': 'United States', 'text': '...', 'status': 'denied', 'responses': [...]}]
    """
    where, params = _claims_where(actor, text, since, until)
    sql = (f"SELECT c.*, a.published, a.title, a.url, "
           "substring(a.text, c.span_start + 1, c.span_end - c.span_start) AS evidence, "
           # the text around the claim, cut to its sentence below (never the whole article)
           "substring(a.text, greatest(c.span_start - 300, 0) + 1, "
           "c.span_end - greatest(c.span_start - 300, 0) + 300) AS _window, "
           "greatest(c.span_start - 300, 0) AS _window_start FROM claims c "
           f"JOIN articles a ON a.id = c.article_id {where} "
           "ORDER BY a.published DESC NULLS LAST, c.article_id, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    claims = fetch(store, sql, params)
    if not claims:
        return []
    # By claim id alone: the ledger links responses in other articles to a claim
    # (claim ids hash the article text, so they are unique across articles).
    for c in claims:
        window, w0 = c.pop("_window") or "", c.pop("_window_start") or 0
        c["sentence"] = (context_window(window, (c.get("span_start") or 0) - w0,
                                        (c.get("span_end") or 0) - w0, 300)
                         if window else c.get("evidence"))
    keys = sorted({c["id"] for c in claims})
    by_claim = _responses_by_claim(store, keys)
    for c in claims:
        c["responses"] = by_claim.get(c["id"], [])
        c["status"] = _status(c["responses"])
    return merge_ledger(claims) if merge else claims


# Every link of these claims: the response_links table (one row per response and
# claim, in-article or cross-article), and responses.claim_id for a link the link
# step has not copied yet (rows written by a store older than migration 003, or
# between a batch and the link step).
_LINKS_SQL = """
WITH l AS (
    SELECT response_article_id AS article_id, response_id AS id, claim_id, score, method
    FROM response_links WHERE list_contains(?, claim_id)
    UNION ALL
    SELECT r.article_id, r.id, r.claim_id, NULL,
           CASE WHEN EXISTS (SELECT 1 FROM claims c WHERE c.id = r.claim_id
                             AND c.article_id = r.article_id)
                THEN 'in-article' ELSE 'cross-article' END
    FROM responses r
    WHERE list_contains(?, r.claim_id) AND NOT EXISTS (
        SELECT 1 FROM response_links x WHERE x.response_article_id = r.article_id
        AND x.response_id = r.id AND x.claim_id = r.claim_id))
SELECT r.*, l.claim_id AS linked_claim_id, l.method AS link_method, l.score AS link_score,
       a.published AS published, a.title AS title
FROM l JOIN responses r ON r.article_id = l.article_id AND r.id = l.id
LEFT JOIN articles a ON a.id = r.article_id
ORDER BY coalesce(r.date, CAST(a.published AS VARCHAR)) NULLS LAST, r.article_id, r.id
"""


def _responses_by_claim(store, keys: list[str]) -> dict[str, list[dict]]:
    """Each claim's responses (every link, in date order); a response dict keeps its
    own ``claim_id`` (its best link) and adds ``link_method`` ('in-article' or
    'cross-article'), ``link_score`` (the link model's probability; None in-article)
    and its article's ``published`` and ``title``."""
    by_claim: dict[str, list[dict]] = {}
    for r in fetch(store, _LINKS_SQL, [keys, keys]):
        by_claim.setdefault(r.pop("linked_claim_id"), []).append(r)
    return by_claim


def _when(r: dict) -> tuple:
    # the date the response was made, else its article's publication date
    when = r.get("date") or (str(r["published"]) if r.get("published") else None)
    return (when is None, when or "", r["article_id"], r["id"])


def _status(responses: list[dict]) -> str:
    kinds = {r["kind"] for r in responses}
    return ("disputed" if kinds >= {"denial", "confirmation"} else
            "denied" if "denial" in kinds else
            "confirmed" if "confirmation" in kinds else "unanswered")


def _who(c: dict) -> str:
    return (c.get("claimant_code") or c.get("claimant_country") or
            " ".join((c.get("claimant_name") or "").lower().split()))


def _accused_key(c: dict) -> frozenset:
    return frozenset(list(c.get("accused") or []) + list(c.get("accused_countries") or []) +
                     [n.lower() for n in c.get("accused_names") or []])


_WORD = re.compile(r"[a-z][a-z'-]+")
# function words and the claim vocabulary itself, which says nothing about what is claimed
_STOP = frozenset("""a an the and or of to in on for with by from at as is are was were be been has have had
that this these those it its their they them he she his her we our not no but which who said says say
would will could should may might can also than then there into over about after before against
between during under claims claim allegations allegation accusations accusation""".split())


def _similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words (the query layer's own, as quotes.claims.similarity)."""
    wa = {w for w in _WORD.findall(a.lower()) if w not in _STOP}
    wb = {w for w in _WORD.findall(b.lower()) if w not in _STOP}
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _same_sides(a: dict, b: dict) -> bool:
    """Same claimant (or one unnamed) and accused (or one names none); not both unknown."""
    wa, wb = _who(a), _who(b)
    aa, ab = _accused_key(a), _accused_key(b)
    if wa and wb and wa != wb:
        return False
    if aa and ab and not aa & ab:
        return False
    return bool((wa and wb) or (aa and ab))


def merge_ledger(claims: list[dict], threshold: float = 0.4) -> list[dict]:
    """One row per claim across articles: reports of the same claim merged.

    Two stored claims are one when they come from different articles, have
    the same claimant (code, else name; or one is unnamed) and accused (or one
    names none), with either both claimants or both accused known, and
    their contents share words (Jaccard at least ``threshold``), as events
    merge across articles. The row keeps the first report's fields (oldest
    article) and adds ``reports``, ``first_reported``, ``evidence`` and every
    response linked to any of its reports (in-article or cross-article links,
    ``response_links``), deduplicated, in date order (the response's date, else
    its article's). Rows keep the input
    order of their first member.

    >>> len(merge_ledger([]))
    0
    """
    groups: list[list[dict]] = []
    for c in claims:
        for g in groups:
            h = g[0]
            if (h["article_id"] != c["article_id"] and _same_sides(h, c)
                    and _similarity(h.get("text") or "", c.get("text") or "") >= threshold):
                g.append(c)
                break
        else:
            groups.append([c])
    out = []
    for g in groups:
        g = sorted(g, key=lambda c: (c.get("published") is None, c.get("published") or date.min,
                                     c["article_id"], c["id"]))
        row = dict(g[0])
        seen, responses = set(), []
        for c in g:
            for r in c["responses"]:
                if (r["article_id"], r["id"]) not in seen:
                    seen.add((r["article_id"], r["id"]))
                    responses.append(r)
        responses.sort(key=_when)
        row["responses"] = responses
        row["status"] = _status(responses)
        row["reports"] = [{"claim_id": c["id"], "article_id": c["article_id"], "title": c.get("title"),
                           "url": c.get("url"), "published": c.get("published"), "date": c.get("date"),
                           "text": c.get("text"), "evidence": c.get("evidence"),
                           "sentence": c.get("sentence")} for c in g]
        row["first_reported"] = g[0].get("published") or g[0].get("date")
        out.append(row)
    return out


def get_claims_by_ids(store, claim_ids: list[str]) -> list[dict]:
    """Claims by id (for an event's claim link), with the article's date and responses.

    >>> get_claims_by_ids(store, ["c1"])  # doctest: +SKIP
    """
    if not claim_ids:
        return []
    claims = fetch(store, "SELECT c.*, a.published, a.title FROM claims c "
                          "JOIN articles a ON a.id = c.article_id "
                          "WHERE list_contains(?, c.id) ORDER BY c.id", [claim_ids])
    by_claim = _responses_by_claim(store, sorted(set(claim_ids)))
    for c in claims:
        c["responses"] = by_claim.get(c["id"], [])
    return claims

"""The claims ledger: accusations with their denials and confirmations."""

from __future__ import annotations

from datetime import date

from ._sql import fetch, like_pattern

__all__ = ["count_claims", "get_claims_by_ids", "query_claims"]


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
                 limit: int | None = 100) -> list[dict]:
    """The claims ledger: each claim with its responses and a status.

    >>> query_claims(store, actor="IRN")  # doctest: +SKIP
    [{'claimant_name': 'United States', 'text': '...', 'status': 'denied', 'responses': [...]}]
    """
    where, params = _claims_where(actor, text, since, until)
    sql = (f"SELECT c.*, a.published, a.title, a.url FROM claims c "
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
    keys = sorted({c["id"] for c in claims})
    by_claim: dict[str, list[dict]] = {}
    for r in fetch(store, "SELECT * FROM responses WHERE list_contains(?, claim_id) "
                           "ORDER BY date NULLS LAST, article_id, id", [keys]):
        by_claim.setdefault(r["claim_id"], []).append(r)
    for c in claims:
        c["responses"] = by_claim.get(c["id"], [])
        kinds = {r["kind"] for r in c["responses"]}
        c["status"] = ("disputed" if kinds >= {"denial", "confirmation"} else
                       "denied" if "denial" in kinds else
                       "confirmed" if "confirmation" in kinds else "unanswered")
    return claims


def get_claims_by_ids(store, claim_ids: list[str]) -> list[dict]:
    """Claims by id (for an event's claim link), with the article's date and responses.

    >>> get_claims_by_ids(store, ["c1"])  # doctest: +SKIP
    """
    if not claim_ids:
        return []
    claims = fetch(store, "SELECT c.*, a.published, a.title FROM claims c "
                          "JOIN articles a ON a.id = c.article_id "
                          "WHERE list_contains(?, c.id) ORDER BY c.id", [claim_ids])
    responses = fetch(store, "SELECT * FROM responses WHERE list_contains(?, claim_id) "
                             "ORDER BY date NULLS LAST, id", [claim_ids])
    for c in claims:
        c["responses"] = [r for r in responses if r["claim_id"] == c["id"]]
    return claims

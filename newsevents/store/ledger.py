"""The cross-article claims ledger: link responses to claims made in other articles.

Within one article the quotes stage links a denial to the claim it answers.
A denial often answers a claim reported elsewhere ("Pyongyang denied the
claims" in one story, the accusation in another), so after an ingest
``link_ledger`` re-runs the linking over the whole store: every response still
without a claim is matched, by ``newsevents.quotes.link_responses``, to the
claims of *other* articles that accuse its responder, share its content
words and are dated within a month of it. So is a response its own article
linked, by the in-article step's fallback, to a claim that does not accuse its
responder. A response once linked to a claim accusing it is never moved, so
linking is idempotent.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyarrow as pa

from ..errors import StoreError
from ..models import Actor, Claim, Response
from ..quotes import link_responses, same_actor
from .locking import transaction

_CLAIM_SQL = ("SELECT c.id, c.article_id, claimant_name, claimant_code, claimant_country, accused, "
              "accused_countries, accused_names, c.text, cue, span_start, span_end, a.published "
              "FROM claims c LEFT JOIN articles a ON a.id = c.article_id")
_RESPONSE_SQL = ("SELECT r.id, r.article_id, responder_name, responder_code, responder_country, kind, "
                 "r.text, cue, span_start, span_end, a.published, r.claim_id "
                 "FROM responses r LEFT JOIN articles a ON a.id = r.article_id")
# A denial answers a claim of the same news cycle: an article further than this from
# the claim's article (either way: a denial may be reported before a later
# restatement of the claim) is about another affair, however alike the words.
MAX_DAYS_APART = 31
_UPDATE_SQL = ("UPDATE responses SET claim_id = l.claim_id FROM _links l "
               "WHERE responses.article_id = l.article_id AND responses.id = l.id "
               "AND responses.claim_id IS NOT DISTINCT FROM l.old_claim_id")


def _key_name(name: str | None) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"[^\w\s]", " ", (name or "").lower().replace(".", ""))).strip()


def _accused(codes, countries, names) -> tuple[Actor, ...]:
    # The store keeps codes, countries and names as separate lists (an actor may
    # lack any of them); one actor per entry lets same_actor match on whichever exists.
    out = [Actor(name=c, code=c) for c in codes or ()]
    out += [Actor(name=c, code=None, country=c) for c in countries or ()]
    out += [Actor(name=n, code=None) for n in names or ()]
    return tuple(out)


def _keys(actor: Actor | None) -> set[tuple[str, str]]:
    if actor is None:
        return set()
    keys = set()
    if actor.code:
        keys.add(("code", actor.code))
    if actor.country:
        keys.add(("country", actor.country))
    name = _key_name(actor.name)
    if name:
        keys.update(("word", w) for w in name.split())
    return keys


def _weak_link(responder: Actor | None, article: str, linked) -> bool:
    """A response linked in its own article to a claim that does not accuse it
    (the in-article step's fallback: the latest claim before it) may be answering
    a claim reported elsewhere that does; a link to a claim accusing the
    responder, or to another article's claim, is kept."""
    if linked is None:
        return False
    claim_article, claim = linked
    return claim_article == article and not any(same_actor(responder, a) for a in claim.accused)


def _near(a, b, max_days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= max_days


def link_ledger(store, threshold: float = 0.25, max_days: int = MAX_DAYS_APART) -> int:
    """Link unanswered-by-claim responses to claims in other articles; return how many were linked.

    Each response whose ``claim_id`` is NULL, or that its own article linked to
    a claim not accusing its responder (a fallback guess), is matched with
    ``quotes.link_responses`` against the claims of the other articles in the
    store (the claim must accuse the responder and share content words, Jaccard
    at least ``threshold``, and the two articles be at most ``max_days`` apart
    when both are dated). All updates are written in one transaction with
    parameterised SQL. Running it again links nothing new unless new claims
    arrived.

    >>> link_ledger(open_store("newsevents.duckdb"))  # doctest: +SKIP
    3
    """
    con = store.con
    try:
        claims_rows = con.execute(_CLAIM_SQL).fetchall()
        resp_rows = con.execute(_RESPONSE_SQL).fetchall()
        if not claims_rows or not resp_rows:
            return 0
        claims: list[tuple[str, Claim, object]] = []
        index: dict[tuple[str, str], set[int]] = defaultdict(set)
        for (cid, art, cname, ccode, ccountry, acc, acc_c, acc_n, text, cue, s0, s1, pub) in claims_rows:
            claimant = Actor(name=cname, code=ccode, country=ccountry) if cname or ccode else None
            claim = Claim(id=cid, claimant=claimant, accused=_accused(acc, acc_c, acc_n),
                          text=text or "", span=(s0 or 0, s1 or 0), cue=cue or "")
            k = len(claims)
            claims.append((art, claim, pub))
            for a in claim.accused:
                for key in _keys(a):
                    index[key].add(k)
        by_id = {claim.id: (a, claim) for a, claim, _p in claims}
        updates: list[tuple[str, str, str, str | None]] = []
        for (rid, art, rname, rcode, rcountry, kind, text, cue, s0, s1, pub, old) in resp_rows:
            responder = Actor(name=rname, code=rcode, country=rcountry) if rname or rcode else None
            if old is not None and not _weak_link(responder, art, by_id.get(old)):
                continue
            # candidates share a code, country or name word with the responder: an index
            # look-up, so the ledger stays linear in the store rather than responses × claims
            cand = set().union(*(index.get(key, set()) for key in _keys(responder))) if responder else set()
            others = [claims[k][1] for k in sorted(cand)
                      if claims[k][0] != art and _near(claims[k][2], pub, max_days)]
            if not others:
                continue
            resp = Response(id=rid, claim_id=None, responder=responder, kind=kind, text=text or "",
                            span=(s0 or 0, s1 or 0), cue=cue or "")
            # a weak in-article link is replaced only by a claim elsewhere that accuses the responder
            linked = link_responses(others, [resp], threshold=threshold)[0]
            if linked.claim_id is not None:
                updates.append((linked.claim_id, art, rid, old))
        if not updates:
            return 0
        # One set-based UPDATE from an Arrow table, not a statement per row.
        links = pa.table({"claim_id": [u[0] for u in updates],
                          "article_id": [u[1] for u in updates],
                          "id": [u[2] for u in updates],
                          "old_claim_id": pa.array([u[3] for u in updates], pa.string())})
        with transaction(con):
            con.register("_links", links)
            try:
                con.execute(_UPDATE_SQL)
            finally:
                con.unregister("_links")
        return len(updates)
    except StoreError:
        raise
    except Exception as exc:  # duckdb errors: say which step failed and what to do
        raise StoreError(f"linking the claims ledger failed: {exc}; the store was left unchanged "
                         "(the update runs in one transaction); check that the store is not "
                         "open read-only and retry") from exc
    finally:
        store.release()

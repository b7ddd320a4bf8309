"""The cross-article claims ledger: link responses to claims made in other articles.

Within one article the quotes stage links a denial to the claim it answers.
A denial often answers a claim reported elsewhere ("Pyongyang denied the
claims" in one story, the accusation in another), and one denial may answer
the same accusation as several outlets report it. After an ingest
``link_ledger`` scores every (response, claim of another article dated within
a month) pair that shares an actor or a content word with the learned link
model (:mod:`newsevents.store.linking`) and records each pair at or above its
threshold, the best claim per other article, in the ``response_links`` table
(one row per link, with score and method; the in-article links are copied
there too). ``responses.claim_id`` keeps one link per response: its own
article's, unless that was missing or a fallback guess (a claim not accusing
the responder), then the best cross-article link, and the guess leaves
``response_links``. Otherwise links are only added, so linking is
idempotent; an ingest scores only the pairs touching its own articles.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import pyarrow as pa

from ..errors import StoreError
from ..models import Actor, Claim
from ..quotes import same_actor
from .linking import (
    _content,
    actor_keys,
    content_match,
    context_window,
    load_link_model,
    pair_features,
    prepare,
    rival_features,
)
from .locking import transaction

# The text around each span (200 characters each side) for the context features,
# cut in SQL so that whole articles are never read into Python.
_WINDOW = ("substring(a.text, greatest({t}.span_start - 200, 0) + 1, "
           "{t}.span_end - greatest({t}.span_start - 200, 0) + 200), greatest({t}.span_start - 200, 0)")
_CLAIM_SQL = ("SELECT c.id, c.article_id, claimant_name, claimant_code, claimant_country, accused, "
              "accused_countries, accused_names, c.text, cue, span_start, span_end, a.published, "
              + _WINDOW.format(t="c") + " FROM claims c LEFT JOIN articles a ON a.id = c.article_id "
              "ORDER BY c.article_id, c.id")
_RESPONSE_SQL = ("SELECT r.id, r.article_id, responder_name, responder_code, responder_country, kind, "
                 "r.text, cue, span_start, span_end, a.published, r.claim_id, "
                 + _WINDOW.format(t="r") + " FROM responses r LEFT JOIN articles a ON a.id = r.article_id "
                 "ORDER BY r.article_id, r.id")
# In-article links (responses.claim_id to a claim of the same article) not yet in
# response_links: written at every link step, whatever engine stored the rows.
_IN_ARTICLE_SQL = ("INSERT INTO response_links SELECT DISTINCT r.article_id, r.id, c.article_id, c.id, "
                   "NULL, 'in-article' FROM responses r JOIN claims c ON c.id = r.claim_id "
                   "AND c.article_id = r.article_id WHERE NOT EXISTS (SELECT 1 FROM response_links l "
                   "WHERE l.response_article_id = r.article_id AND l.response_id = r.id "
                   "AND l.claim_id = c.id)")
_INSERT_SQL = ("INSERT INTO response_links SELECT n.* FROM _new n WHERE NOT EXISTS (SELECT 1 FROM "
               "response_links l WHERE l.response_article_id = n.response_article_id AND "
               "l.response_id = n.response_id AND l.claim_id = n.claim_id)")
# A denial answers a claim of the same news cycle: an article further than this from
# the claim's article (either way: a denial may be reported before a later
# restatement of the claim) is about another affair, however alike the words.
MAX_DAYS_APART = 31
# A fallback in-article guess that a cross-article link replaces is dropped.
_DROP_GUESS_SQL = ("DELETE FROM response_links l USING _best b WHERE l.method = 'in-article' "
                   "AND l.response_article_id = b.article_id AND l.response_id = b.id "
                   "AND l.claim_id IS NOT DISTINCT FROM b.old_claim_id")
# A word or name shared with this many claims or more says nothing about which one
# a response answers (and would make candidates quadratic): not a look-up key.
MAX_POSTING = 500
_UPDATE_SQL = ("UPDATE responses SET claim_id = l.claim_id FROM _best l "
               "WHERE responses.article_id = l.article_id AND responses.id = l.id "
               "AND responses.claim_id IS NOT DISTINCT FROM l.old_claim_id")


def _accused(codes, countries, names) -> tuple[Actor, ...]:
    # The store keeps codes, countries and names as separate lists (an actor may
    # lack any of them); one actor per entry lets same_actor match on whichever exists.
    out = [Actor(name=c, code=c) for c in codes or ()]
    out += [Actor(name=c, code=None, country=c) for c in countries or ()]
    out += [Actor(name=n, code=None) for n in names or ()]
    return tuple(out)


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


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _made(claim_published, claim_start, response_published):
    """When a claim was made, for :func:`~newsevents.store.linking.rival_features`:
    ``(day, offset)``, or None when its article is dated after the response's (an
    undated side counts as before: the order is unknown)."""
    c, r = _day(claim_published), _day(response_published)
    if c is not None and r is not None and c > r:
        return None
    return (c or date.min, claim_start or 0)


def _ready(side: dict) -> dict:
    """Cut the side's sentence and compute its word sets, once, when first scored
    (most sides of a large store are never scored in an incremental run)."""
    if "_prepared" not in side:
        side["context"] = _side_context(*side.pop("_raw"))
        prepare(side)
    return side


def _side_context(window, w0, s0, s1) -> str:
    if not window:
        return ""
    return context_window(window, max(0, (s0 or 0) - (w0 or 0)), max(0, (s1 or 0) - (w0 or 0)))


def _response_spans(resp_rows) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in resp_rows:
        spans[row[1]].append((row[8] or 0, row[9] or 0))
    return spans


def _inside(spans, s0, s1) -> bool:
    """Does ``[s0, s1)`` overlap one of ``spans``?"""
    return any(min(s1 or 0, b) > max(s0 or 0, a) for a, b in spans)


def score_pairs(store, max_days: int = MAX_DAYS_APART, articles=None) -> list[tuple]:
    """Every (response, claim of another article) candidate with its link probability.

    See :func:`candidate_pairs` for the candidates; returns ``(response_article_id,
    response_id, claim_article_id, claim_id, probability, old_claim_id, weak)``.
    """
    model = load_link_model()
    return [(art, rid, c_art, cid, model.score(f), old, weak)
            for art, rid, c_art, cid, f, old, weak in candidate_pairs(store, max_days, articles)]


def candidate_pairs(store, max_days: int = MAX_DAYS_APART, articles=None):
    """Every (response, claim of another article) candidate with its link features.

    Candidates share an actor key (code, country, name word) of the responder
    with the claim's accused or claimant, or a content word of the response
    with the claim, and the two articles are at most ``max_days`` apart when
    both are dated. Yields ``(response_article_id, response_id, claim_article_id,
    claim_id, features, old_claim_id, weak)`` tuples (features of
    :func:`~newsevents.store.linking.pair_features` and, over the response's
    candidates, :func:`~newsevents.store.linking.rival_features`;
    ``scripts/train_links.py`` learns from the same ones), ``weak`` when the
    response's own link is missing or a fallback guess. With ``articles`` (ids)
    only pairs with a side in one of them are scored (an ingest's new articles:
    the other pairs were scored by an earlier link step). Reads only.
    """
    fresh = set(articles) if articles is not None else None
    con = store.con
    claims_rows = con.execute(_CLAIM_SQL).fetchall()
    resp_rows = con.execute(_RESPONSE_SQL).fetchall()
    if not claims_rows or not resp_rows:
        return
    claims: list[tuple[str, dict, object, Claim]] = []
    index: dict[str, set[int]] = defaultdict(set)
    fresh_index: dict[str, set[int]] = defaultdict(set)  # the claims of ``articles``
    answered = _response_spans(resp_rows)
    for (cid, art, cname, ccode, ccountry, acc, acc_c, acc_n, text, cue, s0, s1, pub, win, w0) in claims_rows:
        claimant = Actor(name=cname, code=ccode, country=ccountry) if cname or ccode else None
        claim = Claim(id=cid, claimant=claimant, accused=_accused(acc, acc_c, acc_n),
                      text=text or "", span=(s0 or 0, s1 or 0), cue=cue or "")
        side = {"id": cid, "text": text or "", "cue": cue or "",
                "_raw": (win, w0, s0, s1),
                "claimant": actor_keys([cname], [ccode], [ccountry]),
                "accused": actor_keys(acc_n or (), acc or (), acc_c or ())}
        k = len(claims)
        claims.append((art, side, pub, claim))
        if _inside(answered.get(art, ()), s0, s1):
            # the claim is restated inside a denial of its own article ("X denies
            # reports that ..."): that article answers it; another outlet's
            # response answers the accusation itself, reported elsewhere
            continue
        for key in side["accused"] | side["claimant"] | _content(side["text"]):
            index[key].add(k)
            if fresh is not None and art in fresh:
                fresh_index[key].add(k)
    by_id = {c[3].id: (c[0], c[3]) for c in claims}
    for (rid, art, rname, rcode, rcountry, kind, text, cue, s0, s1, pub, old, win, w0) in resp_rows:
        responder = Actor(name=rname, code=rcode, country=rcountry) if rname or rcode else None
        weak = old is None or _weak_link(responder, art, by_id.get(old))
        side = {"text": text or "", "kind": kind, "cue": cue or "",
                "_raw": (win, w0, s0, s1),
                "responder": actor_keys([rname], [rcode], [rcountry])}
        # an index look-up (actor keys, content words), not responses x claims; a
        # response already scored against the older claims meets the new ones only
        old_response = fresh is not None and art not in fresh
        keys = side["responder"] | _content(side["text"])
        scored = _look(fresh_index if old_response else index, index, keys, claims, art, pub, max_days)
        if not scored:
            continue
        # the rivals of each pair (linking.rival_features): the response's candidates
        # made before it, old or new; those of a response linked by an earlier run
        # are looked up again (its new pairs are weighed against its older claims)
        others = []
        if old_response:
            new_pairs = set(scored)
            others = [content_match(_ready(side), _ready(claims[k][1]))
                      for k in _look(index, index, keys, claims, art, pub, max_days)
                      if k not in new_pairs and _made(claims[k][2], claims[k][3].span[0], pub) is not None]
        features = [pair_features(_ready(side), _ready(claims[k][1])) for k in scored]
        made = [_made(claims[k][2], claims[k][3].span[0], pub) for k in scored]
        for k, f in zip(scored, rival_features(features, made, others), strict=True):
            yield art, rid, claims[k][0], claims[k][1]["id"], f, old, weak


def _look(look, index, keys, claims, art, pub, max_days) -> list[int]:
    """The claims (indexes into ``claims``) sharing a key with a response, in ``look``
    (keys with too many claims in ``index`` are not used), of another article and
    within ``max_days`` of the response's."""
    cand = set().union(*(look[key] for key in keys
                         if key in look and len(index[key]) < MAX_POSTING)) if keys else set()
    return [k for k in sorted(cand) if claims[k][0] != art and _near(claims[k][2], pub, max_days)]


def link_ledger(store, threshold: float | None = None, max_days: int = MAX_DAYS_APART,
                articles=None) -> int:
    """Link responses to the claims of other articles they answer; return how many links were added.

    Copies the in-article links into ``response_links``, then scores the
    candidates of :func:`score_pairs` and records, for each response and other
    article, the best claim whose probability is at least ``threshold`` (the
    link model's own when None) as a ``cross-article`` link. A response whose
    ``claim_id`` is NULL or a fallback guess gets its best cross-article link
    there. ``articles`` (ids) limits the scoring to pairs with a side in them
    (an ingest passes its run's articles; None scores the whole store). All
    writes are one transaction, through Arrow, with parameterised
    SQL. Running it again adds nothing unless new claims or responses arrived.

    >>> link_ledger(open_store("newsevents.duckdb"))  # doctest: +SKIP
    3
    """
    con = store.con
    try:
        threshold = load_link_model().threshold if threshold is None else threshold
        best_per_article: dict[tuple, tuple] = {}
        for art, rid, c_art, cid, p, old, weak in score_pairs(store, max_days, articles):
            if p < threshold:
                continue
            key = (art, rid, c_art)
            if key not in best_per_article or p > best_per_article[key][4]:
                best_per_article[key] = (art, rid, c_art, cid, p, old, weak)
        links = sorted(best_per_article.values())
        best: dict[tuple, tuple] = {}
        for link in links:
            if link[6] and ((link[0], link[1]) not in best or link[4] > best[(link[0], link[1])][4]):
                best[(link[0], link[1])] = link
        new = pa.table({"response_article_id": pa.array([x[0] for x in links], pa.string()),
                        "response_id": pa.array([x[1] for x in links], pa.string()),
                        "claim_article_id": pa.array([x[2] for x in links], pa.string()),
                        "claim_id": pa.array([x[3] for x in links], pa.string()),
                        "score": pa.array([round(x[4], 4) for x in links], pa.float64()),
                        "method": pa.array(["cross-article"] * len(links), pa.string())})
        updates = pa.table({"claim_id": pa.array([b[3] for b in best.values()], pa.string()),
                            "article_id": pa.array([b[0] for b in best.values()], pa.string()),
                            "id": pa.array([b[1] for b in best.values()], pa.string()),
                            "old_claim_id": pa.array([b[5] for b in best.values()], pa.string())})
        with transaction(con):
            con.execute(_IN_ARTICLE_SQL)
            before = con.execute("SELECT count(*) FROM response_links").fetchall()[0][0]
            con.register("_new", new)
            con.register("_best", updates)
            try:
                con.execute(_INSERT_SQL)
                con.execute(_DROP_GUESS_SQL)
                con.execute(_UPDATE_SQL)
            finally:
                con.unregister("_new")
                con.unregister("_best")
            added = con.execute("SELECT count(*) FROM response_links").fetchall()[0][0] - before
        return added
    except StoreError:
        raise
    except Exception as exc:  # duckdb errors: say which step failed and what to do
        raise StoreError(f"linking the claims ledger failed: {exc}; the store was left unchanged "
                         "(the update runs in one transaction); check that the store is not "
                         "open read-only and retry") from exc
    finally:
        store.release()

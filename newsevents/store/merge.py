"""The merge rule: which event mentions are one real-world event.

Mentions are first split into *blocks* by an exact key — PLOVER type, source
actor, target actor and status — so a ``claimed`` or ``denied`` mention never
joins a ``reported`` event as a confirmation. Inside a block, mentions are
clustered greedily, most precise date first (docs/store.md):

- dates are compatible when they are the same day or one contains the other
  (``2024-04`` contains ``2024-04-13``; two different days never merge); a
  date with precision ``unknown`` (the publication-date fallback) stands for
  the ``UNKNOWN_WINDOW_DAYS`` days up to that date and is compatible with
  anything it overlaps;
- locations are compatible when either is missing, or the countries agree
  and two sub-country places are the same name or within ``NEAR_KM`` km.

A mention compatible with several clusters joins the one with most mentions
(then the earliest). The result depends only on the set of mentions in the
block, never on the order they were ingested, so an incremental merge and a
re-run over the whole store give the same events.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date, timedelta

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "unknown": 5}
UNKNOWN_WINDOW_DAYS = 2
NEAR_KM = 50.0

# Columns fetched per mention for clustering, in this order.
FIELDS = ("article_id", "id", "block", "date_precision", "date_start", "date_end", "published",
          "location_name", "location_country", "location_feature", "location_lat",
          "location_lon")


def _interval(m: dict) -> tuple[date | None, date | None, bool]:
    """(first day, last day, inexact) a mention's date stands for."""
    unknown = m["date_precision"] not in PRECISION_RANK or m["date_precision"] == "unknown"
    start, end = m["date_start"], m["date_end"]
    if unknown:
        anchor = end or m["published"]
        if anchor is None:
            return None, None, True
        return anchor - timedelta(days=UNKNOWN_WINDOW_DAYS), anchor, True
    return start, end, False


def dates_compatible(a: tuple, b: tuple) -> bool:
    """Same day, or one interval contains the other; overlap when either is inexact.

    >>> d = date(2024, 4, 13)
    >>> dates_compatible((d, d, False), (date(2024, 4, 1), date(2024, 4, 30), False))
    True
    """
    (s1, e1, u1), (s2, e2, u2) = a, b
    if s1 is None or s2 is None:  # no date at all: no evidence against
        return True
    if u1 or u2:
        return s1 <= e2 and s2 <= e1
    return (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2)


def _loc_level(m: dict) -> int:
    if not m["location_name"] and not m["location_country"]:
        return 2
    return 1 if (m["location_feature"] in (None, "country")) else 0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def locations_compatible(a: dict, b: dict) -> bool:
    """Either missing, or same country and (for two sub-country places) near each other."""
    la, lb = _loc_level(a), _loc_level(b)
    if la == 2 or lb == 2:
        return True
    ca, cb = a["location_country"], b["location_country"]
    if ca and cb and ca != cb:
        return False
    if la == 0 and lb == 0:
        if (a["location_name"] or "").casefold() == (b["location_name"] or "").casefold():
            return True
        if None not in (a["location_lat"], a["location_lon"], b["location_lat"],
                        b["location_lon"]):
            return _km(a["location_lat"], a["location_lon"], b["location_lat"],
                       b["location_lon"]) <= NEAR_KM
        return False
    return True


def _sort_key(m: dict) -> tuple:
    s = m["date_start"] or m["published"] or date.min
    return (PRECISION_RANK.get(m["date_precision"], 5), s, m["published"] or date.min,
            m["article_id"], m["id"])


def cluster_block(mentions: list[dict]) -> list[list[dict]]:
    """Group one block's mentions into events (lists of mentions), deterministically."""
    clusters: list[dict] = []
    by_start: dict[date | None, list[dict]] = {}  # clusters by their seed's first day
    for m in sorted(mentions, key=_sort_key):
        iv = _interval(m)
        # A seed is at least as precise as m (sorted by precision), so a compatible
        # seed starts inside m's interval, or up to the unknown window before it,
        # or (for an inexact m) at the start of the week/month/year/decade holding it.
        if iv[0] is None:
            candidates = clusters
        else:
            candidates = [c for n in range((iv[1] - iv[0]).days + UNKNOWN_WINDOW_DAYS + 1)
                          for c in by_start.get(iv[0] - timedelta(days=UNKNOWN_WINDOW_DAYS - n),
                                                ())]
            candidates += by_start.get(None, [])
            if iv[2]:  # an inexact window can also sit inside a coarser seed
                for d in (iv[0], iv[1]):
                    for start in (d - timedelta(days=d.weekday()), d.replace(day=1),
                                  d.replace(month=1, day=1),
                                  date(d.year - d.year % 10, 1, 1)):
                        candidates += by_start.get(start, [])
        best = None
        for c in candidates:
            if not dates_compatible(c["interval"], iv):
                continue
            if not locations_compatible(c["loc"], m):
                continue
            if best is None or len(c["members"]) > len(best["members"]) or (
                    len(c["members"]) == len(best["members"]) and c["n"] < best["n"]):
                best = c
        if best is None:
            c = {"interval": iv, "loc": m, "members": [m], "n": len(clusters)}
            clusters.append(c)
            by_start.setdefault(iv[0], []).append(c)
        else:
            best["members"].append(m)
            if _loc_level(m) < _loc_level(best["loc"]):
                best["loc"] = m
    return [c["members"] for c in clusters]


def event_id(block: str, seed: dict) -> str:
    """A merged event's id: its block and its seed (most precise, earliest) mention."""
    raw = f"{block}|{seed['article_id']}|{seed['id']}"
    return hashlib.sha1(raw.encode()).hexdigest()[:24]


def assign_events(mentions: list[dict]) -> list[tuple[str, str, str]]:
    """(article_id, mention id, event id) for every mention, blocks handled separately."""
    by_block: dict[str, list[dict]] = {}
    for m in mentions:
        by_block.setdefault(m["block"], []).append(m)
    out = []
    for block in sorted(by_block):
        for members in cluster_block(by_block[block]):
            eid = event_id(block, members[0])
            out.extend((m["article_id"], m["id"], eid) for m in members)
    return out

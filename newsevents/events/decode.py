"""Step 4 of the events stage: from scored candidates to the events stored.

Per sentence and type: the type model says whether the sentence reports an
event of that type; if it does, every (source, target) the tuple model
accepts is kept, else the best one (or the tied best). One event per (type, source, target)
per sentence. Status and date come from the same decision: a ``reported``
event never takes a date after the article's (a target year, "by 2050", or
a scheduled future is the date of something still to come).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .candidates import Candidate, country
from .model import multiclass


def status_of(model: dict, rule_status: str, feats: list[str]) -> str:
    """The decoded status: a status rule's specific reading (denied, planned, …) stands;
    an event the rules call ``reported`` gets the status model's reading (claims and
    hypotheticals the cue lists miss)."""
    if rule_status != "reported" or "r=speech:report" in feats:
        # (a neutral report the quotes stage found — "..., KCNA reported" — is a specific
        # reading too: the model is for the claims and hypotheticals the cues miss)
        return rule_status
    return multiclass(model["status"], feats)


def _later(value: str | None, precision: str, published: date | None) -> bool:
    """Is a resolved date after the publication date (at its own precision)?"""
    if not value or published is None or precision == "unknown":
        return False
    pub = published.isoformat()
    n = {"year": 4, "month": 7}.get(precision, 10)
    if precision == "week":
        try:
            y, w = value.split("-W")
            return (int(y), int(w)) > published.isocalendar()[:2]
        except ValueError:
            return False
    return value[:n] > pub[:n]


def settle(e, status: str, published: date | None):
    """The event with its decoded status, and a date consistent with it."""
    rules = e.rules
    if status != e.status:
        rules = rules + (f"status:model:{status}",)
    value, precision, text = e.date, e.date_precision, e.date_text
    if status == "reported" and _later(value, precision, published):
        # a reported act happened by publication: the future date belongs to something else
        value = published.isoformat() if published else None
        precision, text = "unknown", None
        rules = rules + ("date:not-after-publication",)
    return replace(e, status=status, date=value, date_precision=precision, date_text=text, rules=rules)


def _type_threshold(thresholds: dict, origin: str) -> float:
    """The rule coder's own readings and the other candidates have their own type thresholds."""
    return thresholds.get("rule_type", thresholds["type"]) if origin == "rule" else thresholds["type"]


def select(keys: list[tuple], origins: list[str], p_tuple: list[float], p_type: list[float],
           thresholds: dict) -> list[int]:
    """Indices of the candidates kept. ``keys`` are (sentence, type) per candidate.

    Per (sentence, type): kept when one of its candidates passes the type
    threshold of its origin; then every candidate whose tuple passes, else
    the best one (all of them if several tie).
    """
    groups: dict[tuple, list[int]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    keep: list[int] = []
    for idx in groups.values():
        if not any(p_type[i] >= _type_threshold(thresholds, origins[i]) for i in idx):
            continue
        chosen = [i for i in idx if p_tuple[i] >= thresholds["tuple"]]
        keep.extend(chosen or best_tied(idx, p_tuple))
    return sorted(keep)


def best_tied(idx: list[int], p_tuple: list[float]) -> list[int]:
    """The best candidates of a group: every one as probable as the best, since the model
    cannot tell them apart ("concerned about cooperation between Tehran and Pyongyang":
    one reading, two targets, the same features).

    >>> best_tied([0, 1, 2], [0.2, 0.5, 0.5])
    [1, 2]
    """
    top = max(p_tuple[i] for i in idx)
    return [i for i in idx if p_tuple[i] >= top - 1e-12]


def decode(cands: list[Candidate], p_tuple: list[float], p_type: list[float], statuses: list[str],
           thresholds: dict, published: date | None) -> list:
    """The events kept, in text order, each with a confidence (its tuple probability)."""
    keep = select([(c.sent, c.type) for c in cands], [c.origin for c in cands], p_tuple, p_type,
                  thresholds)
    out, seen = [], set()
    for i in sorted(keep, key=lambda i: (cands[i].event.span[0], cands[i].event.trigger_span, i)):
        c = cands[i]
        key = (c.sent, c.event.type, country(c.event.source), country(c.event.target))
        if key in seen:
            continue
        seen.add(key)
        e = settle(c.event, statuses[i], published)
        out.append(replace(e, confidence=round(p_tuple[i], 3)))
    return out

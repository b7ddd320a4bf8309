"""A deliberately simple, deterministic stand-in coder for the merge evaluation.

It is NOT newsevents' event coder: it finds a trigger word, the country named
before it (source) and after it (target), a weekday or "Month day" date, and
a claimed status on "alleged"/"claimed". The merge evaluation needs coded
mentions of real news text to exercise the store; this coder makes them
without the NLP stages, the same way for an original and its re-reports.
Country names come from newsevents' actor data (countries.tsv).
"""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

from newsevents.models import Actor, Article, Coded, Event, Mention

TRIGGERS = {
    "ASSAULT": r"attack(?:ed|s)?|strikes?|struck|airstrikes?|bomb(?:ed|ing)|shell(?:ed|ing)",
    "CONSULT": r"met|meeting|talks|visit(?:ed|s)?",
    "ACCUSE": r"accus(?:ed|es)|blam(?:ed|es)|condemn(?:ed|s)|criticiz(?:ed|es)",
    "REJECT": r"denied|denies|rejected|rejects",
    "THREATEN": r"threaten(?:ed|s)?|warned",
    "SANCTION": r"sanction(?:ed|s)?",
    "AGREE": r"agreed|signed|deal",
    "AID": r"aid|assistance",
    "PROTEST": r"protest(?:ed|ers|s)?",
    "REQUEST": r"urged|called on|demanded|asked",
    "MOBILIZE": r"deployed|mobiliz(?:ed|es)",
    "COERCE": r"arrested|detained|deported|expelled",
}
_TRIG = re.compile(r"\b(" + "|".join(f"(?P<{t}>{p})" for t, p in TRIGGERS.items()) + r")\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_WD = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MD = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})\b", re.IGNORECASE)
_SENT = re.compile(r"[^.!?]+[.!?]+[\"”’']?")


def _countries():
    path = Path(__file__).resolve().parents[2] / "newsevents/data/actors/countries.tsv"
    names = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for alias in [row["name"], *row["aliases"].split("|")]:
                if len(alias) >= 4 and alias[:1].isupper():
                    names.setdefault(alias, (row["code"], row["name"]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in
                                           sorted(names, key=len, reverse=True)) + r")\b")
    return names, pattern


_NAMES, _PAT = _countries()


def _date(sentence: str, published: date) -> tuple[str, str]:
    if m := _MD.search(sentence):
        try:
            d = date(published.year, _MONTHS.index(m[1].lower()) + 1, int(m[2]))
            return d.isoformat(), "day"
        except ValueError:
            pass
    if m := _WD.search(sentence):
        back = (published.weekday() - _WEEKDAYS.index(m[1].lower())) % 7
        return (published - timedelta(days=back)).isoformat(), "day"
    return published.isoformat(), "unknown"


def code(article: Article) -> Coded:
    """Coded events for one article (at most one per sentence)."""
    events = []
    for i, sm in enumerate(_SENT.finditer(article.text)):
        s = sm.group(0)
        trig = _TRIG.search(s)
        if not trig:
            continue
        kind = trig.lastgroup if trig.lastgroup in TRIGGERS else next(
            t for t in TRIGGERS if trig.group(t))
        before = [m for m in _PAT.finditer(s) if m.end() <= trig.start()]
        after = [m for m in _PAT.finditer(s) if m.start() >= trig.end()]
        if not before:
            continue
        src = before[-1]
        tgt = next((m for m in after if _NAMES[m[0]][0] != _NAMES[src[0]][0]), None)

        def mention(m):
            iso, name = _NAMES[m[0]]
            return Mention(m[0], sm.start() + m.start(), sm.start() + m.end(),
                           Actor(name=name, code=iso, country=iso))
        d, prec = _date(s, article.published)
        status = "claimed" if re.search(r"\ballege|\bclaim", s, re.IGNORECASE) else "reported"
        start = sm.start() + (len(s) - len(s.lstrip()))
        events.append(Event(
            id=f"s{i}", type=kind, mode=None, cameo=None, source=mention(src),
            target=mention(tgt) if tgt else None, date=d, date_precision=prec, date_text=None,
            location=None, status=status, attributed_to=None, trigger=trig[0],
            trigger_span=(sm.start() + trig.start(), sm.start() + trig.end()),
            sentence=s.strip(), span=(start, sm.end()), confidence=0.5,
            article_id=article.id))
    return Coded(article=article, events=tuple(events))

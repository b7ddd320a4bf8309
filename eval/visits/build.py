"""Match the Office of the Historian's visit records to Wikipedia Current Events summaries.

    python eval/visits/build.py            # writes eval/visits/gold.jsonl
    python eval/visits/build.py --unread   # prints the sampled rows not yet in reading.tsv

A fixed text rule, written before any system output was looked at and not
changed after: a summary matches a record when

* its page date lies in the record's window (start − 1 day … end + 1 day),
* it names the visitor (the full name after the title, or its last name
  token; accents and case of the first letter kept, word boundaries), and
* it names the *other* country — the United States for a foreign leader's
  visit, the visited country for a US president's or secretary's trip —
  by any alias of that country or its capital in the project's own actor
  data (``newsevents/data/actors/countries.tsv`` and ``names.tsv``), case
  sensitive, word boundaries,
* and its text is not one of the training or gold texts of
  ``eval/annotated/docs.jsonl`` or ``eval/crosslinks/docs.jsonl`` (matched on
  whitespace-normalised text, since a text can recur under another date).

The expected dyad is (visitor's country → USA) for a visit and (USA →
visited country) for a trip. Records whose country the actor data cannot
name (Hawaii, French Polynesia …) are skipped and counted.

Matched rows beyond ``SAMPLE`` are cut to a deterministic sample (lowest
sha256 of the row key). Each sampled row was read by hand and marked in
``reading.tsv`` (key, reports_meeting, reason): that reading is merged here.
Rows are split ``dev`` / ``held`` by a hash of the record id (a record's rows
stay together).

>>> name_keys("Prime Minister Robert Golob")
['Robert Golob', 'Golob']
>>> name_keys("King Abdullah II")
['Abdullah']
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
VISITS = SHARED / "corpus" / "histstate" / "visits.jsonl.gz"
TRAVELS = SHARED / "corpus" / "histstate" / "travels.jsonl.gz"
SUMMARIES = SHARED / "corpus" / "wikipedia_current_events" / "current_events.jsonl.gz"
ACTORS = ROOT / "newsevents" / "data" / "actors"
EXCLUDE = (ROOT / "eval" / "annotated" / "docs.jsonl", ROOT / "eval" / "crosslinks" / "docs.jsonl")
GOLD = HERE / "gold.jsonl"
READING = HERE / "reading.tsv"

SAMPLE = 400

# Words that open a visitor's line before the name ("Prime Minister", "Amir Sheikh",
# "Chairman of the Presidency"); the name is what follows them.
TITLE_WORDS = {
    "acting", "amir", "chairman", "chancellor", "crown", "emir", "federal", "general",
    "interim", "king", "minister", "ministere", "of", "the", "pope", "premier", "presidency",
    "president", "president-elect", "prime", "prince", "queen", "secretary", "sheik", "sheikh",
    "sultan", "taoiseach", "vice", "grand", "duke", "princess", "emperor", "governor",
}
# Trailing tokens that are not a surname.
SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "xvi"}

# Historian country spellings the actor data does not carry (name → ISO 3166-1 alpha-3).
COUNTRY_FIXES = {
    "China, People’s Republic of": "CHN", "China, People's Republic of": "CHN",
    "Germany, Federal Republic of": "DEU", "Korea, South": "KOR", "Korea, Republic of": "KOR",
    # the Historian's plain "Korea" (1950s on) is the Republic of Korea
    "Korea, North": "PRK", "Korea": "KOR", "Burma (Myanmar)": "MMR", "Burma": "MMR", "Somoa": "WSM",
    "Western Samoa": "WSM", "Slovak Republic": "SVK", "Kyrgyz Republic": "KGZ",
    "Timor Leste": "TLS", "East Timor": "TLS", "Holy See": "VAT", "Vatican City": "VAT",
    "Türkiye": "TUR", "Turkey": "TUR", "Serbia and Montenegro": "SRB",
    "Micronesia, Federated States of": "FSM", "Congo, Democratic Republic of": "COD",
    "Congo, Republic of": "COG", "Brunei Darussalam": "BRN", "Somali Republic": "SOM",
    "Cape Verde": "CPV", "Eswatini": "SWZ", "St. Lucia": "LCA", "Côte d’Ivoire": "CIV",
    "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Macedonia": "MKD",
    "North Macedonia": "MKD", "Palestinian Authority": "PSE", "Palestinian Territories": "PSE",
    "Gambia, The": "GMB", "The Gambia": "GMB", "Cote d’Ivoire": "CIV",
    "Macedonia, Former Yugoslav Republic of": "MKD", "Bahamas, The": "BHS", "Russia": "RUS", "Laos": "LAO",
}


def _fold(text: str) -> str:
    """Accents off ("Guaidó" → "Guaido"), so a summary and a record spelled apart still meet."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _norm(text: str) -> str:
    return " ".join(text.split())


def name_keys(visitor: str) -> list[str]:
    """The strings a summary must contain to name a person: full name after the title, last token.

    >>> name_keys("Amir Sheikh Tamim bin Hamad al-Thani")
    ['Tamim bin Hamad al-Thani', 'al-Thani']
    >>> name_keys("John Forbes Kerry")
    ['John Forbes Kerry', 'Kerry']
    """
    tokens = _fold(visitor).replace("MinisterHaidar", "Minister Haidar").split()
    while tokens and tokens[0].lower() in TITLE_WORDS:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in SUFFIXES:
        tokens = tokens[:-1]
    if not tokens:
        return []
    keys = [" ".join(tokens)]
    if len(tokens) > 1 and len(tokens[-1]) > 1:
        keys.append(tokens[-1])
    return keys


def country_table() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(lookup name → ISO3, ISO3 → aliases a summary may name it by) from the actor data."""
    lookup: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for name in ("countries.tsv", "names.tsv"):
        with (ACTORS / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if not row["id"].startswith(("country:", "capital:")) or not row["country"]:
                    continue
                iso = row["country"]
                names = [row["name"], *row["aliases"].split("|")]
                aliases[iso].update(_fold(n) for n in names if n)
                if row["id"].startswith("country:"):
                    for n in names:
                        lookup.setdefault(_fold(n).lower(), iso)
    return lookup, {k: sorted(v) for k, v in aliases.items()}


def iso3(name: str, lookup: dict[str, str]) -> str | None:
    """ISO3 of a Historian country name; "United Kingdom (Wales)" is the United Kingdom."""
    for candidate in (name, name.split(" (")[0]):
        if candidate in COUNTRY_FIXES:
            return COUNTRY_FIXES[candidate]
        if _fold(candidate).lower() in lookup:
            return lookup[_fold(candidate).lower()]
    return None


def pattern(strings: list[str]) -> re.Pattern | None:
    """One case-sensitive alternation with word boundaries (longest first)."""
    strings = sorted({s for s in strings if s}, key=len, reverse=True)
    if not strings:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in strings) + r")(?!\w)")


def records(lookup: dict[str, str]) -> list[dict]:
    """Every visit and trip with its id, expected dyad (None when unnamed) and window."""
    out = []
    with gzip.open(VISITS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            iso = iso3(r["from"], lookup)
            out.append({"kind": "visit", "record": r, "person": r["visitor"],
                        "source": iso, "target": "USA",
                        "record_id": f"visit|{r['start-date']}|{r['visitor']}|{r['from']}"})
    with gzip.open(TRAVELS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            iso = iso3(r["country"], lookup)
            out.append({"kind": "trip", "record": r, "person": r["name"],
                        "source": "USA", "target": iso,
                        "record_id": f"trip|{r['start-date']}|{r['name']}|{r['country']}|{r['locale']}"})
    for rec in out:
        start = date.fromisoformat(rec["record"]["start-date"])
        end = date.fromisoformat(rec["record"].get("end-date") or rec["record"]["start-date"])
        rec["window"] = [(start - timedelta(days=1)).isoformat(), (max(end, start) + timedelta(days=1)).isoformat()]
    return out


def split_of(record_id: str) -> str:
    """``dev`` or ``held``, fixed by the record id's hash (before any scoring)."""
    return "dev" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 2 == 0 else "held"


def row_key(record_id: str, text: str) -> str:
    return hashlib.sha256(f"{record_id}\n{_norm(text)}".encode()).hexdigest()[:16]


def excluded_texts() -> set[str]:
    texts = set()
    for path in EXCLUDE:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.add(_norm(json.loads(line)["text"]))
    return texts


def matches(summary: str, person_pat: re.Pattern, country_pat: re.Pattern) -> bool:
    """The text rule: the summary names the person and the other country.

    >>> p, c = pattern(name_keys("President Lee Myung-bak")), pattern(["United States", "U.S."])
    >>> matches("South Korean President Lee Myung-bak meets U.S. President Bush.", p, c)
    True
    >>> matches("Lee Myung-bak visits Japan.", p, c)
    False
    """
    folded = _fold(summary)
    return bool(person_pat.search(folded) and country_pat.search(folded))


def build() -> tuple[list[dict], dict]:
    lookup, aliases = country_table()
    recs, skipped = records(lookup), Counter()
    by_date: dict[str, list[dict]] = defaultdict(list)
    first = last = None
    with gzip.open(SUMMARIES, "rt", encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            by_date[s["date"]].append(s)
            first = min(first or s["date"], s["date"])
            last = max(last or s["date"], s["date"])
    banned = excluded_texts()
    rows, stats = [], Counter()
    for rec in recs:
        lo, hi = rec["window"]
        if hi < first or lo > last:
            continue
        stats["records_in_coverage"] += 1
        if rec["source"] is None or rec["target"] is None:
            where = rec["record"].get("from") or rec["record"].get("country")
            skipped[f"{rec['kind']} {where}"] += 1
            continue
        person = pattern(name_keys(rec["person"]))
        # the other country: the host (USA) of a visit, the visited country of a trip
        country = pattern(aliases.get(rec["target"], []))
        if person is None or country is None:
            stats["records_without_pattern"] += 1
            continue
        day, seen = date.fromisoformat(lo), set()
        while day.isoformat() <= hi:
            for s in by_date.get(day.isoformat(), ()):
                text = _norm(s["text"])
                if text in seen or not matches(text, person, country):
                    continue
                seen.add(text)
                if text in banned:
                    stats["excluded_training_or_gold"] += 1
                    continue
                rows.append({"key": row_key(rec["record_id"], text), "record_id": rec["record_id"],
                             "kind": rec["kind"], "split": split_of(rec["record_id"]),
                             "source": rec["source"], "target": rec["target"],
                             "window": rec["window"], "date": s["date"], "text": text,
                             "category": s.get("category"), "source_page": s["source_page"],
                             "record": rec["record"]})
            day += timedelta(days=1)
    stats["matched_rows"] = len(rows)
    stats["matched_records"] = len({r["record_id"] for r in rows})
    stats["skipped_records"] = sum(skipped.values())
    return rows, {**stats, "skipped": dict(skipped)}


def sample(rows: list[dict]) -> list[dict]:
    """Every row when there are at most SAMPLE, else the SAMPLE with the lowest key hash."""
    if len(rows) <= SAMPLE:
        return rows
    keep = {r["key"] for r in sorted(rows, key=lambda r: hashlib.sha256(r["key"].encode()).hexdigest())[:SAMPLE]}
    return [r for r in rows if r["key"] in keep]


def read_reading() -> dict[str, tuple[bool, str]]:
    """key → (reports_meeting, reason) from the hand-written reading.tsv."""
    out = {}
    if not READING.is_file():
        return out
    for n, line in enumerate(READING.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in ("true", "false"):
            raise ValueError(f"{READING}:{n}: expected key<TAB>true|false<TAB>reason")
        if parts[1] == "false" and (len(parts) < 3 or not parts[2].strip()):
            raise ValueError(f"{READING}:{n}: a false row needs its reason")
        out[parts[0]] = (parts[1] == "true", parts[2].strip() if len(parts) > 2 else "")
    return out


def main(argv: list[str]) -> None:
    rows, stats = build()
    chosen = sample(rows)
    reading = read_reading()
    if "--unread" in argv:
        for r in chosen:
            if r["key"] not in reading:
                who = r["record"].get("visitor") or r["record"].get("name")
                where = r["record"].get("from") or r["record"].get("country")
                print(f"{r['key']}\t{r['kind']} {who} / {where} {r['window']}\t{r['date']}\t{r['text']}")
        return
    with GOLD.open("w", encoding="utf-8") as f:
        for r in chosen:
            meeting, reason = reading.get(r["key"], (None, ""))
            f.write(json.dumps({**r, "reports_meeting": meeting, "reason": reason},
                               ensure_ascii=False, sort_keys=True) + "\n")
    print(json.dumps({**stats, "sampled_rows": len(chosen),
                      "read": sum(r["key"] in reading for r in chosen),
                      "reports_meeting_true": sum(reading.get(r["key"], (False,))[0] for r in chosen)},
                     indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

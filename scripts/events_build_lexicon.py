"""Build the event lexicon from the PETRARCH2 CAMEO verb patterns.

Reads ``CAMEO.verbpatterns.150430.txt`` and ``Phoenix.discards.txt`` (MIT,
Open Event Data Alliance) and the CAMEO→PLOVER table (CC BY-SA 4.0, OEDA)
and writes, under ``newsevents/data/events/``:

- ``verbs.tsv``     lemma, particle, cameo, plover type, mode, synset
- ``patterns.jsonl.gz`` one PETRARCH pattern per line: lemmas of its synset,
  words before/after the verb (synsets expanded), target preposition, code
- ``discards.tsv``  phrases that make a sentence uncodable (sports, films …)

The curated overlay (``overlay.tsv``) is written by hand and is not touched.

    .venv/bin/python scripts/events_build_lexicon.py [--src DIR] [--plover FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newsevents" / "data" / "events"
SRC = ROOT.parent / "shared" / "resources" / "petrarch2-dictionaries"
PLOVER = ROOT.parent / "shared" / "eval" / "plover" / "cameo2plover_2021.jsonl"
VERSION = "2015-04-30+plover-2021+2"

# PLOVER 2021 leaves out CAMEO 01 (statements) and 02 (appeals). An appeal
# is a request in PLOVER's own definition ("all requests, demands and
# orders"), so 02x follows the REQUEST modes of the matching 10x demand.
# 016 "deny responsibility" is a rejection. Other 01x codes are not events.
EXTRA_CAMEO = {
    "02": ("REQUEST", None), "020": ("REQUEST", None),
    "021": ("REQUEST", "assist"), "0211": ("REQUEST", "assist"),
    "0212": ("REQUEST", "assist"), "0213": ("REQUEST", "assist"),
    "0214": ("REQUEST", "assist"), "022": ("REQUEST", "assist"),
    "023": ("REQUEST", "assist"), "0231": ("REQUEST", "assist"),
    "0232": ("REQUEST", "assist"), "0233": ("REQUEST", "assist"),
    "0234": ("REQUEST", "assist"), "024": ("REQUEST", "change"),
    "0241": ("REQUEST", "change"), "0242": ("REQUEST", "change"),
    "0243": ("REQUEST", "change"), "0244": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"), "0251": ("REQUEST", "yield"),
    "0252": ("REQUEST", "yield"), "0253": ("REQUEST", "yield"),
    "0254": ("REQUEST", "yield"), "0255": ("REQUEST", "yield"),
    "0256": ("REQUEST", "yield"), "026": ("REQUEST", "meet"),
    "027": ("REQUEST", "meet"), "028": ("REQUEST", "meet"),
    "016": ("REJECT", None),
    # two-digit cue codes used as block defaults
    "03": ("AGREE", None), "04": ("CONSULT", None), "05": ("SUPPORT", None),
    "06": ("COOPERATE", None), "07": ("AID", None), "08": ("CONCEDE", None),
    "09": ("ACCUSE", "investigate"), "10": ("REQUEST", None),
    "11": ("ACCUSE", "disapprove"), "12": ("REJECT", None),
    "13": ("THREATEN", None), "14": ("PROTEST", None), "15": ("MOBILIZE", None),
    "16": ("SANCTION", None), "17": ("COERCE", None), "18": ("ASSAULT", None),
    "19": ("ASSAULT", None), "20": ("ASSAULT", "targeted"),
}

# Discards that are time phrases or diseases are kept out: they would drop
# real political sentences ("years ago", "Ebola response").
_DISCARD_SKIP = re.compile(r"\b(AGO|LATER|EBOLA|FLU|INFLUENZA|H5N1|CHOLERA|EPIDEMIC)\b")


# CAMEO2PLOVER's second field is sometimes a PLOVER *context* (175 "use
# violent repression": "pro_autocracy"); contexts are not modes.
_CONTEXTS = frozenset({"pro_autocracy", "pro_democracy", "military", "diplomatic", "economic",
                       "political", "humanitarian", "legal", "security", "territory"})


def load_plover(path: Path) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            mode = row["mode"] if row["mode"] not in _CONTEXTS or row["plover"] == "THREATEN" else None
            table.setdefault(row["cameo"], (row["plover"], mode))
    for code, value in EXTRA_CAMEO.items():
        table.setdefault(code, value)
    return table


def to_plover(code: str, table: dict) -> tuple[str, str | None] | None:
    """Map a CAMEO code (or its nearest parent) to (PLOVER type, mode)."""
    code = code.split(":")[0].strip()
    if not code or code.startswith("-"):
        return None
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def _code(text: str) -> str | None:
    m = re.search(r"\[([^\]]*)\]", text)
    return m.group(1).strip() if m else None


def parse_verbs(path: Path):
    """Yield synsets, verbs and patterns from the TABARI-format file."""
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    in_patterns = False
    blocks = []
    block = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current = line[1:].strip().rstrip("_")
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(line[1:].strip().lower())
            continue
        if line.startswith("---"):
            name = line.strip("- ").split("[")[0].strip()
            block = {"name": name, "code": _code(line) or "---", "verbs": [], "patterns": []}
            blocks.append(block)
        elif block is None:
            continue
        elif line.startswith("-"):
            block["patterns"].append(line[1:].strip())
        else:
            word = line.split("{")[0].split("[")[0].strip()
            if word:
                block["verbs"].append((word, _code(line.split("{")[0])))
    return synsets, blocks


def _words(token: str, synsets: dict) -> list[str] | None:
    """A pattern token as a list of lowercase alternatives (None: skip it)."""
    if token in ("+", "$", "%", "^") or not token:
        return None
    if token.startswith("&"):
        alts = synsets.get(token[1:].rstrip("_"), [])
        return [a.replace("_", " ").strip() for a in alts] or None
    return [token.lower().replace("_", " ").strip()]


def build(src: Path, plover_path: Path, out: Path) -> dict[str, int]:
    table = load_plover(plover_path)
    synsets, blocks = parse_verbs(src / "CAMEO.verbpatterns.150430.txt")
    out.mkdir(parents=True, exist_ok=True)
    verbs_rows, pattern_rows = [], []
    seen = set()
    for block in blocks:
        lemmas = []
        for word, own in block["verbs"]:
            word = word.lstrip("+").lower()
            parts = [p for p in word.split("_") if p]
            if not parts or not parts[0].isalpha():
                continue
            lemma, particle = parts[0], " ".join(parts[1:])
            lemmas.append(lemma)
            code = own or block["code"]
            mapped = to_plover(code, table)
            key = (lemma, particle)
            if key in seen:
                continue
            seen.add(key)
            typ, mode = mapped if mapped else ("-", None)
            verbs_rows.append((lemma, particle, code.split(":")[0], typ, mode or "", block["name"]))
        for pat in block["patterns"]:
            code = _code(pat)
            body = pat.split("[")[0].split()
            if "*" not in body or code is None:
                continue
            star = body.index("*")
            before = [w for w in (_words(t, synsets) for t in body[:star]) if w]
            after_tokens = body[star + 1:]
            after = [w for w in (_words(t, synsets) for t in after_tokens) if w]
            if not before and not after:
                continue
            prep = None
            if "+" in after_tokens:
                i = after_tokens.index("+")
                if i > 0 and after_tokens[i - 1].lower() in (
                        "to", "with", "against", "at", "on", "in", "for", "from", "over", "between", "into"):
                    prep = after_tokens[i - 1].lower()
            mapped = to_plover(code, table)
            typ, mode = mapped if mapped else ("-", None)
            pattern_rows.append({
                "lemmas": sorted(set(lemmas)), "before": before, "after": after,
                "target_prep": prep, "cameo": code.split(":")[0], "type": typ,
                "mode": mode, "synset": block["name"],
            })
    with (out / "verbs.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# version\t{VERSION}\n# derived from PETRARCH2 CAMEO.verbpatterns.150430.txt "
                 "(MIT, Open Event Data Alliance) and CAMEO2PLOVER-2021 (CC BY-SA 4.0)\n")
        fh.write("lemma\tparticle\tcameo\ttype\tmode\tsynset\n")
        for row in sorted(verbs_rows):
            fh.write("\t".join(row) + "\n")
    # mtime=0 keeps the gzip bytes identical between runs
    with gzip.GzipFile(out / "patterns.jsonl.gz", "wb", mtime=0) as raw, \
            __import__("io").TextIOWrapper(raw, encoding="utf-8") as fh:
        for row in pattern_rows:
            fh.write(json.dumps(row, sort_keys=True) + "\n")
    discards = []
    for raw in (src / "Phoenix.discards.txt").read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.isdigit() or _DISCARD_SKIP.search(line.upper()):
            continue
        scope = "story" if line.startswith("+") else "sentence"
        phrase = " ".join(line.lstrip("+").replace("_", " ").split()).lower()
        if len(phrase) > 2:
            discards.append((phrase, scope, "petrarch2"))
    with (out / "discards.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# version\t{VERSION}\n# derived from PETRARCH2 Phoenix.discards.txt (MIT, OEDA)\n")
        fh.write("phrase\tscope\tsource\n")
        for row in sorted(set(discards)):
            fh.write("\t".join(row) + "\n")
    return {"verbs": len(verbs_rows), "patterns": len(pattern_rows), "discards": len(set(discards))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--plover", type=Path, default=PLOVER)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    print(build(args.src, args.plover, args.out))


if __name__ == "__main__":
    main()

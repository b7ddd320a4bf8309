"""Reading packets for the session-12 re-reading of confirmations (GUIDELINES R4).

    python eval/annotated/confirm12/packets.py OUTDIR

The documents: every train and test document of the gold whose text has a
confirmation cue word (``CUE``, a fixed list written with R4; a text filter,
no model). They are dealt in the order of a hash of their id into two halves;
coders K1 and K2 both read half A, K3 and K4 both read half B, so every
document is coded twice, independently. A packet gives each document's id,
date, title, its claims as the gold has them (C lines, so that a
confirmation can name the claim it confirms) and its text; nothing else (not
the gold's responses, not the system's output).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANN = HERE.parent
sys.path.insert(0, str(ANN))

from claims10.compare import lines  # noqa: E402  (the markup of a record's C and R lines)

CUE = re.compile(r"\b(confirm\w*|acknowledg\w*|admit\w*|admission\w*|conced\w*|concession\w*|verif\w*|"
                 r"corroborat\w*|confess\w*|plead\w* guilty|pled guilty)\b", re.I)
PAIRS = {"A": ("K1", "K2"), "B": ("K3", "K4")}


def documents(gold: list[dict], docs: dict[str, dict]) -> list[str]:
    """Train and test documents whose text has a confirmation cue, in hash order."""
    ids = [g["doc_id"] for g in gold if g["split"] in ("train", "test") and CUE.search(docs[g["doc_id"]]["text"])]
    return sorted(ids, key=lambda d: hashlib.sha1(d.encode("utf-8")).hexdigest())


def halves(ids: list[str]) -> dict[str, list[str]]:
    return {"A": ids[0::2], "B": ids[1::2]}


def claim_lines(rec: dict, text: str) -> list[str]:
    """A record's claims as the C lines of the markup (given to the coders and the adjudicator)."""
    return lines({"claims": rec["claims"], "responses": []}, text)


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    gold = [json.loads(line) for line in (ANN / "gold.jsonl").open(encoding="utf-8")]
    docs = {d["doc_id"]: d for d in map(json.loads, (ANN / "docs.jsonl").open(encoding="utf-8"))}
    by_id = {g["doc_id"]: g for g in gold}
    for half, ids in halves(documents(gold, docs)).items():
        for coder in PAIRS[half]:
            with (outdir / f"{coder}.packet.txt").open("w", encoding="utf-8") as fh:
                for doc_id in ids:
                    d = docs[doc_id]
                    fh.write(f"=== {doc_id} | {d.get('published', '')[:10]} | {d.get('title') or ''}\n")
                    fh.write("--- claims (given; copy these C lines unchanged)\n")
                    fh.write("".join(line + "\n" for line in claim_lines(by_id[doc_id], d["text"])))
                    fh.write("--- text\n" + d["text"].rstrip() + "\n\n")
        print(f"half {half} ({'+'.join(PAIRS[half])}): {len(ids)} documents, "
              f"{sum(len(docs[i]['text']) for i in ids)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

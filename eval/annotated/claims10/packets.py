"""Reading packets for the session-10 second coding of claims and responses.

    python eval/annotated/claims10/packets.py OUTDIR

Writes one plain-text packet per coder: each document's id, title, date and
text, nothing else (no coding, no system output). Coders S1-S3 share the
whole test split (every test document, so the second coding covers it
uniformly); coders S4-S6 share the train documents listed in
``train_selected.txt`` (the audit); coders S7-S12 share ``train_cues.txt``,
every other train document whose text has a claim or response cue word
(``CUE``, a fixed list; no model involved). Documents are dealt round-robin in the order of a hash
of their id, so each packet is a fixed, reproducible slice.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANN = HERE.parent


# claim vocabulary (GUIDELINES C1), denial and confirmation verbs (R1), attribution
CUE = re.compile(r"\b(accus\w*|alleg\w*|claim\w*|blam\w*|report\w*|suspect\w*|purport\w*|believed|"
                 r"deni\w*|deny\w*|reject\w*|dismiss\w*|refut\w*|confirm\w*|admit\w*|acknowledg\w*|"
                 r"according to|sources?)\b", re.I)


def cue_documents(gold: list[dict], docs: dict[str, dict], exclude: set[str]) -> list[str]:
    """Train documents outside ``exclude`` whose text has a cue word, in gold order."""
    return [g["doc_id"] for g in gold if g["split"] == "train" and g["doc_id"] not in exclude
            and CUE.search(docs[g["doc_id"]]["text"])]


def _order(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()


def deal(ids: list[str], coders: list[str]) -> dict[str, list[str]]:
    ids = sorted(ids, key=_order)
    return {c: ids[k::len(coders)] for k, c in enumerate(coders)}


def packets() -> dict[str, list[str]]:
    gold = [json.loads(line) for line in (ANN / "gold.jsonl").open(encoding="utf-8")]
    test = [g["doc_id"] for g in gold if g["split"] == "test"]
    train = (HERE / "train_selected.txt").read_text(encoding="utf-8").split()
    out = deal(test, ["S1", "S2", "S3"])
    out.update(deal(train, ["S4", "S5", "S6"]))
    cues = (HERE / "train_cues.txt").read_text(encoding="utf-8").split()
    out.update(deal(cues, ["S7", "S8", "S9", "S10", "S11", "S12"]))
    return out


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    docs = {d["doc_id"]: d for d in map(json.loads, (ANN / "docs.jsonl").open(encoding="utf-8"))}
    for coder, ids in packets().items():
        with (outdir / f"{coder}.packet.txt").open("w", encoding="utf-8") as fh:
            for doc_id in ids:
                d = docs[doc_id]
                fh.write(f"=== {doc_id} | {d.get('published', '')[:10]} | {d.get('title') or ''}\n")
                fh.write(d["text"].rstrip() + "\n\n")
        print(f"{coder}: {len(ids)} documents, {sum(len(docs[i]['text']) for i in ids)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

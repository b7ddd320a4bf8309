"""Reading packets for the session-10 second coding of claims and responses.

    python eval/annotated/claims10/packets.py OUTDIR

Writes one plain-text packet per coder: each document's id, title, date and
text, nothing else (no coding, no system output). Coders S1-S3 share the
whole test split (every test document, so the second coding covers it
uniformly); coders S4-S6 share the train documents listed in
``train_selected.txt``. Documents are dealt round-robin in the order of a hash
of their id, so each packet is a fixed, reproducible slice.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANN = HERE.parent


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

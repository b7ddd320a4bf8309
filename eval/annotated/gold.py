"""Build the gold set: one record per document, with its split.

    python eval/annotated/gold.py            # writes eval/annotated/gold.jsonl

Every markup file under ``batches/`` goes through ``build.py`` (which validates
it). A document coded twice takes the adjudicated coding
(``batches/ADJ.*.txt``, annotator ``ADJ``) when there is one, else its
first coding. Where the session-10 second coding of claims and responses
(``claims10/``) disagreed with that coding, the adjudicated claims and
responses (``claims10/ADJC.*.txt``) replace the document's (its events stay);
``claims_coding`` then says ``adjudicated``. In every document of the
session-12 re-reading of confirmations (``confirm12/``, GUIDELINES R4), the
confirmations become that pass's (denials, claims and events stay; each
carries ``confirm_coding: "r4"``). Each record gains ``split`` (train/test, fixed by sample.py
before annotation; ``excluded`` for a train document whose text is also a
test document's), ``pass``, ``kind``, ``corpus``, ``published`` and
``credit`` from docs.jsonl / split.tsv.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _split(drawn: str, text: str, test_texts: set[str]) -> str:
    """The split as drawn, except a train document whose text is also a test document's.

    The Current Events dump holds some summaries twice under different dates;
    such a train copy becomes ``excluded`` (neither trained on nor scored), so
    no training script can learn the text of a test document.
    """
    if drawn == "train" and _norm(text) in test_texts:
        return "excluded"
    return drawn


def claims_overlay() -> dict[str, dict]:
    """doc_id -> the adjudicated claims and responses of the session-10 pass (claims10/ADJC.*.txt)."""
    files = sorted((HERE / "claims10").glob("ADJC.*.txt"))
    if not files:
        return {}
    recs = build.records(files)
    if recs is None:
        raise SystemExit("gold: the claims adjudication has errors (see above); nothing written")
    return {r["doc_id"]: r for r in recs}


def confirmations_overlay() -> dict[str, list[dict]]:
    """doc_id -> the final confirmations of the session-12 pass (confirm12/), {} before it."""
    from confirm12.compare import overlay
    return overlay()


def build_gold(overlay: bool = True) -> list[dict] | None:
    """The gold records in docs.jsonl order; with ``overlay=False`` the coding of
    ``batches/`` alone (the first coding of claims and responses, before claims10/
    and confirm12/). None when the markup has errors (printed)."""
    files = sorted((HERE / "batches").glob("*.txt"))
    records = build.records(files)
    if records is None:
        return None
    docs = build.load_docs()
    split = {r["doc_id"]: r for r in csv.DictReader((HERE / "split.tsv").open(encoding="utf-8"),
                                                  delimiter="\t")}
    chosen: dict[str, dict] = {}
    rank = {"ADJ": 0, "first": 1, "second": 2}
    for rec in records:
        key = "ADJ" if rec["annotator"] == "ADJ" else rec.get("coding", "first")
        have = chosen.get(rec["doc_id"])
        if have is None or rank[key] < have[0]:
            chosen[rec["doc_id"]] = (rank[key], rec)
    adjudicated = claims_overlay() if overlay else {}
    confirmations = confirmations_overlay() if overlay else {}
    test_texts = {_norm(docs[d]["text"]) for d in chosen if split[d]["split"] == "test"}
    out_records = []
    for doc_id in (d for d in docs if d in chosen):
        rec = dict(chosen[doc_id][1])
        if doc_id in adjudicated:
            rec.update(claims=adjudicated[doc_id]["claims"], responses=adjudicated[doc_id]["responses"],
                       claims_coding="adjudicated")
        if doc_id in confirmations:
            kept = [r for r in rec["responses"] if r["kind"] != "confirmation"]
            new = [dict(r, confirm_coding="r4") for r in confirmations[doc_id]]
            rec["responses"] = sorted(kept + new, key=lambda r: r["start"])
        meta, row = docs[doc_id], split[doc_id]
        rec.update({"split": _split(row["split"], meta["text"], test_texts), "pass": int(row["pass"]), "kind": row["kind"],
                    "corpus": meta["corpus"], "published": meta["published"],
                    "credit": meta["credit"]})
        out_records.append(rec)
    return out_records


def main() -> int:
    records = build_gold()
    if records is None:
        print("gold: the markup has errors (see above); nothing written", file=sys.stderr)
        return 1
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"gold.jsonl: {len(records)} documents, {sum(len(r['events']) for r in records)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())

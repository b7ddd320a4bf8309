"""Compare the session-10 second coding of claims and responses with the first.

    python eval/annotated/claims10/compare.py                 # agreement figures
    python eval/annotated/claims10/compare.py --packets DIR   # + adjudication packets

The first coding is the document's coding built from ``batches/`` alone
(``gold.build_gold(overlay=False)``: gold.jsonl as it stood before this
pass); the second is ``S1.txt`` … ``S12.txt`` here.
Claims and responses are matched one-to-one by character overlap, as
``agreement.py`` does. A document *disagrees* when either coding has an item
the other lacks, or a matched response's kind differs; those documents go to
adjudication, with the two codings shown as X and Y in an order fixed by a
hash of the doc id (the adjudicator is not told which coding came first).
Documents already adjudicated (in ``ADJC.*.txt``) get no packet again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANN = HERE.parent
sys.path.insert(0, str(ANN))

import build  # noqa: E402
import gold as gold_py  # noqa: E402
from agreement import overlap_pairs as matches  # noqa: E402

SECOND = ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12")


def second_codings(paths: list[Path] | None = None) -> dict[str, dict]:
    paths = paths if paths is not None else [HERE / f"{s}.txt" for s in SECOND if (HERE / f"{s}.txt").is_file()]
    recs = build.records(paths)
    if recs is None:
        raise SystemExit("compare: the second coding has errors (see above)")
    return {r["doc_id"]: r for r in recs}


def disagrees(a: dict, b: dict) -> bool:
    for item in ("claims", "responses"):
        pairs = matches(a[item], b[item])
        if len(pairs) != len(a[item]) or len(pairs) != len(b[item]):
            return True
    return any(a["responses"][i]["kind"] != b["responses"][j]["kind"]
               for i, j in matches(a["responses"], b["responses"]))


def _k(text: str, span: str, start: int) -> str:
    n = text.count(span)
    if n <= 1:
        return ""
    return f" :: @{text[:start].count(span) + 1}"


def _names(names: list[str]) -> str:
    return "|".join(names) or "-"


def lines(rec: dict, text: str) -> list[str]:
    out = []
    for c in rec["claims"]:
        acc = " ; ".join(_names(g) for g in c["accused"]) or "-"
        out.append(f"C {c['cid']} :: {_names(c['claimant'])} :: {acc} :: {c['cue']} :: {c['content']}"
                   + _k(text, c["content"], c["start"]))
    for r in rec["responses"]:
        out.append(f"R {_names(r['responder'])} :: {r['kind']} :: {r['cue']} :: {r['text']} :: {r['claim'] or '?'}"
                   + _k(text, r["text"], r["start"]))
    return out


def agreement(pairs: list[tuple[dict, dict]]) -> dict:
    out = {"documents": len(pairs)}
    for item in ("claims", "responses"):
        a = sum(len(x[item]) for x, _ in pairs)
        b = sum(len(y[item]) for _, y in pairs)
        both = sum(len(matches(x[item], y[item])) for x, y in pairs)
        p, r = (both / b if b else 1.0), (both / a if a else 1.0)
        out[item] = {"first": a, "second": b, "both": both, "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packets", default="", help="write the adjudication packets to this directory")
    args = ap.parse_args(argv)
    gold = {g["doc_id"]: g for g in gold_py.build_gold(overlay=False)}
    done = set(gold_py.claims_overlay())
    docs = build.load_docs()
    second = second_codings()
    report = {}
    audit = set((HERE / "train_selected.txt").read_text(encoding="utf-8").split())

    def group(d: str) -> str:
        return "test" if gold[d]["split"] == "test" else "train_audit" if d in audit else "train_cues"

    for name in ("test", "train_audit", "train_cues"):
        pairs = [(gold[d], s) for d, s in second.items() if group(d) == name]
        report[name] = agreement(pairs)
        report[name]["disagreeing_documents"] = sum(disagrees(a, b) for a, b in pairs)
    print(json.dumps(report, indent=1))
    if args.packets:
        outdir = Path(args.packets)
        outdir.mkdir(parents=True, exist_ok=True)
        for split in ("test", "train"):
            n = 0
            with (outdir / f"ADJ-{split}.packet.txt").open("w", encoding="utf-8") as fh:
                for d in sorted(second, key=lambda d: hashlib.sha1(d.encode()).hexdigest()):
                    a, b = gold[d], second[d]
                    if a["split"] != split or d in done or not disagrees(a, b):
                        continue
                    n += 1
                    text = docs[d]["text"]
                    x, y = (a, b) if int(hashlib.sha1(("xy" + d).encode()).hexdigest(), 16) % 2 else (b, a)
                    fh.write(f"=== {d} | {docs[d].get('published', '')[:10]} | {docs[d].get('title') or ''}\n")
                    fh.write(text.rstrip() + "\n")
                    fh.write("--- coding X\n" + "".join(line + "\n" for line in lines(x, text)))
                    fh.write("--- coding Y\n" + "".join(line + "\n" for line in lines(y, text)) + "\n")
            print(f"ADJ-{split}: {n} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())

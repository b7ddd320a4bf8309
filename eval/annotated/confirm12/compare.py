"""Agreement of the two codings of confirmations (session 12), adjudication packets, the overlay.

    python eval/annotated/confirm12/compare.py                 # agreement figures
    python eval/annotated/confirm12/compare.py --packets DIR   # + the adjudication packet

K1 and K2 coded half A, K3 and K4 half B (``packets.py``), confirmations
only (GUIDELINES R4), each copying the document's given C lines. Their
confirmations are matched one-to-one by character overlap, as
``agreement.py`` does. A document *disagrees* when one coding has a
confirmation the other lacks; it goes to adjudication with the two codings
shown as X and Y in an order fixed by a hash of the doc id. ``overlay()``
gives each document's final confirmations: the adjudicated ones
(``KADJ.txt``) where the codings disagreed, else the first coding's (K1 or
K3), which the second matches item for item.
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
from agreement import overlap_pairs as matches  # noqa: E402
from claims10.compare import lines  # noqa: E402
from confirm12.packets import claim_lines  # noqa: E402

PAIRS = {"A": ("K1", "K2"), "B": ("K3", "K4")}


def codings(coder: str, folder: Path = HERE) -> dict[str, dict]:
    """doc_id -> one coder's record (its responses: confirmations only)."""
    recs = build.records([folder / f"{coder}.txt"])
    if recs is None:
        raise SystemExit(f"confirm12: {coder}.txt has errors (see above)")
    for r in recs:
        r["responses"] = [x for x in r["responses"] if x["kind"] == "confirmation"]
    return {r["doc_id"]: r for r in recs}


def disagrees(a: dict, b: dict) -> bool:
    pairs = matches(a["responses"], b["responses"])
    return len(pairs) != len(a["responses"]) or len(pairs) != len(b["responses"])


def agreement(pairs: list[tuple[dict, dict]]) -> dict:
    a = sum(len(x["responses"]) for x, _ in pairs)
    b = sum(len(y["responses"]) for _, y in pairs)
    both = sum(len(matches(x["responses"], y["responses"])) for x, y in pairs)
    p, r = (both / b if b else 1.0), (both / a if a else 1.0)
    return {"documents": len(pairs), "first": a, "second": b, "both": both,
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "disagreeing_documents": sum(disagrees(x, y) for x, y in pairs)}


def overlay(folder: Path = HERE) -> dict[str, list[dict]]:
    """doc_id -> the final confirmations of every document of the pass ({} before it exists)."""
    if not all((folder / f"{c}.txt").is_file() for pair in PAIRS.values() for c in pair):
        return {}
    adj = codings("KADJ", folder) if (folder / "KADJ.txt").is_file() else {}
    out = {}
    for first, second in PAIRS.values():
        x, y = codings(first, folder), codings(second, folder)
        for doc_id, a in x.items():
            if doc_id in adj:
                out[doc_id] = adj[doc_id]["responses"]
            elif disagrees(a, y[doc_id]):
                raise SystemExit(f"confirm12: {doc_id} has two codings that disagree and no adjudication")
            else:
                out[doc_id] = a["responses"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packets", default="", help="write the adjudication packet to this directory")
    ap.add_argument("--folder", default=str(HERE), help="where K1.txt … K4.txt are")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    gold = {g["doc_id"]: g for g in map(json.loads, (ANN / "gold.jsonl").open(encoding="utf-8"))}
    docs = build.load_docs()
    report, disagreeing, every = {}, [], []
    for half, (first, second) in PAIRS.items():
        x, y = codings(first, folder), codings(second, folder)
        if set(x) != set(y):
            raise SystemExit(f"confirm12: {first} and {second} coded different documents")
        for d in x:
            for rec in (x[d], y[d]):
                if [c["content"] for c in rec["claims"]] != [c["content"] for c in gold[d]["claims"]]:
                    print(f"warning: {d}: the C lines differ from the given ones", file=sys.stderr)
        for split in ("train", "test"):
            pairs = [(x[d], y[d]) for d in x if gold[d]["split"] == split]
            report[f"{half}_{split}"] = agreement(pairs)
        report[half] = agreement([(x[d], y[d]) for d in x])
        every += [(x[d], y[d]) for d in x]
        disagreeing += [(d, x[d], y[d]) for d in x if disagrees(x[d], y[d])]
    report["all"] = agreement(every)
    print(json.dumps(report, indent=1))
    if args.packets:
        outdir = Path(args.packets)
        outdir.mkdir(parents=True, exist_ok=True)
        with (outdir / "KADJ.packet.txt").open("w", encoding="utf-8") as fh:
            for d, a, b in sorted(disagreeing, key=lambda t: hashlib.sha1(t[0].encode()).hexdigest()):
                text = docs[d]["text"]
                x, y = (a, b) if int(hashlib.sha1(("xy" + d).encode()).hexdigest(), 16) % 2 else (b, a)
                fh.write(f"=== {d} | {docs[d].get('published', '')[:10]} | {docs[d].get('title') or ''}\n")
                fh.write("--- claims (given; copy these C lines unchanged)\n")
                fh.write("".join(line + "\n" for line in claim_lines(gold[d], text)))
                fh.write("--- text\n" + text.rstrip() + "\n")
                for name, rec in (("X", x), ("Y", y)):
                    fh.write(f"--- coding {name}\n" + "".join(
                        line + "\n" for line in lines({"claims": [], "responses": rec["responses"]}, text)))
                fh.write("\n")
        print(f"KADJ: {len(disagreeing)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())

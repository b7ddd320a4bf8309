"""Turn a hand-written annotation file into gold.jsonl records with offsets.

The annotation file (eval/quotes/annotations_2.txt) is what the annotator
typed while reading each story; this script only finds each content string in
the story text and records its offsets, so a typo fails loudly instead of
producing a wrong span.

Format, one item per line (fields separated by ' :: '; '#' starts a comment line):

    @ <story id>
    Q <speaker|alias...> :: <cue or -> :: D|I :: <content> [:: @k]
    C <cid> :: <claimant|alias...> :: <accused a1|a2 ; b1> :: <cue> :: <content> [:: @k]
    R <responder|alias...> :: denial|confirmation :: <cue> :: <text> :: <cid> [:: @k]

``@k`` picks the k-th occurrence (1-based) when the string occurs more than once.

Usage: python eval/quotes/build_gold.py eval/quotes/annotations_2.txt >> eval/quotes/gold.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from markup import MarkupError, locate, occurrence  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def _locate(text: str, needle: str, k: int | None, where: str) -> int:
    try:
        return locate(text, needle, k)
    except MarkupError as e:
        raise SystemExit(f"{where}: {e}") from None


def build(path: Path) -> list[dict]:
    stories = {json.loads(x)["id"]: json.loads(x) for x in CORPUS.open(encoding="utf-8")}
    out: list[dict] = []
    cur: dict | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        where = f"{path.name}:{n}"
        tag, rest = line[0], line[2:]
        if tag == "@":
            sid = rest.strip()
            cur = {"id": sid, "published": stories[sid]["published"][:10],
                   "quotes": [], "claims": [], "responses": []}
            out.append(cur)
            continue
        assert cur is not None, f"{where}: item before any '@ id' line"
        text = stories[cur["id"]]["text"]
        fields, k = occurrence([f.strip() for f in rest.split(" :: ")])
        if tag == "Q":
            speaker, cue, flag, content = fields
            s = _locate(text, content, k, where)
            cur["quotes"].append({"speaker": speaker.split("|"), "cue": None if cue == "-" else cue,
                                  "start": s, "end": s + len(content), "text": content,
                                  "direct": flag == "D"})
        elif tag == "C":
            cid, claimant, accused, cue, content = fields
            s = _locate(text, content, k, where)
            cur["claims"].append({
                "id": cid, "claimant": [x for x in claimant.split("|") if x and x != "-"],
                "accused": [g.strip().split("|") for g in accused.split(";") if g.strip() and g.strip() != "-"],
                "cue": cue, "start": s, "end": s + len(content), "text": content})
        elif tag == "R":
            responder, kind, cue, rtext, cid = fields
            s = _locate(text, rtext, k, where)
            assert kind in ("denial", "confirmation"), where
            cur["responses"].append({"responder": responder.split("|"), "kind": kind, "cue": cue,
                                     "start": s, "end": s + len(rtext), "text": rtext, "claim": cid})
        else:
            raise SystemExit(f"{where}: unknown line tag {tag!r}")
    for g in out:
        ids = {c["id"] for c in g["claims"]}
        for r in g["responses"]:
            assert r["claim"] in ids, f"{g['id']}: response to unknown claim {r['claim']}"
    return out


if __name__ == "__main__":
    for rec in build(Path(sys.argv[1])):
        print(json.dumps(rec, ensure_ascii=False))

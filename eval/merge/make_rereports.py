"""Build the merge test set: VOA stories plus deliberately re-reported copies.

    .venv/bin/python eval/merge/make_rereports.py   # writes eval/merge/testset.jsonl

Every third story (sorted by id) gets three re-reports:
- ``rewrite``: a rewritten headline, its 3-sentence paragraphs re-ordered
  (lead kept first, the rest reversed), published a day later;
- ``wire``: the same text on another site with a trailing credit line;
- ``followup``: the first half of the story only, published two days later.
Each article records its sentences' character offsets and, for copies, the
index of the original sentence each came from — the known true grouping.
VOA stories are US government works (public domain), credit Voice of America.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
OUT = Path(__file__).resolve().parent / "testset.jsonl"
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s]


def assemble(parts: list[tuple[str, int | None]], sep_every: int = 0) -> tuple[str, list]:
    """Join (sentence, original index) pairs; returns text and [start, end, orig] rows."""
    text, rows = "", []
    for i, (s, orig) in enumerate(parts):
        if text:
            text += "\n\n" if sep_every and i % sep_every == 0 else " "
        rows.append([len(text), len(text) + len(s), orig])
        text += s
    return text, rows


def main() -> None:
    stories = sorted((json.loads(line) for line in CORPUS.open(encoding="utf-8")),
                     key=lambda r: r["id"])
    out = []
    for n, st in enumerate(stories):
        sents = sentences(st["text"])
        pub = datetime.strptime(st["published"][:10], "%Y-%m-%d").date()
        text, rows = assemble([(s, i) for i, s in enumerate(sents)])
        base = {"family": st["id"], "url": st["url"]}
        out.append({**base, "id": st["id"], "variant": "original", "title": st["title"],
                    "published": pub.isoformat(), "text": text, "sentences": rows})
        if n % 3:
            continue
        paras = [list(range(i, min(i + 3, len(sents)))) for i in range(0, len(sents), 3)]
        order = [i for p in paras[:1] + paras[1:][::-1] for i in p]
        text, rows = assemble([(sents[i], i) for i in order], sep_every=3)
        title = st["title"]
        out.append({**base, "id": st["id"] + "-rewrite", "variant": "rewrite",
                    "title": f"What we know: {title[0].lower()}{title[1:]}",
                    "url": st["url"].replace("voanews.com", "example-news.com"),
                    "published": (pub + timedelta(days=1)).isoformat(), "text": text,
                    "sentences": rows})
        text, rows = assemble([(s, i) for i, s in enumerate(sents)]
                              + [("Some information for this report came from The Associated "
                                  "Press and Reuters.", None)])
        out.append({**base, "id": st["id"] + "-wire", "variant": "wire", "title": title,
                    "url": st["url"].replace("voanews.com", "wire.example.org"),
                    "published": pub.isoformat(), "text": text, "sentences": rows})
        half = sents[:max(2, len(sents) // 2)]
        text, rows = assemble([(s, i) for i, s in enumerate(half)])
        out.append({**base, "id": st["id"] + "-followup", "variant": "followup",
                    "title": f"{title} (follow-up)",
                    "url": st["url"].replace(".html", "-followup.html"),
                    "published": (pub + timedelta(days=2)).isoformat(), "text": text,
                    "sentences": rows})
    with OUT.open("w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} articles ({len(stories)} originals) to {OUT}")


if __name__ == "__main__":
    main()

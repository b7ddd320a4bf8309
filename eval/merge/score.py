"""Merge quality on VOA stories and their deliberate re-reports (README.md).

``run()`` codes every article of testset.jsonl with the stand-in coder
(surrogate.py), writes them to an in-memory store in batches and scores the
merged events against the known true groupings:

- ``pair_recall``: of the pairs of mentions in different articles that report
  the same sentence of the same story with the same coding (the true
  same-event pairs by construction), the share merged into one event;
- ``pair_precision``: of the pairs of mentions in different articles that the
  store merged, the share from the same story family (merges across
  different VOA stories count as wrong — a conservative lower bound);
- ``rereport_recall``: the share of re-report mentions that joined the event
  of their original instead of adding a new one;
- ``wire_link_recall``/``wire_link_precision``: wire copies linked to their
  original through ``articles.near_duplicate_of``, and links that stay
  within the story family;
- ``reingest_identical``: 1.0 when writing everything a second time leaves
  the store unchanged.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import surrogate

from newsevents.models import Article
from newsevents.store import Store


def load() -> list[dict]:
    return [json.loads(line) for line in (HERE / "testset.jsonl").open(encoding="utf-8")]


def coded_articles(items: list[dict]):
    out = []
    for it in items:
        art = Article(id=hashlib.sha256(it["text"].encode()).hexdigest(), text=it["text"],
                      title=it["title"], published=date.fromisoformat(it["published"]),
                      url=it["url"], source=it["id"])
        out.append(surrogate.code(art))
    return out


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def run(batch: int = 16) -> dict[str, float]:
    items = load()
    coded = coded_articles(items)
    meta = {c.article.id: it for c, it in zip(coded, items)}
    with Store(":memory:") as store:
        for i in range(0, len(coded), batch):
            store.write_batch(coded[i:i + batch])
        digest = store.content_digest()
        for i in range(0, len(coded), batch):
            store.write_batch(coded[i:i + batch])
        reingest = 1.0 if store.content_digest() == digest else 0.0
        rows = store.con.execute(
            "SELECT m.article_id, m.id, m.event_id, m.sentence, m.type, m.source_code, "
            "m.target_code, a.near_duplicate_of FROM event_mentions m "
            "JOIN articles a ON a.id = m.article_id").fetchall()
        links = dict(store.con.execute("SELECT id, near_duplicate_of FROM articles").fetchall())
        n_events = store.counts()["events"]
    # true identity of a mention: story family + the sentence + its coding
    ident = {}
    for aid, mid, _eid, sent, typ, src, tgt, _nd in rows:
        ident[(aid, mid)] = (meta[aid]["family"], " ".join(sent.split()), typ, src, tgt)
    event_of = {(aid, mid): eid for aid, mid, eid, *_ in rows}
    # pairwise precision over merged cross-article pairs
    by_event = defaultdict(list)
    for key, eid in event_of.items():
        by_event[eid].append(key)
    merged = same_family = 0
    for members in by_event.values():
        per_article = Counter(aid for aid, _ in members)
        per_family = Counter(meta[aid]["family"] for aid, _ in members)
        fam_art = Counter((meta[aid]["family"], aid) for aid, _ in members)
        merged += _pairs(len(members)) - sum(_pairs(k) for k in per_article.values())
        same_family += sum(_pairs(k) for k in per_family.values()) - sum(
            _pairs(k) for k in fam_art.values())
    # pairwise recall over true cross-article pairs
    by_ident = defaultdict(list)
    for key, idt in ident.items():
        by_ident[idt].append(key)
    true_pairs = found = 0
    for members in by_ident.values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if members[i][0] != members[j][0]:
                    true_pairs += 1
                    found += event_of[members[i]] == event_of[members[j]]
    # re-report mentions that joined their original's event
    orig_event = {}
    for key, idt in ident.items():
        if meta[key[0]]["variant"] == "original":
            orig_event.setdefault(idt, set()).add(event_of[key])
    re_total = re_joined = 0
    for key, idt in ident.items():
        if meta[key[0]]["variant"] != "original" and idt in orig_event:
            re_total += 1
            re_joined += event_of[key] in orig_event[idt]
    family_root = {aid: it["family"] for aid, it in meta.items()}
    wires = [aid for aid, it in meta.items() if it["variant"] == "wire"]
    wire_linked = sum(1 for aid in wires if links.get(aid) and
                      family_root[links[aid]] == family_root[aid])
    all_links = [(aid, t) for aid, t in links.items() if t]
    good_links = sum(1 for aid, t in all_links if family_root[t] == family_root[aid])
    return {
        "pair_precision": same_family / merged if merged else 1.0,
        "pair_recall": found / true_pairs if true_pairs else 1.0,
        "rereport_recall": re_joined / re_total if re_total else 1.0,
        "wire_link_recall": wire_linked / len(wires) if wires else 1.0,
        "wire_link_precision": good_links / len(all_links) if all_links else 1.0,
        "reingest_identical": reingest,
        "articles": len(items),
        "mentions": len(rows),
        "events": n_events,
        "true_pairs": true_pairs,
        "merged_pairs": merged,
        "cross_story_pairs": merged - same_family,
    }


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:24s} {v}")

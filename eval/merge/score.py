"""Merge quality on VOA stories and their deliberate re-reports (README.md).

``run()`` measures the store's duplicate merging twice on testset.jsonl, each
time writing every article to an in-memory store in batches of 16 and scoring
the merged events against the true groupings known by construction:

- with the stand-in coder (surrogate.py), which codes an original and its
  copies identically, so misses are the merge rule's own (unprefixed metrics);
- with the real pipeline (``newsevents.coding.code_articles``: actors,
  dates, places, quotes, events), so misses also show where the coder reads
  a copy differently from its original (``real_`` metrics).

Metrics:

- ``pair_recall``: of the pairs of mentions in different articles that are
  the same real-world event by construction, the share merged into one event;
- ``pair_precision``: of the pairs of mentions in different articles that the
  store merged, the share from the same story family (merges across
  different VOA stories count as wrong — a conservative lower bound);
- ``rereport_recall``: the share of re-report mentions that joined the event
  of their original instead of adding a new one;
- ``wire_link_recall``/``wire_link_precision``: wire copies linked to their
  original through ``articles.near_duplicate_of``, and links that stay
  within the story family (surrogate run);
- ``reingest_identical``: 1.0 when writing everything a second time leaves
  the store unchanged (surrogate run).

Same event by construction: surrogate mentions with the same story family,
sentence text and coding; real mentions with the same story family, the same
original sentence (a copy's sentence is mapped to the original sentence it
came from, a mention to its sentence by its span) and the same type, source
code and target code — an actor without a code is told apart by its name (or
its text), so two different uncoded actors in one sentence are two events.
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

# The last two columns name each side's actor: its code, else its name, else its text.
_ROWS = ("SELECT m.article_id, m.id, m.event_id, m.sentence, m.type, m.source_code, "
         "m.target_code, m.span_start, m.span_end, "
         + ", ".join(f"coalesce(m.{s}_code, 'name:' || lower(m.{s}_name), "
                     f"'text:' || lower(m.{s}_text))" for s in ("source", "target"))
         + " FROM event_mentions m")


def load() -> list[dict]:
    return [json.loads(line) for line in (HERE / "testset.jsonl").open(encoding="utf-8")]


def articles(items: list[dict]) -> list[Article]:
    """Test items as Articles, id = sha256 of the text as the clean stage makes it."""
    return [Article(id=hashlib.sha256(it["text"].encode("utf-8")).hexdigest(), text=it["text"],
                    title=it["title"], published=date.fromisoformat(it["published"]),
                    url=it["url"], source=it["id"])
            for it in items]


def coded_articles(items: list[dict]):
    return [surrogate.code(art) for art in articles(items)]


def real_coded(items: list[dict]):
    """Code the test articles with the product's NLP stages (loads spaCy)."""
    from newsevents.coding import code_articles
    from newsevents.settings import load_settings

    return code_articles(articles(items), load_settings(workers=1))


def original_sentence(item: dict, start: int, end: int) -> int | None:
    """Index of the original sentence the span [start, end) overlaps most, or None.

    >>> original_sentence({"sentences": [[0, 10, 4], [11, 30, 2]]}, 12, 30)
    2
    """
    best, best_overlap = None, 0
    for s, e, orig in item["sentences"]:
        overlap = min(end, e) - max(start, s)
        if overlap > best_overlap:
            best, best_overlap = orig, overlap
    return best


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def write(store: Store, coded: list, batch: int) -> None:
    for i in range(0, len(coded), batch):
        store.write_batch(coded[i:i + batch], [], f"eval-merge-{i // batch}")


def merge_scores(rows: list[tuple], meta: dict[str, dict], ident: dict) -> dict[str, float]:
    """Pair precision/recall and re-report recall of stored mentions.

    ``rows`` are (article_id, mention_id, event_id, ...) rows of
    event_mentions; ``ident`` maps (article_id, mention_id) to the mention's
    true event identity, or None when it has none by construction (it then
    counts only towards precision).
    """
    event_of = {(aid, mid): eid for aid, mid, eid, *_ in rows}
    by_event = defaultdict(list)
    for key, eid in event_of.items():
        by_event[eid].append(key)
    merged = same_family = 0
    for members in by_event.values():
        per_article = Counter(aid for aid, _ in members)
        per_family = Counter(meta[aid]["family"] for aid, _ in members)
        merged += _pairs(len(members)) - sum(_pairs(k) for k in per_article.values())
        same_family += sum(_pairs(k) for k in per_family.values()) - sum(
            _pairs(k) for k in per_article.values())
    by_ident = defaultdict(list)
    for key, idt in ident.items():
        if idt is not None:
            by_ident[idt].append(key)
    true_pairs = found = 0
    for members in by_ident.values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if members[i][0] != members[j][0]:
                    true_pairs += 1
                    found += event_of[members[i]] == event_of[members[j]]
    orig_event = {}
    for key, idt in ident.items():
        if idt is not None and meta[key[0]]["variant"] == "original":
            orig_event.setdefault(idt, set()).add(event_of[key])
    re_total = re_joined = 0
    for key, idt in ident.items():
        if meta[key[0]]["variant"] != "original" and idt in orig_event:
            re_total += 1
            re_joined += event_of[key] in orig_event[idt]
    return {
        "pair_precision": same_family / merged if merged else 1.0,
        "pair_recall": found / true_pairs if true_pairs else 1.0,
        "rereport_recall": re_joined / re_total if re_total else 1.0,
        "true_pairs": true_pairs,
        "merged_pairs": merged,
        "cross_story_pairs": merged - same_family,
        "rereports": re_total,
    }


def run_surrogate(items: list[dict], batch: int = 16) -> dict[str, float]:
    coded = coded_articles(items)
    meta = {c.article.id: it for c, it in zip(coded, items)}
    with Store(":memory:") as store:
        write(store, coded, batch)
        digest = store.content_digest()
        write(store, coded, batch)
        reingest = 1.0 if store.content_digest() == digest else 0.0
        rows = store.con.execute(_ROWS).fetchall()
        links = dict(store.con.execute("SELECT id, near_duplicate_of FROM articles").fetchall())
        n_events = store.counts()["events"]
    # true identity of a mention: story family + the sentence + its coding
    ident = {(aid, mid): (meta[aid]["family"], " ".join(sent.split()), typ, src, tgt)
             for aid, mid, _eid, sent, typ, src, tgt, *_ in rows}
    scores = merge_scores(rows, meta, ident)
    family_root = {aid: it["family"] for aid, it in meta.items()}
    wires = [aid for aid, it in meta.items() if it["variant"] == "wire"]
    wire_linked = sum(1 for aid in wires if links.get(aid) and
                      family_root[links[aid]] == family_root[aid])
    all_links = [(aid, t) for aid, t in links.items() if t]
    good_links = sum(1 for aid, t in all_links if family_root[t] == family_root[aid])
    return {
        "pair_precision": scores["pair_precision"],
        "pair_recall": scores["pair_recall"],
        "rereport_recall": scores["rereport_recall"],
        "wire_link_recall": wire_linked / len(wires) if wires else 1.0,
        "wire_link_precision": good_links / len(all_links) if all_links else 1.0,
        "reingest_identical": reingest,
        "articles": len(items),
        "mentions": len(rows),
        "events": n_events,
        "true_pairs": scores["true_pairs"],
        "merged_pairs": scores["merged_pairs"],
        "cross_story_pairs": scores["cross_story_pairs"],
    }


def real_rows(items: list[dict], batch: int = 16):
    """(rows, meta) of event_mentions after storing the real-coded test set."""
    coded = real_coded(items)
    meta = {c.article.id: it for c, it in zip(coded, items)}
    with Store(":memory:") as store:
        write(store, coded, batch)
        rows = store.con.execute(_ROWS).fetchall()
        n_events = store.counts()["events"]
    return rows, meta, n_events


def real_ident(rows: list[tuple], meta: dict[str, dict]) -> dict:
    """True identity of each real mention: family, original sentence, type, source, target."""
    ident = {}
    for aid, mid, _eid, _sent, typ, _sc, _tc, start, end, src, tgt in rows:
        orig = original_sentence(meta[aid], start, end)
        ident[(aid, mid)] = None if orig is None else (meta[aid]["family"], orig, typ, src, tgt)
    return ident


def run_real(items: list[dict], batch: int = 16) -> dict[str, float]:
    rows, meta, n_events = real_rows(items, batch)
    scores = merge_scores(rows, meta, real_ident(rows, meta))
    return {f"real_{k}": v for k, v in
            {**scores, "mentions": len(rows), "events": n_events}.items()}


def run(batch: int = 16) -> dict[str, float]:
    items = load()
    return {**run_surrogate(items, batch), **run_real(items, batch)}


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:24s} {v}")

"""Cross-article link precision by reading: every link the product makes, judged by a reader.

``crosslinks.py`` judges a system link against the gold pairs: it is right only
when its response and claim overlap one listed pair. The gold lists, for each
response, the claim(s) its builders chose; a link to the same accusation as
another article restates it counts as wrong, and links whose response is in
no pair are not counted at all. A reader judges every link instead: does this
response answer this claim (the same accusation or report, in whatever words
the other article gives it)?

    python eval/ledger/link_read.py packets OUT.jsonl   # the links to read, in a fixed order
    python eval/ledger/link_read.py score VERDICTS.tsv  # precision per half (aggregates only)
    python eval/ledger/link_read.py sweep VERDICTS.tsv  # the tuning half at other link thresholds
    python eval/ledger/link_read.py score VERDICTS.tsv --packets NOW.jsonl   # only the links in NOW

``packets`` ingests every cluster of ``eval/crosslinks/clusters.jsonl`` as
``crosslinks.py`` does and writes one line per link: ``id``, ``cluster`` (the
reader is not told which half it is in), the response's and the claim's
document, sentence and text. The reader writes ``id<TAB>right|wrong|unsure<TAB>reason``
lines. ``score`` prints precision (right / (right + wrong)) for the tuning and
the held half and for all; the held half's verdicts are never read one by one
by the people who develop the linker.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import crosslinks  # noqa: E402


def _sentence(text: str, span: tuple[int, int] | None) -> str:
    """The sentence(s) around a span: from the last sentence end before it to the next after it."""
    if span is None:
        return ""
    a = max(text.rfind(". ", 0, span[0]), text.rfind("\n", 0, span[0]))
    b = min([i for i in (text.find(". ", span[1]), text.find("\n", span[1])) if i >= 0] or [len(text)])
    return text[a + 1 if a >= 0 else 0:b + 1].strip()


def link_id(link: dict) -> str:
    key = f"{link['response_doc']}|{link['response_span']}|{link['claim_doc']}|{link['claim_span']}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def packets() -> list[dict]:
    """One reading packet per cross-article link of every cluster, ordered by id (not by half)."""
    docs = crosslinks.load_docs()
    settings = crosslinks.load_settings(workers=1)
    clusters, _pairs, _neg = crosslinks._select(None)
    out = []
    for cluster in clusters:
        for link in crosslinks.cluster_links(cluster, docs, settings):
            rs, cs = link["response_span"], link["claim_span"]
            out.append({
                "id": link_id(link), "cluster": cluster["cluster"], "story": cluster.get("story", ""),
                "response_doc": link["response_doc"],
                "response": link["response_text"][rs[0]:rs[1]] if rs else "",
                "response_context": _sentence(link["response_text"], rs),
                "claim_doc": link["claim_doc"],
                "claim": link["claim_text"][cs[0]:cs[1]] if cs else "",
                "claim_context": _sentence(link["claim_text"], cs)})
    return sorted(out, key=lambda p: p["id"])


def sweep(verdicts: dict[str, str], thresholds: list[float], cache: Path | None = None) -> dict[float, dict]:
    """Precision by reading on the **tuning** clusters at other link-model thresholds.

    A higher threshold keeps a subset of the links the verdicts were given
    for; a link no reader judged (``unjudged``) is counted apart. The held
    clusters are not ingested at all, so choosing a threshold here cannot
    look at them.
    """
    docs = crosslinks.load_docs()
    settings = crosslinks.load_settings(workers=1)
    clusters, _pairs, _neg = crosslinks._select("tune")
    out = {t: {"links": 0, "right": 0, "wrong": 0, "unsure": 0, "unjudged": 0} for t in thresholds}
    for cluster in clusters:
        for t, links in crosslinks.sweep_links(cluster, docs, settings, thresholds, cache).items():
            for link in links:
                v = verdicts.get(link_id(link), "unjudged")
                out[t]["links"] += 1
                out[t][v] += 1
    for row in out.values():
        row["precision"] = round(row["right"] / (row["right"] + row["wrong"]), 3) if row["right"] + row["wrong"] else 0.0
    return out


def _verdicts(path: Path) -> dict[str, str]:
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            i, v = line.split("\t")[:2]
            verdicts[i] = v.strip()
    return verdicts


def score(verdicts: dict[str, str], cluster_of: dict[str, str]) -> dict[str, float]:
    """Precision per half from ``{link id: right|wrong|unsure}`` and ``{link id: cluster}``."""
    out: dict[str, float] = {}
    for half in ("tune", "held", "all"):
        ids = [i for i in verdicts if half == "all"
               or crosslinks.is_tuning_cluster(cluster_of[i]) == (half == "tune")]
        right = sum(verdicts[i] == "right" for i in ids)
        wrong = sum(verdicts[i] == "wrong" for i in ids)
        out[f"{half}_links"] = len(ids)
        out[f"{half}_unsure"] = sum(verdicts[i] == "unsure" for i in ids)
        out[f"{half}_precision"] = right / (right + wrong) if right + wrong else 0.0
    return out


def main(argv: list[str]) -> int:
    only = None
    if len(argv) == 4 and argv[2] == "--packets":  # score the links a later run makes (a subset)
        only = {p["id"] for p in map(json.loads, Path(argv[3]).open(encoding="utf-8"))}
        argv = argv[:2]
    if len(argv) != 2 or argv[0] not in ("packets", "score", "sweep"):
        print(__doc__)
        return 2
    if argv[0] == "packets":
        with open(argv[1], "w", encoding="utf-8") as fh:
            for p in packets():
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        return 0
    verdicts = _verdicts(Path(argv[1]))
    if argv[0] == "sweep":
        for t, row in sweep(verdicts, [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]).items():
            print(f"threshold {t:.2f}  " + "  ".join(f"{k} {v}" for k, v in row.items()))
        return 0
    packets_file = Path(argv[1]).with_suffix(".packets.jsonl")
    cluster_of = {p["id"]: p["cluster"] for p in map(json.loads, packets_file.open(encoding="utf-8"))}
    if only is not None:
        print(f"{'unjudged':20s} {len(only - set(verdicts))}")
        verdicts = {i: v for i, v in verdicts.items() if i in only}
    for k, v in score(verdicts, cluster_of).items():
        print(f"{k:20s} {v:.3f}" if isinstance(v, float) else f"{k:20s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

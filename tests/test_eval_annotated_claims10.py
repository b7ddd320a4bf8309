"""The session-10 second coding of claims and responses (eval/annotated/claims10/)."""

from __future__ import annotations

import json

from evalmods import ANN
from evalmods import load as _load

HERE = ANN / "claims10"


compare = _load("claims10_compare", HERE / "compare.py")
packets = _load("claims10_packets", HERE / "packets.py")
gold_py = _load("annotated_gold", ANN / "gold.py")


def _gold() -> list[dict]:
    return [json.loads(line) for line in (ANN / "gold.jsonl").open(encoding="utf-8")]


def test_markup_lines_rebuild_the_same_claims_and_responses(tmp_path):
    # the adjudicator is shown the first coding as markup lines: they must say exactly what the gold says
    docs = compare.build.load_docs()
    recs = [g for g in _gold() if g["claims"] or g["responses"]][:150]
    path = tmp_path / "S9.txt"
    path.write_text("".join(f"@ {g['doc_id']}\n" + "".join(line + "\n" for line in compare.lines(g, docs[g["doc_id"]]["text"]))
                            for g in recs), encoding="utf-8")
    back = compare.second_codings([path])
    for g in recs:
        b = back[g["doc_id"]]
        for item in ("claims", "responses"):
            assert [(x["start"], x["end"]) for x in b[item]] == [(x["start"], x["end"]) for x in g[item]]
        assert [c["claimant"] for c in b["claims"]] == [c["claimant"] for c in g["claims"]]
        assert [c["accused"] for c in b["claims"]] == [c["accused"] for c in g["claims"]]
        assert [r["kind"] for r in b["responses"]] == [r["kind"] for r in g["responses"]]
        assert [r["claim"] for r in b["responses"]] == [r["claim"] for r in g["responses"]]
    assert compare.agreement([(g, back[g["doc_id"]]) for g in recs])["claims"]["f1"] == 1.0


def _rec(claims=(), responses=()):
    return {"claims": [{"start": s, "end": e} for s, e in claims],
            "responses": [{"start": s, "end": e, "kind": k} for s, e, k in responses]}


def test_disagreement_is_a_missing_item_or_a_response_kind():
    a = _rec([(0, 10), (20, 30)], [(40, 50, "denial")])
    assert not compare.disagrees(a, _rec([(5, 12), (25, 40)], [(45, 48, "denial")]))  # spans overlap
    assert compare.disagrees(a, _rec([(0, 10)], [(40, 50, "denial")]))                # a claim missing
    assert compare.disagrees(a, _rec([(0, 10), (20, 30), (60, 70)], [(40, 50, "denial")]))  # one more
    assert compare.disagrees(a, _rec([(0, 10), (20, 30)], [(40, 50, "confirmation")]))  # kind
    assert compare.disagrees(a, _rec([(0, 10), (20, 30)], []))


def test_packets_deal_every_test_document_once_and_only_train_documents_to_the_audit():
    # (and the second train batch: train documents with a cue word, none of the audit's)
    dealt = packets.packets()
    split = {g["doc_id"]: g["split"] for g in _gold()}
    test = [d for c in ("S1", "S2", "S3") for d in dealt[c]]
    audit = [d for c in ("S4", "S5", "S6") for d in dealt[c]]
    assert sorted(test) == sorted(d for d, s in split.items() if s == "test")
    cues = [d for c in ("S7", "S8", "S9", "S10", "S11", "S12") for d in dealt[c]]
    assert len(set(audit)) == len(audit) and audit
    assert all(split[d] == "train" for d in audit + cues)
    assert not set(audit) & set(cues) and len(set(cues)) == len(cues)
    assert packets.packets() == dealt  # reproducible


def test_the_second_train_batch_is_every_other_train_document_with_a_cue_word():
    docs = compare.build.load_docs()
    audit = set((HERE / "train_selected.txt").read_text(encoding="utf-8").split())
    listed = (HERE / "train_cues.txt").read_text(encoding="utf-8").split()
    assert packets.cue_documents(_gold(), docs, audit) == listed
    assert packets.CUE.search("Iran denies the report") and not packets.CUE.search("Rain fell on Tuesday.")


def test_the_committed_gold_is_the_markup_with_the_adjudicated_claims_laid_over_it():
    built = gold_py.build_gold()
    assert built == _gold()  # gold.jsonl is not stale
    first = {r["doc_id"]: r for r in gold_py.build_gold(overlay=False)}
    overlay = gold_py.claims_overlay()
    assert overlay  # the adjudication is in place
    for rec in built:
        before = first[rec["doc_id"]]
        # the overlay touches claims and responses only, and only where adjudicated
        assert rec["events"] == before["events"] and rec["split"] == before["split"]
        if rec["doc_id"] in overlay:
            assert rec["claims_coding"] == "adjudicated"
        else:
            assert "claims_coding" not in rec and rec["claims"] == before["claims"]

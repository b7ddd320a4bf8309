"""The session-12 re-reading of confirmations under GUIDELINES R4 (eval/annotated/confirm12/)."""

from __future__ import annotations

import json

from evalmods import ANN
from evalmods import load as _load

HERE = ANN / "confirm12"


compare = _load("confirm12_compare", HERE / "compare.py")
packets = _load("confirm12_packets", HERE / "packets.py")


def _gold() -> list[dict]:
    return [json.loads(line) for line in (ANN / "gold.jsonl").open(encoding="utf-8")]


def _docs() -> dict[str, dict]:
    return {d["doc_id"]: d for d in map(json.loads, (ANN / "docs.jsonl").open(encoding="utf-8"))}


def test_the_documents_are_every_train_and_test_document_with_a_cue_dealt_into_two_halves():
    gold, docs = _gold(), _docs()
    ids = packets.documents(gold, docs)
    want = {g["doc_id"] for g in gold if g["split"] in ("train", "test") and packets.CUE.search(docs[g["doc_id"]]["text"])}
    assert set(ids) == want and len(ids) == len(want)
    halves = packets.halves(ids)
    assert sorted(halves["A"] + halves["B"]) == sorted(ids) and not set(halves["A"]) & set(halves["B"])
    assert packets.documents(gold, docs) == ids  # a fixed order: reproducible packets


def test_each_half_was_coded_twice_over_the_same_documents():
    halves = packets.halves(packets.documents(_gold(), _docs()))
    for half, (first, second) in packets.PAIRS.items():
        assert set(compare.codings(first)) == set(compare.codings(second)) == set(halves[half])


def test_disagreement_is_a_confirmation_one_coding_lacks():
    def rec(*spans):
        return {"responses": [{"start": s, "end": e, "kind": "confirmation"} for s, e in spans]}

    assert not compare.disagrees(rec((0, 10), (20, 30)), rec((5, 12), (25, 40)))
    assert compare.disagrees(rec((0, 10), (20, 30)), rec((0, 10)))
    assert compare.disagrees(rec(), rec((0, 10)))


def test_the_gold_takes_the_passs_confirmations_and_keeps_denials_claims_and_events():
    over = compare.overlay()
    gold = {g["doc_id"]: g for g in _gold()}
    assert set(over) == set(packets.documents(list(gold.values()), _docs()))
    for doc_id, confirmations in over.items():
        g = gold[doc_id]
        got = [(r["start"], r["end"]) for r in g["responses"] if r["kind"] == "confirmation"]
        assert got == sorted((r["start"], r["end"]) for r in confirmations)
        assert all(r.get("confirm_coding") == "r4" for r in g["responses"] if r["kind"] == "confirmation")
        assert all("confirm_coding" not in r for r in g["responses"] if r["kind"] == "denial")
        ids = {c["cid"] for c in g["claims"]}
        assert all(r["claim"] is None or r["claim"] in ids for r in g["responses"])

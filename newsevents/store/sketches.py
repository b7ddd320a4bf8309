"""Wire copies: MinHash sketches of stored articles, to link near-duplicates.

The clean stage sees one document at a time; the store sees them all, so it
links an incoming article to an earlier stored article whose text it copies
(estimated Jaccard of word 5-shingles >= ``THRESHOLD``: a wire copy with a
new headline, a trailing credit line or re-ordered paragraphs). The link
(``articles.near_duplicate_of``) always points at the first article of the
chain, and merged events count a chain once in ``sources``.
"""

from __future__ import annotations

import hashlib
import struct

import pyarrow as pa

from ..clean.neardup import BANDS, NUM_PERM, jaccard, minhash

THRESHOLD = 0.8
_ROWS = NUM_PERM // BANDS


def band_keys(sig: tuple[int, ...]) -> list[int]:
    """One 64-bit key per LSH band of a signature."""
    return [int.from_bytes(hashlib.blake2b(struct.pack(f"<{_ROWS}I", *sig[b * _ROWS:(b + 1) * _ROWS]),
                                           digest_size=8).digest(), "little")
            for b in range(BANDS)]


def link_wire_copies(con, rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Set ``near_duplicate_of``/``similarity`` on new article rows (in input order).

    Returns the sketch and band rows to insert with them. ``con`` must be
    inside the batch's transaction.
    """
    sigs = [tuple(minhash(r["text"])) for r in rows]
    keys = [band_keys(s) for s in sigs]
    stored: dict[str, list[str]] = {}  # new article id -> candidate stored ids
    if rows:
        probe = pa.table({
            "new_id": [r["id"] for r, ks in zip(rows, keys) for _ in ks],
            "band": pa.array([b for ks in keys for b in range(len(ks))], pa.int16()),
            "key": pa.array([k for ks in keys for k in ks], pa.uint64()),
        })
        con.register("_probe", probe)
        try:
            found = con.execute(
                "SELECT DISTINCT p.new_id, b.article_id FROM _probe p JOIN article_bands b "
                "ON b.band = p.band AND b.key = p.key ORDER BY 1, 2").fetchall()
        finally:
            con.unregister("_probe")
        for new_id, old_id in found:
            stored.setdefault(new_id, []).append(old_id)
    cand_ids = sorted({i for ids in stored.values() for i in ids})
    known_sigs, roots = {}, {}
    if cand_ids:
        for aid, sig, root in con.execute(
                "SELECT s.article_id, s.signature, a.near_duplicate_of FROM article_sketches s "
                "JOIN articles a ON a.id = s.article_id WHERE list_contains(?, s.article_id)",
                [cand_ids]).fetchall():
            known_sigs[aid] = tuple(sig)
            roots[aid] = root or aid
    batch_bands: dict[tuple[int, int], list[str]] = {}
    sketches, bands = [], []
    for r, sig, ks in zip(rows, sigs, keys):
        cands = list(stored.get(r["id"], ()))
        for b, k in enumerate(ks):
            cands += batch_bands.get((b, k), [])
        best, best_sim = None, THRESHOLD
        for cid in sorted(set(cands)):
            if cid == r["id"]:
                continue
            sim = jaccard(sig, known_sigs[cid])
            if sim > best_sim or (sim == best_sim and best is None):
                best, best_sim = cid, sim
        if r["near_duplicate_of"] is None and best is not None:
            r["near_duplicate_of"] = roots[best]
            r["similarity"] = round(best_sim, 4)
        known_sigs[r["id"]] = sig
        roots[r["id"]] = r["near_duplicate_of"] or r["id"]
        for b, k in enumerate(ks):
            batch_bands.setdefault((b, k), []).append(r["id"])
            bands.append({"band": b, "key": k, "article_id": r["id"]})
        sketches.append({"article_id": r["id"], "signature": list(sig)})
    return sketches, bands

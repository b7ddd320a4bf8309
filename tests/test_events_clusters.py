"""The distributional word clusters (issue #16): the shipped file, its loader, its build
and the features that read it. No spaCy: tokens are stand-ins with the attributes read."""

import gzip
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsevents.errors import DataFileError
from newsevents.events import clusters as K
from newsevents.events import features as F
from newsevents.events.features import _word_clusters

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_clusters as B  # noqa: E402


def _write(path: Path, text: str) -> str:
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return str(path)


def test_the_shipped_clusters_load_and_nest():
    cl = K.load_clusters()
    assert len(cl) > 10_000
    up256, up64 = {}, {}
    for c64, c256, c1024 in cl.values():
        # each fine cluster lies inside one middle cluster, each middle one in one coarse one
        assert up256.setdefault(c1024, c256) == c256
        assert up64.setdefault(c256, c64) == c64
    assert len(up256) > 500 and len(up64) > 100


def test_words_of_one_kind_share_clusters_more_than_chance():
    cl = K.load_clusters()
    # (a loose check of the distributional signal: words of one kind of act sit together at the
    # coarse level, apart from other kinds)
    alike = [("attacked", "raided"), ("signed", "agreed"), ("arrested", "detained"), ("talks", "negotiations")]
    unlike = [("attacked", "signed"), ("arrested", "talks"), ("raided", "negotiations"), ("detained", "agreed")]
    assert sum(cl[a][0] == cl[b][0] for a, b in alike) >= 3
    assert sum(cl[a][0] == cl[b][0] for a, b in unlike) <= 1


def test_a_missing_file_means_no_clusters(tmp_path):
    assert K.load_clusters(str(tmp_path / "none.tsv.gz")) == {}


@pytest.mark.parametrize("text", [
    "word\tc64\tc256\n",  # a level missing
    "word\tc64\tc256\tc1024\nattack\t1\t2\n",  # a short row
    "word\tc64\tc256\tc1024\nattack\t1\tx\t3\n",  # not a number
])
def test_a_malformed_cluster_file_is_a_clear_error(tmp_path, text):
    with pytest.raises(DataFileError, match="make clusters"):
        K.load_clusters(_write(tmp_path / "bad.tsv.gz", text))


def test_a_file_that_is_not_gzip_is_a_clear_error(tmp_path):
    p = tmp_path / "plain.tsv.gz"
    p.write_text("word\tc64\tc256\tc1024\n")
    with pytest.raises(DataFileError, match="cannot read"):
        K.load_clusters(str(p))


def test_the_build_leaves_out_every_held_out_evaluation_text(tmp_path):
    held = B.held_out_texts()
    test_ids = {line.split("\t")[0] for line in (ROOT / "eval/annotated/split.tsv").read_text().splitlines()[1:]
                if line.split("\t")[3] == "test"}
    docs = [json.loads(line) for line in (ROOT / "eval/annotated/docs.jsonl").open()]
    tests = [d for d in docs if d["doc_id"] in test_ids]
    assert tests and all(B._norm(d["text"]) in held for d in tests)
    cross = [json.loads(line) for line in (ROOT / "eval/crosslinks/docs.jsonl").open() if line.strip()]
    assert cross and all(B._norm(d["text"]) in held for d in cross)
    # and a corpus text equal to one of them (but for spacing) is dropped
    corpus = tmp_path / "c.jsonl.gz"
    lines = [json.dumps({"text": "  " + tests[0]["text"].replace(" ", "  ", 1)}), json.dumps({"text": "Kept here."})]
    corpus.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    kept, dropped = B.read_corpus(corpus, held)
    assert dropped == 1 and kept == [["kept", "here"]]


def test_tokens_are_lower_case_words():
    assert B.tokens("U.S.-led talks: Kim's envoy re-elected, 2024") == ["u", "s", "led", "talks", "kim's",
                                                                         "envoy", "re-elected"]


def _tok(i, word, lemma=None, dep="ROOT", head=None, children=()):
    t = SimpleNamespace(i=i, lower_=word, lemma_=lemma or word, dep_=dep, children=list(children))
    t.head = head if head is not None else t
    return t


def test_a_trigger_reads_the_clusters_of_itself_its_governor_and_its_object(monkeypatch):
    monkeypatch.setattr(F, "CLUSTER_GROUPS", frozenset(("tc", "hc", "oc")))
    cl = K.load_clusters()
    gov = _tok(0, "said")
    obj = _tok(2, "embassy", dep="dobj")
    trig = _tok(1, "bombed", "bomb", dep="ccomp", head=gov, children=[obj])
    f = _word_clusters(trig)
    c = cl["bombed"]
    assert {f"tc64={c[0]}", f"tc256={c[1]}", f"tc1024={c[2]}"} <= set(f)
    assert f"hc256={cl['said'][1]}" in f and f"oc1024={cl['embassy'][2]}" in f
    if cl["bomb"] != c:  # the lemma's clusters too, when they differ
        assert f"tc1024={cl['bomb'][2]}" in f


def test_a_word_outside_the_vocabulary_adds_no_cluster_feature():
    assert _word_clusters(_tok(0, "zzqxv")) == []


def test_only_the_chosen_cluster_groups_become_features(monkeypatch):
    # (CLUSTER_GROUPS says which groups the coder reads; a group left out adds nothing)
    gov = _tok(0, "said")
    trig = _tok(1, "bombed", "bomb", dep="ccomp", head=gov, children=[_tok(2, "embassy", dep="dobj")])
    monkeypatch.setattr(F, "CLUSTER_GROUPS", frozenset(("tc",)))
    f = _word_clusters(trig)
    assert f and all(x.startswith("tc") for x in f)
    monkeypatch.setattr(F, "CLUSTER_GROUPS", frozenset())
    assert _word_clusters(trig) == []


_GROUP_PREFIX = {"tc": ("tc",), "hc": ("hc",), "oc": ("oc",), "sc": ("sc256=",), "gc": ("s.gc", "g.gc")}


def test_the_shipped_model_weighs_exactly_the_cluster_groups_the_features_emit():
    # a group turned on without retraining weighs nothing; one turned off leaves dead weights
    from newsevents.events.model import load_model

    m = load_model()
    names = set(m["type"]["w"]) | set(m["tuple"]["w"])
    for group, prefixes in _GROUP_PREFIX.items():
        assert any(n.startswith(prefixes) for n in names) == (group in F.CLUSTER_GROUPS), group

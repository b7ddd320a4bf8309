"""The lookups behind fast filters (migration 002) give what the plain SQL gave.

The reference for each is the straightforward query the lookup replaced
(four string predicates per actor side; ILIKE over every mention sentence),
run on the same store.
"""

from __future__ import annotations

import pytest

from newsevents.query import EventFilter, query_events
from newsevents.query._sql import like_pattern
from newsevents.store import Store
from newsevents.store.synthetic import COUNTRIES, WORDS, synthetic_corpus


@pytest.fixture(scope="module")
def store():
    with Store(":memory:") as s:
        corpus = synthetic_corpus(60, seed=3)
        s.write_batch(corpus[:30])
        s.write_batch(corpus[30:])  # two batches: the indexes grow incrementally
        yield s


def _side(prefix: str, v: str) -> tuple[str, list]:
    return (f"({prefix}_code = ? OR {prefix}_country = ? OR starts_with({prefix}_code, ?) "
            f"OR lower({prefix}_name) = lower(?))", [v.upper(), v.upper(), v.upper(), v])


def _ids(rows) -> set[str]:
    return {r["id"] for r in rows}


def _reference(store, sql: str, params: list) -> set[str]:
    return {r[0] for r in store.con.execute(f"SELECT id FROM events WHERE {sql}",
                                            params).fetchall()}


@pytest.mark.parametrize("actor", ["IRN", "irn", "IRNGOV", "Iran", "iran", "ISR", "Israel",
                                   "US", "usagov", "Nowhere", "GOV"])
def test_actor_filter_equals_the_four_predicates_it_replaced(store, actor):
    s, sp = _side("source", actor)
    t, tp = _side("target", actor)
    want = _reference(store, f"{s} OR {t}", sp + tp)
    assert _ids(query_events(store, EventFilter(actor=actor, limit=None))) == want


def test_dyad_filter_equals_the_predicates_it_replaced(store):
    checked = 0
    for (a, _), (b, _) in zip(COUNTRIES, COUNTRIES[1:] + COUNTRIES[:1]):
        s, sp = _side("source", a)
        t, tp = _side("target", b)
        want = _reference(store, f"{s} AND {t}", sp + tp)
        assert _ids(query_events(store, EventFilter(dyad=f"{a}:{b}", limit=None))) == want
        checked += bool(want)
    assert checked >= 3


@pytest.mark.parametrize("text", ["drone", "DRONE ceasefire", "miss", "talks border envoy",
                                  "ire", "(12.", "zzz", "e"])
def test_full_text_equals_ilike_over_every_mention_sentence(store, text):
    import re
    words = re.findall(r"\w[\w'-]*", text)
    likes = " AND ".join("sentence ILIKE ? ESCAPE '\\'" for _ in words)
    want = _reference(store, f"id IN (SELECT event_id FROM event_mentions WHERE {likes})",
                      [like_pattern(w) for w in words])
    assert _ids(query_events(store, EventFilter(text=text, limit=None))) == want


def test_the_word_index_is_exercised(store):
    n = store.con.execute("SELECT count(*) FROM mention_tokens").fetchall()[0][0]
    assert n > store.counts()["event_mentions"] * 5
    vocab = {r[0] for r in store.con.execute("SELECT token FROM tokens").fetchall()}
    assert set(WORDS) <= vocab


def test_event_mentions_are_indexed_by_event(store):
    names = {r[0] for r in store.con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'event_mentions'"
    ).fetchall()}
    assert "event_mentions_event_id" in names


def test_rows_inserted_by_hand_join_the_lookups_on_reindex():
    with Store(":memory:") as s:
        s.write_batch(synthetic_corpus(4))
        before = query_events(s, EventFilter(text="handmade", limit=None))
        assert before == []
        s.con.execute("""INSERT INTO event_mentions BY NAME
                         SELECT * EXCLUDE (id, seq, sentence, source_name),
                                id || 'x' AS id, 'handmade ' || sentence AS sentence,
                                'Handmadia' AS source_name
                         FROM event_mentions""")
        assert any("lookup" in p for p in s.check_integrity())
        s.reindex()
        assert not any("lookup" in p for p in s.check_integrity())
        s.merge_events()
        assert query_events(s, EventFilter(text="handmade", limit=None))
        assert query_events(s, EventFilter(actor="handmadia", limit=None))
        assert s.check_integrity() == []


def test_rewriting_a_batch_leaves_the_lookups_unchanged(store):
    def sizes():
        return [store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("tokens", "mention_tokens", "event_actors")]
    before = sizes()
    assert store.write_batch(synthetic_corpus(60, seed=3)) == 0
    assert sizes() == before

"""The store: schema, batch atomicity, idempotent writes, the merge rule, wire copies."""

import os
import signal
import threading
from datetime import date

import duckdb
import pytest

from newsevents.errors import StoreError
from newsevents.models import Rejected
from newsevents.store import Store, interrupted, latest_schema_version
from newsevents.store.merge import dates_compatible, locations_compatible
from newsevents.store.rows import date_interval
from newsevents.store.synthetic import coded_article, synthetic_corpus

IRN, ISR, USA, PRK = ("IRN", "Iran"), ("ISR", "Israel"), ("USA", "United States"), \
    ("PRK", "North Korea")
TEHRAN = ("Tehran", "IRN", 35.69, 51.42, "city")
ISFAHAN = ("Isfahan", "IRN", 32.65, 51.67, "city")
IRAN_PLACE = ("Iran", "IRN", 32.0, 53.0, "country")


def ev(**kw):
    spec = dict(type="ASSAULT", source=IRN, target=ISR, date="2024-04-13")
    spec.update(kw)
    return spec


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


def events(store):
    return store.con.execute(
        "SELECT type, status, date, date_precision, mentions, sources, first_reported, "
        "last_reported, location_name FROM events ORDER BY date, status").fetchall()


def test_migrations_applied_and_tables_present(store):
    assert store.schema_version() == latest_schema_version()
    tables = {r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    for t in ("articles", "rejections", "actors", "mentions", "events", "event_mentions",
              "quotes", "claims", "responses", "runs", "article_sketches", "response_links"):
        assert t in tables


def test_migration_003_copies_the_links_an_older_store_holds(tmp_path):
    # a store written before response_links existed: its one link per response
    # (responses.claim_id) becomes a row of the new table when it is opened
    from newsevents.models import Actor, Article, Claim, Coded, Response
    iran = Actor("Iran", "IRN", "IRN")
    coded = Coded(article=Article(id="a1", text="Iran denied it.", title="t", published=date(2024, 4, 1)),
                  claims=(Claim(id="c1", claimant=None, accused=(iran,), text="drones", span=(0, 4),
                                cue="accused"),),
                  responses=(Response(id="r1", claim_id="c1", responder=iran, kind="denial",
                                      text="denied it", span=(5, 14), cue="denied"),))
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write_batch([coded])
        linked = s.con.execute("SELECT count(*) FROM responses WHERE claim_id IS NOT NULL").fetchall()[0][0]
        s.con.execute("DROP TABLE response_links")
        s.con.execute("DELETE FROM schema_version WHERE version = 3")
    assert linked > 0
    with Store(path) as s:
        assert s.schema_version() == latest_schema_version()
        rows = s.con.execute("SELECT method, score FROM response_links").fetchall()
    assert len(rows) == linked and set(rows) == {("in-article", None)}


def test_reopening_a_file_store_keeps_data_and_version(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_batch(synthetic_corpus(3))
    with Store(path) as s:
        assert s.counts()["articles"] == 3
        assert s.schema_version() == latest_schema_version()


def test_rewriting_the_same_batch_changes_nothing(store):
    batch = synthetic_corpus(20, seed=3)
    rej = [Rejected("x.html", "clean", "empty", "no text")]
    assert store.write_batch(batch, rej) == 20
    before = store.content_digest()
    assert store.write_batch(batch, rej) == 0
    assert store.content_digest() == before
    assert store.counts()["rejections"] == 1


def test_a_failing_batch_leaves_the_store_as_it_was(store, monkeypatch):
    store.write_batch(synthetic_corpus(5, seed=1))
    before = store.content_digest()

    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(Store, "_merge_blocks", boom)
    with pytest.raises(RuntimeError):
        store.write_batch(synthetic_corpus(5, seed=2))
    assert store.content_digest() == before
    assert store.check_integrity() == []


def test_ctrl_c_inside_a_duckdb_statement_is_an_interrupt_and_rolls_back(store, monkeypatch):
    # DuckDB consumes a SIGINT that lands mid-query ("Query interrupted") and
    # the next statement finds the transaction aborted; the writer must still
    # roll back and hand the user's interrupt on, not report a store failure.
    store.write_batch(synthetic_corpus(5, seed=1))
    before = store.content_digest()

    def slow(self, con, blocks):
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
        con.execute("SELECT count(*) FROM range(20000000000) t(x) WHERE hash(x) = 0").fetchall()
    monkeypatch.setattr(Store, "_merge_blocks", slow)
    with pytest.raises(KeyboardInterrupt):
        store.write_batch(synthetic_corpus(5, seed=2))
    assert store.content_digest() == before
    assert store.check_integrity() == []


def test_interrupted_follows_the_exception_chain():
    try:
        try:
            raise RuntimeError("Query interrupted")
        except RuntimeError:
            raise duckdb.TransactionException("Current transaction is aborted") from None
    except duckdb.Error as exc:
        assert not interrupted(exc)  # "from None" hides the cause: not ours to guess
        chained = exc
    try:
        try:
            raise RuntimeError("Query interrupted")
        except RuntimeError:
            raise duckdb.TransactionException("Current transaction is aborted")  # noqa: B904
    except duckdb.Error as exc:
        chained = exc
    assert interrupted(chained)
    assert not interrupted(RuntimeError("disk full"))
    assert not interrupted(StoreError("locked"))


def test_same_event_in_two_articles_is_one_event_with_two_mentions(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev()]),
                       coded_article("b", date(2024, 4, 15), [ev()])])
    (row,) = events(store)
    assert row[4:8] == (2, 2, date(2024, 4, 14), date(2024, 4, 15))


def test_different_days_are_different_events(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev()]),
                       coded_article("b", date(2024, 4, 15), [ev(date="2024-04-12")])])
    assert len(events(store)) == 2


def test_month_precision_joins_the_day_and_the_day_wins(store):
    store.write_batch([coded_article("a", date(2024, 4, 30), [ev(date="2024-04",
                                                                 precision="month")]),
                       coded_article("b", date(2024, 4, 14), [ev()])])
    (row,) = events(store)
    assert row[2:5] == ("2024-04-13", "day", 2)


def test_claimed_or_denied_never_confirms_a_reported_event(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev()]),
                       coded_article("b", date(2024, 4, 14), [ev(status="claimed")]),
                       coded_article("c", date(2024, 4, 14), [ev(status="denied")])])
    rows = events(store)
    assert sorted(r[1] for r in rows) == ["claimed", "denied", "reported"]
    assert all(r[4] == 1 for r in rows)


def test_other_type_or_dyad_never_merges(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev(), ev(type="THREATEN", id="e1"),
                                                              ev(source=ISR, target=IRN,
                                                                 id="e2")])])
    assert len(events(store)) == 3


def test_incompatible_locations_split_and_the_precise_place_wins(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev(location=TEHRAN)]),
                       coded_article("b", date(2024, 4, 14), [ev(location=ISFAHAN)]),
                       coded_article("c", date(2024, 4, 14), [ev(location=IRAN_PLACE)])])
    rows = events(store)
    assert len(rows) == 2  # Tehran and Isfahan are 330 km apart
    assert sorted(r[8] for r in rows) == ["Isfahan", "Tehran"]
    assert sorted(r[4] for r in rows) == [1, 2]  # the country-level mention joins one


def test_unknown_date_joins_a_dated_event_reported_in_the_same_days(store):
    store.write_batch([coded_article("a", date(2024, 4, 14), [ev()]),
                       coded_article("b", date(2024, 4, 14), [ev(date=None)]),
                       coded_article("c", date(2024, 4, 30), [ev(date=None, id="late")])])
    rows = events(store)
    assert sorted(r[4] for r in rows) == [1, 2]


def test_wire_copies_count_once_in_sources(store):
    text = ("Iran fired several hundred missiles and drones at military targets inside "
            "Israel on Saturday, officials in Jerusalem said, in the first direct attack by "
            "Tehran on Israeli territory. The Israeli military said nearly all of them were "
            "intercepted with the help of the United States, Britain and Jordan, and that a "
            "young girl was badly hurt in the south of the country. Iran's mission to the "
            "United Nations said the matter could be deemed concluded, while warning Israel "
            "against any response. Leaders of the Group of Seven condemned the attack and "
            "said they would work to stabilize the situation and avoid further escalation. ")
    a = coded_article("a", date(2024, 4, 14), [ev()], text=text)
    copy = coded_article("b", date(2024, 4, 14), [ev()],
                         text=text + "Some information for this report came from Reuters.")
    other = coded_article("c", date(2024, 4, 15), [ev()])
    store.write_batch([a])
    store.write_batch([copy, other])
    link = store.con.execute("SELECT near_duplicate_of FROM articles WHERE id = ?",
                             [copy.article.id]).fetchone()[0]
    assert link == a.article.id
    (row,) = events(store)
    assert (row[4], row[5]) == (3, 2)


def test_incremental_merge_equals_a_full_rerun(store):
    corpus = synthetic_corpus(120, seed=7)
    for i in range(0, 120, 7):
        store.write_batch(corpus[i:i + 7])
    incremental = store.content_digest()
    store.merge_events()
    assert store.content_digest() == incremental
    assert store.check_integrity() == []


def test_ingest_order_does_not_change_the_events():
    corpus = synthetic_corpus(60, seed=11)
    digests = []
    for order in (corpus, corpus[::-1]):
        with Store(":memory:") as s:
            for i in range(0, 60, 9):
                s.write_batch(order[i:i + 9])
            digests.append(s.content_digest()["events"])
    assert digests[0] == digests[1]


def test_date_intervals_and_compatibility():
    assert date_interval("2024-W16") == (date(2024, 4, 15), date(2024, 4, 21))
    assert date_interval("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert date_interval("2024-02-30") == (None, None)
    d = (date(2024, 4, 13), date(2024, 4, 13), False)
    week = (*date_interval("2024-W15"), False)
    assert dates_compatible(d, week)
    assert not dates_compatible(d, (date(2024, 4, 14), date(2024, 4, 14), False))
    assert dates_compatible(d, (date(2024, 4, 12), date(2024, 4, 14), True))


def test_locations_compatibility():
    def loc(p):
        return {"location_name": p[0], "location_country": p[1], "location_lat": p[2],
                "location_lon": p[3], "location_feature": p[4]}
    assert locations_compatible(loc(TEHRAN), loc(IRAN_PLACE))
    assert not locations_compatible(loc(TEHRAN), loc(ISFAHAN))
    assert not locations_compatible(loc(IRAN_PLACE), loc(("Israel", "ISR", 31.5, 34.8,
                                                          "country")))


def test_integrity_check_finds_orphans(store):
    store.write_batch(synthetic_corpus(3))
    store.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles LIMIT 1)")
    problems = store.check_integrity()
    assert any("article is missing" in p for p in problems)


def test_read_only_open_of_a_missing_store_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="newsevents ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_runs_record_version_and_settings(store):
    run = store.start_run("0.1.0", "en_core_web_sm", {"batch_size": 16}, ["corpus.jsonl"])
    store.finish_run(run, documents=3, articles=2, rejected=1, events=5)
    row = store.con.execute("SELECT version, settings, status, n_events FROM runs").fetchone()
    assert row == ("0.1.0", '{"batch_size": 16}', "done", 5)


def test_unknown_date_joins_a_month_event_that_contains_it(store):
    store.write_batch([coded_article("a", date(2024, 4, 20), [ev(date="2024-04",
                                                                 precision="month")]),
                       coded_article("b", date(2024, 4, 18), [ev(date=None)])])
    (row,) = events(store)
    assert row[3:5] == ("month", 2)

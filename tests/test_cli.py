"""The CLI through Click's runner: exit codes, errors and output shapes."""

from __future__ import annotations

import json

import pytest

from newsevents.cli import main


def _err(result) -> str:
    return result.stderr if hasattr(result, "stderr") else result.output


@pytest.mark.parametrize("args, message", [
    (["extract", "does/not/exist.html", "--json"], "does not exist"),
    (["extract", "tests/fixtures/empty.txt", "--json"], "empty"),
    (["extract", "tests/fixtures/binary.bin", "--json"], "binary"),
    (["extract", "tests/fixtures/pages/short.txt", "--published", "24/04/2024"], "YYYY-MM-DD"),
    (["dates", "He arrived on Tuesday.", "--published", "yesterday"], "YYYY-MM-DD"),
    (["events", "--db", "no/such/store.duckdb"], "does not exist"),
    (["events", "--db", "x.duckdb", "--dyad", "PRK"], "SOURCE:TARGET"),
    (["events", "--db", "x.duckdb", "--type", "PARTY"], "unknown event type"),
])
def test_user_errors_exit_1_with_one_line_saying_what_to_do(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    err = _err(result).strip().splitlines()
    assert err[-1].startswith("Error: ")
    assert message in err[-1]


def test_usage_errors_exit_2(runner):
    result = runner.invoke(main, ["events", "--no-such-flag"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["dates", "on Tuesday"])  # --published is required
    assert result.exit_code == 2


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        assert command.help, f"command {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.slow
def test_dates_json_matches_the_contract(runner):
    result = runner.invoke(main, ["dates", "He arrived on Tuesday.", "--published",
                                  "2024-04-24", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["text"], r["value"], r["precision"]) for r in rows] == [
        ("Tuesday", "2024-04-23", "day")] or [
        (r["value"], r["precision"]) for r in rows] == [("2024-04-23", "day")]
    assert set(rows[0]) >= {"text", "start", "end", "value", "precision"}
    assert "He arrived on Tuesday."[rows[0]["start"]:rows[0]["end"]] == rows[0]["text"]


@pytest.mark.slow
def test_dates_timex_gives_types_and_timeml_values(runner):
    text = "Talks ended last night after two weeks; they now meet every Monday."
    result = runner.invoke(main, ["dates", text, "--published", "2024-05-03", "--timex", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("last night", "TIME", "2024-05-02TNI"), ("two weeks", "DURATION", "P2W"),
        ("now", "DATE", "PRESENT_REF"), ("every Monday", "SET", "XXXX-WXX-1")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    plain = runner.invoke(main, ["dates", text, "--published", "2024-05-03", "--json"])
    plain_texts = [r["text"] for r in json.loads(plain.output)]
    assert "last night" in plain_texts and not {"two weeks", "now"} & set(plain_texts)


@pytest.mark.slow
def test_dates_jsonl_timex_one_object_per_line(runner):
    lines = ('{"text": "It rained daily.", "published": "2024-05-03"}\n'
             '{"text": "Sales fell in the third quarter.", "published": "2024-05-03"}\n')
    result = runner.invoke(main, ["dates", "--jsonl", "-", "--timex"], input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert [[(t["type"], t["value"]) for t in o["timex"]] for o in out] == [
        [("SET", "P1D")], [("DATE", "2024-Q3")]]


@pytest.mark.slow
def test_extract_reads_stdin(runner):
    text = "Israeli troops attacked Hamas positions in Gaza on Monday, the army said."
    result = runner.invoke(main, ["extract", "-", "--published", "2024-04-24", "--json"],
                           input=text)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["article"]["published"] == "2024-04-24"
    assert out["article"]["text"].startswith("Israeli troops")


@pytest.mark.slow
def test_extract_jsonl_one_line_per_document_and_rejections_kept(runner, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in [
        {"title": "Talks", "date": "2024-04-24",
         "text": "Iranian and North Korean officials held talks in Tehran on Tuesday about trade."},
        {"title": "Empty", "date": "2024-04-24", "text": ""},
        {"title": "Strike", "date": "2024-04-24",
         "text": "Tehran fired several hundred missiles and drones at Israel on April 13."},
    ]) + "\n")
    result = runner.invoke(main, ["extract", str(corpus), "--jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.strip().splitlines()]
    assert len(lines) == 3
    assert "rejected" in lines[1] and lines[1]["rejected"]["reason"]
    assert lines[0]["article"]["title"] == "Talks"
    assert lines[2]["article"]["published"] == "2024-04-24"


@pytest.mark.slow
def test_ingest_then_query_then_export_end_to_end(runner, tmp_path, fixtures):
    db = str(tmp_path / "store.duckdb")
    pages = fixtures / "pages"
    result = runner.invoke(main, ["ingest", str(pages), str(fixtures / "empty.txt"),
                                  "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "rejected" in result.output
    first = runner.invoke(main, ["events", "--db", db, "--format", "json", "--limit", "1000"])
    assert first.exit_code == 0, first.output
    events = json.loads(first.output)
    assert events, "the fixture pages report events; none were stored"
    assert {e["type"] for e in events} <= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

    # Idempotent: a second ingest adds nothing.
    again = runner.invoke(main, ["ingest", str(pages), "--db", db, "--quiet"])
    assert again.exit_code == 0 and "0 new article(s)" in again.output
    second = json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json",
                                             "--limit", "1000"]).output)
    assert second == events

    out = tmp_path / "events.csv"
    exported = runner.invoke(main, ["export", "--db", db, "--format", "csv", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_text().count("\n") == len(events) + 1


def test_field_mapping_errors_say_what_to_write(runner, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("headline,body\nA,B\n")
    result = runner.invoke(main, ["extract", str(corpus), "--jsonl", "--field", "body"])
    assert result.exit_code == 1
    assert "FIELD=COLUMN" in _err(result)


@pytest.mark.slow
def test_ingest_folder_with_globs_and_a_csv_with_odd_columns(runner, tmp_path):
    pages = tmp_path / "pages"
    (pages / "drafts").mkdir(parents=True)
    story = "Ukraine accused Russia of shelling civilian areas of Kharkiv on Sunday night."
    (pages / "a.txt").write_text("Shelling\n\n" + story + "\n")
    (pages / "drafts" / "b.txt").write_text("Draft\n\n" + story.replace("Sunday", "Monday") + "\n")
    (pages / "notes.md").write_text("not a story\n")
    corpus = tmp_path / "dump.csv"
    corpus.write_text("story_body,hed,when\n"
                      '"Israeli troops attacked Hamas positions in Gaza on Monday, the army said.",'
                      "Gaza,2024-04-24\n")
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(main, ["ingest", str(pages), "--include", "*.txt", "--exclude",
                                  "drafts/*", "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 new article(s)" in result.output
    result = runner.invoke(main, ["ingest", str(corpus), "--field", "text=story_body",
                                  "--field", "title=hed", "--field", "published=when",
                                  "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 new article(s)" in result.output


@pytest.mark.slow
def test_a_file_in_an_undeclared_legacy_encoding_is_decoded_not_rejected(runner, tmp_path):
    page = tmp_path / "cp1252.txt"
    text = ("Talks in Paris\n\nFrance’s président met Germany’s chancellor in Paris on "
            "Tuesday for talks on the café tax, officials said.\n")
    page.write_bytes(text.encode("cp1252"))
    result = runner.invoke(main, ["extract", str(page), "--published", "2024-04-24", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)["article"]["text"]
    assert "président" in body and "France’s" in body


# --- issue 15: the first ten minutes ------------------------------------------

@pytest.mark.slow
def test_a_headline_without_a_full_stop_is_coded_not_refused_issue15(runner):
    result = runner.invoke(main, ["extract", "-", "--published", "2024-05-01", "--json"],
                           input="Russia and Ukraine agree to prisoner swap\n")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["article"]["text"] == "Russia and Ukraine agree to prisoner swap"
    # Coded as spaCy parses the sentence alone: the headline is the text, not a
    # repeated title to skip.
    assert {(e["type"], e["source"]["country"], e["target"]["country"])
            for e in out["events"]} >= {("AGREE", "RUS", "UKR")}
    table = runner.invoke(main, ["extract", "-", "--published", "2024-05-01"],
                          input="Putin visits China")
    assert table.exit_code == 0, table.output
    assert "CONSULT" in table.output


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store file with more events and claims than the table view shows."""
    from newsevents.store import Store
    from newsevents.store.synthetic import synthetic_corpus

    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    with Store(str(path)) as s:
        s.write_batch(synthetic_corpus(200, seed=15))
        counts = s.counts()
    assert counts["events"] > 50 and counts["claims"] > 50
    return str(path), counts


def test_machine_formats_are_complete_unless_limited_issue15(runner, big_store):
    db, counts = big_store
    as_json = runner.invoke(main, ["events", "--db", db, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert len(json.loads(as_json.output)) == counts["events"]
    as_csv = runner.invoke(main, ["events", "--db", db, "--format", "csv"])
    assert as_csv.output.count("\n") == counts["events"] + 1  # header + every event
    limited = runner.invoke(main, ["events", "--db", db, "--format", "json", "--limit", "7"])
    assert len(json.loads(limited.output)) == 7
    claims = runner.invoke(main, ["claims", "--db", db, "--format", "json"])
    assert claims.exit_code == 0, claims.output
    assert len(json.loads(claims.output)) == counts["claims"]
    some = runner.invoke(main, ["claims", "--db", db, "--format", "json", "--limit", "3"])
    assert len(json.loads(some.output)) == 3


def test_the_table_says_how_many_it_shows_and_how_to_see_more_issue15(runner, big_store):
    db, counts = big_store
    table = runner.invoke(main, ["events", "--db", db])
    assert table.exit_code == 0, table.output
    text = " ".join(table.output.split())
    assert f"50 of {counts['events']:,} event(s) shown" in text
    assert "--limit N" in text and "--format csv" in text
    claims = " ".join(runner.invoke(main, ["claims", "--db", db]).output.split())
    assert f"50 of {counts['claims']:,} claim(s) shown" in claims and "--format json" in claims
    everything = runner.invoke(main, ["events", "--db", db, "--limit", str(counts["events"])])
    assert " of " not in everything.output.splitlines()[-1]
    assert f"{counts['events']:,} event(s)" in everything.output
    bad = runner.invoke(main, ["events", "--db", db, "--limit", "0"])
    assert bad.exit_code == 1 and "--limit" in _err(bad)


def test_export_ends_its_line_and_duckdb_draws_no_progress_bar_issue15(runner, big_store,
                                                                       tmp_path):
    from newsevents.store import open_store

    db, counts = big_store
    out = tmp_path / "e.parquet"
    result = runner.invoke(main, ["export", "--db", db, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {counts['events']} events to {out} (parquet).\n"
    # DuckDB's own terminal progress bar left its line open before our message.
    with open_store(db, read_only=True) as store:
        for con in (store.con, store.con.cursor()):
            assert con.execute("SELECT current_setting('enable_progress_bar')").fetchall() \
                == [(False,)]


def test_ingest_offers_only_engines_that_exist_issue15(runner, monkeypatch, tmp_path):
    helptext = runner.invoke(main, ["ingest", "--help"]).output
    assert "[local|spark]" in helptext and "dask" not in helptext.lower()
    monkeypatch.setenv("NEWSEVENTS_ENGINE", "dask")
    result = runner.invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "must be one of local, spark" in _err(result)


def test_claims_lists_a_denial_reported_in_another_article(runner, tmp_path):
    from datetime import date

    from newsevents.models import Actor, Article, Claim, Coded, Response
    from newsevents.store import open_store
    from newsevents.store.ledger import link_ledger

    prk = Actor("North Korea", "PRK", "PRK")
    a_text = "The United States accused North Korea of supplying artillery shells to Russia."
    b_text = "Pyongyang denied supplying artillery shells to Russia."
    claim = Claim(id="c-x", claimant=Actor("United States", "USA", "USA"), accused=(prk,),
                  text="supplying artillery shells to Russia", span=(41, len(a_text) - 1), cue="accused")
    resp = Response(id="r-x", claim_id=None, responder=Actor("Pyongyang", "PRK", "PRK"), kind="denial",
                    text="denied supplying artillery shells to Russia", span=(10, len(b_text) - 1),
                    cue="denied")
    db = str(tmp_path / "x.duckdb")
    store = open_store(db)
    store.write_batch([
        Coded(article=Article(id="a", text=a_text, title="A", published=date(2024, 4, 1)), claims=(claim,)),
        Coded(article=Article(id="b", text=b_text, title="B", published=date(2024, 4, 3)),
              responses=(resp,))])
    link_ledger(store)
    store.close()
    out = " ".join(runner.invoke(main, ["claims", "--db", db]).output.split())
    assert "2024-04-03 denial by Pyongyang (another article): denied supplying" in out
    # the evidence: the sentence of the report
    assert f"· 2024-04-01 A: {a_text}" in out
    rows = json.loads(runner.invoke(main, ["claims", "--db", db, "--format", "json"]).output)
    assert rows[0]["responses"][0]["link_method"] == "cross-article"

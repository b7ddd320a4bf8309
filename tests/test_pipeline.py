"""The pipeline over batches: site furniture, rejections kept, re-runs."""

from __future__ import annotations

import pytest

from newsevents.pipeline import ingest
from newsevents.settings import load_settings
from newsevents.store import open_store

FOOTER = "Follow the Daily Courier on Mastodon for breaking updates"
STORIES = [
    "Iranian and Iraqi officials held talks in Baghdad on Monday about border security.",
    "Ukraine accused Russia of shelling civilian areas of Kharkiv on Sunday night.",
    "China and Vietnam agreed to expand trade talks during a visit to Hanoi last week.",
    "Protesters marched on parliament in Nairobi on Tuesday demanding lower taxes.",
]


@pytest.mark.slow
def test_ingest_drops_lines_that_recur_across_one_sites_pages(tmp_path):
    pages = tmp_path / "courier"
    pages.mkdir()
    for i, story in enumerate(STORIES):
        (pages / f"story{i}.txt").write_text(
            f"Headline number {i} of the day\n\n{story} The talks and protests continue, "
            f"officials said.\n\n{FOOTER}\n")
    (pages / "empty.txt").write_text("")
    settings = load_settings(workers=1)
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest([str(pages)], store, settings)
        texts = [r[0] for r in store.con.execute("SELECT text FROM articles").fetchall()]
        removed = [r[0] for r in store.con.execute("SELECT removed FROM articles").fetchall()]
        rejections = store.con.execute("SELECT source, reason FROM rejections").fetchall()
    # Never lose an input: every document is an article or a recorded rejection.
    assert report.documents == 5 == report.articles + report.rejected
    assert [reason for _, reason in rejections] == ["empty"]
    assert len(texts) == 4 and all(FOOTER not in t for t in texts)
    assert all(any(FOOTER in line for line in r) for r in removed)


@pytest.mark.slow
def test_reingest_changes_nothing_and_reports_what_was_stored(tmp_path):
    page = tmp_path / "one.txt"
    page.write_text("Talks\n\n" + STORIES[0] + "\n")
    settings = load_settings(workers=1)
    with open_store(tmp_path / "s.duckdb") as store:
        first = ingest([str(page)], store, settings)
        before = store.counts()
        second = ingest([str(page)], store, settings)
        after = store.counts()
    assert first.articles == 1 and second.articles == 0 and second.already_stored == 1
    assert {k: v for k, v in before.items() if k != "runs"} == \
        {k: v for k, v in after.items() if k != "runs"}


@pytest.mark.slow
def test_a_stage_failing_on_one_article_rejects_it_and_codes_the_rest(tmp_path, monkeypatch):
    import newsevents.coding as pipeline  # the one coding path (issue 18)

    real = pipeline.extract_speech

    def flaky(doc, *args, **kwargs):
        if "Kharkiv" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    folder = tmp_path / "news"
    folder.mkdir()
    for i, story in enumerate(STORIES):
        (folder / f"s{i}.txt").write_text(f"Story {i}\n\n{story}\n")
    settings = load_settings(workers=1)
    with open_store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(pipeline, "extract_speech", flaky)
        report = ingest([str(folder)], store, settings)
        rejections = store.con.execute(
            "SELECT source, reason, detail, stage FROM rejections").fetchall()
        assert report.articles == 3 and report.rejected == 1
        assert [(src.endswith("s1.txt"), reason) for src, reason, _, _ in rejections] == \
            [(True, "coding-error")]
        assert "IndexError" in rejections[0][2]
        # issue 18: the failing stage is named, not a blanket "nlp"
        assert rejections[0][3] == "quotes" and "quotes stage failed" in rejections[0][2]
        monkeypatch.setattr(pipeline, "extract_speech", real)  # "after an upgrade"
        again = ingest([str(folder)], store, settings)
    assert again.articles == 1 and again.already_stored == 3  # nothing lost: the re-run codes it


def test_newsevents_ingest_stays_the_function_when_the_subpackage_is_imported_issue15():
    import newsevents
    import newsevents.ingest.sources  # noqa: F401 - sets the package attribute on import
    from newsevents import pipeline
    from newsevents.ingest import iter_documents

    assert newsevents.ingest is pipeline.ingest and callable(iter_documents)

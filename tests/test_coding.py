"""The one coding path (newsevents.coding): furniture windows, duplicate decision, stage names."""

from __future__ import annotations

import pytest

from newsevents.coding import (
    DUPLICATE,
    NEW,
    STORED,
    DuplicateGate,
    IngestReport,
    book_batch,
    code_article,
    coding_rejection,
    drop_site_furniture,
    split_coded,
)
from newsevents.models import Article, Coded, RawDocument, Rejected
from newsevents.settings import Settings

FURNITURE = "Follow the Harbor Ledger on every network"


def _pages(n: int) -> list[RawDocument]:
    return [RawDocument(f"p{i}", f"Officials in Cairo met envoys from Jordan on Monday to discuss "
                        f"trade, story number {i} of the day, the ministry said in a "
                        f"statement.\n{FURNITURE}",
                        url=f"https://ledger.example.org/{i}") for i in range(n)]


def test_furniture_is_cut_over_the_window_not_the_transaction():
    out = list(drop_site_furniture(_pages(4)))
    assert len(out) == 4
    assert [FURNITURE in d.content for d in out] == [False] * 4
    assert out[0].meta["recurring_removed"] == (FURNITURE,)


def test_furniture_filter_keeps_rejections_in_place_and_needs_three_pages():
    bad = Rejected("x", "ingest", "empty")
    out = list(drop_site_furniture([bad, *_pages(3)]))
    assert out[0] is bad and not [d for d in out[1:] if FURNITURE in d.content]
    two = list(drop_site_furniture(_pages(2)))
    assert [FURNITURE in d.content for d in two] == [True, True]


def test_windows_are_fixed_size_slices_of_the_stream():
    # 3 pages per window: each window has enough pages; 2-page tails keep their line.
    out = list(drop_site_furniture(_pages(5), window=3))
    assert [FURNITURE in d.content for d in out] == [False, False, False, True, True]


def test_duplicate_gate_checks_the_run_before_the_store():
    gate = DuplicateGate()
    assert gate.decide(["a", "b", None], known={"b"}) == [NEW, STORED, None]
    # a later batch: both seen in this run, whatever the store says now
    assert gate.decide(["a", "b", "c"], known=set()) == [DUPLICATE, DUPLICATE, NEW]


def test_a_failing_stage_is_named_in_the_rejection(monkeypatch):
    import newsevents.coding as coding

    def broken(*args, **kwargs):
        raise KeyError("gazetteer row")

    monkeypatch.setattr(coding, "resolve_actors", lambda *a, **k: [])
    monkeypatch.setattr(coding, "resolve_dates", lambda *a, **k: [])
    monkeypatch.setattr(coding, "resolve_places", broken)
    article = Article(id="a1", text="t", title=None, published=None, source="f.txt")
    coded = code_article(article, object(), Settings())
    assert coded.error_stage == "places" and "KeyError" in coded.error
    rejection = coding_rejection(coded)
    assert (rejection.source, rejection.stage, rejection.reason) == \
        ("f.txt", "places", "coding-error")
    ok, bad = split_coded([Coded(article=article), coded])
    assert len(ok) == 1 and bad == [rejection]


def test_book_batch_counts_rejections_by_reason():
    report = IngestReport()
    book_batch(report, documents=4, articles=2, events=5, reasons=["duplicate", "empty"])
    book_batch(report, documents=1, reasons=["duplicate"])
    assert (report.documents, report.articles, report.events, report.rejected) == (5, 2, 5, 3)
    assert report.reasons == {"duplicate": 2, "empty": 1}


@pytest.mark.slow
def test_issue18_extract_many_cleaning_does_not_depend_on_the_batch_size():
    from newsevents.pipeline import extract_many

    out = {size: list(extract_many(_pages(4), Settings(), batch_docs=size)) for size in (1, 64)}
    assert not [c for c in out[1] + out[64] if isinstance(c, Rejected)]
    texts = {size: [c.article.text for c in coded] for size, coded in out.items()}
    assert len(texts[1]) == 4
    assert texts[1] == texts[64]
    assert not [t for t in texts[1] if FURNITURE in t]

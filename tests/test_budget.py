"""The per-document budget (issue 19): long texts, runs with no sentence end and slow
documents end as a coded article or a recorded rejection, and the batch goes on."""

import time

from newsevents.budget import (
    MAX_TEXT_CHARS,
    budget_rejection,
    code_articles,
    parse_in_pieces,
    refusal,
    segments,
    split_text,
)
from newsevents.coding import code_articles as _parse_articles
from newsevents.coding import coded_language as _coded_language
from newsevents.coding import coding_rejection
from newsevents.models import Article, Coded
from newsevents.settings import Settings

A = "Iran condemned Israel on Tuesday in Geneva, state media reported. "


def article(text, id_="a"):
    return Article(id=id_, text=text, title=None, published=None, source=id_)


def test_split_text_gives_the_text_back_and_bounds_runs():
    text = A * 50 + "x" * 12_000 + " " + A * 3 + ("word " * 3000)
    pieces = split_text(text, size=2_000, run=1_000)
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= 2_000
    assert "".join(segments(text)) == text


def test_parse_in_pieces_is_one_doc_over_the_exact_text():
    text = (A * 40) + ("& " * 3_000) + "\n" + A
    doc = parse_in_pieces(text, Settings().model)
    assert doc.text == text
    assert any(s.text.startswith("Iran condemned") for s in doc.sents)


def test_issue19_too_long_and_not_prose_are_rejections_not_crashes():
    long = article((A * (MAX_TEXT_CHARS // len(A) + 10)), "long")
    symbols = article("&" * 100_000, "amp")
    good = article(A + "The talks failed.", "good")
    coded = _parse_articles([long, symbols, good], Settings())
    reasons = [budget_rejection(c).reason if c.error else None for c in coded]
    assert reasons == ["too_long", "not_prose", None]
    assert coded[2].events  # the neighbour is coded
    assert refusal(A * 10) is None


def test_issue19_a_document_past_its_deadline_is_a_coding_timeout_and_the_batch_goes_on():
    def slow_code(a, doc, settings):
        if a.id == "slow":
            time.sleep(30)  # interrupted by the deadline
        return Coded(article=a)

    arts = [article(A, "first"), article(A + " Slow.", "slow"), article(A + " Last.", "last")]
    code_articles(arts[:1], Settings(coding_timeout_s=0.5), slow_code, _coded_language)  # warm
    t0 = time.monotonic()
    out = code_articles(arts, Settings(coding_timeout_s=0.5), slow_code, _coded_language)
    assert time.monotonic() - t0 < 25  # not a timing test: without the deadline it takes 30 s
    assert [c.article.id for c in out] == ["first", "slow", "last"]
    assert [bool(c.error) for c in out] == [False, True, False]
    rej = coding_rejection(out[1])
    assert rej.reason == "coding-timeout" and "coding_timeout_s" in rej.detail


def test_a_parse_failure_is_that_articles_error_only():
    def boom(a, doc, settings):
        if a.id == "bad":
            raise ValueError("parser exploded")
        return Coded(article=a)

    out = code_articles([article(A, "bad"), article(A + "x", "ok")], Settings(), boom,
                        _coded_language)
    # code_article catches stage errors itself; here the raw callable raised.
    assert out[0].error.startswith("ValueError") and not out[1].error


def test_the_deadline_keeps_an_outer_alarm():
    import signal

    from newsevents.budget import deadline

    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        with deadline(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 40 < left <= 50  # re-armed, not cancelled
        with deadline(100):  # the outer alarm is due first: no alarm of its own
            assert 40 < signal.getitimer(signal.ITIMER_REAL)[0] <= 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)

"""The public API keeps its functions (issue 19: ``newsevents.ingest`` became a module)."""

import newsevents
from newsevents.store import Store

A = "Iran condemned Israel on Tuesday in Geneva, state media reported."


def test_issue19_newsevents_ingest_can_be_called_twice(tmp_path):
    (tmp_path / "a.txt").write_text(A + " The talks in Vienna failed.")
    (tmp_path / "b.txt").write_text(A + " Russia denied it on Friday.")
    with Store(":memory:") as store:
        first = newsevents.ingest([str(tmp_path / "a.txt")], store, newsevents.Settings(workers=1))
        second = newsevents.ingest([str(tmp_path / "b.txt")], store, newsevents.Settings(workers=1))
        assert (first.articles, second.articles) == (1, 1)
        # Importing the subpackage by name, as the web layer does, keeps it callable.
        from newsevents.ingest import iter_documents  # noqa: F401

        third = newsevents.ingest([str(tmp_path / "a.txt")], store, newsevents.Settings(workers=1))
        assert third.already_stored == 1
    assert callable(newsevents.ingest)

"""Quotation-mark segmentation and the cue lexicon (no spaCy model needed)."""

import pytest

from newsevents.errors import DataFileError
from newsevents.quotes.lexicon import lexicon, load_lexicon
from newsevents.quotes.marks import find_segments


def _texts(text):
    return [text[s.start:s.end] for s in find_segments(text)]


def test_curly_and_straight_quotes_are_found_without_marks_or_trailing_comma():
    text = '“We reject it,” he said. She called it "baseless," officials said.'
    assert _texts(text) == ["We reject it", "baseless"]


def test_mixed_marks_in_one_quote_pair_up():
    assert _texts('ignoring “the clear and consistent concerns" of the council') == [
        "the clear and consistent concerns"]


def test_quote_split_by_the_cue_gives_two_segments():
    text = '“First half,” he said, “second half.”'
    assert _texts(text) == ["First half", "second half."]


def test_paragraph_spanning_quote_closes_at_paragraph_end():
    text = '“The first paragraph goes on.\n\n“The second one ends here,” she said.'
    segs = find_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["The first paragraph goes on.", "The second one ends here"]
    assert segs[0].close_mark is None


def test_unclosed_quote_runs_to_the_end():
    assert _texts('He said "this never closes') == ["this never closes"]


def test_bundled_lexicon_has_the_cue_classes():
    lex = lexicon()
    assert lex.is_("speech", "say") and lex.is_("denial", "deny") and lex.is_("confirmation", "confirm")
    assert lex.roles["envoy"] == lex.roles["ambassador"]


def test_malformed_lexicon_raises_a_clear_error(tmp_path):
    (tmp_path / "cues.tsv").write_text("# version\t1\nlemma\tpos\tclass\nsay\tVERB\tnot_a_class\n",
                                       encoding="utf-8")
    (tmp_path / "roles.tsv").write_text("# version\t1\nrole\tgroup\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown class"):
        load_lexicon(tmp_path)


def test_missing_lexicon_file_says_how_to_fix(tmp_path):
    with pytest.raises(DataFileError, match="missing"):
        load_lexicon(tmp_path)

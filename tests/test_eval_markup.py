"""eval/markup.py: the one reading of a quoted string that all gold builders share."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from markup import MarkupError, locate, occurrence  # noqa: E402

TEXT = "Iran condemned Israel. Israel denied it. Iran said more."


def test_a_string_that_occurs_once_needs_no_occurrence_number():
    assert locate(TEXT, "denied", None) == TEXT.index("denied")


def test_the_kth_occurrence_is_one_based():
    assert locate(TEXT, "Iran", 1) == 0
    assert locate(TEXT, "Iran", 2) == TEXT.rindex("Iran")


@pytest.mark.parametrize("needle, k, why", [
    ("Iran", None, "occurs 2 times"),
    ("Iran", 3, "@3 but the string occurs 2"),
    ("Syria", None, "not in the text"),
    ("", None, "empty string"),
    ("-", None, "empty string"),
])
def test_a_string_that_cannot_be_anchored_says_why(needle, k, why):
    with pytest.raises(MarkupError, match=why):
        locate(TEXT, needle, k)


def test_a_trailing_at_k_field_is_split_off():
    assert occurrence(["Iran", "ISR", "@2"]) == (["Iran", "ISR"], 2)
    assert occurrence(["Iran", "@x"]) == (["Iran", "@x"], None)
    assert occurrence([]) == ([], None)

"""The one table loader (newsevents.tables): convention, validation, user extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.tables import read_table, read_tables

DATA = Path(__file__).resolve().parents[1] / "newsevents" / "data"


def _write(tmp_path: Path, text: str, name: str = "t.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rows_after_version_comments_and_header(tmp_path):
    path = _write(tmp_path, "# version\t3\n# a note\na\tb\n\nx\ty\n# mid comment\nz\tw\n")
    assert read_table(path, ("a", "b")) == [("x", "y"), ("z", "w")]


@pytest.mark.parametrize("text, message", [
    ("a\tb\nx\ty\n", "version"),
    ("# version\t1\na\tc\nx\ty\n", "header must be a<TAB>b"),
    ("# version\t1\na\tb\nx\n", "expected 2 non-empty"),
    ("# version\t1\na\tb\nx\t \n", "expected 2 non-empty"),
    ("# version\t1\n", "no header row"),
])
def test_malformed_tables_name_the_file_line_and_fix(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(DataFileError, match=message) as err:
        read_table(path, ("a", "b"))
    assert str(path) in str(err.value)


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(DataFileError, match="missing"):
        read_table(tmp_path / "nope.tsv", ("a",))


def test_user_files_extend_the_bundled_table_without_a_version_line(tmp_path):
    bundled = _write(tmp_path, "# version\t1\na\tb\nx\ty\n", "bundled.tsv")
    user = _write(tmp_path, "a\tb\nu\tv\n", "user.tsv")
    assert read_tables(bundled, [user], ("a", "b")) == [("x", "y"), ("u", "v")]


@pytest.mark.parametrize("path, columns", [
    ("quotes/cues.tsv", ("lemma", "pos", "class")),
    ("quotes/roles.tsv", ("role", "group")),
    ("clean/labels.tsv", ("category", "language", "phrase")),
    ("clean/months.tsv", ("language", "month", "name")),
])
def test_bundled_tables_follow_the_one_convention(path, columns):
    rows = read_table(DATA / path, columns)
    assert len(rows) > 10

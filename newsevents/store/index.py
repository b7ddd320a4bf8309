"""Derived lookup tables kept in step with ``event_mentions`` (migration 002).

* ``event_actors``: every distinct (code, country, name) on either side of an
  event mention — a few thousand rows. The query layer resolves a user's
  actor string ("IRN", "iran", "IRNGOV") against it and then filters events
  with ``source_code IN (...)``, a cheap semi-join, instead of evaluating
  four string predicates (one a ``lower()``) on every event row.
* ``tokens`` / ``mention_tokens``: a word index for full-text search. Each
  event mention gets a number (``event_mentions.seq``, assigned once, in
  write order); ``tokens`` is the vocabulary (lower-cased words of the
  evidence sentences) and ``mention_tokens`` maps a word to the mentions
  whose sentence holds it. A search word is looked up in the small
  vocabulary by substring (what ``ILIKE '%word%'`` matched), then the
  postings give the mentions, without reading any sentence.

Everything here runs inside the caller's transaction, so the indexes commit
or roll back with the batch that changed ``event_mentions``.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = ["TOKEN_PATTERN", "index_new_mentions", "next_seq"]

# RE2 (DuckDB) pattern of one word: a letter, digit or underscore, then
# letters, digits, underscores, apostrophes and hyphens ("al-Aqsa", "Iran's").
# It mirrors ``query.filters._WORD`` (Python's ``\w[\w'-]*``) so a search
# word is always a substring of one indexed token when it occurs in a sentence.
TOKEN_PATTERN = r"[\pL\pN_][\pL\pN_'-]*"
_TOKENS_OF = f"regexp_extract_all(lower(sentence), '{TOKEN_PATTERN.replace(chr(39), chr(39) * 2)}')"


def next_seq(con) -> int:
    """The first unused mention number.

    >>> import duckdb; from newsevents.store import Store
    >>> next_seq(Store(":memory:").con)
    1
    """
    return con.execute("SELECT coalesce(max(seq), 0) + 1 FROM event_mentions").fetchall()[0][0]


def with_seq(table: pa.Table, first: int) -> pa.Table:
    """``table`` with a ``seq`` column numbering its rows from ``first``."""
    seq = pa.array(range(first, first + table.num_rows), pa.int64())
    if "seq" in table.column_names:
        return table.set_column(table.column_names.index("seq"), "seq", seq)
    return table.append_column("seq", seq)


def index_new_mentions(con) -> None:
    """Number unnumbered event mentions and add them to the actor and word indexes.

    Mentions written through :meth:`Store.write_batch` or
    :meth:`Store.insert_arrow` already carry ``seq``; rows inserted by hand
    (a migration of an old store, a raw ``INSERT``) get numbers here, in
    ``(article_id, id)`` order. Only mentions above the highest number
    already in the word index are read, so a batch costs what it adds.
    """
    if con.execute("SELECT count(*) FROM event_mentions WHERE seq IS NULL").fetchall()[0][0]:
        con.execute(
            "UPDATE event_mentions SET seq = n.seq FROM ("
            "  SELECT article_id, id, (SELECT coalesce(max(seq), 0) FROM event_mentions) "
            "         + row_number() OVER (ORDER BY article_id, id) AS seq "
            "  FROM event_mentions WHERE seq IS NULL) n "
            "WHERE event_mentions.article_id = n.article_id AND event_mentions.id = n.id")
    done = con.execute("SELECT coalesce(max(seq), 0) FROM index_state").fetchall()[0][0]
    last = con.execute("SELECT coalesce(max(seq), 0) FROM event_mentions").fetchall()[0][0]
    if last <= done:
        return
    con.execute(
        "INSERT INTO event_actors SELECT * FROM ("
        "  SELECT source_code, source_country, source_name FROM event_mentions WHERE seq > ? "
        "  UNION SELECT target_code, target_country, target_name FROM event_mentions "
        "  WHERE seq > ?) x(code, country, name) "
        "WHERE code IS NOT NULL OR name IS NOT NULL "
        "EXCEPT SELECT code, country, name FROM event_actors", [done, done])
    con.execute(f"CREATE OR REPLACE TEMP TABLE _words AS SELECT DISTINCT seq, "
                f"unnest({_TOKENS_OF}) AS token FROM event_mentions WHERE seq > ?", [done])
    try:
        con.execute(
            "INSERT INTO tokens SELECT (SELECT coalesce(max(id), 0) FROM tokens) "
            "  + row_number() OVER (ORDER BY token), token "
            "FROM (SELECT DISTINCT token FROM _words "
            "      WHERE token NOT IN (SELECT token FROM tokens))")
        con.execute("INSERT INTO mention_tokens SELECT t.id, w.seq FROM _words w "
                    "JOIN tokens t ON t.token = w.token ORDER BY t.id, w.seq")
    finally:
        con.execute("DROP TABLE IF EXISTS _words")
    con.execute("DELETE FROM index_state")
    con.execute("INSERT INTO index_state VALUES (?)", [last])

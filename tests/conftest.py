"""Shared fixtures: paths, an isolated working directory, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


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

"""Docs are tested: every command and setting is documented, README examples run."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.settings import settings_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"`newsevents {command}" in README, f"README's command table lacks {command}"
    assert re.search(rf"^### {command.capitalize()}$", README, re.M), \
        f"README has no '### {command.capitalize()}' section"


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, _, _ in settings_table():
        assert f"`{name}`" in doc, f"docs/settings.md lacks setting {name}"


def test_contract_copy_is_current():
    shared = ROOT.parent / "shared" / "docs" / "CONTRACT.md"
    if not shared.exists():
        pytest.skip(reason="../shared is not laid beside this checkout")
    assert (ROOT / "docs" / "CONTRACT.md").read_text() == shared.read_text()


@pytest.mark.slow
def test_readme_dates_example_runs(runner):
    line = next(x for x in README.splitlines() if x.startswith("newsevents dates "))
    args = shlex.split(line)[1:]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["value"] == "2024-04-23"

"""Load an eval script as a module (eval/ is scripts, not a package), for the tests of eval/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANN = ROOT / "eval" / "annotated"


def load(name: str, path: Path, search: Path = ANN):
    """The module at ``path`` under ``name``; ``search`` goes on sys.path for its own imports."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    if str(search) not in sys.path:
        sys.path.insert(0, str(search))
    spec.loader.exec_module(mod)
    return mod

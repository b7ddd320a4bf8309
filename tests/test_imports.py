"""Imports point one way (issue 18): no circle between the pipeline and the engines, or in web/."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "newsevents"


def _imports(path: Path) -> set[str]:
    """Modules a file imports (absolute names), at any depth, including function-level imports."""
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - (node.level - 1)]) if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def test_engines_and_coding_never_import_the_pipeline():
    files = sorted((PKG / "engines").glob("*.py")) + [PKG / "coding.py"]
    assert len(files) >= 5
    offenders = {f.name: sorted(i for i in _imports(f) if i.startswith("newsevents.pipeline"))
                 for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_web_routes_do_not_import_the_app_factory():
    routes = [PKG / "web" / name for name in ("api.py", "pages.py", "views.py", "deps.py")]
    offenders = {f.name: sorted(i for i in _imports(f) if i.startswith("newsevents.web.app"))
                 for f in routes}
    assert {k: v for k, v in offenders.items() if v} == {}
    # ...while the factory does import the routes: the one direction
    assert "newsevents.web.api" in _imports(PKG / "web" / "app.py")


def test_query_imports_only_the_store_and_models():
    allowed = ("newsevents.query", "newsevents.store", "newsevents.models", "newsevents.errors",
               "newsevents.settings")
    version = {"newsevents", "newsevents.__version__"}  # the package version, for file headers
    bad = {f.name: sorted(i for i in _imports(f) if i.startswith("newsevents")
                          and not i.startswith(allowed) and i not in version)
           for f in sorted((PKG / "query").glob("*.py"))}
    assert {k: v for k, v in bad.items() if v} == {}

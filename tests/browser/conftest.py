"""Fixtures for the dashboard's browser tests: a fixture store served by
uvicorn on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for test_web_support

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a running dashboard over the fixture store."""
    from test_web_support import build_store

    path = tmp_path_factory.mktemp("browser") / "web.duckdb"
    info = build_store(path)
    srv, t, url = _serve(path)
    yield url, info
    srv.should_exit = True
    t.join(10)


def _serve(path):
    import uvicorn

    from newsevents.settings import Settings
    from newsevents.web import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(path, Settings()), host="127.0.0.1",
                                        port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    return srv, t, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def voa_server(tmp_path_factory):
    """Base URL of a dashboard over the VOA sample ingested by the real pipeline (slow)."""
    from test_web_support import voa_store

    srv, t, url = _serve(voa_store(tmp_path_factory)["path"])
    yield url
    srv.should_exit = True
    t.join(10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(reason="Debian chromium is not installed at /usr/bin/chromium "
                    "(`make test` installs it; or apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (requirements-dev.lock)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.js_errors = errors
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)

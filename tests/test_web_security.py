"""Web security (issue 19): Host allow-list, security headers, query limits, /docs offline."""

import re

import pytest
from fastapi.testclient import TestClient

from newsevents.settings import Settings
from newsevents.store import Store
from newsevents.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("sec") / "s.duckdb"
    Store(path).close()
    with TestClient(create_app(str(path), Settings(allowed_hosts=("news.example.org",)))) as c:
        yield c


def test_issue19_a_foreign_host_is_refused(client):
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "[::1]:8000"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "news.example.org"}).status_code == 200
    r = client.get("/api/events", headers={"Host": "evil.example.com:8000"})
    assert r.status_code == 400 and r.json()["error"]["status"] == 400
    assert r.headers["x-frame-options"] == "DENY"


def test_issue19_every_response_has_the_security_headers(client):
    for url in ("/", "/api/events", "/docs", "/no-such-page", "/static/app.css"):
        h = client.get(url).headers
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
        csp = h["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]


def test_issue19_string_parameters_are_length_limited(client):
    for name in ("actor", "dyad", "type", "mode", "status", "location"):
        r = client.get("/api/events", params={name: "x" * 5000})
        assert r.status_code == 422, name
        assert r.json()["error"]["code"]
    assert client.get("/api/events", params={"actor": "IRN"}).status_code == 200


def test_issue19_docs_are_served_from_the_package(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/api/events" in r.text and "<script" not in r.text
    assert not re.search(r"(src|href)=['\"]https?://", r.text)  # no CDN
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_bound_to_every_interface_without_a_list_the_host_is_not_checked(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with TestClient(create_app(str(path), Settings(host="0.0.0.0"))) as c:
        assert c.get("/api/events", headers={"Host": "192.168.1.5:8000"}).status_code == 200

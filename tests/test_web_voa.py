"""Every dashboard view and API list on a store the real pipeline built from the VOA sample."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from test_web_support import voa_store

from newsevents.settings import Settings
from newsevents.store import open_store
from newsevents.web import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def voa(tmp_path_factory):
    return voa_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(voa):
    with TestClient(create_app(voa["path"], Settings())) as c:
        yield c


def test_the_voa_store_is_complete(voa):
    assert voa["report"].articles > 50 and voa["report"].events > 50
    with open_store(voa["path"], read_only=True) as s:
        assert s.check_integrity() == []


def test_every_view_renders_on_the_voa_store(client):
    ov = client.get("/api/overview").json()
    assert ov["counts"]["events"] > 50 and ov["top_dyads"]
    top = ov["top_dyads"][0]
    event_id = ov["recent_events"][0]["id"]
    article_id = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    pages = ["/", "/events", f"/events/{event_id}", "/dyad",
             f"/dyad?source={top['source']}&target={top['target']}&period=week",
             "/network", f"/actors/{top['source']}", "/articles", f"/articles/{article_id}",
             "/claims", "/runs", "/search?q=Iran"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("text/html"), url
        assert "Traceback" not in r.text, url


def test_event_page_shows_each_reporting_sentence_with_its_trigger(client):
    items = client.get("/api/events", params={"sort": "mentions_desc", "limit": 5}).json()["items"]
    for ev in items:
        detail = client.get(f"/api/events/{ev['id']}").json()
        assert len(detail["mentions"]) == detail["event"]["mentions"]
        for m in detail["mentions"]:
            assert "".join(s["text"] for s in m["highlights"]) == m["sentence"]
            assert any(s["cls"] and "trigger" in s["cls"] for s in m["highlights"]), m["sentence"]
        page = client.get(f"/events/{ev['id']}").text
        # the trigger is marked up in the page, escaped like all article text
        assert re.search(r'class="[^"]*trigger', page)


def test_dyad_timeline_and_filters_agree_on_the_voa_store(client):
    top = client.get("/api/dyads", params={"limit": 3}).json()["items"]
    for d in top:
        listed = client.get("/api/events", params={"dyad": f"{d['source']}:{d['target']}",
                                                   "limit": 500}).json()["items"]
        assert len(listed) >= d["events"]  # the dyad filter also takes sub-codes
        assert {(e["source_code"], e["target_code"]) for e in listed} >= {
            (d["source"], d["target"])}
        timeline = client.get(f"/api/dyads/{d['source']}/{d['target']}").json()
        assert sum(r["events"] for r in timeline["by_type"]) == len(
            [e for e in listed if e["date_start"]])


def test_full_text_finds_words_of_stored_sentences(client):
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    words = [w for w in re.findall(r"[A-Za-z]{5,}", ev["sentence"])][:2]
    hits = client.get("/api/events", params={"text": " ".join(words), "limit": 500}).json()
    assert ev["id"] in {e["id"] for e in hits["items"]}
    for e in hits["items"]:
        detail = client.get(f"/api/events/{e['id']}").json()
        assert any(all(w.lower() in m["sentence"].lower() for w in words)
                   for m in detail["mentions"])

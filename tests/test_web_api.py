"""The HTTP API through FastAPI's TestClient, on a store built from Coded records."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from test_web_support import build_store

from newsevents.settings import Settings
from newsevents.web import create_app


@pytest.fixture(scope="module")
def store_info(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    info = build_store(path)
    info["path"] = path
    return info


@pytest.fixture(scope="module")
def app(store_info):
    return create_app(store_info["path"], Settings(max_page_size=50))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def _error_schema(app) -> dict:
    doc = app.openapi()
    schema = {"$ref": "#/components/schemas/ErrorOut", "components": doc["components"]}
    # jsonschema resolves '#/components/...' against the root document.
    return schema


def assert_error(app, resp, status: int) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    jsonschema.validate(body, _error_schema(app))
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]


def _visit_event_id(client) -> str:
    items = client.get("/api/events", params={"dyad": "PRKGOV:IRN", "type": "CONSULT",
                                              "since": "2024-04-23", "until": "2024-04-23"}
                       ).json()["items"]
    assert len(items) == 1
    return items[0]["id"]


# --- the contract: OpenAPI covers every route, every error has one shape ------

def _api_routes(app) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route the app serves, however FastAPI nests
    included routers (plain APIRoute, or an included router's contexts)."""
    out = []
    for r in app.routes:
        if isinstance(r, APIRoute):
            out.append((r.path, set(r.methods)))
        elif hasattr(r, "effective_route_contexts"):
            out += [(c.path, set(c.methods)) for c in r.effective_route_contexts()]
    return out


def test_every_route_is_in_openapi(app):
    paths = app.openapi()["paths"]
    routes = _api_routes(app)
    assert any(p == "/api/events/{event_id}" for p, _ in routes)
    assert len(routes) > 25
    for path, methods in routes:
        assert path in paths, f"{path} missing from OpenAPI"
        for method in methods - {"HEAD"}:
            assert method.lower() in paths[path], f"{method} {path} missing from OpenAPI"


def test_every_api_route_documents_the_error_shape(app):
    for path, ops in app.openapi()["paths"].items():
        if not path.startswith("/api"):
            continue
        for op in ops.values():
            ref = op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorOut"), (path, ref)


def _bad_params(op: dict) -> dict:
    """A wrong value for each declared query parameter that can be wrong."""
    bad = {}
    for p in op.get("parameters", []):
        if p["in"] != "query":
            continue
        sch = p["schema"]
        options = sch.get("anyOf", [sch])
        if any(o.get("type") == "integer" for o in options):
            bad[p["name"]] = "lots"
        elif any(o.get("format") == "date" for o in options):
            bad[p["name"]] = "yesterday"
        elif any("enum" in o for o in options):
            bad[p["name"]] = "no-such-choice"
    return bad


def test_every_api_route_answers_unknown_ids_and_bad_params_with_the_error_shape(app, client):
    checked = 0
    for path, ops in app.openapi()["paths"].items():
        if not path.startswith("/api") or "get" not in ops:
            continue
        url = path.replace("{event_id}", "nope").replace("{article_id}", "nope") \
                  .replace("{code}", "NOPE").replace("{source}", "AAA").replace("{target}", "BBB")
        bad = _bad_params(ops["get"])
        if bad:
            assert_error(app, client.get(url, params=bad), 422)
            checked += 1
        if "{" in path and "dyads" not in path:
            assert_error(app, client.get(url), 404)
    assert checked >= 10


def test_errors_404_405_422_413_500_share_the_shape(app, client, store_info):
    assert_error(app, client.get("/api/nothing-here"), 404)
    assert_error(app, client.get("/api/events/does-not-exist"), 404)
    assert_error(app, client.delete("/api/events"), 405)
    err = assert_error(app, client.get("/api/events", params={"type": "EXPLODE"}), 422)
    assert "ASSAULT" in err["message"]  # says what would have been valid
    assert_error(app, client.get("/api/events", params={"dyad": "PRK"}), 422)
    assert_error(app, client.get("/api/events", params={"cursor": "garbage!"}), 422)
    assert_error(app, client.get("/api/events", params={"since": "2024-05-01",
                                                       "until": "2024-04-01"}), 422)
    assert_error(app, client.get("/api/export", params={"format": "xlsx"}), 422)
    big = b"x" * 3_000_000
    assert_error(app, client.post("/api/events", content=big), 413)

    broken = create_app(store_info["path"])
    from newsevents import query

    def boom(*a, **k):
        raise RuntimeError("secret internals")
    with TestClient(broken, raise_server_exceptions=False) as c:
        orig = query.overview
        query.overview = boom  # the routes call the query layer through its module
        try:
            err = assert_error(broken, c.get("/api/overview"), 500)
        finally:
            query.overview = orig
    assert "secret" not in err["message"]


def test_page_size_is_capped_by_settings(app, client):
    assert len(client.get("/api/events", params={"limit": 50}).json()["items"]) == 41
    err = assert_error(app, client.get("/api/events", params={"limit": 51}), 422)
    assert "50" in err["message"]


# --- read endpoints -------------------------------------------------------------

def test_cursor_pages_cover_every_event_once_in_order(client):
    total = client.get("/api/overview").json()["counts"]["events"]
    for sort in ("date_desc", "date_asc", "mentions_desc", "confidence_desc"):
        seen, cursor, keys = [], None, []
        while True:
            params = {"limit": 7, "sort": sort} | ({"cursor": cursor} if cursor else {})
            page = client.get("/api/events", params=params).json()
            seen += [e["id"] for e in page["items"]]
            keys += [(e["date_start"] or "", e["mentions"]) for e in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == total, sort
        if sort == "date_asc":
            assert [k[0] for k in keys] == sorted(k[0] for k in keys)
        if sort == "mentions_desc":
            assert [k[1] for k in keys] == sorted((k[1] for k in keys), reverse=True)


def test_event_filters_match_the_cli_filters(client):
    def ids(**params):
        return {e["id"] for e in client.get("/api/events", params=params | {"limit": 50})
                .json()["items"]}
    every = ids()
    assert ids(type="ASSAULT") and ids(type="ASSAULT") < every
    assert all(e["type"] == "ASSAULT" for e in
               client.get("/api/events", params={"type": "ASSAULT"}).json()["items"])
    assert ids(dyad="PRK:IRN") and all(
        e["source_country"] == "PRK" and e["target_country"] == "IRN"
        for e in client.get("/api/events", params={"dyad": "PRK:IRN"}).json()["items"])
    assert ids(dyad="IRN:PRK", undirected="true") >= ids(dyad="PRK:IRN")
    claimed = client.get("/api/events", params={"status": "claimed"}).json()["items"]
    assert [e["status"] for e in claimed] == ["claimed"]
    april = client.get("/api/events", params={"since": "2024-04-01", "until": "2024-04-30"}
                       ).json()["items"]
    assert april and all("2024-04-01" <= e["date_start"] <= "2024-04-30" for e in april)
    assert ids(text="missiles") == {e["id"] for e in
                                    client.get("/api/events", params={"type": "ASSAULT",
                                                                      "location": "ISR"})
                                    .json()["items"]}


def test_event_has_every_mention_with_highlights_relative_to_the_sentence(client, store_info):
    detail = client.get(f"/api/events/{_visit_event_id(client)}").json()
    assert detail["event"]["mentions"] == 2 == len(detail["mentions"])
    for m in detail["mentions"]:
        joined = "".join(s["text"] for s in m["highlights"])
        assert joined == m["sentence"]  # segments cover the sentence exactly once
        marked = {s["cls"]: s["text"] for s in m["highlights"] if s["cls"]}
        assert marked["trigger"] == "departed for"
        assert marked["source"] == "North Korea"
        assert marked["target"] == "Iran"
        assert marked["date"] == "on Tuesday"


def test_claim_linked_from_event_comes_with_its_denial(client):
    acc = client.get("/api/events", params={"type": "ACCUSE", "status": "claimed"}).json()
    detail = client.get(f"/api/events/{acc['items'][0]['id']}").json()
    (claim,) = detail["claims"]
    assert [r["kind"] for r in claim["responses"]] == ["denial"]
    ledger = client.get("/api/claims").json()["items"]
    assert ledger[0]["status"] == "denied"


def test_dyad_summary_counts_add_up(client):
    d = client.get("/api/dyads/PRK/IRN", params={"period": "month"}).json()
    n = len(client.get("/api/events", params={"dyad": "PRK:IRN"}).json()["items"])
    assert sum(r["events"] for r in d["by_type"]) == n
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
             "material_conflict")
    assert sum(sum(r[q] for q in quads) for r in d["summary"]) == n
    week = client.get("/api/dyads/PRK/IRN", params={"period": "week"}).json()
    assert len(week["by_type"]) >= len(d["by_type"])


def test_actors_search_profile_and_network(client):
    hits = client.get("/api/actors", params={"q": "iran"}).json()["items"]
    assert {"IRN", "IRNGOV"} <= {h["code"] for h in hits}
    prof = client.get("/api/actors/RUS").json()
    assert prof["events"] > 0 and prof["counterparts"]
    assert {c["code"] for c in prof["counterparts"]} >= {"UKR", "CHN"}
    net = client.get("/api/network", params={"limit": 5}).json()
    assert len(net["edges"]) == 5
    codes = {n["code"] for n in net["nodes"]}
    assert all(e["source"] in codes and e["target"] in codes for e in net["edges"])
    assert all(e["cooperation"] + e["conflict"] == e["events"] for e in net["edges"])


def test_article_has_spans_and_removed_furniture(client, store_info):
    art = client.get(f"/api/articles/{store_info['first'].article.id}").json()
    assert "Add new comment" in art["removed"]
    for e in art["events"]:
        assert art["text"][e["trigger_start"]:e["trigger_end"]] == e["trigger"]
    assert art["claims"] and art["responses"] and art["quotes"]


def test_runs_and_rejections(client):
    runs = client.get("/api/runs").json()["items"]
    assert runs[0]["n_rejected"] == 2
    rej = client.get("/api/rejections").json()
    assert rej["reasons"] == {"empty": 1, "binary": 1}
    only = client.get("/api/rejections", params={"reason": "empty"}).json()["items"]
    assert [r["source"] for r in only] == ["empty.html"]


def test_exports_in_four_formats(client):
    n = client.get("/api/overview").json()["counts"]["events"]
    r = client.get("/api/export", params={"format": "csv"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == n
    r = client.get("/api/export", params={"format": "plover", "type": "ASSAULT"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert lines and len(lines) == len(client.get("/api/events", params={"type": "ASSAULT"})
                                       .json()["items"])
    r = client.get("/api/export", params={"format": "cameo"})
    assert len(r.text.strip().splitlines()) == n + 1
    r = client.get("/api/export", params={"format": "parquet"})
    assert r.content[:4] == b"PAR1"


# --- security ---------------------------------------------------------------------

def test_no_write_endpoints_without_allow_ingest(app, client):
    assert not any(m in ops for ops in app.openapi()["paths"].values()
                   for m in ("post", "put", "patch", "delete"))
    assert client.post("/api/ingest", json={"documents": [{"text": "x"}]}).status_code in (
        404, 405)


def test_ingest_needs_the_token(store_info, tmp_path):
    import shutil
    path = tmp_path / "rw.duckdb"
    shutil.copy(store_info["path"], path)
    app = create_app(path, Settings(), allow_ingest=True, token="s3cret")
    assert "post" in app.openapi()["paths"]["/api/ingest"]
    with TestClient(app) as c:
        body = {"documents": [{"text": "Iran fired missiles at Israel."}]}
        assert_error(app, c.post("/api/ingest", json=body), 401)
        assert_error(app, c.post("/api/ingest", json=body,
                                 headers={"Authorization": "Bearer wrong"}), 401)
        assert_error(app, c.post("/api/ingest", json={"documents": []},
                                 headers={"Authorization": "Bearer s3cret"}), 422)
        assert_error(app, c.post("/api/ingest", content=b"{" + b" " * 2_100_000 + b"}",
                                 headers={"Authorization": "Bearer s3cret",
                                          "Content-Type": "application/json"}), 413)


@pytest.mark.slow
def test_issue18_ingest_codes_posted_documents_from_memory(store_info, tmp_path, monkeypatch):
    import shutil
    import tempfile

    path = tmp_path / "rw.duckdb"
    shutil.copy(store_info["path"], path)

    def no_temp_files(*args, **kwargs):
        raise AssertionError("POST /api/ingest must not write a temporary file")

    monkeypatch.setattr(tempfile, "mkstemp", no_temp_files)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_temp_files)
    app = create_app(path, Settings(workers=1), allow_ingest=True, token="s3cret")
    text = ("Egyptian officials met Israeli negotiators in Cairo on Monday to discuss a "
            "ceasefire in Gaza, the Egyptian foreign ministry said.")
    body = {"documents": [{"text": text, "published": "2024-04-22",
                           "url": "https://news.example.org/cairo-talks"},
                          {"text": "   "}]}
    with TestClient(app) as c:
        r = c.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        out = r.json()
        assert (out["documents"], out["articles"], out["rejected"]) == (2, 1, 1)
        assert out["events"] >= 1
        runs = c.get("/api/runs").json()["items"]
        assert any(run["run_id"] == out["run_id"] for run in runs)
        again = c.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["articles"] == 0  # idempotent: already stored
    store = app.state.store
    row = store.con.execute("SELECT source, url, published FROM articles WHERE url = ?",
                            ["https://news.example.org/cairo-talks"]).fetchone()
    assert row is not None and row[0] == "api#1" and str(row[2]) == "2024-04-22"


def test_article_markup_is_escaped_in_every_page(client, store_info):
    hostile = store_info["hostile"]
    ev = client.get("/api/events", params={"type": "THREATEN"}).json()["items"][0]
    for url in (f"/articles/{hostile.article.id}", f"/events/{ev['id']}", "/", "/events",
                "/runs", "/articles", "/search?q=Evil", "/actors/XSSGOV"):
        html = client.get(url).text
        assert "<script>window.__pwned" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Evil</b>" not in html, url
    page = client.get(f"/articles/{hostile.article.id}").text
    assert "&lt;script&gt;window.__pwned" in page
    assert 'href="javascript:' not in page


def test_dashboard_pages_render_and_errors_render_as_html(client, store_info):
    eid = _visit_event_id(client)
    for url in ("/", "/events", f"/events/{eid}", "/dyad", "/dyad?source=PRK&target=IRN",
                "/network", "/network?since=2024-04-01", "/actors/IRN", "/articles",
                f"/articles/{store_info['first'].article.id}", "/claims", "/runs",
                "/search?q=delegation", "/docs"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
    r = client.get("/events/nope")
    assert r.status_code == 404 and "no event" in r.text
    assert client.get("/dyad?period=decade").status_code == 422


def test_network_and_summary_fold_actors_into_countries_issue15(app, client):
    by_country = client.get("/api/network", params={"limit": 50}).json()  # the default
    by_actor = client.get("/api/network", params={"limit": 50, "by": "actor"}).json()
    assert by_country["by"] == "country" and by_actor["by"] == "actor"
    country_nodes = {n["code"]: n for n in by_country["nodes"]}
    actor_nodes = {n["code"] for n in by_actor["nodes"]}
    assert {"RUSMIL", "RUS", "PRKGOV", "PRK", "USAGOV"} <= actor_nodes
    assert {"RUS", "PRK", "IRN", "UKR", "USA"} <= set(country_nodes)
    assert not {"RUSMIL", "PRKGOV", "IRNGOV", "USAGOV"} & set(country_nodes)
    assert country_nodes["RUS"]["name"] == "Russia"  # named as the country, not its army
    # Folding moves events between nodes; it neither loses nor adds any.
    assert sum(e["events"] for e in by_country["edges"]) == \
        sum(e["events"] for e in by_actor["edges"])
    rus_ukr = [e for e in by_country["edges"] if (e["source"], e["target"]) == ("RUS", "UKR")]
    assert rus_ukr and rus_ukr[0]["events"] == sum(
        e["events"] for e in by_actor["edges"]
        if e["source"] in ("RUS", "RUSMIL", "RUSGOV") and e["target"] == "UKR")

    summary_actor = client.get("/api/summary", params={"by": "actor"}).json()["items"]
    summary_country = client.get("/api/summary", params={"by": "country"}).json()["items"]
    assert "RUSMIL" in {r["source"] for r in summary_actor}
    assert "RUSMIL" not in {r["source"] for r in summary_country}
    assert sum(r["events"] for r in summary_actor) == sum(r["events"] for r in summary_country)
    assert_error(app, client.get("/api/network", params={"by": "sector"}), 422)

    page = client.get("/network")
    assert page.status_code == 200 and "by-actor" in page.text and "by=actor" in page.text
    assert "RUSMIL" not in page.text
    detailed = client.get("/network", params={"by": "actor", "since": "2024-01-01"})
    assert "RUSMIL" in detailed.text and "by-country" in detailed.text
    assert "since=2024-01-01" in detailed.text  # the switch keeps the filters


def test_claims_page_lists_a_denial_from_another_article_escaped(tmp_path):
    # the accusation in one article, the denial (with markup in it) in another:
    # the Claims page and /api/claims show the denial under the claim, as text
    from datetime import date

    from newsevents.models import Actor, Article, Claim, Coded, Response
    from newsevents.store import open_store
    from newsevents.store.ledger import link_ledger

    prk, usa = Actor("North Korea", "PRK", "PRK"), Actor("United States", "USA", "USA")
    evil = Actor("<script>window.__pwned = 3</script> Pyongyang", "PRK", "PRK")
    a_text = "The United States accused North Korea of supplying artillery shells to Russia."
    b_text = "Pyongyang denied that North Korea supplied artillery shells to Russia <b>at all</b>."
    claim = Claim(id="c-x", claimant=usa, accused=(prk,), text="supplying artillery shells to Russia",
                  span=(a_text.index("supplying"), len(a_text) - 1), cue="accused")
    resp = Response(id="r-x", claim_id=None, responder=evil, kind="denial",
                    text=b_text[b_text.index("denied"):-1], span=(b_text.index("denied"), len(b_text) - 1),
                    cue="denied")
    path = tmp_path / "x.duckdb"
    store = open_store(path)
    store.write_batch([
        Coded(article=Article(id="a", text=a_text, title="Accusation", published=date(2024, 4, 1)),
              claims=(claim,)),
        Coded(article=Article(id="b", text=b_text, title="Denial", published=date(2024, 4, 3)),
              responses=(resp,))])
    assert link_ledger(store) == 1
    store.close()
    with TestClient(create_app(path, Settings())) as c:
        page = c.get("/claims")
        items = c.get("/api/claims").json()["items"]
    assert page.status_code == 200
    assert "<script>window.__pwned" not in page.text and "&lt;script&gt;" in page.text
    assert "<b>at all</b>" not in page.text and "&lt;b&gt;at all&lt;/b&gt;" in page.text
    assert "answers a report in another article" in page.text
    [row] = items
    [answer] = row["responses"]
    assert answer["id"] == "r-x" and answer["link_method"] == "cross-article"
    assert answer["claim_id"] == "c-x" and row["status"] == "denied"
    assert row["reports"][0]["sentence"] == a_text  # the evidence sentence, not only the span
    assert a_text in page.text

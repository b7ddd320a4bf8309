"""The dashboard in real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import pytest
from conftest import shot

pytestmark = pytest.mark.browser


def test_overview_counts_dyads_and_recent_events(server, page):
    base, _ = server
    page.goto(base + "/")
    assert page.locator(".count b").first.inner_text().replace(",", "").isdigit()
    assert page.locator("table.dyads tbody tr").count() >= 5
    assert page.locator("table.events tbody tr").count() >= 10
    shot(page, "overview")
    assert page.js_errors == []


def test_search_box_finds_actor_and_evidence(server, page):
    base, _ = server
    page.goto(base + "/")
    page.fill("header form.search input[name=q]", "delegation")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=delegation")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert "delegation" in rows.first.inner_text()
    shot(page, "search")


def test_dyad_timeline_point_opens_event_with_highlighted_sentence(server, page):
    base, _ = server
    page.goto(base + "/dyad?source=PRK&target=IRN&period=week")
    points = page.locator("#timeline a.pt")
    assert points.count() >= 5
    assert page.locator("#timeline rect.bar").count() >= 5
    shot(page, "dyad")
    # The biggest dot is the visit reported by two articles.
    biggest = max(range(points.count()),
                  key=lambda i: float(points.nth(i).locator("circle").get_attribute("r")))
    points.nth(biggest).click()
    page.wait_for_url("**/events/*")
    sentences = page.locator("blockquote.sentence")
    assert sentences.count() == 2
    first = sentences.first
    assert first.locator("mark.trigger").inner_text() == "departed for"
    assert first.locator("mark.source").inner_text() == "North Korea"
    assert first.locator("mark.target").inner_text() == "Iran"
    assert first.locator("mark.date").inner_text() == "on Tuesday"
    shot(page, "event")
    assert page.js_errors == []


def test_dyad_quad_toggle_hides_points(server, page):
    base, _ = server
    page.goto(base + "/dyad?source=PRK&target=IRN")
    visible = page.locator("#timeline a.pt:not(.hidden-quad)").count()
    page.uncheck("input[data-quad=verbal_cooperation]")
    assert page.locator("#timeline a.pt:not(.hidden-quad)").count() < visible


def test_network_draws_nodes_and_coloured_edges(server, page):
    base, _ = server
    page.goto(base + "/network")
    page.wait_for_selector("#network a.node")
    assert page.locator("#network a.node").count() >= 6
    strokes = {page.locator("#network line").nth(i).get_attribute("stroke")
               for i in range(page.locator("#network line").count())}
    assert {"#2e8b57", "#d1495b"} <= strokes  # cooperation and conflict both present
    shot(page, "network")
    assert page.js_errors == []


def test_article_claims_actor_and_runs_views(server, page):
    base, info = server
    page.goto(base + f"/articles/{info['first'].article.id}")
    assert page.locator(".articletext a.hl.trigger").count() >= 3
    assert "Add new comment" in page.locator("section.removed").inner_text()
    shot(page, "article")
    page.goto(base + "/claims")
    chain = page.locator(".chain").first
    assert chain.locator(".response.denial").count() == 1
    # issue 20: a ledger row says when the claim was first reported and on which sentences
    assert "first reported" in chain.locator(".reports").inner_text()
    assert chain.locator(".reports .evidence li .sentence").first.inner_text().strip()
    shot(page, "claims")
    page.goto(base + "/actors/IRN")
    assert page.locator("table.grid").first.locator("tbody tr").count() >= 1
    shot(page, "actor")
    page.goto(base + "/runs")
    assert page.locator("text=binary").count() >= 1
    shot(page, "runs")


def test_injected_script_in_an_article_never_runs(server, page):
    base, info = server
    hostile = info["hostile"].article
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in (f"/articles/{hostile.id}", "/", "/events?type=THREATEN", "/runs",
                "/search?q=Evil"):
        page.goto(base + url)
        assert page.evaluate("window.__pwned === undefined"), url
        assert page.title() != "pwned"
    page.goto(base + f"/articles/{hostile.id}")
    assert "<script>window.__pwned" in page.locator(".articletext").inner_text()
    assert page.locator(".articletext script, .articletext img").count() == 0
    assert dialogs == []
    shot(page, "hostile-article")


def test_network_groups_by_country_with_actor_codes_one_click_away_issue15(server, page):
    base, _ = server
    page.goto(base + "/network")
    page.wait_for_selector("#network a.node")
    hrefs = {page.locator("#network a.node").nth(i).get_attribute("href")
             for i in range(page.locator("#network a.node").count())}
    assert "/actors/RUS" in hrefs and "/actors/RUSMIL" not in hrefs
    page.click("#by-actor")
    page.wait_for_url("**/network?*by=actor*")
    page.wait_for_selector("#network a.node")
    hrefs = {page.locator("#network a.node").nth(i).get_attribute("href")
             for i in range(page.locator("#network a.node").count())}
    assert "/actors/RUSMIL" in hrefs
    shot(page, "network-actors")
    page.click("#by-country")
    page.wait_for_url("**/network?*by=country*")
    assert page.js_errors == []

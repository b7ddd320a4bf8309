"""The dashboard in headless Chromium on the VOA sample as the real pipeline stores it."""

from __future__ import annotations

import pytest
from conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_view_loads_on_the_voa_store(voa_server, page):
    for name, url in (("overview", "/"), ("events", "/events"), ("network", "/network"),
                      ("articles", "/articles"), ("claims", "/claims"), ("runs", "/runs"),
                      ("search", "/search?q=Iran")):
        resp = page.goto(voa_server + url)
        assert resp.status == 200, url
        shot(page, f"voa-{name}")
    assert page.js_errors == []


def test_voa_dyad_point_opens_an_event_with_its_trigger_marked(voa_server, page):
    page.goto(voa_server + "/")
    page.locator("table.dyads tbody a[href^='/dyad']").first.click()
    page.wait_for_url("**/dyad?*")
    points = page.locator("#timeline a.pt")
    assert points.count() >= 1
    shot(page, "voa-dyad")
    points.first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("blockquote.sentence").count() >= 1
    assert page.locator("blockquote.sentence mark.trigger").count() >= 1
    shot(page, "voa-event")
    page.locator("article.mention p.meta a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(".articletext a.hl.trigger").count() >= 1
    shot(page, "voa-article")
    assert page.js_errors == []

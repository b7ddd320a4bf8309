"""Dashboard pages: server-rendered Jinja2 (autoescape on) over the query layer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from .. import query as Q
from ..errors import InputError
from ..models import PLOVER_TYPES, QUAD_CLASS, STATUSES
from ..query import EventFilter
from ..settings import Settings
from .deps import cached, store_view
from .views import (
    QUAD_LABEL,
    QUAD_ORDER,
    WEB_PROFILE,
    article_segments,
    event_view,
    timeline_model,
)

# Most event points the dyad timeline draws; beyond that it shows the newest
# ones and says so (the bars above still count everything).
MAX_POINTS = 400
# What a timeline dot needs (timeline_model); the table under it gets whole rows.
POINT_COLUMNS = ("id", "date", "date_start", "type", "status", "mentions", "source_code",
                 "target_code")


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template (html and svg)."""
    env = Environment(loader=PackageLoader("newsevents.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.globals.update(version=__version__, quad_label=QUAD_LABEL, quad_order=QUAD_ORDER,
                       quad_class=QUAD_CLASS, plover_types=PLOVER_TYPES, statuses=STATUSES)
    return Jinja2Templates(env=env)


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None, so a stored ``javascript:`` URL never becomes a link.

    >>> http_url("javascript:alert(1)") is None
    True
    """
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _d(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD") from None


def page_filter(actor: str = "", dyad: str = "", undirected: bool = False, type: str = "",
                mode: str = "", status: str = "", since: str = "", until: str = "",
                location: str = "", text: str = Query("", max_length=200)) -> EventFilter:
    """The event filters as a dashboard form sends them (empty field = no filter)."""
    return EventFilter(actor=actor.strip() or None, dyad=dyad.strip() or None,
                       undirected=undirected, type=type or None, mode=mode or None,
                       status=status or None, since=_d(since, "since"),
                       until=_d(until, "until"), location_country=location or None,
                       text=text.strip() or None, limit=None).validated()


def _form(request: Request) -> dict:
    return {k: v for k, v in request.query_params.items()}


def make_router(settings: Settings) -> APIRouter:
    r = APIRouter(tags=["dashboard"], default_response_class=HTMLResponse)
    cap = settings.max_page_size

    def render(request: Request, name: str, **ctx):
        return request.app.state.templates.TemplateResponse(
            request, name, {"form": _form(request), **ctx})

    @r.get("/", summary="Dashboard: overview")
    def overview(request: Request, store=Depends(store_view)):
        def compute():
            recent, _ = Q.page_events(store, EventFilter(limit=None), "date_desc", None, 15)
            return {"ov": Q.overview(store), "dyads": Q.top_dyads(store, limit=12),
                    "recent": recent}
        return render(request, "overview.html", **cached(request, store, "page-overview",
                                                         compute), page="overview")

    @r.get("/search", summary="Dashboard: search actors, events and articles")
    def search(request: Request, q: str = Query("", max_length=200), store=Depends(store_view)):
        q = q.strip()
        actors = Q.search_actors(store, q, 12) if q else []
        events, nxt = (Q.page_events(store, EventFilter(text=q, limit=None), "date_desc",
                                      None, 25) if q else ([], None))
        arts = Q.list_articles(store, q, 12) if q else []
        return render(request, "search.html", q=q, actors=actors, events=events, next=nxt,
                      articles=arts, page="search")

    @r.get("/events", summary="Dashboard: event table")
    def events(request: Request, f: EventFilter = Depends(page_filter),
               sort: str = "date_desc", cursor: str = Query("", max_length=400),
               limit: int = Query(50, ge=1, le=cap), store=Depends(store_view)):
        rows, nxt = Q.page_events(store, f, sort, cursor or None, limit)
        return render(request, "events.html", rows=rows, next=nxt, sorts=list(Q.SORTS),
                      page="events")

    @r.get("/events/{event_id}", summary="Dashboard: one event with its evidence")
    def event(request: Request, event_id: str, store=Depends(store_view)):
        d = event_view(store, event_id)
        if d is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return render(request, "event.html", **d, page="events")

    @r.get("/dyad", summary="Dashboard: dyad timeline")
    def dyad(request: Request, source: str = Query("", max_length=40),
             target: str = Query("", max_length=40), period: str = "month",
             f: EventFilter = Depends(page_filter), store=Depends(store_view)):
        if period not in ("day", "week", "month", "year"):
            raise InputError(f"period {period!r}: use day, week, month or year")
        top = cached(request, store, "top-dyads-15", lambda: Q.top_dyads(store, limit=15))
        if not (source and target):
            if not top:
                return render(request, "dyad.html", model=None, top=top, page="dyad",
                              source="", target="", period=period, total=0)
            source, target = top[0]["source"], top[0]["target"]
        f = replace(f, dyad=f"{source.strip()}:{target.strip()}").validated()
        by_type = Q.type_timeline(store, f, period)
        points, more = Q.page_events(store, f, "date_desc", None, MAX_POINTS, POINT_COLUMNS)
        recent, _ = Q.page_events(store, f, "date_desc", None, 20)
        total = sum(row["events"] for row in by_type)
        model = timeline_model(by_type, points, period)
        return render(request, "dyad.html", model=model, top=top, source=source, target=target,
                      period=period, total=total, shown=len(points), more=more is not None,
                      recent=recent, page="dyad")

    @r.get("/network", summary="Dashboard: actor network")
    def network(request: Request, f: EventFilter = Depends(page_filter),
                limit: int = Query(40, ge=2, le=min(cap, 200)),
                by: Literal["country", "actor"] = "country", store=Depends(store_view)):
        net = Q.network(store, f, limit, by=by)
        # The other grouping, one click away, with the same filters.
        switch = {g: f"{request.url.path}?{request.url.include_query_params(by=g).query}"
                  for g in ("country", "actor")}
        return render(request, "network.html", net=net, limit=limit, by=by, switch=switch,
                      page="network")

    @r.get("/actors/{code}", summary="Dashboard: actor profile")
    def actor(request: Request, code: str, store=Depends(store_view)):
        prof = Q.actor_profile(store, code, "month", top=20, sections=WEB_PROFILE)
        if not prof["events"]:
            raise HTTPException(404, f"no events for actor {code!r}")
        return render(request, "actor.html", p=prof, page="search")

    @r.get("/articles", summary="Dashboard: articles")
    def articles(request: Request, q: str = Query("", max_length=200),
                 offset: int = Query(0, ge=0, le=1_000_000), store=Depends(store_view)):
        rows = Q.list_articles(store, q or None, 50, offset)
        return render(request, "articles.html", rows=rows, q=q, offset=offset, page="articles")

    @r.get("/articles/{article_id}", summary="Dashboard: one article with coded spans")
    def article(request: Request, article_id: str, store=Depends(store_view)):
        art = Q.get_article(store, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return render(request, "article.html", a=art, segs=article_segments(art),
                      page="articles")

    @r.get("/claims", summary="Dashboard: claims and their responses")
    def claims(request: Request, actor: str = Query("", max_length=40),
               text: str = Query("", max_length=200), store=Depends(store_view)):
        rows = Q.query_claims(store, actor=actor or None, text=text or None, limit=100)
        return render(request, "claims.html", rows=rows, page="claims")

    @r.get("/runs", summary="Dashboard: ingest runs and rejections")
    def runs(request: Request, run_id: str = "", reason: str = "", store=Depends(store_view)):
        rej, reasons = Q.list_rejections(store, run_id or None, reason or None, 100, 0)
        return render(request, "runs.html", runs=Q.list_runs(store, 50), rejections=rej,
                      reasons=reasons, page="runs")

    return r

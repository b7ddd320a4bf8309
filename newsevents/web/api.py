"""JSON routes under /api. Each parses its input, calls the query layer, returns JSON."""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from .. import query as Q
from ..query import EventFilter
from ..query.export import FORMATS, export_events
from ..settings import Settings
from .deps import cached, store_view
from .views import WEB_PROFILE, event_view


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    detail: Any | None = None


class ErrorOut(BaseModel):
    """The one error shape of the API."""

    error: ErrorInfo


ERRORS = {s: {"model": ErrorOut, "description": d} for s, d in (
    (404, "Not found"), (413, "Request too large"), (422, "Invalid request"),
    (500, "Server error"))}


class IngestDocument(BaseModel):
    text: str = Field(..., description="HTML or plain text of one article.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    url: str | None = None


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(..., min_length=1, max_length=200)


_EXPORT_EXT = {"plover": "jsonl", "cameo": "tsv", "csv": "csv", "parquet": "parquet"}


def event_filter(
    actor: str | None = Query(None, description="Actor on either side: code, country or name."),
    dyad: str | None = Query(None, description="SOURCE:TARGET, e.g. PRK:IRN."),
    undirected: bool = Query(False, description="Match the dyad in either direction."),
    type: str | None = Query(None, description="PLOVER event type, e.g. ASSAULT."),
    mode: str | None = Query(None, description="PLOVER mode, e.g. aerial."),
    status: str | None = Query(None, description="reported, claimed, denied, planned, ..."),
    since: date | None = Query(None, description="Events on or after (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Events on or before (YYYY-MM-DD)."),
    location: str | None = Query(None, description="ISO3 country of the event location."),
    text: str | None = Query(None, max_length=200, description="Words in the evidence."),
) -> EventFilter:
    """The CLI's event filters as query parameters (validated: 422 when wrong)."""
    return EventFilter(actor=actor or None, dyad=dyad or None, undirected=undirected,
                       type=type or None, mode=mode or None, status=status or None,
                       since=since, until=until, location_country=location or None,
                       text=text or None, limit=None).validated()


def make_router(settings: Settings, allow_ingest: bool) -> APIRouter:
    """The /api routes; page sizes are capped by ``settings.max_page_size``."""
    r = APIRouter(prefix="/api", responses=ERRORS)
    cap = settings.max_page_size

    def page(default: int = 50):
        return Query(min(default, cap), ge=1, le=cap,
                     description=f"Rows per page (at most {cap}, setting max_page_size).")

    @r.get("/overview", tags=["overview"])
    def overview(request: Request, store=Depends(store_view),
                 dyads: int = Query(10, ge=1, le=100)) -> dict:
        """Counts, date range, quad classes, statuses, most active dyads, recent events."""
        def compute():
            recent, _ = Q.page_events(store, EventFilter(limit=None), "date_desc", None, 10)
            return {**Q.overview(store), "top_dyads": Q.top_dyads(store, limit=dyads),
                    "recent_events": recent}
        return cached(request, store, f"api-overview-{dyads}", compute)

    @r.get("/events", tags=["events"])
    def events(f: EventFilter = Depends(event_filter), store=Depends(store_view),
               sort: Literal[tuple(Q.SORTS)] = Query("date_desc"),  # type: ignore[valid-type]
               cursor: str | None = Query(None, max_length=400,
                                          description="next_cursor of the previous page."),
               limit: int = page()) -> dict:
        """Merged events matching the CLI's filters, one page at a time (keyset cursor)."""
        rows, nxt = Q.page_events(store, f, sort, cursor, limit)
        return {"items": rows, "next_cursor": nxt, "limit": limit, "sort": sort}

    @r.get("/events/{event_id}", tags=["events"])
    def event(event_id: str, store=Depends(store_view)) -> dict:
        """One event with all its mentions, highlighted evidence sentences and claims."""
        out = event_view(store, event_id)
        if out is None:
            raise HTTPException(404, f"no event {event_id!r}; list events at /api/events")
        return out

    @r.get("/actors", tags=["actors"])
    def actors(q: str = Query("", max_length=100, description="Code, country or name part."),
               limit: int = page(20), store=Depends(store_view)) -> dict:
        """Actors matching a search, most active first."""
        return {"items": Q.search_actors(store, q, limit)}

    @r.get("/actors/{code}", tags=["actors"])
    def actor(code: str, period: Literal["day", "week", "month", "year"] = "month",
              store=Depends(store_view)) -> dict:
        """An actor's profile: names, counterparts, event types over time."""
        prof = Q.actor_profile(store, code, period, top=20, sections=WEB_PROFILE)
        if not prof["events"]:
            raise HTTPException(404, f"no events for actor {code!r}; search at /api/actors?q=")
        return prof

    @r.get("/dyads", tags=["dyads"])
    def dyads(f: EventFilter = Depends(event_filter), limit: int = page(20),
              store=Depends(store_view)) -> dict:
        """The most active dyads (source, target codes) under a filter."""
        return {"items": Q.top_dyads(store, f, limit)}

    @r.get("/dyads/{source}/{target}", tags=["dyads"])
    def dyad(source: str, target: str,
             period: Literal["day", "week", "month", "year"] = "month",
             f: EventFilter = Depends(event_filter), store=Depends(store_view)) -> dict:
        """A dyad's summary per period with PLOVER quad classes, and counts by type."""
        from dataclasses import replace
        f = replace(f, dyad=f"{source}:{target}").validated()
        return {"source": source, "target": target, "period": period,
                "summary": Q.summarize(store, f, period),
                "by_type": Q.type_timeline(store, f, period)}

    @r.get("/summary", tags=["dyads"])
    def summary(period: Literal["day", "week", "month", "year"] = "month",
                f: EventFilter = Depends(event_filter), store=Depends(store_view),
                limit: int = page(cap),
                by: Literal["actor", "country"] = Query(
                    "actor", description="`country` counts USA, USAGOV, USAMIL … as USA; "
                                         "`actor` keeps every code apart.")) -> dict:
        """Event counts per dyad and period by quad class (as `newsevents summary`)."""
        rows = Q.summarize(store, f, period, by=by)
        return {"items": rows[:limit], "truncated": len(rows) > limit}

    @r.get("/network", tags=["dyads"])
    def network(f: EventFilter = Depends(event_filter), limit: int = page(60),
                by: Literal["country", "actor"] = Query(
                    "country", description="`country` (default) folds USA, USAGOV, USAMIL … "
                                           "into one node USA; `actor` keeps every code."),
                store=Depends(store_view)) -> dict:
        """Actors as nodes, directed event counts as edges (cooperation vs conflict)."""
        return Q.network(store, f, limit, by=by)

    @r.get("/claims", tags=["claims"])
    def claims(actor: str | None = Query(None), text: str | None = Query(None, max_length=200),
               since: date | None = None, until: date | None = None, limit: int = page(),
               store=Depends(store_view)) -> dict:
        """The claims ledger: each claim with its denials and confirmations."""
        return {"items": Q.query_claims(store, actor=actor or None, text=text or None,
                                      since=since, until=until, limit=limit)}

    @r.get("/articles", tags=["articles"])
    def articles(q: str | None = Query(None, max_length=200), limit: int = page(),
                 offset: int = Query(0, ge=0, le=1_000_000), store=Depends(store_view)) -> dict:
        """Articles, newest first (title/URL search), without their text."""
        return {"items": Q.list_articles(store, q or None, limit, offset), "offset": offset}

    @r.get("/articles/{article_id}", tags=["articles"])
    def article(article_id: str, store=Depends(store_view)) -> dict:
        """One article: cleaned text, furniture removed, and every coded span."""
        art = Q.get_article(store, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}; list them at /api/articles")
        return art

    @r.get("/runs", tags=["ingest"])
    def runs(limit: int = page(), store=Depends(store_view)) -> dict:
        """Ingest runs, newest first."""
        return {"items": Q.list_runs(store, limit)}

    @r.get("/rejections", tags=["ingest"])
    def rejections(run_id: str | None = None, reason: str | None = None, limit: int = page(),
                   offset: int = Query(0, ge=0, le=1_000_000),
                   store=Depends(store_view)) -> dict:
        """Inputs that did not become articles, and why; counts per reason."""
        rows, reasons = Q.list_rejections(store, run_id, reason, limit, offset)
        return {"items": rows, "reasons": reasons, "offset": offset}

    @r.get("/export", tags=["export"], response_class=FileResponse,
           responses={200: {"description": "The export file"}})
    def export(format: Literal[tuple(FORMATS)] = Query(...),  # type: ignore[valid-type]
               f: EventFilter = Depends(event_filter), store=Depends(store_view)):
        """Download the events matching the filters: plover (JSONL), cameo (TSV), csv, parquet."""
        fd, path = tempfile.mkstemp(prefix="newsevents-export-", suffix="." + _EXPORT_EXT[format])
        os.close(fd)
        try:
            export_events(store, format, path, f)
        except BaseException:
            os.unlink(path)
            raise
        return FileResponse(path, filename=f"newsevents-events.{_EXPORT_EXT[format]}",
                            background=BackgroundTask(os.unlink, path))

    if allow_ingest:
        lock = threading.Lock()

        @r.post("/ingest", tags=["ingest"], responses={401: {"model": ErrorOut}})
        def ingest(request: Request, body: IngestRequest = Body(...),
                   authorization: str | None = Header(None)) -> dict:
            """Code and store documents (only with `serve --allow-ingest`, Bearer token)."""
            token = request.app.state.token
            given = (authorization or "").removeprefix("Bearer ").strip()
            if not given or not secrets.compare_digest(given, token):
                raise HTTPException(401, "missing or wrong token; send the token printed by "
                                         "`newsevents serve --allow-ingest` as "
                                         "'Authorization: Bearer TOKEN'",
                                    headers={"WWW-Authenticate": "Bearer"})
            import newsevents

            # Coded straight from memory (no temporary file): the library's ingest over documents.
            docs = [newsevents.RawDocument(source=f"api#{i}", content=d.text, url=d.url,
                                           title=d.title, published=d.published)
                    for i, d in enumerate(body.documents, 1)]
            with lock:
                rep = newsevents.ingest_documents(docs, request.app.state.store,
                                                  request.app.state.settings,
                                                  inputs=["POST /api/ingest"])
            return {"run_id": rep.run_id, "documents": rep.documents, "articles": rep.articles,
                    "rejected": rep.rejected, "events": rep.events, "reasons": rep.reasons}

    return r

"""Terminal output for the CLI (Rich tables, progress bar, CSV/JSON)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) < 1000 else f"{v:.0f}"
    return escape(str(v))


def print_rows(rows: Sequence[dict], columns: Iterable[str], title: str = "") -> None:
    columns = list(columns)
    table = Table(title=title or None)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in columns))
    console.print(table)
    if not rows:
        console.print("(none found)")


def print_table_rows(rows: Sequence[dict], fmt: str, title: str = "") -> None:
    if fmt == "json":
        print(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    else:
        print_rows(rows, rows[0].keys() if rows else (), title)


def _short(text, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(n: int, total: int | None, what: str, formats: str) -> str:
    """"50 of 1,103 events shown — …" when the table left rows out, else "N events"."""
    if total is not None and total > n:
        return (f"{n:,} of {total:,} {what} shown — use --limit N for more, or "
                f"{formats} for all of them.")
    return f"{n:,} {what}" + (" — none match these filters" if not n else "")


def print_events(rows: Sequence[dict], fmt: str, total: int | None = None) -> None:
    """Events as a table (with "N of M shown" when ``total`` is larger), JSON or CSV."""
    if fmt != "table":
        print_table_rows(rows, fmt)
        return
    width = max(console.width, 100)
    table = Table(show_lines=False, width=width, pad_edge=False)
    for c in ("id", "date", "event", "source", "target", "status", "n/src"):
        table.add_column(c, no_wrap=True)
    table.add_column("evidence", overflow="ellipsis", no_wrap=True, ratio=1)
    for r in rows:
        event = r["type"] + (f"/{r['mode']}" if r.get("mode") else "")
        table.add_row(_cell(str(r.get("id") or "")[:8]), _cell(r.get("date")), event,
                      escape(_short(r.get("source_code") or r.get("source_name") or "—", 14)),
                      escape(_short(r.get("target_code") or r.get("target_name") or "—", 14)),
                      _cell(r.get("status")), f"{r.get('mentions')}/{r.get('sources')}",
                      escape(_short(r.get("sentence"), 200)))
    Console(width=width, highlight=False).print(table)
    console.print(_shown(len(rows), total, "event(s)", "--format csv or --format json"))


def print_claims(rows: Sequence[dict], fmt: str, total: int | None = None,
                 shown: int | None = None) -> None:
    """The claims ledger as text (with "N of M shown" when ``total`` is larger) or JSON.

    ``shown`` is how many stored claims the rows hold (a merged row holds several).
    """
    if fmt == "json":
        print(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        console.print("No claims match these filters.")
        return
    for c in rows:
        accused = ", ".join(c.get("accused") or []) or "?"
        console.print(f"[bold]{_cell(c.get('published'))}[/] {_cell(c.get('claimant_name')) or '?'} "
                      f"→ {escape(accused)} " + escape(f"[{c['status']}]"))
        console.print(f"   {_cell(c.get('cue'))}: {_cell(c.get('text'))}")
        if len(c.get("reports") or []) > 1:
            console.print(f"   reported by {len(c['reports'])} articles, first {_cell(c.get('first_reported'))}")
        for p in c.get("reports") or []:
            # the evidence: the sentence each report rests on
            sentence = p.get("sentence") or p.get("evidence")
            if sentence:
                console.print(f"   · {_cell(p.get('published') or p.get('date'))} {_cell(p.get('title'))}: "
                              f"{_cell(sentence)}")
        for r in c.get("responses", []):
            when = r.get("date") or r.get("published")
            where = " (another article)" if r.get("link_method") == "cross-article" else ""
            console.print(f"   └─ {_cell(when) + ' ' if when else ''}{r['kind']} by "
                          f"{_cell(r.get('responder_name')) or '?'}{where}: {_cell(r.get('text'))}")
    shown = len(rows) if shown is None else shown
    if total is not None and total > shown:
        console.print(_shown(shown, total, "claim(s)", "--format json"))


def print_profile(actor: str, profile: dict, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(profile, ensure_ascii=False, indent=2, default=str))
        return
    console.print(f"[bold]{escape(str(profile.get('name') or actor))}[/] — "
                  f"{profile.get('events', 0)} events ({profile.get('as_source', 0)} as source, "
                  f"{profile.get('as_target', 0)} as target), "
                  f"{profile.get('first_date') or '?'} to {profile.get('last_date') or '?'}")
    for key, title in (("acts_on", "acts on"), ("acted_on_by", "is acted on by"),
                       ("types", "event types")):
        rows = profile.get(key) or []
        if rows:
            print_rows(rows, rows[0].keys(), title=title)


def print_coded(coded) -> None:
    a = coded.article
    console.print(f"[bold]{escape(a.title or '(no title)')}[/]")
    console.print(f"published {a.published or 'unknown'} · language {a.language} · "
                  f"{len(a.text)} chars · id {a.id[:12]}")
    width = max(console.width, 100)
    table = Table(title=f"{len(coded.events)} event(s)", width=width, pad_edge=False)
    for c in ("event", "source", "target", "date", "status"):
        table.add_column(c, no_wrap=True)
    table.add_column("trigger", no_wrap=True, overflow="ellipsis", ratio=1)
    for e in coded.events:
        event = e.type + (f"/{e.mode}" if e.mode else "")
        when = e.date if e.date_precision != "unknown" else f"{e.date}?"
        table.add_row(event, _cell(e.source.actor.code if e.source else "—"),
                      _cell(e.target.actor.code if e.target else "—"), _cell(when), e.status,
                      escape(e.trigger))
    Console(width=width, highlight=False).print(table)
    console.print("(a date with ? is the publication date: the text gives no time for that event)")
    if coded.quotes:
        console.print(f"{len(coded.quotes)} quote(s), {len(coded.claims)} claim(s), "
                      f"{len(coded.responses)} response(s). Use --json for everything.")


def print_ingest_report(report, counts: dict, db: str) -> None:
    console.print(
        f"Ingested {report.documents} document(s) in {report.seconds:.1f} s: "
        f"{report.articles} new article(s), {report.already_stored} already stored, "
        f"{report.rejected} rejected, {report.events} event mention(s) coded.")
    if report.reasons:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(report.reasons.items()))
        console.print(f"Rejected by reason — {reasons} (see the rejections table).")
    console.print(f"Store {db}: {counts['articles']} articles, {counts['events']} events "
                  f"from {counts['event_mentions']} mentions, {counts['claims']} claims.")


def print_demo_next(db: str) -> None:
    flag = "" if db == "newsevents.duckdb" else f" --db {db}"
    console.print("\nTry next:")
    for cmd in (
        f"newsevents events{flag} --limit 20",
        f"newsevents events{flag} --type ASSAULT --format json",
        f"newsevents events{flag} --actor USA --since 2025-03-01",
        f"newsevents summary{flag} --period week",
        f"newsevents claims{flag}",
        f"newsevents export{flag} --format csv --out events.csv",
        "newsevents extract tests/fixtures/worked_example.txt --json",
        f"newsevents serve{flag}    # the dashboard at http://127.0.0.1:8000",
    ):
        console.print(f"  {cmd}")

"""The command line: parse → call the library → print. No SQL or spaCy here."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import InputError, NewsEventsError
from .settings import load_settings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns library errors into ``Error: …`` on stderr and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsEventsError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            self._interrupted()
        except Exception as exc:
            from .store import interrupted  # Ctrl-C that DuckDB consumed mid-query

            if interrupted(exc):
                self._interrupted()
            raise

    @staticmethod
    def _interrupted():
        click.echo("Interrupted; batches already written are kept — run the same "
                   "command again to resume.", err=True)
        sys.exit(130)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD, "
                         "e.g. 2024-04-24") from None


def _settings(**overrides):
    return load_settings(**{k: v for k, v in overrides.items() if v is not None})


def _dump(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _input_options(f):
    for opt in reversed([
        click.option("--include", multiple=True,
                     help="In folders, only files matching this glob (repeatable), e.g. '*.html'."),
        click.option("--exclude", multiple=True, help="In folders, skip files matching this glob."),
        click.option("--field", "fields", multiple=True,
                     help="Corpus column for a field, FIELD=COLUMN (repeatable), e.g. text=body."),
    ]):
        f = opt(f)
    return f


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """newsevents: turn news into event data — who did what to whom, when, where,
    and on whose word.

    Start with `newsevents demo`, then `newsevents events`.
    """


# --- extract ------------------------------------------------------------------

@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) when the page does not give one.")
@click.option("--url", help="URL of the page, recorded with the article.")
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON for one document.")
@click.option("--jsonl", is_flag=True,
              help="Many documents (files, folders, JSONL/CSV corpora): one JSON object per line.")
@click.option("--model", help="spaCy model to use (default: setting `model`).")
@_input_options
def extract(paths, published, url, as_json, jsonl, model, include, exclude, fields):
    """Code documents (HTML or text, detected) and print the result; stores nothing.

    PATH is a file or - for standard input. With --jsonl, PATHS may be many
    files, folders or corpora.
    """
    from . import pipeline
    from .serialize import coded_to_dict

    settings = _settings(model=model, include=include or None, exclude=exclude or None,
                         fields=fields or None)
    pub = _date(published, "--published")
    if jsonl:
        from dataclasses import replace

        from .ingest import iter_documents
        from .models import Rejected

        def hinted(items):
            for item in items:
                if pub and not isinstance(item, Rejected) and not item.published:
                    item = replace(item, published=pub.isoformat())
                yield item

        for result in pipeline.extract_many(hinted(iter_documents(paths, settings)), settings):
            if isinstance(result, Rejected):
                out = {"rejected": {"source": result.source, "stage": result.stage,
                                    "reason": result.reason, "detail": result.detail}}
            else:
                out = coded_to_dict(result)
            click.echo(json.dumps(out, ensure_ascii=False))
        return
    if len(paths) != 1:
        raise InputError("give one PATH, or use --jsonl for many documents")
    coded = pipeline.extract_path(paths[0], published=pub, url=url, settings=settings)
    if as_json:
        _dump(coded_to_dict(coded))
    else:
        from .render import print_coded
        print_coded(coded)


# --- dates / actors / places ------------------------------------------------

def _text_arg(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    return text


@main.command(context_settings=CONTEXT)
@click.argument("text", required=False)
@click.option("--published", help="Publication date, YYYY-MM-DD (required unless --jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--jsonl", "jsonl", metavar="FILE",
              help='Many texts: FILE (or - for stdin) holds one {"text", "published"} object '
                   'per line; prints one {"dates": [...]} per line, in order (a bad line '
                   'prints {"error", "line"} in its place).')
@click.option("--timex", "as_timex", is_flag=True,
              help="The TIMEX3 view: every expression TimeML marks, with its type (DATE, TIME, "
                   "DURATION, SET) and TimeML value (P2W, PRESENT_REF, 2024-Q1, XXXX-WXX-1, ...).")
def dates(text, published, as_json, jsonl, as_timex):
    """The temporal expressions in TEXT (or - for stdin), resolved against --published."""
    from .serialize import time_to_dict, timex_to_dict
    from .temporal import resolve_dates, timex

    if jsonl is not None:
        return _dates_jsonl(jsonl, text, published, "timex" if as_timex else "dates")
    if text is None or published is None:
        raise click.UsageError("give TEXT and --published, or --jsonl FILE")
    pub = _date(published, "--published")
    if as_timex:
        rows = [timex_to_dict(t) for t in timex(_text_arg(text), pub, _settings())]
        if as_json:
            _dump(rows)
        else:
            from .render import print_rows
            print_rows(rows, ("text", "type", "value", "start", "end"), title="TIMEX3")
        return
    times = resolve_dates(_text_arg(text), pub, _settings())
    rows = [time_to_dict(t) for t in times]
    if as_json:
        _dump(rows)
    else:
        from .render import print_rows
        print_rows(rows, ("text", "value", "precision", "start", "end"), title="Dates")


def _dates_jsonl(path: str, text, published, view: str = "dates") -> None:
    from .temporal.batch import resolve_jsonl

    if text is not None or published is not None:
        raise click.UsageError("--jsonl takes the texts and dates from FILE; drop TEXT and --published")
    if path == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}; give a JSONL file or - for stdin") \
                from None
    bad = []
    try:
        for out in resolve_jsonl(stream, _settings(), view):
            if "error" in out:
                bad.append(out["line"])
            click.echo(json.dumps(out, ensure_ascii=False))
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; convert it to UTF-8 JSON lines") from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        raise InputError(f"{len(bad)} line(s) could not be read (line {shown}); their output lines "
                         'hold {"error": …}; fix them and run again')


@main.command(context_settings=CONTEXT)
@click.argument("text")
@click.option("--published", help="Publication date, YYYY-MM-DD (resolves people in office).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(),
              help="Extra actor file(s), same format as the bundled ones.")
def actors(text, published, as_json, actors_files):
    """Every actor mention in TEXT (or - for stdin), with its resolution."""
    from . import nlp
    from .actors import resolve_actors

    settings = _settings(actors_files=actors_files or None)
    pub = _date(published, "--published")
    doc = nlp.parse_one(_text_arg(text), settings.model)
    rows = [{"text": m.text, "start": m.start, "end": m.end, "name": m.actor.name,
             "code": m.actor.code, "country": m.actor.country, "sector": m.actor.sector,
             "kind": m.actor.kind, "role": m.actor.role, "org": m.actor.org}
            for m in resolve_actors(doc, pub, settings)]
    if as_json:
        _dump(rows)
    else:
        from .render import print_rows
        print_rows(rows, ("text", "code", "country", "sector", "kind", "name"), title="Actors")


@main.command(context_settings=CONTEXT)
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def places(text, as_json):
    """Every place mention in TEXT (or - for stdin), resolved in the gazetteer."""
    from . import nlp
    from .actors import resolve_actors
    from .places import resolve_places

    settings = _settings()
    doc = nlp.parse_one(_text_arg(text), settings.model)
    mentions = resolve_actors(doc, None, settings)
    rows = [{"text": p.text, "start": p.start, "end": p.end, "name": p.place.name,
             "country": p.place.country, "admin1": p.place.admin1, "lat": p.place.lat,
             "lon": p.place.lon, "feature": p.place.feature, "rule": p.rule}
            for p in resolve_places(doc, mentions, settings)]
    if as_json:
        _dump(rows)
    else:
        from .render import print_rows
        print_rows(rows, ("text", "name", "country", "lat", "lon", "feature"), title="Places")


# --- ingest / demo ------------------------------------------------------------

def _run_ingest(inputs, settings, quiet=False, master=None, parquet_dir=None):
    from .engines.progress import progress_bar
    from .render import print_ingest_report
    from .store import open_store

    with open_store(settings.db) as store, progress_bar(inputs, quiet) as on_progress:
        if settings.engine == "spark":
            from .engines.spark import ingest_spark

            report = ingest_spark(inputs, store, settings, master=master,
                                  parquet_dir=parquet_dir, progress=on_progress)
        else:
            from .pipeline import ingest as run

            report = run(inputs, store, settings, progress=on_progress)
        counts = store.counts()
    print_ingest_report(report, counts, settings.db)
    return report


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB).")
@click.option("--workers", type=int, help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "spark"]),
              help="Ingest engine: local processes (default) or Apache Spark.")
@click.option("--master", help="Spark master URL with --engine spark (default: $SPARK_MASTER "
              "or local[*]), e.g. local[2], spark://host:7077, yarn.")
@click.option("--parquet-dir", help="With --engine spark: keep the coded rows as Parquet here "
              "(partitioned by publication date).")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(),
              help="Extra actor file(s).")
@_input_options
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(inputs, db, workers, engine, master, parquet_dir, actors_files, include, exclude,
           fields, quiet):
    """Ingest files, folders, JSONL/CSV corpora, WARC files or URLs into the store.

    Idempotent: articles already stored are skipped, so re-running resumes.
    """
    settings = _settings(db=db, workers=workers, engine=engine,
                         actors_files=actors_files or None, include=include or None,
                         exclude=exclude or None, fields=fields or None)
    if (master or parquet_dir) and settings.engine != "spark":
        raise InputError("--master and --parquet-dir go with --engine spark")
    _run_ingest(inputs, settings, quiet, master=master, parquet_dir=parquet_dir)


def sample_corpus() -> Path:
    from importlib import resources
    return Path(str(resources.files("newsevents") / "data" / "sample" / "voa_stories.jsonl"))


@main.command(context_settings=CONTEXT)
@click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def demo(db, quiet):
    """Ingest the bundled sample corpus (89 VOA stories) and show what to try next."""
    settings = _settings(db=db)
    click.echo(f"Ingesting the bundled sample corpus (Voice of America, public domain) "
               f"into {settings.db} ...")
    _run_ingest([str(sample_corpus())], settings, quiet)
    from .render import print_demo_next
    print_demo_next(settings.db)


# --- queries ------------------------------------------------------------------

def _filter_options(f):
    for opt in reversed([
        click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB)."),
        click.option("--actor", help="Actor on either side: code (PRKGOV), country (PRK) or name."),
        click.option("--dyad", help="SOURCE:TARGET, e.g. PRK:IRN."),
        click.option("--undirected", is_flag=True, help="Match the dyad in either direction."),
        click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--mode", help="PLOVER mode, e.g. aerial."),
        click.option("--status", help="reported, claimed, denied, planned, hypothetical, negated."),
        click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--location", help="ISO3 country of the event location."),
        click.option("--text", help="Words in the evidence sentence."),
        click.option("--quad", help="PLOVER quad class: verbal_cooperation, material_cooperation,"
                                    " verbal_conflict, material_conflict."),
        click.option("--min-mentions", type=int, help="Only events reported at least this often."),
    ]):
        f = opt(f)
    return f


def _make_filter(actor, dyad, undirected, type_, mode, status, since, until, location, text,
                 quad=None, min_mentions=None, limit=None):
    from .query import EventFilter
    return EventFilter(actor=actor, dyad=dyad, undirected=undirected, type=type_, mode=mode,
                       status=status, since=_date(since, "--since"),
                       until=_date(until, "--until"), location_country=location, text=text,
                       quad=quad, min_mentions=min_mentions, limit=limit).validated()


# The table view is for reading: it shows this many rows unless --limit says
# otherwise, and says how many it left out. Machine formats are complete.
TABLE_ROWS = 50
_LIMIT_HELP = (f"Rows to return (default: {TABLE_ROWS} in the table view, all with "
               "--format json/csv).")


def _row_limit(limit: int | None, fmt: str) -> int | None:
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be 1 or more, got {limit}")
    return limit if limit is not None or fmt != "table" else TABLE_ROWS


@main.command(context_settings=CONTEXT)
@_filter_options
@click.option("--limit", type=int, help=_LIMIT_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def events(db, actor, dyad, undirected, type_, mode, status, since, until, location, text,
           quad, min_mentions, limit, fmt):
    """Query coded events (merged across articles)."""
    from .query import count_events, query_events
    from .render import print_events
    from .store import open_store

    f = _make_filter(actor, dyad, undirected, type_, mode, status, since, until, location, text,
                     quad, min_mentions, _row_limit(limit, fmt))
    with open_store(_settings(db=db).db, read_only=True) as store:
        rows = query_events(store, f)
        total = count_events(store, f) if fmt == "table" and len(rows) == f.limit else len(rows)
    print_events(rows, fmt, total=total)


@main.command(context_settings=CONTEXT)
@click.option("--db", help="Store file.")
@click.option("--actor", help="Claimant or accused: code or country.")
@click.option("--text", help="Words in the claim.")
@click.option("--since", help="Claims in articles published on or after (YYYY-MM-DD).")
@click.option("--until", help="Claims in articles published on or before (YYYY-MM-DD).")
@click.option("--limit", type=int, help=_LIMIT_HELP.replace("json/csv", "json"))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def claims(db, actor, text, since, until, limit, fmt):
    """The claims ledger: claims, their denials and confirmations."""
    from .query import count_claims, query_claims
    from .render import print_claims
    from .store import open_store

    n = _row_limit(limit, fmt)
    where = dict(actor=actor, text=text, since=_date(since, "--since"),
                 until=_date(until, "--until"))
    # The table reads like a ledger (one row per claim, merged across the
    # articles that report it); JSON keeps one object per stored report, so a
    # script gets every claim as it was coded. --limit counts stored reports.
    merged = fmt == "table"
    with open_store(_settings(db=db).db, read_only=True) as store:
        rows = query_claims(store, limit=n, merge=merged, **where)
        fetched = sum(len(r.get("reports") or [r]) for r in rows) if merged else len(rows)
        total = count_claims(store, **where) if fmt == "table" and fetched == n else fetched
    print_claims(rows, fmt, total=total, shown=fetched)


@main.command(context_settings=CONTEXT)
@_filter_options
@click.option("--period", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--by", type=click.Choice(["actor", "country"]), default="actor", show_default=True,
              help="Dyads of actor codes (USAGOV, USAMIL apart) or of countries (both USA).")
def summary(db, actor, dyad, undirected, type_, mode, status, since, until, location, text,
            quad, min_mentions, period, fmt, by):
    """Event counts per dyad and period, by PLOVER quad class."""
    from .query import summarize
    from .render import print_table_rows
    from .store import open_store

    f = _make_filter(actor, dyad, undirected, type_, mode, status, since, until, location, text,
                     quad, min_mentions)
    with open_store(_settings(db=db).db, read_only=True) as store:
        rows = summarize(store, f, period, by=by)
    print_table_rows(rows, fmt, title=f"Events per {period}")


@main.command(context_settings=CONTEXT)
@click.argument("actor")
@click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB).")
@click.option("--period", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True)
@click.option("--top", type=int, default=10, show_default=True, help="Counterparts to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def profile(actor, db, period, top, fmt):
    """An actor's profile: who it acts on, who acts on it, how, and over time."""
    from .query import actor_profile
    from .render import print_profile
    from .store import open_store

    with open_store(_settings(db=db).db, read_only=True) as store:
        result = actor_profile(store, actor, period=period, top=top,
                               sections=("acts_on", "acted_on_by", "types", "timeline"))
    print_profile(actor, result, fmt)


@main.command(context_settings=CONTEXT)
@click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB).")
@click.option("--merge", "remerge", is_flag=True,
              help="Also re-run the duplicate merge over the whole store.")
def check(db, remerge):
    """Check the store's integrity (and optionally re-merge all events)."""
    from .store import open_store

    with open_store(_settings(db=db).db) as store:
        if remerge:
            n = store.merge_events()
            click.echo(f"Re-merged: {n} events.")
        problems = store.check_integrity()
        counts = store.counts()
    click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()))
    if problems:
        raise InputError("integrity problems: " + "; ".join(problems))
    click.echo("Store is consistent.")


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["plover", "cameo", "csv", "parquet"]),
              required=True, help="Export format.")
@click.option("--out", required=True, type=click.Path(), help="Output file.")
@_filter_options
def export(fmt, out, db, actor, dyad, undirected, type_, mode, status, since, until, location,
           text, quad, min_mentions):
    """Export events as PLOVER JSON lines, CAMEO-style TSV, CSV or Parquet."""
    from .query.export import export_events
    from .store import open_store

    f = _make_filter(actor, dyad, undirected, type_, mode, status, since, until, location, text,
                     quad, min_mentions)
    with open_store(_settings(db=db).db, read_only=True) as store:
        n = export_events(store, fmt, out, f)
    click.echo(f"Wrote {n} events to {out} ({fmt}).")


@main.command(context_settings=CONTEXT)
@click.option("--db", help="Store file (default: newsevents.duckdb or $NEWSEVENTS_DB).")
@click.option("--host", help="Address to bind (default: setting `host`, 127.0.0.1). Anything "
                             "else exposes the store to the network.")
@click.option("--port", type=int, help="Port (default: setting `port`, 8000).")
@click.option("--allow-ingest", is_flag=True,
              help="Add POST /api/ingest, protected by a token printed at start-up.")
def serve(db, host, port, allow_ingest):
    """HTTP API (OpenAPI at /docs) and the browser dashboard."""
    from .web import serve as run_server

    run_server(_settings(db=db, host=host, port=port), allow_ingest=allow_ingest,
               echo=click.echo)


if __name__ == "__main__":  # pragma: no cover
    main()

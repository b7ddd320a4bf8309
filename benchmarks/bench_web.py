"""API latency of the dashboard's heaviest pages on a store of 1M synthetic events.

Generates the store once with DuckDB (cached under benchmarks/cache/), starts
`newsevents serve` on a free loopback port in a subprocess, and drives it
with a bounded local load generator (a fixed number of client threads, each
with one keep-alive connection, a fixed number of requests per endpoint).
Prints p50/p95 per endpoint and writes benchmarks/results/bench_web.json.

    .venv/bin/python benchmarks/bench_web.py [--events 1000000] [--requests 200] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / "cache"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "IRN", "ISR", "PRK", "KOR", "JPN", "IND", "PAK", "AFG",
             "IRQ", "SYR", "TUR", "SAU", "EGY", "LBN", "YEM", "GBR", "FRA", "DEU", "POL", "BLR",
             "VEN", "COL", "MEX", "BRA", "NGA", "ETH", "SDN", "SOM", "KEN", "ZAF", "LBY", "MLI",
             "NER", "BFA", "TCD", "COD", "MMR", "THA", "PHL", "VNM", "IDN", "MYS", "AUS", "CAN",
             "ARG", "CHL", "PER", "CUB", "HTI", "SRB", "ARM", "AZE", "GEO", "KAZ", "QAT", "ARE"]
WORDS = ["officials", "leaders", "sources", "consult", "assault", "protest", "january", "may"]


def build_store(path: Path, n: int) -> None:
    """n events, one mention each, in n/4 articles; actors drawn with a skew so
    some dyads are large (as in real news)."""
    from newsevents.models import PLOVER_TYPES, QUAD_CLASS
    from newsevents.store import open_store

    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    with open_store(path) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE cc AS SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) - 1 AS i", [COUNTRIES, COUNTRIES])
        con.execute("CREATE TEMP TABLE tt AS SELECT unnest(?) AS type, unnest(?) AS quad, "
                    "generate_subscripts(?, 1) - 1 AS i",
                    [list(PLOVER_TYPES), [QUAD_CLASS[t] for t in PLOVER_TYPES],
                     list(PLOVER_TYPES)])
        con.execute("SELECT setseed(0.42)")
        con.execute(f"""
            CREATE TEMP TABLE g AS
            SELECT r AS n,
                   CAST(floor({len(COUNTRIES)} * pow(random(), 2.2)) AS INTEGER) AS s,
                   CAST(floor({len(COUNTRIES)} * pow(random(), 2.2)) AS INTEGER) AS t,
                   CAST(floor(16 * random()) AS INTEGER) AS ty,
                   DATE '2015-01-01' + CAST(floor(3650 * random()) AS INTEGER) AS d,
                   CASE WHEN random() < 0.9 THEN 'reported' WHEN random() < 0.5 THEN 'claimed'
                        ELSE 'denied' END AS status,
                   0.5 + 0.5 * random() AS conf
            FROM range({n}) r(r)""")
        con.execute("""
            CREATE TEMP TABLE ev AS
            SELECT md5('ev' || n) AS id, md5('art' || (n // 4)) AS article_id, n,
                   tt.type, tt.quad, sc.code AS source_code, tc.code AS target_code,
                   g.d, g.status, g.conf,
                   sc.code || ' officials ' || lower(tt.type) || ' ' || tc.code ||
                     ' leaders on ' || strftime(g.d, '%B %-d') || ', sources said.' AS sentence
            FROM g JOIN tt ON tt.i = g.ty JOIN cc sc ON sc.i = g.s JOIN cc tc ON tc.i = g.t""")
        con.execute("BEGIN")
        con.execute("""
            INSERT INTO articles BY NAME
            SELECT article_id AS id, 'synthetic#' || min(n) AS source,
                   'https://example.org/' || article_id AS url,
                   'Synthetic report ' || min(n) AS title, max(d) + 1 AS published,
                   'en' AS language, string_agg(sentence, ' ' ORDER BY n) AS text,
                   [] AS removed, true AS coded, now()::TIMESTAMP AS ingested_at
            FROM ev GROUP BY article_id""")
        # Offsets: each article's text is its 1-4 sentences joined by one space.
        con.execute("""
            INSERT INTO event_mentions BY NAME
            SELECT id || 'm' AS id, article_id, id AS event_id, md5(id) AS block, type,
                   source_code AS source_text, source_code AS source_name, source_code,
                   source_code AS source_country,
                   target_code AS target_text, target_code AS target_name, target_code,
                   target_code AS target_country,
                   strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision,
                   'on ' || strftime(d, '%B %-d') AS date_text, d AS date_start, d AS date_end,
                   status, lower(type) AS trigger,
                   off + length(source_code) + 11 AS trigger_start,
                   off + length(source_code) + 11 + length(type) AS trigger_end,
                   sentence, off AS span_start, off + length(sentence) AS span_end,
                   conf AS confidence, d + 1 AS published, n + 1 AS seq
            FROM (SELECT *, coalesce(sum(length(sentence) + 1) OVER (
                      PARTITION BY article_id ORDER BY n
                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off FROM ev)""")
        con.execute("""
            INSERT INTO events BY NAME
            SELECT id, md5(id) AS block, type, quad,
                   source_code AS source_name, source_code, source_code AS source_country,
                   target_code AS target_name, target_code, target_code AS target_country,
                   strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision,
                   d AS date_start, d AS date_end, status, 1 AS mentions, 1 AS sources,
                   d + 1 AS first_reported, d + 1 AS last_reported, conf AS confidence,
                   sentence, article_id
            FROM ev""")
        con.execute("COMMIT")
        store.reindex()  # the actor and word lookups, as write_batch keeps them
        counts = store.counts()
    print(f"built {path.name}: {counts['events']:,} events, {counts['articles']:,} articles "
          f"in {time.perf_counter() - t0:.0f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn: http.client.HTTPConnection, url: str) -> float:
    t = time.perf_counter()
    conn.request("GET", url)
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"GET {url} -> {resp.status}: {body[:200]!r}")
    return time.perf_counter() - t


def load(port: int, urls: list[str], clients: int) -> list[float]:
    """Run every URL once, spread over ``clients`` threads; latencies in seconds."""
    lat: list[float] = []
    lock = threading.Lock()
    queue = list(urls)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                url = queue.pop()
            dt = _get(conn, url)
            with lock:
                lat.append(dt)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    args = ap.parse_args()

    import duckdb

    from newsevents.store import latest_schema_version

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"web-{args.events}-v{latest_schema_version()}.duckdb"
    if not path.exists():
        build_store(path, args.events)
    con = duckdb.connect(str(path), read_only=True)
    rng = random.Random(7)
    ids = [r[0] for r in con.execute("SELECT id FROM events USING SAMPLE 500 ROWS").fetchall()]
    dyads = con.execute("SELECT source_code, target_code, count(*) FROM events "
                        "GROUP BY ALL ORDER BY 3 DESC LIMIT 20").fetchall()
    con.close()

    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(path),
                             "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start: "
                                       + (proc.stdout.read() or "")) from None
                time.sleep(0.2)
        n = args.requests

        def dyad_urls(kind: str) -> list[str]:
            out = []
            for _ in range(n):
                s, t, _c = rng.choice(dyads)
                out.append(f"/api/dyads/{s}/{t}?period=month" if kind == "api"
                           else f"/dyad?source={s}&target={t}&period=month")
            return out

        endpoints = {
            "overview (GET /api/overview)": ["/api/overview"] * n,
            "overview page (GET /)": ["/"] * n,
            "dyad timeline (GET /api/dyads/S/T?period=month)": dyad_urls("api"),
            "dyad page (GET /dyad?source=S&target=T)": dyad_urls("page"),
            "event (GET /api/events/ID)": [f"/api/events/{rng.choice(ids)}" for _ in range(n)],
            "event page (GET /events/ID)": [f"/events/{rng.choice(ids)}" for _ in range(n)],
            "events page 1 (GET /api/events?dyad=S:T&limit=50)":
                [f"/api/events?dyad={s}:{t}&limit=50" for s, t, _ in
                 (rng.choice(dyads) for _ in range(n))],
            "text search (GET /api/events?text=W+W&limit=50)":
                [f"/api/events?text={rng.choice(WORDS)}+{rng.choice(COUNTRIES)}&limit=50"
                 for _ in range(n)],
            "actor page (GET /actors/CODE)":
                [f"/actors/{rng.choice(COUNTRIES[:20])}" for _ in range(n)],
        }
        results = {}
        for name, urls in endpoints.items():
            load(port, urls[:5], 1)  # warm up
            t0 = time.perf_counter()
            lat = sorted(load(port, urls, args.clients))
            wall = time.perf_counter() - t0
            p50 = statistics.median(lat) * 1000
            p95 = lat[int(0.95 * (len(lat) - 1))] * 1000
            results[name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                             "requests": len(lat), "rps": round(len(lat) / wall, 1)}
            print(f"{name:55s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {len(lat) / wall:6.1f} req/s")
        # One client, a pause longer than the server's 0.1 s idle release before
        # each request: every request opens the file again (the cost of letting
        # an ingest in between requests).
        name = "event page, 0.3 s apart (file reopened each time)"
        lat = []
        for url in [f"/events/{rng.choice(ids)}" for _ in range(min(n, 30))]:
            time.sleep(0.3)
            lat += load(port, [url], 1)
        lat.sort()
        p50 = statistics.median(lat) * 1000
        p95 = lat[int(0.95 * (len(lat) - 1))] * 1000
        results[name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                         "requests": len(lat)}
        print(f"{name:55s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    finally:
        proc.terminate()
        proc.wait(10)
    out = {"events": args.events, "clients": args.clients, "requests_per_endpoint": n,
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                       "platform": platform.platform()},
           "results": results}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_web.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Hostile inputs, as a scraper's output would arrive, through ``ingest`` (issue 19).

``generate(folder, n, seed)`` writes ``n`` files, each of one hostile class
(columns that change from row to row, lone surrogates, deep nesting, bad
JSON, overlong rows, blank-line floods, cut/plain/zip ``.gz`` streams,
bombs, CSV/TSV without a header or with an unbalanced quote, header-only
and empty corpora, deep HTML, symbol runs, UTF-16 without a BOM,
cp1252/latin-1, binary noise, damaged WARCs, and random byte mutations of
valid files). Where the format allows, each file also carries good rows
("neighbours") whose marker word must reach the store.

``python benchmarks/fuzz_ingest.py [--inputs 10000] [--seed 19]`` (``make fuzz``)
runs a campaign in one process and prints crashes, hangs, the books'
balance and the neighbours found; with ``--bombs`` it also measures the peak
memory of ingesting three decompression bombs (each in a fresh process).
The test suite (tests/test_fuzz_ingest.py) runs a small campaign.
"""

from __future__ import annotations

import argparse
import faulthandler
import gzip
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ACTORS = ["Iran", "Israel", "Russia", "Ukraine", "China", "India", "Pakistan", "Egypt", "Turkey",
          "Germany", "France", "Brazil", "Mexico", "Japan", "Kenya", "Nigeria", "Peru", "Chile"]
VERBS = ["condemned", "accused", "met", "criticized", "praised", "threatened", "sanctioned",
         "thanked", "warned", "visited"]
PLACES = ["Geneva", "Vienna", "Cairo", "Nairobi", "Lima", "Tokyo", "Berlin", "Paris", "Delhi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


class Case:
    """One generated file: its name, bytes, and the marker words of its good rows."""

    def __init__(self, name: str, data: bytes, markers: list[str], kind: str):
        self.name, self.data, self.markers, self.kind = name, data, markers, kind


def _sentence(rng: random.Random, marker: str) -> str:
    a, b = rng.sample(ACTORS, 2)
    return (f"{a} {rng.choice(VERBS)} {b} on {rng.choice(DAYS)} in {rng.choice(PLACES)}, "
            f"officials said about the {marker} agreement. The {marker} talks will resume "
            f"next week, according to {rng.choice(ACTORS)} state media.")


# Good rows per file at most: the campaign lowers it (coding them is most of its time).
NEIGHBOURS = 3


def _good(rng: random.Random, k: int, tag: str) -> tuple[list[dict], list[str]]:
    k = max(1, min(k, NEIGHBOURS))
    markers = [f"zq{tag}x{i}x{rng.randrange(16**6):06x}" for i in range(k)]
    return [{"text": _sentence(rng, m), "title": f"Story {m}"} for m in markers], markers


def _jsonl(rows) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def _csv(header, rows, sep=",") -> bytes:
    out = io.StringIO()
    import csv

    w = csv.writer(out, delimiter=sep, lineterminator="\n")
    if header:
        w.writerow(header)
    for r in rows:
        w.writerow(r)
    return out.getvalue().encode()


def _warc(records, gz=True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                            http_headers=headers))
    return buf.getvalue()


def _html(text: str) -> bytes:
    return (f"<html><head><title>{text[:30]}</title></head><body><article><p>{text}</p>"
            f"</article></body></html>").encode()


# --- the hostile classes ------------------------------------------------------------------

def c_jsonl_columns(rng, tag):
    good, m = _good(rng, 2, tag)
    last = good[1]["text"] if len(good) > 1 else _sentence(rng, f"extra{tag}")
    rows = [{"id": 1}, good[0], {"text": last, "headline": "H", "date": "2024-01-02",
                                 "link": "https://x.org/a"}]
    return Case(f"{tag}.jsonl", _jsonl(rows), m, "jsonl_columns")


def c_surrogate(rng, tag):
    good, m = _good(rng, 2, tag)
    bad = json.dumps({"text": good[0]["text"], "title": "T"})
    bad = bad.replace('"T"', '"T \\ud800"').replace("officials", "officials \\udfff", 1)
    return Case(f"{tag}.jsonl", (bad + "\n").encode() + _jsonl(good[1:]), m, "surrogate")


def c_deep(rng, tag):
    good, m = _good(rng, 1, tag)
    depth = rng.choice([100, 1000, 5000])
    deep = '{"text": "x", "n": ' + "[" * depth + "]" * depth + "}"
    body = (deep + "\n" + "[" * 20000 + "\n").encode() + _jsonl(good)
    return Case(f"{tag}.jsonl", body, m, "deep_json")


def c_bad_json(rng, tag):
    good, m = _good(rng, 2, tag)
    junk = rng.choice([b"{not json", b"[1,2,3]", b'"a string"', b"1" * 5000, b"{\"text\": 5}",
                       b"\xff\xfe\x00garbage", b"null"])
    return Case(f"{tag}.jsonl", _jsonl(good[:1]) + junk + b"\n" + _jsonl(good[1:]), m, "bad_json")


def c_overlong(rng, tag):
    good, m = _good(rng, 2, tag)
    big = json.dumps({"text": "word " * 30_000}).encode()  # > the campaign's 100 kB limit
    return Case(f"{tag}.jsonl", _jsonl(good[:1]) + big + b"\n" + _jsonl(good[1:]), m, "overlong")


def c_blank_flood(rng, tag):
    good, m = _good(rng, 1, tag)
    body = b"\n" * rng.choice([10, 10_000, 300_000]) + _jsonl(good) + b" \n\t\n" * 1000
    return Case(f"{tag}.jsonl.gz", gzip.compress(body, 1), m, "blank_flood")


def c_gz_plain(rng, tag):
    good, _ = _good(rng, 1, tag)
    return Case(f"{tag}.{rng.choice(['jsonl', 'csv', 'json'])}.gz", _jsonl(good), [], "gz_plain")


def c_gz_zip(rng, tag):
    good, _ = _good(rng, 1, tag)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.jsonl", _jsonl(good))
    return Case(f"{tag}.jsonl.gz", buf.getvalue(), [], "gz_zip")


def c_gz_cut(rng, tag):
    good, m = _good(rng, 3, tag)
    filler = [{"text": _sentence(rng, f"fill{tag}x{i}")} for i in range(25)]
    packed = gzip.compress(_jsonl(good + filler))
    # The good rows are at the start: a cut in the second half must keep them.
    return Case(f"{tag}.jsonl.gz", packed[:rng.randrange(len(packed) // 2, len(packed) - 8)], m,
                "gz_cut")


def c_gz_bomb(rng, tag):
    good, m = _good(rng, 1, tag)
    kind = rng.choice(["csv", "jsonl", "html"])
    if kind == "csv":
        body = _csv(["text"], [[good[0]["text"]]]) + b'"' + b"a" * 3_000_000 + b'"\n'
    elif kind == "jsonl":
        body = _jsonl(good) + b'{"text": "' + b"a" * 3_000_000 + b'"}\n'
    else:
        body, m = b"<html><body><p>" + b"a " * 1_500_000 + b"</p></body></html>", []
    return Case(f"{tag}.{kind}.gz", gzip.compress(body, 9), m, "gz_bomb")


def c_csv_noheader(rng, tag):
    good, m = _good(rng, 2, tag)
    return Case(f"{tag}.csv", _csv(None, [[g["text"], "2024-01-01"] for g in good]), m,
                "csv_noheader")


def c_tsv_quote(rng, tag):
    good, m = _good(rng, 3, tag)
    lines = ["text\ttitle"] + [f"{g['text']}\t{g['title']}" for g in good]
    lines[1] = '"' + lines[1]
    return Case(f"{tag}.tsv", ("\n".join(lines) + "\n").encode(), m, "tsv_quote")


def c_csv_quote(rng, tag):
    good, m = _good(rng, 3, tag)
    rows = [f'{g["text"].replace(",", "")},{g["title"]},2024-01-0{i + 1}' for i, g in enumerate(good)]
    rows[0] = '"' + rows[0]
    return Case(f"{tag}.csv", ("text,title,date\n" + "\n".join(rows) + "\n").encode(), m,
                "csv_quote")


def c_empty_corpus(rng, tag):
    ext, data = rng.choice([("csv", b"text,title\n"), ("jsonl", b""), ("jsonl", b"\n\n \n"),
                            ("json", b"[]"), ("tsv", b""), ("csv.gz", gzip.compress(b"")),
                            ("json", b"{}")])
    return Case(f"{tag}.{ext}", data, [], "empty_corpus")


def c_json_bad(rng, tag):
    good, m = _good(rng, 2, tag)
    if rng.random() < 0.5:
        return Case(f"{tag}.json", b"[" * 50_000, [], "json_bad")
    return Case(f"{tag}.json", json.dumps({"articles": good + [5, "x", {"a": [[[]]]}]}).encode(),
                m, "json_bad")


def c_deep_html(rng, tag):
    good, m = _good(rng, 1, tag)
    depth = rng.choice([300, 1000])
    body = "<html><body>" + "<div>" * depth + f"<p>{good[0]['text']}</p>" + "</div>" * depth
    return Case(f"{tag}.html", (body + "</body></html>").encode(), m, "deep_html")


def c_symbols(rng, tag):
    n = rng.choice([2_000, 8_000, 30_000])
    return Case(f"{tag}.html", b"<html><body><p>" + b"&amp;" * n + b"</p></body></html>", [],
                "symbols")


def c_encodings(rng, tag):
    good, m = _good(rng, 1, tag)
    text = good[0]["text"] + " Le Café de Genève a été fermé."
    enc = rng.choice(["utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8-sig", "utf-16"])
    return Case(f"{tag}.txt", text.encode(enc), m, "encoding")


def c_binary(rng, tag):
    data = rng.choice([os.urandom(rng.randrange(1, 5000)), b"\x00" * 100, b"%PDF-1.4" + os.urandom(50),
                       b"\xed\xa0\x80" * 50, b""])
    return Case(f"{tag}.{rng.choice(['txt', 'html', 'bin'])}", data, [], "binary")


def c_warc(rng, tag):
    good, m = _good(rng, 2, tag)
    data = _warc([(f"https://a.org/{tag}/{i}", _html(g["text"])) for i, g in enumerate(good)]
                 + [(f"https://a.org/{tag}/z", _html(_sentence(rng, "tail" + tag)))])
    how = rng.choice(["cut", "nouri", "junk"])
    if how == "cut":
        return Case(f"{tag}.warc.gz", data[:len(data) - rng.randrange(50, 400)], m, "warc_cut")
    if how == "nouri":
        raw = _warc([(f"https://a.org/{tag}", _html(good[0]["text"]))], gz=False)
        raw = raw.replace(f"WARC-Target-URI: https://a.org/{tag}\r\n".encode(), b"")
        return Case(f"{tag}.warc", raw, [], "warc_nouri")
    return Case(f"{tag}.warc", b"WARC/1.0\r\n" + os.urandom(rng.randrange(10, 3000)), [], "warc_junk")


def c_mutant(rng, tag):
    """A valid file of any format with random bytes flipped, dropped or inserted."""
    good, _ = _good(rng, 3, tag)
    ext, data = rng.choice([("jsonl", _jsonl(good)), ("csv", _csv(["text", "title"],
                            [[g["text"], g["title"]] for g in good])),
                            ("jsonl.gz", gzip.compress(_jsonl(good))),
                            ("html", _html(good[0]["text"])), ("json", json.dumps(good).encode()),
                            ("warc.gz", _warc([("https://m.org/1", _html(good[0]["text"]))]))])
    data = bytearray(data)
    for _ in range(rng.randrange(1, 12)):
        if not data:
            break
        i = rng.randrange(len(data))
        op = rng.random()
        if op < 0.4:
            data[i] = rng.randrange(256)
        elif op < 0.7:
            del data[i:i + rng.randrange(1, 50)]
        else:
            data[i:i] = os.urandom(rng.randrange(1, 20))
    return Case(f"{tag}.{ext}", bytes(data), [], "mutant")


CLASSES = [c_jsonl_columns, c_surrogate, c_deep, c_bad_json, c_overlong, c_blank_flood, c_gz_plain,
           c_gz_zip, c_gz_cut, c_gz_bomb, c_csv_noheader, c_tsv_quote, c_csv_quote,
           c_empty_corpus, c_json_bad, c_deep_html, c_symbols, c_encodings, c_binary, c_warc,
           c_mutant]


def generate(folder: Path, n: int, seed: int) -> list[Case]:
    """Write ``n`` hostile files into ``folder`` (every class in turn, then a mutant each
    other time); returns them with the markers of their good rows."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for i in range(n):
        make = CLASSES[i % len(CLASSES)] if i < 2 * len(CLASSES) or i % 2 else c_mutant
        case = make(rng, f"f{seed}n{i}")
        (folder / case.name).write_bytes(case.data)
        cases.append(case)
    return cases


def settings_for_fuzz():
    from newsevents.settings import Settings

    # Smaller limits than the defaults, so bombs and overlong rows trip them fast.
    return Settings(workers=1, max_document_bytes=100_000, coding_timeout_s=20.0,
                    fetch_retries=0, fetch_timeout_s=2.0, ingest_batch_docs=64)


def check_books(store, report) -> list[str]:
    """Inputs = articles + rejections + already stored, in the report and in the store."""
    problems = []
    if report.documents != report.articles + report.rejected + report.already_stored:
        problems.append(f"report: {report.documents} documents != {report.articles} articles + "
                        f"{report.rejected} rejected + {report.already_stored} already stored")
    con = store.con
    stored_art = con.execute("SELECT count(*) FROM articles WHERE run_id = ?",
                             [report.run_id]).fetchone()[0]
    stored_rej = con.execute("SELECT count(*) FROM rejections WHERE run_id = ?",
                             [report.run_id]).fetchone()[0]
    if stored_art != report.articles:
        problems.append(f"store has {stored_art} articles of the run, report {report.articles}")
    if stored_rej != report.rejected:
        problems.append(f"store has {stored_rej} rejections of the run, report {report.rejected}")
    status = con.execute("SELECT status FROM runs WHERE run_id = ?", [report.run_id]).fetchone()[0]
    if status != "done":
        problems.append(f"run status {status}")
    return problems


def missing_neighbours(store, cases: list[Case]) -> list[str]:
    markers = [m for c in cases for m in c.markers]
    if not markers:
        return []
    found = set()
    for (text,) in store.con.execute("SELECT text FROM articles").fetchall():
        for word in text.split():
            if word.startswith("zq"):
                found.add(word.strip(".,"))
    return [m for m in markers if m not in found]


def run_campaign(n: int, seed: int, batch: int = 250, hang_s: float = 600.0,
                 out=sys.stdout) -> dict:
    """Generate ``n`` inputs and ingest them, ``batch`` files per run, into one store."""
    from newsevents.pipeline import ingest
    from newsevents.store import Store

    settings = settings_for_fuzz()
    root = Path(tempfile.mkdtemp(prefix="newsevents-fuzz-"))
    totals = {"inputs": 0, "documents": 0, "articles": 0, "rejected": 0, "already": 0,
              "crashes": 0, "hangs": 0, "unbalanced": 0, "neighbours": 0,
              "neighbours_missing": 0, "seconds": 0.0, "slowest_batch_s": 0.0, "reasons": {}}
    try:
        with Store(root / "fuzz.duckdb") as store:
            for start in range(0, n, batch):
                folder = root / f"b{start}"
                cases = generate(folder, min(batch, n - start), seed * 1_000_003 + start)
                totals["inputs"] += len(cases)
                faulthandler.dump_traceback_later(hang_s, exit=False)
                t0 = time.perf_counter()
                try:
                    report = ingest([str(folder)], store, settings)
                except Exception:  # noqa: BLE001 - a crash is what the campaign counts
                    totals["crashes"] += 1
                    print(f"CRASH in batch {start}:\n{traceback.format_exc()}", file=out)
                    continue
                finally:
                    faulthandler.cancel_dump_traceback_later()
                took = time.perf_counter() - t0
                totals["seconds"] += took
                totals["slowest_batch_s"] = max(totals["slowest_batch_s"], took)
                if took > hang_s:
                    totals["hangs"] += 1
                for key, attr in (("documents", "documents"), ("articles", "articles"),
                                  ("rejected", "rejected"), ("already", "already_stored")):
                    totals[key] += getattr(report, attr)
                for reason, k in report.reasons.items():
                    totals["reasons"][reason] = totals["reasons"].get(reason, 0) + k
                problems = check_books(store, report)
                if problems:
                    totals["unbalanced"] += 1
                    print(f"UNBALANCED batch {start}: {problems}", file=out)
                missing = missing_neighbours(store, cases)
                totals["neighbours"] += sum(len(c.markers) for c in cases)
                totals["neighbours_missing"] += len(missing)
                if missing:
                    print(f"MISSING neighbours in batch {start}: {missing[:5]}", file=out)
                shutil.rmtree(folder, ignore_errors=True)
                print(f"{totals['inputs']:>6} inputs  {took:6.1f} s  crashes {totals['crashes']}"
                      f"  unbalanced {totals['unbalanced']}  missing neighbours "
                      f"{totals['neighbours_missing']}", file=out, flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return totals


# --- bombs: peak memory, each in a fresh process ------------------------------------------

_BOMB_RUN = """
import resource, sys, time
from newsevents.pipeline import ingest
from newsevents.settings import Settings
from newsevents.store import Store
t = time.perf_counter()
with Store(sys.argv[2]) as store:
    r = ingest([sys.argv[1]], store, Settings(workers=1))
    rows = store.con.execute("SELECT reason, detail FROM rejections").fetchall()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
try:  # VmHWM: this program's own peak; ru_maxrss also counts the forking parent's size
    with open("/proc/self/status") as fh:
        peak = next(int(x.split()[1]) // 1024 for x in fh if x.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(round(time.perf_counter() - t, 1), peak, r.documents, r.articles, r.rejected, rows[:2])
"""


def _write_gz(path: Path, head: bytes, fill: bytes, total: int, tail: bytes) -> None:
    with gzip.open(path, "wb", compresslevel=6) as fh:
        fh.write(head)
        block = fill * (8 * 1024 * 1024 // len(fill))
        left = total
        while left > 0:
            fh.write(block[:left])
            left -= len(block)
        fh.write(tail)


def measure_bombs(out=sys.stdout) -> list[tuple]:
    """Peak RSS of ingesting 1 GB bombs (a CSV field, a JSONL line, blank lines)."""
    root = Path(tempfile.mkdtemp(prefix="newsevents-bombs-"))
    results = []
    try:
        good = b'{"text": "Iran condemned Israel on Tuesday in Geneva, state media reported."}\n'
        bombs = {
            "csv_field_1GB.csv.gz": (b'text\n"', b"a", 1 << 30, b'"\n'),
            "jsonl_line_1GB.jsonl.gz": (b'{"text": "', b"a", 1 << 30, b'"}\n'),
            "blank_lines_1GB.jsonl.gz": (good, b"\n", 1 << 30, good.replace(b"Iran", b"Egypt")),
        }
        for name, spec in bombs.items():
            path = root / name
            _write_gz(path, *spec)
            proc = subprocess.run([sys.executable, "-c", _BOMB_RUN, str(path),
                                   str(root / (name + ".duckdb"))],
                                  capture_output=True, text=True, timeout=1800)
            line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-500:]
            results.append((name, path.stat().st_size, line))
            print(f"{name}: {path.stat().st_size / 1e6:.1f} MB compressed -> "
                  f"seconds, peak RSS MB, documents, articles, rejected, first rejections: {line}",
                  file=out, flush=True)
            path.unlink()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--neighbours", type=int, default=1, help="good rows per file, at most")
    ap.add_argument("--bombs", action="store_true", help="also measure the bombs' peak memory")
    args = ap.parse_args(argv)
    global NEIGHBOURS
    NEIGHBOURS = args.neighbours
    from machine import describe  # benchmarks/machine.py

    print(describe())
    t0 = time.perf_counter()
    totals = run_campaign(args.inputs, args.seed, args.batch)
    print(json.dumps({**totals, "wall_s": round(time.perf_counter() - t0, 1),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024},
                     indent=1, sort_keys=True))
    if args.bombs:
        measure_bombs()
    bad = totals["crashes"] or totals["hangs"] or totals["unbalanced"] or totals["neighbours_missing"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())

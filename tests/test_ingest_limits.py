"""ingest with limits (issue 19): every hostile input a scraper can produce ends as a
document or a recorded rejection, in bounded memory, with its good neighbours kept."""

import gzip
import http.server
import io
import json
import os
import threading
import time
import zipfile

import pytest

from newsevents.ingest import iter_documents
from newsevents.ingest.decode import decode_bytes, maybe_gunzip, utf16_guess
from newsevents.ingest.limits import GunzipReader, iter_lines, source_name, valid_text
from newsevents.models import RawDocument, Rejected
from newsevents.settings import Settings

S = Settings(fetch_retries=0, fetch_timeout_s=3.0)
A = "Iran condemned Israel on Tuesday in Geneva, state media reported."


def run(tmp_path, name, data, settings=S):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(iter_documents([str(path)], settings))


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def reasons(items):
    return [i.reason for i in items if isinstance(i, Rejected)]


def test_issue19_jsonl_columns_are_resolved_per_row(tmp_path):
    rows = [{"id": 1}, {"text": A}, {"text": A + " 2", "title": "T", "date": "2024-01-02",
                                     "url": "https://x.org/2"}]
    out = run(tmp_path, "c.jsonl", "\n".join(map(json.dumps, rows)) + "\n")
    assert reasons(out) == ["bad_row"]
    first, second = docs(out)
    assert first.content == A and first.title is None
    assert (second.title, second.published, second.url) == ("T", "2024-01-02", "https://x.org/2")
    # With --field naming a column the first row lacks, later rows keep theirs.
    out = list(iter_documents([str(tmp_path / "c.jsonl")], S,
                              mapping={"title": "title", "published": "date"}))
    assert docs(out)[1].title == "T" and docs(out)[1].published == "2024-01-02"


def test_issue19_lone_surrogates_are_replaced_and_noted(tmp_path):
    out = run(tmp_path, "s.jsonl", '{"text": "%s \\ud800", "title": "T \\udfff"}\n' % A)
    [d] = out
    assert "\ud800" not in d.content and "\ufffd" in d.content and d.title == "T \ufffd"
    assert len(d.meta["notes"]) == 2
    d.content.encode("utf-8")  # valid now
    # A well-formed escaped pair is one character, not two replacements.
    assert valid_text("\ud83d\ude00") == ("\U0001F600", 0)


def test_issue19_non_utf8_file_name_is_kept_escaped(tmp_path):
    folder = os.fsencode(tmp_path / "f")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w") as fh:
        fh.write(A)
    [d] = iter_documents([str(tmp_path / "f")], S)
    assert d.source.endswith("caf\\xe9.txt")
    d.source.encode("utf-8")
    assert source_name(os.fsdecode(b"caf\xe9")) == "caf\\xe9"


def test_issue19_damaged_gzip_keeps_rows_before_the_cut(tmp_path):
    body = "".join(json.dumps({"text": f"{A} {i}"}) + "\n" for i in range(3000)).encode()
    packed = gzip.compress(body)
    out = run(tmp_path, "cut.jsonl.gz", packed[:len(packed) // 2])
    assert len(docs(out)) > 1000
    assert reasons(out) == ["bad_archive"]
    assert out[-1].source.endswith(f"#{len(docs(out)) + 1}")  # the line of the cut
    assert reasons(run(tmp_path, "plain.jsonl.gz", json.dumps({"text": A}))) == ["bad_archive"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.jsonl", json.dumps({"text": A}))
    assert reasons(run(tmp_path, "zip.csv.gz", buf.getvalue())) == ["bad_archive"]


def test_issue19_deep_nesting_and_bad_json_are_row_rejections(tmp_path):
    deep = '{"text": "%s", "x": %s}' % (A, "[" * 1000 + "]" * 1000)
    out = run(tmp_path, "n.jsonl", deep + "\n" + "[" * 100_000 + "\n" + json.dumps({"text": A}))
    assert reasons(out) == ["bad_row", "bad_row"] and len(docs(out)) == 1
    assert reasons(run(tmp_path, "n.json", "[" * 100_000)) == ["bad_row"]


def test_issue19_tsv_unbalanced_quote_does_not_swallow_rows(tmp_path):
    out = run(tmp_path, "q.tsv", f'text\ttitle\n"{A}\tT1\n{A} 2\tT2\n{A} 3\tT3\n')
    assert [d.title for d in docs(out)] == ["T1", "T2", "T3"]
    # A quoted field with paragraphs (no tabs in them) stays one field.
    out = run(tmp_path, "p.tsv", f'text\ttitle\n"{A}\n\n{A}"\tT1\n')
    [d] = docs(out)
    assert d.content == f"{A}\n\n{A}" and d.title == "T1"


def test_issue19_csv_without_header_keeps_its_first_row(tmp_path):
    out = run(tmp_path, "h.csv", f'"{A}",2024-01-01\n"Another sentence long enough to be prose.",x\n')
    assert [d.content for d in docs(out)] == [A, "Another sentence long enough to be prose."]


@pytest.mark.parametrize("name,data", [("e.jsonl", ""), ("b.jsonl", "\n \n\n"),
                                       ("h.csv", "text,title\n"), ("e.json", "[]"),
                                       ("e.csv.gz", gzip.compress(b""))])
def test_issue19_a_corpus_with_no_rows_is_recorded(tmp_path, name, data):
    assert reasons(run(tmp_path, name, data)) == ["empty"]


def test_issue19_empty_folder_and_fifo_are_recorded(tmp_path):
    (tmp_path / "empty").mkdir()
    assert reasons(iter_documents([str(tmp_path / "empty")], S)) == ["empty"]
    (tmp_path / "f").mkdir()
    os.mkfifo(tmp_path / "f" / "pipe.txt")
    (tmp_path / "f" / "a.txt").write_text(A)
    out = list(iter_documents([str(tmp_path / "f")], S))  # would block forever on the FIFO
    assert reasons(out) == ["special_file"] and len(docs(out)) == 1


def test_issue19_second_stdin_rejection_has_its_own_source(monkeypatch):
    from newsevents.ingest import sources

    seen = []
    for data in (b"", b"%PDF-1.4"):
        monkeypatch.setattr(sources.sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        [r] = iter_documents(["-"], S)
        seen.append((r.source, r.reason))
    assert seen[0][0] != seen[1][0] and all(s.startswith("-#sha256:") for s, _ in seen)


def test_issue19_overlong_rows_are_skipped_while_read(tmp_path):
    small = Settings(max_document_bytes=1000)
    big = json.dumps({"text": "x" * 50_000})
    out = run(tmp_path, "o.jsonl", f'{json.dumps({"text": A})}\n{big}\n{json.dumps({"text": A})}\n',
              small)
    assert reasons(out) == ["too_large"] and len(docs(out)) == 2
    out = run(tmp_path, "o.csv", f'text\n"{A}"\n"{"y" * 50_000}"\n"{A} 2"\n', small)
    assert "too_large" in reasons(out) and docs(out)[0].content == A


def test_issue19_gzip_bomb_is_bounded_while_decompressing(tmp_path):
    bomb = gzip.compress(b"a" * 50_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(ValueError, match="too_large"):
        maybe_gunzip(bomb, 1_000_000)
    with pytest.raises(ValueError, match="corrupt"):
        maybe_gunzip(gzip.compress(os.urandom(1000))[:500], 1_000_000)
    out = run(tmp_path, "bomb.csv.gz", gzip.compress(b'text\n"' + b"z" * 20_000_000 + b'"\n'),
              Settings(max_document_bytes=100_000))
    assert reasons(out) == ["too_large"]


def test_iter_lines_skips_blank_runs_and_counts_lines():
    data = b"a\n" + b"\n" * 100_000 + b"b\n" + b"x" * 50 + b"\nc"
    out = list(iter_lines(io.BytesIO(data), 20))
    assert out == [(1, b"a\n"), (100_002, b"b\n"), (100_003, None), (100_004, b"c")]
    out = list(iter_lines(io.BytesIO(b"a\n\n\n\nb\n"), 20, blank_run=2))
    assert [line for _, line in out] == [b"a\n", b"\n", b"\n", b"b\n"]


def test_gunzip_reader_reads_multi_member_streams():
    data = gzip.compress(b"a" * 100_000) + gzip.compress(b"b" * 5)
    reader, out = GunzipReader(io.BytesIO(data)), b""
    while chunk := reader.read(1000):
        out += chunk
    assert out == b"a" * 100_000 + b"b" * 5


def test_issue19_charsets_news_uses():
    # Undeclared cp1252/latin-1 is read as such, not as a Baltic code page.
    for enc in ("cp1252", "latin-1"):
        text = f"Le Café de Genève a été fermé. {A} Müller said “no”." if enc == "cp1252" \
            else f"Le Café de Genève a été fermé. {A}"
        assert decode_bytes(text.encode(enc))[0] == text
    # A Cyrillic page is still left to the detector.
    ru = "Россия и Украина провели переговоры в Женеве во вторник. " * 5
    assert decode_bytes(ru.encode("cp1251"))[0] == ru
    # UTF-16 without a BOM is text, not binary.
    for enc in ("utf-16-le", "utf-16-be"):
        assert utf16_guess(A.encode(enc)) == enc
        assert decode_bytes(A.encode(enc))[0] == A
    assert utf16_guess(bytes(range(256)) * 4) is None


class _Hostile(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(100):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
        elif self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(A.encode())
        else:
            body = (A * 3).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_issue19_fetch_has_a_real_deadline_and_a_cut_response_is_rejected(hostile_server):
    s = Settings(fetch_retries=0, fetch_timeout_s=1.0)
    t0 = time.monotonic()
    out = list(iter_documents([f"{hostile_server}/drip", f"{hostile_server}/short",
                               f"{hostile_server}/good"], s))
    assert time.monotonic() - t0 < 8  # the drip alone would take 20 s
    assert [getattr(o, "reason", None) for o in out] == [
        "fetch_failed:timeout", "fetch_failed:network", None]
    assert out[2].content == (A * 3).encode()


def _warc(records, gz=True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                            http_headers=headers))
    return buf.getvalue()


def test_issue19_damaged_warc_keeps_complete_records_and_records_the_damage(tmp_path):
    page = b"<html><body><p>" + (A * 20).encode() + b"</p></body></html>"
    data = _warc([("https://a.org/1", page), ("https://a.org/2", page + b" " + os.urandom(4000))])
    cut = run(tmp_path, "cut.warc.gz", data[:len(data) - 1500])
    assert isinstance(cut[0], RawDocument) and cut[0].url == "https://a.org/1"
    assert reasons(cut) == ["bad_archive"]
    # A record with no target URI (warcio fails inside) is a rejection, not a crash.
    raw = _warc([("https://a.org/1", page)], gz=False).replace(b"WARC-Target-URI: https://a.org/1\r\n", b"")
    out = run(tmp_path, "nouri.warc", raw + _warc([("https://a.org/3", page)], gz=False))
    assert reasons(out) == ["bad_archive"] and "AttributeError" in out[0].detail
    assert reasons(run(tmp_path, "junk.warc", b"WARC/1.0\r\nnonsense\r\n\r\n" * 3)) == ["empty"]
    assert reasons(run(tmp_path, "none.warc", b"")) == ["empty"]

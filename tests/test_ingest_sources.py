"""ingest: every input kind ends as a RawDocument or a Rejected with a reason."""

import gzip
import http.server
import io
import json
import threading

import pytest

from newsevents.errors import InputError
from newsevents.ingest import iter_documents, read_document
from newsevents.models import RawDocument, Rejected
from newsevents.settings import Settings

S = Settings(fetch_retries=1, fetch_timeout_s=5.0)


def test_files_folders_globs_and_rejections(tmp_path):
    (tmp_path / "a.txt").write_text("Some article text here.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    (tmp_path / "sub" / "skip.log").write_text("log line")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4 binary")
    out = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")], S,
                              exclude=["*.log"]))
    by = {o.source.rsplit("/", 1)[-1]: o for o in out}
    assert isinstance(by["a.txt"], RawDocument) and by["a.txt"].kind == "text"
    assert by["b.html"].content.startswith(b"<html>")  # gunzipped
    assert "skip.log" not in by
    assert by["empty.txt"].reason == "empty"
    assert by["doc.pdf"].reason == "binary"
    assert by["missing.txt"].reason == "not_found"
    only = list(iter_documents([str(tmp_path)], S, include=["*.html"]))
    assert [o.source.rsplit("/", 1)[-1] for o in only] == ["b.html"]


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 200)
    [r] = iter_documents([str(p)], Settings(max_document_bytes=100))
    assert isinstance(r, Rejected) and r.reason == "too_large"


def test_jsonl_and_csv_guess_and_mapping(tmp_path):
    j = tmp_path / "c.jsonl"
    j.write_text(json.dumps({"headline": "H", "body": "Body text", "pubdate": "2024-04-24",
                             "link": "https://x.org/1"}) + "\nnot json\n" +
                 json.dumps({"other": 1}) + "\n", encoding="utf-8")
    docs = list(iter_documents([str(j)], S))
    assert docs[0].source.endswith("c.jsonl#1")
    assert (docs[0].title, docs[0].content, docs[0].published, docs[0].url) == (
        "H", "Body text", "2024-04-24", "https://x.org/1")
    assert docs[1].reason == "bad_row" and docs[2].reason == "bad_row"
    c = tmp_path / "c.csv"
    c.write_text("Story,When\n\"Text, with comma\",2024-01-02\n", encoding="utf-8")
    [d] = iter_documents([str(c)], S, mapping={"text": "Story", "published": "When"})
    assert (d.content, d.published, d.source.endswith("c.csv#1")) == (
        "Text, with comma", "2024-01-02", True)


def test_warc_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for uri, status, ctype, body in [
            ("https://a.org/1", "200 OK", "text/html; charset=utf-8", b"<html><p>hi</p></html>"),
            ("https://a.org/2", "404 Not Found", "text/html", b"gone"),
            ("https://a.org/logo.png", "200 OK", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=headers))
    out = list(iter_documents([str(path)], S))
    assert isinstance(out[0], RawDocument) and out[0].url == "https://a.org/1"
    assert out[0].source.startswith(str(path) + "#urn:uuid:")
    assert out[0].meta["charset"] == "utf-8"
    assert [o.reason for o in out[1:]] == ["fetch_failed:404", "not_text"]


@pytest.fixture()
def server():
    hits = {"flaky": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/flaky" and hits["flaky"] == 0:
                hits["flaky"] += 1
                self.send_response(503)
                self.end_headers()
                return
            if self.path in ("/ok", "/flaky"):
                body = b"<html><body><p>Hello</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self._ua = self.headers.get("User-Agent")
                hits["ua"] = self._ua
                return
            if self.path == "/big":
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"x" * 5000)
                return
            self.send_response(404)
            self.end_headers()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


def test_urls_and_url_lists(server, tmp_path):
    base, hits = server
    lst = tmp_path / "list.txt"
    lst.write_text(f"# urls\n{base}/ok\n{base}/missing\n{base}/flaky\n")
    out = list(iter_documents([str(lst)], S))
    assert isinstance(out[0], RawDocument) and out[0].kind == "html"
    assert hits["ua"] == S.fetch_user_agent
    assert out[1].reason == "fetch_failed:404"
    assert isinstance(out[2], RawDocument)  # retried after a 503
    [big] = iter_documents([f"{base}/big"], Settings(fetch_max_bytes=1000))
    assert big.reason == "too_large"


def test_read_document_errors_say_what_to_do(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_document(str(tmp_path / "nope.txt"), S)
    (tmp_path / "e.txt").write_text("")
    with pytest.raises(InputError, match="empty"):
        read_document(str(tmp_path / "e.txt"), S)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        read_document(str(tmp_path / "b.bin"), S)
    doc = read_document("tests/fixtures/worked_example.txt", S, published="2024-04-24")
    assert doc.kind == "text" and doc.published == "2024-04-24"

"""Integration tests of newsevents/sources.py: real files in tmp_path and a local threaded HTTP server."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import time
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from newsevents.adapters.sources import FetchError, http_get, iter_feed_items, iter_input_items
from newsevents.config import USER_AGENT, Limits
from newsevents.extract.articles import build_articles
from newsevents.extract.records import RawRecord, RawReject

EN = ("The Russian Federation used its veto power on Wednesday to block a United Nations Security Council "
      "resolution condemning the Syrian government for a chemical weapons attack on civilians.")
EN2 = ("Secretary of State Rex Tillerson met Foreign Minister Sergey Lavrov in Moscow on Wednesday and said "
       "the two countries had failed to agree on the facts of the attack.")
EN3 = ("Deputy Russian envoy Vladimir Safronkov questioned the logic of condemning the Syrian president before "
       "international investigators had even begun to examine what happened.")


def refs(items) -> list[str]:
    return [i.input_ref for i in items]


def codes(items) -> dict[str, str]:
    return {i.input_ref: i.reason_code for i in items if isinstance(i, RawReject)}


def jsonl(*records) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def article_html(title: str, *paragraphs: str, date_: str = "2017-04-12T20:00:00Z") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title} | Example</title>"
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{date_}"></head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example</footer></body></html>").encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link>"
                      f"<pubDate>Wed, 12 Apr 2017 20:00:00 GMT</pubDate><description>{d}</description></item>"
                      for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Feed</title>'
            f"<link>http://example.com/</link>{entries}</channel></rss>").encode()


def atom(entries: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<entry><title>{t}</title><id>urn:{i}</id><link href="{link}"/>'
                   f"<updated>2017-04-12T18:00:00Z</updated><summary>{s}</summary></entry>"
                   for i, (t, link, s) in enumerate(entries))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom Test</title><id>urn:feed</id><updated>2017-04-12T20:00:00Z</updated>{body}</feed>").encode()


# --------------------------------------------------------------------------- files
def test_jsonl_lines_blank_lines_and_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl({"text": EN, "id": "a"}, b"", b"   ", b"[1, 2]", b"{broken", {"text": EN2})
                     + b"\xff\xfe\n" + b'{"text": "no newline at end"}')
    items = list(iter_input_items([str(path)], limits=Limits(), base_dir=tmp_path))
    assert refs(items) == ["in.jsonl:1", "in.jsonl:4", "in.jsonl:5", "in.jsonl:6", "in.jsonl:7", "in.jsonl:8"]
    assert codes(items) == {"in.jsonl:4": "not_an_object", "in.jsonl:5": "malformed_json",
                            "in.jsonl:7": "invalid_utf8"}
    assert items[0].fields == {"text": EN, "id": "a"}
    assert items[-1].fields == {"text": "no newline at end"}


def test_input_ref_without_base_dir_uses_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.jsonl").write_bytes(jsonl({"text": EN}))
    monkeypatch.chdir(tmp_path)
    assert refs(iter_input_items(["landing"], limits=Limits())) == ["landing/a.jsonl:1"]
    assert refs(iter_input_items(["landing/a.jsonl"], limits=Limits())) == ["landing/a.jsonl:1"]


def test_folder_walk_all_formats_sorted_hidden_skipped(tmp_path):
    root = tmp_path / "landing"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.jsonl").write_bytes(jsonl({"text": EN, "published_at": "2017-04-12"}))
    (root / "a.txt").write_text(f"Russia vetoes resolution\n\n{EN}\n", encoding="utf-8")
    (root / "sub" / "page.html").write_bytes(article_html("Page title", EN, EN2))
    (root / "sub" / "page2.HTM").write_bytes(article_html("Second page", EN3, EN))
    (root / "sub" / "deeper" / "news.rss").write_bytes(rss([("R1", "http://example.com/r1", EN2)]))
    (root / "sub" / "deeper" / "news.atom").write_bytes(atom([("A1", "http://example.com/a1", EN3)]))
    (root / "sub" / "feed.xml").write_bytes(rss([("X1", "http://example.com/x1", EN)]))
    with gzip.open(root / "sub" / "c.jsonl.gz", "wb") as fh:
        fh.write(jsonl({"text": EN3, "url": "https://example.com/c"}))
    (root / "notes.csv").write_text("a,b\n1,2\n")
    (root / ".secret.jsonl").write_bytes(jsonl({"text": "hidden"}))
    (root / ".hidden" / "x.jsonl").write_bytes(jsonl({"text": "hidden"}))

    items = list(iter_input_items([str(root)], limits=Limits(), base_dir=tmp_path))
    assert refs(items) == [
        "landing/a.txt",
        "landing/b.jsonl:1",
        "landing/notes.csv",
        "landing/sub/c.jsonl.gz:1",
        "landing/sub/deeper/news.atom#item1",
        "landing/sub/deeper/news.rss#item1",
        "landing/sub/feed.xml#item1",
        "landing/sub/page.html",
        "landing/sub/page2.HTM",
    ]
    assert codes(items) == {"landing/notes.csv": "unsupported_format"}
    by_ref = {i.input_ref: i for i in items}
    assert by_ref["landing/a.txt"].fields["title"] == "Russia vetoes resolution"
    assert by_ref["landing/sub/page.html"].fields["title"] == "Page title"
    assert by_ref["landing/sub/deeper/news.rss#item1"].fields["text"] == EN2
    assert by_ref["landing/sub/deeper/news.atom#item1"].fields["url"] == "http://example.com/a1"

    _articles, rejects, stats = build_articles(items, partition_date=date(2017, 4, 13),
                                               run_at=datetime(2017, 4, 13), limits=Limits())
    assert stats["read"] == len(items) == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    assert rejects.column("reason_code").to_pylist() == ["unsupported_format"]
    assert stats["accepted"] + stats["duplicates"] == 8


def test_missing_path_and_unreadable_folder(tmp_path):
    items = list(iter_input_items([str(tmp_path / "nope.jsonl")], limits=Limits()))
    assert [(i.reason_code) for i in items] == ["input_not_found"]
    if os.geteuid() == 0:
        return  # root can read anything; the permission case cannot be staged
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.jsonl").write_bytes(jsonl({"text": EN}))
    locked.chmod(0)
    try:
        items = list(iter_input_items([str(tmp_path)], limits=Limits(), base_dir=tmp_path))
        assert codes(items) == {"locked": "unreadable_input"}
    finally:
        locked.chmod(0o755)


def test_line_too_long_is_skipped_in_streaming_fashion(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_bytes(jsonl({"text": EN}, {"text": "x" * 5000}, {"text": EN2}) + b"y" * 3000)
    items = list(iter_input_items([str(path)], limits=Limits(max_line_bytes=1000), base_dir=tmp_path))
    assert refs(items) == ["long.jsonl:1", "long.jsonl:2", "long.jsonl:3", "long.jsonl:4"]
    assert codes(items) == {"long.jsonl:2": "line_too_long", "long.jsonl:4": "line_too_long"}
    assert items[2].fields == {"text": EN2}
    assert len(items[1].raw_excerpt) == 200


def test_plain_jsonl_over_input_cap(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": EN}).encode() + b"\n"
    path.write_bytes(line * 100)
    cap = len(line) * 10 + len(line) // 2
    items = list(iter_input_items([str(path)], limits=Limits(max_input_bytes=cap), base_dir=tmp_path))
    assert len(items) == 11
    assert all(isinstance(i, RawRecord) for i in items[:10])
    assert (items[10].input_ref, items[10].reason_code) == ("big.jsonl:11", "input_too_large")


def test_document_over_input_cap(tmp_path):
    (tmp_path / "big.html").write_bytes(article_html("Big", EN * 50))
    items = list(iter_input_items([str(tmp_path / "big.html")], limits=Limits(max_input_bytes=1000)))
    assert [i.reason_code for i in items] == ["input_too_large"]


def test_jsonl_gz_and_gzip_bomb(tmp_path):
    good = tmp_path / "good.jsonl.gz"
    with gzip.open(good, "wb") as fh:
        fh.write(jsonl({"text": EN}, b"", {"text": EN2}))
    items = list(iter_input_items([str(good)], limits=Limits(), base_dir=tmp_path))
    assert refs(items) == ["good.jsonl.gz:1", "good.jsonl.gz:3"] and not codes(items)

    bomb = tmp_path / "bomb.jsonl.gz"
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9)  # 1 MiB of zeros, ~1 KiB compressed
    with open(bomb, "wb") as fh:
        fh.write(gzip.compress(jsonl({"text": EN}, {"text": EN2})))
        fh.writelines(member for _ in range(300))  # concatenated members: 300 MiB decompressed
    assert bomb.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    items = list(iter_input_items([str(bomb)], limits=Limits(max_input_bytes=1 << 20), base_dir=tmp_path))
    assert time.monotonic() - started < 5
    assert refs(items) == ["bomb.jsonl.gz:1", "bomb.jsonl.gz:2", "bomb.jsonl.gz:3"]
    assert [i.fields["text"] for i in items[:2]] == [EN, EN2]
    assert codes(items) == {"bomb.jsonl.gz:3": "input_too_large"}


def test_corrupt_and_fake_gzip(tmp_path):
    truncated = tmp_path / "trunc.jsonl.gz"
    truncated.write_bytes(gzip.compress(jsonl(*({"text": f"{EN} {i}"} for i in range(200))))[:-200])
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(jsonl({"text": EN}))
    items = list(iter_input_items([str(tmp_path)], limits=Limits(), base_dir=tmp_path))
    assert codes(items)["fake.jsonl.gz:1"] == "corrupt_gzip"
    trunc = [i for i in items if i.input_ref.startswith("trunc")]
    assert isinstance(trunc[-1], RawReject) and trunc[-1].reason_code == "corrupt_gzip"
    assert all(isinstance(i, RawRecord) for i in trunc[:-1])


def test_not_a_regular_file_and_symlinked_folder(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    root = tmp_path / "landing"
    root.mkdir()
    os.mkfifo(root / "pipe.jsonl")  # reading it would block forever
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.jsonl").write_bytes(jsonl({"text": EN}))
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    items = list(iter_input_items([str(root)], limits=Limits(), base_dir=root))
    assert codes(items) == {"linked": "symlink_outside_landing", "pipe.jsonl": "not_a_file"}


def test_text_file_end_to_end(tmp_path):
    (tmp_path / "story.txt").write_bytes(f"Headline here\r\n\r\n{EN}\r\nTweet |\r\n|\r\n".encode())
    items = list(iter_input_items([str(tmp_path)], limits=Limits(), base_dir=tmp_path))
    articles, _, _ = build_articles(items, partition_date=date(2017, 4, 13), run_at=datetime(2017, 4, 13),
                                    limits=Limits())
    row = articles.to_pylist()[0]
    assert (row["title"], row["text"], row["external_id"], row["input_ref"]) == (
        "Headline here", EN, "story.txt", "story.txt")


def test_seed_article_file(tmp_path):
    seed = Path("/work/shared/seed/seed_article.jsonl")
    if not seed.exists():
        pytest.skip("seed article not available")
    items = list(iter_input_items([str(seed)], limits=Limits(), base_dir=seed.parent))
    articles, rejects, stats = build_articles(items, partition_date=date(2017, 4, 13),
                                              run_at=datetime(2017, 4, 13), limits=Limits())
    assert stats["accepted"] == 1 and rejects.num_rows == 0
    text = articles.column("text")[0].as_py()
    assert text.startswith("The Russian Federation") and not text.rstrip().endswith("|")
    assert "Tweet" not in text[-50:]
    assert articles.column("input_ref")[0].as_py() == "seed_article.jsonl:1"


# --------------------------------------------------------------------------- HTTP server
class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict] = {}
    user_agents: ClassVar[list] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        type(self).user_agents.append(self.headers.get("User-Agent"))
        route = self.routes.get(self.path)
        try:
            if route is None:
                self._send(404, b"not found")
            elif callable(route):
                route(self)
            else:
                status, body, *headers = route
                self._send(status, body, *headers)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _slow_body(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(200):  # one byte every 0.1 s: never a socket timeout, but 20 s in total
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def _slow_headers(handler) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\n")
    for _ in range(200):
        handler.wfile.write(b"X-Drip: 1\r\n")
        handler.wfile.flush()
        time.sleep(0.1)


def _big_chunked(handler) -> None:
    handler.send_response(200)
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"y" * 65536
    for _ in range(64):  # 4 MiB, no Content-Length
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    handler.wfile.write(b"0\r\n\r\n")


@pytest.fixture(scope="module")
def server():
    _Handler.routes = {}
    _Handler.user_agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    routes = _Handler.routes
    routes.update({
        "/rss.xml": (200, rss([
            ("Full story", f"{base}/articles/1.html", "Short teaser."),
            ("Missing page with summary", f"{base}/articles/missing.html", EN2),
            ("Missing page, no summary", f"{base}/articles/gone.html", ""),
            ("Relative link", "/articles/2.html", "Another teaser."),
            ("Local file link", "file:///etc/passwd", EN3),
        ]), {"Content-Type": "application/rss+xml"}),
        "/atom.xml": (200, atom([("Atom one", f"{base}/articles/1.html", EN),
                                 ("Atom two", f"{base}/articles/2.html", EN2)])),
        "/articles/1.html": (200, article_html("Page one headline", EN, EN2, EN3)),
        "/articles/2.html": (200, article_html("Page two headline", EN3, EN2)),
        "/500": (500, b"boom"),
        "/redirect": (301, b"", {"Location": "/articles/1.html"}),
        "/loop-a": (302, b"", {"Location": f"{base}/loop-b"}),
        "/loop-b": (302, b"", {"Location": "/loop-a"}),
        "/to-file": (302, b"", {"Location": "file:///etc/passwd"}),
        "/big": (200, b"z" * 20_000),
        "/big-chunked": _big_chunked,
        "/slow": _slow_body,
        "/slow-headers": _slow_headers,
        "/not-a-feed": (200, b"<html><body>hello</body></html>"),
    })
    for i in range(7):
        routes[f"/chain{i}"] = (302, b"", {"Location": f"/chain{i + 1}"})
    routes["/chain7"] = (200, b"end of chain")
    yield base
    httpd.shutdown()
    httpd.server_close()


#: The test server listens on 127.0.0.1: these tests opt into loopback (NEWSEVENTS_FEED_ALLOW_PRIVATE).
FAST = Limits(http_timeout=0.5, http_max_bytes=10_000, feed_allow_private="127.0.0.0/8")


def test_http_get_ok_user_agent_and_redirect(server):
    _Handler.user_agents.clear()
    body = http_get(f"{server}/redirect", limits=FAST)
    assert b"Page one headline" in body
    assert _Handler.user_agents == [USER_AGENT, USER_AGENT]


@pytest.mark.parametrize("path, code", [
    ("/nope", "http_404"),
    ("/500", "http_500"),
    ("/loop-a", "redirect_loop"),
    ("/chain0", "too_many_redirects"),
    ("/to-file", "unsupported_scheme"),
    ("/big", "too_large"),
    ("/big-chunked", "too_large"),
])
def test_http_get_errors(server, path, code):
    with pytest.raises(FetchError) as info:
        http_get(f"{server}{path}", limits=FAST)
    assert info.value.reason_code == code


@pytest.mark.parametrize("path", ["/slow", "/slow-headers"])
def test_http_get_slow_drip_hits_overall_deadline(server, path):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        http_get(f"{server}{path}", limits=FAST)
    elapsed = time.monotonic() - started
    assert info.value.reason_code == "timeout"
    assert elapsed < 3 * FAST.http_timeout + 1.5


def test_http_get_scheme_and_connection_errors():
    with pytest.raises(FetchError) as info:
        http_get("file:///etc/passwd", limits=FAST)
    assert info.value.reason_code == "unsupported_scheme"
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        http_get(f"http://127.0.0.1:{port}/", limits=FAST)
    assert info.value.reason_code == "connection_error"


def test_rss_feed_with_linked_pages(server):
    limits = Limits(http_timeout=2, fetch_linked_pages=True, feed_allow_private="1")
    items = list(iter_feed_items([f"{server}/rss.xml"], limits=limits))
    feed = f"{server}/rss.xml"
    assert refs(items) == [f"{feed}#item{n}" for n in range(1, 6)]
    assert codes(items) == {f"{feed}#item3": "http_404"}
    full, summary_kept, _gone, relative, local = items
    assert full.fields["text"].startswith(EN) and EN3 in full.fields["text"]  # page text replaced the teaser
    assert full.fields["title"] == "Page one headline"
    assert full.fields["published_at"] == "Wed, 12 Apr 2017 20:00:00 GMT" or full.fields["published_at"].startswith(
        "2017-04-12")
    assert summary_kept.fields["text"] == EN2 and summary_kept.fields["title"] == "Missing page with summary"
    assert relative.fields["url"] == f"{server}/articles/2.html"
    assert relative.fields["text"].startswith(EN3)
    assert local.fields["text"] == EN3 and local.fields["url"].startswith("file:")  # kept, never fetched

    articles, rejects, stats = build_articles(items, partition_date=date(2017, 4, 13),
                                              run_at=datetime(2017, 4, 13), limits=limits)
    assert stats["read"] == 5 == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    assert rejects.column("reason_code").to_pylist() == ["http_404"]
    by_ref = {r["input_ref"]: r for r in articles.to_pylist()}
    assert by_ref[f"{feed}#item5"]["url"] is None
    assert by_ref[f"{feed}#item1"]["url"] == f"{server}/articles/1.html"


def test_atom_feed_without_page_download_and_item_limit(server):
    _Handler.user_agents.clear()
    limits = Limits(http_timeout=2, fetch_linked_pages=False, max_feed_items=1, feed_allow_private="1")
    items = list(iter_feed_items([f"{server}/atom.xml"], limits=limits))
    assert len(_Handler.user_agents) == 1  # only the feed itself was fetched
    assert items[0].fields["text"] == EN and items[0].fields["title"] == "Atom one"
    assert items[0].fields["published_at"] == "2017-04-12T18:00:00Z"
    assert codes(items) == {f"{server}/atom.xml#item2": "feed_item_limit"}


def test_feed_fetch_failures_are_one_reject_each(server):
    urls = [f"{server}/missing.xml", f"{server}/500", f"{server}/loop-a", f"{server}/big", f"{server}/not-a-feed",
            "ftp://example.com/feed.xml"]
    items = list(iter_feed_items(urls, limits=FAST))
    assert [(i.input_ref, i.reason_code) for i in items] == [
        (urls[0], "http_404"), (urls[1], "http_500"), (urls[2], "redirect_loop"), (urls[3], "too_large"),
        (urls[4], "malformed_feed"), (urls[5], "unsupported_scheme")]


def test_iter_feed_items_with_injected_fetch():
    pages = {"https://feeds.test/rss": rss([("T", "https://feeds.test/a", EN)]),
             "https://feeds.test/a": article_html("Page A", EN, EN2, EN3)}
    calls = []

    def fake_fetch(url, *, limits):
        calls.append(url)
        if url not in pages:
            raise FetchError("http_404", url)
        return pages[url]

    items = list(iter_feed_items(["https://feeds.test/rss"], limits=Limits(), fetch=fake_fetch))
    assert calls == ["https://feeds.test/rss", "https://feeds.test/a"]
    assert items[0].fields["title"] == "Page A" and EN3 in items[0].fields["text"]


def test_each_feed_logs_its_progress(caplog):
    """Issue 18: one line per feed (items, responses fetched and failed, bytes), so a long fetch is not silent."""
    pages = {"https://feeds.test/rss": rss([("T", "https://feeds.test/a", EN), ("U", "https://feeds.test/gone", EN)]),
             "https://feeds.test/a": article_html("Page A", EN, EN2, EN3)}

    def fake_fetch(url, *, limits):
        if url not in pages:
            raise FetchError("http_404", url)
        return pages[url]

    urls = ["https://feeds.test/rss", "https://feeds.test/missing"]
    with caplog.at_level("INFO", logger="newsevents"):
        list(iter_feed_items(urls, limits=Limits(), fetch=fake_fetch))
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("feed ")
             and not r.getMessage().endswith("fetching")]
    size = len(pages["https://feeds.test/rss"]) + len(pages["https://feeds.test/a"])
    assert lines == [f"feed 1/2 https://feeds.test/rss: 2 items, 2 fetched, 1 failed, {size:,} bytes",
                     "feed 2/2 https://feeds.test/missing: 0 items, 0 fetched, 1 failed, 0 bytes"]


def test_page_date_only_keeps_more_precise_feed_time():
    day_only = (b'<html><head><meta name="date" content="2017-04-12"></head><body><article><p>'
                + EN.encode() + b"</p><p>" + EN2.encode() + b"</p></article></body></html>")
    pages = {"https://feeds.test/rss": rss([("Feed title", "https://feeds.test/a", "Teaser.")]),
             "https://feeds.test/a": day_only}
    items = list(iter_feed_items(["https://feeds.test/rss"], limits=Limits(),
                                 fetch=lambda url, *, limits: pages[url]))
    assert items[0].fields["text"].startswith(EN)
    assert items[0].fields["title"] == "Feed title"  # the page has none
    assert items[0].fields["published_at"] == "2017-04-12T20:00:00Z"  # the feed's time, not the page's midnight


def test_http_get_bad_url(server):
    with pytest.raises(FetchError) as info:
        http_get(f"{server}/a b\r\nX-Injected: 1", limits=FAST)
    assert info.value.reason_code == "bad_url"

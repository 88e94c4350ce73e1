"""Issue 19, "Guard the gates": no file or address beyond what a run may touch, bounded records and time.

HTTP cases use servers started here on 127.0.0.x (Linux routes the whole 127/8 to loopback), never the network.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsevents.adapters.objectstore import iter_uri_input_items
from newsevents.adapters.sources import (
    FetchError,
    blocked_reason,
    cap_run,
    http_get,
    iter_feed_items,
    iter_input_items,
)
from newsevents.config import Limits
from newsevents.extract.records import RawRecord, RawReject

EN = ("The Russian Federation used its veto power on Wednesday to block a United Nations Security Council "
      "resolution condemning the Syrian government for a chemical weapons attack on civilians.")


def codes(items) -> dict[str, str]:
    return {i.input_ref: i.reason_code for i in items if isinstance(i, RawReject)}


# --------------------------------------------------------------------------- symlinks
def test_symlinked_file_out_of_landing_is_refused(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (tmp_path / "secret.txt").write_text(EN)
    (landing / "passwd.txt").symlink_to("/etc/passwd")
    (landing / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (landing / "real.txt").write_text(EN)
    (landing / "inside.txt").symlink_to(landing / "real.txt")  # a link that stays inside is fine
    items = list(iter_input_items([str(landing)], limits=Limits(), base_dir=landing))
    assert codes(items) == {"outside.txt": "symlink_outside_landing", "passwd.txt": "symlink_outside_landing"}
    assert sorted(i.input_ref for i in items if isinstance(i, RawRecord)) == ["inside.txt", "real.txt"]


def test_symlinked_file_given_directly_is_refused(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "passwd.txt").symlink_to("/etc/passwd")
    items = list(iter_input_items([str(landing / "passwd.txt")], limits=Limits()))
    assert [i.reason_code for i in items] == ["symlink_outside_landing"]


# --------------------------------------------------------------------------- gzip truncation, record caps
def test_truncated_gzip_keeps_every_complete_record(tmp_path):
    lines = [json.dumps({"id": i, "text": f"record {i} " * 20}).encode() + b"\n" for i in range(5000)]
    data = gzip.compress(b"".join(lines))
    cut = data[: len(data) // 2]
    complete = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(cut)
    items = list(iter_input_items([str(path)], limits=Limits(), base_dir=tmp_path))
    records = [i for i in items if isinstance(i, RawRecord)]
    assert len(records) == complete
    assert [i.fields["id"] for i in records] == list(range(complete))
    assert codes(items) == {f"t.jsonl.gz:{complete + 1}": "corrupt_gzip"}


def test_concatenated_gzip_members_are_read(tmp_path):
    path = tmp_path / "two.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "a"}\n') + gzip.compress(b'{"text": "b"}\n'))
    items = list(iter_input_items([str(path)], limits=Limits(), base_dir=tmp_path))
    assert [i.fields["text"] for i in items] == ["a", "b"]


def test_records_per_file_cap_counts_the_rest_in_one_reject(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(b"{broken %d\n" % i for i in range(50)) + b"\n\n")
    items = list(iter_input_items([str(path)], limits=Limits(max_records_per_file=10), base_dir=tmp_path))
    assert len(items) == 11
    last = items[-1]
    assert (last.input_ref, last.reason_code) == ("many.jsonl:11", "too_many_records")
    assert "40 more lines" in last.reason


def test_records_per_run_cap_counts_the_rest_in_one_reject(tmp_path):
    for n in range(3):
        (tmp_path / f"f{n}.jsonl").write_bytes(b"".join(b"{broken\n" for _ in range(10)))
    items = list(cap_run(iter_input_items([str(tmp_path)], limits=Limits(), base_dir=tmp_path), 25))
    assert len(items) == 26
    assert items[-1].reason_code == "run_record_limit" and "5 more" in items[-1].reason


# --------------------------------------------------------------------------- SSRF
@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.9", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"), ("::1", "loopback"), ("fc00::1", "private"),
    ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"), ("::", "unspecified"),
])
def test_internal_addresses_are_blocked(address, kind):
    assert blocked_reason(ipaddress.ip_address(address), []) == kind


def test_public_and_allowed_addresses_pass():
    assert blocked_reason(ipaddress.ip_address("93.184.216.34"), []) is None
    assert blocked_reason(ipaddress.ip_address("127.0.0.2"), [ipaddress.ip_network("127.0.0.2/32")]) is None
    assert blocked_reason(ipaddress.ip_address("10.0.0.1"), None) is None


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.server.body
        self.send_response(200)
        self.send_header("Content-Type", self.server.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def servers():
    started = []

    def start(host: str, body: bytes = b"inside", content_type: str = "text/html", redirect_to: str = ""):
        httpd = ThreadingHTTPServer((host, 0), _Handler)
        httpd.body, httpd.content_type, httpd.redirect_to = body, content_type, redirect_to
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return f"http://{host}:{httpd.server_address[1]}"

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def test_loopback_feed_is_refused_by_default(servers):
    base = servers("127.0.0.1")
    with pytest.raises(FetchError) as err:
        http_get(f"{base}/feed", limits=Limits(http_timeout=2))
    assert err.value.reason_code == "blocked_address"
    items = list(iter_feed_items([f"{base}/feed"], limits=Limits(http_timeout=2)))
    assert codes(items) == {f"{base}/feed": "blocked_address"}


def test_redirect_to_an_internal_address_is_refused(servers):
    internal = servers("127.0.0.3")
    outside = servers("127.0.0.2", redirect_to=f"{internal}/metadata")
    allow_one = Limits(http_timeout=2, feed_allow_private="127.0.0.2/32")
    with pytest.raises(FetchError) as err:
        http_get(f"{outside}/redirect", limits=allow_one)
    assert err.value.reason_code == "blocked_address" and "127.0.0.3" in err.value.message
    assert http_get(f"{internal}/x", limits=Limits(http_timeout=2, feed_allow_private="1")) == b"inside"


def test_feed_allow_private_from_environment(monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_FEED_ALLOW_PRIVATE", "127.0.0.0/8")
    assert Limits.from_env().feed_allow_private == "127.0.0.0/8"


# --------------------------------------------------------------------------- feed budgets
def _feed(n: int) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>https://slow.test/{i}</link>"
                    f"<description>{EN}</description></item>" for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


class _Clock:
    """A fake monotonic clock that each fetch advances by `step` seconds."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        return self.now

    def fetch(self, url, *, limits):
        self.now += self.step
        return _feed(500) if "feed" in url else f"<html><body><p>{EN} {EN}</p></body></html>".encode()


def test_slow_feed_items_beyond_the_budget_are_rejected():
    clock = _Clock(step=10.0)  # every page takes 10 s: a 500-item feed would take 83 minutes
    limits = Limits(feed_budget=60, feeds_run_budget=1800)
    items = list(iter_feed_items(["https://feeds.test/feed"], limits=limits, fetch=clock.fetch, clock=clock))
    by_code = [i.reason_code for i in items if isinstance(i, RawReject)]
    assert len(items) == 500
    assert sum(isinstance(i, RawRecord) for i in items) == 5  # the feed itself took 10 s, then 5 pages
    assert by_code == ["feed_budget_exhausted"] * 495
    assert clock.now <= 70


def test_run_budget_covers_all_feeds():
    clock = _Clock(step=10.0)
    limits = Limits(feed_budget=30, feeds_run_budget=45)
    urls = [f"https://feeds.test/feed{n}" for n in range(4)]
    items = list(iter_feed_items(urls, limits=limits, fetch=clock.fetch, clock=clock))
    assert codes(items)["https://feeds.test/feed3"] == "feed_budget_exhausted"
    assert clock.now <= 60


# --------------------------------------------------------------------------- reasons that say what happened
def _short_feed(link: str, summary: str = "Read more") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>t</title>'
            f"<link>{link}</link><description>{summary}</description></item></channel></rss>").encode()


def _png_server(servers):
    return servers("127.0.0.1", body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, content_type="image/png")


def test_image_link_is_unsupported_content_type(servers):
    base = _png_server(servers)
    limits = Limits(http_timeout=2, feed_allow_private="1")
    with pytest.raises(FetchError) as err:
        http_get(f"{base}/photo", limits=limits)
    assert err.value.reason_code == "unsupported_content_type"

    def fetch(url, *, limits):
        return _short_feed(f"{base}/photo", summary="") if "feed" in url else http_get(url, limits=limits)

    items = list(iter_feed_items(["https://feeds.test/feed"], limits=limits, fetch=fetch))
    assert [i.reason_code for i in items] == ["unsupported_content_type"]


def test_404_page_with_a_teaser_summary_is_http_404_not_too_short():
    def fetch(url, *, limits):
        if "feed" in url:
            return _short_feed("https://news.test/gone")
        raise FetchError("http_404", f"{url}: HTTP 404 Not Found")

    items = list(iter_feed_items(["https://feeds.test/feed"], limits=Limits(), fetch=fetch))
    assert [i.reason_code for i in items] == ["http_404"]


def test_object_store_locations_with_dot_dot_are_refused(tmp_path):
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "a.txt").write_text(EN)
    (tmp_path / "landing").mkdir()
    uri = f"file://{tmp_path}/landing/../secret"
    items = list(iter_uri_input_items(uri, limits=Limits(), dest=tmp_path / "dl"))
    assert [(i.input_ref, i.reason_code) for i in items] == [(uri, "symlink_outside_landing")]

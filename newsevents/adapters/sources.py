"""Extract stage, I/O part: read input files and fetch feeds, yielding raw items for `newsevents.extract`.

Every input is read in a bounded way (see `newsevents.config.Limits`): JSON Lines are streamed line by line
with a per-line and a per-file (decompressed) cap, documents are read up to the per-file cap, and HTTP
responses are capped in size and time. Whatever cannot be read becomes a `RawReject`, never an exception,
so one bad input never fails a run and nothing is dropped silently.
"""

from __future__ import annotations

import gzip
import http.client
import io
import ipaddress
import logging
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import urljoin, urlsplit

from newsevents.config import USER_AGENT, Limits
from newsevents.extract.feeds import parse_feed_document
from newsevents.extract.formats import parse_html_document, parse_jsonl_line, parse_text_document
from newsevents.extract.records import RawItem, RawRecord, RawReject, excerpt

#: Every reason code this module gives (the pure extract stage's are `newsevents.extract.records.REASONS`).
SOURCE_REASONS = {
    "input_not_found": "an input path does not exist",
    "unreadable_input": "a file or folder cannot be read",
    "not_a_file": "the input is not a regular file (a FIFO, a device)",
    "unsupported_format": "the file type is not one of .jsonl, .jsonl.gz, .txt, .html, .xml, .rss, .atom",
    "symlink_outside_landing": "a link whose real path leaves the landing folder",
    "input_too_large": "a file is larger than NEWSEVENTS_MAX_INPUT_BYTES (decompressed)",
    "line_too_long": "a JSON line is longer than NEWSEVENTS_MAX_LINE_BYTES",
    "corrupt_gzip": "a .jsonl.gz is corrupt or truncated; the complete records before the break are kept",
    "too_many_records": "a file has more than NEWSEVENTS_MAX_RECORDS_PER_FILE records; one reject counts the rest",
    "run_record_limit": "the run read NEWSEVENTS_MAX_RECORDS_PER_RUN records; one reject counts the rest",
    "feed_budget_exhausted": "a feed's or the run's feed time budget is spent; retried next night",
    "blocked_address": "a feed or link resolves to a loopback, private, link-local or unspecified address",
    "unsupported_content_type": "a link serves an image, audio, video, PDF or archive, not a page",
    "unsupported_scheme": "a link is not http or https",
    "bad_url": "a link is not a valid URL",
    "http_<status>": "the server answered with an HTTP error (http_404, http_500, ...)",
    "timeout": "no complete response within NEWSEVENTS_HTTP_TIMEOUT (x3 for the whole request)",
    "too_large": "a response body is larger than NEWSEVENTS_HTTP_MAX_BYTES",
    "redirect_loop": "redirects lead back to an address already visited",
    "too_many_redirects": "more than 5 redirects",
    "connection_error": "the connection failed (refused, reset, no such host)",
    "tls_error": "the TLS handshake or certificate check failed",
    "fetch_error": "any other failure to fetch a URL",
}

MAX_REDIRECTS = 5
#: Overall time allowed for one HTTP request (connect, redirects, headers and body), in socket timeouts.
DEADLINE_FACTOR = 3.0
_CHUNK = 64 * 1024

JSONL_SUFFIXES = (".jsonl",)
JSONL_GZ_SUFFIXES = (".jsonl.gz",)
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


class FetchError(Exception):
    """An HTTP fetch that did not produce a usable body; `reason_code` goes to rejected_articles."""

    def __init__(self, reason_code: str, message: str):
        super().__init__(message)
        self.reason_code = reason_code
        self.message = message


# --------------------------------------------------------------------------- files
class InputTooLarge(Exception):
    pass


class _CappedRaw(io.RawIOBase):
    """A raw stream over a file object that raises InputTooLarge once more than `cap` bytes are read."""

    def __init__(self, fileobj, cap: int):
        self._f = fileobj
        self._cap = cap
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        want = min(len(buffer), self._cap - self.consumed)
        if want <= 0:  # at the cap: one more byte means the input is too large
            if self._f.read(1):
                raise InputTooLarge(f"input is larger than {self._cap} bytes (decompressed)")
            return 0
        data = self._f.read(want)
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        return n


def _ref_for(path: Path, given: str, root: Path, base_dir: Path | None) -> str:
    """input_ref of a file: relative to base_dir when possible, else as given (plus the walked part)."""
    if base_dir is not None:
        try:
            return path.absolute().relative_to(base_dir.absolute()).as_posix()
        except ValueError:
            pass
    if path == root:
        return given
    return (Path(given) / path.relative_to(root)).as_posix()


def _walk(root: Path) -> Iterator[Path | OSError]:
    """Entries under `root`, recursively, in sorted path order, skipping hidden ones (names starting with '.').

    Symlinked folders are not followed but yielded (they become rejects), and folders that cannot be
    listed are yielded as the OSError, so nothing is skipped silently.
    """
    try:
        with os.scandir(root) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield exc
        return
    for entry in entries:
        path = root / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path


def input_kind(name: str) -> str | None:
    lower = name.lower()
    for kind, suffixes in (("jsonl.gz", JSONL_GZ_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("txt", TEXT_SUFFIXES),
                           ("html", HTML_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if lower.endswith(suffixes):
            return kind
    return None


def iter_input_items(paths: Sequence[str], *, limits: Limits, base_dir: Path | None = None) -> Iterator[RawItem]:
    """Raw items from files and folders (walked recursively, sorted, hidden entries skipped).

    `.jsonl` / `.jsonl.gz` give one item per non-blank line (``ref:line``); `.txt` and `.html`/`.htm` one item
    per file (``ref``); `.xml`/`.rss`/`.atom` one item per feed entry (``ref#itemN``). Anything else, missing
    paths and unreadable files give a RawReject.
    """
    for given in paths:
        root = Path(given)
        if not root.exists():
            yield RawReject(str(given), "input_not_found", f"input path {given!r} does not exist")
            continue
        files = _walk(root) if root.is_dir() else iter([root])
        landing = (root if root.is_dir() else root.parent).resolve()
        for path in files:
            if isinstance(path, OSError):
                where = _ref_for(Path(path.filename), str(given), root, base_dir) if path.filename else str(given)
                yield RawReject(where, "unreadable_input", f"cannot list folder: {path.strerror or path}")
                continue
            ref = _ref_for(path, str(given), root, base_dir)
            if not path.resolve().is_relative_to(landing):
                # A link out of the landing folder (to /etc/passwd, another tenant's files) is never read.
                yield RawReject(ref, "symlink_outside_landing",
                                f"input is a link whose real path is outside the landing folder {str(landing)!r}")
                continue
            yield from read_input_file(path, ref, limits)


def cap_run(items: Iterator[RawItem], limit: int) -> Iterator[RawItem]:
    """The first `limit` raw items of a run; the rest are counted (not kept) and reported in one reject."""
    skipped = 0
    last_ref = ""
    for n, item in enumerate(items):
        if n < limit:
            yield item
            continue
        skipped += 1
        last_ref = item.input_ref
    if skipped:
        yield RawReject(f"run:{limit + 1}", "run_record_limit",
                        f"the run reached {limit} records (NEWSEVENTS_MAX_RECORDS_PER_RUN); {skipped} more, up to "
                        f"{last_ref[:200]!r}, were skipped")


def read_input_file(path: Path, ref: str, limits: Limits) -> Iterator[RawItem]:
    kind = input_kind(path.name)
    if kind is None:
        yield RawReject(ref, "unsupported_format",
                        f"unsupported file type {path.name!r} (expected .jsonl, .jsonl.gz, .txt, .html, .xml, "
                        f".rss or .atom)")
        return
    try:
        if not path.is_file():
            yield RawReject(ref, "not_a_file", "input is not a regular file")
            return
        if kind in ("jsonl", "jsonl.gz"):
            yield from _read_jsonl(path, ref, limits, gz=kind == "jsonl.gz")
            return
        data = _read_document(path, limits.max_input_bytes)
    except InputTooLarge as exc:
        yield RawReject(ref, "input_too_large", str(exc))
        return
    except OSError as exc:
        yield RawReject(ref, "unreadable_input", f"cannot read input: {type(exc).__name__}: {exc.strerror or exc}")
        return
    if kind == "txt":
        yield parse_text_document(data, input_ref=ref, name=path.name)
    elif kind == "html":
        yield parse_html_document(data, input_ref=ref)
    else:
        items, _links = parse_feed_document(data, input_ref=ref, max_items=limits.max_feed_items)
        yield from items


def _read_document(path: Path, cap: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise InputTooLarge(f"input is larger than {cap} bytes")
    return data


class _Gunzip(io.RawIOBase):
    """Gzip members decompressed chunk by chunk; every byte before a truncation or corruption is returned
    before the error is raised (gzip.GzipFile drops the last decompressed chunk), so the records read
    before the break are kept."""

    def __init__(self, fileobj):
        self._f = fileobj
        self._d = zlib.decompressobj(wbits=31)
        self._tail = b""  # compressed bytes read but not yet decompressed
        self._fed = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._d.eof:  # a member ended: another may follow (concatenated gzip)
                self._tail = self._d.unused_data or self._f.read(_CHUNK)
                if not self._tail.strip(b"\0"):
                    return 0
                self._d = zlib.decompressobj(wbits=31)
            data = self._tail or self._f.read(_CHUNK)
            if not data:
                if not self._fed:  # an empty file is an empty stream
                    return 0
                raise EOFError("compressed file ended before the end-of-stream marker was reached")
            self._fed = True
            out = self._d.decompress(data, len(buffer))
            self._tail = self._d.unconsumed_tail  # at a member's end, what follows is in unused_data
            if out:
                buffer[: len(out)] = out
                return len(out)


def _skip_rest(reader) -> int:
    """Count the remaining non-blank lines without keeping or parsing them (for the per-file cap's reject)."""
    skipped = 0
    at_start = True
    while chunk := reader.readline(_CHUNK):
        if at_start and chunk.strip():
            skipped += 1
        at_start = chunk.endswith(b"\n")
    return skipped


def _read_jsonl(path: Path, ref: str, limits: Limits, *, gz: bool) -> Iterator[RawItem]:
    """Stream JSON Lines with a per-line cap, a per-file cap on (decompressed) bytes and on records."""
    max_line = limits.max_line_bytes
    lineno = 0
    records = 0
    reading = 1  # number of the line being read: a reject for a failed read names it (not the line after it)
    with open(path, "rb") as fh:
        source = _Gunzip(fh) if gz else fh
        reader = io.BufferedReader(_CappedRaw(source, limits.max_input_bytes), buffer_size=_CHUNK)
        try:
            while True:
                reading = lineno + 1
                if records >= limits.max_records_per_file:
                    if skipped := _skip_rest(reader):
                        yield _too_many_records(ref, reading, limits.max_records_per_file, skipped)
                    return
                line = reader.readline(max_line + 1)
                if not line:
                    return
                lineno += 1
                records += bool(line.strip())
                line_ref = f"{ref}:{lineno}"
                if len(line) > max_line and not line.endswith(b"\n"):
                    head = line[:800]
                    while line and not line.endswith(b"\n"):  # skip the rest of the line, chunk by chunk
                        line = reader.readline(_CHUNK)
                    yield RawReject(line_ref, "line_too_long", f"line is longer than {max_line} bytes",
                                    excerpt(head))
                    continue
                if not line.strip():
                    continue
                yield parse_jsonl_line(line.rstrip(b"\r\n"), input_ref=line_ref)
        except InputTooLarge as exc:
            yield RawReject(f"{ref}:{reading}", "input_too_large",
                            f"{exc}; this line and the rest of the file were not read")
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            yield RawReject(f"{ref}:{reading}", "corrupt_gzip",
                            f"gzip stream is corrupt or truncated ({type(exc).__name__}: {exc}); "
                            f"this line and the rest of the file were not read")


def _too_many_records(ref: str, lineno: int, limit: int, skipped: int) -> RawReject:
    return RawReject(f"{ref}:{lineno}", "too_many_records",
                     f"file has more than {limit} records (NEWSEVENTS_MAX_RECORDS_PER_FILE); {skipped} more lines "
                     f"from line {lineno} on were skipped")


# --------------------------------------------------------------------------- HTTP
class _Watchdog:
    """Shuts the current connection's socket down when the request's overall deadline passes."""

    def __init__(self, seconds: float):
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Self:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                self._shutdown()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _allowed_networks(setting: str) -> list | None:
    """NEWSEVENTS_FEED_ALLOW_PRIVATE: None (every address allowed) for `1`/`true`/`yes`, else the CIDRs listed."""
    if setting.lower() in ("1", "true", "yes", "all"):
        return None
    return [ipaddress.ip_network(n.strip(), strict=False) for n in setting.split(",") if n.strip()]


def blocked_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allowed: list | None) -> str | None:
    """Why a feed must not connect to `ip` (loopback, private, link-local, ...), or None when it may."""
    if allowed is None:
        return None
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(ip in net for net in allowed if net.version == ip.version):
        return None
    for kind in ("loopback", "link_local", "unspecified", "private", "multicast", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None


def _guarded_create_connection(allowed: list | None):
    """socket.create_connection that resolves once, refuses blocked addresses and connects to the checked
    address itself, so neither a redirect nor a second DNS answer (rebinding) can reach an internal host."""

    def create(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, *_args, **_kw):
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for *_rest, sockaddr in infos:
            ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
            if reason := blocked_reason(ip, allowed):
                raise FetchError("blocked_address", f"{host} resolves to {ip}, a {reason} address; not fetched "
                                                    f"(NEWSEVENTS_FEED_ALLOW_PRIVATE allows it)")
        error: OSError = OSError(f"no address for {host}")
        for family, type_, proto, _name, sockaddr in infos:
            sock = socket.socket(family, type_, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error

    return create


def _opener(watchdog: _Watchdog, allowed: list | None) -> urllib.request.OpenerDirector:
    create = _guarded_create_connection(allowed)

    class TrackedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            self._create_connection = create
            super().connect()
            watchdog.track(self.sock)

    class TrackedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            self._create_connection = create
            super().connect()
            watchdog.track(self.sock)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(TrackedHTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(TrackedHTTPS, req)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            return None  # redirects are followed by http_get itself, with its own checks

    # No ProxyHandler: a proxy would connect on our behalf, past the address check.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), HTTPHandler, HTTPSHandler, NoRedirect)


def _check_scheme(url: str) -> None:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise FetchError("bad_url", f"invalid URL {url!r}: {exc}") from None
    if scheme not in ("http", "https"):
        raise FetchError("unsupported_scheme", f"only http and https URLs are fetched, not {url[:200]!r}")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise FetchError("bad_url", f"URL contains whitespace or control characters: {url[:200]!r}")


def http_get(url: str, *, limits: Limits) -> bytes:
    """GET an http(s) URL and return the body, within the limits; raise FetchError otherwise.

    `limits.http_timeout` applies to every socket operation, and the whole request (redirects included)
    must finish within DEADLINE_FACTOR times that, so a server dripping bytes slowly cannot hold the run.
    At most `limits.http_max_bytes` are read; at most MAX_REDIRECTS redirects are followed (to http/https
    only). Media types that are no page or feed (images, audio, video, PDF, archives) are refused
    (unsupported_content_type). Every connection (redirects included) is refused when its host resolves
    to a loopback, private, link-local or unspecified address, unless `limits.feed_allow_private` allows
    it. Reason codes: http_<status>, timeout, too_large, redirect_loop, too_many_redirects,
    unsupported_scheme, unsupported_content_type, bad_url, blocked_address, connection_error, tls_error.
    """
    timeout = limits.http_timeout
    deadline = time.monotonic() + DEADLINE_FACTOR * timeout
    with _Watchdog(DEADLINE_FACTOR * timeout) as watchdog:
        try:
            body = _get(url, limits=limits, watchdog=watchdog, deadline=deadline)
            if watchdog.fired:  # the socket was shut down mid-body: what we have is truncated
                raise FetchError("timeout", f"{url[:200]}: response not complete before the deadline")
            return body
        except FetchError:
            if watchdog.fired:
                raise FetchError("timeout", f"{url[:200]}: no complete response within "
                                            f"{DEADLINE_FACTOR * timeout:g} s") from None
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watchdog.fired:
                raise FetchError("timeout", f"{url[:200]}: no complete response within "
                                            f"{DEADLINE_FACTOR * timeout:g} s") from None
            raise _as_fetch_error(url, exc) from None


def _as_fetch_error(url: str, exc: BaseException) -> FetchError:
    where = url[:200]
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return FetchError("timeout", f"{where}: timed out")
    if isinstance(exc, ssl.SSLError):
        return FetchError("tls_error", f"{where}: TLS error: {exc}")
    if isinstance(exc, (ValueError, http.client.InvalidURL)):  # control characters, non-ASCII request line
        return FetchError("bad_url", f"{where}: {type(exc).__name__}: {exc}")
    if isinstance(exc, (http.client.HTTPException, OSError)):
        return FetchError("connection_error", f"{where}: {type(exc).__name__}: {exc}")
    return FetchError("fetch_error", f"{where}: {type(exc).__name__}: {exc}")


def _get(url: str, *, limits: Limits, watchdog: _Watchdog, deadline: float) -> bytes:
    opener = _opener(watchdog, _allowed_networks(limits.feed_allow_private))
    seen = {url}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        _check_scheme(current)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            response = opener.open(request, timeout=limits.http_timeout)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers else None
            exc.close()
            if exc.code in (301, 302, 303, 307, 308) and location:
                target = urljoin(current, location.strip())
                if target in seen:
                    raise FetchError("redirect_loop", f"{url[:200]}: redirect loop at {target[:200]}") from None
                seen.add(target)
                current = target
                continue
            raise FetchError(f"http_{exc.code}", f"{current[:200]}: HTTP {exc.code} {exc.reason}") from None
        with response:
            return _read_body(response, current, limits=limits, deadline=deadline)
    raise FetchError("too_many_redirects", f"{url[:200]}: more than {MAX_REDIRECTS} redirects")


#: Media types that are never an article or a feed: refused before their body is read.
_UNSUPPORTED_TYPES = ("image/", "audio/", "video/", "font/", "application/octet-stream", "application/pdf",
                      "application/zip", "application/gzip")


def _read_body(response, url: str, *, limits: Limits, deadline: float) -> bytes:
    cap = limits.http_max_bytes
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type.startswith(_UNSUPPORTED_TYPES):
        raise FetchError("unsupported_content_type", f"{url[:200]}: Content-Type {content_type!r} is not a page")
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > cap:
        raise FetchError("too_large", f"{url[:200]}: Content-Length {int(length)} exceeds {cap} bytes")
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError("timeout", f"{url[:200]}: response not complete before the deadline")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > cap:
            raise FetchError("too_large", f"{url[:200]}: body exceeds {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------- feeds
Fetch = Callable[..., bytes]
log = logging.getLogger("newsevents")


@dataclass
class FeedProgress:
    """What fetching one feed did so far: items in it, responses fetched and failed, bytes received."""

    url: str
    items: int = 0
    fetched: int = 0
    failed: int = 0
    bytes: int = 0

    def counting(self, fetch: Fetch) -> Fetch:
        """`fetch`, counting every response and failure into this progress."""
        def counted(url: str, **kwargs) -> bytes:
            try:
                data = fetch(url, **kwargs)
            except FetchError:
                self.failed += 1
                raise
            self.fetched += 1
            self.bytes += len(data)
            return data
        return counted

    def line(self, index: int, total: int) -> str:
        return (f"feed {index}/{total} {self.url[:200]}: {self.items} items, {self.fetched} fetched, "
                f"{self.failed} failed, {self.bytes:,} bytes")


def iter_feed_items(urls: Sequence[str], *, limits: Limits, fetch: Fetch = http_get,
                    clock: Callable[[], float] = time.monotonic) -> Iterator[RawItem]:
    """Raw items from RSS/Atom feed URLs (``url#itemN``).

    A feed that cannot be fetched gives one RawReject (the fetch reason). With `limits.fetch_linked_pages`,
    each item's link is downloaded and its page text replaces the feed summary when longer (the page's
    title and date are used when present, else the feed's); a failed download keeps the summary, or gives
    a RawReject with the fetch reason when the summary is empty or too short to be an article.

    Time: one feed may take `limits.feed_budget` seconds and all feeds `limits.feeds_run_budget`; the items
    (or feeds) left when a budget is spent are rejected `feed_budget_exhausted` without being fetched, and
    come back with the feed next night. Fetches are sequential: at most one connection to any host at a time.
    """
    run_deadline = clock() + limits.feeds_run_budget
    for index, url in enumerate(urls, start=1):
        if clock() >= run_deadline:
            yield RawReject(url, "feed_budget_exhausted",
                            f"feed not fetched: the run's feed budget of {limits.feeds_run_budget:g} s is spent")
            continue
        progress = FeedProgress(url)
        log.info("feed %d/%d %s: fetching", index, len(urls), url[:200])
        yield from _one_feed(url, limits=limits, fetch=progress.counting(fetch), progress=progress,
                             deadline=min(run_deadline, clock() + limits.feed_budget), clock=clock)
        log.info(progress.line(index, len(urls)))


def _one_feed(url: str, *, limits: Limits, fetch: Fetch, progress: FeedProgress, deadline: float,
              clock: Callable[[], float]) -> Iterator[RawItem]:
    """The raw items of one feed: its document fetched and parsed, then each item's page (see above)."""
    try:
        data = fetch(url, limits=limits)
    except FetchError as exc:
        yield RawReject(url, exc.reason_code, f"feed not fetched: {exc.message}")
        return
    items, _links = parse_feed_document(data, input_ref=url, max_items=limits.max_feed_items)
    progress.items = len(items)
    for item in items:
        yield _feed_item(item, url, limits=limits, fetch=fetch, over_budget=clock() >= deadline)


def _feed_item(item: RawItem, feed_url: str, *, limits: Limits, fetch: Fetch, over_budget: bool) -> RawItem:
    """One feed entry with its link resolved against the feed's URL and, if wanted, its page's text."""
    if not (isinstance(item, RawRecord) and isinstance(item.fields.get("url"), str)):
        return item
    item = RawRecord(item.input_ref, {**item.fields, "url": urljoin(feed_url, item.fields["url"])}, item.raw_excerpt)
    if not limits.fetch_linked_pages:
        return item
    if over_budget:
        return RawReject(item.input_ref, "feed_budget_exhausted",
                         f"page not fetched: the feed's time budget ({limits.feed_budget:g} s per feed, "
                         f"{limits.feeds_run_budget:g} s per run) is spent; retried next night", item.raw_excerpt)
    return _with_page_text(item, limits=limits, fetch=fetch)


def _with_page_text(item: RawRecord, *, limits: Limits, fetch: Fetch) -> RawItem:
    link = item.fields["url"]
    summary = item.fields.get("text") or ""
    try:
        page = fetch(link, limits=limits)
    except FetchError as exc:
        if len(summary.strip()) >= limits.min_article_chars:
            return item
        # Without a usable summary the failed fetch (http_404, ...) is what happened, not "too short".
        return RawReject(item.input_ref, exc.reason_code,
                         f"feed item has no usable summary and its page was not fetched: {exc.message}",
                         item.raw_excerpt)
    parsed = parse_html_document(page, input_ref=item.input_ref, url=link)
    if not isinstance(parsed, RawRecord):
        return item
    page_text = parsed.fields.get("text") or ""
    if len(page_text.strip()) <= len(summary.strip()):
        return item
    fields = dict(item.fields)
    fields["text"] = page_text
    if parsed.fields.get("title"):
        fields["title"] = parsed.fields["title"]
    if parsed.fields.get("published_at") and not _same_day_date_only(parsed.fields["published_at"],
                                                                       fields.get("published_at")):
        fields["published_at"] = parsed.fields["published_at"]
    return RawRecord(item.input_ref, fields, item.raw_excerpt)


def _same_day_date_only(page_date: str, feed_date) -> bool:
    """The page only knows the day (midnight, no zone) and the feed's timestamp is on that day: keep the feed's."""
    if not isinstance(feed_date, str):
        return False
    return page_date.endswith("T00:00:00") and feed_date[:10] == page_date[:10]

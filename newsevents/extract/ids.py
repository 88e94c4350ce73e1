"""Identities: canonical URLs, article ids and reject ids.

Grain: one URL (or text) in, one canonical URL or id out. An article's id is the hash of its canonical URL,
else of its normalised text, so the same story read twice gets the same id; a reject's id is the hash of
the partition date and its input reference.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from urllib.parse import urlsplit, urlunsplit

_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """Canonical form of an http(s) URL, or None for anything else.

    Lowercases scheme and host, drops user info, default ports, the fragment, tracking parameters
    (utm_*, fbclid, gclid, ...), dot segments and the trailing slash. URLs with whitespace or control
    characters inside are not URLs we can use and give None.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 8192 or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cs") for ch in url):
        return None
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _remove_dot_segments(parts.path).rstrip("/")
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking_param(p))
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking_param(pair: str) -> bool:
    key = pair.split("=", 1)[0].lower()
    return key.startswith("utm_") or key in _TRACKING_PARAMS


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so '/a/../b' and '/b' are the same article."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _hash16(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def article_id_for(*, url: str | None, text: str) -> str:
    """Stable article id: 'art_' + 16 hex of SHA-256 of the canonical URL, else of the normalised text."""
    canon = canonical_url(url)
    key = canon if canon else " ".join(text.casefold().split())
    return "art_" + _hash16(key)


def reject_id_for(*, partition_date: date, input_ref: str) -> str:
    return "rej_" + _hash16(f"{partition_date.isoformat()}|{input_ref}")


def duplicate_id_for(*, partition_date: date, input_ref: str) -> str:
    """The reject id's hash under its own prefix: an input_ref is a duplicate or a reject, never both."""
    return "dup_" + _hash16(f"{partition_date.isoformat()}|{input_ref}")

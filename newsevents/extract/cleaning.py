"""Unicode cleaning of article bodies and single-line fields (title, source).

Grain: one string in, one cleaned string out. `clean_text` normalises a body (character offsets downstream
index into its result, so it is the one definition of an article's text), drops trailing share-button
residue lines; `clean_line` makes a title or source one line; `safe_str` makes any string storable by Arrow.
"""

from __future__ import annotations

import re

# Unicode spaces (category Zs, except the ASCII space) and tab -> ' '.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that end a line.
_NEWLINES = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible format characters: zero-width, soft hyphen, BOM, bidi controls, word joiner.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062" \
             "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"


def _build_clean_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x20):
        table[cp] = None
    for cp in range(0x7F, 0xA0):
        table[cp] = None
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _NEWLINES:
        table[ord(ch)] = "\n"
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    for cp in range(0xD800, 0xE000):  # lone surrogates (possible from JSON escapes) cannot be encoded
        table[cp] = "\ufffd"
    table[ord("\n")] = "\n"
    return table


_CLEAN_TABLE = _build_clean_table()
_SURROGATES = {cp: "\ufffd" for cp in range(0xD800, 0xE000)}

_RESIDUE_CORE = frozenset({
    "tweet", "tweets", "share", "shares", "shared", "email", "e-mail", "mail", "print", "pin", "pinterest",
    "facebook", "twitter", "linkedin", "whatsapp", "reddit", "telegram", "messenger", "flipboard", "tumblr",
    "comment", "comments", "sms",
})
_RESIDUE_EXTRA = frozenset({"this", "article", "story", "page", "on", "via", "copy", "link", "save", "x", "more",
                            "follow", "us", "close", "and", "or"})
_RESIDUE_SEPARATORS = "|\u2022\u00b7\u25cf\u25aa\u25ba\u203a\u00bb\u00ab/\\-\u2013\u2014*,;:+=_~>"
_RESIDUE_SPLIT = re.compile(r"[\s|\u2022\u00b7\u25cf\u25aa\u25ba\u203a\u00bb\u00ab/\\,;:*+=~>]+")


def _is_residue_line(line: str) -> bool:
    """A line of share buttons or separators: 'Tweet |', '|', 'Share  Email  Print', '• • •'."""
    stripped = line.strip()
    if not stripped:
        return False
    if all(ch in _RESIDUE_SEPARATORS or ch.isspace() for ch in stripped):
        return True
    tokens = [t.strip(".!?()[]'\"\u2026").lower() for t in _RESIDUE_SPLIT.split(stripped)]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 12:
        return False
    if not any(t in _RESIDUE_CORE for t in tokens):
        return False
    return all(t in _RESIDUE_CORE or t in _RESIDUE_EXTRA or t.isdigit() for t in tokens)


def clean_text(text: str) -> str:
    """Normalise an article body; character offsets downstream index into the result.

    CRLF/CR and other line separators -> '\\n'; NBSP, tab and other Unicode spaces -> ' '; zero-width,
    bidi and other control characters removed (newlines kept); trailing spaces stripped per line; share /
    social-button residue lines at the end dropped; 3+ newlines collapsed to 2; outer whitespace stripped.
    Letters, punctuation and curly quotes are left unchanged.
    """
    text = text.replace("\r\n", "\n").translate(_CLEAN_TABLE)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    while lines and (not lines[-1].strip() or _is_residue_line(lines[-1])):
        lines.pop()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def safe_str(value: str) -> str:
    """A string Arrow can store: lone surrogates replaced by U+FFFD (NUL replaced too)."""
    return value.translate(_SURROGATES).replace("\x00", "\ufffd")


def clean_line(value) -> str | None:
    """Title/source: a single line of text, or None."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.translate(_CLEAN_TABLE).split())
    return value or None

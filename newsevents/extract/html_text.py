"""HTML fragment -> visible plain text (feed summaries and content values).

Grain: one HTML fragment string in, one text string out, with line breaks at block elements and <br>.
Whole pages go through trafilatura in `newsevents.extract.formats` instead.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tr", "ul",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def html_fragment_text(html: str) -> str:
    """Visible text of an HTML fragment (feed summaries), with line breaks at block elements and <br>."""
    if "<" not in html and "&" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return html
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is not None and tag.lower() not in _SKIP_TAGS:
            tag = tag.lower()
            if tag == "br":
                out.append("\n")
            elif tag in _BLOCK_TAGS:
                out.append("\n\n" if tag == "p" else "\n")
            if el.text:
                out.append(_HTML_SPACE.sub(" ", el.text))
            for child in el:
                walk(child)
            if tag in _BLOCK_TAGS:
                out.append("\n\n" if tag == "p" else "\n")
        if el.tail:
            out.append(_HTML_SPACE.sub(" ", el.tail))

    walk(root)
    lines = [line.strip() for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

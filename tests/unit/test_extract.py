"""Unit tests of the pure extract functions (newsevents/extract) on hand-built inputs."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from newsevents.config import Limits
from newsevents.core.contracts import ARTICLES, REJECTED_ARTICLES
from newsevents.extract.articles import build_articles
from newsevents.extract.cleaning import clean_text
from newsevents.extract.dates import parse_published_at
from newsevents.extract.feeds import parse_feed_document
from newsevents.extract.formats import parse_html_document, parse_jsonl_line, parse_text_document
from newsevents.extract.html_text import html_fragment_text
from newsevents.extract.ids import article_id_for, canonical_url
from newsevents.extract.records import RawRecord, RawReject

SEED = Path("/work/shared/seed/seed_article.jsonl")
PARTITION = date(2017, 4, 13)
RUN_AT = datetime(2017, 4, 13, 0, 0)
LIMITS = Limits()

EN = ("The Russian Federation used its veto power on Wednesday to block a United Nations Security Council "
      "resolution condemning the Syrian government for a chemical weapons attack on civilians.")
EN2 = ("Secretary of State Rex Tillerson met Foreign Minister Sergey Lavrov in Moscow on Wednesday and said "
       "the two countries had failed to agree on the facts of the attack.")
ES = ("El gobierno de España anunció hoy nuevas sanciones contra el régimen de Venezuela tras las elecciones "
      "presidenciales celebradas el domingo pasado en todo el país.")


def build(items, **kwargs):
    kwargs.setdefault("partition_date", PARTITION)
    kwargs.setdefault("run_at", RUN_AT)
    kwargs.setdefault("limits", LIMITS)
    return build_articles(items, **kwargs)


def rec(ref: str, **fields) -> RawRecord:
    return RawRecord(ref, fields)


def reasons(rejects) -> dict[str, str]:
    return dict(zip(rejects.column("input_ref").to_pylist(), rejects.column("reason_code").to_pylist()))


def assert_invariant(stats: dict) -> None:
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    assert sum(stats["by_reason"].values()) == stats["rejected"]
    assert sum(stats["by_duplicate"].values()) == stats["duplicates"]


# --------------------------------------------------------------------------- parse_jsonl_line
def test_jsonl_object_keeps_known_fields_only():
    line = json.dumps({"text": EN, "id": "a1", "url": "https://x.org/a", "extra": [1, 2]}).encode()
    item = parse_jsonl_line(line, input_ref="in.jsonl:1")
    assert isinstance(item, RawRecord)
    assert item.input_ref == "in.jsonl:1"
    assert item.fields == {"text": EN, "id": "a1", "url": "https://x.org/a"}
    assert item.raw_excerpt == line.decode()[:200]


def test_jsonl_utf8_bom_is_accepted():
    item = parse_jsonl_line("\ufeff".encode() + b'{"text": "x"}', input_ref="f:1")
    assert isinstance(item, RawRecord) and item.fields == {"text": "x"}


@pytest.mark.parametrize("line, code, word", [
    (b"[1, 2, 3]", "not_an_object", "array"),
    (b"42", "not_an_object", "number"),
    (b'"just a string"', "not_an_object", "string"),
    (b"null", "not_an_object", "null"),
    (b"true", "not_an_object", "boolean"),
    (b'{"text": "unterminated', "malformed_json", "invalid JSON"),
    (b"{'text': 'single quotes'}", "malformed_json", "invalid JSON"),
    (b"[" * 100_000, "malformed_json", "invalid JSON"),
    (b'{"text": "caf\xe9"}', "invalid_utf8", "UTF-8"),
    (b"\xff\xfe{\x00}", "invalid_utf8", "UTF-8"),
])
def test_jsonl_bad_lines_are_rejected_with_specific_reason(line, code, word):
    item = parse_jsonl_line(line, input_ref="bad.jsonl:3")
    assert isinstance(item, RawReject)
    assert (item.input_ref, item.reason_code) == ("bad.jsonl:3", code)
    assert word in item.reason
    assert item.raw_excerpt is not None and len(item.raw_excerpt) <= 200


# --------------------------------------------------------------------------- parse_text_document
def test_text_document_title_followed_by_blank_line():
    data = f"Russia vetoes resolution\n\n{EN}\n\n{EN2}\n".encode()
    item = parse_text_document(data, input_ref="a.txt", name="a.txt")
    assert item.fields["title"] == "Russia vetoes resolution"
    assert item.fields["text"].strip().startswith("The Russian Federation")
    assert item.fields["id"] == "a.txt"


def test_text_document_title_followed_directly_by_text():
    data = f"Russia vetoes resolution\n{EN}".encode()
    item = parse_text_document(data, input_ref="a.txt", name="a.txt")
    assert item.fields["title"] == "Russia vetoes resolution"
    assert item.fields["text"] == EN


def test_text_document_long_or_sentence_first_line_is_not_a_title():
    long_first = parse_text_document(f"{EN} {EN2}\n{EN}".encode(), input_ref="b.txt", name="b.txt")
    assert "title" not in long_first.fields
    sentence_first = parse_text_document(f"He said it was over.\n{EN}".encode(), input_ref="c.txt", name="c.txt")
    assert "title" not in sentence_first.fields
    single_line = parse_text_document(b"Only one short line", input_ref="d.txt", name="d.txt")
    assert "title" not in single_line.fields and single_line.fields["text"] == "Only one short line"


def test_text_document_invalid_utf8():
    item = parse_text_document(b"caf\xe9 au lait", input_ref="e.txt", name="e.txt")
    assert isinstance(item, RawReject) and item.reason_code == "invalid_utf8"


# --------------------------------------------------------------------------- parse_html_document
HTML = f"""<!doctype html><html><head><title>Russia vetoes resolution | Example News</title>
<meta property="og:title" content="Russia vetoes resolution">
<meta property="article:published_time" content="2017-04-12T20:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Russia vetoes resolution</h1><p>{EN}</p><p>{EN2}</p></article>
<footer>Copyright 2017 Example News. All rights reserved.</footer></body></html>""".encode()


def test_html_document_main_text_title_and_date():
    item = parse_html_document(HTML, input_ref="page.html", url="https://example.com/a.html")
    assert isinstance(item, RawRecord)
    assert item.fields["title"] == "Russia vetoes resolution"
    assert item.fields["text"].startswith("The Russian Federation")
    assert EN2 in item.fields["text"]
    assert "Home" not in item.fields["text"] and "All rights reserved" not in item.fields["text"]
    assert item.fields["url"] == "https://example.com/a.html"
    dt, err = parse_published_at(item.fields["published_at"])
    assert err is None and dt == datetime(2017, 4, 12, 20, 0)


def test_html_document_without_content_yields_empty_text():
    item = parse_html_document(b"<html><body></body></html>", input_ref="empty.html")
    assert isinstance(item, RawRecord) and item.fields["text"] == ""
    _, rejects, _ = build([item])
    assert reasons(rejects) == {"empty.html": "empty_text"}


# --------------------------------------------------------------------------- parse_feed_document
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example World News</title><link>https://example.com/</link>
<language>en-us</language>
<item><title>First</title><link>https://example.com/1.html?utm_source=rss</link><guid>g1</guid>
<pubDate>Wed, 12 Apr 2017 20:00:00 +0200</pubDate>
<description>&lt;p&gt;{EN}&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;bold&lt;/b&gt; paragraph.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.com/2.html</link><pubDate>not a date</pubDate>
<description>{EN2}</description></item>
<item><title>Third</title><link>https://example.com/3.html</link></item>
<item><title>Fourth</title><link>https://example.com/4.html</link></item>
</channel></rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id>
<updated>2017-04-12T20:00:00Z</updated>
<entry><title>Atom one</title><id>urn:1</id><link href="https://example.org/one"/>
<updated>2017-04-12T18:30:00-04:00</updated>
<content type="html">&lt;div&gt;&lt;p&gt;{EN}&lt;/p&gt;&lt;/div&gt;</content><summary>short</summary></entry>
</feed>""".encode()


def test_rss_feed_items_fields_and_item_limit():
    items, links = parse_feed_document(RSS, input_ref="feed.xml", max_items=3)
    assert [i.input_ref for i in items] == ["feed.xml#item1", "feed.xml#item2", "feed.xml#item3", "feed.xml#item4"]
    first, second, third, fourth = items
    assert isinstance(first, RawRecord)
    assert first.fields["title"] == "First"
    assert first.fields["url"] == "https://example.com/1.html?utm_source=rss"
    assert first.fields["published_at"] == "2017-04-12T18:00:00Z"
    assert first.fields["text"] == f"{EN}\n\nSecond bold paragraph."
    assert first.fields["source"] == "Example World News"
    assert first.fields["id"] == "g1"
    assert first.fields["language"].lower().startswith("en")
    assert second.fields["published_at"] == "not a date"
    assert third.fields["text"] == ""
    assert isinstance(fourth, RawReject) and fourth.reason_code == "feed_item_limit"
    assert links == ["https://example.com/1.html?utm_source=rss", "https://example.com/2.html",
                     "https://example.com/3.html"]

    articles, rejects, stats = build(items)
    assert reasons(rejects) == {"feed.xml#item2": "bad_published_at", "feed.xml#item3": "empty_text",
                                "feed.xml#item4": "feed_item_limit"}
    assert articles.column("url").to_pylist() == ["https://example.com/1.html"]
    assert_invariant(stats)


def test_atom_feed_uses_content_over_summary():
    items, links = parse_feed_document(ATOM, input_ref="feed.atom", max_items=10)
    assert len(items) == 1 and links == ["https://example.org/one"]
    assert items[0].fields["text"] == EN
    assert items[0].fields["published_at"] == "2017-04-12T22:30:00Z"


@pytest.mark.parametrize("data", [b"<html><body><p>not a feed</p></body></html>", b"", b"/etc/hostname",
                                  b"\x00\x01binary"])
def test_not_a_feed_is_one_reject(data):
    items, links = parse_feed_document(data, input_ref="bad.xml", max_items=10)
    assert links == []
    assert len(items) == 1 and isinstance(items[0], RawReject) and items[0].reason_code == "malformed_feed"


def test_html_fragment_text():
    assert html_fragment_text("<p>One &amp; two</p><p>Three<br>four</p>") == "One & two\n\nThree\nfour"
    assert html_fragment_text("no markup") == "no markup"
    assert html_fragment_text("<script>alert(1)</script>Text <i>here</i>") == "Text here"


# --------------------------------------------------------------------------- clean_text
def test_clean_text_whitespace_and_invisibles():
    raw = "Line\u00a0one  \r\nLine\u2009two\u200b\x07\tend\r\n\r\n\r\n\r\nPara\ufeff two\u2028next"
    assert clean_text(raw) == "Line one\nLine two end\n\nPara two\nnext"


def test_clean_text_keeps_letters_and_curly_quotes():
    raw = "“I’m amazed,” he said — naïve café Ω 北京."
    assert clean_text(raw) == raw


@pytest.mark.parametrize("tail", ["\nTweet |\n|\n|", "\nShare  Email  Print", "\n• • •", "\nShare this article",
                                  "\nFacebook | Twitter | LinkedIn | Email\n\n", "\nShare 154\nComments 3"])
def test_clean_text_strips_share_residue_at_end(tail):
    assert clean_text(EN + tail) == EN


def test_clean_text_keeps_residue_words_inside_text_and_real_last_lines():
    text = f"Share\n{EN}\nThe ministry said it would email the details."
    assert clean_text(text) == text
    assert clean_text(f"{EN}\nUS") == f"{EN}\nUS"


def test_clean_text_seed_article():
    if not SEED.exists():
        pytest.skip("seed article not available")
    raw = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])["text"]
    assert raw.rstrip().endswith("|")
    cleaned = clean_text(raw)
    assert cleaned.startswith("The Russian Federation")
    assert not cleaned.endswith("|") and "Tweet |" not in cleaned
    assert cleaned.endswith("chemical weapons.")
    assert "Russia’s alleged meddling" in cleaned  # curly apostrophe untouched
    articles, rejects, stats = build([RawRecord("seed.jsonl:1", json.loads(SEED.read_text(encoding="utf-8")))])
    assert stats["accepted"] == 1, rejects.to_pylist()
    row = articles.to_pylist()[0]
    assert row["text"] == cleaned
    assert row["external_id"] == "seed-0001" and row["url"] is None and row["language"] == "en"
    assert row["published_at"] == datetime(2017, 4, 12, 20, 0)


# --------------------------------------------------------------------------- canonical_url / ids
@pytest.mark.parametrize("url, expected", [
    ("HTTPS://WWW.Example.COM/News/A.html#comments", "https://www.example.com/News/A.html"),
    ("https://example.com/a/?utm_source=x&id=7&UTM_Medium=y&fbclid=1&gclid=2", "https://example.com/a?id=7"),
    ("http://example.com:80/a/", "http://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("https://user:pw@example.com/a", "https://example.com/a"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/a/../b/./c", "https://example.com/b/c"),
    ("  https://example.com/a  ", "https://example.com/a"),
    ("ftp://example.com/a", None),
    ("file:///etc/passwd", None),
    ("javascript:alert(1)", None),
    ("../../etc/passwd", None),
    ("https://exa\x00mple.com/a", None),
    ("https://example.com/a b", None),
    ("https:///nohost", None),
    ("http://[::1", None),
    ("", None),
    (None, None),
    (42, None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_article_id_is_stable_and_pinned():
    url_id = article_id_for(url="https://example.com/a/?utm_source=x", text="anything")
    assert url_id == "art_" + hashlib.sha256(b"https://example.com/a").hexdigest()[:16]
    assert url_id == article_id_for(url="HTTPS://example.com/a#top", text="different text")
    text_id = article_id_for(url=None, text="Hello   World\nAgain")
    assert text_id == "art_" + hashlib.sha256(b"hello world again").hexdigest()[:16]
    assert text_id == article_id_for(url="mailto:x@y.z", text="HELLO world again ")
    assert text_id.startswith("art_") and len(text_id) == 20


# --------------------------------------------------------------------------- parse_published_at
@pytest.mark.parametrize("value, expected", [
    ("2017-04-12", datetime(2017, 4, 12)),
    ("2017-04-12T20:00:00Z", datetime(2017, 4, 12, 20)),
    ("2017-04-12T22:00:00+02:00", datetime(2017, 4, 12, 20)),
    ("2017-04-12 20:00:00", datetime(2017, 4, 12, 20)),
    ("2017-04-12T20:00:00.123456", datetime(2017, 4, 12, 20, 0, 0, 123456)),
    ("2017-04-12 20:00:00 UTC", datetime(2017, 4, 12, 20)),
    ("Wed, 12 Apr 2017 20:00:00 GMT", datetime(2017, 4, 12, 20)),
    ("Wed, 12 Apr 2017 16:00:00 -0400", datetime(2017, 4, 12, 20)),
    ("12 Apr 2017 20:00:00", datetime(2017, 4, 12, 20)),
    (datetime(2017, 4, 12, 20), datetime(2017, 4, 12, 20)),
    (date(2017, 4, 12), datetime(2017, 4, 12)),
])
def test_parse_published_at_ok(value, expected):
    assert parse_published_at(value) == (expected, None)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_published_at_missing(value):
    assert parse_published_at(value) == (None, None)


@pytest.mark.parametrize("value", ["yesterday", "2017-13-45", "1899-12-31", "0001-01-01T00:00:00Z",
                                   "9999-12-31T23:59:59-05:00", 1491969600, 3.5, True, ["2017-04-12"],
                                   {"d": 1}, "2017-04-12" * 20])
def test_parse_published_at_bad(value):
    dt, error = parse_published_at(value)
    assert dt is None and error


# --------------------------------------------------------------------------- build_articles
def test_every_reject_reason():
    limits = Limits(min_article_chars=40, max_article_chars=1000)
    items = [
        rec("r:1"),
        rec("r:2", text=None),
        rec("r:3", text=12345),
        rec("r:4", text=" \n\t "),
        rec("r:5", text="\u200b\u200b\u200b"),
        rec("r:6", text="Too short."),
        rec("r:7", text="x" * 1001),
        rec("r:8", text=EN + "\x00"),
        rec("r:9", text="\x01\x02\x03\x04\x05" * 30 + "abc"),
        rec("r:10", text=ES),
        rec("r:11", text=EN, language="de"),
        rec("r:12", text=EN, published_at="last Tuesday"),
        rec("r:13", text=EN, published_at="1850-01-01"),
        rec("r:14", text=EN, published_at="2017-04-16T00:00:00Z"),
        RawReject("r:15", "malformed_json", "invalid JSON", "{oops"),
        rec("r:16", text=EN + "\nTweet |\n|\n|"),
    ]
    articles, rejects, stats = build(items, limits=limits)
    assert reasons(rejects) == {
        "r:1": "empty_text", "r:2": "empty_text", "r:3": "empty_text", "r:4": "empty_text", "r:5": "empty_text",
        "r:6": "too_short", "r:7": "too_long", "r:8": "binary_content", "r:9": "binary_content",
        "r:10": "not_english", "r:11": "not_english", "r:12": "bad_published_at", "r:13": "bad_published_at",
        "r:14": "published_after_run", "r:15": "malformed_json",
    }
    assert articles.column("input_ref").to_pylist() == ["r:16"]
    assert stats["read"] == 16 and stats["accepted"] == 1 and stats["rejected"] == 15 and stats["duplicates"] == 0
    assert stats["by_reason"]["empty_text"] == 5
    assert_invariant(stats)


def test_published_at_boundaries_and_missing():
    items = [
        rec("d:1", text=EN, published_at="2017-04-14T23:59:59Z"),  # 1 day after the partition date: ok
        rec("d:2", text=EN2, published_at="2017-04-15T00:00:00Z"),  # 2 days after: the gate would refuse it
        rec("d:3", text=EN + " Again."),  # missing: accepted, null
    ]
    articles, rejects, _ = build(items)
    assert reasons(rejects) == {"d:2": "published_after_run"}
    by_ref = {r["input_ref"]: r for r in articles.to_pylist()}
    assert by_ref["d:1"]["published_at"] == datetime(2017, 4, 14, 23, 59, 59)
    assert by_ref["d:3"]["published_at"] is None


def test_too_long_is_checked_on_raw_length():
    limits = Limits(max_article_chars=500)
    padded = EN + " " * 600  # would be short enough after cleaning, but the raw record is too long
    _, rejects, _ = build([rec("l:1", text=padded)], limits=limits)
    assert reasons(rejects) == {"l:1": "too_long"}


def test_language_given_english_variants_and_detection():
    items = [rec("g:1", text=EN, language="en-GB"), rec("g:2", text=EN2, language="EN"),
             rec("g:3", text=ES, language="en"), rec("g:4", text=EN + " More.", language="")]
    articles, rejects, _ = build(items)
    assert reasons(rejects) == {"g:3": "not_english"}  # detection overrides a wrong label
    assert set(articles.column("language").to_pylist()) == {"en"}


def test_duplicates_are_counted_not_rejected():
    url = "https://example.com/story"
    items = [
        rec("u:1", text=EN, url=url, id="first"),
        rec("u:2", text=EN2, url=url + "?utm_campaign=x#frag", id="second"),  # same canonical URL
        rec("u:3", text=EN2),
        rec("u:4", text="  " + EN2.upper() + "  "),  # same normalised text, no URL
        rec("u:5", text=EN + " Known."),
    ]
    known = frozenset({article_id_for(url=None, text=clean_text(EN + " Known."))})
    articles, rejects, stats = build(items, known_article_ids=known)
    assert rejects.num_rows == 0
    assert stats["duplicates"] == 3
    assert stats["by_duplicate"] == {"duplicate_in_batch": 2, "already_loaded": 1}
    rows = {r["input_ref"]: r for r in articles.to_pylist()}
    assert set(rows) == {"u:1", "u:3"}  # first occurrence kept
    assert rows["u:1"]["external_id"] == "first"
    assert_invariant(stats)


def test_article_row_contents_and_schema():
    items = [rec("c:1", text=f"  {EN}\r\n\r\n\r\n{EN2}  ", url="HTTP://Example.com/x/?fbclid=9",
                 id="../../etc/passwd\x00", title="  Russia\u00a0vetoes \n resolution ", source=" VOA ",
                 published_at="2017-04-12T20:00:00Z")]
    articles, rejects, _stats = build(items)
    assert articles.schema == ARTICLES.schema and rejects.schema == REJECTED_ARTICLES.schema
    row = articles.to_pylist()[0]
    text = f"{EN}\n\n{EN2}"
    assert row == {
        "article_id": article_id_for(url="http://example.com/x", text=text),
        "external_id": "../../etc/passwd\ufffd",
        "source": "VOA",
        "url": "http://example.com/x",
        "title": "Russia vetoes resolution",
        "published_at": datetime(2017, 4, 12, 20, 0),
        "text": text,
        "language": "en",
        "word_count": len(text.split()),
        "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "input_ref": "c:1",
        "partition_date": PARTITION,
    }


def test_external_id_kept_verbatim_and_bad_url_nulled():
    items = [rec("x:1", text=EN, id="../../../etc/shadow", url="file:///etc/passwd"),
             rec("x:2", text=EN2, id=12345, url="javascript:alert(1)")]
    articles, _, _ = build(items)
    rows = {r["input_ref"]: r for r in articles.to_pylist()}
    assert rows["x:1"]["external_id"] == "../../../etc/shadow" and rows["x:1"]["url"] is None
    assert rows["x:2"]["external_id"] == "12345" and rows["x:2"]["url"] is None


def test_lone_surrogates_do_not_break_arrow():
    line = b'{"text": "' + EN.encode() + b' \\ud800 end", "title": "bad \\udfff title", "id": "\\ud83d"}'
    item = parse_jsonl_line(line, input_ref="s:1")
    articles, rejects, _ = build([item])
    assert rejects.num_rows == 0
    row = articles.to_pylist()[0]
    assert "\ufffd" in row["text"] and row["title"] == "bad \ufffd title" and row["external_id"] == "\ufffd"


def test_reject_rows_ids_excerpts_and_collisions():
    long_raw = "z" * 1000
    items = [RawReject("same:1", "malformed_json", "bad", long_raw), RawReject("same:1", "malformed_json", "bad"),
             rec("t:1", text="tiny")]
    _, rejects, stats = build(items, run_at=datetime(2017, 4, 13, 3, 30))
    rows = rejects.to_pylist()
    expected = "rej_" + hashlib.sha256(b"2017-04-13|same:1").hexdigest()[:16]
    assert rows[0]["reject_id"] == expected
    assert rows[1]["reject_id"] == "rej_" + hashlib.sha256(b"2017-04-13|same:1#2").hexdigest()[:16]
    assert len({r["reject_id"] for r in rows}) == 3
    assert rows[0]["raw_excerpt"] == "z" * 200 and rows[1]["raw_excerpt"] is None
    assert rows[2]["raw_excerpt"] == "tiny"
    assert {r["rejected_at"] for r in rows} == {datetime(2017, 4, 13, 3, 30)}
    assert {r["partition_date"] for r in rows} == {PARTITION}
    assert_invariant(stats)


def test_output_is_deterministic_and_sorted():
    items = [rec(f"o:{i}", text=f"{EN} Paragraph number {i}.", url=f"https://example.com/{i}") for i in range(20)]
    first = build(items)
    second = build(list(reversed(items)))
    ids = first[0].column("article_id").to_pylist()
    assert ids == sorted(ids)
    assert first[0].drop(["input_ref"]).equals(second[0].drop(["input_ref"]))
    assert build(items)[0].equals(first[0]) and build(items)[2] == first[2]


def test_empty_input():
    articles, rejects, stats = build([])
    assert articles.num_rows == rejects.num_rows == 0
    assert articles.schema == ARTICLES.schema and rejects.schema == REJECTED_ARTICLES.schema
    assert stats == {"read": 0, "accepted": 0, "rejected": 0, "duplicates": 0, "by_reason": {},
                     "by_duplicate": {"duplicate_in_batch": 0, "already_loaded": 0}}


def test_publication_time_aliases_are_used_only_without_published_at():
    from newsevents.extract.formats import parse_jsonl_line

    voa = parse_jsonl_line(b'{"text": "t", "published": "2025-03-10 21:53:04Z"}', input_ref="a.jsonl:1")
    assert voa.fields["published_at"] == "2025-03-10 21:53:04Z"
    both = parse_jsonl_line(b'{"text": "t", "published_at": "2017-04-12", "date": "1999-01-01"}',
                            input_ref="a.jsonl:2")
    assert both.fields["published_at"] == "2017-04-12"

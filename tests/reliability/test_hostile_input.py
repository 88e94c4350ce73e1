"""Hostile input: one `newsevents run` in a child process over a corpus generated here, in tmp.

The corpus holds malformed JSON lines, lines that are arrays, numbers or strings, missing / empty /
whitespace-only / non-string text, NUL and control characters, invalid UTF-8, a binary file, a 50 MB
article, a 1 MB single "word", 5000 nested <div>s, <script> and entities, a gzip bomb, a feed of 10,000
items, unparsable / pre-1900 / future dates, German and Spanish text, exact and near duplicates, and ids
and URLs holding `../` or NUL. Every record's expected fate is listed below, so the test knows exactly
which input_ref must end up accepted, rejected (with which reason_code) or counted as a duplicate.

Small limits keep it fast (NEWSEVENTS_MAX_LINE_BYTES 2 MiB, NEWSEVENTS_MAX_INPUT_BYTES 64 MiB,
NEWSEVENTS_MAX_FEED_ITEMS 50); only four short articles reach spaCy. The child runs with its own HOME and
TMPDIR inside the test's tmp tree, from a working directory inside it, and the whole tree is compared
before and after: only the data directory may change. Its peak RSS comes from os.wait4 (the child's own
rusage, the same figure resource.getrusage(RUSAGE_CHILDREN) would fold into the maximum over all children).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from newsevents.adapters.sources import SOURCE_REASONS
from newsevents.extract.records import REASONS
from tests.reliability.conftest import child_env, jsonl, newsevents_exe, query, tree

pytestmark = pytest.mark.slow

DAY = "2017-04-12"
MiB = 1024 * 1024
LIMITS = {"NEWSEVENTS_MAX_LINE_BYTES": str(2 * MiB), "NEWSEVENTS_MAX_INPUT_BYTES": str(64 * MiB),
          "NEWSEVENTS_MAX_FEED_ITEMS": "50"}
FEED_ITEMS = 10_000
MAX_RSS_BYTES = 3 * 1024**3
#: Every reason code extract may give (newsevents.extract REASONS plus the I/O ones of newsevents.adapters.sources).
KNOWN_REASONS = set(REASONS) | set(SOURCE_REASONS) | {"http_404"}

EN = ("The United Nations Security Council met on Wednesday to discuss the crisis, and diplomats said a vote "
      "was expected later in the week.")
STORY_A = ("Turkish Foreign Minister Mevlut Cavusoglu met Ukrainian Foreign Minister Pavlo Klimkin in Ankara on "
           "Tuesday to discuss grain shipments across the Black Sea.")
STORY_B = ("Kenyan President Uhuru Kenyatta and Ethiopian Prime Minister Hailemariam Desalegn signed a water "
           "accord in Nairobi on Monday.")
GERMAN = ("Die Bundesregierung hat am Mittwoch neue Sanktionen gegen mehrere Unternehmen beschlossen. Der "
          "Außenminister sagte, man werde den Druck weiter erhöhen.")
SPANISH = ("El gobierno de España anunció el miércoles nuevas medidas para proteger a los agricultores "
           "afectados por la sequía en el sur del país.")
A_ID, A_URL = "../../../../etc/passwd", "https://example.com/news/../world/story-a?utm_source=x&id=7#top"
B_ID, B_URL = "nul\u0000id/../x", "https://example.com/\u0000evil"

ACCEPTED, DUPLICATE = "accepted", "duplicate"


# --------------------------------------------------------------------------- the corpus
def hostile_lines() -> list[tuple[bytes, str | None]]:
    """(line, expected fate) of hostile.jsonl; None marks a blank line, which is not a record."""
    a = {"id": A_ID, "url": A_URL, "text": STORY_A, "published_at": "2017-04-12T08:00:00Z", "title": "A"}
    b = {"id": B_ID, "url": B_URL, "text": STORY_B, "published_at": "2017-04-12"}
    rows = [
        (b'{"id": "bad-1", "text": "unterminated', "malformed_json"),
        (b'[{"text": "an array of one article"}]', "not_an_object"),
        (b"42", "not_an_object"),
        (b'"a bare string"', "not_an_object"),
        (b"null", "not_an_object"),
        (b"", None),
        (b" \t ", None),
        ({"id": "no-text", "title": "Missing text"}, "empty_text"),
        ({"id": "empty", "text": ""}, "empty_text"),
        ({"id": "whitespace", "text": " \t\n\u00a0\u2003 \r\n"}, "empty_text"),
        ({"id": "number-text", "text": 12345}, "empty_text"),
        (b'{"id": "latin-1", "text": "caf\xe9 au lait ' + EN.encode() + b'"}', "invalid_utf8"),
        (b"\x89PNG\r\x1a\x00\x00\x00\rIHDR\x00\x00\x02\x00\xff\xfe\xfd", "invalid_utf8"),
        ({"id": "nul-text", "text": f"{EN}\u0000{EN}"}, "binary_content"),
        ({"id": "control", "text": "\u0001\u0002\u0003\u0004abc" * 40}, "binary_content"),
        ({"id": "one-word", "text": "x" * 1_000_000}, "too_long"),
        ({"id": "short", "text": "Too short."}, "too_short"),
        ({"id": "bad-date", "text": EN, "published_at": "next Tuesday-ish"}, "bad_published_at"),
        ({"id": "number-date", "text": EN, "published_at": 1491955200}, "bad_published_at"),
        ({"id": "ancient", "text": EN, "published_at": "0001-01-01"}, "bad_published_at"),
        ({"id": "future", "text": EN, "published_at": "2999-01-01T00:00:00Z"}, "published_after_run"),
        ({"id": "german", "text": GERMAN}, "not_english"),
        ({"id": "tagged-french", "text": EN, "language": "fr"}, "not_english"),
        (b"[" * 100_000, "malformed_json"),
        (a, ACCEPTED),
        (b, ACCEPTED),
        (a, DUPLICATE),  # exact duplicate
        # near duplicates: the same URL up to case, default port, slash, tracking parameters, fragment...
        ({"id": "a-again", "url": "HTTPS://Example.COM:443/world/story-a/?id=7&utm_medium=y&fbclid=z",
          "text": STORY_A + " (updated)"}, DUPLICATE),
        # ... and, without a usable URL, the same text up to whitespace, zero-width and non-breaking spaces
        ({"id": "b-again", "text": "  " + STORY_B.replace(" ", " \u200b\t").replace("accord", "accord\u00a0\r\n")},
         DUPLICATE),
    ]
    return [(r if isinstance(r, bytes) else json.dumps(r).encode(), fate) for r, fate in rows]


def big_feed(items: int) -> bytes:
    entries = []
    for n in range(1, items + 1):
        description = (f"&lt;script&gt;alert('item {n}')&lt;/script&gt;&lt;p&gt;{EN} Officials said the talks "
                       f"were &amp;quot;useful&amp;quot; &amp;amp; would continue.&lt;/p&gt;")
        entries.append(f"<item><title>Story {n}</title><link>http://example.com/feed-story?utm_source=rss#{n}</link>"
                       f"<pubDate>Wed, 12 Apr 2017 20:00:00 GMT</pubDate><description>{description}</description>"
                       f"</item>")
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Big feed</title>'
            f'<link>http://example.com/</link>{"".join(entries)}</channel></rss>').encode()


SCRIPT_HTML = f"""<!doctype html><html><head><title>Script and entities</title>
<script>var x = "<p>injected paragraph</p>"; alert('x');</script>
<meta property="article:published_time" content="2017-04-12T10:00:00Z"></head>
<body><article><h1>Script and entities</h1>
<p>{EN} Officials called the vote &ldquo;a disgrace&rdquo; &amp; a setback &#8212; diplomats said.</p>
<script>document.write('evil text here');</script><noscript>enable javascript</noscript>
<p>France &amp; Britain said they would keep pressing for an investigation into the attack.</p>
</article></body></html>"""


def build_corpus(landing: Path) -> dict[str, set[str]]:
    """Write the corpus; return input_ref -> acceptable fates (one, except where a parser may legitimately
    decide either way)."""
    landing.mkdir(parents=True)
    expected: dict[str, set[str]] = {}

    lines = hostile_lines()
    (landing / "hostile.jsonl").write_bytes(b"".join(line + b"\n" for line, _ in lines))
    for n, (_line, fate) in enumerate(lines, start=1):
        if fate is not None:
            expected[f"landing/hostile.jsonl:{n}"] = {fate}

    # a 50 MB article: over the line cap, skipped while streaming; the next line is still read
    with open(landing / "huge_article.jsonl", "wb") as fh:
        fh.write(b'{"id": "huge", "published_at": "2017-04-12", "text": "')
        chunk = b"word " * (MiB // 5)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(jsonl({"id": "after-huge", "text": "Still too short."}))
    expected["landing/huge_article.jsonl:1"] = {"line_too_long"}
    expected["landing/huge_article.jsonl:2"] = {"too_short"}

    # a gzip bomb: one real line (the feed's story again: files are read in name order, the feed first),
    # then 1 GiB of zeros without a newline, in 1 MiB members: ~1 MB on disk
    zeros = gzip.compress(b"\0" * MiB, compresslevel=9)
    with open(landing / "bomb.jsonl.gz", "wb") as fh:
        fh.write(gzip.compress(jsonl({"id": "bomb-1", "url": "http://example.com/feed-story", "text": EN})))
        for _ in range(1024):
            fh.write(zeros)
    assert (landing / "bomb.jsonl.gz").stat().st_size < 4 * MiB
    expected["landing/bomb.jsonl.gz:1"] = {DUPLICATE}
    expected["landing/bomb.jsonl.gz:2"] = {"input_too_large"}

    (landing / "binary.txt").write_bytes(b"\xff\xfe\x00\x01" + bytes(range(256)) * 64)
    expected["landing/binary.txt"] = {"invalid_utf8"}
    (landing / "blob.bin").write_bytes(os.urandom(4096))
    expected["landing/blob.bin"] = {"unsupported_format"}
    (landing / "spanish.txt").write_text(f"Noticias\n\n{SPANISH}\n", encoding="utf-8")
    expected["landing/spanish.txt"] = {"not_english"}

    nested = "<html><head><title>Deep</title></head><body>" + "<div>" * 5000 + f"<p>{EN}</p>" + "</div>" * 5000
    (landing / "nested.html").write_text(nested + "</body></html>", encoding="utf-8")
    # trafilatura gives up on the depth (empty text) or fails; either way a specific reject, or the text
    expected["landing/nested.html"] = {"empty_text", "malformed_html", ACCEPTED}
    (landing / "script.html").write_text(SCRIPT_HTML, encoding="utf-8")
    expected["landing/script.html"] = {ACCEPTED}

    (landing / "big_feed.rss").write_bytes(big_feed(FEED_ITEMS))
    limit = int(LIMITS["NEWSEVENTS_MAX_FEED_ITEMS"])
    for n in range(1, FEED_ITEMS + 1):  # every kept item links to the same story (fragments differ)
        fate = ACCEPTED if n == 1 else DUPLICATE if n <= limit else "feed_item_limit"
        expected[f"landing/big_feed.rss#item{n}"] = {fate}
    return expected


# --------------------------------------------------------------------------- the run
@dataclass
class HostileRun:
    returncode: int
    stdout: str
    stderr: str
    max_rss_bytes: int
    root: Path
    data_dir: Path
    expected: dict[str, set[str]]
    before: dict
    after: dict


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> HostileRun:
    root = tmp_path_factory.mktemp("hostile")
    expected = build_corpus(root / "landing")
    for name in ("home", "tmp"):
        (root / name).mkdir()
    data_dir = root / "data"
    before = tree(root)
    env = child_env(HOME=str(root / "home"), TMPDIR=str(root / "tmp"), **LIMITS)
    out_path, err_path = root.parent / "hostile.stdout", root.parent / "hostile.stderr"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen([newsevents_exe(), "run", "--input", "landing", "--data-dir", str(data_dir),
                                 "--date", DAY], cwd=root, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        watchdog = threading.Timer(600, proc.kill)
        watchdog.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return HostileRun(proc.returncode, out_path.read_text(), err_path.read_text(), usage.ru_maxrss * 1024, root,
                      data_dir, expected, before, tree(root, skip=data_dir))


def stats_of(run: HostileRun) -> dict:
    return json.loads((run.data_dir / "work" / f"date={DAY}" / "extract" / "stats.json").read_text())


def outcomes(run: HostileRun) -> dict[str, str]:
    """input_ref -> accepted / reason_code / duplicate, from the warehouse (duplicates: the refs left over)."""
    got = {ref: ACCEPTED for (ref,) in query(run.data_dir, "SELECT input_ref FROM articles")}
    for ref, code in query(run.data_dir, f"SELECT input_ref, reason_code FROM rejected_articles "
                                         f"WHERE partition_date = DATE '{DAY}'"):
        assert ref not in got, f"{ref} is both accepted and rejected, or rejected twice"
        got[ref] = code
    for ref in run.expected:
        got.setdefault(ref, DUPLICATE)
    return got


# --------------------------------------------------------------------------- tests
def test_the_run_completes_and_publishes(hostile):
    assert hostile.returncode == 0, f"exit {hostile.returncode}\n{hostile.stderr[-4000:]}"
    assert "Traceback" not in hostile.stderr
    verify_snapshot(hostile.data_dir / "snapshots" / "latest")


def test_every_record_is_accounted_for(hostile):
    stats = stats_of(hostile)
    assert stats["read"] == len(hostile.expected), "records read differ from the records in the corpus"
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    assert sum(stats["by_reason"].values()) == stats["rejected"]
    assert sum(stats["by_duplicate"].values()) == stats["duplicates"]
    articles = query(hostile.data_dir, "SELECT count(*) FROM articles")[0][0]
    rejected = query(hostile.data_dir, "SELECT count(*) FROM rejected_articles")[0][0]
    assert (articles, rejected) == (stats["accepted"], stats["rejected"])
    got = outcomes(hostile)
    assert set(got) == set(hostile.expected), sorted(set(got) ^ set(hostile.expected))[:10]
    assert sum(1 for fate in got.values() if fate == DUPLICATE) == stats["duplicates"]


def test_each_record_meets_its_expected_fate(hostile):
    got = outcomes(hostile)
    wrong = {ref: (got[ref], sorted(fates)) for ref, fates in hostile.expected.items() if got[ref] not in fates}
    assert not wrong, f"{len(wrong)} records with another fate (got, expected): {dict(list(wrong.items())[:12])}"


def test_rejects_carry_a_specific_reason(hostile):
    rows = query(hostile.data_dir, "SELECT input_ref, reason_code, reason, raw_excerpt FROM rejected_articles")
    unknown = sorted({code for _, code, _, _ in rows} - KNOWN_REASONS)
    assert not unknown, f"reason codes outside the documented set: {unknown}"
    assert all(reason and reason.strip() for _, _, reason, _ in rows)
    assert all(excerpt is None or len(excerpt) <= 200 for *_, excerpt in rows)
    by_ref = {ref: (code, reason) for ref, code, reason, _ in rows}
    assert "2097152" in by_ref["landing/huge_article.jsonl:1"][1]  # names the line cap it broke
    assert "rest of the file" in by_ref["landing/bomb.jsonl.gz:2"][1]
    assert "1000000 characters" in by_ref["landing/hostile.jsonl:16"][1]


def test_accepted_articles_are_clean_and_ids_are_inert(hostile):
    rows = {ref: (ext, url, text) for ref, ext, url, text in
            query(hostile.data_dir, "SELECT input_ref, external_id, url, text FROM articles")}
    by_ext = {ext: (url, text) for ext, url, text in rows.values()}
    assert by_ext[A_ID] == ("https://example.com/world/story-a?id=7", STORY_A)  # dot segments, tracking gone
    assert by_ext["nul\ufffdid/../x"] == (None, STORY_B)  # NUL replaced in the id; a URL with NUL is no URL
    page = rows["landing/script.html"][2]
    assert "\u201ca disgrace\u201d & a setback \u2014" in page and "France & Britain" in page
    feed = rows["landing/big_feed.rss#item1"][2]
    for text in (page, feed):
        assert not any(bad in text for bad in ("alert(", "evil text", "injected", "<script", "&amp;", "&lt;"))
    longest = query(hostile.data_dir, "SELECT max(length(text)) FROM articles")[0][0]
    assert longest < 2000, "an oversized article reached the NLP step"


#: Written outside the data directory on purpose by a library, not by the pipeline: matplotlib (run report
#: chart) keeps its font cache in $HOME/.cache/matplotlib and creates $HOME/.config/matplotlib (MPLCONFIGDIR
#: moves both). Nothing else may appear.
LIBRARY_CACHES = ("home/.cache", "home/.config")


def test_nothing_is_written_outside_the_data_directory(hostile):
    after = {k: v for k, v in hostile.after.items()
             if not any(k == c or k.startswith((f"{c}/matplotlib", f"{c}/matplotlib/")) for c in LIBRARY_CACHES)}
    assert after == hostile.before, {
        "added": sorted(set(after) - set(hostile.before))[:10],
        "removed": sorted(set(hostile.before) - set(after))[:10],
        "changed": sorted(k for k in hostile.before if k in after and hostile.before[k] != after[k]),
    }
    assert not list((hostile.root / "tmp").iterdir()), "the run left files in TMPDIR"
    # and inside the data directory, only the documented layout
    top = {p.name for p in hostile.data_dir.iterdir()}
    assert top <= {".newsevents.lock", "warehouse.ducklake", "warehouse.ducklake.wal", "work", "lake", "snapshots",
                   "docs"}, sorted(top)


def test_memory_stays_bounded(hostile):
    print(f"peak RSS of the hostile run: {hostile.max_rss_bytes / MiB:.0f} MiB")
    assert hostile.max_rss_bytes > 0
    assert hostile.max_rss_bytes < MAX_RSS_BYTES, f"peak RSS {hostile.max_rss_bytes / MiB:.0f} MiB"

"""Issue 18: two articles reporting the same real-world event count as one event reported twice.

`events.event_key` hashes source actor, target actor, CAMEO code, event date and its precision: two reports are
one event when the coder gives both the same dyad, code and resolved date. The articles are fictional.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsevents.adapters.lakehouse import connect
from newsevents.adapters.warehouse import load_night
from newsevents.core.contracts import ARTICLES
from newsevents.nlp.rows import process_articles
from newsevents.nlp.runtime import get_nlp, get_resources
from tests.support import lake_settings

NIGHT = date(2017, 4, 12)
REPORTS = [
    ("art_wire", "FICTIONAL. Russia vetoed a United Nations Security Council resolution on Syria on Wednesday.",
     datetime(2017, 4, 12, 18)),
    ("art_paper", "FICTIONAL. On Wednesday Russia vetoed the Security Council resolution on Syria, diplomats "
                  "at the United Nations said.", datetime(2017, 4, 12, 22)),
    ("art_other", "FICTIONAL. Russia vetoed a United Nations Security Council resolution on Syria on Monday.",
     datetime(2017, 4, 12, 23)),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("reports")
    articles = ARTICLES.from_rows([
        {"article_id": aid, "text": text, "published_at": published, "word_count": len(text.split()),
         "content_sha256": f"{i}" * 64, "input_ref": f"reports.jsonl:{i + 1}", "partition_date": NIGHT}
        for i, (aid, text, published) in enumerate(REPORTS)])
    tables = process_articles(articles, nlp=get_nlp(), resources=get_resources(), partition_date=NIGHT)
    with connect(lake_settings(data_dir)) as con:
        load_night(con, {"articles": articles, **tables}, NIGHT)
    with connect(lake_settings(data_dir), read_only=True) as con:
        yield con


def test_two_reports_of_one_veto_count_twice(warehouse):
    rows = warehouse.execute("SELECT event_date, event_code, source_name, target_name, reporting_articles "
                             "FROM events_deduplicated WHERE source_name = 'Russia' ORDER BY event_date").fetchall()
    assert [(r[0], r[4]) for r in rows if r[0] == NIGHT] == [(NIGHT, 2)], rows


def test_the_same_act_on_another_day_is_another_event(warehouse):
    days = warehouse.execute("SELECT event_date, reporting_articles FROM events_deduplicated "
                             "WHERE source_name = 'Russia' ORDER BY event_date").fetchall()
    assert (date(2017, 4, 10), 1) in days, days

"""Table contracts: every table declared once, complete — schema, grain, key, descriptions and rules.

Each `TableContract` below is the one answer to "where is this table defined?". Its `Column`s carry the
Arrow type, the description and example (as field metadata, so they travel with every Parquet file we
write) and the column's rules: accepted values, formats, ranges, foreign keys, date bounds. The table adds
its grain, key, compound foreign keys, character spans and row-count bound (`newsevents.core.schema`).

Derived from these declarations, never written by hand: the DuckDB DDL (`warehouse/schema.sql`), the data
dictionary (`docs/data-dictionary.md`), the Great Expectations suites and the cross-table checks of the
quality gate (`newsevents.quality`; `expectations/*.json` are their committed rendering) and example rows
for tests (`TableContract.example_row`).

Severity policy (reviewed): anything the output contract promises, or that would make a row wrong or
unjoinable, is an error; plausibility checks that can be legitimately violated are warnings.

Contract tables (`articles`, `rejected_articles`, `actors`, `actor_mentions`, `events`, `statements`) are the
ones promised in the shared output contract; their names and columns never change meaning without a new
schema version.
"""

from __future__ import annotations

import pyarrow as pa

from newsevents.core import render
from newsevents.core.codes import cameo_event_codes, iso3_country_codes
from newsevents.core.rules import WARNING, CodeTable, Dated, Reference, Span
from newsevents.core.schema import Column, TableContract, check_references

SCHEMA_VERSION = "1.2.0"

ACTOR_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "IGO", "GROUP")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
DATE_PRECISIONS = ("day", "week", "month", "year")
DATE_METHODS = ("explicit", "relative", "publication", "run_date")
MENTION_KINDS = ("name", "short_name", "title", "demonym", "metonym", "pronoun", "nominal", "alias", "location")
QUAD_CLASSES = (1, 2, 3, 4)
CAMEO_EVENT_CODES = CodeTable("CAMEO event codes listed in `newsevents/data/cameo_codes.csv`", cameo_event_codes)
ISO3_COUNTRY_CODES = CodeTable("ISO 3166-1 alpha-3 country codes (pycountry, plus XKX for Kosovo)",
                               iso3_country_codes)

# Foreign keys many columns share.
TO_ARTICLE = ("articles", "article_id")
TO_ACTOR = ("actors", "actor_id")

PARTITION_DATE = Column(
    "partition_date", pa.date32(),
    "Logical date of the nightly run that produced the row (lake partition).",
    nullable=False, example="2017-04-12", run_date=True,
)


def _sentence_index(description: str) -> Column:
    return Column("sentence_index", pa.int32(), description, nullable=False, min=0)


ARTICLES = TableContract(
    name="articles",
    grain="one accepted article",
    key=("article_id",),
    description="Accepted news articles with their cleaned text; offsets elsewhere point into `text`.",
    fields=(
        Column("article_id", pa.string(), "Stable id: hash of the canonical URL, else of the normalised text.",
               nullable=False, example="a3f9c1d2e4b5a6c7"),
        Column("external_id", pa.string(), "The input record's `id`, verbatim, or null.", example="seed-0001"),
        Column("source", pa.string(), "Publisher or feed name as given by the input.", example="voanews.com"),
        Column("url", pa.string(), "Canonical article URL, or null.", example="https://www.voanews.com/a/123.html"),
        Column("title", pa.string(), "Headline.", example="Russia vetoes UN Security Council resolution"),
        Column("published_at", pa.timestamp("us"), "Publication time in UTC (naive TIMESTAMP holding UTC).",
               example="2017-04-12 20:00:00"),
        Column("text", pa.string(), "Cleaned article body; all character offsets index into it.", nullable=False),
        Column("language", pa.string(), "ISO 639-1 language code detected or given.", example="en",
               regex=r"^[a-z]{2}$", severity=WARNING),
        Column("word_count", pa.int32(), "Whitespace-separated words in `text`.", nullable=False, example="412"),
        Column("content_sha256", pa.string(), "SHA-256 of `text` (near-duplicate detection, audit).",
               nullable=False, regex=r"^[0-9a-f]{64}$", fixture="0" * 64),
        Column("input_ref", pa.string(), "Where the record came from: file and line, or feed and item.",
               nullable=False, example="landing/seed.jsonl:1"),
        PARTITION_DATE,
    ),
)

REJECTED_ARTICLES = TableContract(
    name="rejected_articles",
    grain="one rejected input record",
    key=("reject_id",),
    description="Input records that could not become articles, with the reason; nothing is dropped silently.",
    fields=(
        Column("reject_id", pa.string(), "Stable id of the rejected record (hash of partition date and input_ref).",
               nullable=False),
        Column("input_ref", pa.string(), "File and line, or feed and item, of the rejected record.",
               nullable=False, example="landing/bad.jsonl:3"),
        Column("reason_code", pa.string(), "Machine-readable reason.", nullable=False, example="empty_text",
               non_blank=True),
        Column("reason", pa.string(), "Human-readable reason.", nullable=False, example="text is missing or empty"),
        Column("rejected_at", pa.timestamp("us"), "Logical time of the run that rejected it (UTC).", nullable=False),
        Column("raw_excerpt", pa.string(), "First 200 characters of the raw record, for triage."),
        PARTITION_DATE,
    ),
)

DUPLICATE_ARTICLES = TableContract(
    name="duplicate_articles",
    grain="one input record whose article was already accepted (this night or an earlier one)",
    key=("duplicate_id",),
    description="Input records not loaded again because they repeat an accepted article; with `articles` and "
                "`rejected_articles` every record read is accounted for: read = accepted + rejected + duplicates.",
    in_contract=False,
    fields=(
        Column("duplicate_id", pa.string(), "Stable id of the record (hash of partition date and input_ref).",
               nullable=False),
        Column("input_ref", pa.string(), "File and line, or feed and item, of the repeated record.",
               nullable=False, example="landing/wire.jsonl:7"),
        # Not `article_id`: the original may sit in an earlier partition, and rows keyed by article_id
        # move with their article when a backfill reclaims it.
        Column("duplicate_of", pa.string(), "article_id of the accepted article this record repeats.",
               nullable=False, example="a3f9c1d2e4b5a6c7"),
        Column("kind", pa.string(), "duplicate_in_batch (earlier this night) or already_loaded (an earlier night).",
               nullable=False, example="already_loaded", values=("duplicate_in_batch", "already_loaded")),
        Column("first_seen_date", pa.date32(), "Night the article was first accepted.", nullable=False,
               example="2017-04-11"),
        PARTITION_DATE,
    ),
)

ACTORS = TableContract(
    name="actors",
    grain="one canonical actor",
    key=("actor_id",),
    description="Canonical people, countries, organisations, IGOs and groups, coded with ISO 3166 and CAMEO.",
    fields=(
        Column("actor_id", pa.string(),
               "Stable id: hash of the actor's canonical key; same actor, same id, every run.",
               nullable=False, example="act_5d41402abc4b2a76"),
        Column("canonical_key", pa.string(), "Readable identity the id is derived from.", nullable=False,
               example="person:vladimir putin"),
        Column("name", pa.string(), "Canonical display name.", nullable=False, example="Vladimir Putin"),
        Column("actor_type", pa.string(), "One of PERSON, COUNTRY, ORGANIZATION, IGO, GROUP.", nullable=False,
               example="PERSON", values=ACTOR_TYPES),
        Column("country_code", pa.string(), "ISO 3166-1 alpha-3 country, or null.", example="RUS",
               values=ISO3_COUNTRY_CODES),
        Column("role_code", pa.string(), "CAMEO sector/role (GOV, MIL, LEG, JUD, OPP, REB, COP, CVL, ...) or null.",
               example="GOV"),
        Column("cameo_code", pa.string(), "CAMEO-style actor code: country + role, or an IGO code.",
               example="RUSGOV", regex=r"^[A-Z]{3,12}$"),
        Column("coding_confidence", pa.float32(), "0..1 confidence of the country/role coding.", nullable=False,
               example="0.9", min=0.0, max=1.0),
        Column("coding_evidence", pa.string(), "Which rule, title or dictionary set the coding.",
               example="title:president; demonym:Russian"),
        Column("wikidata_id", pa.string(), "Wikidata item of a person the office-holder gazetteer knows "
               "(newsevents/data/office_holders.csv), else null.", example="Q7747", regex=r"^Q[1-9][0-9]*$"),
        PARTITION_DATE,
    ),
)

ACTOR_MENTIONS = TableContract(
    name="actor_mentions",
    grain="one mention of an actor in an article",
    key=("mention_id",),
    description="Every surface mention of an actor, with exact character spans into articles.text.",
    max_rows_per_article=2000,
    spans=(Span("start_char", "end_char", surface="text"),),
    fields=(
        Column("mention_id", pa.string(), "Stable id: hash of article_id and span.", nullable=False),
        Column("article_id", pa.string(), "Article the mention is in.", nullable=False, references=TO_ARTICLE),
        Column("actor_id", pa.string(), "Canonical actor mentioned.", nullable=False, references=TO_ACTOR),
        Column("start_char", pa.int32(), "0-based start offset into articles.text.", nullable=False, min=0),
        Column("end_char", pa.int32(), "End offset (exclusive).", nullable=False),
        Column("text", pa.string(), "articles.text[start_char:end_char].", nullable=False, example="Putin"),
        Column("mention_kind", pa.string(), "name, short_name, title, demonym, metonym, pronoun, nominal, alias "
               "or location (a place standing for its country as the target of a domestic event).",
               nullable=False, example="short_name", values=MENTION_KINDS),
        _sentence_index("0-based sentence number in the article."),
        PARTITION_DATE,
    ),
)

EVENTS = TableContract(
    name="events",
    grain="one coded event in one article",
    key=("event_id",),
    description="Who did what to whom, when: dyadic events coded in CAMEO and PLOVER with evidence spans.",
    max_rows_per_article=500,
    spans=(Span("start_char", "end_char", contains="trigger_text", contains_severity=WARNING),),
    fields=(
        Column("event_id", pa.string(), "Stable id: hash of article, evidence span, dyad and code.", nullable=False),
        Column("article_id", pa.string(), "Article the event was coded from.", nullable=False,
               references=TO_ARTICLE),
        Column("source_actor_id", pa.string(), "Actor doing the action.", nullable=False, references=TO_ACTOR),
        Column("target_actor_id", pa.string(), "Actor acted upon, or null.", nullable=True, references=TO_ACTOR),
        # An event dated after the run itself is a date-resolution bug: error.
        Column("event_date", pa.date32(),
               "Resolved date of the event (first day of the period if not day precision).",
               nullable=False, example="2017-04-07", dated=Dated()),
        Column("date_precision", pa.string(), "day, week, month or year.", nullable=False, example="day",
               values=DATE_PRECISIONS),
        Column("date_method", pa.string(), "explicit, relative, publication or run_date.", nullable=False,
               example="explicit", values=DATE_METHODS),
        Column("date_text", pa.string(), "The date expression used, or null.", example="April 7"),
        Column("event_code", pa.string(), "CAMEO event code, leading zeros kept.", nullable=False, example="195",
               regex=r"^\d{2,4}$", values=CAMEO_EVENT_CODES),
        Column("event_root_code", pa.string(), "Two-digit CAMEO root code.", nullable=False, example="19",
               regex=r"^(?:0[1-9]|1[0-9]|20)$", prefix_of=("event_code", 2)),
        Column("quad_class", pa.int8(), "1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.",
               nullable=False, example="4", values=QUAD_CLASSES),
        Column("goldstein", pa.float32(), "Goldstein scale weight of the code (-10..10).", nullable=False,
               example="-10.0", min=-10.0, max=10.0),
        Column("plover_type", pa.string(), "PLOVER category mapped from CAMEO, or null.", example="ASSAULT",
               values=PLOVER_TYPES),
        Column("trigger_text", pa.string(), "The verb or noun that triggered the event.", nullable=False,
               example="strike"),
        Column("start_char", pa.int32(), "Start of the evidence span (the clause) in articles.text.",
               nullable=False, min=0),
        Column("end_char", pa.int32(), "End of the evidence span (exclusive).", nullable=False),
        _sentence_index("0-based sentence number in the article."),
        Column("is_alleged", pa.bool_(), "The text reports the event as alleged or claimed.", nullable=False),
        Column("confidence", pa.float32(), "0..1 confidence of the coding.", nullable=False, min=0.0, max=1.0),
        Column("event_key", pa.string(), "Cross-article key: hash of source, target, code and date; the same "
               "real-world event reported by several articles shares it.", nullable=False),
        PARTITION_DATE,
    ),
)

STATEMENTS = TableContract(
    name="statements",
    grain="one quote or reported statement",
    key=("statement_id",),
    description="Direct quotes and reported statements with the speaker resolved to an actor.",
    max_rows_per_article=500,
    spans=(
        Span("start_char", "end_char", surface="quote_text"),
        Span("speaker_start_char", "speaker_end_char", surface="speaker_text", surface_severity=WARNING),
    ),
    fields=(
        Column("statement_id", pa.string(), "Stable id: hash of article and content span.", nullable=False),
        Column("article_id", pa.string(), "Article the statement is in.", nullable=False, references=TO_ARTICLE),
        Column("speaker_actor_id", pa.string(), "Canonical actor who spoke, null when unresolved.", nullable=True,
               references=TO_ACTOR),
        Column("speaker_text", pa.string(), "Speaker as written (may be a pronoun).", example="he"),
        Column("speaker_start_char", pa.int32(), "Start of the speaker mention, or null.", min=0),
        Column("speaker_end_char", pa.int32(), "End of the speaker mention (exclusive), or null."),
        Column("quote_text", pa.string(), "articles.text[start_char:end_char].", nullable=False),
        Column("is_direct", pa.bool_(), "True for a quotation in quotation marks, false for reported speech.",
               nullable=False),
        Column("cue", pa.string(), "The cue verb or phrase (said, stated, added, according to...).", example="said"),
        Column("start_char", pa.int32(), "Start of the quoted content in articles.text.", nullable=False, min=0),
        Column("end_char", pa.int32(), "End of the quoted content (exclusive).", nullable=False),
        # Statement dates fall back to the publication date, which a backfill may legitimately place anywhere
        # relative to the run: warning. Before 1900 is still a resolution bug: error.
        Column("statement_date", pa.date32(), "Date of the statement from the sentence, else publication date.",
               nullable=False, dated=Dated(after_run=WARNING)),
        _sentence_index("0-based sentence number where the statement starts."),
        PARTITION_DATE,
    ),
)

STATEMENT_ACTORS = TableContract(
    name="statement_actors",
    grain="one actor mentioned inside one statement's content",
    key=("statement_id", "mention_id"),
    description="Link table: actors mentioned inside each statement.",
    in_contract=False,
    references=(
        Reference(("statement_id", "article_id"), "statements"),
        Reference(("mention_id", "actor_id", "article_id"), "actor_mentions"),
    ),
    fields=(
        Column("statement_id", pa.string(), "Statement.", nullable=False),
        Column("mention_id", pa.string(), "Mention inside the statement content.", nullable=False),
        Column("actor_id", pa.string(), "Actor mentioned.", nullable=False, references=TO_ACTOR),
        Column("article_id", pa.string(), "Article.", nullable=False, references=TO_ARTICLE),
        PARTITION_DATE,
    ),
)

STATEMENT_EVENTS = TableContract(
    name="statement_events",
    grain="one event coded from the sentence(s) of one statement",
    key=("statement_id", "event_id"),
    description="Link table: events coded inside each statement's sentences.",
    in_contract=False,
    references=(
        Reference(("statement_id", "article_id"), "statements"),
        Reference(("event_id", "article_id"), "events"),
    ),
    fields=(
        Column("statement_id", pa.string(), "Statement.", nullable=False),
        Column("event_id", pa.string(), "Event coded from the same text.", nullable=False),
        Column("article_id", pa.string(), "Article.", nullable=False, references=TO_ARTICLE),
        PARTITION_DATE,
    ),
)

QUALITY_RESULTS = TableContract(
    name="quality_results",
    grain="one expectation evaluated in one validation run",
    key=("run_key", "table_name", "expectation"),
    description="Every data-quality check of every run, with severity and outcome.",
    in_contract=False,
    fields=(
        Column("run_key", pa.string(), "Validation run: partition date plus content fingerprint.", nullable=False),
        Column("table_name", pa.string(), "Table checked.", nullable=False),
        Column("expectation", pa.string(), "Expectation id (type and columns).", nullable=False),
        Column("severity", pa.string(), "error (gates publication) or warning.", nullable=False),
        Column("success", pa.bool_(), "Whether it passed.", nullable=False),
        Column("observed", pa.string(), "Observed value or unexpected count, as JSON text."),
        PARTITION_DATE,
    ),
)

STG_ACTORS = TableContract(
    name="stg_actors",
    grain="one actor as coded in one nightly partition",
    key=("actor_id", "partition_date"),
    fields=ACTORS.fields,
    description="Staging: actor codings per nightly partition; `actors` keeps the best coding of each actor.",
    in_contract=False,
)

#: Tables produced per article shard by the transform step, in load order.
NLP_TABLES = (ACTORS, ACTOR_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS, STATEMENT_EVENTS)
#: Tables the quality gate validates, in validation order.
VALIDATED_TABLES = (ARTICLES, REJECTED_ARTICLES, DUPLICATE_ARTICLES, *NLP_TABLES)
#: Every table the lake and warehouse hold.
ALL_TABLES = (ARTICLES, REJECTED_ARTICLES, DUPLICATE_ARTICLES, *NLP_TABLES, QUALITY_RESULTS)
#: Tables published in snapshots.
SNAPSHOT_TABLES = (ARTICLES, REJECTED_ARTICLES, DUPLICATE_ARTICLES, *NLP_TABLES, QUALITY_RESULTS)
BY_NAME = {t.name: t for t in ALL_TABLES}

# A foreign key naming a table or column that does not exist would silently check nothing: fail on import.
check_references((*ALL_TABLES, STG_ACTORS))


#: The minimum of ../shared/CONTRACT.md: tables other tools read, and the columns each must have at least.
SHARED_CONTRACT_COLUMNS = {
    "articles": ("article_id", "external_id", "source", "url", "title", "published_at", "text"),
    "rejected_articles": ("input_ref", "reason", "rejected_at"),
    "actors": ("actor_id", "name", "actor_type", "country_code", "cameo_code"),
    "actor_mentions": ("mention_id", "article_id", "actor_id", "start_char", "end_char", "text"),
    "events": ("event_id", "article_id", "source_actor_id", "target_actor_id", "event_date", "event_code",
               "event_root_code", "quad_class", "goldstein", "plover_type", "start_char", "end_char"),
    "statements": ("statement_id", "article_id", "speaker_actor_id", "speaker_text", "quote_text", "is_direct",
                   "cue", "start_char", "end_char"),
}

def warehouse_ddl() -> str:
    """The whole warehouse DDL, as checked into warehouse/schema.sql."""
    return render.warehouse_ddl((*ALL_TABLES, STG_ACTORS), SCHEMA_VERSION)


def data_dictionary_markdown() -> str:
    """The data dictionary for consumers, as checked into docs/data-dictionary.md."""
    return render.data_dictionary_markdown(ALL_TABLES, SCHEMA_VERSION, VALIDATED_TABLES)

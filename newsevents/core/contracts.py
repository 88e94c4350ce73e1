"""Table contracts: every table's schema, grain and key, declared once.

The DuckDB DDL (`warehouse/schema.sql`), the Great Expectations suites
(`expectations/`), the data dictionary and the test fixtures are derived from
these declarations. Column descriptions live in the Arrow field metadata so
that they travel with every Parquet file we write.

Contract tables (`articles`, `rejected_articles`, `actors`, `actor_mentions`,
`events`, `statements`) are the ones promised in the shared output contract;
their names and columns never change meaning without a new schema version.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = "1.0.0"

ACTOR_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "IGO", "GROUP")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
DATE_PRECISIONS = ("day", "week", "month", "year")
DATE_METHODS = ("explicit", "relative", "publication", "run_date")
MENTION_KINDS = ("name", "short_name", "title", "demonym", "metonym", "pronoun", "nominal", "alias", "location")


def _f(name: str, type_: pa.DataType, doc: str, *, nullable: bool = True, example: str = "") -> pa.Field:
    meta = {"description": doc}
    if example:
        meta["example"] = example
    return pa.field(name, type_, nullable=nullable, metadata=meta)


PARTITION_DATE = _f(
    "partition_date", pa.date32(),
    "Logical date of the nightly run that produced the row (lake partition).",
    nullable=False, example="2017-04-12",
)


@dataclass(frozen=True)
class TableContract:
    """One table: name, layer, grain (what one row is), key columns and schema."""

    name: str
    grain: str
    key: tuple[str, ...]
    schema: pa.Schema
    description: str
    in_contract: bool = True

    @property
    def columns(self) -> list[str]:
        return self.schema.names

    def empty(self) -> pa.Table:
        """An empty table with this contract's schema."""
        return self.schema.empty_table()

    def from_rows(self, rows: list[dict]) -> pa.Table:
        """Build a table from row dicts, ignoring unknown keys, enforcing types."""
        columns = {name: [row.get(name) for row in rows] for name in self.schema.names}
        return pa.table(columns, schema=self.schema)


ARTICLES = TableContract(
    name="articles",
    grain="one accepted article",
    key=("article_id",),
    description="Accepted news articles with their cleaned text; offsets elsewhere point into `text`.",
    schema=pa.schema([
        _f("article_id", pa.string(), "Stable id: hash of the canonical URL, else of the normalised text.",
           nullable=False, example="a3f9c1d2e4b5a6c7"),
        _f("external_id", pa.string(), "The input record's `id`, verbatim, or null.", example="seed-0001"),
        _f("source", pa.string(), "Publisher or feed name as given by the input.", example="voanews.com"),
        _f("url", pa.string(), "Canonical article URL, or null.", example="https://www.voanews.com/a/123.html"),
        _f("title", pa.string(), "Headline.", example="Russia vetoes UN Security Council resolution"),
        _f("published_at", pa.timestamp("us"), "Publication time in UTC (naive TIMESTAMP holding UTC).",
           example="2017-04-12 20:00:00"),
        _f("text", pa.string(), "Cleaned article body; all character offsets index into it.", nullable=False),
        _f("language", pa.string(), "ISO 639-1 language code detected or given.", example="en"),
        _f("word_count", pa.int32(), "Whitespace-separated words in `text`.", nullable=False, example="412"),
        _f("content_sha256", pa.string(), "SHA-256 of `text` (near-duplicate detection, audit).", nullable=False),
        _f("input_ref", pa.string(), "Where the record came from: file and line, or feed and item.",
           nullable=False, example="landing/seed.jsonl:1"),
        PARTITION_DATE,
    ]),
)

REJECTED_ARTICLES = TableContract(
    name="rejected_articles",
    grain="one rejected input record",
    key=("reject_id",),
    description="Input records that could not become articles, with the reason; nothing is dropped silently.",
    schema=pa.schema([
        _f("reject_id", pa.string(), "Stable id of the rejected record (hash of partition date and input_ref).",
           nullable=False),
        _f("input_ref", pa.string(), "File and line, or feed and item, of the rejected record.", nullable=False,
           example="landing/bad.jsonl:3"),
        _f("reason_code", pa.string(), "Machine-readable reason.", nullable=False, example="empty_text"),
        _f("reason", pa.string(), "Human-readable reason.", nullable=False, example="text is missing or empty"),
        _f("rejected_at", pa.timestamp("us"), "Logical time of the run that rejected it (UTC).", nullable=False),
        _f("raw_excerpt", pa.string(), "First 200 characters of the raw record, for triage."),
        PARTITION_DATE,
    ]),
)

ACTORS = TableContract(
    name="actors",
    grain="one canonical actor",
    key=("actor_id",),
    description="Canonical people, countries, organisations, IGOs and groups, coded with ISO 3166 and CAMEO.",
    schema=pa.schema([
        _f("actor_id", pa.string(), "Stable id: hash of the actor's canonical key; same actor, same id, every run.",
           nullable=False, example="act_5d41402abc4b2a76"),
        _f("canonical_key", pa.string(), "Readable identity the id is derived from.", nullable=False,
           example="person:vladimir putin"),
        _f("name", pa.string(), "Canonical display name.", nullable=False, example="Vladimir Putin"),
        _f("actor_type", pa.string(), "One of PERSON, COUNTRY, ORGANIZATION, IGO, GROUP.", nullable=False,
           example="PERSON"),
        _f("country_code", pa.string(), "ISO 3166-1 alpha-3 country, or null.", example="RUS"),
        _f("role_code", pa.string(), "CAMEO sector/role (GOV, MIL, LEG, JUD, OPP, REB, COP, CVL, ...) or null.",
           example="GOV"),
        _f("cameo_code", pa.string(), "CAMEO-style actor code: country + role, or an IGO code.", example="RUSGOV"),
        _f("coding_confidence", pa.float32(), "0..1 confidence of the country/role coding.", nullable=False,
           example="0.9"),
        _f("coding_evidence", pa.string(), "Which rule, title or dictionary set the coding.",
           example="title:president; demonym:Russian"),
        PARTITION_DATE,
    ]),
)

ACTOR_MENTIONS = TableContract(
    name="actor_mentions",
    grain="one mention of an actor in an article",
    key=("mention_id",),
    description="Every surface mention of an actor, with exact character spans into articles.text.",
    schema=pa.schema([
        _f("mention_id", pa.string(), "Stable id: hash of article_id and span.", nullable=False),
        _f("article_id", pa.string(), "Article the mention is in.", nullable=False),
        _f("actor_id", pa.string(), "Canonical actor mentioned.", nullable=False),
        _f("start_char", pa.int32(), "0-based start offset into articles.text.", nullable=False),
        _f("end_char", pa.int32(), "End offset (exclusive).", nullable=False),
        _f("text", pa.string(), "articles.text[start_char:end_char].", nullable=False, example="Putin"),
        _f("mention_kind", pa.string(), "name, short_name, title, demonym, metonym, pronoun, nominal, alias or "
           "location (a place standing for its country as the target of a domestic event).",
           nullable=False, example="short_name"),
        _f("sentence_index", pa.int32(), "0-based sentence number in the article.", nullable=False),
        PARTITION_DATE,
    ]),
)

EVENTS = TableContract(
    name="events",
    grain="one coded event in one article",
    key=("event_id",),
    description="Who did what to whom, when: dyadic events coded in CAMEO and PLOVER with evidence spans.",
    schema=pa.schema([
        _f("event_id", pa.string(), "Stable id: hash of article, evidence span, dyad and code.", nullable=False),
        _f("article_id", pa.string(), "Article the event was coded from.", nullable=False),
        _f("source_actor_id", pa.string(), "Actor doing the action.", nullable=False),
        _f("target_actor_id", pa.string(), "Actor acted upon, or null.", nullable=True),
        _f("event_date", pa.date32(), "Resolved date of the event (first day of the period if not day precision).",
           nullable=False, example="2017-04-07"),
        _f("date_precision", pa.string(), "day, week, month or year.", nullable=False, example="day"),
        _f("date_method", pa.string(), "explicit, relative, publication or run_date.", nullable=False,
           example="explicit"),
        _f("date_text", pa.string(), "The date expression used, or null.", example="April 7"),
        _f("event_code", pa.string(), "CAMEO event code, leading zeros kept.", nullable=False, example="195"),
        _f("event_root_code", pa.string(), "Two-digit CAMEO root code.", nullable=False, example="19"),
        _f("quad_class", pa.int8(), "1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.",
           nullable=False, example="4"),
        _f("goldstein", pa.float32(), "Goldstein scale weight of the code (-10..10).", nullable=False,
           example="-10.0"),
        _f("plover_type", pa.string(), "PLOVER category mapped from CAMEO, or null.", example="ASSAULT"),
        _f("trigger_text", pa.string(), "The verb or noun that triggered the event.", nullable=False,
           example="strike"),
        _f("start_char", pa.int32(), "Start of the evidence span (the clause) in articles.text.", nullable=False),
        _f("end_char", pa.int32(), "End of the evidence span (exclusive).", nullable=False),
        _f("sentence_index", pa.int32(), "0-based sentence number in the article.", nullable=False),
        _f("is_alleged", pa.bool_(), "The text reports the event as alleged or claimed.", nullable=False),
        _f("confidence", pa.float32(), "0..1 confidence of the coding.", nullable=False),
        _f("event_key", pa.string(), "Cross-article key: hash of source, target, code and date; the same "
           "real-world event reported by several articles shares it.", nullable=False),
        PARTITION_DATE,
    ]),
)

STATEMENTS = TableContract(
    name="statements",
    grain="one quote or reported statement",
    key=("statement_id",),
    description="Direct quotes and reported statements with the speaker resolved to an actor.",
    schema=pa.schema([
        _f("statement_id", pa.string(), "Stable id: hash of article and content span.", nullable=False),
        _f("article_id", pa.string(), "Article the statement is in.", nullable=False),
        _f("speaker_actor_id", pa.string(), "Canonical actor who spoke, null when unresolved.", nullable=True),
        _f("speaker_text", pa.string(), "Speaker as written (may be a pronoun).", example="he"),
        _f("speaker_start_char", pa.int32(), "Start of the speaker mention, or null."),
        _f("speaker_end_char", pa.int32(), "End of the speaker mention (exclusive), or null."),
        _f("quote_text", pa.string(), "articles.text[start_char:end_char].", nullable=False),
        _f("is_direct", pa.bool_(), "True for a quotation in quotation marks, false for reported speech.",
           nullable=False),
        _f("cue", pa.string(), "The cue verb or phrase (said, stated, added, according to...).", example="said"),
        _f("start_char", pa.int32(), "Start of the quoted content in articles.text.", nullable=False),
        _f("end_char", pa.int32(), "End of the quoted content (exclusive).", nullable=False),
        _f("statement_date", pa.date32(), "Date of the statement from the sentence, else publication date.",
           nullable=False),
        _f("sentence_index", pa.int32(), "0-based sentence number where the statement starts.", nullable=False),
        PARTITION_DATE,
    ]),
)

STATEMENT_ACTORS = TableContract(
    name="statement_actors",
    grain="one actor mentioned inside one statement's content",
    key=("statement_id", "mention_id"),
    description="Link table: actors mentioned inside each statement.",
    in_contract=False,
    schema=pa.schema([
        _f("statement_id", pa.string(), "Statement.", nullable=False),
        _f("mention_id", pa.string(), "Mention inside the statement content.", nullable=False),
        _f("actor_id", pa.string(), "Actor mentioned.", nullable=False),
        _f("article_id", pa.string(), "Article.", nullable=False),
        PARTITION_DATE,
    ]),
)

STATEMENT_EVENTS = TableContract(
    name="statement_events",
    grain="one event coded from the sentence(s) of one statement",
    key=("statement_id", "event_id"),
    description="Link table: events coded inside each statement's sentences.",
    in_contract=False,
    schema=pa.schema([
        _f("statement_id", pa.string(), "Statement.", nullable=False),
        _f("event_id", pa.string(), "Event coded from the same text.", nullable=False),
        _f("article_id", pa.string(), "Article.", nullable=False),
        PARTITION_DATE,
    ]),
)

QUALITY_RESULTS = TableContract(
    name="quality_results",
    grain="one expectation evaluated in one validation run",
    key=("run_key", "table_name", "expectation"),
    description="Every data-quality check of every run, with severity and outcome.",
    in_contract=False,
    schema=pa.schema([
        _f("run_key", pa.string(), "Validation run: partition date plus content fingerprint.", nullable=False),
        _f("table_name", pa.string(), "Table checked.", nullable=False),
        _f("expectation", pa.string(), "Expectation id (type and columns).", nullable=False),
        _f("severity", pa.string(), "error (gates publication) or warning.", nullable=False),
        _f("success", pa.bool_(), "Whether it passed.", nullable=False),
        _f("observed", pa.string(), "Observed value or unexpected count, as JSON text."),
        PARTITION_DATE,
    ]),
)

STG_ACTORS = TableContract(
    name="stg_actors",
    grain="one actor as coded in one nightly partition",
    key=("actor_id", "partition_date"),
    schema=ACTORS.schema,
    description="Staging: actor codings per nightly partition; `actors` keeps the best coding of each actor.",
    in_contract=False,
)

#: Tables produced per article shard by the transform step, in load order.
NLP_TABLES = (ACTORS, ACTOR_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS, STATEMENT_EVENTS)
#: Every table the lake and warehouse hold.
ALL_TABLES = (ARTICLES, REJECTED_ARTICLES, *NLP_TABLES, QUALITY_RESULTS)
#: Tables published in snapshots.
SNAPSHOT_TABLES = (ARTICLES, REJECTED_ARTICLES, *NLP_TABLES, QUALITY_RESULTS)
BY_NAME = {t.name: t for t in ALL_TABLES}


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


def duckdb_type(type_: pa.DataType) -> str:
    """DuckDB column type for an Arrow type used in the contracts."""
    mapping = {
        pa.string(): "VARCHAR",
        pa.int8(): "TINYINT",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float32(): "FLOAT",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
        pa.date32(): "DATE",
        pa.timestamp("us"): "TIMESTAMP",
    }
    if type_ not in mapping:
        raise TypeError(f"no DuckDB mapping for {type_}")
    return mapping[type_]


def create_table_sql(contract: TableContract) -> str:
    """CREATE TABLE statement derived from a contract (the warehouse DDL)."""
    lines = []
    for field in contract.schema:
        null = "" if field.nullable else " NOT NULL"
        lines.append(f"    {field.name} {duckdb_type(field.type)}{null}")
    lines.append(f"    PRIMARY KEY ({', '.join(contract.key)})")
    body = ",\n".join(lines)
    return f"-- grain: {contract.grain}\nCREATE TABLE IF NOT EXISTS {contract.name} (\n{body}\n);\n"


def warehouse_ddl() -> str:
    """The whole warehouse DDL, as checked into warehouse/schema.sql."""
    header = (
        "-- Generated from newsevents/core/contracts.py (schema version "
        f"{SCHEMA_VERSION}); do not edit by hand.\n"
        "-- Regenerate with: newsevents ddl > warehouse/schema.sql\n\n"
    )
    return header + "\n".join(create_table_sql(t) for t in (*ALL_TABLES, STG_ACTORS))


def data_dictionary_markdown() -> str:
    """The data dictionary for consumers, generated from the contracts (docs/data-dictionary.md)."""
    out = [
        "# Data dictionary",
        "",
        f"Generated from `newsevents/core/contracts.py` (schema version {SCHEMA_VERSION}); do not edit by hand.",
        "Regenerate with `newsevents dictionary > docs/data-dictionary.md`.",
        "Character offsets are 0-based and end-exclusive into `articles.text`.",
        "",
    ]
    for table in (*ALL_TABLES,):
        out += [f"## `{table.name}`", "", table.description, "",
                f"- grain: {table.grain}",
                f"- key: {', '.join(f'`{k}`' for k in table.key)}",
                f"- in the output contract: {'yes' if table.in_contract else 'no (project extension)'}",
                "", "| column | type | null | meaning | example |", "|---|---|---|---|---|"]
        for field in table.schema:
            meta = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
            allowed = _allowed_values(table.name, field.name)
            meaning = meta.get("description", "") + (f" Allowed: {allowed}." if allowed else "")
            out.append(f"| `{field.name}` | {duckdb_type(field.type)} | {'yes' if field.nullable else 'no'} "
                       f"| {meaning} | {meta.get('example', '')} |")
        out.append("")
    return "\n".join(out)


def _allowed_values(table: str, column: str) -> str:
    sets = {
        "actor_type": ACTOR_TYPES, "plover_type": PLOVER_TYPES, "date_precision": DATE_PRECISIONS,
        "date_method": DATE_METHODS, "mention_kind": MENTION_KINDS,
    }
    if column in sets:
        return ", ".join(sets[column])
    if column == "quad_class":
        return "1, 2, 3, 4"
    if column == "goldstein":
        return "-10.0 to 10.0"
    if column == "event_code":
        return "CAMEO codes listed in newsevents/data/cameo_codes.csv"
    return ""

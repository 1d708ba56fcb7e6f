-- PostgreSQL's form of 009_fact_terms.sql: the facts' search index as a table
-- with a full-text column (FTS5 is SQLite's own). Each fact's concept tokens
-- are made in Python, as on SQLite (lower-case letters, digits and _, split
-- by spaces); `doc` holds them as lexemes exactly as written, so
-- PostgreSQL's own parser and stemmer never rewrite them.
-- A GIN index answers "every one of these tokens" (storage/facts/index.py).

DROP TABLE IF EXISTS facts_search;
CREATE TABLE facts_search (
    rowid BIGINT PRIMARY KEY,
    terms TEXT COLLATE "C" NOT NULL,
    extra TEXT COLLATE "C" NOT NULL,
    doc tsvector GENERATED ALWAYS AS (
        array_to_tsvector(array_remove(regexp_split_to_array(terms || ' ' || extra, '\s+'), ''))
    ) STORED
);
CREATE INDEX facts_search_doc ON facts_search USING gin (doc);
DELETE FROM meta WHERE key = 'facts_index_version';

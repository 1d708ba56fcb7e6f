-- The facts' search index holds concept tokens (storage/fact_terms.py): aliases
-- made one token, amounts written one way, words stemmed, so a question in
-- other words (or in Spanish) meets the same facts. The tokens are made in
-- Python, so the index is filled on start (storage/fact_index.rebuild_if_stale).
-- terms: the concepts of a fact's text; extra: those only its keywords add.

DROP TABLE IF EXISTS facts_search;
CREATE VIRTUAL TABLE facts_search USING fts5(
    terms, extra, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
DELETE FROM meta WHERE key = 'facts_index_version';

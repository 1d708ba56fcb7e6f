-- A fact's Spanish text (issue 20): what /fact answers a Spanish question with first,
-- before the English quote and its source. A column of the fact's version, not a table
-- of its own: the text belongs to one version (an edit or a new Spanish text writes a
-- new version, so history keeps both), the rows already read for an answer carry it
-- (no query more for any answer), and a pack's fact compares equal only when its
-- Spanish text is the same too. '' means none yet. Portable SQL.
ALTER TABLE facts ADD COLUMN text_es TEXT NOT NULL DEFAULT '' CHECK (length(text_es) <= 2000);

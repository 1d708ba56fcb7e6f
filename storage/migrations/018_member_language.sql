-- The language a member reads (issue 20): `language` is what they chose with /lang (en, es),
-- `locale` what their platform last said (Discord's interaction locale, Slack's users.info
-- locale, e.g. es-419). Notices composed later (reminders, promotions) read these, so a
-- member is told in their own language, not the sender's. Portable SQL.
ALTER TABLE members ADD COLUMN language TEXT;
ALTER TABLE members ADD COLUMN locale TEXT;

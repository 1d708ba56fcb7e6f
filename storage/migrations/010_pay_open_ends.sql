-- Pay as a person reads it: "up to X" has no minimum (pay_min NULL, pay_max
-- set), "from X" no maximum; daily, weekly and monthly pay; and pay_varies
-- for a band spanning several ranges (zones, states, levels). The pay
-- history keeps the flag too.
--
-- SQLite cannot widen a CHECK in place, so job_listings is rebuilt, and with
-- it the two tables that point at it: dropping the old parent first would
-- cascade-delete their rows. The copies are made first, the old tables
-- dropped children first, and renaming the new parent rewrites the
-- children's foreign keys to its name.

CREATE TABLE job_listings_new (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES job_sources(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    company TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    posted_at TEXT,
    description TEXT NOT NULL DEFAULT '',
    pay_min REAL,
    pay_max REAL,
    pay_currency TEXT,
    pay_period TEXT CHECK (pay_period IN ('year', 'month', 'week', 'day', 'hour')),
    pay_kind TEXT CHECK (pay_kind IN ('base', 'total')),
    pay_varies INTEGER NOT NULL DEFAULT 0 CHECK (pay_varies IN (0, 1)),
    is_ai INTEGER NOT NULL DEFAULT 0,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    closed_at TEXT,
    -- 1 while an alert is owed but not yet queued; alerted_at says when it was.
    alert_due INTEGER NOT NULL DEFAULT 0,
    alerted_at TEXT,
    UNIQUE (source_id, external_id)
);
INSERT INTO job_listings_new (
    id, source_id, external_id, company, title, url, posted_at, description, pay_min, pay_max,
    pay_currency, pay_period, pay_kind, is_ai, first_seen_at, last_seen_at, closed_at, alert_due, alerted_at
)
SELECT
    id, source_id, external_id, company, title, url, posted_at, description, pay_min, pay_max,
    pay_currency, pay_period, pay_kind, is_ai, first_seen_at, last_seen_at, closed_at, alert_due, alerted_at
FROM job_listings;

CREATE TABLE job_listing_locations_new (
    listing_id INTEGER NOT NULL REFERENCES job_listings_new(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (listing_id, position)
);
INSERT INTO job_listing_locations_new (listing_id, position, location)
SELECT listing_id, position, location FROM job_listing_locations;

CREATE TABLE job_pay_changes_new (
    id INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES job_listings_new(id) ON DELETE CASCADE,
    changed_at TEXT NOT NULL,
    old_min REAL,
    old_max REAL,
    old_currency TEXT,
    old_period TEXT,
    old_kind TEXT,
    old_varies INTEGER NOT NULL DEFAULT 0,
    new_min REAL,
    new_max REAL,
    new_currency TEXT,
    new_period TEXT,
    new_kind TEXT,
    new_varies INTEGER NOT NULL DEFAULT 0
);
INSERT INTO job_pay_changes_new (
    id, listing_id, changed_at, old_min, old_max, old_currency, old_period, old_kind,
    new_min, new_max, new_currency, new_period, new_kind
)
SELECT
    id, listing_id, changed_at, old_min, old_max, old_currency, old_period, old_kind,
    new_min, new_max, new_currency, new_period, new_kind
FROM job_pay_changes;

DROP TABLE job_pay_changes;
DROP TABLE job_listing_locations;
DROP TABLE job_listings;
ALTER TABLE job_listings_new RENAME TO job_listings;
ALTER TABLE job_listing_locations_new RENAME TO job_listing_locations;
ALTER TABLE job_pay_changes_new RENAME TO job_pay_changes;

CREATE INDEX job_listings_first_seen ON job_listings(first_seen_at);
CREATE INDEX job_listings_alert_due ON job_listings(alert_due) WHERE alert_due = 1;
CREATE INDEX job_pay_changes_listing ON job_pay_changes(listing_id, changed_at);

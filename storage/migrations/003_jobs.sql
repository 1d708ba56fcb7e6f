-- AI job alerts: the boards watched, the listings seen on them (with their
-- locations and pay history), and the channels that asked for alerts.

CREATE TABLE job_sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    company TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 100),
    board_type TEXT NOT NULL,
    board TEXT NOT NULL CHECK (length(board) BETWEEN 1 AND 500),
    base_url TEXT,
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes >= 1),
    max_pages INTEGER NOT NULL DEFAULT 50 CHECK (max_pages >= 1),
    -- Off after /jobs source remove (listings stay for search and stats).
    enabled INTEGER NOT NULL DEFAULT 1,
    -- Listed in picketbot.toml now; synced on every start.
    from_config INTEGER NOT NULL DEFAULT 0,
    added_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    -- The first poll records what is on the board without alerting.
    first_poll_done INTEGER NOT NULL DEFAULT 0,
    last_poll_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    -- Set once the "keeps failing" notice is queued; cleared when the source recovers.
    failure_reported INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT NOT NULL,
    -- Hash of the board's body at the last stored fetch: an unchanged board is not parsed.
    body_hash TEXT
);
CREATE INDEX job_sources_due ON job_sources(next_poll_at) WHERE enabled = 1;

-- ETag / Last-Modified per URL, written in the same transaction as the
-- listings read from that response, so a 304 after a restart never hides
-- listings that were fetched but not stored.
CREATE TABLE job_source_validators (
    source_id INTEGER NOT NULL REFERENCES job_sources(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    PRIMARY KEY (source_id, url)
);

CREATE TABLE job_listings (
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
    pay_period TEXT CHECK (pay_period IN ('year', 'hour')),
    pay_kind TEXT CHECK (pay_kind IN ('base', 'total')),
    is_ai INTEGER NOT NULL DEFAULT 0,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    closed_at TEXT,
    -- 1 while an alert is owed but not yet queued; alerted_at says when it was.
    alert_due INTEGER NOT NULL DEFAULT 0,
    alerted_at TEXT,
    UNIQUE (source_id, external_id)
);
CREATE INDEX job_listings_first_seen ON job_listings(first_seen_at);
CREATE INDEX job_listings_alert_due ON job_listings(alert_due) WHERE alert_due = 1;

CREATE TABLE job_listing_locations (
    listing_id INTEGER NOT NULL REFERENCES job_listings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (listing_id, position)
);

CREATE TABLE job_pay_changes (
    id INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES job_listings(id) ON DELETE CASCADE,
    changed_at TEXT NOT NULL,
    old_min REAL,
    old_max REAL,
    old_currency TEXT,
    old_period TEXT,
    old_kind TEXT,
    new_min REAL,
    new_max REAL,
    new_currency TEXT,
    new_period TEXT,
    new_kind TEXT
);
CREATE INDEX job_pay_changes_listing ON job_pay_changes(listing_id, changed_at);

CREATE TABLE job_subscriptions (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    -- NULL: every company.
    company TEXT COLLATE NOCASE,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX job_subscriptions_one ON job_subscriptions(
    platform, channel_id, coalesce(company, '') COLLATE NOCASE
);

-- Members, the audit log, facts with their history and search index, and the
-- outbox of messages waiting to be delivered.

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Set by /picket forget-me: the row stays so anonymous totals still add up.
    forgotten_at TEXT,
    UNIQUE (platform, platform_user_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    topic TEXT NOT NULL CHECK (topic IN ('pay', 'ai-proposals', 'ai-jobs', 'strike')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    keywords TEXT NOT NULL DEFAULT '',
    source_publication TEXT NOT NULL CHECK (length(source_publication) > 0),
    source_headline TEXT NOT NULL DEFAULT '',
    source_date TEXT NOT NULL,
    source_url TEXT,
    as_of TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    -- An edit or removal closes the version; the current one has superseded_at NULL.
    superseded_at TEXT,
    removed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (key, version)
);
CREATE UNIQUE INDEX facts_one_current ON facts(key) WHERE superseded_at IS NULL;

CREATE TABLE fact_figures (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    per TEXT,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fact_id, position),
    UNIQUE (fact_id, name)
);
CREATE INDEX fact_figures_name ON fact_figures(name);

-- Only current facts are indexed; rowid is facts.id.
CREATE VIRTUAL TABLE facts_search USING fts5(
    text, keywords, headline, topic UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    platform TEXT NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('channel', 'user')),
    target_id TEXT NOT NULL,
    -- Where to post instead when a direct message is refused.
    fallback_channel_id TEXT,
    title TEXT,
    body TEXT NOT NULL,
    footer TEXT,
    -- Makes a notice idempotent: a second enqueue with the same key is ignored.
    dedupe_key TEXT UNIQUE,
    not_before TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    failed_at TEXT
);
CREATE INDEX outbox_pending ON outbox(not_before) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE TABLE outbox_buttons (
    outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    command TEXT NOT NULL,
    style TEXT NOT NULL DEFAULT 'secondary',
    PRIMARY KEY (outbox_id, position)
);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

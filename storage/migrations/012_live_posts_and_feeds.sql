-- Messages the bot posts itself and keeps up to date (live shift posts; job
-- alerts may follow), and private calendar feeds.
--
-- posted_messages: where a sent message landed, under a stable key the feature
-- chose, so an edit can find it after a restart. message_id is Discord's
-- message id or Slack's ts. gone_at: an edit found the message deleted; no
-- more edits are tried.
CREATE TABLE posted_messages (
    key TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    gone_at TEXT
);

-- An outbox row with post_key stores where its message landed under that key;
-- one with edit_of replaces the content of the message stored under that key.
ALTER TABLE outbox ADD COLUMN post_key TEXT;
ALTER TABLE outbox ADD COLUMN edit_of TEXT;
CREATE INDEX outbox_by_post_key ON outbox(post_key) WHERE post_key IS NOT NULL;
CREATE INDEX outbox_by_edit_of ON outbox(edit_of) WHERE edit_of IS NOT NULL;

-- A shift's live posts: one message per channel showing the shift's counts,
-- edited as they change. stale_since: the first change the post does not show
-- yet; last_edit_at: when its last edit was queued (edits are spaced out).
-- retired_at: re-posted in the same channel, so this one is no longer kept up.
CREATE TABLE shift_posts (
    id INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    post_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    stale_since TEXT,
    last_edit_at TEXT,
    retired_at TEXT
);
CREATE INDEX shift_posts_by_shift ON shift_posts(shift_id) WHERE retired_at IS NULL;
CREATE INDEX shift_posts_stale ON shift_posts(stale_since) WHERE stale_since IS NOT NULL;

-- Calendar feeds: a private URL a phone calendar subscribes to. Only a hash of
-- the URL's token is kept, so a copy of the database gives no working URL.
-- A feed is a member's (their confirmed shifts) or a site's (all its shifts).
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    member_id INTEGER REFERENCES members(id),
    site_id INTEGER REFERENCES sites(id),
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((member_id IS NULL) != (site_id IS NULL))
);
CREATE INDEX calendar_feeds_by_member ON calendar_feeds(member_id) WHERE revoked_at IS NULL;
CREATE INDEX calendar_feeds_by_site ON calendar_feeds(site_id) WHERE revoked_at IS NULL;

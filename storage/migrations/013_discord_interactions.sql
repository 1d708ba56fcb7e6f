-- Discord interactions received over HTTP (the Interactions Endpoint URL), by
-- Discord's interaction id, so a replayed signed request never runs a command
-- twice. A row is kept until the request's signature goes stale (the
-- five-minute window); after that the signature check alone refuses a replay.
-- Shared by every instance on the database: the primary key lets exactly one
-- of them claim an interaction. Plain portable SQL (text ids and instants).
CREATE TABLE discord_interactions (
    id TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX discord_interactions_by_expiry ON discord_interactions(expires_at);

-- Slack HTTP requests already seen (a hash of the raw body), so a replayed
-- request or a Slack retry never runs a command twice. A row is kept until its
-- request's signature goes stale (the five-minute window); after that the
-- signature check alone refuses a replay. Shared by every instance on the
-- database: the primary key lets exactly one of them claim a request.
CREATE TABLE slack_requests (
    key TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX slack_requests_by_expiry ON slack_requests(expires_at);

-- One member on several chat accounts (/link). A linked person's accounts each
-- have a row here pointing at the one member row that holds their records; the
-- primary account (the one that gave the code) is the member row's own account,
-- and notices go to it. An account with no row here is its own member, as before.
--
-- role / role_seen_at: the role the account's platform gave it when it last ran
-- a command, so the higher role of a person's accounts can count on each.
CREATE TABLE member_links (
    platform TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id),
    display_name TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    role TEXT NOT NULL CHECK (role IN ('member', 'captain', 'organizer')),
    role_seen_at TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (platform, platform_user_id)
);
CREATE INDEX member_links_by_member ON member_links(member_id);

-- One-time codes /link gives: only a hash is kept; a code works once, before it expires.
CREATE TABLE link_codes (
    code_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    platform TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'captain', 'organizer')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX link_codes_by_account ON link_codes(platform, platform_user_id);

-- Codes typed that linked nothing, kept for a while to slow guessing.
CREATE TABLE link_attempts (
    platform TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX link_attempts_by_account ON link_attempts(platform, platform_user_id, at);
CREATE INDEX link_attempts_at ON link_attempts(at);

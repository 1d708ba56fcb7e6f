-- Picket scheduling: sites, shifts, sign-ups (with waitlist), check-ins, reminders sent.

CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    address TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    -- The channel the site was announced in: where notices go when a DM is refused.
    platform TEXT,
    channel_id TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    closed_at TEXT,
    closed_reason TEXT
);

CREATE TABLE shifts (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    -- Instants in UTC; local_* keep the wall-clock definition in the site's zone.
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    local_start TEXT NOT NULL,
    local_end TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    captains_needed INTEGER NOT NULL DEFAULT 0 CHECK (captains_needed >= 0),
    notes TEXT NOT NULL DEFAULT '',
    -- Shifts created by one recurring /picket shift add share a series id.
    series_id INTEGER,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    cancelled_at TEXT,
    cancel_reason TEXT,
    CHECK (ends_at > starts_at)
);
CREATE INDEX shifts_by_start ON shifts(starts_at);
CREATE INDEX shifts_by_site ON shifts(site_id, starts_at);

CREATE TABLE signups (
    id INTEGER PRIMARY KEY,  -- also the first-come order of the waitlist
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL CHECK (role IN ('member', 'captain')),
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One live sign-up per member per shift; cancelled ones stay as history.
CREATE UNIQUE INDEX signups_one_live ON signups(shift_id, member_id) WHERE status != 'cancelled';
CREATE INDEX signups_by_shift ON signups(shift_id, status, id);
CREATE INDEX signups_by_member ON signups(member_id, status);

CREATE TABLE checkins (
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    status TEXT NOT NULL CHECK (status IN ('present', 'no-show', 'walk-in')),
    checked_in_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    PRIMARY KEY (shift_id, member_id)
);
CREATE INDEX checkins_by_member ON checkins(member_id);

-- Each reminder is queued once: (shift, member, offset) is remembered here.
CREATE TABLE reminders_sent (
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    offset_minutes INTEGER NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (shift_id, member_id, offset_minutes)
);

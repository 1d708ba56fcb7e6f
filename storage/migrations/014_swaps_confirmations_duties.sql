-- Shift swaps, confirming a place, and strike duties other than picketing (issue 19, items 1, 4, 5).
-- Portable SQL: standard column types, no SQLite-only functions.

-- A site's swap policy: 'open' (a swap takes effect when taken) or 'approve' (a captain approves it).
ALTER TABLE sites ADD COLUMN swaps TEXT NOT NULL DEFAULT 'open' CHECK (swaps IN ('open', 'approve'));

-- What a shift is: 'picket', or a duty named in [picket.duties] ('phone-bank', 'kitchen', ...).
ALTER TABLE shifts ADD COLUMN kind TEXT NOT NULL DEFAULT 'picket';

-- promoted_at: the place came from the waitlist then; it must be confirmed within
-- [picket] promotion_confirm_minutes or it moves on to the next in line.
-- confirmed_at: the member said they are coming ("I'm coming", /picket confirm).
ALTER TABLE signups ADD COLUMN promoted_at TEXT;
ALTER TABLE signups ADD COLUMN confirmed_at TEXT;
CREATE INDEX signups_awaiting_confirmation ON signups(promoted_at)
    WHERE status = 'confirmed' AND promoted_at IS NOT NULL AND confirmed_at IS NULL;

-- A duty's hours count once a captain confirms them: a captain's own record of the check-in,
-- or a confirmation made after the member checked themself in (confirmed_at >= checked_in_at).
ALTER TABLE checkins ADD COLUMN confirmed_by INTEGER REFERENCES members(id) ON DELETE SET NULL;
ALTER TABLE checkins ADD COLUMN confirmed_at TEXT;

-- A member's confirmed place offered to another member. The offerer keeps the place until
-- someone takes it (status 'taken'), so it is never empty and never over capacity.
-- 'pending': taken at a site whose swaps need a captain's approval; still the offerer's.
-- At the deadline an offer still open or pending goes to the waitlist ('waitlist'), or,
-- with nobody waiting, lapses and the place stays the offerer's ('expired').
-- 'withdrawn': the offerer (or a captain) took it back; 'void': the offerer's place
-- ended some other way (cancelled, the shift called off).
CREATE TABLE swap_offers (
    id INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    signup_id INTEGER NOT NULL REFERENCES signups(id),
    offered_by INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL CHECK (role IN ('member', 'captain')),
    status TEXT NOT NULL
        CHECK (status IN ('open', 'pending', 'taken', 'waitlist', 'expired', 'withdrawn', 'void')),
    deadline TEXT NOT NULL,
    taker_id INTEGER REFERENCES members(id),
    taker_role TEXT CHECK (taker_role IN ('member', 'captain')),
    created_at TEXT NOT NULL,
    requested_at TEXT,
    settled_at TEXT,
    settled_by INTEGER REFERENCES members(id) ON DELETE SET NULL
);
-- One live offer per place.
CREATE UNIQUE INDEX swap_offers_one_live ON swap_offers(signup_id) WHERE status IN ('open', 'pending');
CREATE INDEX swap_offers_live ON swap_offers(deadline) WHERE status IN ('open', 'pending');
CREATE INDEX swap_offers_by_shift ON swap_offers(shift_id, status);

-- Places from the waitlist that moved on because they were not confirmed in time: so a late
-- "I'm coming" is told why the place is gone.
CREATE TABLE promotion_lapses (
    signup_id INTEGER PRIMARY KEY REFERENCES signups(id),
    lapsed_at TEXT NOT NULL
);

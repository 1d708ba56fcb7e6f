-- Check-in that proves presence (issue 19 item 6).
--
-- checkin_code_keys: a shift's secret, made when a captain first shows its
-- check-in code; the code itself is derived from it and the current few
-- minutes, so nothing rotates in the database and an old code simply stops
-- matching.
CREATE TABLE checkin_code_keys (
    shift_id INTEGER PRIMARY KEY REFERENCES shifts(id),
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- When a member who checked in left before the end (/picket checkout).
ALTER TABLE checkins ADD COLUMN checked_out_at TEXT;

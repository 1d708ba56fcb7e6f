-- A captain's ask (/picket ask) that a member checked in at one shift under way go to another
-- (issue 19 item 2). The member may then check in at the asked shift without a place on it:
-- that check-in also checks them out of the shift they came from (hours stop there), and
-- marks the ask used (moved_at). Portable SQL.
CREATE TABLE move_asks (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    from_shift_id INTEGER NOT NULL REFERENCES shifts(id),
    to_shift_id INTEGER NOT NULL REFERENCES shifts(id),
    asked_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    asked_at TEXT NOT NULL,
    moved_at TEXT
);
CREATE INDEX move_asks_pending ON move_asks(member_id, to_shift_id) WHERE moved_at IS NULL;

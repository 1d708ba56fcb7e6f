-- A shift's counts (confirmed, captains, waitlisted) come from this index alone.
-- Before, it ended in id, so counting confirmed captains read every confirmed
-- sign-up's row for its role: half the time of loading a full shift. Rows keep
-- their first-come order by id among equals (every index ends in the rowid).
DROP INDEX signups_by_shift;
CREATE INDEX signups_by_shift ON signups(shift_id, status, role);

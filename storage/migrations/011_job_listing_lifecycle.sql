-- Listings change and close (issue 14).
--
-- A board that shows pay only on a listing's detail page is re-read when the
-- list's update time for the listing changes, else on a schedule:
-- detail_fetched_at is when its detail was last read, detail_updated_at the
-- board's update time as of that read (opaque text; NULL where the board
-- gives none). Rows read before this had their detail read when last seen.
ALTER TABLE job_listings ADD COLUMN detail_fetched_at TEXT;
ALTER TABLE job_listings ADD COLUMN detail_updated_at TEXT;
UPDATE job_listings SET detail_fetched_at = last_seen_at WHERE description != '';

-- A listing closes after it is missing from two complete polls in a row:
-- missing_polls counts them (a failed or truncated poll neither counts nor
-- resets it; seeing the listing resets it).
ALTER TABLE job_listings ADD COLUMN missing_polls INTEGER NOT NULL DEFAULT 0;

-- Whether the stored body_hash is of a complete board (not stopped by
-- max_pages): an unchanged answer then counts as a complete poll too.
ALTER TABLE job_sources ADD COLUMN body_complete INTEGER NOT NULL DEFAULT 0;

-- Which alert message carried which listing, so the alert can be edited
-- when the listing closes.
CREATE TABLE job_alert_messages (
    outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    listing_id INTEGER NOT NULL REFERENCES job_listings(id) ON DELETE CASCADE,
    PRIMARY KEY (outbox_id, listing_id)
);
CREATE INDEX job_alert_messages_listing ON job_alert_messages(listing_id);

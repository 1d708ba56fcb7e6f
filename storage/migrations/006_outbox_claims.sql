-- Two processes on one database (a rolling deploy, a mistake) must not both
-- send a message or both run the reminder scheduler and the job poller.
--
-- Outbox claims: a delivering process writes its claim (`claimed_by`, one
-- token per claimed batch) and how long it holds the message (`lease_until`,
-- UTC ISO text with microseconds, so it compares as text). Messages pending
-- when this migration runs have no claim and are delivered as before.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;

-- Named leases between processes: 'leader' is held by the process that runs
-- the reminders and the job poller; the others wait as standbys.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    acquired_at TEXT NOT NULL
);

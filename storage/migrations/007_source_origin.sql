-- Who wrote a job source's details: the operator's configuration file
-- ('config') or an organizer in chat ('chat'). A chat-written source may only
-- reach public addresses, so anything unknown counts as 'chat'. Unlike
-- from_config ("listed in the file now"), this follows the details: a config
-- source re-added in chat with new details is 'chat' until the next start
-- writes the file's details back.
ALTER TABLE job_sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'chat' CHECK (origin IN ('config', 'chat'));
UPDATE job_sources SET origin = 'config' WHERE from_config = 1;
-- last_error used to hold the whole message, the board's URL included; it is
-- shown in chat, so now it holds only a short kind. Older text is replaced
-- (the next poll writes the real kind).
UPDATE job_sources SET last_error = 'failed' WHERE last_error IS NOT NULL;

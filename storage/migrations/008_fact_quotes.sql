-- Facts carry the source's own sentence(s) stating them, and remember which
-- versions came from the built-in pack, so a corrected release of the pack
-- can replace (or withdraw) a built-in fact no organizer has changed.

ALTER TABLE facts ADD COLUMN quote TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN builtin INTEGER NOT NULL DEFAULT 0;

-- Before this migration the built-in pack was only ever seeded as version 1,
-- with no author; organizers' edits and imports made later versions.
UPDATE facts SET builtin = 1
WHERE created_by IS NULL AND version = 1 AND key IN (
    'netflix-ml-platform-pm-pay', 'netflix-declined-comment', 'netflix-ai-job-ad-wording',
    'netflix-technical-director-ai-games-pay', 'netflix-research-scientist-pay',
    'netflix-engineering-manager-ml-pay', 'disney-senior-ai-engineer-posting',
    'secret-invasion-ai-intro', 'netflix-ml-platform-subscribers',
    'netflix-generative-ai-mobile-game', 'netflix-deep-fake-love', 'netflix-magenta-green-screen',
    'ai-pay-competition-openai', 'james-earl-jones-ai-voice', 'sag-aftra-members-under-26k',
    'health-insurance-threshold', 'delaney-ghoulish-quote', 'background-day-rate',
    'streaming-residuals', 'amptp-likeness-consent-proposal', 'sag-aftra-groundbreaking-reply',
    'amptp-200-likeness-buyout', 'extras-replicated-forever-200', 'scan-one-day-rate',
    'actors-likeness-demands', 'ai-no-writing-credit', 'joint-strike-first-in-60-years',
    'wga-strike-since-may', 'unions-demands-talks-stalled', 'amptp-members',
    'writers-react-to-listing'
);

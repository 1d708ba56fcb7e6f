"""bot.jobs.fetch."""

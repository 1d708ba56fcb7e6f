"""bot.jobs.pay."""

"""bot.facts."""

"""bot.adapters.slack."""

"""bot.adapters.discord."""

"""bot.adapters.console."""

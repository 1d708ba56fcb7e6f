"""bot.picket."""

"""commands.facts."""

"""storage.facts."""

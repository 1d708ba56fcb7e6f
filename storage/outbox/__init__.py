"""storage.outbox."""

"""The outbox: messages that are not a direct reply, written in the change's own transaction and claimed with a lease to be sent once."""

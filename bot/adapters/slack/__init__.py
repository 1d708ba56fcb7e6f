"""Slack (slack-bolt): Socket Mode and HTTP mode (the signature and replay checks in `http`), Block Kit rendering, roles and the outbox sender."""

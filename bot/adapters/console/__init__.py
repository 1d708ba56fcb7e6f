"""The console: the whole bot in a terminal or behind a pipe, no tokens needed."""

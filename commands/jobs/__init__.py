"""commands.jobs."""

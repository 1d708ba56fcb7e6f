"""Platform adapters: turn Discord, Slack and console events into command calls."""

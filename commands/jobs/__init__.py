"""The /jobs commands: AI listings, search, stats, alert subscriptions and the boards watched."""

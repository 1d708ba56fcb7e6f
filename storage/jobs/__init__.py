"""Job boards in the database: sources, listings seen (with pay changes), queries, and channel subscriptions."""

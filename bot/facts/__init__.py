"""The facts feature's background side: measuring how often /fact is right (`evaluation`)."""

"""The /fact and /pay commands: answering questions with sourced facts, and what an amount means for members."""

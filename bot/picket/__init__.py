"""Picket scheduling's background side: reminders (one timer at the next due reminder) and the hours and shift exports."""

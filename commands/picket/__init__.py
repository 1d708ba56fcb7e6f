"""The /picket commands: sites, shifts, sign-ups, check-in, hours and calendars; the words of refusals and notices."""

"""commands.picket."""

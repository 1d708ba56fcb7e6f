"""storage.picket."""

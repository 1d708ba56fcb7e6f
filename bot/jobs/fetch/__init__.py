"""Fetching job boards politely and safely: the HTTP client (`http`), which addresses a source may reach (`addresses`, `sessions`)."""

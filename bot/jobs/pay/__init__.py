"""Pay extraction: an advertised pay band read from a board's fields (`fields`) or its prose (`prose`).

`figures` scans money figures (one linear pass, no regex), `currencies`
knows how they are written, `clauses`, `periods` and `cues` read the words
around a figure, and `range` holds the band and the sizes believable per
period and currency.
"""

"""Pay extraction: reading an advertised pay range from a board's fields (`fields`) or its prose (`figures`, `prose`), and what sizes are believable (`range`)."""

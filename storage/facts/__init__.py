"""Facts: versioned facts with sources and quotes (`store`), the pack format (`pack`), and the search index (`terms`, `lexicon`, `index`)."""

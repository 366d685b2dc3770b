"""Places: from a name as an article writes it to coordinates with an honest precision."""

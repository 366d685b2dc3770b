"""Events reported in news articles, each with the claims behind it."""

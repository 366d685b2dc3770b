"""Events reported in news articles, each with its claims and their sourcing."""

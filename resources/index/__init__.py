"""The growth index frameworks (dimensions, indicators, directions, weights)."""

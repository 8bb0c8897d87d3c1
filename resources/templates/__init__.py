"""Report templates a bureau may replace with its own (slides)."""

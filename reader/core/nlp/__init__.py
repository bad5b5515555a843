"""Per-article language analysis: entities, time expressions, quotes."""

"""complaints models (office schema)."""

"""duty models (office schema)."""

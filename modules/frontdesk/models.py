"""frontdesk models (office schema)."""

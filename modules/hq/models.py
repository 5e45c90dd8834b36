"""Head-office models (hq schema). The complaint center's cases arrive only through tenants/bridge.py."""

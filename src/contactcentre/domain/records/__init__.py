"""Keeping the centre's records: backups, restore and passphrase changes (retention and
subject access will live here too)."""

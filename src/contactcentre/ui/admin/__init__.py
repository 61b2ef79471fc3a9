"""Running the centre: its details and settings, the audit trail, the settings dialog
(lock, backups, restore, passphrase) and the About box."""

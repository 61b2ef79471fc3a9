"""The centre's team: accounts (logins and key slots) and, beside them, the volunteer register."""

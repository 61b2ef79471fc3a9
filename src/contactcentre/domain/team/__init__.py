"""The centre's team: accounts (logins and key slots), the volunteer register, reminders
about it, the rota and headcounts."""

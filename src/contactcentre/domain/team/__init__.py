"""The centre's team: the volunteer register, reminders about it, the rota and headcounts."""

"""The team's screens: the volunteer register and the rota."""

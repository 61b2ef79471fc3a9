"""A demo centre of fictional families and their sessions, so a newcomer can look around."""

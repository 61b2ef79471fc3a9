"""The Today screen's answers: the next session and what needs the coordinator."""

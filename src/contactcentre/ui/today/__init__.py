"""The Today screen: the next session and what needs the coordinator."""

"""Safeguarding screens: incidents (recorded from the session-day board too), the
risk-of-harm disclosure, exclusion, and the complaints log."""

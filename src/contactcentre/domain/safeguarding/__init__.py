"""Safeguarding: the referral risk screening and its recommended level, the risk
statement, incidents and concerns with their sign-off, and the complaints log.

It sits below the register and bookings in the domain's order, so that accepting and
booking a family can ask it whether supported contact is blocked."""

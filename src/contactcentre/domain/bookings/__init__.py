"""Sessions and bookings: the calendar of sessions, booking and cancelling, the staggered
handover plan, and the append-only attendance log."""

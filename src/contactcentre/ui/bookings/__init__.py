"""The calendar screen, booking and cancelling dialogs, the handover timeline, and a
family's Bookings tab."""

"""The session-day board with its family cards and event history, and paper entry of a
sign-in sheet."""

"""Supervised contact's screens: the family editor's Observations tab, the record
editor with its age-banded prompts, and the report dialog (issue 18)."""

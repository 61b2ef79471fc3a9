"""Keeping only what the centre may (issue 20): the personal-data registry, retention
rules, legal holds, destruction with its log, and subject access."""

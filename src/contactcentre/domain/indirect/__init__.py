"""Indirect contact: the item log (letters, cards, gifts, photos passed on through the
centre), the rules it follows (rules.py), and the confidential addresses it needs."""

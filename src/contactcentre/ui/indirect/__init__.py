"""Indirect contact: the family's Items tab and its dialogs."""

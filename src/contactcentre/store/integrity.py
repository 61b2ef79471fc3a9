"""Integrity checks of an open store."""

from __future__ import annotations

from contactcentre.store.engine import Store


def problems(store: Store, *, quick: bool = False) -> list[str]:
    """What SQLite and SQLCipher find wrong; an empty list means healthy."""
    found: list[str] = []
    check = "quick_check" if quick else "integrity_check"
    for (line,) in store.pragma(check):
        if line != "ok":
            found.append(str(line))
    if not quick:
        found += [str(row[0]) for row in store.pragma("cipher_integrity_check")]
        found += [f"foreign key: {row}" for row in store.pragma("foreign_key_check")]
    return found

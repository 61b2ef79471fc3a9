"""Integrity checks of an open store."""

from __future__ import annotations

from sqlalchemy import exc

from contactcentre.store.causes import working_error
from contactcentre.store.engine import Store


def _rows(store: Store, pragma: str) -> list[str]:
    """The pragma's report lines; a page too damaged to read is itself a problem to report."""
    try:
        return [str(row[0]) if len(row) == 1 else str(row) for row in store.pragma(pragma)]
    except exc.DatabaseError as error:
        known = working_error(error, store.path)  # busy, a full disk: not damage
        if known is not None:
            raise known from error
        return [f"{pragma}: {getattr(error, 'orig', error)}"]


def problems(store: Store, *, quick: bool = False) -> list[str]:
    """What SQLite and SQLCipher find wrong; an empty list means healthy."""
    found: list[str] = []
    if not quick:
        # First: it names the damaged pages, and still runs when SQLite cannot read them.
        found += _rows(store, "cipher_integrity_check")
    check = "quick_check" if quick else "integrity_check"
    found += [line for line in _rows(store, check) if line != "ok"]
    if not quick:
        found += [f"foreign key: {line}" for line in _rows(store, "foreign_key_check")]
    return found

"""Damage a centre database the way a failing disk does, but where the records still read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from contactcentre.store.db_file import PAGE_SIZE
from contactcentre.store.engine import Store

# Only read when the audit trail is filtered by family: every screen still loads without it.
SPARE_INDEX = "ix_audit_entry_family_id"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_spare_index(path: Path, passphrase: str) -> int:
    """Flip one bit in the first page of SPARE_INDEX of the closed database; its page number.

    SQLCipher's HMAC makes the whole page unreadable, so the unlock quick check reports it,
    while the tables of families, people and sessions are untouched.
    """
    store = Store.open(path, passphrase)
    try:
        with store.engine.connect() as conn:
            page = int(
                conn.execute(
                    text("SELECT rootpage FROM sqlite_master WHERE name = :name"),
                    {"name": SPARE_INDEX},
                ).scalar_one()
            )
    finally:
        store.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE_SIZE + 100] ^= 0x01
    path.write_bytes(bytes(data))
    return page

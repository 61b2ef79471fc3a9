"""A full disk, simulated: SQLite's max_page_count caps how far the file may grow."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event


def limit_pages(engine: Engine, extra_pages: int) -> None:
    """From now on every connection of `engine` may grow the file by `extra_pages` only."""

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        (pages,) = cursor.execute("PRAGMA page_count").fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
        cursor.close()

    engine.dispose()  # pooled connections were opened without the cap


def limit_backup_pages(monkeypatch: Any, pages: int) -> None:
    """From now on every backup (or restored copy) may hold `pages` pages only: the
    USB stick fills up while it is written."""
    from contactcentre.store import backup

    real = backup.attach

    def capped(conn: Any, file: str, passphrase: str) -> None:
        real(conn, file, passphrase)
        conn.execute(f"PRAGMA b.max_page_count = {pages}")

    monkeypatch.setattr(backup, "attach", capped)

"""A test-only store on plain (unencrypted) SQLite, for P5's side-by-side comparison.

It has the same pool, the same pragmas (less SQLCipher's own) and the same schema as the
product's engine; the product never makes one of these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, create_engine, event
from sqlalchemy.pool import QueuePool

from contactcentre.store import migrations
from contactcentre.store.engine import PRAGMAS, Store


def create_plain_store(path: Path) -> Store:
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in PRAGMAS:
            if "cipher" not in pragma:
                cursor.execute(pragma)
        cursor.close()

    migrations.upgrade(engine)
    return Store(path, engine)

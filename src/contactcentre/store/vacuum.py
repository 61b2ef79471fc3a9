"""Making deleted data unrecoverable from the database file, after a destruction.

`secure_delete` (engine.PRAGMAS) overwrites the pages rows are deleted from; VACUUM then
rebuilds the file without free pages, and the checkpoint empties the -wal file of the
pages that held them. VACUUM cannot run inside a transaction, so this is a whole-file
operation on a connection of its own, after the destroying unit of work has committed."""

from __future__ import annotations

from contactcentre.store.engine import Store


def vacuum(store: Store) -> None:
    connection = store.engine.raw_connection()  # autocommit: see engine._configure
    try:
        cursor = connection.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        cursor.close()
    finally:
        connection.close()

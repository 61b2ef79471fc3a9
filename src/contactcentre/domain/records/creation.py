"""A new centre: its database and its details, all at once or not at all."""

from __future__ import annotations

from pathlib import Path

from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.store.engine import Store


def new_centre(path: Path, passphrase: str, details: CentreDetails) -> Store:
    """Create the centre's database with its details, open. A crash part-way leaves no
    database, never one without its details (see Store.create)."""

    def fill(store: Store) -> None:
        with store.session() as s:
            create_centre(s, details)

    return Store.create(path, passphrase, fill)

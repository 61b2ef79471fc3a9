"""A new centre: its database and its details, all at once or not at all."""

from __future__ import annotations

from pathlib import Path

from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.store import unlocking
from contactcentre.store.engine import Store


def new_centre(
    path: Path, passphrase: str, details: CentreDetails, coordinator: str | None = None
) -> Store:
    """Create the centre's database with its details, open as its first coordinator
    (`coordinator`, else the details' coordinator's name, else "Coordinator"), whose
    passphrase this is. A crash part-way leaves no database, never one without its details
    (see Store.create)."""
    name = (coordinator or "").strip() or details.coordinator_name.strip()

    def fill(store: Store) -> None:
        with store.session() as s:
            create_centre(s, details)

    return unlocking.create(path, name or unlocking.FIRST_COORDINATOR, passphrase, fill)

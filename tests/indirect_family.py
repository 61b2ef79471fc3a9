"""A family with indirect contact for the item tests: Sarah Jones (resident parent, a
confidential address) and Mark Jones (visiting parent, his own address), child Lily."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, FamilyStatus, ItemKind, Role
from tests.factories import add_family

SARAH_ADDRESS = "12 Elm Street\nLeeds LS6 2AB"
MARK_ADDRESS = "ZqMarkHomeQz\n99 Secret Road\nWakefield WF1 9ZZ"
RECEIVED = date(2027, 3, 10)
TODAY = date(2027, 3, 13)


@dataclass(frozen=True)
class IndirectFamily:
    id: int
    sarah: int  # resident parent
    mark: int  # non-resident parent
    gran: int  # relative who comes with Mark


def indirect_family(store: Store, ref: str = "F-0001", **kw: object) -> IndirectFamily:
    people = [
        PersonForm(Role.resident_parent, "Sarah", "Jones", phone="0113 496 0001",
                   address=SARAH_ADDRESS, address_confidential=True),
        PersonForm(Role.non_resident_parent, "Mark", "Jones", phone="0113 496 0002",
                   address=MARK_ADDRESS, address_confidential=True),
        PersonForm(Role.relative, "Joan", "Jones", phone="0113 496 0003",
                   comes_with="non_resident_parent"),
        PersonForm(Role.child, "Lily", "Jones", date_of_birth=date(2019, 5, 1)),
    ]  # fmt: skip
    options: dict[str, object] = {
        "contact_type": ContactType.indirect,
        "status": FamilyStatus.active,
        "people": people,
    }
    family_id = add_family(store, ref, **(options | kw))
    with store.session() as s:
        ids = [p.id or 0 for p in arrangement.adults(s, family_id)]
    return IndirectFamily(family_id, *ids)


def log(store: Store, f: IndirectFamily, *, sender: int | None = None, to: int | None = None,
        description: str = "Birthday card", kind: ItemKind = ItemKind.card) -> int:  # fmt: skip
    """Log an item (Mark to Sarah unless told), returning its id."""
    with store.session() as s:
        item = items.log_item(
            s, f.id, from_id=sender or f.mark, to_id=to or f.sarah, kind=kind,
            received=RECEIVED, description=description, today=TODAY,
        )  # fmt: skip
        assert item.id is not None
        return item.id

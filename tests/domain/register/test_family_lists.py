"""The pick-lists of families (booking, letters, filters) show reference and children."""

from __future__ import annotations

from datetime import date

from contactcentre.domain.register.families import end_family
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.register.family_lists import family_choices, register_rows
from contactcentre.domain.vocabulary import OPEN_STATUSES
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, FamilyStatus, Role
from tests.factories import add_family


def test_pick_lists_name_the_children_and_leave_out_what_was_asked(store: Store) -> None:
    add_family(store, "F-0001")  # supported, child Lily
    closed = add_family(store, "F-0002")
    add_family(store, "F-0003", contact_type=ContactType.supervised, people=[])
    with store.session() as s:
        end_family(
            s,
            closed,
            FamilyStatus.closed,
            reason="Contact moved elsewhere",
            on=date(2027, 3, 2),
            decided_by="Ann",
            today=date(2027, 3, 2),
        )

    with store.session() as s:
        everyone = family_choices(s)
        still_open = family_choices(s, statuses=OPEN_STATUSES)
        supported = family_choices(s, contact_types={ContactType.supported})

    assert [c.label for c in everyone] == [
        "F-0001 — Lily",
        "F-0002 — Lily",
        "F-0003 — no children named",
    ]
    assert [c.ref for c in still_open] == ["F-0001", "F-0003"]
    assert [c.ref for c in supported] == ["F-0001", "F-0002"]


def test_a_list_of_the_first_few_of_very_many_families_names_only_those_asked_for(
    store: Store,
) -> None:
    """Today lists the first ten, by reference, of all the families it found (thousands, in
    a big register): only ever families asked for."""
    asked = [add_family(store, ref) for ref in ("F-0004", "F-0002", "F-0003")]
    add_family(store, "F-0001")  # not asked for
    unknown = range(10_000, 50_000)
    with store.session() as s:
        shown = family_choices(s, ids=[*unknown, *asked], limit=2)
        none = family_choices(s, ids=[])
    assert [c.label for c in shown] == ["F-0002 — Lily", "F-0003 — Lily"]
    assert none == []


def test_the_register_lists_by_reference_and_each_family_is_found_by_its_own_people(
    store: Store,
) -> None:
    """Entered out of order, one with nobody named yet: the register still lists them by
    reference, and a name finds only the family it belongs to."""
    add_family(store, "F-0003")
    add_family(store, "F-0002", people=[])
    add_family(
        store,
        "F-0001",
        people=[
            PersonForm(Role.non_resident_parent, "Łukasz", "Nowak", phone="0113 496 0003"),
            PersonForm(Role.child, "Zoë", "Nowak", date_of_birth=date(2020, 2, 1)),
        ],
    )
    with store.session() as s:
        rows = register_rows(s)
    assert [(row.ref, row.children) for row in rows] == [
        ("F-0001", "Zoë"),
        ("F-0002", ""),
        ("F-0003", "Lily"),
    ]
    assert [row.ref for row in rows if "zoe" in row.haystack] == ["F-0001"]
    assert [row.ref for row in rows if "lukasz nowak" in row.haystack] == ["F-0001"]
    assert [row.ref for row in rows if "sarah jones" in row.haystack] == ["F-0003"]

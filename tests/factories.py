"""Building realistic families for tests through the public domain paths."""

from __future__ import annotations

from datetime import date

from contactcentre.domain.register import FamilyForm, PersonForm, save_family
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, FamilyStatus, Role


def family_form(ref: str = "", **overrides: object) -> FamilyForm:
    form = FamilyForm(
        ref=ref,
        contact_type=ContactType.supported,
        status=FamilyStatus.referred,
        referral_date=date(2027, 1, 10),
        referrer_name="Dana Scully",
        referrer_organisation="Cafcass",
        people=[
            PersonForm(Role.resident_parent, "Sarah", "Jones", phone="0113 496 0001"),
            PersonForm(Role.non_resident_parent, "Mark", "Jones", phone="0113 496 0002"),
            PersonForm(Role.child, "Lily", "Jones", date_of_birth=date(2019, 5, 1)),
        ],
    )
    for key, value in overrides.items():
        setattr(form, key, value)
    return form


def add_family(
    store: Store, ref: str = "F-0001", today: date = date(2027, 3, 1), **kw: object
) -> int:
    with store.session() as s:
        family = save_family(s, family_form(ref, **kw), today=today)
        assert family.id is not None
        return family.id

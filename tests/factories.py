"""Building realistic families for tests through the public domain paths."""

from __future__ import annotations

from datetime import date, time

from sqlmodel import Session

from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Booking,
    ContactSession,
    ContactType,
    FamilyStatus,
    Role,
)


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


def make_ready(store: Store, family_id: int, on: date = date(2027, 3, 1)) -> None:
    """Pre-visit and on-screen signature for every adult: the family is ready for contact."""
    from sqlmodel import select

    from contactcentre.domain.agreements.readiness import record_pre_visit
    from contactcentre.domain.agreements.signing import sign_on_screen
    from contactcentre.domain.vocabulary import ADULT_ROLES
    from contactcentre.store.models import Person

    with store.session() as s:
        adults = [
            p
            for p in s.exec(select(Person).where(Person.family_id == family_id))
            if p.role in ADULT_ROLES
        ]
        for person in adults:
            assert person.id is not None
            record_pre_visit(s, person.id, on)
            sign_on_screen(s, person.id, [[(0.1, 0.5), (0.4, 0.2), (0.8, 0.6)]], on)


def ready_family(store: Store, ref: str = "F-0001", **kw: object) -> int:
    family_id = add_family(store, ref, **kw)
    make_ready(store, family_id)
    return family_id


def add_booking(s: Session, family_id: int, day: date = date(2027, 3, 13)) -> int:
    """A 10:00-12:00 session for four families on `day`, with `family_id` booked into it
    directly (no readiness checks), in the caller's transaction. Returns the booking's id."""
    session = ContactSession(day=day, start=time(10), end=time(12), capacity=4)
    s.add(session)
    s.flush()
    booking = Booking(session_id=session.id, family_id=family_id)
    s.add(booking)
    s.flush()
    assert booking.id is not None
    return booking.id

"""The data for a printed sign-in sheet: named adults and planned times, and the team on
duty (names, who leads, the lead's phone), nothing else.

What the sheet may show is decided here by construction: the dataclasses have no field
for addresses, notes, referral or court details, and children appear by first name.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from contactcentre.documents.data import SheetAdult, SheetFamily, SheetTeam, SigninSheet
from contactcentre.domain import audit, forms
from contactcentre.domain.bookings.plans import active_bookings, planned_times
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound
from contactcentre.domain.register import relatives
from contactcentre.domain.session_day.welcome_desk import session_for
from contactcentre.domain.team.rota import team_on_duty
from contactcentre.domain.vocabulary import ADULT_ROLES, ROLE_LABELS
from contactcentre.store.models import Family, Person, Role

NOTES_FORM = "signin_notes.md"


def sheet_notes() -> str:
    return forms.load(NOTES_FORM).body


def signin_sheet(s: Session, day: date) -> SigninSheet:
    session = session_for(s, day)
    if session is None:
        raise NotFound(f"There is no session with bookings on {day:%a %d %b %Y}.")
    families = []
    for booking in active_bookings(s, session.id or 0):
        family = s.get(Family, booking.family_id)
        assert family is not None
        people = list(
            s.exec(
                select(Person).where(col(Person.family_id) == family.id).order_by(col(Person.id))
            )
        )
        adults = []
        for person in people:
            if person.role not in ADULT_ROLES or not person.attends:
                continue
            arrive, leave = planned_times(booking, person)
            label = ROLE_LABELS[person.role]
            if person.role == Role.relative:
                label = f"{label}, {relatives.with_whom(person.comes_with, people)}"
            adults.append(
                SheetAdult(
                    first_name=person.first_name,
                    last_name=person.last_name,
                    role_label=label,
                    planned_arrive=arrive,
                    planned_leave=leave,
                )
            )
        families.append(
            SheetFamily(
                ref=family.ref,
                children_first_names=tuple(p.first_name for p in people if p.role == Role.child),
                adults=tuple(adults),
                dropoff=booking.child_dropoff,
                pickup=booking.child_pickup,
            )
        )
    families.sort(key=lambda f: (f.dropoff is None, f.dropoff, f.ref))
    return SigninSheet(
        centre_name=get_centre(s).name,
        day=day,
        start=session.start,
        end=session.end,
        families=tuple(families),
        notes=sheet_notes(),
        team=SheetTeam(**vars(team_on_duty(s, day))),
    )


def blank_signin_sheet(s: Session) -> SigninSheet:
    return SigninSheet(
        centre_name=get_centre(s).name,
        day=None,
        start=None,
        end=None,
        families=(),
        notes=sheet_notes(),
    )


def record_saved_sheet(s: Session, day: date, pdf: bytes) -> None:
    """Note in the audit trail that the day's sheet was saved, with the SHA-256 of the file
    written (as for letters, agreements and exports). A blank sheet names nobody and is
    not recorded."""
    session = session_for(s, day)
    audit.document_produced(
        s, "signin_sheet", pdf, entity="session", entity_id=session.id if session else None
    )

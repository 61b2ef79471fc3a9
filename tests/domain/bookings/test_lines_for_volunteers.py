"""A volunteer's calendar is built without the typed reasons a coordinator sees."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from contactcentre.domain.bookings.lines import session_bookings
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, BookingStatus, CancelledBy, TeamRole
from contactcentre.store.types import utcnow
from tests.factories import add_booking, add_family

DAY = date(2027, 3, 13)


def test_a_volunteers_lines_have_the_families_and_times_but_no_reasons(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        add_booking(s, family_id, DAY)
        booking = s.exec(select(Booking)).one()
        booking.override_reason = "Court order says contact must start this month"
        booking.status, booking.cancelled_by = BookingStatus.cancelled, CancelledBy.resident
        booking.cancel_reason = "Lily has chickenpox"
    with store.session() as s:
        [coordinators] = session_bookings(s, DAY)
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s:
        [volunteers] = session_bookings(s, DAY)
    assert coordinators.override_reason.startswith("Court order")
    assert coordinators.status == "Cancelled by the resident parent: Lily has chickenpox"
    assert (volunteers.family_ref, volunteers.children) == ("F-0001", "Lily")
    assert volunteers.override_reason == ""
    assert volunteers.status == "Cancelled by the resident parent"

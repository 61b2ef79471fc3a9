"""Who is acting, and when, travel with each unit of work: the audit trail and the `*_by`
fields read them from the store's session, so a test sets both in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register import families as family_register
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, Family
from tests.factories import add_booking, add_family

AT = datetime(2027, 3, 13, 9, 30, tzinfo=UTC)


def test_the_trail_names_the_acting_person_at_the_units_own_time(store: Store) -> None:
    store.act_as("Ann Coordinator", FixedClock(AT).now)
    add_family(store, "F-0001")
    with store.session() as s:
        newest = audit.entries(s, limit=1)[0]
    assert (newest.actor, newest.at) == ("Ann Coordinator", AT)


def test_one_unit_of_work_can_act_as_someone_else(store: Store) -> None:
    store.act_as("Ann Coordinator", FixedClock(AT).now)
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        booking_id = add_booking(s, family_id)
    with store.session(actor="Bea Volunteer") as s:
        event = attendance.record_event(s, booking_id, EventKind.nonresident_arrived, AT)
        assert event.recorded_by == "Bea Volunteer"  # nothing typed: the one acting
    with store.session() as s:
        assert audit.entries(s, limit=1)[0].actor == "Bea Volunteer"


def test_a_change_is_stamped_by_the_injected_clock_not_the_computers(store: Store) -> None:
    clock = FixedClock(AT)
    store.act_as("Ann Coordinator", clock.now)
    add_family(store, "F-0001")
    clock.set(datetime(2027, 4, 1, 12, tzinfo=UTC))
    with store.session() as s:
        form = family_register.load_family_form(s, 1)
        form.notes = "Moved to the Saturday group."
        family_register.save_family(s, form, today=date(2027, 4, 1), family_id=1)
    with store.session() as s:
        family = s.exec(select(Family)).one()
    assert family.updated_at == datetime(2027, 4, 1, 12, tzinfo=UTC)

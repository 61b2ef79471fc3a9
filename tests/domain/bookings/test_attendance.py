"""The attendance log is append-only: corrections supersede, nothing is lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import attendance
from contactcentre.domain.errors import ValidationError
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    AttendanceEvent,
    EventKind,
    EventSource,
    Person,
    Role,
)
from tests.factories import add_booking, add_family


def at(hh: int, mm: int) -> datetime:
    # 13 March 2027 is GMT, so local and UTC agree.
    return datetime(2027, 3, 13, hh, mm, tzinfo=UTC)


@pytest.fixture
def booking_id(store: Store) -> int:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        return add_booking(s, family_id)


def person_id(store: Store, role: Role) -> int:
    with store.session() as s:
        return s.exec(select(Person.id).where(Person.role == role)).one()  # type: ignore[return-value]


def test_a_correction_keeps_the_original_and_the_current_view_shows_the_correction(
    store: Store, booking_id: int
) -> None:
    with store.session() as s:
        first = attendance.record_event(
            s, booking_id, EventKind.nonresident_arrived, at(9, 50), recorded_by="Ann"
        )
        first_id = first.id
    with store.session() as s:
        assert first_id is not None
        attendance.correct_event(
            s, first_id, occurred_at=at(9, 40), why="Typed the wrong time", recorded_by="Bob"
        )
    with store.session() as s:
        every = attendance.history(s, booking_id)
        standing = attendance.current_events(s, booking_id)
    assert [e.occurred_at for e in every] == [at(9, 50), at(9, 40)]
    assert every[1].supersedes_id == first_id
    assert every[1].reason == "Typed the wrong time" and every[1].recorded_by == "Bob"
    assert [e.occurred_at for e in standing] == [at(9, 40)]


def test_withdrawing_an_event_removes_it_from_the_current_view_only(
    store: Store, booking_id: int
) -> None:
    with store.session() as s:
        wrong = attendance.record_event(
            s, booking_id, EventKind.no_show, at(10, 30), reason="Unwell"
        )
        assert wrong.id is not None
        attendance.correct_event(
            s, wrong.id, kind=EventKind.voided, why="Wrong family", recorded_by="Ann"
        )
    with store.session() as s:
        assert attendance.current_events(s, booking_id) == []
        assert len(s.exec(select(AttendanceEvent)).all()) == 2


def test_a_corrected_event_cannot_be_corrected_twice(store: Store, booking_id: int) -> None:
    with store.session() as s:
        event = attendance.record_event(s, booking_id, EventKind.child_dropped_off, at(10, 0))
        assert event.id is not None
        attendance.correct_event(s, event.id, occurred_at=at(10, 2), why="late", recorded_by="A")
        with pytest.raises(attendance.AttendanceError):
            attendance.correct_event(
                s, event.id, occurred_at=at(10, 3), why="again", recorded_by="A"
            )


def test_a_correction_needs_a_reason(store: Store, booking_id: int) -> None:
    with store.session() as s:
        event = attendance.record_event(s, booking_id, EventKind.child_dropped_off, at(10, 0))
        assert event.id is not None
        with pytest.raises(ValidationError):
            attendance.correct_event(s, event.id, occurred_at=at(10, 2), why="  ", recorded_by="A")


def test_the_person_recorded_must_be_named_for_the_family_and_fit_the_event(
    store: Store, booking_id: int
) -> None:
    resident = person_id(store, Role.resident_parent)
    visitor = person_id(store, Role.non_resident_parent)
    with store.session() as s:
        attendance.record_event(
            s, booking_id, EventKind.child_dropped_off, at(10, 0), person_id=resident
        )
        with pytest.raises(ValidationError, match="cannot be recorded"):
            attendance.record_event(
                s, booking_id, EventKind.child_dropped_off, at(10, 0), person_id=visitor
            )
        with pytest.raises(ValidationError, match="not named"):
            attendance.record_event(
                s, booking_id, EventKind.child_collected, at(12, 0), person_id=99999
            )


def test_outcome_reports_the_times_that_stand(store: Store, booking_id: int) -> None:
    with store.session() as s:
        for kind, moment in [
            (EventKind.nonresident_arrived, at(9, 45)),
            (EventKind.child_dropped_off, at(10, 0)),
            (EventKind.child_collected, at(12, 0)),
            (EventKind.nonresident_left, at(12, 15)),
        ]:
            attendance.record_event(s, booking_id, kind, moment, source=EventSource.paper)
        result = attendance.outcome(attendance.history(s, booking_id))
    assert result.attended and not result.no_show
    assert (result.arrived, result.dropped_off, result.collected, result.left) == (
        at(9, 45),
        at(10, 0),
        at(12, 0),
        at(12, 15),
    )

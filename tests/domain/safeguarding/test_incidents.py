"""Incidents: anyone records, a coordinator signs off, then it is locked (addenda only);
an open incident is a legal hold; excluding cancels the future bookings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from contactcentre.documents.risk_of_harm_disclosure import render
from contactcentre.domain.bookings import booking, exclusion
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.disclosure import risk_of_harm
from contactcentre.domain.errors import DomainError
from contactcentre.domain.safeguarding import incidents
from contactcentre.domain.session_day import welcome_desk
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    BookingStatus,
    CancelledBy,
    Family,
    FamilyStatus,
    IncidentCategory,
    Person,
    Role,
    TeamRole,
)
from contactcentre.store.types import utcnow
from tests.factories import add_family, make_ready
from tests.pdf_text import pdf_text

WHEN = datetime(2026, 11, 14, 10, 40, tzinfo=UTC)
FORM = incidents.IncidentForm(
    occurred_at=WHEN,
    category=IncidentCategory.aggression,
    place="Waiting room",
    involved="Non-resident parent",
    seen="Shouted at the resident parent by the door",
    said='"You will not keep her from me"',
    actions="Volunteer stood between them",
)


def record(store: Store, family_id: int, **kw: object) -> int:
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s:
        row = incidents.record_incident(
            s, incidents.IncidentForm(**{**FORM.__dict__, "family_id": family_id, **kw})
        )
        assert row.id is not None
        incident_id = row.id
    store.act_as("Pat Coordinator", utcnow, TeamRole.coordinator)
    return incident_id


def complete_and_sign(store: Store, incident_id: int) -> None:
    with store.session() as s:
        form, _ = incidents.load_incident(s, incident_id)
        incidents.update_incident(
            s,
            incident_id,
            incidents.IncidentForm(
                **{**form.__dict__, "decision": "Exclude Mark", "decision_reasons": "Aggression"}
            ),
        )
        incidents.sign_off(s, incident_id)


def test_a_volunteer_records_a_coordinator_signs_off_and_then_it_is_locked(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    incident_id = record(store, family_id)
    with store.session() as s:
        _, row = incidents.load_incident(s, incident_id)
        assert row.recorded_by == "Sam Volunteer"
        assert family_id in incidents.families_with_open_incidents(s)  # a legal hold
        with pytest.raises(Exception, match="Record the decision"):
            incidents.sign_off(s, incident_id)
    complete_and_sign(store, incident_id)
    with store.session() as s:
        assert incidents.families_with_open_incidents(s) == set()
        with pytest.raises(incidents.Locked, match="add an addendum"):
            incidents.update_incident(s, incident_id, FORM)
        incidents.add_addendum(s, incident_id, "Police log number 123")
    with store.session() as s:
        [added] = incidents.addenda(s, incident_id)
        form, row = incidents.load_incident(s, incident_id)
        assert (added.added_by, form.seen) == ("Pat Coordinator", FORM.seen)
        assert row.signed_off_by == "Pat Coordinator"
        [line] = incidents.incident_lines(s, family_id)
    assert (line.reference, line.signed_off, line.disclosed) == ("INC-0001", True, False)


def test_only_a_signed_off_incident_is_disclosed_and_the_log_says_so(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    incident_id = record(store, family_id)
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    with store.session() as s, pytest.raises(DomainError, match="not signed off"):
        risk_of_harm.draft(s, incident_id, "Leeds Children's Social Care", "Risk to Lily", now=now)
    complete_and_sign(store, incident_id)
    with store.session() as s:
        logged, data = risk_of_harm.disclose(
            s, incident_id, "Leeds Children's Social Care", "Risk to Lily", now=now
        )
    text = pdf_text(render(data))
    assert FORM.seen in text and "You will not keep her from me" in text
    assert "Risk to Lily" in text and logged.reference in text
    with store.session() as s:
        [entry] = disclosure_log.log_entries(s)
        [line] = incidents.incident_lines(s)
    assert entry.outcome.value == "harm" and len(entry.digest) == 64
    assert entry.digest == risk_of_harm.digest(data)
    assert line.disclosed


def test_excluding_the_visiting_parent_cancels_future_bookings_and_warns_the_door(
    store: Store,
) -> None:
    family_id = add_family(store, "F-0001", status=FamilyStatus.active)
    make_ready(store, family_id)
    days = [date(2027, 3, 13), date(2027, 3, 27)]
    with store.session() as s:
        for day in days:
            booking.book(s, family_id, day, today=date(2027, 3, 1))
        mark = s.exec(select(Person).where(Person.role == Role.non_resident_parent)).one()
    incident_id = record(store, family_id)
    now = datetime(2027, 3, 20, 9, tzinfo=UTC)
    with store.session() as s:
        cancelled = exclusion.exclude(
            s,
            family_id,
            reason="Threatened a volunteer",
            today=date(2027, 3, 20),
            now=now,
            person_id=mark.id,
            incident_id=incident_id,
        )
    assert cancelled == [date(2027, 3, 27)]  # the past session is left as it was
    with store.session() as s:
        later = booking.find_booking(s, family_id, date(2027, 3, 27))
        assert (later.status, later.cancelled_by) == (BookingStatus.cancelled, CancelledBy.centre)
        assert later.cancel_reason == "Threatened a volunteer"
        assert booking.find_booking(s, family_id, days[0]).status == BookingStatus.booked
        rows = welcome_desk.board_rows(s, days[0], now)
    [row] = rows
    assert "Do not admit Mark Jones: excluded." in row.door.lines
    [at_door] = welcome_desk.door_check(rows, "mark")
    assert welcome_desk.door_warning(rows, at_door).startswith("Do not admit Mark Jones")
    assert welcome_desk.arrival_to_record(rows, at_door) is None


def test_excluding_the_whole_family_ends_it_as_excluded(store: Store) -> None:
    family_id = add_family(store, "F-0001", status=FamilyStatus.active)
    with store.session() as s:
        exclusion.exclude(
            s,
            family_id,
            reason="Repeated aggression",
            today=date(2027, 3, 20),
            now=datetime(2027, 3, 20, 9, tzinfo=UTC),
        )
    with store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None and family.status == FamilyStatus.excluded
        assert family.closed_by == "Pat Coordinator" or family.closed_by

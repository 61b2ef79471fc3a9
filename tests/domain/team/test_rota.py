"""The rota: who is on duty and who leads, the DBS override and its audit, declared
conflicts with a booked family, the briefing and debrief, and the headcounts."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import select

from contactcentre.domain import permissions
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.team import headcounts, register, rota
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, TeamRole
from contactcentre.store.types import utcnow
from tests.conftest import COORDINATOR
from tests.domain.team.people import add_person
from tests.factories import ready_family

DAY = date(2027, 3, 13)  # a pattern Saturday, 10:00-12:00


def test_the_lead_is_listed_first_and_only_one_person_leads(store: Store) -> None:
    sam = add_person(store, "Sam Jones")
    kim = add_person(store, "Kim Lee", TeamRole.supervisor, phone="07700 900123")
    with store.session() as s:
        rota.put_on_duty(s, DAY, sam, leads=True)
        rota.put_on_duty(s, DAY, kim, leads=True)
    with store.session() as s:
        found = rota.rota_for(s, DAY)
        duty = rota.team_on_duty(s, DAY)
    assert [(p.name, p.leads) for p in found.people] == [("Kim Lee", True), ("Sam Jones", False)]
    assert duty == rota.TeamOnDuty(lead="Kim Lee", lead_phone="07700 900123", others=("Sam Jones",))


def test_an_overdue_dbs_check_needs_a_recorded_reason_which_is_audited(store: Store) -> None:
    late = add_person(store, "Ola Late", dbs_issued_on=date(2024, 3, 12))  # due 12 Mar 2027
    with store.session() as s, pytest.raises(rota.OverrideNeeded) as refused:
        rota.put_on_duty(s, DAY, late)
    assert str(refused.value) == (
        "Ola Late's DBS check was due for renewal on Fri 12 Mar 2027: record why they may be "
        "on duty anyway, or choose someone else."
    )
    with store.session() as s:
        assert rota.rota_for(s, DAY).people == ()
    store.act_as("Pat Coordinator", utcnow, TeamRole.coordinator)
    with store.session() as s:
        entry = rota.put_on_duty(s, DAY, late, override_reason="Renewal applied for on 1 Mar")
        assert (entry.dbs_override_reason, entry.dbs_override_by) == (
            "Renewal applied for on 1 Mar",
            "Pat Coordinator",
        )
    with store.session() as s:
        overrides = s.exec(select(AuditEntry).where(AuditEntry.action == "rota.dbs_override"))
        (audited,) = list(overrides)
        assert audited.actor == "Pat Coordinator"
        assert "Renewal" not in audited.detail
        assert rota.rota_for(s, DAY).people[0].overridden == "Renewal applied for on 1 Mar"


def test_a_volunteer_with_no_dbs_check_cannot_be_put_on_without_a_reason(store: Store) -> None:
    new = add_person(store, "Nia New", dbs_issued_on=None)
    with store.session() as s, pytest.raises(rota.OverrideNeeded, match="no DBS check on record"):
        rota.put_on_duty(s, DAY, new)


def test_a_dbs_check_due_on_the_session_day_still_covers_it(store: Store) -> None:
    due_today = add_person(store, "Dee Today", dbs_issued_on=date(2024, 3, 13))
    with store.session() as s:
        entry = rota.put_on_duty(s, DAY, due_today)
        assert entry.dbs_override_reason == ""


def test_someone_who_has_left_cannot_be_put_on_duty(store: Store) -> None:
    gone = add_person(store, "Aled Gone", left_on=date(2027, 1, 31))
    with store.session() as s, pytest.raises(ValidationError, match="not on the team"):
        rota.put_on_duty(s, DAY, gone)


def test_a_declared_conflict_with_a_booked_family_is_warned_about(store: Store) -> None:
    sam = add_person(store, "Sam Jones")
    kim = add_person(store, "Kim Lee")
    family = ready_family(store, "F-0002")
    with store.session() as s:
        register.declare_conflict(s, sam, family, "Lives next door")
        bookings.book(s, family, DAY, today=date(2027, 3, 1))
        rota.put_on_duty(s, DAY, sam)
        rota.put_on_duty(s, DAY, kim)
    with store.session() as s:
        warnings = rota.rota_for(s, DAY).warnings
    assert warnings == (
        "Sam Jones declared they know F-0002, booked this session: keep them apart or "
        "choose someone else",
    )
    assert "next door" not in " ".join(warnings)


def test_taking_someone_off_and_the_people_still_free(store: Store) -> None:
    sam = add_person(store, "Sam Jones")
    add_person(store, "Kim Lee")
    with store.session() as s:
        rota.put_on_duty(s, DAY, sam)
        # the store's own login (a coordinator) is on the team too
        assert [m.name for m in rota.available(s, DAY)] == ["Kim Lee", COORDINATOR]
        rota.take_off_duty(s, DAY, sam)
        assert [m.name for m in rota.available(s, DAY)] == ["Kim Lee", "Sam Jones", COORDINATOR]


def test_a_volunteer_may_not_change_the_rota_or_read_the_debrief(store: Store) -> None:
    sam = add_person(store, "Sam Jones")
    store.act_as("Sam Jones", utcnow, TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused, match="change the rota"):
        rota.put_on_duty(s, DAY, sam)
    with store.session() as s, pytest.raises(permissions.Refused, match="briefing and debrief"):
        rota.session_notes(s, DAY)


def test_a_supervisor_writes_the_briefing_and_debrief(store: Store) -> None:
    store.act_as("Kim Lee", utcnow, TeamRole.supervisor)
    with store.session() as s:
        rota.save_session_notes(s, DAY, "Room 2 is cold", "All went well")
    with store.session() as s:
        assert rota.session_notes(s, DAY) == rota.SessionNotes(
            "Room 2 is cold", "All went well", "Kim Lee"
        )


def test_headcounts_count_people_active_in_the_period_by_role(store: Store) -> None:
    add_person(store, "Sam Jones", joined_on=date(2026, 1, 1))
    add_person(store, "Aled Gone", joined_on=date(2025, 1, 1), left_on=date(2026, 12, 31))
    add_person(store, "Late Joiner", joined_on=date(2027, 4, 1))
    add_person(store, "Pat Coordinator", TeamRole.coordinator, joined_on=None)
    with store.session() as s:
        counts = headcounts.active_headcount(s, date(2027, 1, 1), date(2027, 3, 31))
    # the coordinator, and the store's own login (no joining date: always counted)
    assert counts == {TeamRole.coordinator: 2, TeamRole.supervisor: 0, TeamRole.volunteer: 1}
    with store.session() as s:
        # The day Aled left still counts him: active until then.
        assert (
            headcounts.active_headcount(s, date(2026, 12, 31), date(2026, 12, 31))[
                TeamRole.volunteer
            ]
            == 2
        )


def test_rota_hours_are_the_session_length_times_the_people_on_duty(store: Store) -> None:
    sam = add_person(store, "Sam Jones")
    kim = add_person(store, "Kim Lee", TeamRole.supervisor)
    with store.session() as s:
        session_calendar.add_extra_session(s, date(2027, 3, 20), time(10), time(11, 30), 2)
        for day in (DAY, date(2027, 3, 20)):
            rota.put_on_duty(s, day, sam)
        rota.put_on_duty(s, DAY, kim)
    with store.session() as s:
        minutes = headcounts.rota_minutes(s, date(2027, 3, 1), date(2027, 3, 31))
    assert minutes == {TeamRole.coordinator: 0, TeamRole.supervisor: 120, TeamRole.volunteer: 210}


def test_a_dbs_check_that_lapses_after_someone_was_put_on_is_warned_about(
    store: Store,
) -> None:
    sam = add_person(store, "Sam Jones", dbs_issued_on=date(2024, 3, 13))
    with store.session() as s:
        rota.put_on_duty(s, DAY, sam)
        register.update_member(
            s,
            sam,
            register.MemberDetails(name="Sam Jones", dbs_issued_on=date(2024, 3, 12)),
        )
    with store.session() as s:
        assert rota.rota_for(s, DAY).warnings == (
            "Sam Jones's DBS check was due for renewal on Fri 12 Mar 2027: no reason is "
            "recorded for them to be on duty",
        )

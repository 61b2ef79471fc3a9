"""The printed sign-in sheet: named adults and planned times, and nothing else."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pypdf
import pytest

from contactcentre.documents.signin_sheet import render_signin_sheet
from contactcentre.domain.bookings import attendance, cancelling, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import plans as session_plans
from contactcentre.domain.bookings.handovers import HandoverPlan
from contactcentre.domain.errors import NotFound
from contactcentre.domain.register.families import end_family
from contactcentre.domain.register.family_forms import PersonForm, RefereeForm
from contactcentre.domain.session_day import signin_sheet
from contactcentre.store.engine import Store
from contactcentre.store.models import CancelledBy, ComesWith, EventKind, FamilyStatus, Role
from tests.canary import plant_markers
from tests.factories import ready_family
from tests.pdf_text import pdf_text

DAY = date(2027, 3, 13)
BOOKED_ON = date(2027, 3, 1)
POLISH = [
    PersonForm(Role.resident_parent, "Zoë", "Łukasiewicz", phone="0113 496 0011"),
    PersonForm(Role.non_resident_parent, "Tomasz", "Łukasiewicz", phone="0113 496 0012"),
    PersonForm(
        Role.relative,
        "Halina",
        "Nowak",
        relationship="grandmother",  # Zoë's mother: she comes with her
        phone="0113 496 0013",
        comes_with=ComesWith.resident_parent,
    ),
    PersonForm(Role.child, "Ania", "Łukasiewicz", date_of_birth=date(2020, 2, 2)),
    PersonForm(Role.child, "Kuba", "Łukasiewicz", date_of_birth=date(2022, 8, 8)),
]


def sheet_pdf(store: Store, day: date | None = DAY) -> bytes:
    with store.session() as s:
        sheet = signin_sheet.signin_sheet(s, day) if day else signin_sheet.blank_signin_sheet(s)
    return render_signin_sheet(sheet)


@pytest.fixture
def planned(store: Store) -> dict[str, HandoverPlan]:
    """Two families booked on DAY (one with a grandmother); a third booked, then cancelled.
    Returns each family's handover plan as it stands once everyone is booked."""
    ids = {}
    for ref, people in [("F-0001", None), ("F-0002", POLISH), ("F-0003", None)]:
        ids[ref] = ready_family(store, ref, **({"people": people} if people else {}))
        with store.session() as s:
            bookings.book(s, ids[ref], DAY, today=BOOKED_ON)
    with store.session() as s:
        cancelling.cancel_booking(
            s,
            ids["F-0003"],
            DAY,
            by=CancelledBy.resident,
            reason="Unwell",
            told_at=datetime(2027, 3, 10, 9, 0, tzinfo=UTC),
        )
        return {ref: session_plans.plan_of(bookings.find_booking(s, ids[ref], DAY)) for ref in ids}


def test_the_sheet_names_each_adult_with_their_planned_times(
    store: Store, planned: dict[str, HandoverPlan]
) -> None:
    pdf = sheet_pdf(store)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = pdf_text(pdf)
    for expected in [
        "Test Contact Centre Sign-in sheet Sat 13 Mar 2027 Session 10:00–12:00",
        "Only the people named for each family may attend",  # forms/signin_notes.md
        "Name Planned in Time in Signature Planned out Time out Signature",
        "Unexpected visitors",
        "Confidential — enter into the register and shred Page 1 of",
    ]:
        assert expected in text
    one, two = planned["F-0001"], planned["F-0002"]
    assert "F-0001 · Children: Lily ·" in text
    assert "F-0002 · Children: Ania, Kuba ·" in text
    for adult, arrive, leave in [
        ("Sarah Jones Resident parent/carer", one.child_dropoff, one.child_pickup),
        ("Mark Jones Non-resident parent", one.nonresident_arrive, one.nonresident_leave),
        ("Zoë Łukasiewicz Resident parent/carer", two.child_dropoff, two.child_pickup),
        ("Tomasz Łukasiewicz Non-resident parent", two.nonresident_arrive, two.nonresident_leave),
        ("Halina Nowak Named relative, comes with Zoë", two.child_dropoff, two.child_pickup),
    ]:
        assert f"{adult} {arrive:%H:%M} {leave:%H:%M}" in text
    assert one.nonresident_arrive != two.nonresident_arrive  # staggered, so the times differ
    assert "F-0003" not in text  # cancelled
    assert text.count("Łukasiewicz") == 2  # the two adults; children by first name only


def test_a_blank_sheet_has_a_date_line_and_rows_to_fill_in_but_no_names(
    store: Store, planned: dict[str, HandoverPlan]
) -> None:
    pdf = sheet_pdf(store, None)
    text = pdf_text(pdf)
    assert "Test Contact Centre Sign-in sheet Date: ____" in text
    assert "Session: ________ to ________" in text
    assert "Family ref Name (first name and surname) Role Time in Signature Time out" in text
    assert "Unexpected visitors" in text
    assert "Confidential — enter into the register and shred" in text
    for name in ("F-0001", "Sarah", "Mark", "Zoë", "Lily", "Sat 13 Mar"):
        assert name not in text


def test_a_session_with_nobody_booked_has_no_sheet(store: Store) -> None:
    with store.session() as s, pytest.raises(NotFound, match="no session with bookings"):
        signin_sheet.signin_sheet(s, DAY)


# --- the canary: no free text in the store ever reaches a sign-in sheet ----------------

# What a sheet may print: the centre's name, family references, people's first names, and
# adults' surnames. Everything else (a child's surname included) is planted with a marker.
PRINTED = {("centre", "name"), ("family", "ref"), ("person", "first_name")}
CHILD_SURNAMES_ONLY = {("person", "last_name"): "role = 'child'"}
# The free text the issue names, so the test cannot pass by planting nothing.
MUST_BE_PLANTED = {
    ("family", "notes"),
    ("family", "referrer_name"),
    ("family", "referrer_organisation"),
    ("family", "referrer_email"),
    ("family", "referrer_reference"),
    ("family", "court_order_description"),
    ("family", "closed_reason"),
    ("person", "last_name"),
    ("person", "address"),
    ("person", "notes"),
    ("person", "needs"),
    ("person", "email"),
    ("person", "relationship"),
    ("referee", "name"),
    ("booking", "notes"),
    ("booking", "cancel_reason"),
    ("booking", "override_reason"),
    ("contact_session", "notes"),
    ("closure", "reason"),
    ("attendance_event", "notes"),
    ("attendance_event", "reason"),
    ("attendance_event", "recorded_by"),
    ("centre", "address"),
    ("centre", "phone"),
    ("centre", "email"),
    ("centre", "charity_number"),
    ("centre", "accreditation_line"),
    ("centre", "coordinator_name"),
}


def test_no_address_note_referral_or_court_detail_reaches_a_sheet(
    store: Store, planned: dict[str, HandoverPlan]
) -> None:
    closed = ready_family(store, "F-0004", referees=[RefereeForm("Ann Referee", phone="")])
    with store.session() as s:
        session_calendar.set_closure(s, date(2027, 7, 10), True, "Hall booked")
        booking = bookings.find_booking(s, planned["F-0001"].family_id, DAY)
        at = datetime(2027, 3, 13, 9, 46, tzinfo=UTC)
        wrong = attendance.record_event(
            s, booking.id or 0, EventKind.nonresident_arrived, at, notes="x", recorded_by="x"
        )
        attendance.correct_event(s, wrong.id or 0, why="x", recorded_by="x", occurred_at=at)
        end_family(
            s,
            closed,
            FamilyStatus.closed,
            reason="x",
            on=BOOKED_ON,
            decided_by="x",
            today=BOOKED_ON,
        )
    planted = plant_markers(store, keep=PRINTED, only_where=CHILD_SURNAMES_ONLY)
    assert set(planted.values()) >= MUST_BE_PLANTED

    text = pdf_text(sheet_pdf(store)) + pdf_text(sheet_pdf(store, None))
    assert "Zoë Łukasiewicz" in text and "Halina Nowak" in text and "Kuba" in text
    assert [marker for marker in planted if marker in text] == []


def test_the_sheet_names_the_team_on_duty_with_only_the_leads_phone(
    store: Store, planned: dict[str, HandoverPlan]
) -> None:
    from contactcentre.domain.team import rota
    from tests.domain.team.people import add_person

    kim = add_person(store, "Kim Lee", phone="07700 900123")
    sam = add_person(store, "Sam Jones", phone="07700 900456")
    with store.session() as s:
        rota.put_on_duty(s, DAY, kim, leads=True)
        rota.put_on_duty(s, DAY, sam)
        rota.save_session_notes(s, DAY, "Briefing: watch the side door", "Debrief: all calm")
    text = pdf_text(sheet_pdf(store))
    assert "Team on duty: Kim Lee leads (07700 900123) · Sam Jones" in text
    assert "900456" not in text  # a volunteer's own number stays off the sheet
    assert "side door" not in text and "all calm" not in text
    assert "Team on duty: ____" in pdf_text(sheet_pdf(store, None))

"""The printed attendance letter: what a recipient reads, and what can never reach it."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime

import pytest

from contactcentre.documents.attendance_letter import render_letter
from contactcentre.documents.data import IssuedLetter
from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.centre import update_centre
from contactcentre.domain.disclosure import letters
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.register.families import end_family
from contactcentre.domain.register.family_forms import RefereeForm
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, DisclosureOutcome, EventKind, FamilyStatus
from tests.canary import plant_markers
from tests.factories import ready_family
from tests.letter_history import ATTENDED, DAYS, OUTCOMES, book_spring, local
from tests.pdf_text import pdf_text

NOW = datetime(2027, 7, 2, 9, 0, tzinfo=UTC)
SPRING = (date(2027, 3, 1), date(2027, 6, 30))


def produce(store: Store, family_id: int, first: date, last: date, **kw: object) -> bytes:
    with store.session() as s:
        produced = letters.produce_letter(s, family_id, first, last, now=NOW, **kw)  # type: ignore[arg-type]
    return render_letter(produced.issued)


@pytest.fixture
def family_id(store: Store) -> int:
    with store.session() as s:
        update_centre(s, coordinator_name="Margaret Ellis", accreditation_line="NACCC accredited")
    family_id = ready_family(store, "F-0001", status=FamilyStatus.active)
    book_spring(store, family_id)
    return family_id


def test_every_session_is_a_row_with_its_outcome_and_the_times_recorded(
    store: Store, family_id: int
) -> None:
    text = pdf_text(produce(store, family_id, *SPRING))
    for day, outcome in OUTCOMES.items():
        if day in ATTENDED:
            arrived, dropped, collected, left = ATTENDED[day]
            times = f"{arrived} {left} {dropped} {collected}"
        else:
            times = "– – – –"
        assert f"{day:%a} {day.day} {day:%b %Y} 10:00–12:00 {outcome} {times}" in text


def test_the_letter_reads_as_a_letter_from_the_centre(store: Store, family_id: int) -> None:
    with store.session() as s:
        produced = letters.produce_letter(s, family_id, *SPRING, now=NOW)
    text = pdf_text(render_letter(produced.issued))
    for expected in [
        "Test Contact Centre NACCC accredited",
        "Registered charity no. 1234567",
        "Dana Scully Cafcass 2 July 2027 Our ref: D-0001",
        "Dear Dana Scully,",
        "Re: family reference F-0001 – Lily, born 01/05/2019",
        "between Mon 1 Mar 2027 and Wed 30 Jun 2027",
        "no observations of the contact are recorded",
        "Yours sincerely, Margaret Ellis Coordinator, Test Contact Centre",
        f"D-0001 · F-0001 · SHA-256 {produced.issued.digest} Page 1 of 1",
    ]:
        assert expected in text


@pytest.mark.parametrize(
    ("recipient", "opening", "closing"),
    [
        ("Ms J Patel, Patel & Co Solicitors\n1 High St", "Dear Ms J Patel,", "Yours sincerely,"),
        ("Leeds City Council\nChildren's Services", "Dear Sir or Madam,", "Yours faithfully,"),
    ],
)
def test_the_letter_opens_with_the_recipients_name_when_a_person_is_named(
    store: Store, family_id: int, recipient: str, opening: str, closing: str
) -> None:
    text = pdf_text(produce(store, family_id, *SPRING, recipient=recipient))
    assert opening in text
    assert f"{closing} Margaret Ellis Coordinator, Test Contact Centre" in text


def test_the_totals_are_printed_and_add_up(store: Store, family_id: int) -> None:
    text = pdf_text(produce(store, family_id, *SPRING))
    labels = (
        "Sessions booked Attended Cancelled by the resident parent Cancelled by the "
        "non-resident parent Cancelled by the centre Did not attend"
    )
    assert f"{labels} 7 3 1 1 1 1" in text


def test_a_family_with_no_sessions_and_no_referrer_gets_a_short_letter(store: Store) -> None:
    family_id = ready_family(store, "F-0002", referrer_name="", referrer_organisation="")
    text = pdf_text(produce(store, family_id, *SPRING))
    assert "To whom it may concern," in text
    assert "was not booked for any contact session" in text
    assert "Sessions booked" not in text


def test_two_years_of_sessions_run_over_pages_with_the_header_repeated(store: Store) -> None:
    family_id = ready_family(store, "F-0003")
    with store.session() as s:
        sessions = session_calendar.sessions_between(s, DAYS[0], date(2029, 3, 1))
        days = [i.day for i in sessions if i.status == "open"]
        for day in days:
            bookings.book(s, family_id, day, today=date(2027, 3, 1))
    text = pdf_text(produce(store, family_id, days[0], days[-1]))
    n = len(days)
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    assert text.count("10:00–12:00") == n > 40
    assert text.count("Date Session Outcome Non-resident parent Child") == 2
    assert f"Not yet held {n} 0 0 0 0 0 8 {n - 8} " in text  # 8 before the letter's date


# --- the canary: no free text in the store ever reaches a letter ------------------------

# Fields a letter states on purpose: the letterhead, the coordinator, the family's
# reference, children's first names, the recipient (the referrer unless one is typed).
STATED = {
    ("centre", "name"),
    ("centre", "address"),
    ("centre", "phone"),
    ("centre", "email"),
    ("centre", "charity_number"),
    ("centre", "accreditation_line"),
    ("centre", "coordinator_name"),
    ("family", "ref"),
    ("disclosure", "recipient"),
}
RECIPIENT = {("family", "referrer_name"), ("family", "referrer_organisation")}


def fill_every_table(store: Store) -> list[int]:
    """Families with every kind of record: the spring history, a self-referral with
    referees, a closed family, a supervised one, closures, corrections, a refusal."""
    main = ready_family(store, "F-0001", status=FamilyStatus.active)
    book_spring(store, main)
    self_referred = ready_family(
        store,
        "F-0002",
        status=FamilyStatus.active,
        referrer_name="",
        referrer_organisation="",
        referees=[RefereeForm(name="Ann Referee", phone="0113 496 0009")],
    )
    closed = ready_family(store, "F-0003", status=FamilyStatus.active)
    ready_family(store, "F-0004", status=FamilyStatus.active, contact_type=ContactType.supervised)
    with store.session() as s:
        session_calendar.set_closure(s, date(2027, 7, 10), True, "Hall booked")
        for family_id in (self_referred, closed):
            bookings.book(s, family_id, DAYS[0], today=date(2027, 3, 1))
        booking = bookings.find_booking(s, self_referred, DAYS[0])
        wrong = attendance.record_event(
            s, booking.id or 0, EventKind.no_show, local(DAYS[0], "10:20"), reason="x", notes="x"
        )
        attendance.correct_event(s, wrong.id or 0, kind=EventKind.voided, why="x", recorded_by="x")
        attendance.record_event(
            s, booking.id or 0, EventKind.child_dropped_off, local(DAYS[0], "10:05")
        )
        end_family(
            s,
            closed,
            FamilyStatus.closed,
            reason="x",
            on=date(2027, 6, 1),
            decided_by="x",
            today=date(2027, 6, 1),
        )
        letters.produce_letter(s, main, *SPRING, now=NOW, requested_by="x")
        disclosure_log.record_refusal(s, main, *SPRING, now=NOW, requested_by="x", reason="x")
    return [main, self_referred, closed]


def test_no_letter_for_any_family_or_period_contains_any_free_text(store: Store) -> None:
    families = fill_every_table(store)
    planted = plant_markers(
        store, keep=STATED, only_where={("person", "first_name"): "role != 'child'"}
    )
    columns = set(planted.values())
    assert {table for table, _ in columns} >= {
        "family",
        "person",
        "referee",
        "status_change",
        "agreement_version",
        "signature",
        "closure",
        "contact_session",
        "booking",
        "attendance_event",
        "disclosure",
    }
    assert {
        ("family", "notes"),
        ("family", "referrer_reference"),
        ("family", "court_order_description"),
        ("person", "first_name"),
        ("person", "last_name"),
        ("person", "address"),
        ("person", "needs"),
        ("booking", "cancel_reason"),
        ("attendance_event", "reason"),
        ("attendance_event", "notes"),
    } <= columns

    def leaked(issued: IssuedLetter) -> set[str]:
        data = json.dumps(dataclasses.asdict(issued), default=str)
        text = pdf_text(render_letter(issued)).replace(" ", "")
        return {m for m in planted if m in data or m in text}

    def referrer(family_id: int) -> set[str]:
        """The markers planted in this family's referrer, who is the default recipient."""
        markers = {f"Qz{t}{c}{family_id}zQ".replace("_", "") for t, c in RECIPIENT}
        assert markers <= planted.keys()
        return markers

    periods = [SPRING, (DAYS[0], DAYS[0]), (date(2026, 1, 1), date(2028, 12, 31))]
    letters_made = 0
    for family_id in families:
        for first, last in periods:
            for recipient in (None, "Ms J Patel, Patel & Co"):
                with store.session() as s:
                    issued = letters.produce_letter(
                        s, family_id, first, last, now=NOW, recipient=recipient
                    ).issued
                allowed = referrer(family_id) if recipient is None else set()
                assert leaked(issued) <= allowed, (family_id, first, last, recipient)
                letters_made += 1
    with store.session() as s:
        entries = [
            e for e in disclosure_log.log_entries(s) if e.outcome == DisclosureOutcome.produced
        ]
        for entry in entries:
            assert leaked(letters.reopen(s, entry.id).issued) <= referrer(entry.family_id)
    assert letters_made == 18 and len(entries) == 19
    # The canary can sing: the default recipient really is the planted referrer.
    with store.session() as s:
        issued = letters.produce_letter(s, families[0], *SPRING, now=NOW).issued
    assert leaked(issued) == referrer(families[0]) != set()

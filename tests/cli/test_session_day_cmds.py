"""The session-day commands' contract: `sheet` and `import-attendance`."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from contactcentre.domain import audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    EventKind,
    EventSource,
    SessionKind,
)
from tests.cli.conftest import Run
from tests.factories import add_family, ready_family
from tests.pdf_text import pdf_text

HEADER = "family_ref,date,status,arrived,left,notes\n"
LONDON = ZoneInfo("Europe/London")


def hhmm(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%H:%M}"


def write_csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_sheet_prints_a_sessions_sign_in_sheet_and_a_blank_one(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    family_id = ready_family(store, "F-0001")
    with store.session() as s:
        bookings.book(s, family_id, date(2027, 3, 13), today=date(2027, 3, 1))

    code, out, _ = cli("sheet", "2027-03-13", "-o", str(tmp_path / "day.pdf"))
    assert code == 0 and "Sat 13 Mar 2027" in out
    text = pdf_text(tmp_path / "day.pdf")
    assert "Sarah Jones Resident parent/carer 10:00 12:00" in text
    assert "Mark Jones Non-resident parent 09:45 12:15" in text

    code, out, _ = cli("sheet", "--blank", "-o", str(tmp_path / "blank.pdf"))
    assert code == 0 and "Blank" in out
    blank = pdf_text(tmp_path / "blank.pdf")
    assert "Date: ____" in blank and "Jones" not in blank and "F-0001" not in blank


def test_sheet_refuses_clearly_on_one_line(cli: Run, store: Store, tmp_path: Path) -> None:
    for args, message in [
        (["-o", str(tmp_path / "x.pdf")], "either a date"),
        (["2027-03-13", "--blank", "-o", str(tmp_path / "x.pdf")], "either a date"),
        (["2027-03-27", "-o", str(tmp_path / "x.pdf")], "no session with bookings"),
        (["--blank", "-o", str(tmp_path / "no" / "such" / "x.pdf")], "Cannot write"),
    ]:
        code, _, err = cli("sheet", *args)
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def sheets_in_trail(store: Store) -> list[tuple[str, int | None, str]]:
    with store.session() as s:
        return [
            (e.entity, e.entity_id, e.detail)
            for e in audit.entries(s)
            if e.action == "document.signin_sheet"
        ]


def test_a_saved_sheet_is_in_the_audit_trail_with_the_files_sha256(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    family_id = ready_family(store, "F-0001")
    with store.session() as s:
        bookings.book(s, family_id, date(2027, 3, 13), today=date(2027, 3, 1))
        session_id = s.exec(select(ContactSession.id)).one()

    assert cli("sheet", "2027-03-13", "-o", str(tmp_path / "no" / "day.pdf"))[0] == 1
    assert sheets_in_trail(store) == []  # nothing written, nothing logged
    assert cli("sheet", "2027-03-13", "-o", str(tmp_path / "day.pdf"))[0] == 0
    assert cli("sheet", "--blank", "-o", str(tmp_path / "blank.pdf"))[0] == 0

    written = hashlib.sha256((tmp_path / "day.pdf").read_bytes()).hexdigest()
    assert sheets_in_trail(store) == [("session", session_id, f"sha256 {written}")]


def test_import_attendance_records_past_sessions_from_a_spreadsheet(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0001")
    add_family(store, "F-0002")
    csv_file = write_csv(
        tmp_path,
        "F-0001,2026-10-10,attended,09:47,12:16,Brought a birthday cake\n"
        "F-0002,2026-10-10,no_show,,,Phoned at 11\n"
        "F-0001,24/10/2026,cancelled_resident,,,\n"
        "F-0002,2026-10-24,cancelled_centre,,,\n"
        "F-0001,2026-10-07,attended,1402,16.05,\n",  # a Wednesday: no session on the pattern
    )
    code, out, err = cli("import-attendance", str(csv_file))
    assert (code, err) == (0, "")
    assert out.strip() == "Imported attendance for 5 bookings (3 past sessions created)"

    with store.session() as s:
        sessions = {x.day: x for x in s.exec(select(ContactSession))}
        assert set(sessions) == {date(2026, 10, 7), date(2026, 10, 10), date(2026, 10, 24)}
        assert {x.kind for x in sessions.values()} == {SessionKind.historical}
        saturday = sessions[date(2026, 10, 10)]
        assert (saturday.start, saturday.end) == (time(10, 0), time(12, 0))  # usual times
        booked = {
            (b.session_id, b.family_id): b
            for b in s.exec(select(Booking).order_by(col(Booking.id)))
        }
        first = booked[(saturday.id, 1)]
        events = attendance.history(s, first.id or 0)
        assert [(e.kind, hhmm(e.occurred_at), e.source) for e in events] == [
            (EventKind.nonresident_arrived, "09:47", EventSource.import_),
            (EventKind.nonresident_left, "12:16", EventSource.import_),
        ]
        assert first.notes == "Brought a birthday cake"
        assert {e.reason for e in events} == {""}  # notes stay internal: never a reason
        missed = booked[(saturday.id, 2)]
        outcome = attendance.outcome(attendance.history(s, missed.id or 0))
        assert outcome.no_show and outcome.reason == ""
        cancelled = [b for b in booked.values() if b.status == BookingStatus.cancelled]
        assert sorted(b.cancelled_by or "" for b in cancelled) == [
            CancelledBy.centre,
            CancelledBy.resident,
        ]
        wednesday = booked[(sessions[date(2026, 10, 7)].id, 1)]
        events = attendance.history(s, wednesday.id or 0)
        assert [hhmm(e.occurred_at) for e in events] == ["14:02", "16:05"]

    code, _, err = cli("import-attendance", str(csv_file))  # the same file again
    assert code == 1 and "row 1: F-0001 already has a booking on 10/10/2026" in err


def test_import_attendance_is_all_or_nothing_with_every_bad_row_named(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0001")
    add_family(store, "F-0002")
    csv_file = write_csv(
        tmp_path,
        "F-0001,2026-10-10,attended,09:47,12:16,\n"  # good
        "F-0009,2026-10-10,attended,09:47,12:16,\n"
        "F-0002,2026-10-10,came,,,\n"
        "F-0002,2026-10-24,attended,09:50,,\n"
        "F-0002,2026-11-14,attended,12:10,10:00,\n"
        "F-0002,2099-01-03,no_show,,,\n"
        "F-0001,2026-10-10,no_show,,,\n"
        "F-0002,2026-10-31,no_show,10:00,,\n"
        "F-0002,2026-11-07,attended,2561,12:00,\n"
        "f-0002,2026-03-29,attended,00:30,01:30,\n",  # the night the clocks went forward
    )
    code, out, err = cli("import-attendance", str(csv_file))
    assert code == 1 and out == ""
    assert "Nothing was imported" in err
    for expected in [
        "row 2: no family with reference 'F-0009'",
        "row 3: status 'came' is not one of attended|no_show|cancelled_resident|"
        "cancelled_non_resident|cancelled_centre",
        "row 4: arrived and left are required when the family attended",
        "row 5: left (10:00) is not after arrived (12:10)",
        "row 6: date 03/01/2099 is in the future",
        "row 7: F-0001 appears twice for 10/10/2026",
        "row 8: arrived and left are only for attended rows, not no_show",
        "row 9: arrived '2561' is not a time of day",
        "row 10: 01:30 did not happen on 29/03/2026: the clocks went forward",
    ]:
        assert expected in err
    assert "row 1:" not in err
    assert "'f-0002'" not in err  # a reference matches whatever its case
    with store.session() as s:
        assert list(s.exec(select(ContactSession))) == []
        assert list(s.exec(select(Booking))) == []


def test_import_attendance_refuses_a_file_without_the_contract_columns(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    path.write_text("family,date,status\nF-0001,2026-10-10,attended\n", encoding="utf-8")
    code, _, err = cli("import-attendance", str(path))
    assert code == 1 and "missing column(s) family_ref, arrived, left, notes" in err


def test_rota_says_who_is_on_duty_and_who_leads_as_text_and_json(cli: Run, store: Store) -> None:
    import json

    from contactcentre.domain.team import rota
    from tests.domain.team.people import add_person

    kim = add_person(store, "Kim Lee", phone="07700 900123")
    sam = add_person(store, "Sam Jones")
    with store.session() as s:
        rota.put_on_duty(s, date(2027, 3, 13), sam)
        rota.put_on_duty(s, date(2027, 3, 13), kim, leads=True)
    code, stdout, _ = cli("rota", "2027-03-13")
    assert code == 0
    assert stdout.splitlines() == [
        "Sat 13 Mar 2027: 2 people on duty",
        "  Kim Lee (volunteer, leads)",
        "  Sam Jones (volunteer)",
    ]
    code, stdout, _ = cli("rota", "2027-03-13", "--json")
    assert json.loads(stdout) == {
        "date": "2027-03-13",
        "on_duty": [
            {"name": "Kim Lee", "role": "volunteer", "leads": True},
            {"name": "Sam Jones", "role": "volunteer", "leads": False},
        ],
        "warnings": [],
    }
    assert "900123" not in stdout

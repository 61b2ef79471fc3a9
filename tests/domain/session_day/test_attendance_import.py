"""Past attendance from a register kept in Excel: the same rules and messages as a CSV."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import attendance
from contactcentre.domain.register.tabular import ImportFailed
from contactcentre.domain.session_day.attendance_import import (
    ATTENDANCE_COLUMNS,
    import_attendance,
)
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, EventKind
from tests.domain.register.test_tabular import workbook
from tests.factories import add_family

TODAY = date(2027, 3, 1)
LONDON = ZoneInfo("Europe/London")


def test_a_workbook_with_typed_dates_and_times_imports_its_attendance(
    store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0001")
    add_family(store, "F-0002")
    path = workbook(
        tmp_path / "register.xlsx",
        ATTENDANCE_COLUMNS,
        ["F-0001", datetime(2026, 10, 10), "attended", time(9, 47), time(12, 16), "Cake"],
        ["F-0002", date(2026, 10, 10), "no_show", None, None, None],
    )
    with store.session() as s:
        summary = import_attendance(s, path, today=TODAY)
        assert (summary.rows, summary.sessions_created) == (2, 1)
        first = s.exec(select(Booking).where(Booking.family_id == 1)).one()
        events = attendance.history(s, first.id or 0)
        assert [(e.kind, f"{e.occurred_at.astimezone(LONDON):%H:%M}") for e in events] == [
            (EventKind.nonresident_arrived, "09:47"),
            (EventKind.nonresident_left, "12:16"),
        ]
        assert first.notes == "Cake"


def test_a_bad_row_in_an_attendance_workbook_is_named_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0001")
    path = workbook(
        tmp_path / "register.xlsx",
        ATTENDANCE_COLUMNS,
        ["F-0001", datetime(2026, 10, 10), "attended", time(9, 47), time(12, 16), None],
        ["F-0001", datetime(2026, 10, 24), "attended", time(12, 16), time(9, 47), None],
    )
    with pytest.raises(ImportFailed) as refused, store.session() as s:
        import_attendance(s, path, today=TODAY)
    assert refused.value.problems == ["row 2: left (09:47) is not after arrived (12:16)"]
    with store.session() as s:
        assert s.exec(select(Booking)).all() == []

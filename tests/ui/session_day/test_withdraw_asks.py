"""Withdrawing an attendance record is asked first, saying what withdrawing means."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.store.models import EventKind
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.session_day.event_history import EventHistoryDialog
from tests.factories import ready_family

DAY = date(2027, 3, 13)


def test_withdraw_asks_first_and_no_keeps_the_record(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=DAY)
        booking_id = bookings.find_booking(s, family_id, DAY).id
        assert booking_id is not None
        at = datetime.combine(DAY, time(9, 20), tzinfo=ctx.clock.tz)
        attendance.record_event(s, booking_id, EventKind.nonresident_arrived, at)
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_parent: object, _title: str, question: str, *, yes: str = "Yes") -> bool:
        asked.append(question)
        return next(answers)

    monkeypatch.setattr(prompts, "confirm", confirm)
    dialog = EventHistoryDialog(ctx, booking_id, "Volunteer")
    qtbot.addWidget(dialog)
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClicks(dialog.why, "recorded for the wrong family")
    withdraw = dialog.findChild(QAbstractButton, "withdrawEvent")
    qtbot.mouseClick(withdraw, Qt.MouseButton.LeftButton)
    assert "It stays in the history as withdrawn" in asked[0] and "09:20" in asked[0]
    assert dialog.table.item(0, 4).text() == "current"

    qtbot.mouseClick(withdraw, Qt.MouseButton.LeftButton)
    with ctx.store.session() as s:
        assert attendance.current_events(s, booking_id) == []

"""On session day a volunteer records an incident from the board; the coordinator
completes it and signs it off on the Incidents tab, after which it is locked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.safeguarding import complaints, incidents
from contactcentre.store.models import TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.safeguarding.dialogs import ResolveComplaintDialog
from contactcentre.ui.safeguarding.incidents_screen import IncidentsScreen
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.factories import ready_family

DAY = date(2027, 3, 13)


def test_a_volunteer_records_an_incident_on_the_board_and_the_coordinator_signs_it_off(
    qtbot: QtBot, ctx: Context, clock: FixedClock, monkeypatch: object
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    clock.set(datetime(2027, 3, 13, 10, 50))
    ctx.store.act_as("Sam Volunteer", clock.now, TeamRole.volunteer)
    board = SessionDayScreen(ctx)
    qtbot.addWidget(board)
    board.refresh()
    dialog = board.open_incident()
    assert dialog.family.findData(family_id) > 0
    dialog.family.setCurrentIndex(dialog.family.findData(family_id))
    dialog.time.setText("10:40")
    qtbot.keyClicks(dialog.place, "Waiting room")
    dialog.seen.setPlainText("Mark shouted at Sarah by the door")
    dialog.said.setPlainText('"You will not keep her from me"')
    assert not dialog.decision.isVisibleTo(dialog)  # the decision is the coordinator's
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and "Incident recorded" in board.sheet_status.text()

    ctx.store.act_as("Pat Coordinator", clock.now, TeamRole.coordinator)
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.table.item(0, 0).text() == "INC-0001"
    assert screen.table.item(0, 1).text() == "Sat 13 Mar 2027 10:40"
    screen.table.selectRow(0)
    assert screen.sign_button.isEnabled() and not screen.disclose_button.isEnabled()
    complete = screen.complete()
    assert complete is not None and complete.place.text() == "Waiting room"
    complete.decision.setText("Warn Mark; exclude if it happens again")
    complete.told["police_told_at"].setText("13/03/2027 10:55")
    qtbot.mouseClick(complete.ok, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)  # type: ignore[attr-defined]
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)
    assert "locked" in screen.status.text()
    screen.table.selectRow(0)
    assert screen.table.item(0, 4).text() == "Yes"
    assert not screen.complete_button.isEnabled() and screen.disclose_button.isEnabled()
    with ctx.store.session() as s:
        _, row = incidents.load_incident(s, 1)
    assert (row.recorded_by, row.signed_off_by) == ("Sam Volunteer", "Pat Coordinator")
    assert row.police_told_at == datetime(2027, 3, 13, 10, 55, tzinfo=UTC)  # GMT in March


def test_a_complaint_logged_on_the_tab_moves_through_its_stages(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    clock.set(datetime(2027, 3, 24, 10, 0))
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    dialog = screen.log_complaint()
    qtbot.keyClicks(dialog.from_whom, "Mrs Evans")
    dialog.about.setPlainText("Waited twenty minutes at the door")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert screen.complaints.item(0, 2).text() == "02/04/2027"  # Easter skipped
    screen.complaints.selectRow(0)
    qtbot.mouseClick(screen.stage_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.acknowledged_button, Qt.MouseButton.LeftButton)
    assert screen.complaints.item(0, 4).text() == "Stage 1 (in writing)"
    assert screen.complaints.item(0, 5).text() == "acknowledged"


def test_resolving_a_complaint_asks_for_its_outcome_and_the_log_shows_it(
    qtbot: QtBot, ctx: Context, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(datetime(2027, 3, 24, 10, 0))
    with ctx.store.session() as s:
        complaints.add_complaint(
            s, received=date(2027, 3, 15), from_whom="Mrs Evans", about="Waited twenty minutes",
            today=date(2027, 3, 24),
        )  # fmt: skip
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    told: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: told.append(message))
    assert screen.resolve_complaint() is None  # nothing chosen yet
    assert told == ["Choose the complaint to resolve first."]
    screen.complaints.selectRow(0)
    qtbot.mouseClick(screen.resolve_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, ResolveComplaintDialog)
    assert dialog.responded.value() == date(2027, 3, 24)  # today, to begin with
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Say what the outcome was." in dialog.message.text()
    dialog.responded.set_value(date(2027, 3, 22))
    dialog.outcome.setPlainText("Upheld: apologised in writing; a second volunteer at the door.")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert screen.complaints.item(0, 5).text() == "responded 22/03/2027"
    assert screen.complaints.item(0, 6).text().startswith("Upheld: apologised in writing")
    with ctx.store.session() as s:
        [line] = complaints.complaints(s)
    assert (line.responded_on, line.status) == (date(2027, 3, 22), "responded")
    assert line.outcome == "Upheld: apologised in writing; a second volunteer at the door."
    assert line.overdue(date(2027, 5, 1)) == []  # answered: never on Today's overdue list

"""Two people take turns on the board: the first locks, the second unlocks as herself, and
the board's "recording as" and the trail name whoever is unlocked, never a typed name."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.team import accounts
from contactcentre.store.models import AttendanceEvent, TeamRole
from contactcentre.store.models.team import TeamMember
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.conftest import COORDINATOR
from tests.factories import add_booking
from tests.ui.conftest import shown_screen

NIA = "nia's own passphrase"


def board(window: MainWindow) -> SessionDayScreen:
    screen = shown_screen(window, SessionDayScreen)
    screen.refresh()
    return screen


def next_step(qtbot: QtBot, window: MainWindow) -> None:
    card = next(iter(board(window).cards.values()))
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)


def test_two_people_take_turns_and_each_is_named_for_what_they_recorded(
    window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    assert window.store is not None
    accounts.add_account(window.store, "Nia Volunteer", TeamRole.volunteer, NIA)
    with window.store.session() as s:
        add_booking(s, 1, clock.today())
    clock.set(datetime(2027, 3, 13, 9, 50))
    assert board(window).volunteer.text() == COORDINATOR
    next_step(qtbot, window)  # the visiting parent arrives, recorded by the coordinator

    window.lock()  # the coordinator hands the laptop over
    assert window.unlock.name.text() == ""
    window.unlock.name.setText("Nia Volunteer")
    window.unlock.passphrase.setText(NIA)
    window.unlock.submit()
    assert window.is_unlocked
    assert board(window).volunteer.text() == "Nia Volunteer"
    clock.set(datetime(2027, 3, 13, 10, 0))
    next_step(qtbot, window)  # the next step, recorded by Nia

    with window.store.session(actor=COORDINATOR) as s:  # the trail is the coordinator's to read
        s.info["role"] = TeamRole.coordinator
        recorded = [e.recorded_by for e in s.exec(select(AttendanceEvent))]
        trail = [(e.actor, e.action) for e in reversed(audit.entries(s))]
        nia = s.exec(select(TeamMember).where(TeamMember.name == "Nia Volunteer")).one()
        assert nia.last_unlock_at == clock.now() - timedelta(minutes=10)  # when she unlocked
    assert recorded == [COORDINATOR, "Nia Volunteer"]
    assert [who for who, action in trail if action == "unlock"][-1] == "Nia Volunteer"
    recorded_by_trail = [who for who, action in trail if action.startswith("attendance")]
    assert recorded_by_trail == [COORDINATOR, "Nia Volunteer"]

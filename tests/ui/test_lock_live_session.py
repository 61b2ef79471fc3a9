"""Locking during a live session hides no alert: the lock screen says that alerts are
waiting (a count and a time only, no names), and unlocking goes back to the board with
"recording as" kept."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.conftest import COORDINATOR, PASSPHRASE
from tests.factories import add_booking

NAMES = ("Sarah", "Mark", "Lily", "Jones", "F-0001")


def board(window: MainWindow) -> SessionDayScreen:
    screen = window.tabs.screen(SessionDayScreen)
    assert screen is not None
    return screen


def unlock(window: MainWindow) -> None:
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.submit()


def lock_screen_text(window: MainWindow) -> str:
    shown = [*window.unlock.findChildren(QLabel), *window.unlock.findChildren(QLineEdit)]
    return "\n".join(w.text() for w in shown)


def test_idle_lock_in_a_live_session_says_alerts_wait_and_unlock_returns_to_the_board(
    window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    assert window.store is not None
    with window.store.session() as s:
        add_booking(s, 1, clock.today())  # F-0001 in today's 10:00-12:00 session
    clock.set(datetime(2027, 3, 13, 10, 20))  # nobody recorded yet: steps are overdue
    screen = board(window)
    window.tabs.bring(screen)
    screen.refresh()
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR
    alerts = sum(len(r.state.alerts) for r in screen.rows)
    assert alerts >= 1
    waiting = "1 alert" if alerts == 1 else f"{alerts} alerts"

    clock.advance(minutes=5, seconds=1)  # no input for the centre's 5 minutes
    window.idle.check()

    assert not window.is_unlocked
    notice = window.unlock.session_notice
    assert notice.isVisibleTo(window.unlock) and notice.timer.isActive()
    assert notice.text().startswith(f"A session is in progress — {waiting} waiting on the board.")
    assert "The next may come due at" in notice.text()
    assert not any(name in lock_screen_text(window) for name in NAMES)

    clock.advance(minutes=40)  # still locked when more steps fall overdue
    notice.timer.timeout.emit()
    assert "More may have come due since" in notice.text()
    assert "unlock to see them" in notice.text()

    unlock(window)
    assert window.is_unlocked and not notice.isVisibleTo(window.unlock)
    assert window.tabs.current_screen() is board(window)
    assert board(window).volunteer.text() == COORDINATOR  # whoever unlocked records
    assert board(window).rows  # the alerts are on the board again


def test_locking_with_no_session_today_shows_no_session_notice(window: MainWindow) -> None:
    window.lock()
    assert not window.unlock.session_notice.isVisibleTo(window.unlock)
    assert window.unlock.session_notice.text() == ""

"""The window is the acting person's: a volunteer's has only the session-day screens, with
no booking, backup or settings actions, and it is rebuilt for whoever unlocks next."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from contactcentre.domain import acting, audit
from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import RegisterScreen
from tests.conftest import PASSPHRASE
from tests.damage import damage_spare_index
from tests.factories import add_family
from tests.ui.conftest import shown_screen

EVERY_SCREEN = [  # the top row fits 1280 pixels: the rest are sub-tabs of Team and Centre
    "Today",
    "Register",
    "Calendar",
    "Session day",
    "Paper entry",
    "Supervised",  # observation records: supervisors and coordinators
    "Team (Volunteers, Rota)",
    "Incidents & complaints",  # coordinators only: a volunteer records from the board
    "Statistics",
    "Centre (Details, Agreement text, Disclosures, Retention, Audit trail)",
]
VOLUNTEER_SCREENS = ["Today", "Calendar", "Session day", "Paper entry"]
# The supervised sessions' records, and counts with no names.
SUPERVISOR_SCREENS = [*VOLUNTEER_SCREENS, "Supervised", "Statistics"]
BOOKING_BUTTONS = [
    "bookButton",
    "bookSeries",
    "bookFamily",
    "cancelBooking",
    "cancelSession",
    "reinstateSession",
    "closeDay",
    "addExtraSession",
    "confirmTimes",
]
UnlockAs = Callable[[MainWindow, str, TeamRole], None]


@pytest.fixture
def unlock_as(monkeypatch: pytest.MonkeyPatch, store: Store) -> UnlockAs:
    """Unlock the window as someone in a role. Until there are logins the window acts as
    the computer's account, a coordinator; here act_as is made to say who unlocked."""
    real = Store.act_as

    def unlock(window: MainWindow, name: str, role: TeamRole) -> None:
        def acting(self: Store, actor: str, now: object, _role: object = None) -> None:
            real(self, name, now, role)  # type: ignore[arg-type]

        monkeypatch.setattr(Store, "act_as", acting)
        window.open_workspace(store if store.is_open else Store.open(store.path, PASSPHRASE))

    return unlock


@pytest.fixture
def locked(qtbot: QtBot, store: Store, clock: FixedClock) -> MainWindow:
    """The main window on the test store, not yet unlocked."""
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    return window


def tab_titles(window: MainWindow) -> list[str]:
    return window.tabs.titles()


def names_in(widget: QWidget) -> set[str]:
    return {child.objectName() for child in widget.findChildren(QWidget)}


def test_a_volunteer_has_the_session_day_screens_and_no_coordinators_actions(
    locked: MainWindow, unlock_as: UnlockAs
) -> None:
    window = locked
    unlock_as(window, "Sam Volunteer", TeamRole.volunteer)
    assert tab_titles(window) == VOLUNTEER_SCREENS
    assert window.settings_action not in window.toolbar.actions()
    assert window.lock_action in window.toolbar.actions()
    assert not window.banner.isVisibleTo(window)  # no "Back up now…": never backed up
    calendar = shown_screen(window, CalendarScreen)
    assert names_in(calendar) & set(BOOKING_BUTTONS) == set()
    assert "sessionBookings" in names_in(calendar)  # the day's families and times are there
    window.lock()


def test_the_window_is_rebuilt_for_whoever_unlocks_next(
    locked: MainWindow, unlock_as: UnlockAs
) -> None:
    window = locked
    unlock_as(window, "Pat Coordinator", TeamRole.coordinator)
    assert tab_titles(window) == EVERY_SCREEN
    assert window.settings_action in window.toolbar.actions()
    assert set(BOOKING_BUTTONS) <= names_in(shown_screen(window, CalendarScreen))
    window.lock()
    unlock_as(window, "Sam Volunteer", TeamRole.volunteer)
    assert tab_titles(window) == VOLUNTEER_SCREENS
    assert window.settings_action not in window.toolbar.actions()
    window.lock()
    unlock_as(window, "Chris Supervisor", TeamRole.supervisor)
    assert tab_titles(window) == SUPERVISOR_SCREENS
    window.lock()
    unlock_as(window, "Pat Coordinator", TeamRole.coordinator)
    assert tab_titles(window) == EVERY_SCREEN
    window.lock()


def test_a_screen_the_domain_refuses_says_who_may_and_the_trail_names_who_tried(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    """Whatever the window built, the domain checks: a coordinator's window left to a
    volunteer shows no register, says why, and the refusal is in the trail."""
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.open_workspace(store)  # a coordinator's window
    store.act_as("Sam Volunteer", clock.now, TeamRole.volunteer)  # then someone else acts
    register = shown_screen(window, RegisterScreen)
    assert window.banner.label.text() == "Only a coordinator can open the register."
    assert register.model.rowCount() == 0
    window.lock()
    other = Store.open(store.path, PASSPHRASE)  # a coordinator reads the trail
    try:
        with other.session() as s:
            refused = [e for e in audit.entries(s) if e.action == "refused"]
    finally:
        other.close()
    assert [(e.actor, e.detail) for e in refused] == [("Sam Volunteer", "see_register (volunteer)")]


def test_a_volunteer_reading_a_damaged_centre_read_only_is_still_the_volunteer(
    locked: MainWindow, store: Store, unlock_as: UnlockAs
) -> None:
    add_family(store, "F-0001")
    store.close()
    damage_spare_index(store.path, PASSPHRASE)
    unlock_as(locked, "Sam Volunteer", TeamRole.volunteer)
    assert locked.store is not None and locked.store.read_only  # reopened read-only
    assert tab_titles(locked) == VOLUNTEER_SCREENS
    with locked.store.session() as s:
        assert (acting.actor(s), acting.role(s)) == ("Sam Volunteer", TeamRole.volunteer)
    locked.lock()

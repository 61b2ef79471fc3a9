"""Unlocking sets who is acting and the centre's own time zone for every screen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre
from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.ui.main_window import MainWindow
from tests.conftest import COORDINATOR


def test_a_centre_abroad_sees_its_own_local_times_and_the_trail_names_the_person(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    with store.session() as s:
        get_centre(s).timezone = "Europe/Dublin"
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.open_workspace(store)
    assert window.ctx is not None
    assert str(window.ctx.clock.tz) == "Europe/Dublin"
    with store.session() as s:
        unlock = next(e for e in audit.entries(s) if e.action == "unlock")
    assert (unlock.action, unlock.actor, unlock.at) == ("unlock", COORDINATOR, clock.now())
    window.lock()

"""What a volunteer's window shows (issue 17): the leak canary's centre and session day,
then every screen a volunteer has, the door check, an event history and the calendar with
a family's booking chosen, read word for word. None of the markers planted in notes,
addresses, referral and court details, typed reasons or phone numbers (bar the day's
contact numbers), nor any screening answer, risk, incident or complaint, may be among
those words: of safeguarding a volunteer sees only the family's door instruction.

The test cannot pass by reading nothing: the family's reference and the child's first
name, which a volunteer needs on the day, must be there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.canary import in_text
from tests.conftest import PASSPHRASE
from tests.proof.test_leak_canary import (
    CANARIES,
    DAY,
    M,
    local,
    record_safeguarding,
    run_the_session_day,
    set_up_centre_and_families,
)
from tests.ui.conftest import (
    no_modal_dialogs,  # noqa: F401  (autouse: no modal hangs)
    shown_screen,
)

# What a volunteer may read on the day, and why; every other marker must not show.
VOLUNTEER_SEES = {
    "centre.name",  # the window's title
    "family.ref (A)",  # the board and calendar go by reference
    "person.first_name (child)",  # children by first name, as on the sign-in sheet
    "person.first_name (B's child, cancelled)",  # the calendar lists B's cancelled booking
    "person.first_name (resident parent)",  # the board and door check name who comes
    "person.last_name (resident parent)",
    "person.first_name (non-resident parent)",
    "person.last_name (non-resident parent)",
    "person.first_name (relative)",
    "person.last_name (relative)",
    "person.relationship (relative)",  # the door check says who a relative is
    "person.needs (child)",  # an allergy or medicine: those caring for the child must know
    "person.phone (resident parent)",  # the day's contact numbers: the board rings them
    "person.phone (non-resident parent)",
    "contact_session.cancel_reason",  # the centre's own reasons for a day, not a family's
    "closure.reason",
    "attendance_event.recorded_by (live)",  # the team's names, who recorded what
    "attendance_event.reason (correction)",  # the team's own log: why a time was put right
    "attendance_event.recorded_by (paper)",
    "safeguarding_plan.door_instruction",  # what the door must act on (issue 19)
}
MUST_SHOW = {
    "family.ref (A)",
    "person.first_name (child)",
    "safeguarding_plan.door_instruction",  # on the card and the door check
}


def every_word(root: QWidget) -> str:
    """Every text the widget and its children hold or would show: labels, buttons, fields,
    tooltips, accessible names, combo items, every cell of every list and table, tabs."""
    parts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        parts += [w.toolTip(), w.accessibleName(), w.accessibleDescription(), w.windowTitle()]
        for name in ("text", "toPlainText", "placeholderText", "title"):
            getter = getattr(w, name, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                parts += [value] if isinstance(value, str) else []
        if isinstance(w, QComboBox):
            parts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            parts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            parts += cells(w.model(), QModelIndex())
    for action in root.findChildren(QAction):
        parts += [action.text(), action.toolTip()]
    return "\n".join(parts)


def cells(model: object, parent: QModelIndex) -> list[str]:
    found: list[str] = []
    rows, columns = model.rowCount(parent), model.columnCount(parent)  # type: ignore[attr-defined]
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column, parent)  # type: ignore[attr-defined]
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if value is not None:
                    found.append(str(value))
            found += cells(model, index)
    return found


def test_a_volunteers_screens_show_no_notes_addresses_referral_details_or_other_phones(
    store: Store,
    clock: FixedClock,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    families = set_up_centre_and_families(store, inputs)
    run_the_session_day(store, families, clock)
    record_safeguarding(store, families)  # an incident, screening, exclusion, complaint
    with store.session() as s:
        booking_a = bookings.find_booking(s, families.a, DAY).id
    assert booking_a is not None
    real = Store.act_as

    def as_volunteer(self: Store, actor: str, now: object, role: object = None) -> None:
        real(self, "Sam Volunteer", now, TeamRole.volunteer)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "act_as", as_volunteer)  # until there are logins
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.show()
    words: dict[str, str] = {}
    for at in ("11:40", "12:20"):  # during the session, and with a collection overdue
        clock.set(local(DAY, at))
        window.open_workspace(store if at == "11:40" else Store.open(store.path, PASSPHRASE))
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(1)
            words[f"{window.tabs.tabText(index)} at {at}"] = every_word(window)
        board = shown_screen(window, SessionDayScreen)
        for name in ("first_name (resident parent)", "first_name (relative)", "Nobody"):
            board.door.setText(M.get(f"person.{name}", name))
            words[f"door check of {name} at {at}"] = every_word(window)
        history = board.show_history(booking_a)
        words[f"event history at {at}"] = every_word(history)
        history.close()
        calendar = shown_screen(window, CalendarScreen)
        calendar.month.setSelectedDate(QDate(DAY))
        for row in range(calendar.table.rowCount()):
            calendar.table.selectRow(row)
            words[f"calendar, booking {row} chosen, at {at}"] = every_word(window)
        window.lock()

    seen = {
        (canary.field, where)
        for where, text in words.items()
        for canary in CANARIES.values()
        if any(in_text(text, needle) for needle in canary.needles)
    }
    leaks = sorted(f"{field} in {where}" for field, where in seen if field not in VOLUNTEER_SEES)
    assert not leaks, "a volunteer's screen shows:\n" + "\n".join(leaks)
    assert {field for field, _ in seen} >= MUST_SHOW, "nothing was read from the screens"

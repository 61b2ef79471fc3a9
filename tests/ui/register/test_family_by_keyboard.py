"""A whole family typed in without the mouse: Tab moves field to field in the order they
are on the screen, no box keeps the Tab key, and the family is then found in the register."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.store.models import Family, Person, Role
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from contactcentre.ui.register.register_screen import RegisterScreen


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def name_of(widget: QWidget) -> str:
    """What a screen reader says for the focused box (a date's text box, its field)."""
    if isinstance(widget, QAbstractButton) and not widget.accessibleName():
        return widget.text()
    while not widget.accessibleName() and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget.accessibleName()


NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot: QtBot, expected: str) -> None:
    press(qtbot, Qt.Key.Key_Tab)
    assert name_of(focused()) == expected


def type_in(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def fill_person(qtbot: QtBot, shortcut: Qt.Key, fields: list[tuple[str, str]]) -> None:
    """Alt+<key> adds the person; then Tab through their fields in screen order."""
    press(qtbot, shortcut, Qt.KeyboardModifier.AltModifier)
    assert name_of(focused()) == "First name"
    for i, (label, text) in enumerate(fields):
        if i:
            tab_to(qtbot, label)
        if text:
            qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_in(qtbot, text)


PERSON = [
    "First name",
    "Last name",
    "Relationship",
    "Date of birth",
    "Needs / allergies",
    "Contact phone",
    "Email",
    "Address",
    "Confidential",
    "Notes",
]


def test_a_whole_family_added_by_keyboard_is_found_in_the_register(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    with qtbot.waitActive(screen):
        screen.show()
        screen.activateWindow()
    screen.refresh()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.editor is not None)  # a button's shortcut clicks it soon
    editor = screen.editor
    assert isinstance(editor, FamilyEditor)
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)

    # The Family tab, top to bottom; multi-line notes hand Tab on instead of keeping it.
    assert name_of(focused()) == "Reference"
    for label in [
        "Contact type",
        "Status",
        "Referral date",
        "Staggered times",
        "Visiting parent arrives early by",
        "Visiting parent stays late by",
        "Coordinator notes",
    ]:
        tab_to(qtbot, label)
    type_in(qtbot, "Referred after a court hearing")
    tab_to(qtbot, "Save")

    resident = ["Joanna", "Kowalczyk-Wisniewska", "Mother", "14/6/1990", "", "0113 496 0101"]
    fill_person(qtbot, Qt.Key.Key_R, list(zip(PERSON, resident, strict=False)))
    visiting = ["Piotr", "Kowalczyk", "Father", "", "", "07911 123456", "", "", "", ""]
    fill_person(qtbot, Qt.Key.Key_N, list(zip(PERSON, visiting, strict=True)))
    tab_to(qtbot, "Save")  # after a person's last field, the Save button
    child = ["Zofia", "Kowalczyk", "Daughter", "28/11/2019", "Peanuts"]
    fill_person(qtbot, Qt.Key.Key_C, list(zip(PERSON, child, strict=False)))
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())

    assert editor.result() == editor.DialogCode.Accepted, editor.summary.text()
    with ctx.store.session() as s:
        family = s.exec(select(Family)).one()
        people = {p.first_name: p for p in s.exec(select(Person)).all()}
    assert family.notes == "Referred after a court hearing"
    assert sorted(people) == ["Joanna", "Piotr", "Zofia"]
    assert str(people["Zofia"].date_of_birth) == "2019-11-28"
    assert people["Zofia"].role == Role.child and people["Zofia"].needs == "Peanuts"
    assert str(people["Joanna"].date_of_birth) == "1990-06-14"

    screen.activateWindow()  # back to the register
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is screen.search
    type_in(qtbot, "zofia")
    assert [row.ref for row in screen.model.shown_rows()] == [family.ref]

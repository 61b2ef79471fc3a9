"""Typing dates as a coordinator does: dd/mm/yyyy, into empty or filled fields, clearing
them, mistakes refused with a message; the calendar opens near a date that makes sense."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.store.models import Family, Person, Role
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family


def type_date(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select what the field shows and type over it, key by key."""
    target = field.focusProxy() or field
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(target, text)
    else:
        qtbot.keyClick(target, Qt.Key.Key_Backspace)


def new_family(qtbot: QtBot, ctx: Context) -> FamilyEditor:
    editor = FamilyEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.add_person(Role.resident_parent)
    qtbot.keyClicks(editor.people_tab.person.widgets["first_name"], "Joanna")
    qtbot.keyClicks(editor.people_tab.person.widgets["last_name"], "Nowak")
    qtbot.keyClicks(editor.people_tab.person.widgets["phone"], "0113 496 0101")
    editor.add_person(Role.child)
    qtbot.keyClicks(editor.people_tab.person.widgets["first_name"], "Lena")
    qtbot.keyClicks(editor.people_tab.person.widgets["last_name"], "Nowak")
    return editor


def save(qtbot: QtBot, editor: FamilyEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_dates_typed_day_first_are_saved_as_typed_in_empty_and_filled_fields(
    qtbot: QtBot, ctx: Context
) -> None:
    editor = new_family(qtbot, ctx)
    type_date(qtbot, editor.case.widgets["referral_date"], "28/11/2026")  # was 13/03/2027
    type_date(qtbot, editor.people_tab.person.widgets["date_of_birth"], "1/2/2027")  # was empty
    save(qtbot, editor)

    assert editor.result() == editor.DialogCode.Accepted
    with ctx.store.session() as s:
        family = s.exec(select(Family)).one()
        lena = s.exec(select(Person).where(Person.first_name == "Lena")).one()
    assert family.referral_date == date(2026, 11, 28)
    assert lena.date_of_birth == date(2027, 2, 1)


def test_a_date_of_birth_can_be_cleared(qtbot: QtBot, ctx: Context) -> None:
    family_id = add_family(ctx.store, "F-0001")  # Lily Jones, born 1 May 2019
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.people_tab.people_list.setCurrentRow(2)
    assert editor.people_tab.person.get("first_name") == "Lily"
    type_date(qtbot, editor.people_tab.person.widgets["date_of_birth"], "")
    save(qtbot, editor)

    assert editor.result() == editor.DialogCode.Accepted
    with ctx.store.session() as s:
        lily = s.exec(select(Person).where(Person.first_name == "Lily")).one()
    assert lily.date_of_birth is None


def test_a_date_that_does_not_exist_is_refused_with_a_message_and_left_as_typed(
    qtbot: QtBot, ctx: Context
) -> None:
    editor = new_family(qtbot, ctx)
    birth = editor.people_tab.person.widgets["date_of_birth"]
    type_date(qtbot, birth, "31/02/2027")
    save(qtbot, editor)

    assert editor.isVisible() and editor.result() != editor.DialogCode.Accepted
    assert "February 2027 has 28 days" in editor.summary.text()
    assert editor.summary.isVisible()
    assert isinstance(birth, DateField)
    assert birth.text() == "31/02/2027"
    assert "February 2027 has 28 days" in birth.error.text() and birth.error.isVisible()
    with ctx.store.session() as s:
        assert s.exec(select(Family)).all() == []

    type_date(qtbot, birth, "28/02/2027")  # put right, it saves
    save(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted


def test_words_and_short_years_are_refused_not_guessed(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    for text, says in [
        ("next friday", "type day/month/year, e.g. 28/11/2026"),
        ("1/2/27", "type the year in full"),
        ("12/13/2027", "there is no month 13"),
    ]:
        type_date(qtbot, field, text)
        field.edit.editingFinished.emit()
        assert says in field.error.text(), text
        assert field.text() == text


def shown_page(qtbot: QtBot, field: QWidget) -> tuple[int, int]:
    assert isinstance(field, DateField)
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.contains(popup.frameGeometry()), "the calendar is on the screen"
    page = popup.yearShown(), popup.monthShown()
    popup.close()
    return page


def test_the_calendar_opens_near_a_sensible_date_never_in_1900(qtbot: QtBot, ctx: Context) -> None:
    """The clock says 13 March 2027."""
    editor = new_family(qtbot, ctx)
    birth = editor.people_tab.person.widgets["date_of_birth"]
    assert shown_page(qtbot, birth) == (2022, 3)  # a child: about five years back
    editor.people_tab.people_list.setCurrentRow(0)
    assert editor.people_tab.person.get("first_name") == "Joanna"
    assert shown_page(qtbot, birth) == (1997, 3)  # an adult: about thirty years back
    referral = editor.case.widgets["referral_date"]
    type_date(qtbot, referral, "")
    assert shown_page(qtbot, referral) == (2027, 3)  # an empty day: this month
    type_date(qtbot, referral, "28/11/2026")
    assert shown_page(qtbot, referral) == (2026, 11)  # a date shown: its month


def test_a_date_chosen_on_the_calendar_by_keyboard_fills_the_field(qtbot: QtBot) -> None:
    field = DateField(today=date(2027, 3, 13))
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None
    days = popup.focusWidget()  # the grid of days has the keyboard
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Right)  # one day on, then Enter
    with qtbot.waitSignal(field.dateChanged, timeout=1000):
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert field.text() == "14/03/2027" and field.value() == date(2027, 3, 14)

"""The family editor says which parent a named relative comes with (her planned times are
that parent's); the choice is there only for relatives, and one never set says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.models import ComesWith, Person, Role
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family, family_form


def choice(editor: FamilyEditor) -> QComboBox:
    combo = editor.people_tab.person.widgets["comes_with"]
    assert isinstance(combo, QComboBox)
    return combo


def test_a_grandmother_is_saved_with_the_parent_she_comes_with(qtbot: QtBot, ctx: Context) -> None:
    family_id = add_family(ctx.store, "F-0001")  # Sarah, Mark and Lily Jones
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.people_tab.people_list.setCurrentRow(2)  # Lily: a child comes with nobody
    assert not choice(editor).isEnabled()
    editor.add_person(Role.relative)
    assert choice(editor).isEnabled()
    assert choice(editor).currentText() == "Not set — ask the coordinator"
    qtbot.keyClicks(editor.people_tab.person.widgets["first_name"], "Nora")
    qtbot.keyClicks(editor.people_tab.person.widgets["last_name"], "Jones")
    qtbot.keyClicks(editor.people_tab.person.widgets["phone"], "0113 496 0003")
    combo = choice(editor)
    combo.setCurrentIndex(combo.findText("The non-resident (visiting) parent"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == editor.DialogCode.Accepted, editor.summary.text()
    with ctx.store.session() as s:
        nora = s.exec(select(Person).where(Person.first_name == "Nora")).one()
    assert nora.comes_with == ComesWith.non_resident_parent

    again = FamilyEditor(ctx, family_id)
    qtbot.addWidget(again)
    again.people_tab.people_list.setCurrentRow(3)
    assert choice(again).currentText() == "The non-resident (visiting) parent"


def test_an_unlinked_relative_shows_not_set_and_a_parent_cannot_come_with_anyone(
    qtbot: QtBot, ctx: Context
) -> None:
    ted = PersonForm(Role.relative, "Ted", "Jones", phone="0113 496 0005")
    family_id = add_family(ctx.store, "F-0001", people=[*family_form().people, ted])
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    editor.people_tab.people_list.setCurrentRow(3)
    assert choice(editor).currentText() == "Not set — ask the coordinator"
    combo = choice(editor)
    combo.setCurrentIndex(combo.findText("The resident parent/carer"))
    role = editor.people_tab.person.widgets["role"]
    assert isinstance(role, QComboBox)
    role.setCurrentIndex(role.findData(Role.resident_parent))  # Ted was typed in wrongly
    assert not choice(editor).isEnabled()
    assert choice(editor).currentText() == "Not set — ask the coordinator"

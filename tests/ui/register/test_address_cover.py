"""On the People tab a confidential address is covered until a coordinator clicks Show
address (recorded in the audit trail); a volunteer's click shows nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from contactcentre.domain.register.families import load_family_form
from contactcentre.store.models import AuditEntry
from contactcentre.ui.context import Context
from contactcentre.ui.register.address_cover import COVERED
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.indirect_family import SARAH_ADDRESS, indirect_family


def open_people(qtbot: QtBot, ctx: Context, family_id: int) -> FamilyEditor:
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(2)
    return editor


def reveals(ctx: Context) -> list[int | None]:
    with ctx.store.session() as s:
        query = select(AuditEntry).where(col(AuditEntry.action) == "address.reveal")
        return [entry.entity_id for entry in s.exec(query)]


def test_a_confidential_address_shows_only_after_a_coordinators_click(
    qtbot: QtBot, ctx: Context
) -> None:
    f = indirect_family(ctx.store)
    editor = open_people(qtbot, ctx, f.id)
    box, cover = editor.people_tab.person.widgets["address"], editor.people_tab.address_cover
    editor.people_tab.people_list.setCurrentRow(0)  # Sarah: confidential
    assert not box.isVisible() and cover.isVisible() and cover.note.text() == COVERED
    qtbot.mouseClick(cover.button, Qt.MouseButton.LeftButton)
    assert box.isVisible() and not cover.isVisible()
    assert "Elm Street" in box.toPlainText() and reveals(ctx) == [f.sarah]
    editor.people_tab.people_list.setCurrentRow(2)  # Joan: nothing confidential
    assert box.isVisible() and not cover.isVisible()
    editor.people_tab.people_list.setCurrentRow(0)  # back to Sarah: covered again
    assert not box.isVisible()
    assert editor.save()  # the covered address is kept as it was
    assert reveals(ctx) == [f.sarah]
    with ctx.store.session() as s:
        assert load_family_form(s, f.id).people[0].address == SARAH_ADDRESS

"""Adding a family through the form and finding it again by typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.store.models import Family, Person, Role
from contactcentre.ui.context import Context
from contactcentre.ui.register_screen import RegisterScreen
from tests.factories import add_family


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a person, including characters keyClicks cannot send (FACTS.md)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def fill_person(qtbot: QtBot, editor, role: Role, first: str, last: str, phone: str = "") -> None:  # type: ignore[no-untyped-def]
    editor.add_person(role)
    qtbot.keyClicks(editor.person.widgets["first_name"], first)
    qtbot.keyClicks(editor.person.widgets["last_name"], last)
    if phone:
        qtbot.keyClicks(editor.person.widgets["phone"], phone)


def test_add_a_family_with_two_parents_and_a_child_then_find_it_by_the_childs_name(
    qtbot: QtBot, ctx: Context
) -> None:
    add_family(ctx.store, "F-0001")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.model.rowCount() == 1

    qtbot.mouseClick(screen.add, Qt.MouseButton.LeftButton)
    editor = screen.editor
    assert editor is not None
    assert editor.case.get("ref") == "F-0002"
    fill_person(qtbot, editor, Role.resident_parent, "Joanna", "Nowak", "0113 496 0101")
    fill_person(qtbot, editor, Role.non_resident_parent, "Piotr", "Nowak", "07911 123456")
    editor.add_person(Role.child)
    type_text(editor.person.widgets["first_name"], "Zoë")
    qtbot.keyClicks(editor.person.widgets["last_name"], "Nowak")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == editor.DialogCode.Accepted
    with ctx.store.session() as s:
        family = s.exec(select(Family).where(Family.ref == "F-0002")).one()
        people = s.exec(select(Person).where(Person.family_id == family.id)).all()
    assert sorted(p.first_name for p in people) == ["Joanna", "Piotr", "Zoë"]
    assert {p.phone for p in people if p.role == Role.non_resident_parent} == {"+447911123456"}

    assert screen.model.rowCount() == 2
    qtbot.keyClicks(screen.search, "zo")
    shown = screen.model.shown_rows()
    assert [row.ref for row in shown] == ["F-0002"]
    assert shown[0].children == "Zoë"
    assert "1 families shown" in screen.count.text()


def test_problems_show_next_to_their_fields_and_nothing_is_saved(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    editor = screen.open_family(None)
    fill_person(qtbot, editor, Role.non_resident_parent, "Piotr", "Nowak", "12345")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() != editor.DialogCode.Accepted
    assert "not a valid UK phone number" in editor.person.errors["phone"].text()
    assert editor.tabs.currentIndex() == 2
    assert editor.people_list.item(0).text().startswith("⚠")
    with ctx.store.session() as s:
        assert s.exec(select(Family)).all() == []


def test_closed_families_leave_the_list_but_are_found_by_search(qtbot: QtBot, ctx: Context) -> None:
    from datetime import date

    from contactcentre.domain.register import end_family
    from contactcentre.store.models import FamilyStatus

    family_id = add_family(ctx.store, "F-0001")
    add_family(ctx.store, "F-0002")
    with ctx.store.session() as s:
        end_family(
            s,
            family_id,
            FamilyStatus.closed,
            reason="Moved away",
            on=date(2027, 3, 1),
            decided_by="",
            today=date(2027, 3, 13),
        )
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert [r.ref for r in screen.model.shown_rows()] == ["F-0002"]
    qtbot.keyClicks(screen.search, "F-0001")
    assert [r.ref for r in screen.model.shown_rows()] == ["F-0001"]
    screen.search.clear()
    screen.show_closed.setChecked(True)
    assert [r.ref for r in screen.model.shown_rows()] == ["F-0001", "F-0002"]

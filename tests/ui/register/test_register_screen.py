"""Adding a family through the form and finding it again by typing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain.agreements import signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.store.models import Family, FamilyStatus, Person, Role
from contactcentre.ui.context import Context
from contactcentre.ui.register.register_screen import REVIEW_COLUMN, STATUS_COLUMN, RegisterScreen
from tests.factories import add_family, ready_family


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a person, including characters keyClicks cannot send (FACTS.md)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def fill_person(qtbot: QtBot, editor, role: Role, first: str, last: str, phone: str = "") -> None:  # type: ignore[no-untyped-def]
    editor.add_person(role)
    qtbot.keyClicks(editor.people_tab.person.widgets["first_name"], first)
    qtbot.keyClicks(editor.people_tab.person.widgets["last_name"], last)
    if phone:
        qtbot.keyClicks(editor.people_tab.person.widgets["phone"], phone)


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
    type_text(editor.people_tab.person.widgets["first_name"], "Zoë")
    qtbot.keyClicks(editor.people_tab.person.widgets["last_name"], "Nowak")
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
    assert "1 family shown" in screen.count.text()


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
    assert "not a valid UK phone number" in editor.people_tab.person.errors["phone"].text()
    assert editor.tabs.currentIndex() == 2
    assert editor.people_tab.people_list.item(0).text().startswith("⚠")
    with ctx.store.session() as s:
        assert s.exec(select(Family)).all() == []


def test_closed_families_leave_the_list_but_are_found_by_search(qtbot: QtBot, ctx: Context) -> None:
    from datetime import date

    from contactcentre.domain.register.families import end_family
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


def shown(screen: RegisterScreen, column: int) -> dict[str, str]:
    """What the register shows in one column, by family reference."""
    model = screen.model
    return {
        model.row_at(model.index(r, 0)).ref: model.data(model.index(r, column))
        for r in range(model.rowCount())
    }


def test_the_review_column_says_when_a_review_is_due_or_overdue(qtbot: QtBot, ctx: Context) -> None:
    # Active families get a review date three months after they became active; today
    # is 13/03/2027.
    referred = date(2026, 11, 2)
    for ref, became_active in [("F-0001", date(2026, 12, 1)), ("F-0002", date(2026, 12, 20))]:
        add_family(
            ctx.store, ref, today=became_active, status=FamilyStatus.active, referral_date=referred
        )
    add_family(ctx.store, "F-0003", today=date(2027, 3, 1), status=FamilyStatus.active)
    add_family(ctx.store, "F-0004", today=date(2027, 3, 1))
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert shown(screen, REVIEW_COLUMN) == {
        "F-0001": "Review overdue",
        "F-0002": "Review due",
        "F-0003": "01/06/2027",
        "F-0004": "",
    }


def test_families_who_must_sign_a_new_agreement_again_say_so(qtbot: QtBot, ctx: Context) -> None:
    ready_family(ctx.store, "F-0001")
    second = ready_family(ctx.store, "F-0002")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert shown(screen, STATUS_COLUMN) == {"F-0001": "Referred", "F-0002": "Referred"}

    with ctx.store.session() as s:
        agreement_versions.save_new_version(s, "New rules for {centre_name}", requires_resign=True)
        for adult in agreement_versions.adult_agreements(s, second):
            signing.sign_on_screen(
                s, adult.person_id, [[(0.1, 0.5), (0.9, 0.5)]], date(2027, 3, 13)
            )
    screen.refresh()
    assert shown(screen, STATUS_COLUMN) == {
        "F-0001": "Referred · Re-sign needed",
        "F-0002": "Referred",
    }


def shown_column(screen, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = screen.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def add_named_family(ctx: Context, ref: str, child: str, parent: str, referred: str) -> None:
    from contactcentre.domain.register.families import save_family
    from contactcentre.domain.register.family_forms import FamilyForm, PersonForm

    with ctx.store.session() as s:
        save_family(
            s,
            FamilyForm(
                ref=ref,
                referral_date=referred,
                people=[
                    PersonForm(Role.resident_parent, parent, "Nowak", phone="0113 496 0001"),
                    PersonForm(Role.child, child, "Nowak", date_of_birth="2019-05-01"),
                ],
            ),
            today=ctx.clock.today(),
        )


def test_typing_plain_letters_finds_accented_names_and_back(qtbot: QtBot, ctx: Context) -> None:
    add_named_family(ctx, "F-0001", "Zoë", "Łukasz", "2027-01-05")
    add_named_family(ctx, "F-0002", "Zoe", "Søren", "2027-02-05")
    add_named_family(ctx, "F-0003", "Amelia", "Chloé", "2027-03-05")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()

    def typed(text: str) -> list[str]:
        screen.search.clear()
        type_text(screen.search, text)
        return [row.ref for row in screen.model.shown_rows()]

    assert typed("zoe") == ["F-0001", "F-0002"]
    assert typed("Zoë") == ["F-0001", "F-0002"]
    assert typed("lukasz") == ["F-0001"]
    assert typed("Łuk") == ["F-0001"]
    assert typed("soren zo") == ["F-0002"]
    assert typed("chloe") == ["F-0003"]
    assert typed("0003") == ["F-0003"]
    assert typed("nobody") == []
    assert screen.count.text() == "0 families shown"
    screen.search.clear()
    assert len(screen.model.shown_rows()) == 3


def test_a_family_is_found_by_its_referrer_and_its_case_and_court_references(
    qtbot: QtBot, ctx: Context
) -> None:
    add_family(
        ctx.store,
        "F-0001",
        referrer_name="Fox Mulder",
        referrer_reference="ZE27P00123",
        court_order=True,
        court_order_date=date(2027, 1, 4),
        court_order_description="Child arrangements order, case LS27P00456",
    )
    add_family(ctx.store, "F-0002")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()

    def typed(text: str) -> list[str]:
        screen.search.clear()
        type_text(screen.search, text)
        return [row.ref for row in screen.model.shown_rows()]

    assert typed("mulder") == ["F-0001"]
    assert typed("ze27p00123") == ["F-0001"]
    assert typed("LS27P00456") == ["F-0001"]
    assert typed("scully") == ["F-0002"]  # the other family's referrer
    assert screen.count.text() == "1 family shown"


def test_clicking_a_column_heading_sorts_the_register(qtbot: QtBot, ctx: Context) -> None:
    add_named_family(ctx, "F-0001", "Bethan", "Anna", "2027-02-01")
    add_named_family(ctx, "F-0002", "Aled", "Anna", "2027-03-01")
    add_named_family(ctx, "F-0003", "Ceri", "Anna", "2026-12-01")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.refresh()
    header = screen.table.horizontalHeader()

    def click_heading(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    assert shown_column(screen, 0) == ["F-0001", "F-0002", "F-0003"]
    click_heading(1)  # Children
    assert shown_column(screen, 1) == ["Aled", "Bethan", "Ceri"]
    click_heading(4)  # Referred
    assert shown_column(screen, 4) == ["01/12/2026", "01/02/2027", "01/03/2027"]
    click_heading(4)
    assert shown_column(screen, 4) == ["01/03/2027", "01/02/2027", "01/12/2026"]
    type_text(screen.search, "anna")
    assert shown_column(screen, 0) == ["F-0002", "F-0001", "F-0003"], "filter keeps the sort"


def test_editing_a_family_through_the_form_saves_and_updates_the_list(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    editor = screen.open_family(family_id)
    assert [editor.people_tab.people_list.item(i).text() for i in range(3)] == [
        "Resident parent/carer: Sarah Jones",
        "Non-resident parent: Mark Jones",
        "Child: Lily Jones",
    ]
    editor.people_tab.people_list.setCurrentRow(2)
    editor.people_tab.person.widgets["first_name"].clear()
    type_text(editor.people_tab.person.widgets["first_name"], "Lilé")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted
    with ctx.store.session() as s:
        people = s.exec(select(Person).where(Person.family_id == family_id)).all()
    assert sorted(p.first_name for p in people) == ["Lilé", "Mark", "Sarah"]
    assert [row.children for row in screen.model.shown_rows()] == ["Lilé"]
    type_text(screen.search, "lile")
    assert [row.ref for row in screen.model.shown_rows()] == ["F-0001"]


def test_an_adult_without_a_phone_is_shown_against_the_phone_field(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    editor = screen.open_family(None)
    fill_person(qtbot, editor, Role.resident_parent, "Joanna", "Nowak")
    fill_person(qtbot, editor, Role.child, "Ada", "Nowak")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() != editor.DialogCode.Accepted
    assert editor.people_tab.people_list.item(0).text().startswith("⚠")
    assert not editor.people_tab.people_list.item(1).text().startswith("⚠")
    editor.people_tab.people_list.setCurrentRow(0)
    assert "contact number is needed" in editor.people_tab.person.errors["phone"].text()
    with ctx.store.session() as s:
        assert s.exec(select(Family)).all() == []


def test_closing_a_family_needs_a_reason_then_it_leaves_the_list(
    qtbot: QtBot, ctx: Context
) -> None:
    from contactcentre.store.models import FamilyStatus
    from contactcentre.ui.register.end_family import EndFamilyDialog

    family_id = add_family(ctx.store, "F-0001")
    add_family(ctx.store, "F-0002")
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    dialog = EndFamilyDialog(ctx, family_id)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "Reason is required" in dialog.errors["reason"].text()
    with ctx.store.session() as s:
        assert s.get(Family, family_id).status == FamilyStatus.referred  # type: ignore[union-attr]

    qtbot.keyClicks(dialog.reason, "Arrangement now works without the centre")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("other"))
    dialog.submit()
    assert "Say what the outcome was" in dialog.errors["outcome_text"].text()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("stepped_up"))
    with qtbot.waitSignal(dialog.ended, timeout=1000):
        dialog.submit()
    with ctx.store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None
        assert family.status == FamilyStatus.closed
        assert family.closed_on == ctx.clock.today()
        assert family.outcome == "stepped_up"
    screen.refresh()
    assert [r.ref for r in screen.model.shown_rows()] == ["F-0002"]
    qtbot.keyClicks(screen.search, "lily")
    assert [r.ref for r in screen.model.shown_rows()] == ["F-0001", "F-0002"]


def test_deleting_letters_widens_the_list_again_and_a_new_family_is_found(
    qtbot: QtBot, ctx: Context
) -> None:
    add_family(ctx.store, "F-0001")  # child Lily Jones
    add_family(ctx.store, "F-0002", people=[])
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()

    def shown() -> list[str]:
        return [row.ref for row in screen.model.shown_rows()]

    qtbot.keyClicks(screen.search, "lily")
    assert shown() == ["F-0001"]
    for _ in "lily":
        qtbot.keyClick(screen.search, Qt.Key.Key_Backspace)
    assert shown() == ["F-0001", "F-0002"]

    qtbot.keyClicks(screen.search, "lily")
    add_family(ctx.store, "F-0003")  # another Lily, saved while the search is typed
    screen.refresh()
    assert shown() == ["F-0001", "F-0003"]

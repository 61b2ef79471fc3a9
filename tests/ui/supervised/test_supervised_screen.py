"""The Supervised screen as supervisors use it: the supervisor who worked a session writes
and submits its record, cannot approve it (the screen says why), another supervisor
approves it, and a coordinator produces the report. Volunteers do not get the screen."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.supervised import occasions
from contactcentre.store.models import ContactType, Role, TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.screens import screens_for
from contactcentre.ui.supervised.case_dialogs import (
    CaseDialog,
    EscortedVisitDialog,
    RecipientDialog,
)
from contactcentre.ui.supervised.record_dialog import RecordDialog
from contactcentre.ui.supervised.report_dialog import ReportDialog
from contactcentre.ui.supervised.supervised_screen import SupervisedScreen
from tests.domain.supervised.helpers import CHECKER, DAY, WRITER, as_, supervised_family
from tests.factories import add_booking, add_family
from tests.pdf_text import pdf_text

SHOTS = os.environ.get("CC_SCREENSHOTS")


def shown(qtbot: QtBot, ctx: Context) -> SupervisedScreen:
    screen = SupervisedScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 680)
    screen.show()  # isVisible() says what is shown
    screen.refresh()
    return screen


def cells(screen: SupervisedScreen, row: int) -> list[str]:
    table = screen.table
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def test_only_supervisors_and_coordinators_get_the_screen() -> None:
    def titles(role: TeamRole) -> list[str]:
        return [spec.title for spec in screens_for(role)]

    assert "Supervised" in titles(TeamRole.supervisor)
    assert "Supervised" in titles(TeamRole.coordinator)
    assert "Supervised" not in titles(TeamRole.volunteer)
    assert "Register" not in titles(TeamRole.supervisor)  # the family editor is not theirs


def test_a_supervisor_writes_another_approves_and_the_coordinator_reports(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    family_id, _ = supervised_family(ctx.store)
    add_family(ctx.store, "F-0002")  # supported: not listed
    with ctx.store.session() as s:
        add_booking(s, family_id, date(2027, 3, 27))  # upcoming, no record yet
    as_(ctx.store, WRITER)
    screen = shown(qtbot, ctx)
    assert [screen.family.itemText(i) for i in range(screen.family.count())] == [
        "All supervised families",
        "F-0001",
    ]
    assert [cells(screen, r)[6] for r in range(2)] == ["none", "none"]
    assert cells(screen, 0)[:3] == ["Sat 13 Mar 2027", "10:00–12:00", "F-0001"]
    assert "Lily (7 years)" in cells(screen, 0)[4]
    assert not screen.case.escort_button.isVisible()  # arranging is the coordinator's
    assert not screen.report_button.isVisible()

    screen.table.selectRow(0)
    assert screen.write_button.text() == "Write record…"
    screen.write_button.click()
    dialog = screen.actions.dialog
    assert isinstance(dialog, RecordDialog) and dialog.editable
    dialog.fields["what_happened"].setPlainText("Lily and Mark baked biscuits together.")
    dialog.save_button.click()
    screen.table.selectRow(0)
    assert cells(screen, 0)[6:8] == ["draft", WRITER]
    screen.actions.submit_button.click()
    assert cells(screen, 0)[6] == "submitted"
    assert not screen.actions.approve_button.isEnabled()
    assert "You wrote this record" in screen.actions.why.text()
    if SHOTS:
        screen.grab().save(str(Path(SHOTS) / "supervised-screen.png"))

    as_(ctx.store, CHECKER)
    screen.refresh()
    screen.table.selectRow(0)
    assert screen.actions.approve_button.isEnabled() and screen.actions.why.text() == ""
    screen.actions.approve_button.click()
    assert cells(screen, 0)[6:9] == ["approved", WRITER, CHECKER]
    assert not screen.actions.return_button.isEnabled()  # approved records stay locked
    monkeypatch.setattr(prompts, "ask_text", lambda *_a: "Mark phoned to say thank you.")
    screen.actions.addendum_button.click()
    assert cells(screen, 0)[9] == "1"

    as_(ctx.store, "Coordinator", TeamRole.coordinator)
    screen.refresh()
    screen.table.selectRow(0)
    assert screen.report_button.isVisible() and screen.report_button.isEnabled()
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(prompts, "save_file", lambda *_a: target)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)  # not opened
    screen.report_button.click()
    report = screen.report_dialog
    assert isinstance(report, ReportDialog)
    report.first.set_value(DAY)
    report.last.set_value(DAY)
    report.draft.setChecked(False)
    report.recipient.setText("Nia Hughes, Cafcass")
    report.ok.click()
    text = pdf_text(target.read_bytes())
    assert "Lily and Mark baked biscuits together." in text
    assert f"approved by {CHECKER}" in text and "Mark phoned to say thank you." in text
    assert cells(screen, 0)[6] == "released"


def test_a_supervisor_may_withdraw_their_record_and_a_reviewer_return_one(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    supervised_family(ctx.store)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    as_(ctx.store, WRITER)
    screen = shown(qtbot, ctx)
    screen.table.selectRow(0)
    screen.write_button.click()
    dialog = screen.actions.dialog
    assert isinstance(dialog, RecordDialog)
    dialog.fields["what_happened"].setPlainText("Played snap.")
    dialog.save_button.click()
    screen.table.selectRow(0)
    screen.actions.submit_button.click()
    screen.actions.return_button.click()  # the author withdraws it
    assert cells(screen, 0)[6] == "draft"
    screen.actions.submit_button.click()
    as_(ctx.store, CHECKER)
    screen.refresh()
    screen.table.selectRow(0)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a: "Say what Lily said on leaving.")
    screen.actions.return_button.click()  # the reviewer returns it, saying what to change
    assert cells(screen, 0)[6] == "draft"
    as_(ctx.store, WRITER)
    screen.refresh()
    screen.table.selectRow(0)
    screen.write_button.click()  # the author reads why
    dialog = screen.actions.dialog
    assert isinstance(dialog, RecordDialog) and dialog.editable
    reason = dialog.findChild(QLabel, "recordReturnReason")
    assert reason is not None and reason.text() == "Say what Lily said on leaving."
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "returned-record.png"))


def test_the_coordinator_arranges_an_escorted_visit_and_the_case_details(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id, _ = supervised_family(ctx.store)
    screen = shown(qtbot, ctx)  # as the store's coordinator
    screen.table.selectRow(0)
    assert screen.case.escort_button.isVisible()
    screen.case.escort_button.click()
    escort = screen.case.dialog
    assert isinstance(escort, EscortedVisitDialog)
    escort.day.set_value(date(2027, 3, 20))
    escort.venue.setText("Park, Clapton Square")
    escort.worker.setText(WRITER)
    escort.route.setPlainText("Along the canal and back")
    escort.ok.click()
    assert [cells(screen, r)[5] for r in range(2)] == [
        "Test Contact Centre",
        "Park, Clapton Square (escorted)",
    ]
    screen.table.selectRow(1)
    screen.case.case_button.click()
    case = screen.case.dialog
    assert isinstance(case, CaseDialog)
    case.number.setText("ZE27C00042")
    case.ok.click()
    assert cells(screen, 0)[3] == "ZE27C00042"
    screen.case.recipient_button.click()
    recipient = screen.case.dialog
    assert isinstance(recipient, RecipientDialog)
    recipient.ok.click()  # no name
    assert "name" in recipient.message.text()
    recipient.person.setText("Nia Hughes")
    recipient.organisation.setText("Cafcass")
    recipient.ok.click()
    with ctx.store.session() as s:
        visit = occasions.escorted_on(s, family_id, date(2027, 3, 20))
        assert visit is not None and visit.route == "Along the canal and back"
        assert (visit.start, visit.return_by) == (time(14), None)


def test_only_supervised_families_are_listed(qtbot: QtBot, ctx: Context) -> None:
    add_family(ctx.store, "F-0005", contact_type=ContactType.supervised)
    add_family(ctx.store, "F-0006")
    as_(ctx.store, WRITER)
    screen = shown(qtbot, ctx)
    assert screen.family.count() == 2 and screen.table.rowCount() == 0


def test_the_screen_shows_no_address_phone_note_or_surname(qtbot: QtBot, ctx: Context) -> None:
    people = [
        PersonForm(Role.resident_parent, "Sarah", "Jones", phone="0113 496 0001",
                   address="ZqAddressQz\nLeeds LS6 1AA"),
        PersonForm(Role.non_resident_parent, "Mark", "Jones", phone="0113 496 0002"),
        PersonForm(Role.child, "Lily", "Jones", date_of_birth=date(2019, 5, 1)),
    ]  # fmt: skip
    family_id = add_family(
        ctx.store, "F-0001", contact_type=ContactType.supervised, people=people,
        notes="ZqNotesQz", referrer_name="ZqReferrerQz",
    )  # fmt: skip
    with ctx.store.session() as s:
        add_booking(s, family_id, DAY)
    as_(ctx.store, WRITER)
    screen = shown(qtbot, ctx)
    shown_text = "\n".join("\t".join(cells(screen, r)) for r in range(screen.table.rowCount()))
    assert "F-0001" in shown_text and "Lily (7 years)" in shown_text
    for private in ("Zq", "0113", "Jones", "Sarah", "Mark", "LS6"):
        assert private not in shown_text

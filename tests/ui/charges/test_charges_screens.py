"""Charges on screen, as a coordinator uses them: fees set on the Centre screen, a
payment recorded on the family's Charges tab, its receipt printed, a statement shown."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from contactcentre.domain.charges import fees, ledger
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.supervised import report
from contactcentre.store.engine import Store
from contactcentre.store.models import Payer, TeamRole
from contactcentre.ui import printing, prompts
from contactcentre.ui.charges.dialogs import RecordPaymentDialog, StatementDialog
from contactcentre.ui.charges.family_tab import ChargesTab
from contactcentre.ui.charges.fees_box import FeesBox
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from contactcentre.ui.today.today_screen import TodayScreen
from tests.domain.charges.helpers import charging_centre
from tests.domain.supervised.helpers import approved, as_, supervised_family
from tests.factories import add_family
from tests.pdf_text import pdf_text


@pytest.fixture
def owing(store: Store, clock: FixedClock) -> int:
    """F-0001 owes £7.25 for a copy of its agreement, at a centre that charges."""
    family = add_family(store, "F-0001")
    charging_centre(store, clock)
    with store.session() as s:
        ledger.add_charge(
            s, "F-0001", "Copy of the agreement", 725, Payer.resident, date(2027, 2, 1)
        )
    return family


def printed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    shown: list[bytes] = []

    def run(dialog: printing.PdfPreview) -> int:
        shown.append(dialog.pdf)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(printing, "run_preview", run)
    return shown


def test_a_free_centre_shows_no_charges_tab(qtbot: QtBot, ctx: Context, store: Store) -> None:
    family = add_family(store, "F-0001")
    editor = FamilyEditor(ctx, family, None)
    qtbot.addWidget(editor)
    assert "Charges" not in [editor.tabs.tabText(i) for i in range(editor.tabs.count())]


def test_recording_a_payment_and_printing_its_receipt(
    qtbot: QtBot, ctx: Context, owing: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FamilyEditor(ctx, owing, None)
    qtbot.addWidget(editor)
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    tab = editor.tabs.widget(tabs.index("Charges"))
    assert isinstance(tab, ChargesTab)
    assert tab.balance.text() == "<b>Balance: £7.25 owed</b>"

    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, RecordPaymentDialog)
    qtbot.keyClicks(dialog.amount, "12.505")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "more than two decimal places" in dialog.message.text() and dialog.isVisible()
    dialog.amount.setText("£10")
    dialog.paid_on.set_value(date(2027, 3, 1))
    qtbot.keyClicks(dialog.payer, "Sarah Jones")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.payment_ref == "P-0001"
    assert tab.balance.text() == "<b>Balance: £2.75 in credit</b>"
    assert tab.payments.item(0, 4).text() == "Sarah Jones"
    assert tab.payments.currentRow() == 0  # the new payment is chosen, ready to print

    pages = printed(monkeypatch)
    qtbot.mouseClick(tab.receipt_button, Qt.MouseButton.LeftButton)
    [pdf] = pages
    text = pdf_text(pdf)
    assert "Receipt P-0001" in text and "Received from Sarah Jones" in text
    assert "£10.00" in text and "Copy of the agreement £7.25" in text

    qtbot.mouseClick(tab.statement_button, Qt.MouseButton.LeftButton)
    statement = tab.dialog
    assert isinstance(statement, StatementDialog)
    qtbot.mouseClick(statement.ok, Qt.MouseButton.LeftButton)
    assert "Statement for family F-0001" in pdf_text(pages[1])


def test_print_receipt_with_no_payment_chosen_says_so(
    qtbot: QtBot, ctx: Context, owing: int
) -> None:
    tab = ChargesTab(ctx, owing)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.receipt_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Choose a payment first."


def test_the_fee_schedule_is_set_on_the_centre_screen(
    qtbot: QtBot, ctx: Context, store: Store, clock: FixedClock
) -> None:
    box = FeesBox(ctx)
    qtbot.addWidget(box)
    box.refresh()
    assert not box.enabled.isChecked() and not box.amounts["session_fee"].isEnabled()
    box.enabled.setChecked(True)
    box.amounts["session_fee"].setText("3.5")
    box.amounts["late_cancel_fee"].setText("£5.00")
    box.hours.setValue(48)
    box.payers["referral_payer"].setCurrentIndex(
        box.payers["referral_payer"].findData(Payer.cafcass)
    )
    assert box.save()
    with store.session() as s:
        schedule = fees.current_fees(s)
    assert (schedule.session_fee, schedule.late_cancel_fee, schedule.referral_payer) == (
        350, 500, Payer.cafcass,
    )  # fmt: skip
    assert box.amounts["session_fee"].text() == "3.50"
    box.amounts["report_fee"].setText("-4")
    assert not box.save() and "The report fee" not in box.error.text()
    assert "cannot be negative" in box.error.text()
    store.act_as("Sam", clock.now, TeamRole.volunteer)
    box.refresh()
    assert not box.isEnabled()


def test_voiding_a_charge_keeps_it_listed_with_why(
    qtbot: QtBot, ctx: Context, owing: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = ChargesTab(ctx, owing)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.void_button.isVisible()
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Printed by mistake")
    tab.charges.selectRow(0)
    qtbot.mouseClick(tab.void_button, Qt.MouseButton.LeftButton)
    assert tab.balance.text() == "<b>Balance: nothing owed</b>"
    assert tab.charges.item(0, 4).text() == (
        "Voided 01/03/2027 by Pat Coordinator: Printed by mistake"
    )


def test_today_lists_a_family_in_arrears(
    qtbot: QtBot, ctx: Context, owing: int, clock: FixedClock
) -> None:
    clock.set(datetime(2027, 3, 20, 10, tzinfo=UTC))
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    shown = screen.shown_text()
    assert "Arrears (unpaid after 30 days)" in shown
    assert "£7.25 owed since 01/02/2027" in shown


def test_a_released_reports_fee_is_on_the_charges_tab_with_its_period(
    qtbot: QtBot, ctx: Context, store: Store, clock: FixedClock
) -> None:
    charging_centre(store, clock, report_fee=4500, report_payer=Payer.cafcass)
    family_id, booking = supervised_family(store)
    approved(store, booking)
    as_(store, "Pat Coordinator", TeamRole.coordinator)
    with store.session() as s:
        report.release_report(s, family_id, date(2027, 3, 1), date(2027, 3, 31))
    tab = ChargesTab(ctx, family_id)
    qtbot.addWidget(tab)
    rows = [
        [tab.charges.item(r, c).text() for c in range(tab.charges.columnCount())]
        for r in range(tab.charges.rowCount())
    ]
    [fee] = [row for row in rows if row[1].startswith("Report")]
    assert fee[:4] == ["13/03/2027", "Report, 01/03/2027–31/03/2027", "£45.00", "Cafcass"]
    assert "Cafcass £45.00 owed" in tab.by_payer.text()

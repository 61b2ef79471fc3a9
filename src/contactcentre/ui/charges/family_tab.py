"""The family editor's Charges tab (coordinators, at a centre that charges): the
family's charges and payments, its balance overall and per payer, and Record payment…,
Add charge…, Void charge… (kept, with who, when and why), Print receipt… (for the
payment chosen) and Statement….

Like the Bookings tab, each action is its own unit of work; the editor's Save button
does not touch charges.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.documents.data import PAYMENT_METHODS
from contactcentre.domain import permissions
from contactcentre.domain.charges import ledger, paper
from contactcentre.domain.charges.fees import PAYER_LABELS
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.errors import DomainError
from contactcentre.ui import printing, prompts
from contactcentre.ui.charges.dialogs import AddChargeDialog, RecordPaymentDialog, StatementDialog
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel, FormDialog, button
from contactcentre.ui.tables import row_table

CHARGE_COLUMNS = ["Date", "For", "Amount", "Owed by", "Still owed"]
PAYMENT_COLUMNS = ["Receipt", "Date", "Amount", "Method", "From", "Paid for"]


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)


class ChargesTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("chargesTab")
        self.account: ledger.Account | None = None
        self.balance = QLabel()
        self.balance.setObjectName("familyBalance")
        self.by_payer = QLabel()
        self.by_payer.setObjectName("balanceByPayer")
        self.by_payer.setWordWrap(True)
        self.pay_button = button("Record payment…", "recordPayment")
        self.charge_button = button("Add charge…", "addCharge")
        self.void_button = button("Void charge…", "voidCharge")
        self.receipt_button = button("Print receipt…", "printReceipt")
        self.statement_button = button("Statement…", "familyStatement")
        self.message = ErrorLabel()
        self.charges = row_table(CHARGE_COLUMNS, "familyCharges", "This family's charges")
        self.payments = row_table(PAYMENT_COLUMNS, "familyPayments", "This family's payments")
        self.dialog: FormDialog | None = None
        buttons = QHBoxLayout()
        for made in (
            self.pay_button,
            self.charge_button,
            self.void_button,
            self.receipt_button,
            self.statement_button,
        ):
            buttons.addWidget(made)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addWidget(self.by_payer)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Charges"))
        layout.addWidget(self.charges, 1)
        layout.addWidget(QLabel("Payments (choose one to print its receipt)"))
        layout.addWidget(self.payments, 1)
        self.pay_button.clicked.connect(self.record_payment)
        self.charge_button.clicked.connect(lambda: self._open(AddChargeDialog))
        self.statement_button.clicked.connect(lambda: self._open(StatementDialog))
        self.receipt_button.clicked.connect(self.print_receipt)
        self.void_button.clicked.connect(self.void_charge)
        self.refresh()

    @staticmethod
    def shown_to(ctx: Context) -> bool:
        """A coordinator's tab, at a centre that charges (most are free: no empty tab)."""
        with ctx.store.session() as s:
            return permissions.may(s, "see_charges") and ledger.in_use(s)

    @property
    def ref(self) -> str:
        return self.account.family_ref if self.account else ""

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.account = account = ledger.account(s, self.family_id)
        self.balance.setText(f"<b>Balance: {ledger.describe(account.balance_pence)}</b>")
        self.by_payer.setText(
            "By payer: "
            + "; ".join(
                f"{PAYER_LABELS[payer]} {ledger.describe(pence)}"
                for payer, pence in account.by_payer.items()
            )
            if account.by_payer
            else "No charges or payments yet."
        )
        fill(
            self.charges,
            [
                [
                    f"{c.charged_on:%d/%m/%Y}",
                    c.what,
                    format_pence(c.amount_pence),
                    PAYER_LABELS[c.payer],
                    c.voided or format_pence(c.outstanding_pence),
                ]
                for c in account.charges
            ],
        )
        fill(
            self.payments,
            [
                [
                    p.ref,
                    f"{p.paid_on:%d/%m/%Y}",
                    format_pence(p.amount_pence),
                    PAYMENT_METHODS[p.method],
                    p.payer,
                    "; ".join(what for what, _pence in p.paid_for)
                    + (" (part credit)" if p.credit_pence else ""),
                ]
                for p in account.payments
            ],
        )

    def _open(self, kind: type[AddChargeDialog] | type[StatementDialog]) -> None:
        self.dialog = dialog = kind(self.ctx, self.ref, self)
        dialog.saved.connect(self.refresh)
        dialog.open()

    def record_payment(self) -> None:
        self.dialog = dialog = RecordPaymentDialog(self.ctx, self.ref, self)
        dialog.saved.connect(self.refresh)
        dialog.saved.connect(lambda: self._recorded(dialog.payment_ref))
        dialog.open()

    def _recorded(self, ref: str) -> None:
        self.message.show_error("")
        rows = [self.payments.item(r, 0).text() for r in range(self.payments.rowCount())]
        if ref in rows:
            self.payments.selectRow(rows.index(ref))  # Print receipt… prints this one

    def void_charge(self) -> None:
        """Void the chosen charge, saying why (it stays listed, with who and when)."""
        row = self.charges.currentRow()
        if self.account is None or not 0 <= row < len(self.account.charges):
            self.message.show_error("Choose a charge first.")
            return
        line = self.account.charges[row]
        if line.voided:
            self.message.show_error("That charge is already voided.")
            return
        why = prompts.ask_text(self, "Void charge", f"Why is '{line.what}' voided?")
        if why is None:
            return
        try:
            with self.ctx.store.session() as s:
                ledger.waive_charge(s, line.charge_id, why)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.message.show_error("")
        self.refresh()

    def print_receipt(self) -> None:
        row = self.payments.currentRow()
        if self.account is None or not 0 <= row < len(self.account.payments):
            self.message.show_error("Choose a payment first.")
            return
        ref = self.account.payments[row].ref
        from contactcentre.documents.receipt import render_receipt  # ReportLab: when asked

        try:
            with self.ctx.store.session() as s:
                pdf = render_receipt(paper.receipt(s, ref))
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.message.show_error("")
        printing.print_pdf(self, f"Receipt {ref}", pdf)

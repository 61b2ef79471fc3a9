"""The dialogs of a family's Charges tab: record a payment, raise a charge by hand, a
statement for a period. Each OK is one unit of work; a problem keeps the dialog open
with the message beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from contactcentre.documents.data import PAYMENT_METHODS
from contactcentre.domain.charges import ledger, paper, payments
from contactcentre.domain.charges.fees import PAYER_LABELS
from contactcentre.domain.charges.money import parse_pence
from contactcentre.domain.errors import ValidationError
from contactcentre.store.models import Payer, PaymentMethod
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog


def payer_box(name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for payer, words in PAYER_LABELS.items():
        box.addItem(words[0].upper() + words[1:], payer)
    return box


class RecordPaymentDialog(FormDialog):
    """Amount, method, date and who paid; OK records it (P-0001) and offers a receipt."""

    def __init__(self, ctx: Context, family_ref: str, parent: QWidget | None) -> None:
        super().__init__(f"Record a payment for {family_ref}", "recordPaymentDialog", parent)
        self.ctx, self.family_ref = ctx, family_ref
        self.payment_ref = ""
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("12.50")
        self.method = QComboBox()
        for method in PaymentMethod:
            self.method.addItem(PAYMENT_METHODS[method.value], method)
        self.paid_on = DateField(today=ctx.clock.today())
        self.paid_on.set_value(ctx.clock.today())
        self.payer = QLineEdit()
        self.payer.setPlaceholderText("a name, or empty: who owes the oldest charge")
        self.add("Amount (£)", self.amount, "paymentAmount")
        self.add("Method", self.method, "paymentMethod")
        self.add("Date paid", self.paid_on, "paymentDate")
        self.add("Received from", self.payer, "paymentPayer")
        self.finish_layout()
        self.ok.setText("Record payment")

    def submit(self) -> bool:
        pence = parse_pence(self.amount.text())
        paid_on = self.paid_on.checked_value()
        if paid_on is None:
            raise ValidationError.single("date", "Type the date it was paid.")
        with self.ctx.store.session() as s:
            payment = payments.record_payment(
                s, self.family_ref, pence, PaymentMethod(self.method.currentData()), paid_on,
                payer=self.payer.text(),
            )  # fmt: skip
            self.payment_ref = payment.ref
        return True


class AddChargeDialog(FormDialog):
    """A charge by hand: what for, how much, who pays, and the date charged."""

    def __init__(self, ctx: Context, family_ref: str, parent: QWidget | None) -> None:
        super().__init__(f"Add a charge for {family_ref}", "addChargeDialog", parent)
        self.ctx, self.family_ref = ctx, family_ref
        self.what = QLineEdit()
        self.what.setPlaceholderText("e.g. Copy of the agreement")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("12.50")
        self.payer = payer_box("chargePayer")
        self.charged_on = DateField(today=ctx.clock.today())
        self.charged_on.set_value(ctx.clock.today())
        self.add("What for", self.what, "chargeWhat")
        self.add("Amount (£)", self.amount, "chargeAmount")
        self.form.addRow("Paid by", self.payer)
        self.payer.setAccessibleName("Paid by")
        self.add("Date charged", self.charged_on, "chargeDate")
        self.finish_layout()
        self.ok.setText("Add charge")

    def submit(self) -> bool:
        pence = parse_pence(self.amount.text())
        on = self.charged_on.checked_value() or self.ctx.clock.today()
        with self.ctx.store.session() as s:
            ledger.add_charge(
                s, self.family_ref, self.what.text(), pence, Payer(self.payer.currentData()), on
            )
        return True


class StatementDialog(FormDialog):
    """A period (default: this year so far); OK shows the statement to print or save."""

    def __init__(self, ctx: Context, family_ref: str, parent: QWidget | None) -> None:
        super().__init__(f"Statement for {family_ref}", "statementDialog", parent)
        self.ctx, self.family_ref = ctx, family_ref
        today = ctx.clock.today()
        self.first = DateField(today=today)
        self.first.set_value(date(today.year, 1, 1))
        self.last = DateField(today=today)
        self.last.set_value(today)
        self.add("From", self.first, "statementFrom")
        self.add("To", self.last, "statementTo")
        self.finish_layout()
        self.ok.setText("Show statement")

    def submit(self) -> bool:
        first, last = self.first.checked_value(), self.last.checked_value()
        if first is None or last is None:
            raise ValidationError.single("period", "Type both dates of the period.")
        from contactcentre.documents.receipt import render_statement  # ReportLab: when asked

        with self.ctx.store.session() as s:
            pdf = render_statement(paper.statement(s, self.family_ref, first, last))
        printing.print_pdf(self, f"Statement {self.family_ref}", pdf)
        return True

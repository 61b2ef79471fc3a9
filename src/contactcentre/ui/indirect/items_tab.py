"""The family editor's Items tab (indirect contact): the family's arrangement about items,
the rules in words, the item log with its steps (log, read, decide, pass on,
acknowledge, print the label) and the recipient's address, hidden until a coordinator
clicks "Show address" (each click is in the audit trail).

Like the Bookings tab, each action is saved at once in its own unit of work; the
editor's Save button does not touch items. What a role may not do is refused by the
domain in words; the buttons it may not use are greyed out as a courtesy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.errors import DomainError
from contactcentre.domain.indirect import addresses, arrangement, items
from contactcentre.domain.indirect.items import ItemLine
from contactcentre.domain.indirect.rules import RULES_IN_WORDS, Terms
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel, FormDialog
from contactcentre.ui.indirect.dialogs import DecideItemDialog, ItemDateDialog, LogItemDialog
from contactcentre.ui.tables import row_table

COLUMNS = ["Item", "Received", "What", "From", "For", "Where it stands", "Description"]
HIDDEN = "Address hidden: only a coordinator may show it, and each look is recorded."
# Each button: object name, text, what it does, the action whose rule it needs.
STEPS = [
    ("logItem", "Log item…", "log", "log_items"),
    ("checkItem", "Mark as read", "check", "check_items"),
    ("decideItem", "Decide…", "decide", "decide_items"),
    ("passOnItem", "Passed on…", "pass_on", "pass_on_items"),
    ("acknowledgeItem", "Acknowledged…", "acknowledge", "pass_on_items"),
    ("printItemLabel", "Print label…", "print_label", "print_label"),
]


class ItemsTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("itemsTab")
        self.lines: list[ItemLine] = []
        self.dialog: FormDialog | None = None
        self.message = ErrorLabel()
        self.table = row_table(COLUMNS, "familyItems", "This family's items")
        self.table.itemSelectionChanged.connect(self._hide_address)
        self.address = QLabel(HIDDEN)
        self.address.setObjectName("recipientAddress")
        self.address.setWordWrap(True)
        self.show_address = QPushButton("Show address")
        self.show_address.setObjectName("showAddress")
        self.show_address.setAccessibleName("Show the recipient's confidential address")
        self.show_address.clicked.connect(self.reveal)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, method, _action in STEPS:
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(getattr(self, method))
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.show_address)
        rules = QLabel(" ".join(RULES_IN_WORDS))
        rules.setObjectName("itemRules")
        rules.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._arrangement_box())
        layout.addWidget(rules)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(address_row)
        self.refresh()

    def _arrangement_box(self) -> QGroupBox:
        box = QGroupBox("This family's arrangement")
        form = QFormLayout(box)
        self.agreed = QCheckBox("Indirect contact agreed for this family")
        self.agreed.setObjectName("itemsAgreed")
        self.read_first = QCheckBox("Items are read before they are passed on")
        self.read_first.setObjectName("itemsReadFirst")
        self.recipient, self.restrained = QComboBox(), QComboBox()
        self.recipient.setObjectName("itemsRecipient")
        self.recipient.setAccessibleName("Items go to")
        self.restrained.setObjectName("itemsRestrained")
        self.restrained.setAccessibleName("Order against contacting the recipient")
        self.court = QLabel()
        self.court.setObjectName("itemsCourtOrder")
        self.court.setWordWrap(True)
        save = QPushButton("Save arrangement")
        save.setObjectName("saveItemArrangement")
        save.clicked.connect(self.save_terms)
        form.addRow(self.agreed)
        form.addRow(self.read_first)
        form.addRow("Items go to", self.recipient)
        form.addRow("Order against contacting the recipient", self.restrained)
        form.addRow(self.court)
        form.addRow(save)
        return box

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            view = arrangement.arrangement(s, self.family_id)
            allowed = {action for *_, action in STEPS if permissions.may(s, action)}
            try:
                self.lines = items.item_log(s, self.family_id)
                self.message.show_error("")
            except DomainError as refused:  # a volunteer may log items, not read the log
                self.lines = []
                self.message.show_error(str(refused))
        self._show_terms(view)
        for name, *_rest, action in STEPS:
            self.buttons[name].setEnabled(action in allowed)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            values = [
                line.ref,
                f"{line.received:%a %d %b %Y}",
                items.KIND_LABELS[line.kind],
                line.from_name or "(removed)",
                line.to_name or "(removed)",
                line.status,
                line.description,
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        self._hide_address()

    def _show_terms(self, view: arrangement.ArrangementView) -> None:
        terms = view.terms
        self.agreed.setChecked(terms.agreed or view.indirect_type)
        self.agreed.setEnabled(not view.indirect_type)  # the contact type says so already
        self.read_first.setChecked(terms.read_first)
        for combo, none, chosen in [
            (self.recipient, "The other parent (by the rules)", terms.recipient_id),
            (self.restrained, "No order recorded", terms.restrained_id),
        ]:
            combo.clear()
            combo.addItem(none, None)
            for adult in view.adults:
                combo.addItem(adult.label, adult.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.court.setText(
            "The register records a court order for this family (Referral tab)."
            if view.court_order
            else ""
        )

    def save_terms(self) -> None:
        terms = Terms(
            agreed=self.agreed.isChecked() and self.agreed.isEnabled(),
            read_first=self.read_first.isChecked(),
            recipient_id=self.recipient.currentData(),
            restrained_id=self.restrained.currentData(),
        )
        self._act(lambda s: arrangement.save_terms(s, self.family_id, terms), "Arrangement saved.")

    def _act(self, work: Callable[[Any], object], done: str) -> None:
        """One step in its own unit of work (given the session); its refusal in words."""
        try:
            with self.ctx.store.session() as s:
                work(s)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.refresh()
        self.message.show_error(done)

    def selected(self) -> ItemLine | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            return self.lines[row]
        self.message.show_error("Choose an item in the list first.")
        return None

    def _open(self, dialog: FormDialog, done: Callable[[], str]) -> None:
        self.dialog = dialog
        dialog.saved.connect(self.refresh)
        dialog.saved.connect(lambda: self.message.show_error(done()))
        dialog.open()

    def log(self) -> None:
        dialog = LogItemDialog(self.ctx, self.family_id, self)
        self._open(dialog, lambda: dialog.logged)

    def check(self) -> None:
        if line := self.selected():
            self._act(lambda s: items.check_item(s, line.id), f"{line.ref} marked as read.")

    def decide(self) -> None:
        if line := self.selected():
            self._open(DecideItemDialog(self.ctx, line, self), lambda: f"{line.ref} decided.")

    def pass_on(self) -> None:
        if line := self.selected():
            self._open(ItemDateDialog(self.ctx, line, self), lambda: f"{line.ref} passed on.")

    def acknowledge(self) -> None:
        if line := self.selected():
            dialog = ItemDateDialog(self.ctx, line, self, acknowledge=True)
            self._open(dialog, lambda: f"{line.ref} acknowledged.")

    def print_label(self) -> None:
        line = self.selected()
        if line is None:
            return
        from contactcentre.documents.forwarding_label import render_label  # ReportLab

        try:
            with self.ctx.store.session() as s:  # logged once produced, as letters are
                pdf = render_label(addresses.forwarding_label(s, line.id))
        except DomainError as error:
            self.message.show_error(str(error))
            return
        if printing.print_pdf(self, f"Label for {line.ref}", pdf):
            self.message.show_error(f"The label for {line.ref} was sent to the printer.")

    def reveal(self) -> None:
        """Show the selected item's recipient's address: a coordinator only, audited."""
        line = self.selected()
        if line is None or line.to_id is None:
            return
        try:
            with self.ctx.store.session() as s:
                shown = addresses.reveal_address(s, line.to_id)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        flat = ", ".join(part.strip() for part in shown.splitlines() if part.strip())
        self.address.setText(f"{line.to_name}: {flat or 'no address on record'}")

    def _hide_address(self) -> None:
        self.address.setText(HIDDEN)

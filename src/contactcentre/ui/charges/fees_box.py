"""The Centre screen's Charges section: the "this centre charges fees" switch and the fee
schedule, each fee with the party that usually pays. Saving sets the fees from now on
(domain/charges/fees.py): charges already raised keep their amounts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.charges import fees
from contactcentre.domain.charges.money import format_pence, parse_pence
from contactcentre.domain.errors import DomainError
from contactcentre.ui.charges.dialogs import payer_box
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel

# field -> (label, the payer field beside it or "")
FEE_ROWS = {
    "referral_fee": ("Referral fee", "referral_payer"),
    "session_fee": ("Supported session", "session_payer"),
    "supervised_fee": ("Supervised session", "supervised_payer"),
    "report_fee": ("Report", "report_payer"),
    "late_cancel_fee": ("Late cancellation", ""),
}


class FeesBox(QGroupBox):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__("Charges", parent)
        self.ctx = ctx
        self.setObjectName("feesBox")
        self.enabled = QCheckBox("This centre charges fees")
        self.enabled.setObjectName("chargesEnabled")
        self.enabled.setAccessibleName("This centre charges fees")
        self.amounts: dict[str, QLineEdit] = {}
        self.payers: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        form.addRow(self.enabled)
        for field, (label, payer_field) in FEE_ROWS.items():
            amount = QLineEdit()
            amount.setObjectName(f"fee_{field}")
            amount.setAccessibleName(f"{label} (£)")
            amount.setPlaceholderText("0.00")
            amount.setMaximumWidth(90)
            self.amounts[field] = amount
            row = QHBoxLayout()
            row.addWidget(amount)
            if payer_field:
                box = payer_box(f"fee_{payer_field}")
                box.setAccessibleName(f"{label}: usually paid by")
                self.payers[payer_field] = box
                row.addWidget(QLabel("paid by"))
                row.addWidget(box, 1)
            else:
                row.addWidget(QLabel("paid by the parent who cancelled"), 1)
            form.addRow(f"{label} (£)", row)
        self.hours = QSpinBox()
        self.hours.setRange(0, fees.MAX_NOTICE_HOURS)
        self.hours.setSuffix(" hours")
        self.hours.setObjectName("fee_late_cancel_hours")
        self.hours.setAccessibleName("Late if cancelled less than this before the session")
        form.addRow("Late if less notice than", self.hours)
        self.save_button = QPushButton("Save fees")
        self.save_button.setObjectName("saveFees")
        self.save_button.setAccessibleName("Save fees")
        self.error = ErrorLabel()
        self.outcome = QLabel()
        self.outcome.setObjectName("feesOutcome")
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.save_button)
        form.addRow(bottom)
        self.save_button.clicked.connect(self.save)
        self.enabled.toggled.connect(self._enable_rows)

    def _enable_rows(self, on: bool) -> None:
        for widget in [*self.amounts.values(), *self.payers.values(), self.hours]:
            widget.setEnabled(on)

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            schedule = fees.current_fees(s)
            allowed = permissions.may(s, "manage_charges")
        self.setEnabled(allowed)
        self.enabled.setChecked(schedule.charges_enabled)
        for field, edit in self.amounts.items():
            edit.setText(format_pence(getattr(schedule, field)).removeprefix("£"))
        for field, box in self.payers.items():
            box.setCurrentIndex(box.findData(getattr(schedule, field)))
        self.hours.setValue(schedule.late_cancel_hours)
        self._enable_rows(schedule.charges_enabled)

    def save(self) -> bool:
        try:
            changes: dict[str, object] = {
                field: parse_pence(edit.text() or "0", field=field, label=FEE_ROWS[field][0],
                                   allow_zero=True)
                for field, edit in self.amounts.items()
            }  # fmt: skip
            changes |= {field: box.currentData() for field, box in self.payers.items()}
            changes |= {
                "late_cancel_hours": self.hours.value(),
                "charges_enabled": self.enabled.isChecked(),
            }
            with self.ctx.store.session() as s:
                fees.set_fees(s, **changes)
        except DomainError as error:
            self.error.show_error(str(error))
            self.outcome.clear()
            return False
        self.refresh()
        self.error.show_error("")
        self.outcome.setText("Fees saved: they apply from now on.")
        return True

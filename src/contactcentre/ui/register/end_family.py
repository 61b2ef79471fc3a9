"""Closing or excluding a family: why, when, and who decided."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import end_family
from contactcentre.domain.statistics.summary import OUTCOME_WORDS
from contactcentre.store.models.enums import FamilyStatus
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, ErrorLabel, InvalidDate, with_error


class EndFamilyDialog(QDialog):
    ended = Signal()

    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setWindowTitle("Close or exclude this family")
        self.setObjectName("endFamilyDialog")
        form = QFormLayout(self)
        self.status = QComboBox()
        self.status.setObjectName("endStatus")
        self.status.addItem("Close the case (arrangement ended)", FamilyStatus.closed)
        self.status.addItem("Exclude the family (behaviour)", FamilyStatus.excluded)
        self.outcome = QComboBox()
        self.outcome.setObjectName("endOutcome")
        self.outcome.setAccessibleName("How the case ended")
        for outcome, words in OUTCOME_WORDS.items():
            self.outcome.addItem(words[:1].upper() + words[1:], outcome)
        self.outcome_text = QLineEdit()
        self.outcome_text.setObjectName("endOutcomeText")
        self.outcome_text.setAccessibleName("The outcome, in words")
        self.outcome_text.setPlaceholderText("Only for Other: what the outcome was")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("endReason")
        self.reason.setFixedHeight(80)
        self.reason.setTabChangesFocus(True)
        self.on = DateField(today=ctx.clock.today())
        self.on.setObjectName("endDate")
        self.on.set_value(ctx.clock.today())
        self.decided_by = QLineEdit()
        self.decided_by.setObjectName("endDecidedBy")
        keys = ("outcome", "outcome_text", "reason", "on", "decided_by")
        self.errors = {key: ErrorLabel() for key in keys}
        form.addRow("What", self.status)
        form.addRow("Outcome", with_error(self.outcome, self.errors["outcome"]))
        form.addRow("", with_error(self.outcome_text, self.errors["outcome_text"]))
        form.addRow("Reason", with_error(self.reason, self.errors["reason"]))
        form.addRow("Date", with_error(self.on, self.errors["on"]))
        form.addRow("Decided by", with_error(self.decided_by, self.errors["decided_by"]))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def submit(self) -> None:
        try:
            with self.ctx.store.session() as s:
                end_family(
                    s,
                    self.family_id,
                    self.status.currentData(),
                    reason=self.reason.toPlainText(),
                    on=self.on.checked_value() or self.ctx.clock.today(),
                    decided_by=self.decided_by.text(),
                    today=self.ctx.clock.today(),
                    outcome=self.outcome.currentData(),
                    outcome_text=self.outcome_text.text(),
                )
        except InvalidDate:
            return  # the field says what is wrong with it
        except ValidationError as error:
            for key, label in self.errors.items():
                label.show_error(error.errors.get(key, ""))
            return
        self.ended.emit()
        self.accept()

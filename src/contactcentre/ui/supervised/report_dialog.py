"""Produce report…: a period, the recipient (one of the case's), who asked, and Draft.
A draft is shown to print or save, watermarked and logged nowhere; a release is saved
and logged in the disclosure log, and its records marked released."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from contactcentre.domain.errors import ValidationError
from contactcentre.domain.supervised import report
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog


class NotSaved(Exception):
    """The coordinator cancelled saving: the release is rolled back, nothing logged."""


class ReportDialog(FormDialog):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None) -> None:
        super().__init__("Supervised contact report", "reportDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        today = ctx.clock.today()
        self.first = DateField(today=today)
        self.first.set_value(date(today.year, today.month, 1))
        self.last = DateField(today=today)
        self.last.set_value(today)
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText("Name, Organisation (empty: the case's first)")
        self.requested_by = QLineEdit()
        self.draft = QCheckBox("Draft (watermarked, not logged)")
        self.draft.setChecked(True)
        self.add("From", self.first, "reportFrom")
        self.add("To", self.last, "reportTo")
        self.add("Recipient", self.recipient, "reportRecipient")
        self.add("Requested by", self.requested_by, "reportRequestedBy")
        self.add("", self.draft, "reportDraft")
        self.finish_layout()
        self.ok.setText("Produce report")
        self.saved_to: object = None

    def submit(self) -> bool:
        first, last = self.first.checked_value(), self.last.checked_value()
        if first is None or last is None:
            raise ValidationError.single("period", "Type both dates of the period.")
        recipient = self.recipient.text().strip() or None
        asked = self.requested_by.text()
        if self.draft.isChecked():
            from contactcentre.documents.supervised_report import render_report  # ReportLab

            with self.ctx.store.session() as s:
                issued = report.draft_report(
                    s, self.family_id, first, last, recipient=recipient, requested_by=asked
                )
            printing.print_pdf(self, "Draft supervised contact report", render_report(issued))
            return True
        try:
            self.saved_to = self._release(first, last, recipient, asked)
        except NotSaved:
            return False
        return True

    def _release(self, first: date, last: date, recipient: str | None, asked: str) -> object:
        from contactcentre.documents.supervised_report import render_report

        with self.ctx.store.session() as s:
            released = report.release_report(
                s, self.family_id, first, last, recipient=recipient, requested_by=asked
            )
            pdf = render_report(released.issued)
            name = f"{released.issued.report.family_ref} report {released.entry.reference}.pdf"
            # Saved inside the unit of work: cancelled or unwritable, nothing is logged.
            saved = printing.save_pdf(
                self, "Save the report", name.replace("/", "_"), pdf, database=self.ctx.store.path
            )
            if saved is None:
                raise NotSaved
        return saved

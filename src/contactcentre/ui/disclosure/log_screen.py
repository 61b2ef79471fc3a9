"""The disclosure log: every attendance letter produced and every request refused.

From here the coordinator writes a new letter, records a refused request, writes the
letters for a period into a folder, and re-opens an entry: its letter is built again
from today's records and the screen says whether the digest still matches.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contactcentre.documents.attendance_letter import day_text, time_text
from contactcentre.documents.data import IssuedLetter, SupervisedReport
from contactcentre.domain.disclosure import letters
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.supervised import report as supervised_report
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import DisclosureOutcome
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.disclosure.dialogs import (
    BatchDialog,
    BatchRun,
    NewLetterDialog,
    RefusalDialog,
)
from contactcentre.ui.fields import FormDialog
from contactcentre.ui.tables import row_table

COLUMNS = ["Ref", "When", "Family", "What", "Period", "Recipient", "Requested by", "By"]
ALL_FAMILIES = "All families"


def preview_html(issued: IssuedLetter) -> str:
    """What the letter states, as a quick on-screen check (the PDF is the letter)."""
    letter = issued.letter
    children = ", ".join(
        f"{c.first_name} ({c.date_of_birth:%d/%m/%Y})" if c.date_of_birth else c.first_name
        for c in letter.children
    )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "Date",
            "Session",
            "Outcome",
            "Parent arrived",
            "Parent left",
            "Child dropped off",
            "Child collected",
        )
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(cell)}</td>"
            for cell in (
                day_text(r.day),
                f"{r.start:%H:%M}–{r.end:%H:%M}",
                r.outcome,
                *(time_text(t) for t in (r.arrived, r.left, r.dropped_off, r.collected)),
            )
        )
        + "</tr>"
        for r in letter.rows
    )
    t = letter.totals
    totals = (
        f"{t.offered} booked, {t.attended} attended, {t.cancelled_by_resident} cancelled by "
        f"the resident parent, {t.cancelled_by_non_resident} by the non-resident parent, "
        f"{t.cancelled_by_centre} by the centre, {t.not_attended} not attended"
    )
    recipient = "<br/>".join(escape(line) for line in letter.recipient) or "To whom it may concern"
    return (
        f"<p><b>{escape(letter.reference)}</b> dated {letter.letter_date:%d/%m/%Y} to:<br/>"
        f"{recipient}</p>"
        f"<p><b>Re: {escape(letter.family_ref)}</b> – {escape(children)}<br/>"
        f"{day_text(letter.period_from)} to {day_text(letter.period_to)}</p>"
        f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>"
        f"<p>{escape(totals)}</p>"
        f"<p><small>SHA-256 {issued.digest}</small></p>"
    )


def report_html(report: SupervisedReport, digest: str) -> str:
    """A re-opened supervised report in brief: to whom, which sessions, the digest."""
    recipient = "<br/>".join(escape(line) for line in report.recipient) or "–"
    days = ", ".join(day_text(session.day) for session in report.sessions)
    return (
        f"<p><b>{escape(report.reference)}</b> (supervised contact report) dated "
        f"{report.report_date:%d/%m/%Y} to:<br/>{recipient}</p>"
        f"<p><b>Re: {escape(report.family_ref)}</b> – sessions: {escape(days)}</p>"
        f"<p><small>SHA-256 {digest}</small></p>"
    )


class DisclosuresScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("disclosuresScreen")
        self.entries: list[disclosure_log.LogEntry] = []
        self.dialog: FormDialog | None = None
        self.batch: BatchRun | None = None

        self.family = QComboBox()
        self.family.setObjectName("disclosureFamilyFilter")
        self.family.setAccessibleName("Show the log for one family")
        self.new_button = QPushButton("New letter…")
        self.new_button.setObjectName("newLetter")
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip("An attendance-only letter for a supported family (Ctrl+N)")
        self.refuse_button = QPushButton("Record refused request…")
        self.refuse_button.setObjectName("recordRefusal")
        self.batch_button = QPushButton("Letters for a period…")
        self.batch_button.setObjectName("batchLetters")
        self.reopen_button = QPushButton("Re-open letter")
        self.reopen_button.setObjectName("reopenLetter")
        self.reopen_button.setToolTip("Build the letter again and check its digest (Enter)")
        self.table = row_table(COLUMNS, "disclosureLog", "Disclosure log")
        self.status = QLabel()
        self.status.setObjectName("disclosureStatus")
        self.status.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setObjectName("letterPreview")
        self.preview.setAccessibleName("What the letter states")

        top = QHBoxLayout()
        top.addWidget(QLabel("Family:"))
        top.addWidget(self.family)
        top.addStretch(1)
        for button in (
            self.new_button,
            self.refuse_button,
            self.batch_button,
            self.reopen_button,
        ):
            top.addWidget(button)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.status)
        below_layout.addWidget(self.preview, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.family.currentIndexChanged.connect(lambda _i: self.load_log())
        self.new_button.clicked.connect(self.new_letter)
        self.refuse_button.clicked.connect(self.record_refusal)
        self.batch_button.clicked.connect(self.batch_letters)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.table.activated.connect(lambda _index: self.reopen_selected())

    # --- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.family.currentText()
        with self.ctx.store.session() as s:
            refs = [choice.ref for choice in family_choices(s)]
        self.family.blockSignals(True)
        self.family.clear()
        self.family.addItems([ALL_FAMILIES, *refs])
        self.family.setCurrentIndex(max(self.family.findText(chosen), 0))
        self.family.blockSignals(False)
        self.load_log()

    def clear(self) -> None:
        if self.batch is not None:
            self.batch.cancel()  # the store is about to close
        self.entries = []
        self.table.setRowCount(0)
        self.family.clear()
        self.preview.clear()
        self.status.clear()

    def load_log(self) -> None:
        ref = self.family.currentText()
        with self.ctx.store.session() as s:
            self.entries = disclosure_log.log_entries(s, None if ref in ("", ALL_FAMILIES) else ref)
        self.table.setRowCount(len(self.entries))
        tz = self.ctx.clock.tz
        for r, e in enumerate(self.entries):
            cells = [
                e.reference,
                f"{e.at.astimezone(tz):%d/%m/%Y %H:%M}",
                e.family_ref,
                "Letter" if e.digest else f"Refused: {e.refusal_reason or 'no reason given'}",
                f"{e.period_from:%d/%m/%Y} – {e.period_to:%d/%m/%Y}",
                e.recipient or ("To whom it may concern" if e.digest else ""),
                e.requested_by,
                e.produced_by,
            ]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if e.digest:
                    item.setToolTip(f"SHA-256 {e.digest}")
                self.table.setItem(r, c, item)

    def selected_entry(self) -> disclosure_log.LogEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # --- actions ------------------------------------------------------------------
    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_letter(self) -> FormDialog:
        dialog = NewLetterDialog(self.ctx, self)
        dialog.saved.connect(lambda: self._letter_saved(dialog))
        return self._open(dialog)

    def _letter_saved(self, dialog: NewLetterDialog) -> None:
        assert dialog.produced is not None
        entry = dialog.produced.entry
        self.load_log()
        if dialog.saved_to is not None:
            done = f"Saved {dialog.saved_to} and logged"
        else:
            cancelled = "Not printed (the print was cancelled), but logged"
            done = "Printed and logged" if dialog.printed else cancelled
        self.status.setText(f"{done} as {entry.reference} (SHA-256 {entry.digest[:12]}…).")
        self.preview.setHtml(preview_html(dialog.produced.issued))
        if dialog.saved_to is not None:
            printing.offer_open(self, "Attendance letter", dialog.saved_to)

    def record_refusal(self) -> FormDialog:
        dialog = RefusalDialog(self.ctx, self)
        dialog.saved.connect(self.load_log)
        return self._open(dialog)

    def batch_letters(self) -> FormDialog:
        dialog = BatchDialog(self.ctx, self)
        dialog.saved.connect(lambda: self._batch_started(dialog))
        return self._open(dialog)

    def _batch_started(self, dialog: BatchDialog) -> None:
        assert dialog.run is not None
        self.batch = dialog.run
        folder = dialog.run.folder
        self.status.setText(f"Writing letters to {folder}…")

        def done(written: int, total: int, cancelled: bool) -> None:
            stopped = " (stopped)" if cancelled else ""
            self.status.setText(
                f"Wrote {written} of {counted(total, 'letter')} to {folder}{stopped}."
            )
            self.batch = None
            self.load_log()

        dialog.run.finished.connect(done)

    def reopen_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            prompts.error(self, "Re-open a letter", "Choose an entry in the log first.")
            return
        is_report = entry.outcome == DisclosureOutcome.report
        kind = "report" if is_report else "letter"
        try:
            with self.ctx.store.session() as s:
                if is_report:  # a supervised contact report: built again the same way
                    again = supervised_report.reopen_report(s, entry.id)
                    matches, digest = again.matches, again.issued.digest
                    shown = report_html(again.issued.report, digest)
                else:
                    reopened = letters.reopen(s, entry.id)
                    matches, digest = reopened.matches, reopened.issued.digest
                    shown = preview_html(reopened.issued)
        except DomainError as error:
            prompts.error(self, "Re-open a letter", str(error))
            return
        if matches:
            self.status.setText(
                f"✓ {entry.reference}: built again from today's records, the digest matches "
                f"the {kind} sent."
            )
        else:
            self.status.setText(
                f"⚠ {entry.reference}: the records have changed since the {kind} was sent; "
                f"the digest no longer matches (sent {entry.digest[:12]}…, now "
                f"{digest[:12]}…)."
            )
        self.preview.setHtml(shown)

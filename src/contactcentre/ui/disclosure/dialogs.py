"""The disclosure screen's questions: a new letter, a refused request, letters for a
period; and the batch run that writes those letters a few at a time with a progress bar.

Dialogs open with `open()` (never a blocking `exec()`), so tests fill them in and click OK.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QWidget,
)

from contactcentre import outputs
from contactcentre.documents.attendance_letter import render_letter
from contactcentre.domain.disclosure import addressing, letters
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import ContactType
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog


def last_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def date_edit(day: date) -> DateField:
    edit = DateField(today=day)
    edit.set_value(day)
    return edit


class PeriodDialog(FormDialog):
    """A form with a family (optional) and a period, last month by default."""

    def __init__(
        self,
        ctx: Context,
        title: str,
        name: str,
        parent: QWidget | None,
        *,
        families: Collection[ContactType] | None = tuple(ContactType),
    ) -> None:
        super().__init__(title, name, parent)
        self.ctx = ctx
        self.family: QComboBox | None = None
        self.refs: dict[int, str] = {}
        if families is not None:
            self.family = QComboBox()
            with ctx.store.session() as s:
                choices = family_choices(s, contact_types=families)
            for choice in choices:
                self.refs[choice.id] = choice.ref
                self.family.addItem(choice.label, choice.id)
            self.add("Family", self.family, f"{name}Family")
        first, last = last_month(ctx.clock.today())
        self.first, self.last = date_edit(first), date_edit(last)
        self.add("From", self.first, f"{name}From")
        self.add("To", self.last, f"{name}To")

    def family_id(self) -> int:
        family_id = self.family.currentData() if self.family is not None else None
        if family_id is None:
            raise DomainError("Choose a family first.")
        return int(family_id)

    def period(self) -> tuple[date, date]:
        first, last = self.first.checked_value(), self.last.checked_value()
        if first is None or last is None:
            raise DomainError("Give the first and the last day of the period.")
        return first, last


class NewLetterDialog(PeriodDialog):
    """Who the letter is for and who asked; OK asks where to save, then logs and saves."""

    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__(
            ctx, "New attendance letter", "newLetter", parent, families={ContactType.supported}
        )
        self._list_supervised()
        self.recipient = QPlainTextEdit()
        self.recipient.setPlaceholderText(
            "Leave empty for the family's referrer; or one line each: name, organisation, address"
        )
        self.recipient.setMaximumHeight(80)
        self.recipient.setTabChangesFocus(True)
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText("e.g. Cafcass officer, email of 1 July")
        self.add("Recipient", self.recipient, "letterRecipient")
        self.add("Requested by", self.requested_by, "letterRequestedBy")
        self.finish_layout()
        self.ok.setText("Save letter…")
        self.print_button = self.buttons.addButton(
            "Print letter…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("newLetterPrint")
        self.print_button.clicked.connect(self.print_letter)
        self.produced: letters.Produced | None = None
        self.saved_to: Path | None = None
        self.to_printer = False  # this submit prints instead of saving
        self.printed = False

    def _list_supervised(self) -> None:
        """Supervised families are listed, greyed out, so nobody wonders where they went."""
        assert self.family is not None
        listed = self.family.model()
        assert isinstance(listed, QStandardItemModel)
        with self.ctx.store.session() as s:
            supervised = family_choices(s, contact_types={ContactType.supervised})
        for choice in supervised:
            self.family.addItem(f"{choice.label} — supervised — reports, not letters", None)
            listed.item(self.family.count() - 1).setEnabled(False)

    def print_letter(self) -> None:
        """Produce the letter as Save does (logged once produced: what is then done with it,
        saved, printed or neither, is the coordinator's) and send it to the printer."""
        self.to_printer = True
        try:
            self._accept()
        finally:
            self.to_printer = False

    def submit(self) -> bool:
        family_id, (first, last) = self.family_id(), self.period()
        disclosure_log.check_period(first, last)
        path = None
        if not self.to_printer:
            today = self.ctx.clock.today()
            suggested = printing.dated_name(self.refs[family_id], "letter", today)
            path = printing.ask_save_path(self, "Save the letter", suggested)
            if path is None:
                return False
        recipient = self.recipient.toPlainText()
        with self.ctx.store.session() as s:
            produced = letters.produce_letter(
                s,
                family_id,
                first,
                last,
                now=self.ctx.clock.now(),
                recipient=recipient if recipient.strip() else None,
                requested_by=self.requested_by.text(),
            )
            pdf = render_letter(produced.issued)
            if path is not None:  # not saved: not logged
                printing.write_pdf(path, pdf, database=self.ctx.store.path)
        self.printed = self.to_printer and printing.print_pdf(self, "Attendance letter", pdf)
        self.produced, self.saved_to = produced, path
        return True


class RefusalDialog(PeriodDialog):
    """Log a request for information the centre refused."""

    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__(ctx, "Record a refused request", "refusal", parent)
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText("Who asked, e.g. father's solicitor")
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText("Who the answer went to (optional)")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why it was refused, e.g. asked for observations")
        self.reason.setMaximumHeight(80)
        self.reason.setTabChangesFocus(True)
        self.add("Requested by", self.requested_by, "refusalRequestedBy")
        self.add("Answer sent to", self.recipient, "refusalRecipient")
        self.add("Why refused", self.reason, "refusalReason")
        self.finish_layout()

    def submit(self) -> bool:
        family_id, (first, last) = self.family_id(), self.period()
        with self.ctx.store.session() as s:
            disclosure_log.record_refusal(
                s,
                family_id,
                first,
                last,
                now=self.ctx.clock.now(),
                requested_by=self.requested_by.text(),
                recipient=self.recipient.text(),
                reason=self.reason.toPlainText(),
            )
        return True


class BatchDialog(PeriodDialog):
    """Choose the period; OK asks for the folder and starts the batch run."""

    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__(ctx, "Letters for a period", "batchLetters", parent, families=None)
        note = QLabel(
            "One letter for every active supported family booked in the period, "
            "to its referrer, saved as <reference>.pdf."
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(note)
        self.finish_layout()
        self.ok.setText("Choose folder…")
        self.run: BatchRun | None = None

    def submit(self) -> bool:
        first, last = self.period()
        with self.ctx.store.session() as s:
            targets = letters.batch_families(s, first, last)
        if not targets:
            raise DomainError("No active supported family is booked in that period.")
        folder = prompts.choose_folder(self, "Save the letters in")
        if folder is None:
            return False
        names = addressing.batch_file_names([ref for _, ref in targets])
        existing = [name for name in names if (folder / name).exists()]
        if existing and not prompts.confirm(
            self,
            "Replace letters?",
            f"{counted(len(existing), 'of these letters is', 'of these letters are')} already in "
            f"that folder. Replace {'it' if len(existing) == 1 else 'them'}?",
            yes="Replace",
        ):
            return False
        self.run = BatchRun(self.ctx, targets, first, last, folder, self.parentWidget())
        self.run.start()
        return True


class BatchRun(QObject):
    """Writes one letter per timer tick so the window stays responsive and Cancel works.

    Each letter is its own transaction: a cancelled run keeps (and logs) those written.
    """

    finished = Signal(int, int, bool)  # written, total, cancelled

    def __init__(
        self,
        ctx: Context,
        targets: list[tuple[int, str]],
        first: date,
        last: date,
        folder: Path,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.window_parent = parent
        self.ctx, self.targets, self.folder = ctx, targets, folder
        self.names = addressing.batch_file_names([ref for _, ref in targets])
        self.first, self.last = first, last
        self.now = ctx.clock.now()
        self.written = 0
        self.progress = QProgressDialog("Writing letters…", "Cancel", 0, len(targets), parent)
        self.progress.setObjectName("batchProgress")
        self.progress.setWindowTitle("Letters for a period")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        self.progress.show()
        self.timer.start()

    def _step(self) -> None:
        if self.written >= len(self.targets):
            self._finish(cancelled=False)
            return
        family_id, ref = self.targets[self.written]
        self.progress.setLabelText(f"Writing {ref} ({self.written + 1} of {len(self.targets)})…")
        try:
            with self.ctx.store.session() as s:
                produced = letters.produce_letter(s, family_id, self.first, self.last, now=self.now)
                outputs.write_file(
                    self.folder / self.names[self.written],
                    render_letter(produced.issued),
                    database=self.ctx.store.path,
                )
        except DomainError as error:
            self._finish(cancelled=True)
            prompts.error(self.window_parent, "Letters stopped", str(error))
            return
        self.written += 1
        self.progress.setValue(self.written)

    def cancel(self) -> None:
        if self.timer.isActive():
            self._finish(cancelled=True)

    def _finish(self, *, cancelled: bool) -> None:
        self.timer.stop()
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.finished.emit(self.written, len(self.targets), cancelled)

"""The buttons that act on one chosen observation record, shared by the family editor's
Observations tab and the Supervised screen: Open…, Submit, Approve, Withdraw to draft (the
author) or Return for changes… (a reviewer), and Add addendum…. Approve and Return are
disabled for someone who may not (the author may not approve their own record), and the
reason is shown beside them. Each action is its own
unit of work; a refusal is shown in place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from contactcentre.domain import acting
from contactcentre.domain.errors import DomainError
from contactcentre.domain.supervised import records
from contactcentre.store.models.enums import ObservationState
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel, button
from contactcentre.ui.supervised.record_dialog import RecordDialog


class RecordActions:
    """`chosen()` gives the chosen record's id (None: no record chosen); `changed()` is
    called after every change so the owner reloads."""

    def __init__(
        self,
        owner: QWidget,
        ctx: Context,
        chosen: Callable[[], int | None],
        changed: Callable[[], None],
    ) -> None:
        self.owner, self.ctx, self.chosen, self.changed = owner, ctx, chosen, changed
        self.open_button = button("Open…", "openRecord")
        self.submit_button = button("Submit", "submitRecord")
        self.approve_button = button("Approve", "approveRecord")
        self.return_button = button("Return for changes…", "returnRecord")
        self.addendum_button = button("Add addendum…", "addAddendum")
        self.why = QLabel()
        self.why.setObjectName("approveReason")
        self.why.setWordWrap(True)
        self.message = ErrorLabel()
        self.dialog: RecordDialog | None = None
        self.open_button.clicked.connect(self.open_record)
        self.submit_button.clicked.connect(lambda: self.act(records.submit))
        self.approve_button.clicked.connect(lambda: self.act(records.approve))
        self.return_button.clicked.connect(self.return_record)
        self.addendum_button.clicked.connect(self.add_addendum)

    def buttons(self, *, with_open: bool = True) -> QHBoxLayout:
        """The buttons in a row (`with_open`: Open… among them, for an owner with no
        button of its own that opens a record)."""
        row = QHBoxLayout()
        for made in (
            *([self.open_button] if with_open else []),
            self.submit_button,
            self.approve_button,
            self.return_button,
            self.addendum_button,
        ):
            row.addWidget(made)
        return row

    def update(self) -> None:
        """Enable what may be done with the chosen record, and say why Approve is not."""
        record_id = self.chosen()
        self.open_button.setEnabled(record_id is not None)
        if record_id is None:
            for made in (
                self.submit_button,
                self.approve_button,
                self.return_button,
                self.addendum_button,
            ):
                made.setEnabled(False)
            self.why.setText("")
            return
        with self.ctx.store.session() as s:
            record = records.get_record(s, record_id)
            refusal = records.approval_refusal(s, record)
            back = records.return_refusal(s, record)
            submitted = record.state == ObservationState.submitted
            mine = records.same_person(acting.actor(s), record.author)
        self.return_button.setText("Withdraw to draft" if mine else "Return for changes…")
        self.submit_button.setEnabled(record.state == ObservationState.draft)
        self.addendum_button.setEnabled(record.state in records.LOCKED)
        self.approve_button.setEnabled(not refusal)
        self.approve_button.setToolTip(refusal)
        self.return_button.setEnabled(not back)
        self.return_button.setToolTip(back)
        self.why.setText(refusal if submitted else "")

    def act(self, action: Callable[..., object]) -> None:
        record_id = self.chosen()
        if record_id is None:
            return
        try:
            with self.ctx.store.session() as s:
                action(s, record_id)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.message.show_error("")
        self.changed()

    def return_record(self) -> None:
        """The author withdraws their record; a reviewer returns it with what to change."""
        record_id = self.chosen()
        if record_id is None:
            return
        with self.ctx.store.session() as s:
            mine = records.same_person(acting.actor(s), records.get_record(s, record_id).author)
        if mine:
            question = "Withdraw this record to a draft, to change it and submit it again?"
            if prompts.confirm(self.owner, "Withdraw the record", question, yes="Withdraw"):
                self.act(records.return_to_draft)
            return
        reason = prompts.ask_text(
            self.owner, "Return for changes", "What should the author change, and why?"
        )
        if reason is not None:
            self.act(lambda s, chosen: records.return_to_draft(s, chosen, reason))

    def start(self, booking_id: int | None, escorted_visit_id: int | None) -> None:
        """Start the record of this booking or escorted visit, and open it to write."""
        try:
            with self.ctx.store.session() as s:
                record = records.start_record(
                    s, booking_id=booking_id, escorted_visit_id=escorted_visit_id
                )
                record_id = record.id or 0
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.changed()
        self.open(record_id)

    def open_record(self) -> None:
        record_id = self.chosen()
        if record_id is not None:
            self.open(record_id)

    def open(self, record_id: int) -> None:
        self.dialog = dialog = RecordDialog(self.ctx, record_id, self.owner)
        dialog.accepted.connect(self.changed)
        dialog.open()

    def add_addendum(self) -> None:
        record_id = self.chosen()
        if record_id is None:
            return
        words = prompts.ask_text(self.owner, "Add addendum", "What is to be added to this record?")
        if words is not None:
            self.act(lambda s, chosen: records.add_addendum(s, chosen, words))

"""The coordinator's dialogs for a supervised case: arrange an escorted visit (outside the
centre, with a worker, a route and a time to be back), set the case number, and add who
may receive its reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.supervised import cases, occasions
from contactcentre.store.models.enums import RecipientRole
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog, button, enum_combo, notes_box

ROLE_WORDS = {
    RecipientRole.parent: "Parent",
    RecipientRole.cafcass: "Cafcass / FCA",
    RecipientRole.social_worker: "Social worker",
    RecipientRole.solicitor: "Solicitor",
    RecipientRole.court: "Court",
}


def time_edit(hour: int) -> QTimeEdit:
    edit = QTimeEdit(QTime(hour, 0))
    edit.setDisplayFormat("HH:mm")
    return edit


def time_of(edit: QTimeEdit) -> time:
    return time(edit.time().hour(), edit.time().minute())


class EscortedVisitDialog(FormDialog):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None) -> None:
        super().__init__("Arrange an escorted visit", "escortedVisitDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        self.day = DateField(today=ctx.clock.today())
        self.start, self.end, self.back = time_edit(14), time_edit(15), time_edit(15)
        self.venue = QLineEdit()
        self.venue.setPlaceholderText("e.g. park, Clapton Square")
        self.worker = QLineEdit()
        self.route: QPlainTextEdit = notes_box(60)
        self.back_given = QCheckBox("Planned return time")
        self.add("Date", self.day, "escortDate")
        self.add("Starts", self.start, "escortStart")
        self.add("Ends", self.end, "escortEnd")
        self.add("Venue", self.venue, "escortVenue")
        self.add("Worker", self.worker, "escortWorker")
        self.add("Planned route", self.route, "escortRoute")
        self.add("", self.back_given, "escortReturnGiven")
        self.add("Back by", self.back, "escortReturnBy")
        self.back.setEnabled(False)
        self.back_given.toggled.connect(self.back.setEnabled)
        self.finish_layout()

    def submit(self) -> bool:
        day = self.day.checked_value()
        if day is None:
            raise ValidationError.single("day", "Type the date of the visit.")
        with self.ctx.store.session() as s:
            occasions.add_escorted_visit(
                s, self.family_id, day, time_of(self.start), time_of(self.end),
                venue=self.venue.text(), worker=self.worker.text(),
                route=self.route.toPlainText(),
                return_by=time_of(self.back) if self.back_given.isChecked() else None,
            )  # fmt: skip
        return True


class CaseDialog(FormDialog):
    """The case number and whether the court ordered the reports."""

    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None) -> None:
        super().__init__("Case details", "caseDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        with ctx.store.session() as s:
            case = cases.case_of(s, family_id)
            number, ordered = case.case_number, case.court_ordered
        self.number = QLineEdit(number)
        self.number.setPlaceholderText("e.g. the Cafcass CMS number")
        self.ordered = QCheckBox("The court ordered the reports (only named recipients)")
        self.ordered.setChecked(ordered)
        self.add("Case number", self.number, "caseNumber")
        self.add("", self.ordered, "caseCourtOrdered")
        self.finish_layout()

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            cases.set_case(
                s, self.family_id, case_number=self.number.text(),
                court_ordered=self.ordered.isChecked(),
            )  # fmt: skip
        return True


class RecipientDialog(FormDialog):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None) -> None:
        super().__init__("Add a report recipient", "recipientDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        self.person = QLineEdit()
        self.organisation = QLineEdit()
        self.role = enum_combo(ROLE_WORDS, "recipientRole")
        self.named = QCheckBox("Named in the court order")
        self.add("Name", self.person, "recipientName")
        self.add("Organisation", self.organisation, "recipientOrganisation")
        self.add("Who they are", self.role, "recipientRole")
        self.add("", self.named, "recipientNamed")
        self.finish_layout()

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            cases.add_recipient(
                s, self.family_id, self.person.text(), self.organisation.text(),
                RecipientRole(self.role.currentData()), named_in_order=self.named.isChecked(),
            )  # fmt: skip
        return True


class CaseActions:
    """Escorted visit…, Case details… and Add recipient… for the chosen family (None: no
    family chosen), for a coordinator only; `changed()` after each is saved."""

    def __init__(
        self,
        owner: QWidget,
        ctx: Context,
        family: Callable[[], int | None],
        changed: Callable[[], None],
    ) -> None:
        self.owner, self.ctx, self.family, self.changed = owner, ctx, family, changed
        self.dialog: FormDialog | None = None
        self.escort_button = button("Escorted visit…", "addEscortedVisit")
        self.case_button = button("Case details…", "caseDetails")
        self.recipient_button = button("Add recipient…", "addRecipient")
        for made, kind in (
            (self.escort_button, EscortedVisitDialog),
            (self.case_button, CaseDialog),
            (self.recipient_button, RecipientDialog),
        ):
            made.clicked.connect(lambda _=False, kind=kind: self.show(kind))

    def buttons(self) -> list[QPushButton]:
        return [self.escort_button, self.case_button, self.recipient_button]

    def update(self) -> None:
        with self.ctx.store.session() as s:
            may = permissions.may(s, "case_details") and permissions.may(s, "arrange_escorted")
        for made in self.buttons():
            made.setVisible(may)
            made.setEnabled(self.family() is not None)

    def show(self, kind: type[EscortedVisitDialog | CaseDialog | RecipientDialog]) -> None:
        family_id = self.family()
        if family_id is None:
            return
        self.dialog = dialog = kind(self.ctx, family_id, self.owner)
        dialog.saved.connect(self.changed)
        dialog.open()

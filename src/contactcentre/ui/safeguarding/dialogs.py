"""The safeguarding dialogs: record (or complete) an incident, disclose a signed-off one
with its wording reviewed, exclude, log a complaint and resolve it with its outcome.
They open with `open()`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from contactcentre.documents.data import RiskOfHarmDisclosure
from contactcentre.documents.risk_of_harm_disclosure import render
from contactcentre.domain.bookings import exclusion
from contactcentre.domain.disclosure import risk_of_harm
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.safeguarding import complaints, incidents
from contactcentre.domain.schedule import local_to_utc
from contactcentre.domain.validate import quick_time
from contactcentre.store.models.enums import IncidentCategory
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog, enum_combo, notes_box

NO_FAMILY = "Not about one family"
TOLD_WHO = ("Police", "Social services", "Referrer")


def _box(placeholder: str, height: int = 56) -> QPlainTextEdit:
    box = notes_box(height)
    box.setPlaceholderText(placeholder)
    return box


class IncidentDialog(FormDialog):
    """What happened, written by whoever saw it; a coordinator also records the decision.
    With `incident_id` it completes an incident not yet signed off."""

    def __init__(
        self,
        ctx: Context,
        families: Sequence[tuple[int, str]],
        parent: QWidget | None,
        *,
        decides: bool = False,
        incident_id: int | None = None,
        family_id: int | None = None,
    ) -> None:
        super().__init__("Record an incident or concern", "incidentDialog", parent)
        self.setMinimumWidth(680)
        self.ctx, self.decides, self.incident_id = ctx, decides, incident_id
        self.recorded: int | None = None
        now = ctx.clock.local_now()
        self.day = DateField(today=now.date())
        self.day.set_value(now.date())
        self.time = QLineEdit(f"{now:%H:%M}")
        self.family = QComboBox()
        self.family.addItem(NO_FAMILY, None)
        for fid, label in families:
            self.family.addItem(label, fid)
        if family_id is not None:
            self.family.setCurrentIndex(max(self.family.findData(family_id), 0))
        self.category = enum_combo(incidents.CATEGORY_WORDS, "incidentCategory")
        self.place = QLineEdit()
        self.place.setPlaceholderText("e.g. waiting room, car park")
        self.involved = QLineEdit()
        self.involved.setPlaceholderText("The family's people, by role: non-resident parent")
        self.visitors = QLineEdit()
        self.visitors.setPlaceholderText("Anyone else, by description")
        self.witnesses = QLineEdit()
        self.seen = _box("What you saw: facts, not opinions")
        self.said = _box('What was said, in quotes: "…"')
        self.actions = _box("What was done at once", 44)
        self.add("Date", self.day, "incidentDay")
        self.add("Time", self.time, "incidentTime")
        self.add("Family", self.family, "incidentFamily")
        self.add("Category", self.category, "incidentCategory")
        self.add("Where", self.place, "incidentPlace")
        self.add("Who was involved", self.involved, "incidentInvolved")
        self.add("Others involved", self.visitors, "incidentVisitors")
        self.add("Witnesses", self.witnesses, "incidentWitnesses")
        self.add("What was seen", self.seen, "incidentSeen")
        self.add("What was said", self.said, "incidentSaid")
        self.add("Immediate actions", self.actions, "incidentActions")
        self.decision = QLineEdit()
        self.reasons = _box("Why", 44)
        self.told = {name: QLineEdit() for name in incidents.TOLD}
        if decides:
            told = QWidget()
            row = QHBoxLayout(told)
            row.setContentsMargins(0, 0, 0, 0)
            for (name, edit), who in zip(self.told.items(), TOLD_WHO, strict=True):
                edit.setPlaceholderText(f"{who}: dd/mm/yyyy hh:mm")
                edit.setObjectName(f"incident_{name}")
                edit.setAccessibleName(f"When {who.lower()} were told")
                row.addWidget(edit)
            self.add("Who was told, when", told, "incidentTold")
            self.add("Decision", self.decision, "incidentDecision")
            self.add("Reasons", self.reasons, "incidentReasons")
        if incident_id is not None:
            self._load(incident_id)
        self.finish_layout()

    def _load(self, incident_id: int) -> None:
        with self.ctx.store.session() as s:
            form, _ = incidents.load_incident(s, incident_id)
        self.setWindowTitle(f"Complete {incidents.reference(incident_id)}")
        local = form.occurred_at.astimezone(self.ctx.clock.tz)
        self.day.set_value(local.date())
        self.time.setText(f"{local:%H:%M}")
        self.family.setCurrentIndex(max(self.family.findData(form.family_id), 0))
        self.category.setCurrentIndex(self.category.findData(form.category))
        for name in ("place", "involved", "visitors", "witnesses"):
            getattr(self, name).setText(getattr(form, name))
        self.seen.setPlainText(form.seen)
        self.said.setPlainText(form.said)
        self.actions.setPlainText(form.actions)
        self.decision.setText(form.decision)
        self.reasons.setPlainText(form.decision_reasons)
        for name, edit in self.told.items():
            moment = getattr(form, name)
            edit.setText(f"{moment.astimezone(self.ctx.clock.tz):%d/%m/%Y %H:%M}" if moment else "")

    def told_at(self, name: str) -> datetime | None:
        typed = self.told[name].text().strip()
        if not typed:
            return None
        try:
            local = datetime.strptime(typed, "%d/%m/%Y %H:%M")
        except ValueError:
            raise ValidationError.single(
                name, f"'{typed[:40]}' is not a date and time (dd/mm/yyyy hh:mm)"
            ) from None
        return local_to_utc(local.date(), local.time(), str(self.ctx.clock.tz))

    def incident_form(self) -> incidents.IncidentForm:
        day = self.day.checked_value()
        if day is None:
            raise ValidationError.single("day", "Say on which day it happened.")
        try:
            at = quick_time(self.time.text())
        except ValueError as error:
            raise ValidationError.single("time", f"Time {error}") from None
        return incidents.IncidentForm(
            occurred_at=local_to_utc(day, at, str(self.ctx.clock.tz)),
            category=IncidentCategory(self.category.currentData()),
            family_id=self.family.currentData(),
            place=self.place.text(),
            involved=self.involved.text(),
            visitors=self.visitors.text(),
            witnesses=self.witnesses.text(),
            seen=self.seen.toPlainText(),
            said=self.said.toPlainText(),
            actions=self.actions.toPlainText(),
            police_told_at=self.told_at("police_told_at"),
            social_services_told_at=self.told_at("social_services_told_at"),
            referrer_told_at=self.told_at("referrer_told_at"),
            decision=self.decision.text(),
            decision_reasons=self.reasons.toPlainText(),
        )

    def submit(self) -> bool:
        form = self.incident_form()
        with self.ctx.store.session() as s:
            if self.incident_id is None:
                self.recorded = incidents.record_incident(s, form).id
            else:
                incidents.update_incident(s, self.incident_id, form)
                self.recorded = self.incident_id
        return True


class DiscloseDialog(FormDialog):
    """Disclose a signed-off incident to a named agency: the wording is shown for review
    (Review wording), then OK logs it and saves the PDF."""

    def __init__(self, ctx: Context, incident_id: int, parent: QWidget | None) -> None:
        super().__init__("Disclose a risk of harm", "discloseDialog", parent)
        self.setMinimumWidth(640)
        self.ctx, self.incident_id = ctx, incident_id
        self.saved_to: Path | None = None
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(
            "Name, Agency (e.g. Duty team, Leeds Children's Services)"
        )
        self.reason = _box("Why the agency must be told", 44)
        self.review = QPushButton("Review wording")
        self.review.setObjectName("discloseReview")
        self.review.clicked.connect(self.show_wording)
        self.wording = QPlainTextEdit()
        self.wording.setReadOnly(True)
        self.wording.setMinimumHeight(220)
        self.add("Disclose to", self.recipient, "discloseRecipient")
        self.add("Why", self.reason, "discloseReason")
        self.add("", self.review, "discloseReview")
        self.add("Wording", self.wording, "discloseWording")
        self.ok.setText("Disclose and save PDF…")
        self.ok.setEnabled(False)  # only once the wording has been shown, as it stands
        self.recipient.textChanged.connect(self._unreviewed)
        self.reason.textChanged.connect(self._unreviewed)
        self.finish_layout()

    def _unreviewed(self) -> None:
        self.ok.setEnabled(False)
        self.wording.clear()

    def draft(self) -> RiskOfHarmDisclosure:
        with self.ctx.store.session() as s:
            return risk_of_harm.draft(
                s,
                self.incident_id,
                self.recipient.text(),
                self.reason.toPlainText(),
                now=self.ctx.clock.now(),
            )

    def show_wording(self) -> None:
        try:
            self.wording.setPlainText(self.draft().wording())
        except ValidationError as error:
            self.show_message(str(error))
            return
        self.ok.setEnabled(True)

    def submit(self) -> bool:
        name = f"{incidents.reference(self.incident_id)} disclosure.pdf"
        path = printing.ask_save_path(self, "Save the disclosure", name)
        if path is None:
            return False
        with self.ctx.store.session() as s:
            _, data = risk_of_harm.disclose(
                s,
                self.incident_id,
                self.recipient.text(),
                self.reason.toPlainText(),
                now=self.ctx.clock.now(),
            )
            printing.write_pdf(path, render(data), database=self.ctx.store.path)
        self.saved_to = path
        return True


class ExcludeDialog(FormDialog):
    """Exclude one of the family's adults, or the whole family, saying why."""

    def __init__(
        self,
        ctx: Context,
        family_id: int,
        people: Sequence[tuple[int, str]],
        parent: QWidget | None,
        *,
        incident_id: int | None = None,
    ) -> None:
        super().__init__("Exclude", "excludeDialog", parent)
        self.ctx, self.family_id, self.incident_id = ctx, family_id, incident_id
        self.cancelled: list[object] = []
        self.who = QComboBox()
        for pid, name in people:
            self.who.addItem(name, pid)
        self.who.addItem("The whole family", None)
        self.reason = _box("Why (the family's cancelled bookings show it)", 60)
        self.add("Exclude", self.who, "excludeWho")
        self.add("Why", self.reason, "excludeReason")
        self.ok.setText("Exclude")
        self.finish_layout()

    def submit(self) -> bool:
        now: datetime = self.ctx.clock.now()
        with self.ctx.store.session() as s:
            self.cancelled = list(
                exclusion.exclude(
                    s,
                    self.family_id,
                    reason=self.reason.toPlainText(),
                    today=now.astimezone(self.ctx.clock.tz).date(),
                    now=now,
                    person_id=self.who.currentData(),
                    incident_id=self.incident_id,
                )
            )
        return True


class ComplaintDialog(FormDialog):
    """Log a complaint received."""

    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__("Log a complaint", "complaintDialog", parent)
        self.ctx = ctx
        today = ctx.clock.now().astimezone(ctx.clock.tz).date()
        self.received = DateField(today=today)
        self.received.set_value(today)
        self.how = QLineEdit()
        self.how.setPlaceholderText("letter, email, phone, in person")
        self.from_whom = QLineEdit()
        self.about = _box("What the complaint is about", 80)
        self.add("Received", self.received, "complaintReceived")
        self.add("How", self.how, "complaintHow")
        self.add("From", self.from_whom, "complaintFrom")
        self.add("About", self.about, "complaintAbout")
        self.finish_layout()

    def submit(self) -> bool:
        received = self.received.checked_value()
        if received is None:
            raise ValidationError.single("received", "Say when it was received.")
        with self.ctx.store.session() as s:
            complaints.add_complaint(
                s,
                received=received,
                from_whom=self.from_whom.text(),
                about=self.about.toPlainText(),
                how=self.how.text(),
                today=self.ctx.clock.now().astimezone(self.ctx.clock.tz).date(),
            )
        return True


class ResolveComplaintDialog(FormDialog):
    """Resolve a complaint: the day it was answered and its outcome (both required)."""

    def __init__(self, ctx: Context, line: complaints.ComplaintLine, parent: QWidget | None):
        super().__init__(f"Resolve complaint {line.ref}", "resolveComplaintDialog", parent)
        self.ctx, self.ref = ctx, line.ref
        self.today = ctx.clock.now().astimezone(ctx.clock.tz).date()
        self.responded = DateField(today=self.today)
        self.responded.set_value(line.responded_on or self.today)
        self.outcome = _box("What was decided and what the complainant was told", 120)
        self.outcome.setPlainText(line.outcome)
        self.add("Responded on", self.responded, "complaintRespondedOn")
        self.add("Outcome", self.outcome, "complaintOutcome")
        self.finish_layout()

    def submit(self) -> bool:
        responded = self.responded.checked_value()
        if responded is None or responded > self.today:
            raise ValidationError.single(
                "responded_on", "Say when the response was sent (today or before)."
            )
        with self.ctx.store.session() as s:  # the domain refuses an answer without an outcome
            complaints.update_complaint(
                s, self.ref, responded_on=responded, outcome=self.outcome.toPlainText()
            )
        return True

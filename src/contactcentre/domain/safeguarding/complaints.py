"""The complaints log: kept apart from the families' case files (a complaint names who it
is from in words, never a family record). An acknowledgement is due a number of working
days after receipt (England and Wales bank holidays excluded), a response a number of days
after it; both numbers are the centre's settings (5 working days and 30 days by default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.schedule import add_working_days
from contactcentre.domain.validate import choice, free_text, past_date
from contactcentre.store.models import Complaint, ComplaintStage

STAGE_WORDS = {
    ComplaintStage.informal: "Informal",
    ComplaintStage.stage_1: "Stage 1 (in writing)",
    ComplaintStage.stage_2: "Stage 2 (impartial trustee)",
    ComplaintStage.naccc: "Referred to NACCC",
}


@dataclass(frozen=True)
class ComplaintLine:
    ref: str
    received: date
    how: str
    from_whom: str
    about: str
    stage: ComplaintStage
    acknowledge_by: date
    respond_by: date
    acknowledged_on: date | None
    responded_on: date | None
    outcome: str

    @property
    def status(self) -> str:
        if self.responded_on is not None:
            return "responded"
        return "acknowledged" if self.acknowledged_on is not None else "received"

    def overdue(self, today: date) -> list[str]:
        """What is late on `today`: "acknowledgement", "response"."""
        late = []
        if (
            self.acknowledged_on is None
            and self.responded_on is None
            and today > self.acknowledge_by
        ):
            late.append("acknowledgement")
        if self.responded_on is None and today > self.respond_by:
            late.append("response")
        return late


def reference(complaint_id: int) -> str:
    return f"C-{complaint_id:04d}"


def _line(row: Complaint) -> ComplaintLine:
    return ComplaintLine(
        reference(row.id or 0),
        row.received_on,
        row.how,
        row.from_whom,
        row.about,
        row.stage,
        row.acknowledge_by,
        row.respond_by,
        row.acknowledged_on,
        row.responded_on,
        row.outcome,
    )


def _find(s: Session, ref: str) -> Complaint:
    digits = ref.strip().upper().removeprefix("C-")
    row = s.get(Complaint, int(digits)) if digits.isdigit() else None
    if row is None:
        raise NotFound(f"No complaint {ref.strip()!r}: references look like C-0001.")
    return row


def due_dates(s: Session, received: date) -> tuple[date, date]:
    centre = get_centre(s)
    return (
        add_working_days(received, centre.complaint_acknowledge_working_days),
        received + timedelta(days=centre.complaint_respond_days),
    )


def add_complaint(
    s: Session, *, received: date, from_whom: str, about: str, how: str = "", today: date
) -> ComplaintLine:
    """Log a complaint as received; its two due dates follow from the centre's settings."""
    permissions.require(s, "complaints")
    try:
        past_date(received, today)
    except ValueError as error:
        raise ValidationError.single("received", f"The date received {error}") from None
    who = free_text("from", "Who it is from", from_whom, limit=200, multiline=False)
    what = free_text("about", "What it is about", about, limit=5000)
    if not who or not what:
        raise ValidationError.single(
            "from" if not who else "about", "Say who the complaint is from and what it is about."
        )
    acknowledge_by, respond_by = due_dates(s, received)
    row = Complaint(
        received_on=received,
        how=free_text("how", "How it came", how, limit=100, multiline=False),
        from_whom=who,
        about=what,
        acknowledge_by=acknowledge_by,
        respond_by=respond_by,
        recorded_by=acting.actor(s),
        recorded_at=acting.now(s),
    )
    s.add(row)
    s.flush()
    audit.record(s, "complaint.create", entity="complaint", entity_id=row.id)
    return _line(row)


def update_complaint(
    s: Session,
    ref: str,
    *,
    stage: ComplaintStage | None = None,
    acknowledged_on: date | None = None,
    responded_on: date | None = None,
    outcome: str | None = None,
) -> ComplaintLine:
    """Move a complaint on: its stage, the dates it was acknowledged and answered, outcome.
    A complaint answered has its outcome: one without is refused, and nothing changes."""
    permissions.require(s, "complaints")
    row = _find(s, ref)
    if stage is not None:
        row.stage = choice(ComplaintStage, stage)
    for name, value in (("acknowledged_on", acknowledged_on), ("responded_on", responded_on)):
        if value is not None:
            if value < row.received_on:
                raise DomainError("That date is before the complaint was received.")
            setattr(row, name, value)
    if outcome is not None:
        row.outcome = free_text("outcome", "The outcome", outcome, limit=5000)
    if row.responded_on is not None and not row.outcome:
        raise ValidationError.single("outcome", "Say what the outcome was.")
    audit.record(s, "complaint.update", entity="complaint", entity_id=row.id)
    return _line(row)


def complaints(s: Session, *, due_on: date | None = None) -> list[ComplaintLine]:
    """The complaints log, oldest first; with `due_on`, only those overdue on that day."""
    permissions.require(s, "complaints")
    lines = [_line(row) for row in s.exec(select(Complaint).order_by(col(Complaint.id)))]
    return [line for line in lines if due_on is None or line.overdue(due_on)]

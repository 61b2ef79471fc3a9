"""The subject-access request register: who asked, about whom, when it came, when the
answer is due (one calendar month; extended by up to two more, with a reason), where it
stands and when it was sent. Overdue and due-soon requests show on the Today screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.register.families import family_by_ref
from contactcentre.store.models import AccessRequest, AccessStatus, Family

DUE_SOON_DAYS = 7
MAX_EXTENSION_MONTHS = 2


@dataclass(frozen=True)
class Request:
    id: int
    family_ref: str
    subject: str
    requested_by: str
    received_on: date
    due_on: date  # the deadline as it stands (extended, if it was)
    extension_reason: str
    status: AccessStatus
    sent_on: date | None

    def overdue(self, today: date) -> bool:
        return self.status == AccessStatus.open and self.due_on < today

    def due_soon(self, today: date) -> bool:
        return self.status == AccessStatus.open and today <= self.due_on <= today + timedelta(
            days=DUE_SOON_DAYS
        )


def _plain(row: AccessRequest, ref: str) -> Request:
    assert row.id is not None
    return Request(
        row.id,
        ref,
        row.subject,
        row.requested_by,
        row.received_on,
        row.extended_to or row.due_on,
        row.extension_reason,
        row.status,
        row.sent_on,
    )


def log_request(
    s: Session, family_ref: str, subject: str, received_on: date, *, requested_by: str = ""
) -> Request:
    """Record a request received on `received_on`: due one calendar month later."""
    permissions.require(s, "subject_access")
    family = family_by_ref(s, family_ref)
    assert family.id is not None
    c = validate.Checker()
    who = c.check("subject", "About whom", validate.name, subject, required=True)
    asker = c.check("requested_by", "Asked by", validate.name, requested_by or subject)
    c.check("received_on", "Received", validate.past_date, received_on, acting.now(s).date())
    c.done()
    row = AccessRequest(
        family_id=family.id,
        subject=who,
        requested_by=asker or who,
        received_on=received_on,
        due_on=received_on + relativedelta(months=1),
        logged_by=acting.actor(s),
    )
    s.add(row)
    s.flush()
    audit.record(
        s, "access.request", entity="access_request", entity_id=row.id, family_id=family.id
    )
    return _plain(row, family.ref)


def _row(s: Session, request_id: int) -> AccessRequest:
    row = s.get(AccessRequest, request_id)
    if row is None:
        raise NotFound(f"There is no subject-access request {request_id}.")
    return row


def extend(s: Session, request_id: int, months: int, reason: str) -> Request:
    """Extend the deadline by 1 or 2 months past the first one (complex or many requests)."""
    permissions.require(s, "subject_access")
    row = _row(s, request_id)
    words = validate.text(reason, limit=500)
    if not words:
        raise ValidationError({"reason": "Reason is required to extend the deadline"})
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise DomainError("A deadline may be extended by one or two months, no more.")
    row.extended_to, row.extension_reason = row.due_on + relativedelta(months=months), words
    s.add(row)
    audit.record(
        s, "access.extend", entity="access_request", entity_id=row.id, family_id=row.family_id
    )
    return _plain(row, _ref(s, row.family_id))


def mark_sent(s: Session, family_id: int, subject: str, on: date) -> None:
    """The open request about `subject` in this family is answered (the export was written)."""
    query = select(AccessRequest).where(
        AccessRequest.family_id == family_id,
        AccessRequest.status == AccessStatus.open,
        AccessRequest.subject == subject,
    )
    for row in s.exec(query):
        row.status, row.sent_on = AccessStatus.sent, on
        s.add(row)


def _ref(s: Session, family_id: int) -> str:
    family = s.get(Family, family_id)
    return family.ref if family else ""


def requests(s: Session) -> list[Request]:
    """Every request, the newest first."""
    permissions.require(s, "subject_access")
    query = select(AccessRequest, Family.ref).join(
        Family, col(Family.id) == AccessRequest.family_id
    )
    rows = s.exec(query.order_by(col(AccessRequest.received_on).desc()))
    return [_plain(row, ref) for row, ref in rows]


def reminders(s: Session, today: date) -> list[str]:
    """Today screen lines: overdue requests first, then those due within a week."""
    if not permissions.may(s, "subject_access"):
        return []
    found = [r for r in requests(s) if r.overdue(today) or r.due_soon(today)]
    found.sort(key=lambda r: r.due_on)
    return [
        f"Subject access for {r.family_ref} {'overdue since' if r.overdue(today) else 'due'} "
        f"{r.due_on:%a %d %b %Y}"
        for r in found
    ]

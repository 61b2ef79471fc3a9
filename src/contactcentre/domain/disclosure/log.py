"""The disclosure log: every attendance letter produced, every request refused, and every
risk-of-harm disclosure of a signed-off incident (domain/disclosure/risk_of_harm.py).

NACCC advises logging every request for information, so a refused one is logged too.
Letters are logged by domain/letters.py when they are produced.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.register.families import ref_key
from contactcentre.domain.validate import free_text
from contactcentre.store.models import Disclosure, DisclosureOutcome, Family

DESTROYED = "(destroyed)"  # the family reference of an entry whose family was destroyed
OUTCOME_WORDS = {
    DisclosureOutcome.produced: "letter",
    DisclosureOutcome.refused: "refused",
    DisclosureOutcome.report: "report",
    DisclosureOutcome.harm: "risk of harm",
}
RECIPIENT_SPLIT = re.compile(r"[\n,]")


@dataclass(frozen=True)
class LogEntry:
    """One line of the disclosure log."""

    id: int
    reference: str
    at: datetime
    family_id: int
    family_ref: str
    outcome: DisclosureOutcome
    recipient: str
    period_from: date
    period_to: date
    requested_by: str
    produced_by: str
    digest: str
    refusal_reason: str


class Issued(Protocol):
    @property
    def digest(self) -> str: ...


IssuedT = TypeVar("IssuedT", bound=Issued)


@dataclass(frozen=True)
class Logged(Generic[IssuedT]):
    """A document produced (or built again) with its line of the log."""

    entry: LogEntry
    issued: IssuedT

    @property
    def matches(self) -> bool:
        """Whether today's records give exactly the document that was sent."""
        return self.issued.digest == self.entry.digest


def _plain_fields(value: Any) -> Any:
    """What `dataclasses.asdict` gives (dataclasses as dicts, all the way down), without
    its deep copy of every value: a letter of ten years has thousands of them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain_fields(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain_fields(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_fields(item) for key, item in value.items()}
    return value


def digest_of(document: Any, *, leave_out: tuple[str, ...] = ()) -> str:
    """SHA-256 of a canonical serialisation of every field a document's dataclass states
    (bar `leave_out`): what the log keeps to show later that a copy is the one sent."""

    def plain(value: object) -> str:
        if isinstance(value, date | time):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    fields = _plain_fields(document)
    for name in leave_out:
        del fields[name]
    canonical = json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=plain
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def recipient_lines(recipient: str) -> tuple[str, ...]:
    """'Name, Organisation' (or one line each) as the lines of the address block."""
    return tuple(part.strip() for part in RECIPIENT_SPLIT.split(recipient) if part.strip())


def clean_recipient(recipient: str) -> str:
    """The recipient as stored in the log: one line, parts separated by ', '."""
    return ", ".join(recipient_lines(free_text("recipient", "The recipient", recipient, limit=500)))


def check_period(first: date, last: date) -> None:
    if last < first:
        raise DomainError("The period ends before it starts.")


def family(s: Session, family_id: int | None) -> Family:
    found = s.get(Family, family_id) if family_id is not None else None
    if found is None:
        raise NotFound("That family no longer exists.")
    return found


def reference(disclosure_id: int) -> str:
    return f"D-{disclosure_id:04d}"


def entry(row: Disclosure, family_ref: str) -> LogEntry:
    assert row.id is not None
    return LogEntry(
        id=row.id,
        reference=reference(row.id),
        at=row.at,
        family_id=row.family_id or 0,
        family_ref=family_ref,
        outcome=row.outcome,
        recipient=row.recipient,
        period_from=row.period_from,
        period_to=row.period_to,
        requested_by=row.requested_by,
        produced_by=row.produced_by,
        digest=row.digest,
        refusal_reason=row.refusal_reason,
    )


def rebuilt(
    s: Session, row: Disclosure, family_ref: str, rebuild: Callable[[LogEntry, date], IssuedT]
) -> Logged[IssuedT]:
    """A logged document built again from today's records by `rebuild(entry, the date it
    was issued in the centre's time)`; the trail notes whether its digest still matches."""
    found = entry(row, family_ref)
    issued_on = row.at.astimezone(ZoneInfo(get_centre(s).timezone)).date()
    result = Logged(found, rebuild(found, issued_on))
    audit.record(
        s,
        "disclosure.reopen",
        entity="disclosure",
        entity_id=row.id,
        family_id=row.family_id,
        detail="match" if result.matches else "differs",
    )
    return result


def new_entry(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    now: datetime,
    recipient: str,
    requested_by: str,
    outcome: DisclosureOutcome,
    produced_by: str | None = None,
) -> Disclosure:
    """A produced document's line of the log, flushed so its reference is known; the
    caller sets its digest once the document is built, in the same transaction."""
    row = Disclosure(
        at=now,
        produced_by=produced_by if produced_by is not None else acting.actor(s),
        family_id=family_id,
        recipient=recipient,
        period_from=first,
        period_to=last,
        outcome=outcome,
        requested_by=free_text(
            "requested_by", "Requested by", requested_by, limit=500, multiline=False
        ),
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    return row


def record_refusal(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    now: datetime,
    requested_by: str,
    recipient: str = "",
    reason: str = "",
    produced_by: str | None = None,
) -> LogEntry:
    """Log a request for information that the centre refused (NACCC: log every request)."""
    permissions.require(s, "produce_letters")
    found = family(s, family_id)
    check_period(first, last)
    who = free_text("requested_by", "Who asked", requested_by, limit=500, multiline=False)
    if not who:
        raise ValidationError.single("requested_by", "Say who asked for the information.")
    row = Disclosure(
        at=now,
        produced_by=produced_by if produced_by is not None else acting.actor(s),
        family_id=family_id,
        recipient=clean_recipient(recipient),
        period_from=first,
        period_to=last,
        outcome=DisclosureOutcome.refused,
        requested_by=who,
        refusal_reason=free_text("reason", "The reason", reason, limit=1000),
    )
    s.add(row)
    s.flush()
    audit.record(
        s, "disclosure.refused", entity="disclosure", entity_id=row.id, family_id=family_id
    )
    return entry(row, found.ref)


def log_entries(s: Session, family_ref: str | None = None) -> list[LogEntry]:
    """The disclosure log, oldest first, optionally for one family."""
    permissions.require(s, "disclosure_log")
    # An entry whose family was destroyed (retention) stays, with no family reference.
    query = select(Disclosure, Family.ref).outerjoin(Family).order_by(col(Disclosure.id))
    if family_ref is not None:
        query = query.where(func.upper(col(Family.ref)) == ref_key(family_ref))
    return [entry(row, ref or DESTROYED) for row, ref in s.exec(query)]

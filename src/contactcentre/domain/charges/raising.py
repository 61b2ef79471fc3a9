"""Charges raised by the events that cause them, by reconciliation.

Bookings and the register sit below charges and never call into them, so no event raises
its charge as it happens. Instead `raise_due_charges(s)` looks at what has happened and
makes the charges agree with it: it is idempotent (a second run finds nothing to do) and
every reader of charges (the charges list, a statement, a receipt, Today's arrears, the
CLI) runs it first, so a charge is there whenever anyone can look for it.

- A booking attended (anyone arrived or a child was handed over) raises the supported
  (or handover) session fee, or the supervised one, by the family's contact type, at the
  fee in force when the session started. Indirect contact has no sessions to charge.
- A booking cancelled by a parent less than the notice window before the session starts
  (exactly the window is in time) raises the late-cancellation fee, payable by the parent
  who cancelled. A cancellation by the centre never raises one.
- A referral accepted (referred -> active) raises the referral fee once per family, at
  the fee in force at the end of the day it was accepted.
- A supervised report released (logged in the disclosure log as a report) raises the
  report fee once, payable by the party the schedule names, at the fee in force when it
  was released. A draft is never logged, so never charged; re-opening a logged report
  logs nothing. A report of a period already charged (a copy to another recipient, or
  the period released again after an addendum: its reference and digest differ, but it
  is the same report) is not charged again, nor is one whose fee was waived.

When the cause goes away (an arrival corrected away, a cancelled booking booked again),
the charge is voided, never deleted: who (the person whose unit of work noticed) and when
stand on it, with the reason. Should the cause come back, a new charge is raised; the
schema allows one standing charge per booking and kind.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.charges import fees
from contactcentre.domain.schedule import local_to_utc, utc_to_local
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    Charge,
    ChargeKind,
    ContactSession,
    ContactType,
    Disclosure,
    DisclosureOutcome,
    Family,
    FamilyStatus,
    FeeSchedule,
    Payer,
    StatusChange,
)

SESSION_KINDS = (ChargeKind.session, ChargeKind.supervised_session)
CANCELLING_PARENT = {
    CancelledBy.resident: Payer.resident,
    CancelledBy.non_resident: Payer.non_resident,
}
NO_LONGER_ATTENDED = "Attendance corrected: the session is no longer recorded as attended"
NO_LONGER_CANCELLED = "The booking was booked again: no longer cancelled"


def is_late(starts: datetime, told_at: datetime, hours: int) -> bool:
    """Told less than `hours` before the start (after it, too); exactly `hours`: in time."""
    return starts - told_at < timedelta(hours=hours)


def _booking_charges(
    s: Session,
) -> tuple[dict[tuple[int, ChargeKind], Charge], set[tuple[int, ChargeKind]]]:
    """The standing charges of bookings by (booking, kind), and the causes waived by hand."""
    standing: dict[tuple[int, ChargeKind], Charge] = {}
    waived: set[tuple[int, ChargeKind]] = set()
    for charge in s.exec(select(Charge).where(col(Charge.booking_id).is_not(None))):
        key = (charge.booking_id or 0, charge.kind)
        if charge.voided_at is None:
            standing[key] = charge
        elif charge.waived:
            waived.add(key)
    return standing, waived


def raise_charge(
    s: Session, family_id: int, kind: ChargeKind, pence: int, payer: Payer, on: date,
    booking_id: int | None = None, description: str = "", disclosure_id: int | None = None,
) -> Charge:  # fmt: skip
    """Add one charge and its audit entry (inside the caller's unit of work)."""
    charge = Charge(
        family_id=family_id,
        booking_id=booking_id,
        disclosure_id=disclosure_id,
        kind=kind,
        description=description,
        amount_pence=pence,
        payer=payer,
        charged_on=on,
        raised_by=acting.actor(s),
        raised_at=acting.now(s),
    )
    s.add(charge)
    s.flush()
    audit.record(
        s, "charge.raise", entity="charge", entity_id=charge.id, family_id=family_id,
        detail=kind.value,
    )  # fmt: skip
    return charge


def void(s: Session, charge: Charge, reason: str) -> None:
    """Withdraw a charge, keeping it with who, when and why (inside the caller's work)."""
    charge.voided_at = acting.now(s)
    charge.voided_by = acting.actor(s)
    charge.void_reason = reason
    s.add(charge)
    s.flush()
    audit.record(
        s, "charge.void", entity="charge", entity_id=charge.id, family_id=charge.family_id,
        detail=charge.kind.value,
    )  # fmt: skip


def _session_fee(schedule: fees.Fees, contact_type: ContactType) -> tuple[ChargeKind, int, Payer]:
    if contact_type == ContactType.supervised:
        return ChargeKind.supervised_session, schedule.supervised_fee, schedule.supervised_payer
    if contact_type == ContactType.indirect:
        return ChargeKind.session, 0, schedule.session_payer
    return ChargeKind.session, schedule.session_fee, schedule.session_payer


def raise_due_charges(s: Session) -> int:
    """Make the raised charges agree with what happened; returns how many changed."""
    if s.info.get("read_only"):
        return 0  # a damaged centre opened only to read: the charges as they were stored
    rows = fees.schedule_rows(s)
    standing, waived = _booking_charges(s)
    first = next((r.set_at for r in rows if r.charges_enabled), None)
    if first is None and not standing:
        return 0  # a free centre, as most are: nothing to read
    tz = get_centre(s).timezone
    since = first.date() - timedelta(days=1) if first else date.max
    charged = {booking_id for booking_id, _kind in standing}
    query = (
        select(Booking, ContactSession, Family)
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .join(Family, col(Booking.family_id) == col(Family.id))
        .where((col(ContactSession.day) >= since) | col(Booking.id).in_(charged))
    )
    found = list(s.exec(query))
    ids = [booking.id for booking, _session, _family in found]
    events: dict[int, list[AttendanceEvent]] = {}
    for event in s.exec(select(AttendanceEvent).where(col(AttendanceEvent.booking_id).in_(ids))):
        events.setdefault(event.booking_id, []).append(event)
    changed = 0
    for booking, session, family in found:
        starts = local_to_utc(session.day, session.start, tz)
        found_events = events.get(booking.id or 0, [])
        when = (session.day, starts)
        changed += _session_charge(s, rows, standing, waived, booking, family, found_events, when)
        changed += _late_cancellation(s, rows, standing, waived, booking, when)
    return changed + _raise_referral_fees(s, rows) + _raise_report_fees(s, rows)


Standing = dict[tuple[int, ChargeKind], Charge]
When = tuple[date, datetime]  # the session's day, and when it starts (aware, UTC)


def _session_charge(
    s: Session, rows: list[FeeSchedule], standing: Standing, waived: set[tuple[int, ChargeKind]],
    booking: Booking, family: Family, events: list[AttendanceEvent], when: When,
) -> int:  # fmt: skip
    """Raise the session fee of a booking attended, or void it once no longer attended."""
    day, starts = when
    assert booking.id is not None and family.id is not None
    attended = booking.status == BookingStatus.booked and attendance.outcome(events).attended
    changed = 0
    for kind in SESSION_KINDS:
        charge = standing.get((booking.id, kind))
        if charge is not None and not attended:
            void(s, charge, NO_LONGER_ATTENDED)
            changed += 1
    known = standing.keys() | waived
    if attended and not any((booking.id, kind) in known for kind in SESSION_KINDS):
        schedule = fees.in_force(rows, starts)
        kind, pence, payer = _session_fee(schedule, family.contact_type)
        if schedule.charges_enabled and pence:
            raise_charge(s, family.id, kind, pence, payer, day, booking.id)
            changed += 1
    return changed


def _late_cancellation(
    s: Session, rows: list[FeeSchedule], standing: Standing, waived: set[tuple[int, ChargeKind]],
    booking: Booking, when: When,
) -> int:  # fmt: skip
    """Raise the fee of a parent's late cancellation, or void it once booked again."""
    day, starts = when
    assert booking.id is not None
    key = (booking.id, ChargeKind.late_cancellation)
    late = standing.get(key)
    by_parent = (
        booking.status == BookingStatus.cancelled and booking.cancelled_by in CANCELLING_PARENT
    )
    if late is not None:
        if by_parent:
            return 0
        void(s, late, NO_LONGER_CANCELLED)
        return 1
    told = booking.centre_told_at
    if not by_parent or told is None or key in waived or booking.cancelled_by is None:
        return 0
    schedule = fees.in_force(rows, told)
    if not (schedule.charges_enabled and schedule.late_cancel_fee):
        return 0
    if not is_late(starts, told, schedule.late_cancel_hours):
        return 0
    payer = CANCELLING_PARENT[booking.cancelled_by]
    raise_charge(
        s, booking.family_id, ChargeKind.late_cancellation, schedule.late_cancel_fee, payer,
        day, booking.id,
    )  # fmt: skip
    return 1


def _raise_referral_fees(s: Session, rows: list[FeeSchedule]) -> int:
    """Once per family, ever: a referral fee voided (waived) stays so."""
    enabled = [r for r in rows if r.charges_enabled and r.referral_fee]
    if not enabled:
        return 0
    charged = set(s.exec(select(Charge.family_id).where(col(Charge.kind) == ChargeKind.referral)))
    accepted = select(StatusChange).where(
        col(StatusChange.from_status) == FamilyStatus.referred,
        col(StatusChange.to_status) == FamilyStatus.active,
        col(StatusChange.effective_on) >= enabled[0].set_at.date() - timedelta(days=1),
    )
    tz = get_centre(s).timezone
    changed = 0
    for change in s.exec(accepted.order_by(col(StatusChange.id))):
        # The fees as they stood at the end of the day it was accepted (the change's own
        # timestamp is the computer's, not the unit of work's clock).
        schedule = fees.in_force(rows, local_to_utc(change.effective_on, time.max, tz))
        if change.family_id in charged or not (schedule.charges_enabled and schedule.referral_fee):
            continue
        raise_charge(
            s, change.family_id, ChargeKind.referral, schedule.referral_fee,
            schedule.referral_payer, change.effective_on,
        )  # fmt: skip
        charged.add(change.family_id)
        changed += 1
    return changed


def _raise_report_fees(s: Session, rows: list[FeeSchedule]) -> int:
    """Once per family and report period released (see the module's docstring)."""
    enabled = [r for r in rows if r.charges_enabled and r.report_fee]
    if not enabled:
        return 0
    charged = select(Disclosure).join(Charge, col(Charge.disclosure_id) == col(Disclosure.id))
    seen = {(d.family_id, d.period_from, d.period_to) for d in s.exec(charged)}
    released = select(Disclosure).where(
        col(Disclosure.outcome) == DisclosureOutcome.report,
        col(Disclosure.family_id).is_not(None),
        col(Disclosure.at) >= enabled[0].set_at,
    )
    tz = get_centre(s).timezone
    changed = 0
    for entry in s.exec(released.order_by(col(Disclosure.at), col(Disclosure.id))):
        same = (entry.family_id, entry.period_from, entry.period_to)
        schedule = fees.in_force(rows, entry.at)
        if same in seen or not (schedule.charges_enabled and schedule.report_fee):
            continue
        raise_charge(
            s, entry.family_id or 0, ChargeKind.report, schedule.report_fee,
            schedule.report_payer, utc_to_local(entry.at, tz).date(), disclosure_id=entry.id,
        )  # fmt: skip
        seen.add(same)
        changed += 1
    return changed

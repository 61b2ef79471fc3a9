"""The fee schedule: what the centre charges for what, and who usually pays.

Setting fees appends a row (models/charges.FeeSchedule); the row in force at a moment is
the last one set before it. So a fee change applies to what happens from then on and
never rewrites a charge already raised, even one the reconciliation raises later for an
older session.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.errors import ValidationError
from contactcentre.store.models import FeeSchedule, Payer

PAYER_LABELS = {
    Payer.non_resident: "the parent having contact",
    Payer.resident: "the resident parent",
    Payer.cafcass: "Cafcass",
    Payer.local_authority: "the local authority",
    Payer.solicitor: "a solicitor",
}
MAX_NOTICE_HOURS = 24 * 28


@dataclass(frozen=True)
class Fees:
    """A fee schedule as plain data (pence; zero: no such fee)."""

    charges_enabled: bool = False
    referral_fee: int = 0
    referral_payer: Payer = Payer.non_resident
    session_fee: int = 0
    session_payer: Payer = Payer.non_resident
    supervised_fee: int = 0
    supervised_payer: Payer = Payer.non_resident
    report_fee: int = 0
    report_payer: Payer = Payer.non_resident
    late_cancel_fee: int = 0
    late_cancel_hours: int = 48

    def lines(self) -> list[str]:
        """The schedule in words, one fee a line."""
        if not self.charges_enabled:
            return ["This centre charges no fees."]

        def fee(name: str, pence: int, payer: Payer) -> str:
            return f"{name}: {format_pence(pence)}, usually paid by {PAYER_LABELS[payer]}"

        return [
            fee("Referral", self.referral_fee, self.referral_payer),
            fee("Supported session", self.session_fee, self.session_payer),
            fee("Supervised session", self.supervised_fee, self.supervised_payer),
            fee("Report", self.report_fee, self.report_payer),
            f"Late cancellation (less than {self.late_cancel_hours} hours before the"
            f" session): {format_pence(self.late_cancel_fee)}, paid by the parent who cancelled",
        ]


FEE_FIELDS = [f.name for f in fields(Fees)]


def _as_fees(row: FeeSchedule | None) -> Fees:
    if row is None:
        return Fees()
    return Fees(**{name: getattr(row, name) for name in FEE_FIELDS})


def schedule_rows(s: Session) -> list[FeeSchedule]:
    """Every schedule the centre has had, oldest first."""
    return list(s.exec(select(FeeSchedule).order_by(col(FeeSchedule.set_at), col(FeeSchedule.id))))


def in_force(rows: list[FeeSchedule], moment: datetime) -> Fees:
    """The fees in force at `moment` (free before the first schedule was set)."""
    found = None
    for row in rows:
        if row.set_at <= moment:
            found = row
    return _as_fees(found)


def current_fees(s: Session) -> Fees:
    rows = schedule_rows(s)
    return _as_fees(rows[-1] if rows else None)


def set_fees(s: Session, **changes: object) -> Fees:
    """Set some fees (the rest stay as they are) from now on; one audited row."""
    permissions.require(s, "manage_charges")
    unknown = sorted(set(changes) - set(FEE_FIELDS))
    if unknown:
        raise ValueError(f"not a fee: {unknown}")
    fees = replace(current_fees(s), **changes)  # type: ignore[arg-type]
    for name in FEE_FIELDS:
        value = getattr(fees, name)
        if name.endswith(("_fee", "_hours")) and (not isinstance(value, int) or value < 0):
            what = "The notice window" if name.endswith("_hours") else "A fee"
            raise ValidationError.single(name, f"{what} cannot be negative.")
    if fees.late_cancel_hours > MAX_NOTICE_HOURS:
        raise ValidationError.single(
            "late_cancel_hours",
            f"The notice for a cancellation is at most {MAX_NOTICE_HOURS} hours (four weeks).",
        )
    if fees == current_fees(s):
        return fees
    row = FeeSchedule(
        **{name: getattr(fees, name) for name in FEE_FIELDS},
        set_by=acting.actor(s),
        set_at=acting.now(s),
    )
    s.add(row)
    s.flush()
    changed = [name for name in FEE_FIELDS if name in changes]
    audit.record(s, "fees.set", entity="fee_schedule", entity_id=row.id, fields=changed)
    return fees

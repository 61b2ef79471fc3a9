"""Charges (optional per centre): the fee schedule's history, the charges raised against a
family, and the payments it made. Every amount is integer pence.

The fee schedule is append-only: a change is a new row, so the fee in force when a
session was attended is still known when its charge is raised, and a change never
rewrites a charge already raised (a charge copies its amount). A charge is never deleted:
one raised in error, or whose cause was corrected away, is voided with who, when and why.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import ChargeKind, Payer, PaymentMethod
from contactcentre.store.types import UTCDateTime, utcnow


class FeeSchedule(SQLModel, table=True):
    """The centre's fees from `set_at` until the next row. `charges_enabled` off: free."""

    __tablename__ = "fee_schedule"
    __table_args__ = (
        CheckConstraint(
            "referral_fee >= 0 AND session_fee >= 0 AND supervised_fee >= 0"
            " AND report_fee >= 0 AND late_cancel_fee >= 0 AND late_cancel_hours >= 0",
            name="fees_not_negative",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    charges_enabled: bool = False
    referral_fee: int = 0
    referral_payer: Payer = Payer.non_resident
    session_fee: int = 0  # a supported (or handover) session attended
    session_payer: Payer = Payer.non_resident
    supervised_fee: int = 0
    supervised_payer: Payer = Payer.non_resident
    report_fee: int = 0
    report_payer: Payer = Payer.non_resident
    late_cancel_fee: int = 0  # paid by the parent who cancelled
    late_cancel_hours: int = 48
    set_by: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Charge(SQLModel, table=True):
    """What a family owes for one thing. A booking has at most one standing charge of
    each kind, a released report (its disclosure log entry) at most one (the partial
    unique indexes); voided ones stay beside them."""

    __tablename__ = "charge"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="charge_positive"),
        Index(
            "one_standing_charge_per_booking",
            "booking_id",
            "kind",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
        ),
        Index(
            "one_standing_charge_per_disclosure",
            "disclosure_id",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    booking_id: int | None = Field(default=None, foreign_key="booking.id")
    disclosure_id: int | None = Field(default=None, foreign_key="disclosure.id")  # a report
    kind: ChargeKind
    description: str = ""  # by hand: what it is for; raised by an event: empty
    amount_pence: int
    payer: Payer
    charged_on: date
    raised_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    raised_by: str = ""
    voided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    voided_by: str = ""
    void_reason: str = ""
    waived: bool = False  # voided by hand: its cause never raises it again


class Payment(SQLModel, table=True):
    """Money received from or for a family; `ref` (P-0001) is the receipt number."""

    __tablename__ = "payment"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="payment_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(unique=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    paid_on: date
    amount_pence: int
    method: PaymentMethod
    payer: Payer
    payer_name: str = ""  # as typed ("Cafcass Cymru"); empty: the party's name in words
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    recorded_by: str = ""

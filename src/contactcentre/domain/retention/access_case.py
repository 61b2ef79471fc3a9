"""The family's case as it concerns one person, for the subject-access export: its status
changes, charges and payments, and the indirect-contact arrangement and items. The
third-party rule for each table is written down once, in access.py's docstring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import column
from sqlmodel import Session, SQLModel, col, or_, select

from contactcentre.documents.data import WITHHELD
from contactcentre.domain.charges.fees import PAYER_LABELS
from contactcentre.domain.charges.ledger import what_for
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.indirect.items import DECISION_LABELS, KIND_LABELS, ROUTE_LABELS
from contactcentre.domain.vocabulary import STATUS_LABELS
from contactcentre.store.models import (
    Charge,
    Family,
    IndirectArrangement,
    IndirectItem,
    ItemDecision,
    Payer,
    Payment,
    Person,
    Role,
    StatusChange,
)

Record = tuple[tuple[str, str], ...]
Row = TypeVar("Row", bound=SQLModel)
PARENTS = (Role.resident_parent, Role.non_resident_parent)
PARTY = {Role.resident_parent: Payer.resident, Role.non_resident_parent: Payer.non_resident}
ORGANISATIONS = frozenset({Payer.cafcass, Payer.local_authority, Payer.solicitor})


def name(p: Person | None) -> str:
    return f"{p.first_name} {p.last_name}".strip() if p else ""


def day(on: date | None) -> str:
    return f"{on:%d/%m/%Y}" if on else ""


@dataclass(frozen=True)
class Subject:
    """Who the export is about, and whose data in the family is theirs to see."""

    family: Family
    person: Person
    people: tuple[Person, ...]
    zone: ZoneInfo

    @property
    def parent(self) -> bool:
        return self.person.role in PARENTS

    @property
    def children(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == Role.child) if self.parent else ()

    @property
    def ours(self) -> frozenset[int | None]:
        """The person and, for a parent, the family's children."""
        return frozenset({self.person.id, *(c.id for c in self.children)})

    def called(self, person_id: int | None) -> str:
        return name(next((p for p in self.people if p.id == person_id), None))


def family_rows(s: Session, table: type[Row], who: Subject, *order: Any) -> list[Row]:
    """The family's rows of a table with a family_id, in `order`."""
    query = select(table).where(column("family_id") == who.family.id).order_by(*order)
    return list(s.exec(query))


def status_changes(s: Session, who: Subject) -> tuple[Record, ...]:
    rows = family_rows(s, StatusChange, who, col(StatusChange.effective_on), col(StatusChange.id))
    return tuple(
        (
            ("From", STATUS_LABELS[r.from_status]),
            ("To", STATUS_LABELS[r.to_status]),
            ("From the day", day(r.effective_on)),
            ("Why", r.reason),
        )
        for r in rows
    )


def _theirs(who: Subject, payer: Payer) -> bool:
    """A charge or payment is theirs when their party owes or paid it, or, for a parent,
    when an organisation pays for the family's contact."""
    return payer == PARTY.get(who.person.role) or (who.parent and payer in ORGANISATIONS)


def charges(s: Session, who: Subject) -> tuple[Record, ...]:
    rows = family_rows(s, Charge, who, col(Charge.charged_on), col(Charge.id))
    return tuple(
        (
            ("Date", day(r.charged_on)),
            ("For", what_for(r)),
            ("Amount", format_pence(r.amount_pence)),
            ("Payable by", PAYER_LABELS[r.payer]),
            ("Voided", f"{r.voided_at:%d/%m/%Y}: {r.void_reason}" if r.voided_at else ""),
        )
        for r in rows
        if _theirs(who, r.payer)
    )


def payments(s: Session, who: Subject) -> tuple[Record, ...]:
    """A payment's typed payer name is shown when an organisation paid (the organisation);
    a person who paid on the party's behalf is a third party."""
    rows = family_rows(s, Payment, who, col(Payment.paid_on), col(Payment.id))
    return tuple(
        (
            ("Receipt", r.ref),
            ("Paid", day(r.paid_on)),
            ("Amount", format_pence(r.amount_pence)),
            ("How", r.method.value),
            ("Paid by", PAYER_LABELS[r.payer]),
            ("Payer's name", r.payer_name if r.payer in ORGANISATIONS else withheld(r.payer_name)),
        )
        for r in rows
        if _theirs(who, r.payer)
    )


def withheld(value: str) -> str:
    return WITHHELD if value else ""


def indirect(s: Session, who: Subject) -> tuple[Record, ...]:
    """The arrangement (for a parent), then every item the person sent or was meant to
    receive. No address is read at all. An item sent to them that was not passed on (held
    under an order, returned, still being read) is listed without its description or the
    reason: passing its content on is what the centre decided against."""
    found: list[Record] = []
    terms = s.exec(
        select(IndirectArrangement).where(IndirectArrangement.family_id == who.family.id)
    ).first()
    if terms is not None and who.parent:
        restrained = terms.restrained_id
        found.append(
            (
                ("Indirect contact agreed", "yes" if terms.agreed else "no"),
                ("The centre reads items first", "yes" if terms.read_first else "no"),
                ("Items go to", who.called(terms.recipient_id)),
                (
                    "Items held from",
                    who.called(restrained)
                    if restrained == who.person.id
                    else withheld(who.called(restrained)),
                ),
            )
        )
    me = who.person.id
    rows = s.exec(
        select(IndirectItem)
        .where(IndirectItem.family_id == who.family.id)
        .where(or_(IndirectItem.from_id == me, IndirectItem.to_id == me))
        .order_by(col(IndirectItem.received_on), col(IndirectItem.id))
    )
    for r in rows:
        shown = r.from_id == me or r.decision == ItemDecision.pass_on
        found.append(
            (
                ("Item", r.ref),
                ("What", KIND_LABELS[r.kind]),
                ("From", who.called(r.from_id)),
                ("To", who.called(r.to_id)),
                ("Received", f"{day(r.received_on)} ({ROUTE_LABELS[r.received_how]})"),
                ("Description", r.description if shown else withheld(r.description)),
                ("Decision", DECISION_LABELS[r.decision] if r.decision else "not yet decided"),
                ("Why", r.decision_reason if shown else withheld(r.decision_reason)),
                ("Passed on", day(r.passed_on)),
                ("How", ROUTE_LABELS[r.passed_how] if r.passed_how else ""),
                ("Acknowledged", day(r.acknowledged_on)),
            )
        )
    return tuple(found)

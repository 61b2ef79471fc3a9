"""A supervised case's report details: its case number (the Cafcass CMS number, say),
who may receive its reports, and whether the court ordered them, in which case only the
recipients the order names may."""

from __future__ import annotations

from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions
from contactcentre.domain.errors import DomainError
from contactcentre.domain.supervised import occasions
from contactcentre.domain.validate import folded, free_text, name
from contactcentre.store.models import RecipientRole, ReportRecipient, SupervisedCase


class RecipientRefused(DomainError):
    """A report may not go to this recipient; says who it may go to."""


def case_of(s: Session, family_id: int) -> SupervisedCase:
    """The family's case details (an unsaved blank one until the coordinator sets them)."""
    found = s.exec(select(SupervisedCase).where(col(SupervisedCase.family_id) == family_id)).first()
    return found or SupervisedCase(family_id=family_id)


def set_case(
    s: Session, family_id: int, *, case_number: str, court_ordered: bool
) -> SupervisedCase:
    permissions.require(s, "case_details")
    occasions.supervised_family(s, family_id)
    case = case_of(s, family_id)
    case.case_number = free_text(
        "case_number", "The case number", case_number, limit=100, multiline=False
    )
    case.court_ordered = court_ordered
    s.add(case)
    s.flush()
    audit.record(
        s,
        "supervised_case.set",
        entity="supervised_case",
        entity_id=case.id,
        family_id=family_id,
        fields=["case_number", "court_ordered"],
    )
    return case


def add_recipient(
    s: Session,
    family_id: int,
    recipient_name: str,
    organisation: str,
    role: RecipientRole,
    *,
    named_in_order: bool = False,
) -> ReportRecipient:
    permissions.require(s, "case_details")
    occasions.supervised_family(s, family_id)
    try:
        who = name(recipient_name)
    except ValueError as error:
        raise DomainError(f"The recipient's name {error}.") from None
    row = ReportRecipient(
        family_id=family_id,
        name=who,
        organisation=free_text(
            "organisation", "The organisation", organisation, limit=300, multiline=False
        ),
        role=role,
        named_in_order=named_in_order,
    )
    s.add(row)
    s.flush()
    audit.record(
        s, "recipient.create", entity="report_recipient", entity_id=row.id, family_id=family_id
    )
    return row


def details(s: Session, family_id: int) -> tuple[SupervisedCase, list[ReportRecipient]]:
    """The case's details and its recipients, as the coordinator who sets them sees them."""
    permissions.require(s, "case_details")
    occasions.supervised_family(s, family_id)
    return case_of(s, family_id), recipients_of(s, family_id)


def recipients_of(s: Session, family_id: int) -> list[ReportRecipient]:
    return list(
        s.exec(
            select(ReportRecipient)
            .where(col(ReportRecipient.family_id) == family_id)
            .order_by(col(ReportRecipient.id))
        )
    )


def allowed(s: Session, family_id: int) -> list[ReportRecipient]:
    """Who may receive this case's reports: its recipients, only those the order names
    when the court ordered the reports."""
    everyone = recipients_of(s, family_id)
    if case_of(s, family_id).court_ordered:
        return [r for r in everyone if r.named_in_order]
    return everyone


def line(recipient: ReportRecipient) -> str:
    return ", ".join(part for part in (recipient.name, recipient.organisation) if part)


def check_recipient(s: Session, family_id: int, recipient: str) -> None:
    """Refuse a recipient not set for the case. A case with no recipients set yet takes
    the one given (as a letter does), unless the court ordered its reports."""
    everyone = recipients_of(s, family_id)
    case = case_of(s, family_id)
    if not everyone and not case.court_ordered:
        return
    may = allowed(s, family_id)
    first = folded(recipient.split(",")[0].strip())
    if any(folded(r.name) == first for r in may):
        return
    if not may:
        raise RecipientRefused(
            "The court ordered this case's reports and no recipient is named in the order: "
            "set the recipients first."
        )
    names = "; ".join(line(r) for r in may)
    why = "the court order names" if case.court_ordered else "are set for this case"
    raise RecipientRefused(f"A report may go only to those {why}: {names}.")

"""Printable copies of the agreement: a blank one for pre-visits, and one per adult of a
family with what they signed (or the version in force, to sign on paper)."""

from __future__ import annotations

from sqlmodel import Session

from contactcentre.documents.data import AgreementCopy
from contactcentre.domain import permissions
from contactcentre.domain.agreements.signing import parse_strokes
from contactcentre.domain.agreements.versions import (
    current_version,
    family_adults,
    filled_text,
    latest_signature,
    oldest_valid_version,
)
from contactcentre.domain.centre import letterhead
from contactcentre.domain.errors import NotFound
from contactcentre.domain.vocabulary import ROLE_LABELS, person_name
from contactcentre.store.models import Family


def blank_copy(s: Session) -> AgreementCopy:
    """An unnamed copy of the agreement in force, for pre-visits."""
    version = current_version(s)
    return AgreementCopy(
        letterhead=letterhead(s),
        version=version.version,
        text=filled_text(s, version.text),
        family_ref=None,
        person_name=None,
        role_label=None,
        signed_on=None,
        method=None,
        strokes=(),
        witnessed_by="",
    )


def agreement_copies(s: Session, family_id: int) -> list[AgreementCopy]:
    """One agreement per adult: what they signed (if it still counts), else the version in
    force with an empty signature line."""
    permissions.require(s, "agreement_copies")
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    head = letterhead(s)
    current = current_version(s)
    current_text = filled_text(s, current.text)
    valid_from = oldest_valid_version(s)
    copies = []
    for person in family_adults(s, family_id):
        assert person.id is not None
        latest = latest_signature(s, person.id)
        signed = latest if latest is not None and latest.version >= valid_from else None
        copies.append(
            AgreementCopy(
                letterhead=head,
                version=signed.version if signed else current.version,
                text=signed.text_signed if signed else current_text,
                family_ref=family.ref,
                person_name=person_name(person),
                role_label=ROLE_LABELS[person.role],
                signed_on=signed.signed_on if signed else None,
                method=signed.method.value if signed else None,
                strokes=parse_strokes(signed.strokes) if signed else (),
                witnessed_by=signed.witnessed_by if signed else "",
            )
        )
    return copies

"""The centre's agreement: its versions, and which of them each adult has signed.

Versions are never edited: saving new wording adds a version. The stored text is the
centre's template (with `{centre_name}`); what a person signs is that text filled in,
and exactly that text is kept with their signature, so a later edit never changes what
someone agreed to. A signature counts for the current version unless a version after
the one signed was saved with "everyone must sign again". Signing itself is in
`signing`; printable copies are in `agreement_copies`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, col, func, select

from contactcentre.domain import acting, audit, forms, permissions, validate
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.vocabulary import ADULT_ROLES, OPEN_STATUSES, ROLE_LABELS, person_name
from contactcentre.store.models import (
    AgreementVersion,
    Family,
    Person,
    Role,
    Signature,
    SignMethod,
)

FORM_NAME = "agreement.md"
MAX_AGREEMENT = 50_000
ROLE_ORDER = [Role.non_resident_parent, Role.resident_parent, Role.relative]

SignState = Literal["signed", "resign", "unsigned"]


# --- versions -----------------------------------------------------------------------


def current_version(s: Session) -> AgreementVersion:
    """The wording in force; the first use seeds version 1 from forms/agreement.md."""
    latest = s.exec(select(AgreementVersion).order_by(col(AgreementVersion.version).desc())).first()
    if latest is not None:
        return latest
    shipped = forms.load(FORM_NAME)
    seeded = AgreementVersion(
        version=shipped.version, text=shipped.body, requires_resign=True, created_by="(shipped)"
    )
    s.add(seeded)
    s.flush()
    audit.record(
        s,
        "agreement.version",
        entity="agreement_version",
        entity_id=seeded.id,
        fields=["text"],
        detail=f"v{seeded.version} seeded",
    )
    return seeded


def versions(s: Session) -> list[AgreementVersion]:
    """Every saved version, newest first (seeding version 1 if there are none)."""
    current_version(s)
    return list(s.exec(select(AgreementVersion).order_by(col(AgreementVersion.version).desc())))


def get_version(s: Session, version: int) -> AgreementVersion:
    found = s.exec(select(AgreementVersion).where(col(AgreementVersion.version) == version)).first()
    if found is None:
        raise NotFound(f"There is no version {version} of the agreement.")
    return found


def filled_text(s: Session, template: str) -> str:
    """The agreement as a person reads it: the centre's name put in."""
    return forms.fill(template, centre_name=get_centre(s).name)


def save_new_version(
    s: Session, text: str, requires_resign: bool = True, created_by: str = ""
) -> AgreementVersion:
    """Save new wording as the next version; earlier versions stay as they were."""
    permissions.require(s, "edit_agreement")
    current = current_version(s)
    c = validate.Checker()
    clean = c.check("text", "The agreement", validate.text, text, limit=MAX_AGREEMENT)
    if clean is not None and not clean:
        c.add("text", "The agreement cannot be empty")
    who = c.check("created_by", "Saved by", validate.name, created_by, required=False)
    c.done()
    clean += "\n"
    if clean.strip() == current.text.strip():
        raise ValidationError.single(
            "text", f"The text is the same as version {current.version}; nothing to save."
        )
    row = AgreementVersion(
        version=current.version + 1,
        text=clean,
        requires_resign=bool(requires_resign),
        created_by=who or acting.actor(s),
    )
    s.add(row)
    s.flush()
    audit.record(
        s,
        "agreement.version",
        entity="agreement_version",
        entity_id=row.id,
        fields=["text", "requires_resign"],
        detail=f"v{row.version}" + ("" if row.requires_resign else " no re-sign"),
    )
    return row


def oldest_valid_version(s: Session) -> int:
    """Signatures of this version or later count for the current agreement.

    That is the newest version saved with "everyone must sign again" (or the first one).
    """
    rows = versions(s)
    for row in rows:
        if row.requires_resign:
            return row.version
    return rows[-1].version


# --- people and their signatures --------------------------------------------------------


def latest_signature(s: Session, person_id: int) -> Signature | None:
    return s.exec(
        select(Signature)
        .where(col(Signature.person_id) == person_id)
        .order_by(col(Signature.version).desc(), col(Signature.id).desc())
    ).first()


def signatures(s: Session, person_id: int) -> list[Signature]:
    """Everything this person has signed, newest first."""
    return list(
        s.exec(
            select(Signature)
            .where(col(Signature.person_id) == person_id)
            .order_by(col(Signature.version).desc(), col(Signature.id).desc())
        )
    )


def sign_state(s: Session, person_id: int) -> SignState:
    """'signed' (counts for the current version), 'resign' (an older one) or 'unsigned'."""
    latest = latest_signature(s, person_id)
    if latest is None:
        return "unsigned"
    return "signed" if latest.version >= oldest_valid_version(s) else "resign"


@dataclass(frozen=True)
class AdultAgreement:
    """One adult of a family as the Agreement tab and readiness see them."""

    person_id: int
    name: str
    role: Role
    role_label: str
    attends: bool
    pre_visit_date: date | None
    state: SignState
    signed_version: int | None
    signed_method: SignMethod | None
    signed_on: date | None
    signature_id: int | None
    has_scan: bool

    @property
    def summary(self) -> str:
        """'Signed v2 on screen 13/03/2027', 'Re-sign needed' or 'Not signed'."""
        if self.state == "unsigned":
            return "Not signed"
        how = "on screen" if self.signed_method == SignMethod.screen else "on paper"
        when = f"{self.signed_on:%d/%m/%Y}" if self.signed_on else ""
        signed = f"Signed v{self.signed_version} {how} {when}".strip()
        return signed if self.state == "signed" else f"Re-sign needed ({signed.lower()})"


def family_adults(s: Session, family_id: int) -> list[Person]:
    """The family's adults, non-resident parent first, then resident, then relatives."""
    return _adults_in_order(s.exec(select(Person).where(col(Person.family_id) == family_id)))


def _adults_in_order(people: Iterable[Person]) -> list[Person]:
    """The adults among `people`, non-resident parent first, then resident, then relatives."""
    adults = [p for p in people if p.role in ADULT_ROLES]
    return sorted(adults, key=lambda p: (ROLE_ORDER.index(p.role), p.id or 0))


def adult_agreements(s: Session, family_id: int) -> list[AdultAgreement]:
    if s.get(Family, family_id) is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    valid_from = oldest_valid_version(s)
    rows = []
    for person in family_adults(s, family_id):
        assert person.id is not None
        latest = latest_signature(s, person.id)
        state: SignState = "unsigned"
        if latest is not None:
            state = "signed" if latest.version >= valid_from else "resign"
        rows.append(
            AdultAgreement(
                person_id=person.id,
                name=person_name(person),
                role=person.role,
                role_label=ROLE_LABELS[person.role],
                attends=person.attends,
                pre_visit_date=person.pre_visit_date,
                state=state,
                signed_version=latest.version if latest else None,
                signed_method=latest.method if latest else None,
                signed_on=latest.signed_on if latest else None,
                signature_id=latest.id if latest else None,
                has_scan=bool(latest and latest.scan),
            )
        )
    return rows


def needs_resign(s: Session, family_id: int) -> list[AdultAgreement]:
    """Adults of the family who signed a version that no longer counts."""
    return [a for a in adult_agreements(s, family_id) if a.state == "resign"]


def person_needs_resign(s: Session, person_id: int) -> bool:
    return sign_state(s, person_id) == "resign"


def families_needing_resign(s: Session) -> set[int]:
    """Open families with an adult whose latest signature no longer counts (one query,
    for the register)."""
    rows = s.exec(
        _signed_too_long_ago(s, col(Person.family_id))
        .join(Family, col(Family.id) == col(Person.family_id))
        .where(col(Family.status).in_(OPEN_STATUSES))
    )
    return set(rows)


def adults_to_sign_again(s: Session, family_ids: Collection[int]) -> dict[int, list[Person]]:
    """Each family's adults whose latest signature no longer counts, in `family_adults`'
    order (one query, for lists of many families; `needs_resign` tells one family's)."""
    people = s.exec(
        _signed_too_long_ago(s, Person).where(col(Person.family_id).in_(list(family_ids)))
    )
    found: dict[int, list[Person]] = {}
    for person in _adults_in_order(people):
        found.setdefault(person.family_id, []).append(person)
    return found


def _signed_too_long_ago(s: Session, *columns: Any) -> Any:
    """A query of `columns` of the people whose newest signature is of a version older
    than the oldest that counts."""
    return (
        select(*columns)
        .join(Signature, col(Signature.person_id) == col(Person.id))
        .group_by(col(Person.id))
        .having(func.max(Signature.version) < oldest_valid_version(s))
    )

"""The centre's agreement: its versions, who signed which, and on screen or on paper.

Versions are never edited: saving new wording adds a version. The stored text is the
centre's template (with `{centre_name}`); what a person signs is that text filled in,
and exactly that text is kept with their signature, so a later edit never changes what
someone agreed to. A signature counts for the current version unless a version after
the one signed was saved with "everyone must sign again".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Literal

from sqlmodel import Session, col, func, select

from contactcentre import forms
from contactcentre.documents.data import AgreementCopy, Letterhead
from contactcentre.domain import audit
from contactcentre.domain import validate as v
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.register import ADULT_ROLES, OPEN_STATUSES, ROLE_LABELS
from contactcentre.store.models import (
    AgreementVersion,
    Family,
    FamilyStatus,
    Person,
    Role,
    Signature,
    SignMethod,
)

FORM_NAME = "agreement.md"
MAX_AGREEMENT = 50_000
MAX_SCAN_BYTES = 10 * 1024 * 1024
MAX_POINTS = 20_000
SCAN_TYPES = {  # magic bytes -> mime type; nothing else is accepted
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
SCAN_LABELS = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPG"}
ROLE_ORDER = [Role.non_resident_parent, Role.resident_parent, Role.relative]

Point = Sequence[float]
Strokes = Sequence[Sequence[Point]]
SignState = Literal["signed", "resign", "unsigned"]


class SigningRefused(DomainError):
    """This person cannot sign now (not an adult, or the family has ended)."""


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
    current = current_version(s)
    c = v.Checker()
    clean = c.check("text", "The agreement", v.text, text, limit=MAX_AGREEMENT)
    if clean is not None and not clean:
        c.add("text", "The agreement cannot be empty")
    who = c.check("created_by", "Saved by", v.name, created_by, required=False)
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
        created_by=who or "",
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


def person_name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def _adult(s: Session, person_id: int) -> tuple[Person, Family]:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} no longer exists.")
    family = s.get(Family, person.family_id)
    assert family is not None
    if person.role not in ADULT_ROLES:
        raise SigningRefused("Only adults sign the agreement.")
    if family.status in {FamilyStatus.closed, FamilyStatus.excluded}:
        raise SigningRefused(
            f"{family.ref} is {family.status.value}; its agreements can no longer be signed."
        )
    return person, family


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
    people = s.exec(select(Person).where(col(Person.family_id) == family_id))
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
    latest = func.max(Signature.version)
    rows = s.exec(
        select(Person.family_id)
        .join(Signature, col(Signature.person_id) == col(Person.id))
        .join(Family, col(Family.id) == col(Person.family_id))
        .where(col(Family.status).in_(OPEN_STATUSES))
        .group_by(col(Person.id))
        .having(latest < oldest_valid_version(s))
    )
    return set(rows)


# --- signing ----------------------------------------------------------------------------


def clean_strokes(strokes: Strokes) -> list[list[list[float]]]:
    """Strokes as stored: lists of [x, y] rounded to 4 places and kept inside 0..1."""
    cleaned: list[list[list[float]]] = []
    total = 0
    for stroke in strokes:
        points: list[list[float]] = []
        for point in stroke:
            if len(point) != 2 or not all(math.isfinite(float(n)) for n in point):
                raise ValidationError.single("strokes", "The signature could not be read.")
            x, y = (round(min(1.0, max(0.0, float(n))), 4) for n in point)
            points.append([x, y])
        if points:
            cleaned.append(points)
            total += len(points)
    if total < 2:
        raise ValidationError.single("strokes", "The signature pad is empty: please sign first.")
    if total > MAX_POINTS:
        raise ValidationError.single(
            "strokes", "The signature is too long: clear it and sign again."
        )
    return cleaned


def parse_strokes(stored: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """A stored signature's strokes, ready for drawing ('' gives no strokes)."""
    if not stored:
        return ()
    raw = json.loads(stored)
    return tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in raw)


def _check_signed_on(c: v.Checker, signed_on: date | str | None, today: date | None) -> date:
    day = c.check("signed_on", "Date signed", v.parse_date, signed_on, required=True)
    if day is not None and today is not None:
        c.check("signed_on", "Date signed", v.past_date, day, today)
    return day  # type: ignore[return-value]  # None only when c.done() will raise


def _add_signature(
    s: Session, person: Person, family: Family, method: SignMethod, signed_on: date, **extra: object
) -> Signature:
    assert person.id is not None
    version = current_version(s)
    assert version.id is not None
    signature = Signature(
        person_id=person.id,
        agreement_version_id=version.id,
        version=version.version,
        text_signed=filled_text(s, version.text),
        method=method,
        signed_on=signed_on,
        **extra,  # type: ignore[arg-type]
    )
    s.add(signature)
    s.flush()
    fields = ["version", "text_signed", "method", "signed_on", *sorted(extra)]
    audit.record(
        s,
        "signature.create",
        entity="signature",
        entity_id=signature.id,
        family_id=family.id,
        fields=fields,
        detail=f"person {person.id} v{version.version} {method.value}",
    )
    return signature


def sign_on_screen(
    s: Session,
    person_id: int,
    strokes: Strokes,
    signed_on: date,
    *,
    today: date | None = None,
) -> Signature:
    """Record that the person signed the current version on the signature pad."""
    person, family = _adult(s, person_id)
    c = v.Checker()
    day = _check_signed_on(c, signed_on, today)
    try:
        cleaned = clean_strokes(strokes)
    except ValidationError as error:
        c.errors.update(error.errors)
    c.done()
    return _add_signature(
        s,
        person,
        family,
        SignMethod.screen,
        day,
        strokes=json.dumps(cleaned, separators=(",", ":")),
    )


def scan_mime_of(data: bytes) -> str | None:
    """The file's real type from its first bytes (PDF, PNG or JPEG), else None."""
    for magic, mime in SCAN_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def check_scan(data: bytes, scan_mime: str = "") -> str:
    """The scan's mime type, or ValueError saying why it cannot be attached."""
    if not data:
        raise ValueError("is an empty file")
    if len(data) > MAX_SCAN_BYTES:
        raise ValueError(
            f"is too large ({len(data) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_SCAN_BYTES // 1024 // 1024} MB): scan at a lower resolution"
        )
    mime = scan_mime_of(data)
    if mime is None:
        raise ValueError("must be a PDF, PNG or JPG file")
    if scan_mime and scan_mime.lower() not in SCAN_LABELS:
        raise ValueError("must be a PDF, PNG or JPG file")
    return mime


def sign_on_paper(
    s: Session,
    person_id: int,
    signed_on: date,
    witnessed_by: str,
    scan: bytes | None = None,
    scan_mime: str = "",
    scan_filename: str = "",
    *,
    today: date | None = None,
) -> Signature:
    """Record a paper signature, witnessed, with an optional scan kept in the database.

    The scan's type is taken from its contents (PDF, PNG or JPG), not from its name.
    """
    person, family = _adult(s, person_id)
    c = v.Checker()
    day = _check_signed_on(c, signed_on, today)
    witness = c.check("witnessed_by", "Witnessed by", v.name, witnessed_by)
    mime = ""
    filename = ""
    if scan is not None:
        mime = c.check("scan", "The scan", check_scan, scan, scan_mime) or ""
        filename = c.check(
            "scan", "The scan's name", v.text, PurePath(scan_filename or "").name, limit=200
        )
    c.done()
    return _add_signature(
        s,
        person,
        family,
        SignMethod.paper,
        day,
        witnessed_by=witness,
        scan=scan if scan else None,
        scan_mime=mime,
        scan_filename=filename or "",
    )


@dataclass(frozen=True)
class Scan:
    data: bytes
    mime: str
    filename: str

    @property
    def suffix(self) -> str:
        return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[self.mime]


def signature_scan(s: Session, signature_id: int) -> Scan:
    signature = s.get(Signature, signature_id)
    if signature is None or not signature.scan:
        raise NotFound("There is no scan attached to this signature.")
    return Scan(signature.scan, signature.scan_mime, signature.scan_filename)


# --- printable copies ----------------------------------------------------------------------


def letterhead(s: Session) -> Letterhead:
    centre = get_centre(s)
    return Letterhead(
        name=centre.name,
        address=centre.address,
        phone=v.display_phone(centre.phone),
        email=centre.email,
        charity_number=centre.charity_number,
        accreditation_line=centre.accreditation_line,
    )


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

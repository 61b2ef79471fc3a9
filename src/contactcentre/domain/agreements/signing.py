"""Signing the agreement in force: on the signature pad, or on paper with a witness
(and a scan, if there is one). What the person signs is kept with their signature."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from pathlib import PurePath

from sqlmodel import Session

from contactcentre.domain import audit, permissions, validate
from contactcentre.domain.agreements.scans import check_scan
from contactcentre.domain.agreements.versions import current_version, filled_text
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.vocabulary import ADULT_ROLES
from contactcentre.store.models import (
    Family,
    FamilyStatus,
    Person,
    Signature,
    SignMethod,
)

MAX_POINTS = 20_000

Point = Sequence[float]
Strokes = Sequence[Sequence[Point]]


class SigningRefused(DomainError):
    """This person cannot sign now (not an adult, or the family has ended)."""


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


def _check_signed_on(c: validate.Checker, signed_on: date | str | None, today: date | None) -> date:
    day = c.check("signed_on", "Date signed", validate.parse_date, signed_on, required=True)
    if day is not None and today is not None:
        c.check("signed_on", "Date signed", validate.past_date, day, today)
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
    permissions.require(s, "sign_agreements")
    person, family = _adult(s, person_id)
    c = validate.Checker()
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
    permissions.require(s, "sign_agreements")
    person, family = _adult(s, person_id)
    c = validate.Checker()
    day = _check_signed_on(c, signed_on, today)
    witness = c.check("witnessed_by", "Witnessed by", validate.name, witnessed_by)
    mime = ""
    filename = ""
    if scan is not None:
        mime = c.check("scan", "The scan", check_scan, scan, scan_mime) or ""
        filename = c.check(
            "scan", "The scan's name", validate.text, PurePath(scan_filename or "").name, limit=200
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

"""The centre's own details and settings (the one `centre` row)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from contactcentre.domain import audit
from contactcentre.domain import validate as v
from contactcentre.domain.errors import NotFound
from contactcentre.store.models import Centre

MIN_PASSPHRASE = 8


@dataclass
class CentreDetails:
    name: str
    address: str = ""
    phone: str = ""
    charity_number: str = ""


def passphrase_problem(passphrase: str, repeat: str | None = None) -> str | None:
    """Why this passphrase cannot be used, or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Use at least {MIN_PASSPHRASE} characters; a short phrase of words is best."
    if repeat is not None and passphrase != repeat:
        return "The two passphrases are not the same."
    return None


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough 0–4 score and a plain hint, for the meter on the setup screen."""
    length = len(passphrase)
    kinds = sum(
        bool(any(test(ch) for ch in passphrase))
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    score = 0
    if length >= MIN_PASSPHRASE:
        score = 1
    if length >= 12 and kinds >= 2:
        score = 2
    if length >= 16 and (kinds >= 3 or words >= 3):
        score = 3
    if length >= 20 and (kinds >= 3 or words >= 4):
        score = 4
    hints = [
        "Too short.",
        "Weak: add more words.",
        "Fair: a longer phrase would be stronger.",
        "Good.",
        "Strong.",
    ]
    return score, hints[score]


def clean_details(details: CentreDetails) -> CentreDetails:
    c = v.Checker()
    clean = CentreDetails(
        name=c.check("name", "Centre name", v.name, details.name),
        address=c.check("address", "Address", v.text, details.address, limit=500),
        phone=c.check("phone", "Phone", v.uk_phone, details.phone),
        charity_number=c.check(
            "charity_number", "Charity number", v.text, details.charity_number, limit=40
        ),
    )
    c.done()
    return clean


def get_centre(s: Session) -> Centre:
    centre = s.get(Centre, 1)
    if centre is None:
        raise NotFound("The centre's details are missing from the database.")
    return centre


def create_centre(s: Session, details: CentreDetails) -> Centre:
    clean = clean_details(details)
    centre = Centre(
        name=clean.name,
        address=clean.address,
        phone=clean.phone,
        charity_number=clean.charity_number,
    )
    s.add(centre)
    s.flush()
    audit.record(s, "centre.create", entity="centre", entity_id=1)
    return centre


def update_centre(s: Session, **changes: object) -> Centre:
    """Change settings; unknown names are a programming error, bad values a ValidationError."""
    centre = get_centre(s)
    if "name" in changes or "address" in changes or "phone" in changes:
        clean = clean_details(
            CentreDetails(
                name=str(changes.get("name", centre.name)),
                address=str(changes.get("address", centre.address)),
                phone=str(changes.get("phone", centre.phone)),
                charity_number=str(changes.get("charity_number", centre.charity_number)),
            )
        )
        changes.update(vars(clean))
    for key, value in changes.items():
        if not hasattr(centre, key) or key == "id":
            raise AttributeError(key)
        setattr(centre, key, value)
    s.add(centre)
    audit.record(s, "centre.update", entity="centre", entity_id=1, fields=changes.keys())
    return centre

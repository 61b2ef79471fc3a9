"""What each printed document may show, as plain frozen dataclasses.

`domain/` builds these; a renderer in `documents/` turns one into PDF bytes and never
queries the store. Whatever has no field here cannot reach the paper: there is no field
for notes, observations, referral or court details, and addresses appear only in the
centre's own letterhead (and, in a letter, the recipient's block).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

Point = tuple[float, float]
Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Letterhead:
    """The centre's own details, printed at the top of letters and agreements."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    accreditation_line: str = ""


@dataclass(frozen=True)
class AgreementCopy:
    """One printable agreement: blank (no person) or for one adult, signed or not."""

    letterhead: Letterhead
    version: int
    text: str
    family_ref: str | None
    person_name: str | None
    role_label: str | None
    signed_on: date | None
    method: str | None  # "screen" or "paper" once signed
    strokes: tuple[Stroke, ...]  # a signature drawn on screen, in 0..1 pad units
    witnessed_by: str


@dataclass(frozen=True)
class SheetAdult:
    first_name: str
    last_name: str
    role_label: str
    planned_arrive: time | None
    planned_leave: time | None


@dataclass(frozen=True)
class SheetFamily:
    ref: str
    children_first_names: tuple[str, ...]
    adults: tuple[SheetAdult, ...]
    dropoff: time | None
    pickup: time | None


@dataclass(frozen=True)
class SigninSheet:
    """A session's sign-in sheet; `day` None (and no families) is the blank sheet."""

    centre_name: str
    day: date | None
    start: time | None
    end: time | None
    families: tuple[SheetFamily, ...]
    notes: str

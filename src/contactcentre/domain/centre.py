"""The centre's own details and settings (the one `centre` row), and its letterhead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from contactcentre.domain import audit, permissions, schedule, validate
from contactcentre.domain.errors import NotFound
from contactcentre.store.models import Centre

if TYPE_CHECKING:  # imported by `letterhead`: every document's data, which launching needs none of
    from contactcentre.documents.data import Letterhead

MIN_PASSPHRASE = 8
RULE_EXAMPLE = "FREQ=MONTHLY;BYDAY=+2SA,+4SA"
DAY_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


@dataclass
class CentreDetails:
    name: str
    address: str = ""
    phone: str = ""
    charity_number: str = ""
    coordinator_name: str = ""  # signs the centre's letters


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


def opening_rule(value: str) -> str:
    """An RFC 5545 rule the calendar can use, e.g. FREQ=MONTHLY;BYDAY=+2SA,+4SA."""
    rule = validate.text(value, limit=200, multiline=False).upper().removeprefix("RRULE:")
    if not rule:
        raise ValueError(f"is required (for example {RULE_EXAMPLE})")
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    try:
        schedule.occurrences(rule, date(2000, 1, 1), date(2000, 12, 31))
    except schedule.ScheduleError:
        raise ValueError(f"is not a rule the calendar understands (try {RULE_EXAMPLE})") from None
    if parts.get("FREQ") not in DAY_FREQUENCIES:
        raise ValueError("must repeat daily, weekly, monthly or yearly")
    return rule


def clock_time(value: time | str) -> time:
    return value if isinstance(value, time) else validate.quick_time(value)


def whole_number(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"must be a whole number from {low} to {high}")
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"must be a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise ValueError(f"must be from {low} to {high}")
    return number


def _number(low: int, high: int) -> Callable[[Any], int]:
    return partial(whole_number, low=low, high=high)


# What each setting is called on screen and how it is checked. Settings not listed here
# (the security options, the time zone) are stored as given by the code that owns them.
CHECKS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "name": ("Centre name", validate.name),
    "address": ("Address", partial(validate.text, limit=500)),
    "phone": ("Phone", validate.uk_phone),
    "email": ("Email", validate.email),
    "charity_number": ("Charity number", partial(validate.text, limit=40, multiline=False)),
    "accreditation_line": (
        "Accreditation line",
        partial(validate.text, limit=200, multiline=False),
    ),
    "coordinator_name": ("Coordinator's name", partial(validate.name, required=False)),
    "opening_rule": ("Opening pattern", opening_rule),
    "opening_start": ("Opening time", clock_time),
    "opening_end": ("Closing time", clock_time),
    "capacity": ("Families per session", _number(1, 20)),
    "handover_gap_minutes": ("Gap between handovers", _number(0, 60)),
    "nonresident_early_minutes": ("Visiting parent arrives early by", _number(1, 120)),
    "nonresident_late_minutes": ("Visiting parent stays late by", _number(1, 120)),
    "short_notice_hours": ("Short notice", _number(0, 14 * 24)),
    "overdue_after_minutes": ("Overdue after", _number(1, 240)),
    "review_months": ("Review after", _number(1, 36)),
    "dbs_recheck_years": ("DBS recheck after", _number(1, 10)),
    "complaint_acknowledge_working_days": ("Acknowledge a complaint within", _number(1, 30)),
    "complaint_respond_days": ("Respond to a complaint within", _number(1, 120)),
}


def clean_settings(changes: dict[str, object], current: Centre | None = None) -> dict[str, object]:
    """The changes with every value checked; ValidationError naming each bad field."""
    c = validate.Checker()
    clean: dict[str, object] = {}
    for key, value in changes.items():
        if key in CHECKS:
            label, check = CHECKS[key]
            clean[key] = c.check(key, label, check, value)
        else:
            clean[key] = value
    start = clean.get("opening_start", current.opening_start if current else None)
    end = clean.get("opening_end", current.opening_end if current else None)
    if isinstance(start, time) and isinstance(end, time) and end <= start:
        c.add("opening_end", "Closing time must be after the opening time.")
    c.done()
    return clean


def clean_details(details: CentreDetails) -> CentreDetails:
    clean = clean_settings(vars(details))
    return CentreDetails(**{key: str(value) for key, value in clean.items()})


def get_centre(s: Session) -> Centre:
    centre = s.get(Centre, 1)
    if centre is None:
        raise NotFound("The centre's details are missing from the database.")
    return centre


def letterhead(s: Session) -> Letterhead:
    """The centre's details as every letter and printed agreement shows them."""
    from contactcentre.documents.data import Letterhead

    centre = get_centre(s)
    return Letterhead(
        name=centre.name,
        address=centre.address,
        phone=validate.display_phone(centre.phone),
        email=centre.email,
        charity_number=centre.charity_number,
        accreditation_line=centre.accreditation_line,
    )


def create_centre(s: Session, details: CentreDetails) -> Centre:
    clean = clean_details(details)
    centre = Centre(
        name=clean.name,
        address=clean.address,
        phone=clean.phone,
        charity_number=clean.charity_number,
        coordinator_name=clean.coordinator_name,
    )
    s.add(centre)
    s.flush()
    audit.record(s, "centre.create", entity="centre", entity_id=1)
    return centre


def update_centre(s: Session, **changes: object) -> Centre:
    """Change settings; unknown names are a programming error, bad values a ValidationError
    (then nothing is changed)."""
    permissions.require(s, "centre_settings")
    centre = get_centre(s)
    for key in changes:
        if key not in Centre.model_fields or key == "id":
            raise AttributeError(key)
    clean = clean_settings(changes, centre)
    for key, value in clean.items():
        setattr(centre, key, value)
    s.add(centre)
    audit.record(s, "centre.update", entity="centre", entity_id=1, fields=clean.keys())
    return centre


def editable_settings(centre: Centre) -> dict[str, object]:
    """The settings the centre screen edits, as stored."""
    return {key: getattr(centre, key) for key in CHECKS}

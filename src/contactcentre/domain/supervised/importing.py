"""`import-observations`: records written on paper or in Word, typed into a sheet.

One row per session: `family_ref,date,worker,aim,observation,child_response,safeguarding,
safeguarding_details`. The family must have supervised contact and a booking (or an
escorted visit) that day with no record yet. Records arrive submitted, written by
`worker`, so that person cannot approve them. All or nothing: any bad row refuses the
file, with a `row N:` line for each.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, func, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.families import ref_key
from contactcentre.domain.register.tabular import ImportFailed, Table, read_rows
from contactcentre.domain.supervised import occasions
from contactcentre.domain.validate import name, parse_date, text
from contactcentre.store.models import (
    ContactType,
    Family,
    ObservationRecord,
    ObservationState,
)

OBSERVATIONS = Table(
    columns=(
        "family_ref",
        "date",
        "worker",
        "aim",
        "observation",
        "child_response",
        "safeguarding",
        "safeguarding_details",
    ),
    required=8,
    multiline=frozenset({"aim", "observation", "child_response", "safeguarding_details"}),
)


def _row(s: Session, row: dict[str, str], taken: set[tuple[str, int]]) -> ObservationRecord:
    """One row as a record to add; a ValueError or DomainError says what is wrong."""
    ref = row["family_ref"].strip()
    family = s.exec(select(Family).where(func.upper(col(Family.ref)) == ref_key(ref))).first()
    if family is None or family.id is None:
        raise ValueError(f"no family with reference {ref[:30]!r}")
    if family.contact_type != ContactType.supervised:
        raise ValueError(f"{family.ref} has {family.contact_type.value} contact, not supervised")
    try:
        day = parse_date(row["date"], required=True)
    except ValueError as error:
        raise ValueError(f"date {error}") from None
    assert day is not None
    booking = occasions.booking_on(s, family.id, day)
    visit = None if booking is not None else occasions.escorted_on(s, family.id, day)
    if booking is None and visit is None:
        raise ValueError(f"{family.ref} has no booking on {day:%d/%m/%Y}")
    try:
        worker = name(row["worker"])
    except ValueError as error:
        raise ValueError(f"worker {error}") from None
    observation = text(row["observation"], limit=20_000)
    if not observation:
        raise ValueError("observation is empty: say what happened")
    answer = row["safeguarding"].strip().lower()
    if answer not in {"yes", "no"}:
        raise ValueError("safeguarding must be yes or no")
    safeguarding = answer == "yes"
    details = text(row["safeguarding_details"], limit=20_000)
    if safeguarding and not details:
        raise ValueError("safeguarding is yes: give the safeguarding_details")
    if booking is not None:
        key, where = ("booking", booking.id or 0), col(ObservationRecord.booking_id) == booking.id
    else:
        assert visit is not None
        key = ("escorted", visit.id or 0)
        where = col(ObservationRecord.escorted_visit_id) == visit.id
    existing = s.exec(select(ObservationRecord).where(where)).first()
    if existing is not None or key in taken:
        raise ValueError(f"{family.ref} already has a record for {day:%d/%m/%Y}")
    taken.add(key)
    now = acting.now(s)
    return ObservationRecord(
        family_id=family.id,
        booking_id=booking.id if booking else None,
        escorted_visit_id=visit.id if visit else None,
        state=ObservationState.submitted,
        aim=text(row["aim"], limit=20_000),
        what_happened=observation,
        child_response=text(row["child_response"], limit=20_000),
        safeguarding=safeguarding,
        safeguarding_details=details,
        author=worker,
        created_at=now,
        updated_at=now,
        submitted_at=now,
    )


def import_observations(s: Session, path: Path) -> int:
    """Add every row's record, or none; returns how many were added."""
    permissions.require(s, "import_records")
    problems: list[str] = []
    found: list[ObservationRecord] = []
    taken: set[tuple[str, int]] = set()
    for number, row in read_rows(path, OBSERVATIONS):
        try:
            found.append(_row(s, row, taken))
        except (ValueError, DomainError) as error:
            problems.append(f"row {number}: {error}")
    if problems:
        raise ImportFailed(problems)
    if not found:
        raise ImportFailed(["the file has no rows under its header"])
    for record in found:
        s.add(record)
        s.flush()
        audit.record(
            s,
            "observation.import",
            entity="observation_record",
            entity_id=record.id,
            family_id=record.family_id,
        )
    return len(found)

"""A session's planned times as the faces show them, and which of them moved when the
session was planned again (booking.py's rule says when they may)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from contactcentre.domain.bookings import handovers
from contactcentre.store.models import Family, Person, Role

# The four planned times, as `book --json` and `session --json` name them.
PLAN_KEYS = ("non_resident_arrive", "child_dropoff", "child_pickup", "non_resident_leave")


def plan_json(family_ref: str, day: date, plan: handovers.HandoverPlan | None) -> dict[str, Any]:
    """A family's planned times on a day as the CLI prints them (`None` for each time when
    the booking has no plan, e.g. a past one brought in by an attendance import)."""
    times = (
        (plan.nonresident_arrive, plan.child_dropoff, plan.child_pickup, plan.nonresident_leave)
        if plan is not None
        else (None, None, None, None)
    )
    return {
        "family": family_ref,
        "date": day.isoformat(),
        **{key: f"{t:%H:%M}" if t else None for key, t in zip(PLAN_KEYS, times, strict=True)},
    }


@dataclass(frozen=True)
class PlannedTimes:
    family_ref: str
    day: date
    plan: handovers.HandoverPlan

    def as_json(self) -> dict[str, Any]:
        return plan_json(self.family_ref, self.day, self.plan)


# The planned times in a coordinator's words.
PLAN_WORDS = dict(
    zip(PLAN_KEYS, ("visitor arrives", "drop-off", "collection", "visitor leaves"), strict=True)
)


@dataclass(frozen=True)
class MovedTime:
    family_ref: str
    key: str  # one of PLAN_KEYS
    before: str  # HH:MM
    after: str
    day: date | None = None
    confirmed: bool = False  # the family had been told this time ("Confirm times")


def moved_times(before: dict[str, PlannedTimes], after: dict[str, PlannedTimes]) -> list[MovedTime]:
    """Each planned time that differs between two `session_plans` of the same day (for
    families in both), e.g. collections brought forward when another family was booked."""
    moved = []
    for ref in sorted(before.keys() & after.keys()):
        old, new = before[ref].as_json(), after[ref].as_json()
        day = before[ref].day
        moved += [MovedTime(ref, k, old[k], new[k], day) for k in PLAN_KEYS if old[k] != new[k]]
    return moved


def family_names(s: Session, refs: Collection[str]) -> dict[str, str]:
    """ "F-0001 Jones" for each reference, by its first child's family name."""
    query = (
        select(Family.ref, Person.last_name)
        .join(Person, col(Person.family_id) == col(Family.id))
        .where(col(Family.ref).in_(refs), col(Person.role) == Role.child)
        .order_by(col(Person.id).desc())
    )
    names = {ref: ref for ref in refs}
    names.update({ref: f"{ref} {last}".strip() for ref, last in s.exec(query)})
    return names


def moves_in_words(moves: list[MovedTime], names: dict[str, str] | None = None) -> list[str]:
    """One line a family: "F-0001 Jones: collection 12:00 → 11:55, visitor leaves 12:15 → 12:10"
    (with the day when the moves span several, and "(confirmed)" for times parents were told)."""
    names = names or {}
    lines: dict[tuple[date | None, str], list[str]] = {}
    for m in moves:
        lines.setdefault((m.day, m.family_ref), []).append(
            f"{PLAN_WORDS[m.key]} {m.before} → {m.after}"
        )
    days = {day for day, _ in lines}
    confirmed = {(m.day, m.family_ref) for m in moves if m.confirmed}
    return [
        (f"{day:%a %d %b}: " if len(days) > 1 and day else "")
        + names.get(ref, ref)
        + (" (confirmed)" if (day, ref) in confirmed else "")
        + ": "
        + ", ".join(words)
        for (day, ref), words in lines.items()
    ]


def moves_sentence(s: Session, moved: list[MovedTime]) -> str:
    """ " Times moved: F-0001 Jones: collection 11:55 → 12:00." ("" when none moved), to
    follow a sentence saying what was done."""
    if not moved:
        return ""
    names = family_names(s, {m.family_ref for m in moved})
    return f" Times moved: {'; '.join(moves_in_words(moved, names))}."

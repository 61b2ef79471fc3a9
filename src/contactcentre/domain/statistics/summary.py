"""A period's figures in one value, as `stats --json` prints them, and as rows in the
order of the NACCC return (the screen's table, the funders' report and the CSV).

Figures whose records do not exist yet are None (`null` in JSON, "not recorded" on
screen, paper and CSV), never 0, which would claim that none happened:
- `outcomes` counts the families closed in the period by the outcome recorded when they
  were closed (the keys in OUTCOMES); those closed before outcomes were recorded are
  counted apart in `outcomes_not_recorded`, never guessed from their reason;
- `volunteer_hours` is the volunteers' time on the rota (each session's length for each
  volunteer on it), so it is None while no rota has been kept for the period at all.
`not_recorded` lists the keys that are None for want of records, so a script can tell
"not recorded" from a bug.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from contactcentre.domain import permissions
from contactcentre.domain.bookings.lines import CANCELLED_BY
from contactcentre.domain.centre import get_centre
from contactcentre.domain.statistics import concerns, figures
from contactcentre.domain.statistics import places as availability
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.team import headcounts
from contactcentre.domain.vocabulary import CONTACT_LABELS
from contactcentre.store.models import (
    CancelledBy,
    CaseOutcome,
    IncidentCategory,
    ReferralSource,
    TeamRole,
)

NOT_RECORDED = "not recorded"
# How a family's time at the centre ends: the outcome recorded when it is closed.
OUTCOMES = tuple(o.value for o in CaseOutcome)


@dataclass(frozen=True)
class Statistics:
    period: Period
    referrals_by_source: dict[ReferralSource, int]
    referrals_accepted: int
    referrals_rejected: int
    withdrawn_before_starting: int
    no_shows: int
    seen: figures.Seen
    team_headcount: dict[TeamRole, int]
    places: availability.Places
    sessions_cancelled: int
    cancellations_by: dict[CancelledBy, int]
    contact_hours: availability.ContactHours
    families_closed: int
    average_days_at_centre: float | None
    outcomes: dict[CaseOutcome, int]
    outcomes_not_recorded: int
    rota_minutes: dict[TeamRole, int]
    complaints_received: int
    complaints_resolved: int
    incidents_by_category: dict[IncidentCategory, int]

    @property
    def volunteer_hours(self) -> float | None:
        """None while nobody at all was on the rota in the period (no rota kept)."""
        if not any(self.rota_minutes.values()):
            return None
        return round(self.rota_minutes[TeamRole.volunteer] / 60, 1)

    @property
    def referrals_received(self) -> int:
        return sum(self.referrals_by_source.values())

    @property
    def capacity_use_percent(self) -> float | None:
        return availability.capacity_use_percent(self.places)


def statistics_for(s: Session, period: Period) -> Statistics:
    """The figures for `period` (see figures.py for what each one counts)."""
    permissions.require(s, "see_statistics")
    closed, average = figures.average_days_at_centre(s, period)
    outcomes, unknown = figures.outcomes(s, period)
    tz = get_centre(s).timezone
    return Statistics(
        period=period,
        referrals_by_source=figures.referrals_by_source(s, period),
        referrals_accepted=figures.referrals_accepted(s, period),
        referrals_rejected=figures.referrals_rejected(s, period),
        withdrawn_before_starting=figures.withdrawn_before_starting(s, period),
        no_shows=figures.no_shows(s, period),
        seen=figures.seen(s, period),
        team_headcount=headcounts.active_headcount(s, period.start, period.end),
        places=availability.places(s, period),
        sessions_cancelled=availability.sessions_cancelled(s, period),
        cancellations_by=availability.cancellations_by(s, period),
        contact_hours=availability.contact_hours(s, period, tz),
        families_closed=closed,
        average_days_at_centre=average,
        outcomes=outcomes,
        outcomes_not_recorded=unknown,
        rota_minutes=headcounts.rota_minutes(s, period.start, period.end),
        complaints_received=concerns.complaints_received(s, period),
        complaints_resolved=concerns.complaints_resolved(s, period),
        incidents_by_category=concerns.incidents_by_category(s, period, tz),
    )


def _keyed(counts: dict[Any, int]) -> dict[str, int]:
    return {str(key.value): n for key, n in counts.items()}


def as_json(stats: Statistics) -> dict[str, Any]:
    """The figures as `stats --json` prints them (the keys are a contract)."""
    seen, places = stats.seen, stats.places
    team = stats.team_headcount
    return {
        "from": stats.period.start.isoformat(),
        "to": stats.period.end.isoformat(),
        "referrals_received": stats.referrals_received,
        "referrals_by_source": _keyed(stats.referrals_by_source),
        "referrals_accepted": stats.referrals_accepted,
        "referrals_rejected": stats.referrals_rejected,
        "withdrawn_before_starting": stats.withdrawn_before_starting,
        "no_shows": stats.no_shows,
        "families_seen": seen.families,
        "families_new": seen.families_new,
        "families_continuing": seen.families_continuing,
        "children_seen": seen.children,
        "children_new": seen.children_new,
        "children_continuing": seen.children_continuing,
        "families_by_contact_type": _keyed(seen.families_by_contact_type),
        "children_by_contact_type": _keyed(seen.children_by_contact_type),
        "team_headcount": _keyed(team),
        "volunteers": team[TeamRole.volunteer],
        "staff": team[TeamRole.coordinator] + team[TeamRole.supervisor],
        "volunteer_hours": stats.volunteer_hours,
        "sessions_held": places.sessions_held,
        "sessions_cancelled": stats.sessions_cancelled,
        "places_available": places.places_available,
        "places_booked": places.places_booked,
        "places_attended": places.places_attended,
        "capacity_use_percent": stats.capacity_use_percent,
        "cancellations_by": _keyed(stats.cancellations_by),
        "contact_hours": stats.contact_hours.hours,
        "contact_hours_estimated_bookings": stats.contact_hours.estimated,
        "outcomes": _keyed(stats.outcomes),
        "outcomes_not_recorded": stats.outcomes_not_recorded,
        "families_closed": stats.families_closed,
        "average_days_at_centre": stats.average_days_at_centre,
        "complaints_received": stats.complaints_received,
        "complaints_resolved": stats.complaints_resolved,
        "incidents_by_category": _keyed(stats.incidents_by_category),
        "not_recorded": [] if stats.volunteer_hours is not None else ["volunteer_hours"],
    }


# --- the NACCC return's order -------------------------------------------------------------

CONTACT_WORDS = {kind: label.lower() for kind, label in CONTACT_LABELS.items()}
SOURCE_WORDS = {
    ReferralSource.cafcass: "Cafcass",
    ReferralSource.social_services: "social services",
    ReferralSource.solicitor: "a solicitor",
    ReferralSource.mediator: "a mediator",
    ReferralSource.court: "a court",
    ReferralSource.self: "self-referral (the parents)",
}
OUTCOME_WORDS = {
    "moved_on": "moved on to arrangements of their own",
    "handover_only": "moved to handover only",
    "stepped_up": "stepped up to supervised contact",
    "other_centre": "moved to another centre",
    "court_stopped": "stopped by the court",
    "withdrew": "a parent withdrew",
    "excluded": "excluded",
    "other": "other",
}

INCIDENT_WORDS = {c: c.value.replace("_", " ") for c in IncidentCategory}

Row = tuple[str, str]  # (the figure as the return words it, its key in as_json: "a.b" nested)


def _each(label: str, key: str, words: dict[Any, str]) -> list[Row]:
    """One row per member of a keyed count: label "{}" filled with the member's words."""
    return [(label.format(w), f"{key}.{getattr(k, 'value', k)}") for k, w in words.items()]


SECTIONS: dict[str, list[Row]] = {
    "Referrals": [
        ("Referrals received", "referrals_received"),
        *_each("Referred by {}", "referrals_by_source", SOURCE_WORDS),
        ("Referrals accepted", "referrals_accepted"),
        ("Referrals not accepted (rejected)", "referrals_rejected"),
        ("Withdrawn before starting", "withdrawn_before_starting"),
        ("No-shows (offered a place, never came)", "no_shows"),
    ],
    "Children and families": [
        ("Families seen", "families_seen"),
        ("Families seen, new", "families_new"),
        ("Families seen, continuing", "families_continuing"),
        *_each("Families seen, {}", "families_by_contact_type", CONTACT_WORDS),
        ("Children seen", "children_seen"),
        ("Children seen, new", "children_new"),
        ("Children seen, continuing", "children_continuing"),
        *_each("Children seen, {}", "children_by_contact_type", CONTACT_WORDS),
    ],
    "Volunteers and staff": [
        ("Volunteers (headcount)", "volunteers"),
        ("Staff: coordinators and supervisors (headcount)", "staff"),
        ("Volunteer hours", "volunteer_hours"),
    ],
    "Availability": [
        ("Sessions held", "sessions_held"),
        ("Sessions cancelled by the centre", "sessions_cancelled"),
        ("Places available", "places_available"),
        ("Places booked", "places_booked"),
        ("Places attended", "places_attended"),
        ("Capacity use (%)", "capacity_use_percent"),
        *_each("Bookings cancelled by {}", "cancellations_by", CANCELLED_BY),
        ("Contact hours delivered", "contact_hours"),
    ],
    "Outcomes": [
        ("Families closed after coming to sessions", "families_closed"),
        ("Average days at the centre (first session to closing)", "average_days_at_centre"),
        *_each("Outcome: {}", "outcomes", OUTCOME_WORDS),
        ("Outcome not recorded (closed before outcomes were kept)", "outcomes_not_recorded"),
    ],
    "Complaints and incidents": [
        ("Complaints received", "complaints_received"),
        ("Complaints resolved", "complaints_resolved"),
        *_each("Incidents: {}", "incidents_by_category", INCIDENT_WORDS),
    ],
}
# (section, figure, key), in the order of the NACCC return.
FIGURES: tuple[tuple[str, str, str], ...] = tuple(
    (section, label, key) for section, rows in SECTIONS.items() for label, key in rows
)


def value_of(figures_json: dict[str, Any], key: str) -> Any:
    """A figure out of as_json's dict: "cancellations_by.centre" reads a nested count;
    inside an object that is not recorded (None) every count is None too."""
    value: Any = figures_json
    for part in key.split("."):
        value = None if value is None else value[part]
    return value


# A figure that is None because there is nothing to divide by, not for want of records.
NOTHING_TO_COUNT = {
    "capacity_use_percent": "no sessions held",
    "average_days_at_centre": "no families closed",
}


def shown(value: Any, key: str = "") -> str:
    """A figure as the screen, the paper and the CSV show it."""
    if value is None:
        return NOTHING_TO_COUNT.get(key, NOT_RECORDED)
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def naccc_rows(stats: Statistics) -> list[tuple[str, str, str, str]]:
    """(section, figure, key, value) in the return's order."""
    data = as_json(stats)
    return [
        (section, label, key, shown(value_of(data, key), key)) for section, label, key in FIGURES
    ]


CSV_COLUMNS = ("section", "figure", "key", "value")


def naccc_csv(s: Session, period: Period) -> bytes:
    """The NACCC return as CSV: one row per figure, in the return's order."""
    permissions.require(s, "export_statistics")
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(naccc_rows(statistics_for(s, period)))
    return text.getvalue().encode("utf-8")

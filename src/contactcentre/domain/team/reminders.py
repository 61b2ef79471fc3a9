"""What the volunteer register needs from the coordinator soon: DBS rechecks, trial
reviews and training that expires, each due within `WINDOW` or already overdue.

Each reminder names the person and says what is due and when, in words ("DBS recheck
overdue since Sat 13 Mar 2027"): never a phone number, a certificate number or a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.team.register import (
    DBS_REQUIRED,
    active_on,
    dbs_recheck_due,
    trial_reviews,
)
from contactcentre.store.models import TeamMember, TeamTraining

WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class TeamReminder:
    member_id: int
    name: str
    words: str
    overdue: bool


def _when(what: str, due: date, today: date) -> tuple[str, bool] | None:
    """ "<what> due Sat 13 Mar 2027" within the window, "overdue since" after it, else None."""
    if due < today:
        return f"{what} overdue since {due:%a %d %b %Y}", True
    if due <= today + WINDOW:
        return f"{what} due {'today' if due == today else f'{due:%a %d %b %Y}'}", False
    return None


def _latest_training(s: Session, member_ids: list[int]) -> dict[tuple[int, str], TeamTraining]:
    """Each person's latest record of each course: taking a course again renews it."""
    latest: dict[tuple[int, str], TeamTraining] = {}
    query = (
        select(TeamTraining)
        .where(col(TeamTraining.member_id).in_(member_ids))
        .order_by(col(TeamTraining.taken_on), col(TeamTraining.id))
    )
    for row in s.exec(query):
        latest[(row.member_id, row.course.casefold())] = row
    return latest


def team_reminders(s: Session, today: date) -> tuple[TeamReminder, ...]:
    """Reminders for everyone still on the team, overdue first, then by date due."""
    permissions.require(s, "manage_volunteer_register")
    years = get_centre(s).dbs_recheck_years
    members = [m for m in s.exec(select(TeamMember)) if active_on(m, today)]
    found: list[tuple[date, TeamReminder]] = []

    def add(member: TeamMember, what: str, due: date) -> None:
        said = _when(what, due, today)
        if said is not None:
            found.append((due, TeamReminder(member.id or 0, member.name, *said)))

    for member in members:
        due = dbs_recheck_due(member, years)
        if due is not None:
            add(member, "DBS recheck", due)
        elif member.role in DBS_REQUIRED:
            found.append(
                (
                    date.min,
                    TeamReminder(member.id or 0, member.name, "No DBS check on record", True),
                )
            )
        reviews = trial_reviews(member)
        if reviews is not None:
            mid, end = reviews
            # Once the end review is overdue, the mid one is no longer worth a line.
            if member.mid_review_on is None and member.end_review_on is None and end >= today:
                add(member, "Mid-trial review", mid)
            if member.end_review_on is None:
                add(member, "End-of-trial review", end)
    by_id = {m.id or 0: m for m in members}
    for (member_id, _course), row in _latest_training(s, list(by_id)).items():
        if row.expires_on is not None:
            add(by_id[member_id], f"{row.course} training renewal", row.expires_on)
    found.sort(key=lambda pair: (not pair[1].overdue, pair[0], pair[1].name))
    return tuple(reminder for _due, reminder in found)

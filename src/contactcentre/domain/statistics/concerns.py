"""Complaints and incidents as the return counts them: numbers only, never their text."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from contactcentre.domain.schedule import local_to_utc
from contactcentre.domain.statistics.figures import in_period
from contactcentre.domain.statistics.periods import Period
from contactcentre.store.models import Complaint, Incident, IncidentCategory


def complaints_received(s: Session, period: Period) -> int:
    """Complaints whose date of receipt falls in the period (any stage, any outcome)."""
    query = select(func.count()).select_from(Complaint)
    return int(s.exec(query.where(in_period(col(Complaint.received_on), period))).one())


def complaints_resolved(s: Session, period: Period) -> int:
    """Complaints answered in the period: the date the response was sent falls in it,
    whenever the complaint was received."""
    query = select(func.count()).select_from(Complaint)
    return int(s.exec(query.where(in_period(col(Complaint.responded_on), period))).one())


def incidents_by_category(s: Session, period: Period, tz: str) -> dict[IncidentCategory, int]:
    """Incidents and safeguarding concerns that happened in the period (by the centre's
    local day of `occurred_at`), signed off or not, by category; every category a key."""
    starts = local_to_utc(period.start, time.min, tz)
    ends = local_to_utc(period.end + timedelta(days=1), time.min, tz)
    query = (
        select(col(Incident.category), func.count())
        .where(col(Incident.occurred_at) >= starts, col(Incident.occurred_at) < ends)
        .group_by(col(Incident.category))
    )
    counts = {IncidentCategory(category): n for category, n in s.exec(query)}
    return {category: counts.get(category, 0) for category in IncidentCategory}

"""The session-day board's rules: what is expected next for each family and which
alerts are showing. Pure functions of the plan, the standing events and the time, so
tests drive the clock instead of waiting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from contactcentre.domain.bookings.attendance import EVENT_LABELS
from contactcentre.store.models import AttendanceEvent, EventKind

SEQUENCE = (
    EventKind.nonresident_arrived,
    EventKind.child_dropped_off,
    EventKind.child_collected,
    EventKind.nonresident_left,
)


# A named relative (a grandparent, say) is recorded coming and going on their own:
# one arrival and one departure per session, each naming the relative.
RELATIVE_SEQUENCE = (EventKind.relative_arrived, EventKind.relative_left)

NOT_YET = {
    EventKind.nonresident_arrived: "The visiting parent has not arrived",
    EventKind.child_dropped_off: "The child has not been dropped off",
    EventKind.child_collected: "The child has not been collected",
    EventKind.nonresident_left: "The visiting parent has not left",
}


@dataclass(frozen=True)
class Plan:
    day: date
    nonresident_arrive: time
    child_dropoff: time
    child_pickup: time
    nonresident_leave: time
    must_not_meet: bool
    late_minutes: int

    def planned(self, kind: EventKind) -> time:
        return {
            EventKind.nonresident_arrived: self.nonresident_arrive,
            EventKind.child_dropped_off: self.child_dropoff,
            EventKind.child_collected: self.child_pickup,
            EventKind.nonresident_left: self.nonresident_leave,
        }[kind]


@dataclass(frozen=True)
class Alert:
    key: str  # stable id, so a volunteer can mark it dealt with
    message: str
    urgent: bool = True


@dataclass(frozen=True)
class FamilyState:
    done: dict[EventKind, datetime]
    next_kind: EventKind | None
    next_at: datetime | None  # planned, local
    alerts: tuple[Alert, ...]
    no_show: bool

    @property
    def next_label(self) -> str:
        return EVENT_LABELS[self.next_kind] if self.next_kind else "Finished"


def family_state(
    plan: Plan,
    events: Sequence[AttendanceEvent],
    now: datetime,
    tz: ZoneInfo,
    *,
    overdue_after: int = 10,
    dismissed: frozenset[str] = frozenset(),
) -> FamilyState:
    """Where one family is in its session, given its standing events (see attendance.current)."""
    done: dict[EventKind, datetime] = {}
    for event in events:
        done.setdefault(event.kind, event.occurred_at.astimezone(tz))
    no_show = EventKind.no_show in done
    local_now = now.astimezone(tz)

    def at(t: time) -> datetime:
        return datetime.combine(plan.day, t, tzinfo=tz)

    alerts: list[Alert] = []
    if plan.must_not_meet:
        resident_in = min(
            (
                done[k]
                for k in (EventKind.resident_arrived, EventKind.child_dropped_off)
                if k in done
            ),
            default=None,
        )
        visitor_in = done.get(EventKind.nonresident_arrived)
        if resident_in is not None and (visitor_in is None or visitor_in > resident_in):
            alerts.append(
                Alert(
                    "resident-before-visitor",
                    "The resident parent arrived before the visiting parent was in the contact "
                    "room: keep them apart.",
                )
            )
        collected, left = done.get(EventKind.child_collected), done.get(EventKind.nonresident_left)
        if left is not None and collected is not None:
            gap = left - collected
            if gap < timedelta(minutes=plan.late_minutes):
                alerts.append(
                    Alert(
                        "visitor-left-early",
                        f"The visiting parent left {max(0, int(gap.total_seconds() // 60))} min "
                        f"after the collection (the stagger is {plan.late_minutes} min).",
                    )
                )
        elif left is not None and collected is None:
            alerts.append(
                Alert(
                    "visitor-left-before-collection",
                    "The visiting parent left before the child was collected.",
                )
            )
    next_kind = None if no_show else next((k for k in SEQUENCE if k not in done), None)
    if not no_show:
        for kind in SEQUENCE:
            if kind in done:
                continue
            due = at(plan.planned(kind)) + timedelta(minutes=overdue_after)
            if local_now >= due:
                late = int((local_now - at(plan.planned(kind))).total_seconds() // 60)
                alerts.append(
                    Alert(
                        f"overdue-{kind.value}",
                        f"{NOT_YET[kind]}: {late} min after the planned "
                        f"{plan.planned(kind):%H:%M}.",
                    )
                )
    return FamilyState(
        done=done,
        next_kind=next_kind,
        next_at=at(plan.planned(next_kind)) if next_kind else None,
        alerts=tuple(a for a in alerts if a.key not in dismissed),
        no_show=no_show,
    )


@dataclass(frozen=True)
class RelativeState:
    """A named relative who comes to contact, and when they arrived and left today."""

    person_id: int
    name: str
    relationship: str  # e.g. "grandmother"; may be ""
    done: dict[EventKind, datetime]  # relative_arrived / relative_left, local

    @property
    def next_kind(self) -> EventKind | None:
        return next((k for k in RELATIVE_SEQUENCE if k not in self.done), None)

    @property
    def title(self) -> str:
        return f"{self.name} ({self.relationship})" if self.relationship else self.name


def relative_state(
    person_id: int,
    name: str,
    relationship: str,
    events: Sequence[AttendanceEvent],
    tz: ZoneInfo,
) -> RelativeState:
    """One relative's progress from the booking's standing events (their first arrival,
    their last departure)."""
    done: dict[EventKind, datetime] = {}
    for event in events:
        if event.person_id != person_id or event.kind not in RELATIVE_SEQUENCE:
            continue
        moment = event.occurred_at.astimezone(tz)
        if event.kind == EventKind.relative_arrived:
            done.setdefault(event.kind, moment)
        else:
            done[event.kind] = moment
    return RelativeState(person_id, name, relationship, done)


def minutes_until(moment: datetime, now: datetime) -> int:
    """Whole minutes from now until moment (negative once it has passed)."""
    return int((moment - now).total_seconds() // 60)

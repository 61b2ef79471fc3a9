"""The session-day board's rules: what is expected next for each family and which
alerts are showing. Pure functions of the plan, the standing events and the time, so
tests drive the clock instead of waiting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from contactcentre.domain.bookings.attendance import EVENT_LABELS
from contactcentre.store.models import AttendanceEvent, ComesWith, EventKind

SEQUENCE = (
    EventKind.nonresident_arrived,
    EventKind.child_dropped_off,
    EventKind.child_collected,
    EventKind.nonresident_left,
)


# A named relative (a grandparent, say) is recorded coming and going on their own:
# one arrival and one departure per session, each naming the relative.
RELATIVE_SEQUENCE = (EventKind.relative_arrived, EventKind.relative_left)
# She keeps the steps of the parent she comes with: his arrival and leaving, or the
# resident parent's drop-off and collection.
PARENT_STEPS = {
    ComesWith.non_resident_parent: (EventKind.nonresident_arrived, EventKind.nonresident_left),
    ComesWith.resident_parent: (EventKind.child_dropped_off, EventKind.child_collected),
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
    early_minutes: int = 15

    def planned(self, kind: EventKind) -> time:
        return {
            EventKind.nonresident_arrived: self.nonresident_arrive,
            EventKind.child_dropped_off: self.child_dropoff,
            EventKind.child_collected: self.child_pickup,
            EventKind.nonresident_left: self.nonresident_leave,
        }[kind]


@dataclass(frozen=True)
class Who:
    """The family's people as the board names them in its alerts (first names), and the
    number to ring when the child is not brought or not collected on time."""

    visitor: str = "the visiting parent"
    resident: str = "the resident parent"
    children: tuple[str, ...] = ()
    resident_phone: str = ""  # national format, as the board shows it
    visitor_phone: str = ""

    @property
    def child(self) -> str:
        *others, last = self.children or ("the child",)
        return f"{', '.join(others)} and {last}" if others else last

    def ring(self, whom: str, phone: str) -> str:
        return f" Ring {whom} on {phone}." if phone else ""


@dataclass(frozen=True)
class Alert:
    key: str  # stable id, so a volunteer can mark it dealt with
    message: str
    urgent: bool = True
    # An instruction that holds until the event it waits for is recorded: no "Dealt with".
    dismissable: bool = True


@dataclass(frozen=True)
class FamilyState:
    done: dict[EventKind, datetime]
    next_kind: EventKind | None
    next_at: datetime | None  # expected (re-planned), local
    alerts: tuple[Alert, ...]
    no_show: bool
    expected: dict[EventKind, datetime] = field(default_factory=dict)  # see replanned()

    @property
    def next_label(self) -> str:
        return EVENT_LABELS[self.next_kind] if self.next_kind else "Finished"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def replanned(
    plan: Plan, done: Mapping[EventKind, datetime], now: datetime, tz: ZoneInfo
) -> dict[EventKind, datetime]:
    """When each step of the handover is now expected (local times), moved with reality so
    that parents who must not meet keep their stagger.

    A step already recorded keeps its recorded time. For parents who must not meet:

    - the drop-off is no earlier than `early_minutes` after the visiting parent is in the
      contact room (while he is not there yet: after his planned arrival or now, whichever
      is later), so a late visitor moves the drop-off;
    - the collection stays as planned (other families' handovers are planned around it);
    - the visiting parent leaves no earlier than `late_minutes` after the child is
      collected; while the child is not collected yet, no earlier than `late_minutes` after
      the planned collection or now, whichever is later. A late collection moves his
      leave time minute by minute, an early one brings it forward.

    Families who may meet keep the plan. A pure function of (plan, events, now).
    """
    local_now = now.astimezone(tz)

    def at(t: time) -> datetime:
        return datetime.combine(plan.day, t, tzinfo=tz)

    expected = {kind: done.get(kind) or at(plan.planned(kind)) for kind in SEQUENCE}
    if not plan.must_not_meet:
        return expected
    if EventKind.child_dropped_off not in done:
        in_room = done.get(EventKind.nonresident_arrived) or max(
            at(plan.nonresident_arrive), local_now
        )
        earliest = in_room + timedelta(minutes=plan.early_minutes)
        expected[EventKind.child_dropped_off] = max(at(plan.child_dropoff), earliest)
    if EventKind.nonresident_left not in done:
        collected = done.get(EventKind.child_collected) or max(at(plan.child_pickup), local_now)
        expected[EventKind.nonresident_left] = collected + timedelta(minutes=plan.late_minutes)
    return expected


def _stagger_alerts(
    plan: Plan,
    done: Mapping[EventKind, datetime],
    expected: Mapping[EventKind, datetime],
    who: Who,
    tz: ZoneInfo,
) -> list[Alert]:
    """What keeps parents who must not meet apart, in words, from what has happened."""

    def at(t: time) -> datetime:
        return datetime.combine(plan.day, t, tzinfo=tz)

    alerts: list[Alert] = []
    resident_in = min(
        (done[k] for k in (EventKind.resident_arrived, EventKind.child_dropped_off) if k in done),
        default=None,
    )
    visitor_in = done.get(EventKind.nonresident_arrived)
    if resident_in is not None and (visitor_in is None or visitor_in > resident_in):
        if visitor_in is None:
            words = (
                f"keep {who.resident} in the waiting room until {who.visitor} is in the "
                "contact room."
            )
        else:
            words = "check they did not meet."
        alerts.append(
            Alert(
                "resident-before-visitor",
                f"{_sentence(who.resident)} arrived before {who.visitor} was in the contact "
                f"room: {words}",
            )
        )
    dropoff = expected[EventKind.child_dropped_off]
    if (
        visitor_in is not None
        and EventKind.child_dropped_off not in done
        and dropoff > at(plan.child_dropoff)
    ):
        alerts.append(
            Alert(
                "hold-dropoff",
                f"{_sentence(who.visitor)} came at {visitor_in:%H:%M}: {who.resident} hands "
                f"{who.child} over at {dropoff:%H:%M}, not before.",
                dismissable=False,
            )
        )
    collected, left = done.get(EventKind.child_collected), done.get(EventKind.nonresident_left)
    leave = expected[EventKind.nonresident_left]
    if visitor_in is not None and left is None and leave > at(plan.nonresident_leave):
        if collected is None:
            words = (
                f"The collection is late: keep {who.visitor} in the contact room until "
                f"{plan.late_minutes} min after {who.child} is collected "
                f"({leave:%H:%M} at the earliest)."
            )
        else:
            words = (
                f"Keep {who.visitor} in the contact room until {leave:%H:%M} "
                f"({who.child} collected at {collected:%H:%M})."
            )
        alerts.append(Alert("keep-visitor", words, dismissable=False))
    if left is not None and collected is not None:
        gap = left - collected
        if gap < timedelta(minutes=plan.late_minutes):
            alerts.append(
                Alert(
                    "visitor-left-early",
                    f"{_sentence(who.visitor)} left {max(0, int(gap.total_seconds() // 60))} min "
                    f"after the collection (the stagger is {plan.late_minutes} min).",
                )
            )
    elif left is not None and collected is None:
        alerts.append(
            Alert(
                "visitor-left-before-collection",
                f"{_sentence(who.visitor)} left before {who.child} was collected.",
            )
        )
    return alerts


def _not_yet(kind: EventKind, who: Who) -> str:
    """The overdue line for a step, with the number to ring where ringing helps."""
    have = "have" if len(who.children) > 1 else "has"
    return {
        EventKind.nonresident_arrived: f"{_sentence(who.visitor)} has not arrived",
        EventKind.child_dropped_off: f"{_sentence(who.child)} {have} not been dropped off",
        EventKind.child_collected: f"{_sentence(who.child)} {have} not been collected",
        EventKind.nonresident_left: f"{_sentence(who.visitor)} has not left",
    }[kind]


def _ring(kind: EventKind, who: Who) -> str:
    if kind == EventKind.nonresident_arrived:
        return who.ring(who.visitor, who.visitor_phone)
    if kind in (EventKind.child_dropped_off, EventKind.child_collected):
        return who.ring(who.resident, who.resident_phone)
    return ""


def family_state(
    plan: Plan,
    events: Sequence[AttendanceEvent],
    now: datetime,
    tz: ZoneInfo,
    *,
    overdue_after: int = 10,
    dismissed: frozenset[str] = frozenset(),
    who: Who = Who(),
) -> FamilyState:
    """Where one family is in its session, given its standing events (see
    attendance.current): what was done, what comes next and when (re-planned, see
    replanned()), and the alerts showing. A step is overdue `overdue_after` minutes after
    its expected time."""
    done: dict[EventKind, datetime] = {}
    for event in events:
        done.setdefault(event.kind, event.occurred_at.astimezone(tz))
    no_show = EventKind.no_show in done
    local_now = now.astimezone(tz)
    expected = replanned(plan, done, now, tz)

    alerts: list[Alert] = []
    if plan.must_not_meet:
        alerts += _stagger_alerts(plan, done, expected, who, tz)
    next_kind = None if no_show else next((k for k in SEQUENCE if k not in done), None)
    if not no_show:
        for kind in SEQUENCE:
            if kind in done or local_now < expected[kind] + timedelta(minutes=overdue_after):
                continue
            late = int((local_now - expected[kind]).total_seconds() // 60)
            planned = "planned" if expected[kind].time() == plan.planned(kind) else "re-planned"
            alerts.append(
                Alert(
                    f"overdue-{kind.value}",
                    f"{_not_yet(kind, who)}: {late} min after the {planned} "
                    f"{expected[kind]:%H:%M}.{_ring(kind, who)}",
                )
            )
    return FamilyState(
        done=done,
        next_kind=next_kind,
        next_at=expected[next_kind] if next_kind else None,
        alerts=tuple(a for a in alerts if not a.dismissable or a.key not in dismissed),
        no_show=no_show,
        expected=expected,
    )


def minutes_until(moment: datetime, now: datetime) -> int:
    """Whole minutes from now until moment (negative once it has passed)."""
    return int((moment - now).total_seconds() // 60)


NEAR_MINUTES = 120  # within two hours a countdown in minutes helps; beyond it, the time does


def when_due(moment: datetime, now: datetime) -> str:
    """When the next step is due, as the board says it: "10:00, in 15 min" near now,
    "10:00, 5 min late", "at 14:30" later today, "10:00 on Sat 13 Mar 2027" on another day
    (never "in 15214 min")."""
    if moment.date() != now.date():
        return f"{moment:%H:%M} on {moment:%a %d %b %Y}"
    minutes = minutes_until(moment, now)
    if minutes > NEAR_MINUTES:
        return f"at {moment:%H:%M}"
    if minutes < -NEAR_MINUTES:
        return f"{moment:%H:%M}, over {NEAR_MINUTES // 60} hours late"
    if minutes > 0:
        return f"{moment:%H:%M}, in {minutes} min"
    return f"{moment:%H:%M}, now" if minutes == 0 else f"{moment:%H:%M}, {-minutes} min late"

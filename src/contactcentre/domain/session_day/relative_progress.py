"""A named relative on the session day: when they came and left, the times of the parent
they come with, and the alerts that keep them from meeting the other parent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from contactcentre.domain.register.relatives import NOT_SET
from contactcentre.domain.session_day.board import (
    PARENT_STEPS,
    RELATIVE_SEQUENCE,
    Alert,
    FamilyState,
    Who,
)
from contactcentre.store.models import AttendanceEvent, ComesWith, EventKind


@dataclass(frozen=True)
class RelativeState:
    """A named relative who comes to contact, when they arrived and left today, and when
    they are expected: with the parent they come with (None when that is not set)."""

    person_id: int
    name: str
    relationship: str  # e.g. "grandmother"; may be ""
    done: dict[EventKind, datetime]  # relative_arrived / relative_left, local
    comes_with: ComesWith | None = None
    with_whom: str = NOT_SET  # "comes with Mark", as the board and the sheet say it
    expected: tuple[datetime, datetime] | None = None  # arrive, leave (re-planned), local

    @property
    def next_kind(self) -> EventKind | None:
        return next((k for k in RELATIVE_SEQUENCE if k not in self.done), None)

    @property
    def title(self) -> str:
        return f"{self.name} ({self.relationship})" if self.relationship else self.name

    @property
    def plan_line(self) -> str:
        """ "comes with Mark, 09:45–12:15", or "comes with: not set — ask the coordinator"."""
        if self.expected is None:
            return self.with_whom
        arrive, leave = self.expected
        return f"{self.with_whom}, {arrive:%H:%M}–{leave:%H:%M}"


def relative_state(
    person_id: int,
    name: str,
    relationship: str,
    events: Sequence[AttendanceEvent],
    tz: ZoneInfo,
    *,
    comes_with: ComesWith | None = None,
    with_whom: str = NOT_SET,
    expected: Mapping[EventKind, datetime] | None = None,
) -> RelativeState:
    """One relative's progress from the booking's standing events (their first arrival,
    their last departure), and the times of their parent in `expected` (the family's
    re-planned steps, see replanned())."""
    done: dict[EventKind, datetime] = {}
    for event in events:
        if event.person_id != person_id or event.kind not in RELATIVE_SEQUENCE:
            continue
        moment = event.occurred_at.astimezone(tz)
        if event.kind == EventKind.relative_arrived:
            done.setdefault(event.kind, moment)
        else:
            done[event.kind] = moment
    times = None
    if comes_with is not None and expected is not None:
        arrive, leave = PARENT_STEPS[comes_with]
        times = (expected[arrive], expected[leave])
    return RelativeState(person_id, name, relationship, done, comes_with, with_whom, times)


def with_relative_alerts(
    state: FamilyState,
    relatives: Sequence[RelativeState],
    who: Who,
    *,
    must_not_meet: bool,
    dismissed: frozenset[str] = frozenset(),
) -> FamilyState:
    """The family's alerts plus its relatives': one whose parent is not set (nobody knows
    whom she must not meet), and one with the resident parent who came in before the
    visiting parent was in the contact room (held like the resident parent)."""
    if not must_not_meet or state.no_show:
        return state
    alerts: list[Alert] = []
    visitor_in = EventKind.nonresident_arrived in state.done
    for relative in relatives:
        first = relative.name.split()[0] if relative.name else "the relative"
        if relative.comes_with is None and EventKind.relative_left not in relative.done:
            alerts.append(
                Alert(
                    f"relative-not-set-{relative.person_id}",
                    f"It is not set which parent {first} comes with: ask the coordinator "
                    f"before letting {first} through.",
                )
            )
        elif (
            relative.comes_with == ComesWith.resident_parent
            and EventKind.relative_arrived in relative.done
            and not visitor_in
        ):
            alerts.append(
                Alert(
                    f"relative-before-visitor-{relative.person_id}",
                    f"{first} (with {who.resident}) arrived before {who.visitor} was in the "
                    f"contact room: keep {first} in the waiting room until {who.visitor} is "
                    "in the contact room.",
                    dismissable=False,
                )
            )
    shown = [a for a in alerts if not a.dismissable or a.key not in dismissed]
    return replace(state, alerts=(*state.alerts, *shown)) if shown else state

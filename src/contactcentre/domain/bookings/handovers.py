"""The staggered handover planner.

For a family whose parents must not meet, the visiting (non-resident) parent arrives
`early_minutes` before the child is dropped off and goes to the contact room; the
resident parent hands the child over and leaves; at the end the resident parent
collects the child and the visiting parent leaves `late_minutes` later. Across all
families of a session no two handovers (drop-offs or collections) are closer than the
gap, so volunteers deal with one at a time.

Every unconfirmed family gets the same contact length: the planner looks for the longest
length at which each family, in booking order, can be given the earliest drop-off whose
drop-off and collection both keep the gap from every other handover.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from itertools import combinations


@dataclass(frozen=True)
class HandoverPlan:
    family_id: int
    nonresident_arrive: time
    child_dropoff: time
    child_pickup: time
    nonresident_leave: time

    def handovers(self) -> tuple[time, time]:
        return self.child_dropoff, self.child_pickup


@dataclass(frozen=True)
class HandoverRequest:
    family_id: int
    must_not_meet: bool
    early_minutes: int = 15
    late_minutes: int = 15
    confirmed: HandoverPlan | None = None


@dataclass(frozen=True)
class SessionWindow:
    start: time
    end: time
    gap_minutes: int = 5


class PlanningError(ValueError):
    """The session cannot be planned; the message says why in a coordinator's words."""


@dataclass(frozen=True)
class Clash:
    kind: str  # "handover-gap" | "parents-meet" | "outside-hours"
    family_ids: tuple[int, ...]
    at: time
    message: str


def to_minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def to_time(minutes: int) -> time:
    if not 0 <= minutes < 24 * 60:
        raise PlanningError("The planned times would run past midnight.")
    return time(minutes // 60, minutes % 60)


def _plan(request: HandoverRequest, dropoff: int, pickup: int) -> HandoverPlan:
    early = request.early_minutes if request.must_not_meet else 0
    late = request.late_minutes if request.must_not_meet else 0
    return HandoverPlan(
        family_id=request.family_id,
        nonresident_arrive=to_time(dropoff - early),
        child_dropoff=to_time(dropoff),
        child_pickup=to_time(pickup),
        nonresident_leave=to_time(pickup + late),
    )


def _fits(t: int, taken: list[int], gap: int) -> bool:
    return all(abs(t - other) >= gap for other in taken)


def _assign(
    free: Sequence[HandoverRequest], taken: list[int], start: int, end: int, gap: int, length: int
) -> list[tuple[int, int]] | None:
    """Earliest drop-off for each family in turn at this contact length, or None."""
    taken = list(taken)
    slots = []
    for _request in free:
        for dropoff in range(start, end - length + 1):
            pickup = dropoff + length
            if _fits(dropoff, taken, gap) and _fits(pickup, taken, gap) and pickup - dropoff >= gap:
                taken += [dropoff, pickup]
                slots.append((dropoff, pickup))
                break
        else:
            return None
    return slots


def plan_session(
    window: SessionWindow, requests: Sequence[HandoverRequest], *, replan_confirmed: bool = False
) -> list[HandoverPlan]:
    """Plans for every request, in the order given; PlanningError when they cannot fit."""
    start, end, gap = to_minutes(window.start), to_minutes(window.end), window.gap_minutes
    if end <= start:
        raise PlanningError("The session must end after it starts.")
    if gap < 0:
        raise PlanningError("The gap between handovers cannot be negative.")
    for request in requests:
        if request.must_not_meet and (request.early_minutes < 1 or request.late_minutes < 1):
            raise PlanningError(
                "Parents who must not meet need the visiting parent to arrive at least a minute "
                "before the drop-off and leave at least a minute after the collection."
            )
    kept = {
        r.family_id: r.confirmed
        for r in requests
        if r.confirmed is not None and not replan_confirmed
    }
    taken = [to_minutes(t) for plan in kept.values() if plan for t in plan.handovers()]
    free = [r for r in requests if r.family_id not in kept]
    shortest = max(gap, (end - start) // 2)
    for length in range(end - start, shortest - 1, -1):
        slots = _assign(free, taken, start, end, gap, length)
        if slots is not None:
            planned = {r.family_id: _plan(r, d, p) for r, (d, p) in zip(free, slots, strict=True)}
            return [kept.get(r.family_id) or planned[r.family_id] for r in requests]
    most = _most_that_fit(free, taken, start, end, gap, shortest)
    raise PlanningError(
        f"Cannot fit {len(requests)} families into {window.start:%H:%M}–{window.end:%H:%M} with "
        f"handovers {gap} minutes apart and at least {shortest} minutes of contact each; "
        f"the most that fit is {most + len(kept)}."
    )


def _most_that_fit(
    free: Sequence[HandoverRequest], taken: list[int], start: int, end: int, gap: int, length: int
) -> int:
    for count in range(len(free), -1, -1):
        if _assign(free[:count], taken, start, end, gap, length) is not None:
            return count
    return 0


def find_clashes(
    window: SessionWindow, plans: Sequence[HandoverPlan], must_not_meet: Mapping[int, bool]
) -> list[Clash]:
    """What breaks the rules in a set of plans (for drawing forced overrides in red)."""
    clashes: list[Clash] = []
    gap = window.gap_minutes
    handovers = [(to_minutes(t), p.family_id) for p in plans for t in p.handovers()]
    for (a, fa), (b, fb) in combinations(sorted(handovers), 2):
        if abs(a - b) < gap and (fa != fb or a != b):
            clashes.append(
                Clash(
                    "handover-gap",
                    (fa, fb),
                    to_time(min(a, b)),
                    f"Handovers at {to_time(a):%H:%M} and {to_time(b):%H:%M} "
                    f"are under {gap} minutes apart.",
                )
            )
    start, end = to_minutes(window.start), to_minutes(window.end)
    for p in plans:
        if must_not_meet.get(p.family_id, True) and (
            p.nonresident_arrive >= p.child_dropoff or p.nonresident_leave <= p.child_pickup
        ):
            clashes.append(
                Clash(
                    "parents-meet",
                    (p.family_id,),
                    p.child_dropoff,
                    "The parents would be in the building's shared areas at the same time.",
                )
            )
        for t in p.handovers():
            if not start <= to_minutes(t) <= end:
                clashes.append(
                    Clash(
                        "outside-hours",
                        (p.family_id,),
                        t,
                        f"A handover at {t:%H:%M} is outside opening hours.",
                    )
                )
    return clashes

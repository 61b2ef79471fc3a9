"""The staggered handover planner: parents who must not meet never cross, handovers are
spaced for the volunteers, and every time is inside opening hours ± the offsets."""

from __future__ import annotations

from datetime import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactcentre.domain.bookings.handovers import (
    HandoverPlan,
    HandoverRequest,
    PlanningError,
    SessionWindow,
    find_clashes,
    plan_session,
    to_minutes,
)

SESSION = SessionWindow(time(10), time(12), 5)


def hhmm(plan: HandoverPlan) -> tuple[str, str, str, str]:
    return tuple(  # type: ignore[return-value]
        f"{t:%H:%M}"
        for t in (
            plan.nonresident_arrive,
            plan.child_dropoff,
            plan.child_pickup,
            plan.nonresident_leave,
        )
    )


def test_four_families_on_a_saturday_morning_get_fair_staggered_times() -> None:
    plans = plan_session(SESSION, [HandoverRequest(i, must_not_meet=True) for i in range(1, 5)])
    assert [hhmm(p) for p in plans] == [
        ("09:45", "10:00", "11:45", "12:00"),
        ("09:50", "10:05", "11:50", "12:05"),
        ("09:55", "10:10", "11:55", "12:10"),
        ("10:00", "10:15", "12:00", "12:15"),
    ]


def test_a_family_whose_parents_may_meet_gets_simple_arrive_and_leave_times() -> None:
    (plan,) = plan_session(SESSION, [HandoverRequest(1, must_not_meet=False)])
    assert hhmm(plan) == ("10:00", "10:00", "12:00", "12:00")


def test_confirmed_times_are_kept_when_another_family_is_booked() -> None:
    confirmed = HandoverPlan(1, time(10, 15), time(10, 30), time(11, 30), time(11, 45))
    plans = plan_session(
        SESSION, [HandoverRequest(1, True, confirmed=confirmed), HandoverRequest(2, True)]
    )
    assert plans[0] == confirmed
    assert find_clashes(SESSION, plans, {1: True, 2: True}) == []
    replanned = plan_session(
        SESSION,
        [HandoverRequest(1, True, confirmed=confirmed), HandoverRequest(2, True)],
        replan_confirmed=True,
    )
    assert replanned[0] != confirmed


def test_too_many_families_are_refused_with_the_number_that_fit() -> None:
    with pytest.raises(PlanningError, match="the most that fit is 12"):
        plan_session(SESSION, [HandoverRequest(i, True) for i in range(20)])


def test_a_forced_clash_is_found_for_the_timeline() -> None:
    a = HandoverPlan(1, time(9, 45), time(10, 0), time(12, 0), time(12, 15))
    b = HandoverPlan(2, time(10, 0), time(10, 2), time(11, 58), time(11, 58))
    kinds = {c.kind for c in find_clashes(SESSION, [a, b], {1: True, 2: True})}
    assert kinds == {"handover-gap", "parents-meet"}


requests = st.lists(
    st.builds(
        HandoverRequest,
        family_id=st.integers(0, 10_000),
        must_not_meet=st.booleans(),
        early_minutes=st.integers(1, 30),
        late_minutes=st.integers(1, 30),
    ),
    max_size=8,
    unique_by=lambda r: r.family_id,
)
windows = st.builds(
    lambda start, length, gap: SessionWindow(
        time(start // 60, start % 60), time((start + length) // 60, (start + length) % 60), gap
    ),
    start=st.integers(8 * 60, 14 * 60),
    length=st.integers(30, 240),
    gap=st.integers(0, 15),
)


@settings(max_examples=200, deadline=None)
@given(window=windows, batch=requests)
def test_any_plan_the_planner_accepts_keeps_every_rule(
    window: SessionWindow, batch: list[HandoverRequest]
) -> None:
    try:
        plans = plan_session(window, batch)
    except PlanningError:
        return
    assert [p.family_id for p in plans] == [r.family_id for r in batch]
    start, end = to_minutes(window.start), to_minutes(window.end)
    handovers = []
    for request, plan in zip(batch, plans, strict=True):
        arrive, drop, pick, leave = (
            to_minutes(t)
            for t in (
                plan.nonresident_arrive,
                plan.child_dropoff,
                plan.child_pickup,
                plan.nonresident_leave,
            )
        )
        if request.must_not_meet:
            # The resident parent is in the shared areas only at drop-off and collection;
            # the visiting parent only on arrival and departure: never the same minute.
            assert arrive < drop and leave > pick
            assert {arrive, leave}.isdisjoint({drop, pick})
        assert start <= drop < pick <= end
        assert arrive >= start - request.early_minutes
        assert leave <= end + request.late_minutes
        handovers += [drop, pick]
    handovers.sort()
    assert all(b - a >= window.gap_minutes for a, b in pairwise(handovers))
    assert find_clashes(window, plans, {r.family_id: r.must_not_meet for r in batch}) == []

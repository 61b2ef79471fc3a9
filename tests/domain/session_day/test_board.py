"""The board's alerts fire and clear at the right minute (the clock is injected)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from contactcentre.domain.session_day.board import (
    Plan,
    Who,
    family_state,
    minutes_until,
    replanned,
    when_due,
)
from contactcentre.domain.session_day.relative_progress import relative_state
from contactcentre.store.models import AttendanceEvent, EventKind

LONDON = ZoneInfo("Europe/London")
DAY = date(2027, 3, 13)
PLAN = Plan(
    DAY, time(9, 45), time(10, 0), time(12, 0), time(12, 15), must_not_meet=True, late_minutes=15
)


def local(hh: int, mm: int) -> datetime:
    return datetime(2027, 3, 13, hh, mm, tzinfo=LONDON)


def event(kind: EventKind, hh: int, mm: int, i: int = 0) -> AttendanceEvent:
    return AttendanceEvent(id=i, booking_id=1, kind=kind, occurred_at=local(hh, mm))


def keys(events: list[AttendanceEvent], now: datetime, **kw: object) -> set[str]:
    return {a.key for a in family_state(PLAN, events, now, LONDON, **kw).alerts}  # type: ignore[arg-type]


def test_the_next_expected_event_follows_the_handover_order() -> None:
    state = family_state(PLAN, [], local(9, 30), LONDON)
    assert state.next_kind == EventKind.nonresident_arrived
    assert state.next_at == local(9, 45)
    state = family_state(PLAN, [event(EventKind.nonresident_arrived, 9, 44)], local(9, 50), LONDON)
    assert state.next_kind == EventKind.child_dropped_off
    assert minutes_until(state.next_at, local(9, 50)) == 10  # type: ignore[arg-type]


def test_resident_parent_arriving_before_the_visitor_is_in_the_room_raises_an_alert() -> None:
    events = [event(EventKind.child_dropped_off, 9, 58)]
    assert "resident-before-visitor" in keys(events, local(9, 58))
    safe = [event(EventKind.nonresident_arrived, 9, 44), event(EventKind.child_dropped_off, 9, 58)]
    assert "resident-before-visitor" not in keys(safe, local(9, 58))


def test_a_late_collection_is_overdue_from_the_tenth_minute_and_clears_when_recorded() -> None:
    morning = [
        event(EventKind.nonresident_arrived, 9, 45),
        event(EventKind.child_dropped_off, 10, 0),
    ]
    assert "overdue-child_collected" not in keys(morning, local(12, 9))
    assert "overdue-child_collected" in keys(morning, local(12, 10))
    collected = [*morning, event(EventKind.child_collected, 12, 11)]
    assert "overdue-child_collected" not in keys(collected, local(12, 11))


def test_the_visitor_leaving_inside_the_stagger_gap_raises_an_alert() -> None:
    base = [
        event(EventKind.nonresident_arrived, 9, 45),
        event(EventKind.child_dropped_off, 10, 0),
        event(EventKind.child_collected, 12, 0),
    ]
    assert "visitor-left-early" in keys(
        [*base, event(EventKind.nonresident_left, 12, 5)], local(12, 5)
    )
    assert "visitor-left-early" not in keys(
        [*base, event(EventKind.nonresident_left, 12, 15)], local(12, 15)
    )


def test_a_dismissed_alert_stays_dismissed_and_a_no_show_expects_nothing() -> None:
    events = [event(EventKind.child_dropped_off, 9, 58)]
    dismissed = frozenset({"resident-before-visitor"})
    assert "resident-before-visitor" in keys(events, local(9, 58))
    assert "resident-before-visitor" not in keys(events, local(9, 58), dismissed=dismissed)
    state = family_state(PLAN, [event(EventKind.no_show, 10, 30)], local(12, 30), LONDON)
    assert state.no_show and state.next_kind is None and state.alerts == ()


def test_families_who_may_meet_get_no_stagger_alerts() -> None:
    relaxed = Plan(DAY, time(10), time(10), time(12), time(12), must_not_meet=False, late_minutes=0)
    events = [event(EventKind.child_dropped_off, 9, 58)]
    state = family_state(relaxed, events, local(9, 59), LONDON)
    assert state.alerts == ()


def test_a_relatives_line_shows_their_own_arrival_and_departure_only() -> None:
    def relative_event(kind: EventKind, hh: int, mm: int, person_id: int) -> AttendanceEvent:
        return AttendanceEvent(
            booking_id=1, kind=kind, occurred_at=local(hh, mm), person_id=person_id
        )

    events = [
        relative_event(EventKind.relative_arrived, 10, 2, person_id=7),
        relative_event(EventKind.relative_arrived, 10, 20, person_id=8),  # her husband
        relative_event(EventKind.child_dropped_off, 10, 5, person_id=7),  # she brought Lily
    ]
    nora = relative_state(7, "Nora Jones", "grandmother", events, LONDON)
    assert nora.title == "Nora Jones (grandmother)"
    assert nora.done == {EventKind.relative_arrived: local(10, 2)}
    assert nora.next_kind == EventKind.relative_left
    events.append(relative_event(EventKind.relative_left, 11, 40, person_id=7))
    nora = relative_state(7, "Nora Jones", "", events, LONDON)
    assert (nora.title, nora.next_kind) == ("Nora Jones", None)
    assert nora.done[EventKind.relative_left] == local(11, 40)
    assert relative_state(9, "Ted", "uncle", events, LONDON).next_kind == EventKind.relative_arrived


NOWAKS = Who(
    visitor="Łukasz",
    resident="Anna",
    children=("Zofia",),
    resident_phone="07700 900123",
    visitor_phone="07700 900456",
)


def now_at(events: list[AttendanceEvent], hh: int, mm: int, **kw: object):  # type: ignore[no-untyped-def]
    return family_state(PLAN, events, local(hh, mm), LONDON, who=NOWAKS, **kw)  # type: ignore[arg-type]


def messages(state) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {a.key: a.message for a in state.alerts}


IN_CONTACT = [
    event(EventKind.nonresident_arrived, 9, 45),
    event(EventKind.child_dropped_off, 10, 0),
]


def test_a_late_collection_keeps_the_visiting_parent_in_the_room_until_the_stagger_is_kept() -> (
    None
):
    on_time = now_at(IN_CONTACT, 12, 0)
    assert "keep-visitor" not in messages(on_time)

    late = now_at(IN_CONTACT, 12, 5)  # Zofia is not collected yet: Łukasz's leave moves
    assert messages(late)["keep-visitor"] == (
        "The collection is late: keep Łukasz in the contact room until 15 min after Zofia "
        "is collected (12:20 at the earliest)."
    )
    collected = [*IN_CONTACT, event(EventKind.child_collected, 12, 8)]
    state = now_at(collected, 12, 9)
    assert state.next_kind == EventKind.nonresident_left
    assert state.next_at == local(12, 23)  # not the planned 12:15
    assert messages(state)["keep-visitor"] == (
        "Keep Łukasz in the contact room until 12:23 (Zofia collected at 12:08)."
    )
    # It is an instruction, not a warning to wave away: it stays, even "dealt with"...
    still = now_at(collected, 12, 22, dismissed=frozenset({"keep-visitor"}))
    assert "keep-visitor" in messages(still)
    # ...and nobody is told he is late leaving at 12:25, ten minutes after the old time.
    assert "overdue-nonresident_left" not in messages(now_at(collected, 12, 25))
    assert "overdue-nonresident_left" in messages(now_at(collected, 12, 33))
    gone = [*collected, event(EventKind.nonresident_left, 12, 23)]
    assert messages(now_at(gone, 12, 24)) == {}


def test_the_re_plan_is_worked_out_from_the_events_and_the_clock() -> None:
    collected_early = [*IN_CONTACT, event(EventKind.child_collected, 11, 50)]
    plan = replanned(PLAN, {e.kind: e.occurred_at for e in collected_early}, local(11, 51), LONDON)
    assert plan[EventKind.nonresident_left] == local(12, 5)  # 15 min after the collection
    waiting = {e.kind: e.occurred_at for e in IN_CONTACT}
    assert replanned(PLAN, waiting, local(11, 0), LONDON)[EventKind.nonresident_left] == local(
        12, 15
    )
    assert replanned(PLAN, waiting, local(12, 11), LONDON)[EventKind.nonresident_left] == local(
        12, 26
    )
    relaxed = Plan(DAY, time(10), time(10), time(12), time(12), must_not_meet=False, late_minutes=0)
    assert replanned(relaxed, waiting, local(12, 11), LONDON)[EventKind.nonresident_left] == local(
        12, 0
    )


def test_a_late_visiting_parent_moves_the_drop_off_and_the_board_says_when() -> None:
    late = [event(EventKind.nonresident_arrived, 9, 52)]
    state = now_at(late, 9, 53)
    assert state.next_at == local(10, 7)
    assert messages(state)["hold-dropoff"] == (
        "Łukasz came at 09:52: Anna hands Zofia over at 10:07, not before."
    )
    assert "overdue-child_dropped_off" not in messages(now_at(late, 10, 12))
    assert messages(now_at(late, 10, 17))["overdue-child_dropped_off"] == (
        "Zofia has not been dropped off: 10 min after the re-planned 10:07. "
        "Ring Anna on 07700 900123."
    )
    dropped = [*late, event(EventKind.child_dropped_off, 10, 7)]
    assert "hold-dropoff" not in messages(now_at(dropped, 10, 8))


def test_the_alerts_name_the_people_and_the_overdue_collection_gives_the_number_to_ring() -> None:
    early = [event(EventKind.resident_arrived, 9, 40)]
    assert messages(now_at(early, 9, 41))["resident-before-visitor"] == (
        "Anna arrived before Łukasz was in the contact room: keep Anna in the waiting room "
        "until Łukasz is in the contact room."
    )
    assert messages(now_at(IN_CONTACT, 12, 10))["overdue-child_collected"] == (
        "Zofia has not been collected: 10 min after the planned 12:00. Ring Anna on 07700 900123."
    )
    twins = Who(children=("Zofia", "Jan"))
    state = family_state(PLAN, IN_CONTACT, local(12, 10), LONDON, who=twins)
    assert messages(state)["overdue-child_collected"] == (
        "Zofia and Jan have not been collected: 10 min after the planned 12:00."
    )
    assert messages(now_at([], 9, 55))["overdue-nonresident_arrived"] == (
        "Łukasz has not arrived: 10 min after the planned 09:45. Ring Łukasz on 07700 900456."
    )


def test_the_board_counts_minutes_only_near_the_time_and_names_the_day_when_far() -> None:
    ten = local(10, 0)
    assert when_due(ten, local(9, 45)) == "10:00, in 15 min"
    assert when_due(ten, local(10, 0)) == "10:00, now"
    assert when_due(ten, local(10, 20)) == "10:00, 20 min late"
    assert when_due(ten, local(8, 0)) == "10:00, in 120 min"
    assert when_due(ten, local(7, 59)) == "at 10:00"
    assert when_due(local(9, 0), local(11, 1)) == "09:00, over 2 hours late"
    days_before = datetime(2027, 3, 2, 23, 26, tzinfo=LONDON)  # 15214 min before
    assert when_due(ten, days_before) == "10:00 on Sat 13 Mar 2027"

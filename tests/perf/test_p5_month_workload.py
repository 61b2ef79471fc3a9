"""P5: a month's standard workload on the encrypted store against the same code on plain
SQLite (target ≤ 1.3×).

The month: 12 new referrals saved and made ready; four sessions (the two pattern
Saturdays and two extra ones), four families booked into each and the plan confirmed;
a cancellation; on each session day the sign-in sheet data, the board refreshed ten
times and four events per family recorded one by one; at the end the register, the
calendar and an attendance letter's data for every family. Each user action is its own
transaction, as in the app. PDF rendering is left out: it does not touch the store.
"""

from __future__ import annotations

import itertools
import time
from datetime import date, datetime, timedelta
from datetime import time as at_time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from contactcentre.domain.bookings import attendance, cancelling, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import plans as session_plans
from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.domain.demo import families as demo_families
from contactcentre.domain.disclosure import letters
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.domain.session_day import signin_sheet
from contactcentre.domain.session_day.welcome_desk import board_rows
from contactcentre.store.engine import Store
from contactcentre.store.models import AttendanceEvent, CancelledBy, EventKind, Family
from tests.factories import family_form, make_ready
from tests.perf.harness import Bench, median
from tests.perf.plain_store import create_plain_store

TARGET = 1.3
MONTH = date(2027, 3, 1)  # sessions on Sat 13 and 27 March; extra ones on 6 and 20
LONDON = ZoneInfo("Europe/London")
RUNS = 3


def seed(store: Store) -> None:
    with store.session() as s:
        create_centre(s, CentreDetails(name="Bench Centre"))
        demo_families.fill(s, 300, MONTH)


def month(store: Store) -> None:
    today = MONTH
    new = []
    for n in range(12):
        with store.session() as s:
            family = save_family(s, family_form(f"M-{n:04d}"), today=today)
            assert family.id is not None
            new.append(family.id)
        make_ready(store, family.id, on=today)
    days = [date(2027, 3, 6), date(2027, 3, 13), date(2027, 3, 20), date(2027, 3, 27)]
    for extra in (days[0], days[2]):
        with store.session() as s:
            session_calendar.add_extra_session(s, extra, at_time(10), at_time(12), 4)
    families = itertools.cycle(new)
    booked = {day: [next(families) for _ in range(4)] for day in days}
    for day, family_ids in booked.items():
        for family_id in family_ids:
            with store.session() as s:
                bookings.book(s, family_id, day, today=today)
        with store.session() as s:
            session_plans.confirm_plan(s, day)
    with store.session() as s:
        cancelling.cancel_booking(
            s,
            booked[days[1]][0],
            days[1],
            by=CancelledBy.resident,
            reason="Unwell",
            told_at=datetime.combine(days[1] - timedelta(days=2), at_time(9), LONDON),
        )
    for day in days:
        now = datetime.combine(day, at_time(9, 30), LONDON)
        with store.session() as s:
            signin_sheet.signin_sheet(s, day)
        for _ in range(10):
            with store.session() as s:
                rows = board_rows(s, day, now)
        for row in rows:
            for kind, minute in [
                (EventKind.nonresident_arrived, 45),
                (EventKind.child_dropped_off, 0),
                (EventKind.child_collected, 0),
                (EventKind.nonresident_left, 15),
            ]:
                at = datetime.combine(day, at_time(10, minute), LONDON)
                with store.session() as s:
                    attendance.record_event(s, row.booking_id, kind, at, recorded_by="Volunteer")
    with store.session() as s:
        register_rows(s)
        session_calendar.sessions_between(s, days[0], days[-1])
    for family_id in new:
        with store.session() as s:
            letters.produce_letter(
                s, family_id, days[0], days[-1], now=datetime(2027, 4, 1, 9, tzinfo=LONDON)
            )


def run(store: Store) -> tuple[float, float]:
    """(wall, CPU) seconds of the month's work on a freshly seeded store."""
    try:
        seed(store)
        start, cpu = time.perf_counter(), time.process_time()
        month(store)
        took = time.perf_counter() - start, time.process_time() - cpu
        with store.session() as s:
            assert len(s.exec(select(Family.id)).all()) == 312
            assert len(s.exec(select(AttendanceEvent.id)).all()) == 15 * 4  # 16 booked, 1 off
        return took
    finally:
        store.close()


def test_p5_a_month_on_the_encrypted_store_against_plain_sqlite(
    tmp_path: Path, bench: Bench
) -> None:
    encrypted, plain = [], []
    for n in range(RUNS):  # interleaved, so both see the same machine load
        encrypted.append(run(Store.create(tmp_path / f"enc{n}.db", "bench passphrase")))
        plain.append(run(create_plain_store(tmp_path / f"plain{n}.db")))
    wall = median([w for w, _ in encrypted])
    cpu = median([c for _, c in encrypted])
    plain_wall = median([w for w, _ in plain])
    plain_cpu = median([c for _, c in plain])
    ratio = wall / plain_wall
    bench.record(
        "P5",
        f"a month's workload, encrypted store (median of {RUNS}; ratio)",
        f"{wall:.2f} s, CPU {cpu:.2f} s ({ratio:.2f}×)",
        floor_what="same code on plain SQLite",
        floor=f"{plain_wall:.2f} s, CPU {plain_cpu:.2f} s",
        target=f"≤ {TARGET}×",
        met=ratio <= TARGET,
    )

"""P3: recording one attendance event, through the domain layer, to a durable commit
(target ≤ 50 ms at the 95th percentile). The floor is a one-row INSERT and COMMIT on the
same encrypted connection (synchronous = FULL in WAL mode: the fsync every commit pays).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from contactcentre.domain.bookings import attendance
from contactcentre.domain.demo.families import DEMO_PASSPHRASE
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, EventKind
from tests.perf.harness import Bench, median, ms, p95, timings

TARGET = 0.050
EVENTS = 200


def test_p3_one_attendance_event_to_a_durable_commit(demo_2k_copy: Path, bench: Bench) -> None:
    store = Store.open(demo_2k_copy, DEMO_PASSPHRASE)
    try:
        with store.session() as s:
            booking_ids = list(s.exec(select(Booking.id)))
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, x TEXT)"))
        n = iter(range(10**6))

        def record() -> None:
            i = next(n)
            with store.session() as s:
                attendance.record_event(
                    s,
                    booking_ids[i % len(booking_ids)],
                    EventKind.nonresident_arrived,
                    datetime.now(UTC),
                    recorded_by="Bench volunteer",
                )

        def floor() -> None:
            with store.engine.begin() as conn:
                conn.execute(text("INSERT INTO bench_floor (x) VALUES ('arrived')"))

        timings(record, 10)  # warm the pool and caches
        events = timings(record, EVENTS)
        floors = timings(floor, EVENTS)
    finally:
        store.close()
    bench.record(
        "P3",
        f"one attendance event → durable commit (p95 over {EVENTS})",
        f"{ms(median(events))} (p95 {ms(p95(events))})",
        floor_what="one-row INSERT + COMMIT, same connection",
        floor=f"{ms(median(floors))} (p95 {ms(p95(floors))})",
        target="≤ 50 ms p95",
        met=p95(events) <= TARGET,
    )

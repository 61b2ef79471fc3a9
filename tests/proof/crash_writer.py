"""Writers for the crash-safety tests, run as child processes.

`python crash_writer.py serial DB PASSPHRASE FIRST`: open the store once (key derivation
is slow) and save one family after another through the domain layer, each in its own
transaction with a booking and an attendance event, printing the family's reference only
after the commit has returned. The tests kill it with SIGKILL at random moments.

`python crash_writer.py threads DB PASSPHRASE`: 12 threads each save 40 families at once
through one Store; prints "saved N errors E" and exits 0 only if all 480 were saved.
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, EventKind, Role

TODAY = date(2027, 3, 1)
SESSION_DAY = date(2027, 3, 13)


def form(ref: str) -> FamilyForm:
    return FamilyForm(
        ref=ref,
        referral_date=date(2027, 1, 10),
        referrer_name="Dana Scully",
        notes="Crash test family " * 20,
        people=[
            PersonForm(Role.resident_parent, "Sarah", "Jones", phone="0113 496 0001"),
            PersonForm(Role.non_resident_parent, "Mark", "Jones", phone="0113 496 0002"),
            PersonForm(Role.child, "Lily", "Jones", date_of_birth=date(2019, 5, 1)),
        ],
    )


def threads(path: Path, secret: str) -> int:
    store = Store.open(path, secret)
    saved: list[str] = []
    errors: list[BaseException] = []

    def work(thread: int) -> None:
        for i in range(40):
            ref = f"T{thread:02d}-{i:03d}"
            try:
                with store.session() as s:
                    save_family(s, form(ref), today=TODAY)
                saved.append(ref)
            except BaseException as error:  # every failure counts
                errors.append(error)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    store.close()
    print(f"saved {len(saved)} errors {len(errors)}", flush=True)
    for error in errors[:3]:
        print(repr(error)[:300], file=sys.stderr)
    return 0 if len(saved) == 480 and not errors else 1


def serial(path: Path, secret: str, first: int) -> None:
    store = Store.open(path, secret)
    print("ready", flush=True)
    for n in range(first, first + 100_000):
        ref = f"K-{n:05d}"
        with store.session() as s:
            family = save_family(s, form(ref), today=TODAY)
            session = session_calendar.ensure_session(s, SESSION_DAY)
            booking = Booking(session_id=session.id, family_id=family.id)
            s.add(booking)
            s.flush()
            assert booking.id is not None
            attendance.record_event(
                s,
                booking.id,
                EventKind.nonresident_arrived,
                datetime(2027, 3, 13, 9, 45, tzinfo=UTC),
                recorded_by="Crash test",
            )
        print(ref, flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "threads":
        sys.exit(threads(Path(sys.argv[2]), sys.argv[3]))
    serial(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))

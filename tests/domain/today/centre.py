"""A hand-built centre with one family of each kind of need the Today screen shows, on the
morning of the 2nd Saturday of March 2027 (tests.conftest's clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, FamilyStatus
from tests.factories import add_booking, add_family, make_ready

DAY = date(2027, 3, 13)  # the next session: today
BOOKED_ON = date(2027, 3, 1)
MISSED = (date(2027, 2, 13), date(2027, 2, 27))


@dataclass(frozen=True)
class Centre:
    ready: int  # F-0001: booked for today and ready
    referred: int  # F-0002: referred, no pre-visits, booked anyway (not ready)
    review: int  # F-0003: active since December: its review is overdue
    resign: int  # F-0004: signed the old agreement wording
    no_shows: int  # F-0005: missed its last two sessions


def build(store: Store) -> Centre:
    active = {"status": FamilyStatus.active}
    resign = add_family(store, "F-0004", **active)
    make_ready(store, resign)
    with store.session() as s:
        agreement_versions.save_new_version(s, "# Our agreement\n\nBe kind, always.\n")
    ready = add_family(store, "F-0001", **active)
    referred = add_family(store, "F-0002")
    review = add_family(
        store, "F-0003", today=date(2026, 12, 1), referral_date=date(2026, 11, 20), **active
    )
    no_shows = add_family(store, "F-0005", **active)
    for family in (ready, review, no_shows):
        make_ready(store, family)
    with store.session() as s:
        bookings.book(s, ready, DAY, today=BOOKED_ON)
        bookings.book(s, referred, DAY, today=BOOKED_ON, override_reason="Court date")
        for day in MISSED:
            booking = add_booking(s, no_shows, day)
            at = datetime(day.year, day.month, day.day, 10, 30, tzinfo=ZoneInfo("Europe/London"))
            attendance.record_event(s, booking, EventKind.no_show, at, recorded_by="Door")
    return Centre(ready, referred, review, resign, no_shows)

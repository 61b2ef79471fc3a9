"""Supervised contact in the demo centre, so the Supervised screen has something to show:
two supervised families booked into the last sessions and the next, each session's
observation record written by the demo's supervisor (Priya Shah), the older ones approved
by the coordinator and the latest waiting for approval; a case number and Cafcass as the
first family's report recipient."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session

from contactcentre.domain import acting
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.demo import sessions as demo_sessions
from contactcentre.domain.supervised import cases, records
from contactcentre.store.models import (
    ContactType,
    ObservationRecord,
    ObservationState,
    RecipientRole,
)

WORKER = "Priya Shah"  # the demo team's supervisor (demo/team.py)
SESSIONS = [  # what happened, how the child responded
    (
        "Dad arrived on time with a picture book. They read together and built a tower of "
        "blocks; Dad praised each try. He kept to the agreed topics.",
        "Hesitant for two minutes on arrival, then went to Dad. Waved goodbye calmly.",
    ),
    (
        "They played in the sand tray and shared a snack Dad had brought. Dad asked about "
        "school; the worker reminded him once not to discuss the court case.",
        "Ran to Dad on arrival. A little upset at the end; settled with the worker.",
    ),
    (
        "A calm session: drawing and a board game. Dad followed the child's lead and "
        "managed turn-taking well.",
        "Relaxed throughout; asked when the next visit would be.",
    ),
]


def fill_supervised(s: Session, today: date) -> None:
    families = demo_sessions.active_families(s, ContactType.supervised, 2)
    if not families:
        return
    open_days = demo_sessions.open_days(s, today - timedelta(days=35), today + timedelta(days=21))
    past = [d for d in open_days if d < today][-len(SESSIONS) :]
    upcoming = [d for d in open_days if d >= today][:1]
    rng = random.Random(18)
    for family in families:
        assert family.id is not None
        demo_sessions.make_ready(s, family)
        for number, day in enumerate(past + upcoming):
            try:
                planned = bookings.book(s, family.id, day, today=day)
            except bookings.BookingRefused:
                continue  # a full session: the family was not booked that day
            booking = bookings.find_booking(s, family.id, day)
            if day >= today or booking.id is None:
                continue
            demo_sessions.record_day(s, rng, booking.id, day, planned, cancels=False)
            _write_record(s, family.id, booking.id, number, approve=day != past[-1])
    first = families[0].id
    assert first is not None
    cases.set_case(s, first, case_number="ZE27C00412", court_ordered=True)
    cases.add_recipient(s, first, "Nia Roberts", "Cafcass", RecipientRole.cafcass)


def _write_record(
    s: Session, family_id: int, booking_id: int, number: int, *, approve: bool
) -> None:
    """The supervisor's record of the session, as handed in; the coordinator (who is acting)
    approves it unless it is the latest."""
    happened, response = SESSIONS[number % len(SESSIONS)]
    now = acting.now(s)
    record = ObservationRecord(
        family_id=family_id,
        booking_id=booking_id,
        state=ObservationState.submitted,
        aim="Rebuild the relationship through play; Dad to follow the child's lead.",
        brought_by="Mum",
        collected_by="Mum",
        what_happened=happened,
        child_response=response,
        author=WORKER,
        created_at=now,
        updated_at=now,
        submitted_at=now,
    )
    s.add(record)
    s.flush()
    if approve and record.id is not None:
        records.approve(s, record.id)

"""A small centre whose figures for April–June 2027 are counted by hand (the numbers in
EXPECTED), built through the same domain paths the app uses.

Sessions are Saturdays, 10:00–12:00, four places. In the quarter (Q = Apr–Jun 2027):
  S1..S10 = 3 Apr .. 5 Jun (ten Saturdays) held; 12 Jun cancelled by the centre.
Outside it: 27 Mar 2027 and 3 Jul 2027 (either side), 6 Nov 2026 (long before).

Families:
  F-0001 supported, 2 children: came on 27 Mar, then to all ten sessions S1..S10 (counted
         once, continuing); booked on 12 Jun, which the centre cancelled.
  F-0002 supervised, 1 child: 27 Mar, S1 (3 Apr) and 3 Jul: straddles both boundaries;
         on S1 only the visiting parent's times are recorded (10:00–12:00).
  F-0003 handover, 1 child, referred by a solicitor on 5 Apr, accepted 10 Apr: first came
         on S3 (17 Apr, new); cancelled by the resident parent on S4, by the visiting
         parent on S5; on S6 an arrival was recorded and then withdrawn; booked on 12 Jun.
  F-0004 supported, 2 children, self-referred 2 Apr, accepted 6 Apr: booked on S2, did not
         come (a no-show), never came at all.
  F-0005 referred by a mediator on 1 May, closed straight from "referred" on 10 May.
  F-0006 referred by a court on 1 Feb, accepted 1 Mar, closed on 20 May, never came.
  F-0007 supported, referred by social services Oct 2026, entered as active; came on
         6 Nov 2026; closed on 15 Jun 2027 (221 days after its first session).
  F-0008 referred by social services on 1 Jun, entered on the register already active.
Team: a coordinator (no dates), a volunteer since Jan 2027, a supervisor in May only, a
volunteer who left in March and one who joins in July. The volunteer is on the rota of S1
and S2 (2 hours each), the supervisor of S7 (not a volunteer's hours).
Complaints: received 20 Mar (answered 10 Apr), 5 Apr (answered 20 Apr), 25 Jun (open).
Incidents: aggression on S3, a safeguarding concern on S5, an accident on 27 Mar (before).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import select

from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.register.families import end_family, load_family_form, save_family
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.safeguarding import complaints, incidents
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.team import rota
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    CaseOutcome,
    ContactSession,
    ContactType,
    EventKind,
    FamilyStatus,
    IncidentCategory,
    ReferralSource,
    Role,
    TeamMember,
    TeamRole,
)
from tests.factories import family_form

LONDON = ZoneInfo("Europe/London")
QUARTER = Period(date(2027, 4, 1), date(2027, 6, 30))
HELD = [date.fromordinal(date(2027, 4, 3).toordinal() + 7 * n) for n in range(10)]
CANCELLED_DAY = date(2027, 6, 12)
BEFORE, AFTER, LONG_AGO = date(2027, 3, 27), date(2027, 7, 3), date(2026, 11, 6)

EXPECTED = {
    "referrals_received": 4,
    "referrals_by_source": {
        "cafcass": 0,
        "social_services": 1,
        "solicitor": 1,
        "mediator": 1,
        "court": 0,
        "self": 1,
    },
    "referrals_accepted": 3,  # F-0003, F-0004, F-0008
    "referrals_rejected": 1,  # F-0005
    "withdrawn_before_starting": 1,  # F-0006
    "no_shows": 1,  # F-0004
    "families_seen": 3,  # F-0001 (ten times), F-0002, F-0003
    "families_new": 1,
    "families_continuing": 2,
    "children_seen": 4,
    "children_new": 1,
    "children_continuing": 3,
    "families_by_contact_type": {"supported": 1, "supervised": 1, "handover": 1, "indirect": 0},
    "children_by_contact_type": {"supported": 2, "supervised": 1, "handover": 1, "indirect": 0},
    # the coordinator, and the store's own login (a coordinator too)
    "team_headcount": {"coordinator": 2, "supervisor": 1, "volunteer": 1},
    "volunteers": 1,
    "staff": 3,
    "sessions_held": 10,
    "sessions_cancelled": 1,
    "places_available": 40,
    "places_booked": 14,  # F-0001 ×10, F-0002, F-0003 on S3 and S6, F-0004
    "places_attended": 12,  # F-0001 ×10, F-0002, F-0003 on S3
    "capacity_use_percent": 30.0,
    "cancellations_by": {"resident": 1, "non_resident": 1, "centre": 2},
    # F-0001: 10 × 1.5 h (drop-off 10:15, collected 11:45); F-0002: 2 h (visiting
    # parent's times); F-0003 on S3: dropped off 10:30, collection not recorded, planned
    # 11:30: 1 h, from the plan.
    "contact_hours": 18.0,
    "contact_hours_estimated_bookings": 1,
    "families_closed": 1,  # F-0007; F-0005 and F-0006 never came
    "average_days_at_centre": 221.0,
    # F-0005 withdrew, F-0006 moved to another centre; F-0007 has no outcome.
    "outcomes": {o.value: {"withdrew": 1, "other_centre": 1}.get(o.value, 0) for o in CaseOutcome},
    "outcomes_not_recorded": 1,
    "volunteer_hours": 4.0,  # Val on S1 and S2
    "complaints_received": 2,  # 5 Apr, 25 Jun
    "complaints_resolved": 2,  # answered 10 Apr and 20 Apr
    "incidents_by_category": {
        "safeguarding_concern": 1,
        "aggression": 1,
        "breach_of_rules": 0,
        "accident": 0,
        "other": 0,
    },
}


def at(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def children(*names: str) -> list[PersonForm]:
    return [
        PersonForm(Role.resident_parent, "Sarah", "Jones", phone="0113 496 0001"),
        PersonForm(Role.non_resident_parent, "Mark", "Jones", phone="0113 496 0002"),
        *(PersonForm(Role.child, name, "Jones", date_of_birth=date(2019, 5, 1)) for name in names),
    ]


class Centre:
    """Builds the dataset; `families` maps a reference to its id."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.families: dict[str, int] = {}
        self.sessions: dict[date, int] = {}

    def family(
        self,
        ref: str,
        referred: date,
        source: ReferralSource,
        *,
        kind: ContactType = ContactType.supported,
        status: FamilyStatus = FamilyStatus.referred,
        kids: tuple[str, ...] = ("Lily",),
    ) -> None:
        form = family_form(
            ref,
            contact_type=kind,
            status=status,
            referral_date=referred,
            referral_source=source,
            people=children(*kids),
        )
        with self.store.session() as s:
            family = save_family(s, form, today=referred)
            assert family.id is not None
            self.families[ref] = family.id

    def accept(self, ref: str, on: date) -> None:
        with self.store.session() as s:
            form = load_family_form(s, self.families[ref])
            form.status = FamilyStatus.active
            save_family(s, form, today=on, family_id=self.families[ref])

    def close(self, ref: str, on: date, outcome: CaseOutcome | None = None) -> None:
        with self.store.session() as s:
            end_family(
                s,
                self.families[ref],
                FamilyStatus.closed,
                reason="Arrangements made",
                on=on,
                decided_by="",
                today=on,
                outcome=outcome,
            )

    def book(self, ref: str, day: date, **plan: time) -> int:
        with self.store.session() as s:
            if day not in self.sessions:
                session = ContactSession(day=day, start=time(10), end=time(12), capacity=4)
                s.add(session)
                s.flush()
                assert session.id is not None
                self.sessions[day] = session.id
            booking = Booking(session_id=self.sessions[day], family_id=self.families[ref], **plan)
            s.add(booking)
            s.flush()
            assert booking.id is not None
            return booking.id

    def record(self, booking_id: int, day: date, *events: tuple[EventKind, str]) -> None:
        with self.store.session() as s:
            for kind, hhmm in events:
                attendance.record_event(s, booking_id, kind, at(day, hhmm))

    def came(self, ref: str, day: date) -> None:
        """Dropped off at 10:15, collected at 11:45: 1.5 hours of contact."""
        self.record(
            self.book(ref, day),
            day,
            (EventKind.child_dropped_off, "10:15"),
            (EventKind.child_collected, "11:45"),
        )

    def cancelled(self, ref: str, day: date, by: CancelledBy) -> None:
        booking_id = self.book(ref, day)
        with self.store.session() as s:
            booking = s.get(Booking, booking_id)
            assert booking is not None
            booking.status, booking.cancelled_by = BookingStatus.cancelled, by
            booking.cancelled_at = at(day, "08:00")


def build(store: Store) -> Centre:
    c = Centre(store)
    src = ReferralSource
    c.family("F-0001", date(2027, 1, 10), src.cafcass, kids=("Lily", "Tom"))
    c.accept("F-0001", date(2027, 2, 1))
    c.family("F-0002", date(2027, 3, 1), src.cafcass, kind=ContactType.supervised,
             status=FamilyStatus.active)  # fmt: skip
    c.family("F-0003", date(2027, 4, 5), src.solicitor, kind=ContactType.handover)
    c.accept("F-0003", date(2027, 4, 10))
    c.family("F-0004", date(2027, 4, 2), src.self, kids=("Amy", "Ben"))
    c.accept("F-0004", date(2027, 4, 6))
    c.family("F-0005", date(2027, 5, 1), src.mediator)
    c.close("F-0005", date(2027, 5, 10), CaseOutcome.withdrew)
    c.family("F-0006", date(2027, 2, 1), src.court)
    c.accept("F-0006", date(2027, 3, 1))
    c.close("F-0006", date(2027, 5, 20), CaseOutcome.other_centre)
    c.family("F-0007", date(2026, 10, 1), src.social_services, status=FamilyStatus.active)
    c.family("F-0008", date(2027, 6, 1), src.social_services, status=FamilyStatus.active)

    # F-0001: once before the quarter, then all ten sessions of it.
    c.came("F-0001", BEFORE)
    for day in HELD:
        c.came("F-0001", day)
    # F-0002: either side of the quarter, and on S1 with only the visiting parent's times.
    c.came("F-0002", BEFORE)
    c.came("F-0002", AFTER)
    c.record(
        c.book("F-0002", HELD[0]),
        HELD[0],
        (EventKind.nonresident_arrived, "10:00"),
        (EventKind.nonresident_left, "12:00"),
    )
    # F-0003: new on S3 (collection not recorded; planned 11:30), then two cancellations,
    # and an arrival on S6 recorded by mistake and withdrawn.
    s3 = c.book("F-0003", HELD[2], child_dropoff=time(10, 30), child_pickup=time(11, 30))
    c.record(s3, HELD[2], (EventKind.child_dropped_off, "10:30"))
    c.cancelled("F-0003", HELD[3], CancelledBy.resident)
    c.cancelled("F-0003", HELD[4], CancelledBy.non_resident)
    s6 = c.book("F-0003", HELD[5])
    with store.session() as s:
        wrong = attendance.record_event(s, s6, EventKind.nonresident_arrived, at(HELD[5], "10:00"))
        assert wrong.id is not None
        attendance.correct_event(
            s, wrong.id, why="Wrong family", recorded_by="", kind=EventKind.voided
        )
    # F-0004: booked on S2 and did not come.
    c.record(c.book("F-0004", HELD[1]), HELD[1], (EventKind.no_show, "10:30"))
    # The centre cancels 12 Jun, with F-0001 and F-0003 booked.
    c.book("F-0001", CANCELLED_DAY)
    c.book("F-0003", CANCELLED_DAY)
    with store.session() as s:
        session_calendar.cancel_session(s, CANCELLED_DAY, "Hall flooded")
    # F-0007: came once long ago, closed in the quarter, as closures were recorded before
    # outcomes existed (none: "not recorded").
    c.came("F-0007", LONG_AGO)
    c.close("F-0007", date(2027, 6, 15))

    with store.session() as s:
        for name, role, joined, left in [
            ("Pat Coordinator", TeamRole.coordinator, None, None),
            ("Val Volunteer", TeamRole.volunteer, date(2027, 1, 1), None),
            ("Sue Supervisor", TeamRole.supervisor, date(2027, 5, 1), date(2027, 5, 31)),
            ("Lee Left", TeamRole.volunteer, date(2026, 1, 1), date(2027, 3, 31)),
            ("Jo Joins", TeamRole.volunteer, date(2027, 7, 1), None),
        ]:
            s.add(TeamMember(name=name, role=role, joined_on=joined, left_on=left))
    with store.session() as s:
        s.info["now"] = lambda: at(AFTER, "12:00")  # the quarter is past when it is counted
        duty = {m.name: m.id or 0 for m in s.exec(select(TeamMember))}
        for day, name in ((HELD[0], "Val Volunteer"), (HELD[1], "Val Volunteer"),
                          (HELD[6], "Sue Supervisor")):  # fmt: skip
            rota.put_on_duty(s, day, duty[name], override_reason="DBS certificate seen")
        for received, answered in (
            (date(2027, 3, 20), date(2027, 4, 10)),
            (date(2027, 4, 5), date(2027, 4, 20)),
            (date(2027, 6, 25), None),
        ):
            line = complaints.add_complaint(
                s, received=received, from_whom="A parent", about="Waiting", today=AFTER
            )
            if answered:
                complaints.update_complaint(s, line.ref, responded_on=answered, outcome="Answered")
        for category, when in (
            (IncidentCategory.aggression, at(HELD[2], "10:40")),
            (IncidentCategory.safeguarding_concern, at(HELD[4], "11:00")),
            (IncidentCategory.accident, at(BEFORE, "10:15")),
        ):
            incidents.record_incident(s, incidents.IncidentForm(when, category, seen="Noted"))
    return c

"""The demo centre's team: a coordinator, a supervisor and volunteers on the register,
one DBS recheck and one trial review coming up (so Today shows them), and the next two
sessions' rota with a lead each."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session

from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.team import register, rota
from contactcentre.store.models import TeamRole

# name, role, phone, DBS issued (years, days before today), joined (months before today)
PEOPLE = [
    ("Margaret Ellis", TeamRole.coordinator, "0113 496 0100", (1, 40), 60),
    ("Priya Shah", TeamRole.supervisor, "0113 496 0101", (2, 100), 30),
    ("Tom Hughes", TeamRole.volunteer, "0113 496 0102", (3, -25), 40),  # recheck soon
    ("Aisha Begum", TeamRole.volunteer, "0113 496 0103", (0, 120), 3),  # on trial
    ("Daniel Kowalski", TeamRole.volunteer, "0113 496 0104", (1, 200), 14),
]


def fill_team(s: Session, today: date) -> None:
    ids = []
    for index, (name, role, phone, (years, days), months) in enumerate(PEOPLE):
        joined = today - relativedelta(months=months)
        inducted = joined + timedelta(days=14)
        member = register.add_member(
            s,
            register.MemberDetails(
                name=name,
                role=role,
                phone=phone,
                dbs_number=f"0012{index + 1:08d}",  # a made-up certificate number
                dbs_issued_on=today - relativedelta(years=years) - timedelta(days=days),
                joined_on=joined,
                induction_on=inducted,
                trial_months=6,
                mid_review_on=inducted + relativedelta(months=3) if months >= 6 else None,
                end_review_on=inducted + relativedelta(months=6) if months >= 7 else None,
            ),
        )
        assert member.id is not None
        ids.append(member.id)
        register.add_training(
            s, member.id, "Safeguarding level 1", joined, joined + relativedelta(years=3)
        )
    register.add_reference(s, ids[3], "Revd Ann Hughes", today - timedelta(days=100))
    upcoming = [
        i.day
        for i in session_calendar.sessions_between(s, today, today + timedelta(days=60))
        if i.status in {"open", "full"}
    ][:2]
    for n, day in enumerate(upcoming):
        lead, *others = (ids[1], ids[2], ids[4]) if n == 0 else (ids[0], ids[3])
        rota.put_on_duty(s, day, lead, leads=True)
        for member_id in others:
            rota.put_on_duty(s, day, member_id)

"""Reminders for the Today screen: DBS rechecks, trial reviews and training renewals due
within 30 days or overdue; nothing for what is far off, done, or for people who left."""

from __future__ import annotations

from datetime import date

from contactcentre.domain.team import register
from contactcentre.domain.team.reminders import team_reminders
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from tests.domain.team.people import add_person

TODAY = date(2027, 3, 13)


def reminders(store: Store) -> list[tuple[str, str, bool]]:
    with store.session() as s:
        return [(r.name, r.words, r.overdue) for r in team_reminders(s, TODAY)]


def test_each_kind_of_reminder_names_the_person_and_the_date(store: Store) -> None:
    add_person(store, "Ola Late", dbs_issued_on=date(2024, 3, 1))
    add_person(store, "Dee Today", dbs_issued_on=date(2024, 3, 13))
    add_person(store, "Sol Soon", dbs_issued_on=date(2024, 4, 12))
    add_person(store, "Far Away", dbs_issued_on=date(2024, 4, 13))  # 31 days: not yet
    add_person(store, "Nia New", dbs_issued_on=None)
    add_person(store, "Tia Trial", induction_on=date(2026, 9, 20))
    trained = add_person(store, "Kim Lee", TeamRole.supervisor)
    with store.session() as s:
        register.add_training(s, trained, "First aid", "2024-03-20", "2027-03-20")
        register.add_training(s, trained, "Safeguarding", "2024-01-10", "2027-01-10")
        register.add_training(s, trained, "Safeguarding", "2027-01-05", "2030-01-05")  # renewed
    assert reminders(store) == [
        ("Nia New", "No DBS check on record", True),
        ("Tia Trial", "Mid-trial review overdue since Sun 20 Dec 2026", True),
        ("Ola Late", "DBS recheck overdue since Mon 01 Mar 2027", True),
        ("Dee Today", "DBS recheck due today", False),
        ("Kim Lee", "First aid training renewal due Sat 20 Mar 2027", False),
        ("Tia Trial", "End-of-trial review due Sat 20 Mar 2027", False),
        ("Sol Soon", "DBS recheck due Mon 12 Apr 2027", False),
    ]


def test_a_review_held_and_a_person_who_left_bring_no_reminder(store: Store) -> None:
    add_person(
        store,
        "Tia Trial",
        induction_on=date(2026, 9, 20),
        mid_review_on=date(2026, 12, 21),
        end_review_on=date(2027, 3, 10),
    )
    add_person(store, "Aled Gone", dbs_issued_on=None, left_on=date(2027, 2, 1))
    assert reminders(store) == []

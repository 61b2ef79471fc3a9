"""A risk statement's review on the coordinator's Today reminders: overdue from the day
itself, due within a fortnight, not yet beyond it; never a volunteer's."""

from __future__ import annotations

from datetime import date, timedelta

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register.families import end_family
from contactcentre.domain.safeguarding import screening
from contactcentre.domain.today.summary import TodaySummary, today_summary
from contactcentre.store.engine import Store
from contactcentre.store.models import FamilyStatus, TeamRole
from tests.factories import add_family

TITLE = "Risk statements to review"
RISK = screening.RiskLine("Verbal aggression at handover", managed="Staggered times")


def reviewed(store: Store, ref: str, review_on: date) -> int:
    family_id = add_family(store, ref, status=FamilyStatus.active)
    with store.session() as s:
        screening.save_risks(s, family_id, [RISK], date(2027, 1, 4), review_on)
    return family_id


def reminders(store: Store, clock: FixedClock) -> dict[str, str] | None:
    with store.session() as s:
        found: TodaySummary = today_summary(s, clock.today(), clock.now())
    need = next((n for n in found.needs if n.title == TITLE), None)
    return None if need is None else {line.label.split()[0]: line.words for line in need.families}


def test_a_review_shows_from_a_fortnight_before_and_is_overdue_from_its_day(
    store: Store, clock: FixedClock
) -> None:
    today = clock.today()  # Sat 13 Mar 2027
    reviewed(store, "F-0001", today - timedelta(days=1))
    reviewed(store, "F-0002", today)
    reviewed(store, "F-0003", today + timedelta(days=14))
    reviewed(store, "F-0004", today + timedelta(days=15))  # not yet
    assert reminders(store, clock) == {
        "F-0001": "Risk statement review overdue: Fri 12 Mar 2027",
        "F-0002": "Risk statement review overdue: Sat 13 Mar 2027",
        "F-0003": "Risk statement review due: Sat 27 Mar 2027",
    }


def test_a_closed_familys_statement_is_not_reviewed_and_a_volunteer_sees_no_such_list(
    store: Store, clock: FixedClock
) -> None:
    reviewed(store, "F-0001", clock.today())
    closed = reviewed(store, "F-0002", clock.today())
    with store.session() as s:
        end_family(
            s, closed, FamilyStatus.closed, reason="Moved away", on=date(2027, 3, 1),
            decided_by="", today=date(2027, 3, 1),
        )  # fmt: skip
    assert reminders(store, clock) == {"F-0001": "Risk statement review overdue: Sat 13 Mar 2027"}
    store.act_as("Sam Jones", clock.now, TeamRole.volunteer)
    assert reminders(store, clock) is None


def test_saving_the_statement_again_moves_its_review_on(store: Store, clock: FixedClock) -> None:
    family_id = reviewed(store, "F-0001", clock.today())
    with store.session() as s:
        screening.save_risks(s, family_id, [RISK], clock.today())  # the centre's 3 months
        assert screening.screening(s, family_id).review_on == date(2027, 6, 13)
    assert reminders(store, clock) == {}

"""Complaints' due dates: 5 working days (England and Wales bank holidays skipped) to
acknowledge, 30 days to respond; both the centre's settings; overdue ones listed."""

from __future__ import annotations

from datetime import date

import pytest

from contactcentre.domain.centre import update_centre
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.safeguarding import complaints
from contactcentre.domain.schedule import add_working_days
from contactcentre.store.engine import Store

TODAY = date(2027, 6, 1)


@pytest.mark.parametrize(
    ("received", "acknowledge_by"),
    [
        # Christmas 2026: Fri 25 and Mon 28 (Boxing Day substitute) are bank holidays.
        (date(2026, 12, 22), date(2026, 12, 31)),  # 23, 24, 29, 30, 31
        # New Year 2027: Fri 1 Jan is a bank holiday.
        (date(2026, 12, 30), date(2027, 1, 7)),  # 31, 4, 5, 6, 7
        # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
        (date(2027, 3, 24), date(2027, 4, 2)),  # 25, 30, 31, 1, 2
        (date(2027, 6, 2), date(2027, 6, 9)),  # an ordinary week: Wed to Wed
    ],
)
def test_acknowledgement_is_due_five_working_days_after_receipt(
    received: date, acknowledge_by: date
) -> None:
    assert add_working_days(received, 5) == acknowledge_by


def test_a_complaint_gets_both_due_dates_and_is_overdue_after_them(store: Store) -> None:
    with store.session() as s:
        line = complaints.add_complaint(
            s,
            received=date(2027, 3, 24),
            from_whom="Mr Nowak",
            about="Session cancelled at short notice",
            today=TODAY,
        )
    assert (line.ref, line.acknowledge_by, line.respond_by) == (
        "C-0001",
        date(2027, 4, 2),
        date(2027, 4, 23),
    )
    with store.session() as s:
        assert [c.ref for c in complaints.complaints(s, due_on=date(2027, 4, 2))] == []
        [late] = complaints.complaints(s, due_on=date(2027, 4, 5))
        assert late.overdue(date(2027, 4, 5)) == ["acknowledgement"]
        complaints.update_complaint(s, "C-0001", acknowledged_on=date(2027, 4, 5))
        assert complaints.complaints(s, due_on=date(2027, 4, 6)) == []
        assert complaints.complaints(s, due_on=date(2027, 4, 24))[0].overdue(date(2027, 4, 24)) == [
            "response"
        ]


def test_a_complaint_cannot_be_answered_without_its_outcome(store: Store) -> None:
    with store.session() as s:
        complaints.add_complaint(
            s, received=date(2027, 3, 24), from_whom="Mr Nowak", about="Late", today=TODAY
        )
    with pytest.raises(ValidationError, match="outcome"), store.session() as s:
        complaints.update_complaint(s, "C-0001", responded_on=date(2027, 4, 1), outcome="  ")
    with store.session() as s:
        [line] = complaints.complaints(s)
        assert line.responded_on is None  # nothing of the refused answer was kept
        answered = complaints.update_complaint(
            s, "C-0001", responded_on=date(2027, 4, 1), outcome="Apologised in writing"
        )
    assert (answered.responded_on, answered.outcome) == (date(2027, 4, 1), "Apologised in writing")


def test_the_centre_sets_how_long_it_has(store: Store) -> None:
    with store.session() as s:
        update_centre(s, complaint_acknowledge_working_days=2, complaint_respond_days=20)
        line = complaints.add_complaint(
            s, received=date(2027, 3, 24), from_whom="A parent", about="Rudeness", today=TODAY
        )
    assert (line.acknowledge_by, line.respond_by) == (
        date(2027, 3, 30),
        date(2027, 4, 13),
    )  # 25, then Easter


def test_an_overdue_complaint_is_on_a_coordinators_today_screen_only(store: Store) -> None:
    from datetime import UTC, datetime

    from contactcentre.domain.today.summary import today_summary
    from contactcentre.store.models import TeamRole
    from contactcentre.store.types import utcnow

    with store.session() as s:
        complaints.add_complaint(
            s,
            received=date(2027, 3, 24),
            from_whom="Mrs Evans",
            about="Waited twenty minutes",
            today=TODAY,
        )
    now = datetime(2027, 4, 5, 9, tzinfo=UTC)
    with store.session() as s:
        summary = today_summary(s, date(2027, 4, 5), now)
    assert summary.complaints == (("C-0001", "Acknowledgement overdue (received 24/03/2027)"),)
    assert "Evans" not in repr(summary) and "twenty" not in repr(summary)
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s:
        assert today_summary(s, date(2027, 4, 5), now).complaints == ()

"""Each rule at its boundary: a day before the anniversary nothing is due, on the day and
after it is; a hold keeps a family off the list and says why."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.retention import holds, rules
from contactcentre.domain.retention.due import due_for_destruction
from contactcentre.domain.safeguarding import incidents
from contactcentre.store.engine import Store
from contactcentre.store.models import IncidentCategory, TeamMember, TeamRole
from tests.domain.retention.helpers import attended_on, closed_family

CLOSED = date(2023, 6, 15)


def due_refs(s: Session, today: date) -> list[str]:
    return [f.ref for f in due_for_destruction(s, today).families]


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2026, 6, 14), []), (date(2026, 6, 15), ["F-0001"]), (date(2026, 6, 16), ["F-0001"])],
)
def test_a_closed_family_is_due_three_years_after_it_closed(
    store: Store, today: date, due: list[str]
) -> None:
    closed_family(store, "F-0001", CLOSED)
    with store.session() as s:
        assert due_refs(s, today) == due


def test_a_session_after_closing_moves_the_clock_to_that_day(store: Store) -> None:
    family_id = closed_family(store, "F-0001", CLOSED)
    attended_on(store, family_id, date(2023, 7, 1))
    with store.session() as s:
        assert due_refs(s, date(2026, 6, 30)) == []
        due = due_for_destruction(s, date(2026, 7, 1))
    assert [(f.ref, f.last_contact) for f in due.families] == [("F-0001", date(2023, 7, 1))]


def test_an_open_family_is_never_due(store: Store) -> None:
    from tests.factories import add_family

    add_family(store, "F-0002", today=date(2020, 1, 1), referral_date=date(2020, 1, 1))
    with store.session() as s:
        assert due_refs(s, date(2040, 1, 1)) == []


@pytest.mark.parametrize(
    ("today", "count"), [(date(2026, 2, 28), 0), (date(2026, 3, 1), 1), (date(2026, 3, 2), 1)]
)
def test_a_volunteer_is_due_six_years_after_leaving(store: Store, today: date, count: int) -> None:
    with store.session() as s:
        s.add(TeamMember(name="Jo Bloggs", role=TeamRole.volunteer, left_on=date(2020, 3, 1)))
        s.add(TeamMember(name="Still Here", role=TeamRole.volunteer))
    with store.session() as s:
        assert len(due_for_destruction(s, today).members) == count


def test_a_longer_rule_set_on_the_centre_screen_is_used_with_its_reason(store: Store) -> None:
    closed_family(store, "F-0001", CLOSED)
    with store.session() as s:
        rule = rules.set_rule(s, "family", 5, "Our insurer asks for five years")
        assert rules.rule_words(rule).startswith("5 years after")
        assert due_refs(s, date(2028, 6, 14)) == []
        assert due_refs(s, date(2028, 6, 15)) == ["F-0001"]
        assert rules.rules(s)["family"].reason == "Our insurer asks for five years"
        with pytest.raises(ValidationError):
            rules.set_rule(s, "family", 4, "")


def test_a_hold_keeps_the_family_off_the_list_and_says_why_until_released(store: Store) -> None:
    closed_family(store, "F-0001", CLOSED)
    today = date(2026, 7, 1)
    with store.session() as s:
        holds.set_hold(s, "f-0001", "Court hearing pending")
        due = due_for_destruction(s, today)
        assert due.families == []
        assert [(h.ref, h.reason) for h in due.held] == [
            ("F-0001", "legal hold: Court hearing pending")
        ]
        with pytest.raises(DomainError, match="already held"):
            holds.set_hold(s, "F-0001", "Again")
        holds.release_hold(s, "F-0001")
        assert due_refs(s, today) == ["F-0001"]
        with pytest.raises(DomainError, match="not held"):
            holds.release_hold(s, "F-0001")


def test_every_hold_is_listed_with_its_reason_even_before_anything_is_due(store: Store) -> None:
    from tests.factories import add_family

    add_family(store, "F-0003", today=date(2026, 1, 5), referral_date=date(2026, 1, 5))
    with store.session() as s:
        holds.set_hold(s, "F-0003", "Police investigation")
        due = due_for_destruction(s, date(2026, 7, 1))
    assert [(h.ref, h.reason, h.due_on) for h in due.held] == [
        ("F-0003", "legal hold: Police investigation", None)
    ]


def incident_on(store: Store, family_id: int, *, signed_off: bool) -> None:
    """An aggression incident at the family's last session, signed off or still open."""
    form = incidents.IncidentForm(
        datetime(2023, 6, 10, 10, 40, tzinfo=UTC),
        IncidentCategory.aggression,
        family_id=family_id,
        seen="Shouting at the door",
        decision="Warning given",
    )
    with store.session() as s:
        row = incidents.record_incident(s, form)
        if signed_off:
            incidents.sign_off(s, row.id or 0)


def test_an_open_incident_holds_the_family_and_says_so(store: Store) -> None:
    family_id = closed_family(store, "F-0001", CLOSED)
    incident_on(store, family_id, signed_off=False)
    with store.session() as s:
        due = due_for_destruction(s, date(2030, 1, 1))
    assert due.families == []
    assert [(h.ref, h.reason) for h in due.held] == [("F-0001", "an incident is open")]


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2029, 6, 14), []), (date(2029, 6, 15), ["F-0001"])],
)
def test_a_family_with_an_incident_is_kept_six_years_after_closing_not_three(
    store: Store, today: date, due: list[str]
) -> None:
    family_id = closed_family(store, "F-0001", CLOSED)
    incident_on(store, family_id, signed_off=True)
    with store.session() as s:
        assert due_refs(s, date(2026, 6, 15)) == []  # the family rule alone would say due
        assert due_refs(s, today) == due


def complaint_answered(store: Store, responded_on: date | None) -> str:
    """A complaint received on 1 Feb 2025, answered on `responded_on` (None: not yet)."""
    from contactcentre.domain.safeguarding import complaints

    with store.session() as s:
        ref = complaints.add_complaint(
            s, received=date(2025, 2, 1), from_whom="A grandparent", about="The waiting room",
            today=date(2025, 2, 1),
        ).ref  # fmt: skip
        if responded_on is not None:
            complaints.update_complaint(s, ref, responded_on=responded_on, outcome="Apologised")
    return ref


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2026, 3, 9), []), (date(2026, 3, 10), ["C-0001"]), (date(2026, 3, 11), ["C-0001"])],
)
def test_a_resolved_complaint_is_due_one_year_after_it_was_answered(
    store: Store, today: date, due: list[str]
) -> None:
    complaint_answered(store, date(2025, 3, 10))
    complaint_answered(store, None)  # never answered: never due
    with store.session() as s:
        listed = due_for_destruction(s, today)
        assert [c.ref for c in listed.complaints] == due
        assert due_for_destruction(s, date(2040, 1, 1)).complaints[-1].ref == "C-0001"
    counts = {category: (n, rule) for category, n, rule in listed.categories()}
    assert counts["complaints"] == (len(due), "1 year after the complaint was resolved")


def test_a_complaint_is_never_held_by_a_familys_hold(store: Store) -> None:
    """Complaints name who complained in words, never a family record: a family's legal
    hold cannot reach them (the complaint's own clock still runs)."""
    closed_family(store, "F-0001", CLOSED)
    complaint_answered(store, date(2025, 3, 10))
    with store.session() as s:
        holds.set_hold(s, "F-0001", "Court hearing pending")
        due = due_for_destruction(s, date(2026, 7, 1))
    assert due.families == [] and [c.ref for c in due.complaints] == ["C-0001"]

"""The supported block and its override, at acceptance and at booking; the door check."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.bookings import booking
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register import families
from contactcentre.domain.safeguarding import screening
from contactcentre.domain.safeguarding.door import door_notes
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Answer,
    ContactType,
    FamilyStatus,
    Level,
    Person,
    Role,
    ScreeningItem,
)
from tests.factories import add_family, make_ready

DAY = date(2027, 3, 13)


def adult(store: Store, family_id: int, role: Role) -> int:
    with store.session() as s:
        query = select(Person.id).where(Person.family_id == family_id, Person.role == role)
        return s.exec(query).one()  # type: ignore[return-value]


def answer(
    store: Store, person_id: int, item: ScreeningItem, given: Answer, note: str = ""
) -> None:
    with store.session() as s:
        screening.save_answer(s, person_id, screening.AnswerLine(item, "", given, note))


def test_a_child_abuse_conviction_blocks_supported_booking_until_overridden(store: Store) -> None:
    family_id = add_family(store, "F-0001", status=FamilyStatus.active)
    make_ready(store, family_id)
    mark = adult(store, family_id, Role.non_resident_parent)
    answer(store, mark, ScreeningItem.child_offences, Answer.yes, "2019, Leeds Crown Court")
    with store.session() as s:
        found = screening.screening(s, family_id)
        assert found.level == Level.supervised
        assert found.blocked and "Mark Jones" in found.blocked[0]
        with pytest.raises(screening.SupportedBlocked, match="F-0001 cannot have supported"):
            booking.book(s, family_id, DAY, today=date(2027, 3, 1), override_reason="Urgent")
    with store.session() as s:
        screening.override_block(s, family_id, "Spent conviction; Cafcass risk assessment")
    with store.session() as s:
        booking.book(s, family_id, DAY, today=date(2027, 3, 1))
        assert screening.screening(s, family_id).override_by  # who decided is kept
        actions = [e.action for e in audit.entries(s)]
    assert "screening.override" in actions


def test_an_open_child_protection_case_blocks_accepting_for_supported_but_not_supervised(
    store: Store,
) -> None:
    family_id = add_family(store, "F-0001")
    resident = adult(store, family_id, Role.resident_parent)
    answer(store, resident, ScreeningItem.child_protection, Answer.yes)
    with store.session() as s:
        form = families.load_family_form(s, family_id)
    form.status = FamilyStatus.active
    with store.session() as s, pytest.raises(screening.SupportedBlocked):
        families.save_family(s, form, today=date(2027, 3, 1), family_id=family_id)
    form.contact_type = ContactType.supervised
    with store.session() as s:
        families.save_family(s, form, today=date(2027, 3, 1), family_id=family_id)


def test_a_supervised_level_without_a_block_does_not_stop_supported_booking(store: Store) -> None:
    family_id = add_family(store, "F-0001", status=FamilyStatus.active)
    make_ready(store, family_id)
    answer(store, adult(store, family_id, Role.resident_parent), ScreeningItem.violence, Answer.yes)
    with store.session() as s:
        assert screening.screening(s, family_id).level == Level.supervised
        booking.book(s, family_id, DAY, today=date(2027, 3, 1))


def test_the_door_sees_only_the_instruction_not_the_answers(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    answer(
        store,
        adult(store, family_id, Role.resident_parent),
        ScreeningItem.abduction,
        Answer.yes,
        "Threatened to take Lily abroad",
    )
    with store.session() as s:
        screening.set_door_instruction(
            s, family_id, "Do not release Lily to anyone but Sarah Jones"
        )
        notes = door_notes(s, [family_id])[family_id]
    assert notes.lines == ("Do not release Lily to anyone but Sarah Jones",)
    assert notes.admits(1)


def test_the_risk_statement_is_kept_with_its_review_date(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    risk = screening.RiskLine(
        "Verbal aggression at handover",
        managed="Staggered times",
        before="Remind of rules",
        during="Volunteer at the door",
        after="Resident leaves first",
    )
    with store.session() as s:
        screening.save_risks(s, family_id, [risk], reviewed_on=date(2027, 3, 1))
    with store.session() as s:
        found = screening.screening(s, family_id)
    assert found.risks == (risk,)
    assert found.statement_reviewed_on == date(2027, 3, 1)
    assert found.review_on == date(2027, 6, 1)  # the centre's review interval: 3 months on


def test_the_next_review_is_after_the_statement_is_reviewed(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    risk = screening.RiskLine("Verbal aggression at handover")
    with store.session() as s:
        with pytest.raises(ValidationError, match="next review must be after"):
            screening.save_risks(s, family_id, [risk], date(2027, 3, 1), date(2027, 3, 1))
        screening.save_risks(s, family_id, [risk], date(2027, 3, 1), date(2027, 4, 1))
        assert screening.screening(s, family_id).review_on == date(2027, 4, 1)

"""Observation records: who may write, submit, approve and add to them, and when."""

from __future__ import annotations

from datetime import time

import pytest
from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.supervised import occasions, prompts, records
from contactcentre.domain.supervised.records import ObservationRefused
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, ContactType, ObservationState, TeamRole
from tests.domain.supervised.helpers import (
    BODY,
    CHECKER,
    DAY,
    WRITER,
    approved,
    as_,
    supervised_family,
    written,
)
from tests.factories import add_booking, add_family


def actions(s: Session) -> list[str]:
    """The audit trail's actions, oldest first."""
    return list(s.exec(select(AuditEntry.action).order_by(col(AuditEntry.id))))


def state_of(store: Store, record_id: int) -> ObservationState:
    with store.session() as s:
        return records.get_record(s, record_id).state


def test_a_worker_writes_a_draft_submits_it_and_another_supervisor_approves_it(
    store: Store,
) -> None:
    _, booking = supervised_family(store)
    record_id = written(store, booking)
    assert state_of(store, record_id) == ObservationState.submitted
    as_(store, CHECKER)
    with store.session() as s:
        record = records.approve(s, record_id)
        assert (record.state, record.author, record.approved_by) == (
            ObservationState.approved,
            WRITER,
            CHECKER,
        )
        assert record.approved_at is not None


def test_the_author_cannot_approve_their_own_record_even_as_coordinator(store: Store) -> None:
    _, booking = supervised_family(store)
    record_id = written(store, booking)
    as_(store, WRITER.upper(), TeamRole.coordinator)  # the same name, however typed
    with store.session() as s, pytest.raises(ObservationRefused, match="You wrote this record"):
        records.approve(s, record_id)
    assert state_of(store, record_id) == ObservationState.submitted


def test_the_second_worker_in_the_room_cannot_approve_either(store: Store) -> None:
    _, booking = supervised_family(store)
    record_id = written(store, booking, second_worker=CHECKER)
    as_(store, CHECKER)
    with store.session() as s, pytest.raises(ObservationRefused, match="worked this session"):
        records.approve(s, record_id)


def test_a_volunteer_can_neither_write_nor_approve(store: Store) -> None:
    _, booking = supervised_family(store)
    record_id = written(store, booking)
    as_(store, "Val Volunteer", TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused, match="approve observation"):
        records.approve(s, record_id)
    with store.session() as s, pytest.raises(permissions.Refused, match="write or read"):
        records.start_record(s, booking_id=booking)


def test_only_the_author_or_a_coordinator_changes_a_draft(store: Store) -> None:
    _, booking = supervised_family(store)
    as_(store, WRITER)
    with store.session() as s:
        record_id = records.start_record(s, booking_id=booking).id or 0
    as_(store, CHECKER)
    with store.session() as s, pytest.raises(ObservationRefused, match="who wrote this draft"):
        records.edit_record(s, record_id, what_happened="Rewritten by someone else")
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s:
        records.edit_record(s, record_id, what_happened="Corrected by the coordinator")


def test_a_record_is_submitted_only_when_it_says_what_happened_and_why(store: Store) -> None:
    _, booking = supervised_family(store)
    as_(store, WRITER)
    with store.session() as s:
        record_id = records.start_record(s, booking_id=booking).id or 0
    with store.session() as s, pytest.raises(ValidationError) as empty:
        records.submit(s, record_id)
    assert "what_happened" in empty.value.errors
    with store.session() as s:
        records.edit_record(s, record_id, what_happened="Played", safeguarding=True,
                            ended_early=True)  # fmt: skip
    with store.session() as s, pytest.raises(ValidationError) as missing:
        records.submit(s, record_id)
    assert set(missing.value.errors) == {"safeguarding_details", "ended_early_reason"}
    assert state_of(store, record_id) == ObservationState.draft


def test_a_submitted_or_approved_record_cannot_be_edited_only_added_to(store: Store) -> None:
    _, booking = supervised_family(store)
    record_id = written(store, booking)
    as_(store, WRITER)
    with store.session() as s, pytest.raises(ObservationRefused, match="only a draft"):
        records.edit_record(s, record_id, what_happened="Changed my mind")
    with store.session() as s, pytest.raises(ObservationRefused, match="Only an approved"):
        records.add_addendum(s, record_id, "Too early for an addendum")
    approved_id = record_id
    as_(store, CHECKER)
    with store.session() as s:
        records.approve(s, approved_id)
    as_(store, WRITER)
    with store.session() as s, pytest.raises(ObservationRefused, match="add an addendum instead"):
        records.edit_record(s, approved_id, what_happened="Changed my mind")
    with store.session() as s:
        records.add_addendum(s, approved_id, "Mark arrived 5 minutes late.")
    with store.session() as s:
        [view] = records.records_of(s, records.get_record(s, approved_id).family_id)
        assert view.record.what_happened == BODY["what_happened"]  # the original, readable
        assert [(a.text, a.added_by) for a in view.addenda] == [
            ("Mark arrived 5 minutes late.", WRITER)
        ]


def test_approving_twice_or_a_draft_is_refused(store: Store) -> None:
    _, booking = supervised_family(store)
    record_id = approved(store, booking)
    with store.session() as s, pytest.raises(ObservationRefused, match="only a submitted"):
        records.approve(s, record_id)


def test_a_session_has_one_record_and_supported_families_have_none(store: Store) -> None:
    _, booking = supervised_family(store)
    written(store, booking)
    with store.session() as s, pytest.raises(ObservationRefused, match="already has a record"):
        records.start_record(s, booking_id=booking)
    as_(store, "Coordinator", TeamRole.coordinator)
    supported = add_family(store, "F-0002", contact_type=ContactType.supported)
    with store.session() as s:
        other = add_booking(s, supported, DAY.replace(day=27))
    with store.session() as s, pytest.raises(occasions.NotSupervised, match="use `letter`"):
        records.start_record(s, booking_id=other)


def test_escorted_contact_takes_no_session_place_and_gets_a_record(store: Store) -> None:
    family_id, _ = supervised_family(store)
    as_(store, "Coordinator", TeamRole.coordinator)  # who arranges contact
    with store.session() as s:
        visit = occasions.add_escorted_visit(
            s, family_id, DAY.replace(day=20), time(14), time(15, 30),
            venue="Park, Clapton Square", worker=WRITER, route="Walk via the high street",
            return_by=time(15, 45),
        )  # fmt: skip
    as_(store, WRITER)
    with store.session() as s:
        record = records.start_record(s, escorted_visit_id=visit.id)
        where = occasions.occasion(s, record)
        assert (where.venue, where.escorted, where.start) == (
            "Park, Clapton Square",
            True,
            time(14),
        )
        assert occasions.booking_on(s, family_id, DAY.replace(day=20)) is None


def test_ages_on_the_day_choose_the_prompts(store: Store) -> None:
    family_id, _ = supervised_family(store)
    with store.session() as s:
        assert occasions.children_on(s, family_id, DAY) == (("Lily", "7 years"),)
    [band] = prompts.prompts_for([DAY.replace(year=2019, month=5, day=1)], DAY)
    assert band.title == "6–11" and band.prompts
    assert [b.title for b in prompts.bands()] == list(prompts.BANDS)


def test_the_author_withdraws_a_submitted_record_and_changes_it(store: Store) -> None:
    _, booking_id = supervised_family(store)
    record_id = written(store, booking_id)
    as_(store, WRITER)
    with store.session() as s:
        assert records.return_refusal(s, records.get_record(s, record_id)) == ""
        records.return_to_draft(s, record_id)
        records.edit_record(s, record_id, what_happened="Corrected: they built a castle.")
        assert records.get_record(s, record_id).submitted_at is None
    with store.session() as s:
        assert actions(s)[-2:] == [
            "observation.withdraw",
            "observation.edit",
        ]


def test_a_reviewer_returns_a_record_for_changes_but_not_one_they_worked(store: Store) -> None:
    _, booking_id = supervised_family(store)
    record_id = written(store, booking_id, second_worker=CHECKER)
    as_(store, CHECKER)
    with store.session() as s, pytest.raises(ObservationRefused, match="review its record"):
        records.return_to_draft(s, record_id, "Add the times")
    as_(store, "Bethan Rees")
    with store.session() as s, pytest.raises(ValidationError, match="should change"):
        records.return_to_draft(s, record_id, "  ")
    with store.session() as s:
        records.return_to_draft(s, record_id, "Say when Mark arrived.")
        record = records.get_record(s, record_id)
        assert record.state == ObservationState.draft
        assert (record.returned_by, record.return_reason) == (
            "Bethan Rees",
            "Say when Mark arrived.",
        )
    with store.session() as s:
        assert actions(s)[-1] == "observation.return"


def test_an_approved_record_cannot_go_back_to_draft(store: Store) -> None:
    _, booking_id = supervised_family(store)
    record_id = approved(store, booking_id)
    for who, role in ((WRITER, TeamRole.supervisor), ("Coordinator", TeamRole.coordinator)):
        as_(store, who, role)
        with store.session() as s, pytest.raises(ObservationRefused, match="is approved"):
            records.return_to_draft(s, record_id)


def test_a_draft_is_not_returned_and_a_volunteer_may_not_return_anything(store: Store) -> None:
    _, booking_id = supervised_family(store)
    as_(store, WRITER)
    with store.session() as s:
        record_id = records.start_record(s, booking_id=booking_id).id or 0
    with store.session() as s, pytest.raises(ObservationRefused, match="is draft"):
        records.return_to_draft(s, record_id)
    as_(store, "Sam Volunteer", TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused):
        records.return_to_draft(s, record_id)

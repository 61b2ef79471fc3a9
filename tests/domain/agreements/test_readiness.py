"""Ready for contact: pre-visits, signatures of the agreement in force, ended families."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from contactcentre.domain import vocabulary
from contactcentre.domain.agreements import readiness, signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import end_family, load_family_form, save_family
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, Family, FamilyStatus, Person, Role
from tests.factories import add_family

PRE_VISIT = date(2027, 3, 6)
TODAY = date(2027, 3, 13)
NEXT_SESSION = date(2027, 3, 27)
LINE = [[(0.1, 0.5), (0.9, 0.5)]]


def people(store: Store, family_id: int) -> dict[str, int]:
    with store.session() as s:
        rows = s.exec(select(Person).where(Person.family_id == family_id))
        return {vocabulary.person_name(p): p.id or 0 for p in rows}


def prepare(store: Store, family_id: int, *, sign: bool = True) -> dict[str, int]:
    """Both parents had a pre-visit a week ago and (optionally) signed."""
    ids = people(store, family_id)
    with store.session() as s:
        for name in ("Mark Jones", "Sarah Jones"):
            readiness.record_pre_visit(s, ids[name], PRE_VISIT, today=TODAY)
            if sign:
                signing.sign_on_screen(s, ids[name], LINE, PRE_VISIT)
    return ids


def check(store: Store, family_id: int, on: date = NEXT_SESSION) -> readiness.Readiness:
    with store.session() as s:
        return readiness.readiness(s, family_id, on)


def stage(store: Store, family_id: int) -> str:
    with store.session() as s:
        return readiness.lifecycle_stage(s, family_id)


def test_a_new_referral_is_not_ready_and_says_why(store: Store) -> None:
    family_id = add_family(store)
    verdict = check(store, family_id)
    assert not verdict.ready
    assert verdict.reasons == (
        "Mark Jones has not signed the agreement (version 1)",
        "Mark Jones has not had a pre-visit",
        "Sarah Jones has not signed the agreement (version 1)",
        "Sarah Jones has not had a pre-visit",
    )
    assert stage(store, family_id) == "Referred"


def test_ready_once_every_attending_adult_had_a_pre_visit_and_signed(store: Store) -> None:
    family_id = add_family(store)
    ids = people(store, family_id)
    with store.session() as s:
        for name in ("Mark Jones", "Sarah Jones"):
            readiness.record_pre_visit(s, ids[name], PRE_VISIT, today=TODAY)
    assert stage(store, family_id) == "Pre-visit done"
    assert check(store, family_id).reasons == (
        "Mark Jones has not signed the agreement (version 1)",
        "Sarah Jones has not signed the agreement (version 1)",
    )
    with store.session() as s:
        signing.sign_on_screen(s, ids["Mark Jones"], LINE, PRE_VISIT)
        signing.sign_on_paper(s, ids["Sarah Jones"], PRE_VISIT, "Ann Coordinator")
    assert check(store, family_id) == readiness.Readiness(True, ())
    assert stage(store, family_id) == "Agreement signed"


def test_an_adult_who_will_not_attend_does_not_hold_the_family_back(store: Store) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    with store.session() as s:
        s.add(
            Person(
                family_id=family_id,
                role=Role.relative,
                first_name="June",
                last_name="Jones",
                attends=False,
            )
        )
    assert check(store, family_id).ready
    with store.session() as s:
        june = s.exec(select(Person).where(Person.first_name == "June")).one()
        assert june.id is not None
        readiness.set_attends(s, june.id, True)
    assert check(store, family_id).reasons == (
        "June Jones has not signed the agreement (version 1)",
        "June Jones has not had a pre-visit",
    )


def test_no_contact_on_the_same_day_as_the_pre_visit(store: Store) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    verdict = check(store, family_id, on=PRE_VISIT)
    assert not verdict.ready
    assert verdict.reasons == (
        "The pre-visit for Mark Jones is on the same day (06/03/2027)",
        "The pre-visit for Sarah Jones is on the same day (06/03/2027)",
    )
    assert check(store, family_id, on=date(2027, 3, 7)).ready  # the next day is fine


def test_a_childs_pre_visit_on_the_session_day_also_counts(store: Store) -> None:
    family_id = add_family(store)
    ids = prepare(store, family_id)
    with store.session() as s:
        readiness.record_pre_visit(s, ids["Lily Jones"], NEXT_SESSION)
    assert check(store, family_id).reasons == (
        "The pre-visit for Lily Jones is on the same day (27/03/2027)",
    )


def test_a_session_before_the_pre_visit_is_not_ready(store: Store) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    verdict = check(store, family_id, on=date(2027, 3, 1))
    assert "The pre-visit for Mark Jones is not until 06/03/2027" in verdict.reasons


def test_a_new_version_needing_signatures_makes_a_ready_family_unready(store: Store) -> None:
    family_id = add_family(store)
    ids = prepare(store, family_id)
    with store.session() as s:
        agreement_versions.save_new_version(s, "New rules for {centre_name}", requires_resign=True)
    verdict = check(store, family_id)
    assert verdict.reasons == (
        "Mark Jones must sign the agreement again (version 2; signed version 1)",
        "Sarah Jones must sign the agreement again (version 2; signed version 1)",
    )
    assert stage(store, family_id) == "Pre-visit done"
    with store.session() as s:
        for name in ("Mark Jones", "Sarah Jones"):
            signing.sign_on_screen(s, ids[name], LINE, TODAY)
    assert check(store, family_id).ready


def test_a_wording_fix_that_needs_no_signatures_keeps_the_family_ready(store: Store) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    with store.session() as s:
        agreement_versions.save_new_version(
            s, "Spelling fixed {centre_name}", requires_resign=False
        )
    assert check(store, family_id).ready


@pytest.mark.parametrize("status", [FamilyStatus.excluded, FamilyStatus.closed])
def test_ended_families_are_never_ready(store: Store, status: FamilyStatus) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    with store.session() as s:
        end_family(
            s,
            family_id,
            status,
            reason="Threatened a volunteer",
            on=TODAY,
            decided_by="Ann Coordinator",
            today=TODAY,
        )
    verdict = check(store, family_id)
    assert not verdict.ready
    assert verdict.reasons == (
        f"F-0001 is {status.value}"
        + (" from the centre." if status == FamilyStatus.excluded else "."),
    )
    assert stage(store, family_id) == status.value.title()


def test_becoming_active_sets_the_review_date_from_the_centres_settings(store: Store) -> None:
    family_id = add_family(store)
    prepare(store, family_id)
    with store.session() as s:
        form = load_family_form(s, family_id)
        form.status = FamilyStatus.active
        save_family(s, form, today=TODAY, family_id=family_id)
    with store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None
        assert family.review_date == date(2027, 6, 13)
    assert stage(store, family_id) == "Active"
    assert check(store, family_id).ready


def test_pre_visit_dates_are_checked_and_audited_without_values(store: Store) -> None:
    family_id = add_family(store)
    mark = people(store, family_id)["Mark Jones"]
    with store.session() as s:
        with pytest.raises(ValidationError, match="in the future"):
            readiness.record_pre_visit(s, mark, date(2027, 4, 1), today=TODAY)
        with pytest.raises(ValidationError, match="is not a date"):
            readiness.record_pre_visit(s, mark, "next week", today=TODAY)
        readiness.record_pre_visit(s, mark, "06/03/2027", today=TODAY)
    with store.session() as s:
        person = s.get(Person, mark)
        assert person is not None and person.pre_visit_date == PRE_VISIT
        entry = s.exec(select(AuditEntry).where(AuditEntry.fields == "pre_visit_date")).one()
        assert entry.entity_id == mark and "2027" not in entry.detail
        readiness.record_pre_visit(s, mark, None)  # a mistake can be cleared
    assert "Mark Jones has not had a pre-visit" in check(store, family_id).reasons

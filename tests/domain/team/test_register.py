"""The volunteer register: a DBS recheck three years (the centre's setting) after issue,
trial reviews halfway and at the end, references, training and declared conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from contactcentre.domain import permissions
from contactcentre.domain.centre import update_centre
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.team import register
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, TeamMember, TeamRole
from contactcentre.store.types import utcnow
from tests.conftest import COORDINATOR
from tests.domain.team.people import add_person
from tests.factories import add_family

ISSUED = date(2024, 3, 13)
DUE = date(2027, 3, 13)


def member(store: Store, member_id: int) -> TeamMember:
    with store.session() as s:
        found = register.get_member(s, member_id)
        s.expunge(found)
        return found


def test_a_dbs_check_issued_on_13_march_2024_covers_until_13_march_2027(store: Store) -> None:
    sam = member(store, add_person(store, "Sam Jones", dbs_issued_on=ISSUED))
    assert register.dbs_recheck_due(sam, 3) == DUE
    assert register.dbs_blocks(sam, 3, date(2027, 3, 12)) == ""
    assert register.dbs_blocks(sam, 3, DUE) == ""
    assert register.dbs_blocks(sam, 3, date(2027, 3, 14)) == (
        "Sam Jones's DBS check was due for renewal on Sat 13 Mar 2027"
    )


def test_the_recheck_follows_the_centres_setting(store: Store) -> None:
    add_person(store, "Sam Jones", dbs_issued_on=ISSUED)
    with store.session() as s:
        update_centre(s, dbs_recheck_years=2)
    with store.session() as s:
        assert register.register_rows(s, date(2026, 3, 14))[0].dbs_words == (
            "Overdue since 13/03/2026"
        )
    with store.session() as s, pytest.raises(ValidationError, match="DBS recheck after"):
        update_centre(s, dbs_recheck_years=0)


def test_a_volunteer_without_a_dbs_check_is_blocked_but_a_coordinator_is_not(store: Store) -> None:
    sam = member(store, add_person(store, "Sam Jones", dbs_issued_on=None))
    pat = member(
        store, add_person(store, "Pat Coordinator", TeamRole.coordinator, dbs_issued_on=None)
    )
    assert register.dbs_blocks(sam, 3, DUE) == "Sam Jones has no DBS check on record"
    assert register.dbs_blocks(pat, 3, DUE) == ""


def test_a_six_month_trial_from_induction_has_reviews_at_three_and_six_months(
    store: Store,
) -> None:
    sam = member(store, add_person(store, "Sam Jones", induction_on=date(2027, 1, 9)))
    assert register.trial_reviews(sam) == (date(2027, 4, 9), date(2027, 7, 9))
    odd = member(
        store,
        add_person(
            store, "Alex Odd", induction_on=None, joined_on=date(2027, 1, 1), trial_months=3
        ),
    )
    assert register.trial_reviews(odd) == (date(2027, 2, 15), date(2027, 4, 1))


def test_bad_details_name_every_field_at_once_and_nothing_is_stored(store: Store) -> None:
    with store.session() as s, pytest.raises(ValidationError) as bad:
        register.add_member(
            s,
            register.MemberDetails(
                name="", role="cleaner", dbs_issued_on="31/02/2026", trial_months="lots"
            ),
        )
    assert set(bad.value.errors) == {"name", "role", "dbs_issued_on", "trial_months"}
    assert "cleaner" in bad.value.errors["role"]
    with store.session() as s:
        # only the store's own login: nothing of the bad details was stored
        assert [r.name for r in register.register_rows(s, DUE)] == [COORDINATOR]


def test_a_name_already_on_the_register_is_refused(store: Store) -> None:
    add_person(store, "Sam Jones")
    with store.session() as s, pytest.raises(ValidationError, match="already on the register"):
        register.add_member(s, register.MemberDetails(name="Sam Jones"))


def test_references_training_and_conflicts_are_kept_and_audited_without_values(
    store: Store,
) -> None:
    sam_id = add_person(store, "Sam Jones")
    family = add_family(store, "F-0002")
    with store.session() as s:
        register.add_reference(s, sam_id, "Revd Ann Hughes", "01/04/2025")
        register.add_reference(s, sam_id, "Mo Farah", date(2025, 4, 3))
        register.add_training(s, sam_id, "Safeguarding level 1", "2025-05-10", "2028-05-10")
        register.declare_conflict(s, sam_id, family, "Neighbour of the mother")
    with store.session() as s:
        record = register.member_record(s, sam_id)
        assert [r.referee for r in record.references] == ["Revd Ann Hughes", "Mo Farah"]
        assert record.training[0].expires_on == date(2028, 5, 10)
        assert [(c.note, c.family_ref) for c in record.conflicts] == [
            ("Neighbour of the mother", "F-0002")
        ]
        trail = " ".join(f"{e.action} {e.fields} {e.detail}" for e in s.exec(select(AuditEntry)))
    assert "team.reference" in trail and "team.conflict" in trail
    assert "Neighbour" not in trail and "Hughes" not in trail


def test_training_that_expires_before_it_was_taken_is_refused(store: Store) -> None:
    sam_id = add_person(store, "Sam Jones")
    with store.session() as s, pytest.raises(ValidationError, match="Expires must be after"):
        register.add_training(s, sam_id, "First aid", "2025-05-10", "2024-05-10")


def test_only_a_coordinator_keeps_the_register(store: Store) -> None:
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        register.add_member(s, register.MemberDetails(name="Kim Lee"))
    assert str(refused.value) == "Only a coordinator can keep the volunteer register."


def test_someone_who_left_is_listed_after_those_still_on_the_team(store: Store) -> None:
    add_person(store, "Aled Gone", left_on=date(2026, 1, 31))
    add_person(store, "Zara Here")
    with store.session() as s:
        assert [r.name for r in register.register_rows(s, DUE)] == [
            COORDINATOR,  # the store's own login
            "Zara Here",
            "Aled Gone",
        ]


def test_the_only_coordinator_cannot_be_made_a_volunteer_or_leave(store: Store) -> None:
    with store.session() as s:  # the store's own login is the only coordinator
        pat = s.exec(select(TeamMember.id).where(TeamMember.name == COORDINATOR)).one() or 0
    for details in [
        register.MemberDetails(name=COORDINATOR, role=TeamRole.volunteer),
        register.MemberDetails(
            name=COORDINATOR, role=TeamRole.coordinator, left_on=date(2027, 3, 1)
        ),
    ]:
        with store.session() as s, pytest.raises(ValidationError, match="only coordinator"):
            register.update_member(s, pat, details)
    add_person(store, "Ruth Okafor", TeamRole.coordinator)
    with store.session() as s:
        register.update_member(
            s, pat, register.MemberDetails(name=COORDINATOR, role=TeamRole.volunteer)
        )
        assert register.get_member(s, pat).role == TeamRole.volunteer

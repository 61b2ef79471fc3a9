"""The family register: every field of a case is checked, problems name their field,
nothing is half-saved, and the register list finds families the way people type."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, func, select

from contactcentre.domain import audit
from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.register.families import (
    end_family,
    family_by_ref,
    load_family_form,
    next_ref,
    save_family,
)
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm, RefereeForm
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.domain.validate import folded
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    AuditEntry,
    ComesWith,
    ContactType,
    Family,
    FamilyStatus,
    Person,
    Referee,
    ReferralSource,
    Role,
    StatusChange,
)
from tests.conftest import PASSPHRASE
from tests.factories import add_family, family_form

TODAY = date(2027, 3, 13)
LONG = "x" * 10_000
FIELD_TEST_REF = "P-0001"  # refused forms on the shared store; never saved


def counts(s: Session) -> tuple[int, ...]:
    return tuple(
        s.exec(select(func.count()).select_from(model)).one()
        for model in (Family, Person, Referee, StatusChange, AuditEntry)
    )


def full_form(ref: str = "F-0001") -> FamilyForm:
    """A self-referral with every field filled in, as a careful coordinator would."""
    return FamilyForm(
        ref=ref,
        contact_type=ContactType.supervised,
        status=FamilyStatus.referred,
        referral_date="13/01/2027",
        referral_source=ReferralSource.self,
        referrer_name="Joanna Nowak",
        referrer_organisation="",
        referrer_email="joanna@example.org",
        referrer_phone="0113 496 0101",
        referrer_reference="self-2027-01",
        court_order=True,
        court_order_date="2026-12-01",
        court_order_description="Child arrangements order, supervised contact 6 months",
        parents_must_not_meet=True,
        notes="Mother prefers Saturday mornings.",
        people=[
            PersonForm(
                Role.resident_parent,
                "Joanna",
                "Nowak",
                phone="0113 496 0101",
                email="joanna@example.org",
                address="1 Chapel Lane\nLeeds",
                address_confidential=True,
            ),
            PersonForm(Role.non_resident_parent, "Piotr", "Nowak", phone="07911 123456"),
            PersonForm(
                Role.relative,
                "Halina",
                "Nowak",
                relationship="grandmother",
                phone="0113 496 0102",
                comes_with=ComesWith.non_resident_parent,  # Piotr's mother
            ),
            PersonForm(Role.child, "Zoë", "Nowak", date_of_birth="2019-05-01", needs="Nut allergy"),
        ],
        referees=[
            RefereeForm("Revd. Ann Hill", relationship="Vicar", phone="0113 496 0103"),
        ],
    )


def refused(store: Store, form: FamilyForm, family_id: int | None = None) -> dict[str, str]:
    """Save and expect a refusal; also prove nothing at all was written."""
    with store.session() as s:
        before = counts(s)
    with pytest.raises(ValidationError) as raised, store.session() as s:
        save_family(s, form, today=TODAY, family_id=family_id)
    with store.session() as s:
        assert counts(s) == before, "a refused form must not write anything"
    return raised.value.errors


# --- saving a whole case ----------------------------------------------------------------


def test_a_full_case_is_saved_with_its_people_and_referees(store: Store) -> None:
    with store.session() as s:
        family = save_family(s, full_form(), today=TODAY)
        family_id = family.id
    with store.session() as s:
        family = family_by_ref(s, "F-0001")
        assert family.id == family_id
        assert family.referral_date == date(2027, 1, 13)
        assert family.court_order_date == date(2026, 12, 1)
        assert family.referrer_phone == "+441134960101"
        people = s.exec(select(Person).where(Person.family_id == family_id)).all()
        assert sorted((p.role.value, p.first_name) for p in people) == [
            ("child", "Zoë"),
            ("non_resident_parent", "Piotr"),
            ("relative", "Halina"),
            ("resident_parent", "Joanna"),
        ]
        joanna = next(p for p in people if p.first_name == "Joanna")
        assert joanna.address_confidential and joanna.address == "1 Chapel Lane\nLeeds"
        assert next(p for p in people if p.first_name == "Piotr").phone == "+447911123456"
        assert next(p for p in people if p.role == Role.child).date_of_birth == date(2019, 5, 1)
        assert s.exec(select(Referee)).one().name == "Revd. Ann Hill"


def test_the_form_loads_back_as_saved_and_an_unchanged_save_changes_nothing(
    store: Store,
) -> None:
    with store.session() as s:
        family_id = save_family(s, full_form(), today=TODAY).id
    assert family_id is not None
    with store.session() as s:
        form = load_family_form(s, family_id)
        before = counts(s)
    assert form.ref == "F-0001" and form.court_order_description.startswith("Child arr")
    assert [p.first_name for p in form.people] == ["Joanna", "Piotr", "Halina", "Zoë"]
    assert all(p.id is not None for p in form.people)
    with store.session() as s:
        save_family(s, form, today=TODAY, family_id=family_id)
    with store.session() as s:
        assert counts(s) == before, "no new rows and no audit entries for a save without edits"


def test_editing_updates_people_in_place_adds_and_removes(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        form = load_family_form(s, family_id)
    sarah, _mark, lily = form.people
    sarah.phone = "07911 123456"
    form.people = [
        sarah,
        lily,
        PersonForm(Role.non_resident_parent, "Tomasz", "Nowak", phone="0113 496 0009"),
    ]
    with store.session() as s:
        save_family(s, form, today=TODAY, family_id=family_id)
    with store.session() as s:
        people = {p.first_name: p for p in s.exec(select(Person))}
        assert sorted(people) == ["Lily", "Sarah", "Tomasz"]
        assert people["Sarah"].id == sarah.id and people["Sarah"].phone == "+447911123456"
        actions = [e.action for e in audit.entries(s, family_id=family_id)]
    assert "person.delete" in actions and "person.update" in actions


def test_court_order_details_are_dropped_when_there_is_no_order(store: Store) -> None:
    form = replace(full_form(), court_order=False)
    with store.session() as s:
        family = save_family(s, form, today=TODAY)
        assert family.court_order_date is None and family.court_order_description == ""


def test_an_active_family_gets_a_review_date_from_the_centres_setting(store: Store) -> None:
    with store.session() as s:
        family = save_family(s, replace(full_form(), status=FamilyStatus.active), today=TODAY)
        assert family.review_date == date(2027, 6, 13)  # three months by default


def test_a_status_change_through_the_form_is_recorded(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        form = load_family_form(s, family_id)
        form.status = FamilyStatus.active
        save_family(s, form, today=TODAY, family_id=family_id)
    with store.session() as s:
        change = s.exec(select(StatusChange)).one()
        assert (change.from_status, change.to_status) == (
            FamilyStatus.referred,
            FamilyStatus.active,
        )
        assert change.effective_on == TODAY


def test_saving_a_family_that_was_deleted_meanwhile_says_so(store: Store) -> None:
    with pytest.raises(NotFound, match="no longer exists"), store.session() as s:
        save_family(s, family_form("F-0001"), today=TODAY, family_id=999)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for all hypothesis examples (key derivation per example would be slow)."""
    path: Path = tmp_path_factory.mktemp("hypothesis") / "centre.db"
    store = Store.create(path, PASSPHRASE)
    with store.session() as s:
        create_centre(s, CentreDetails(name="Hypothesis Centre"))
    yield store
    store.close()


# --- every field is checked and named ---------------------------------------------------

FAMILY_FIELD_PROBLEMS = [
    ("ref", "", "Reference is required"),
    ("ref", "F 0001", "Reference may use letters, digits"),
    ("ref", "F-" + "1" * 19, "Reference is too long"),
    ("ref", "-F1", "Reference may use letters"),
    ("ref", "F-0001\x00", "control character"),
    ("contact_type", "observed", "Contact type 'observed' is not one of supported|"),
    ("status", "open", "Status 'open' is not one of referred|active|closed|excluded"),
    ("referral_date", "", "Referral date is required"),
    ("referral_date", None, "Referral date is required"),
    ("referral_date", "30/02/2027", "Referral date '30/02/2027' is not a date"),
    ("referral_date", "2027-03-14", "Referral date 14/03/2027 is in the future"),
    ("referral_date", date(2028, 1, 1), "is in the future"),
    ("referral_date", "1899-12-31", "is too long ago"),
    ("referral_source", "police", "Referral source 'police' is not one of cafcass|"),
    ("referrer_name", "12345", "Referrer must contain letters"),
    ("referrer_name", LONG, "Referrer is too long"),
    ("referrer_organisation", LONG, "Organisation is too long"),
    ("referrer_email", "cafcass", "Referrer email 'cafcass' is not an email address"),
    ("referrer_phone", "0113 496", "Referrer phone '0113 496' is not a valid UK phone number"),
    ("referrer_reference", LONG, "Their reference is too long"),
    ("court_order_date", "01/13/2026", "Court order date '01/13/2026' is not a date"),
    ("court_order_description", LONG, "Court order is too long"),
    ("notes", LONG + "x", "Notes is too long (10001 characters; at most 10000)"),
    ("notes", "bell\x07", "Notes contains a control character"),
]


@pytest.mark.parametrize(("key", "value", "message"), FAMILY_FIELD_PROBLEMS)
def test_each_family_field_problem_is_shown_against_that_field(
    shared_store: Store, key: str, value: object, message: str
) -> None:
    form = full_form(FIELD_TEST_REF)
    setattr(form, key, value)
    errors = refused(shared_store, form)
    assert list(errors) == [key]
    assert message in errors[key]


PERSON_FIELD_PROBLEMS = [
    ("role", "grandparent", "Role 'grandparent' is not one of child|"),
    ("first_name", "", "First name is required"),
    ("first_name", "   ", "First name is required"),
    ("first_name", LONG, "First name is too long (10000 characters; at most 100)"),
    ("first_name", "Jo\nanna", "First name contains a control character"),
    ("last_name", "", "Last name is required"),
    ("last_name", "42", "Last name must contain letters"),
    ("relationship", "x" * 61, "Relationship is too long"),
    ("date_of_birth", "2019-02-29", "Date of birth '2019-02-29' is not a date"),
    ("date_of_birth", "14/03/2027", "Date of birth 14/03/2027 is in the future"),
    ("needs", "x" * 2001, "Needs is too long"),
    ("phone", "", "Phone is required"),
    ("phone", "0113 496 01234", "not a valid UK phone number"),
    ("email", "joanna@", "Email 'joanna@' is not an email address"),
    ("address", "x" * 501, "Address is too long"),
    ("notes", "\x1b[31mred", "Notes contains a control character"),
]


@pytest.mark.parametrize(("key", "value", "message"), PERSON_FIELD_PROBLEMS)
def test_each_person_field_problem_is_shown_against_that_person_and_field(
    shared_store: Store, key: str, value: object, message: str
) -> None:
    form = full_form(FIELD_TEST_REF)
    setattr(form.people[0], key, value)  # the resident parent, an adult
    errors = refused(shared_store, form)
    assert list(errors) == [f"people.0.{key}"]
    assert message in errors[f"people.0.{key}"]


@pytest.mark.parametrize("role", [Role.resident_parent, Role.non_resident_parent, Role.relative])
def test_every_adult_needs_a_phone_and_a_last_name(store: Store, role: Role) -> None:
    form = full_form()
    form.people.append(PersonForm(role, "Alex"))
    errors = refused(store, form)
    assert set(errors) == {"people.4.phone", "people.4.last_name"}
    assert "contact number is needed" in errors["people.4.phone"]


def test_a_child_needs_neither_phone_nor_last_name(store: Store) -> None:
    form = full_form()
    form.people.append(PersonForm(Role.child, "Ottó"))
    with store.session() as s:
        family = save_family(s, form, today=TODAY)
        assert family.id is not None
    with store.session() as s:
        otto = s.exec(select(Person).where(Person.first_name == "Ottó")).one()
        assert (otto.last_name, otto.phone) == ("", "")


REFEREE_FIELD_PROBLEMS = [
    ("name", "", "Referee name is required"),
    ("relationship", "x" * 61, "Relationship is too long"),
    ("phone", "12", "Referee phone '12' is not a valid UK phone number"),
    ("email", "vicar at church", "Referee email 'vicar at church' is not an email address"),
]


@pytest.mark.parametrize(("key", "value", "message"), REFEREE_FIELD_PROBLEMS)
def test_each_referee_field_problem_is_shown_against_that_field(
    shared_store: Store, key: str, value: str, message: str
) -> None:
    form = full_form(FIELD_TEST_REF)
    setattr(form.referees[0], key, value)
    errors = refused(shared_store, form)
    assert list(errors) == [f"referees.0.{key}"]
    assert message in errors[f"referees.0.{key}"]


def test_every_problem_in_the_form_is_reported_at_once(store: Store) -> None:
    form = full_form()
    form.ref = ""
    form.referral_date = "yesterday"
    form.people[1].phone = "123"
    form.people[3].first_name = ""
    form.referees[0].email = "nope"
    errors = refused(store, form)
    assert set(errors) == {
        "ref",
        "referral_date",
        "people.1.phone",
        "people.3.first_name",
        "referees.0.email",
    }


def test_a_reference_already_used_is_refused(store: Store) -> None:
    add_family(store, "F-0001")
    errors = refused(store, full_form("F-0001"))
    assert errors == {"ref": "Reference F-0001 is already used by another family"}


def test_a_refused_edit_leaves_the_saved_family_exactly_as_it_was(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        form = load_family_form(s, family_id)
    original = copy.deepcopy(form)
    form.notes = "Changed notes"
    form.people[0].first_name = "Sara"
    form.people.append(PersonForm(Role.relative, "Nan", "Jones", phone="not a phone"))
    errors = refused(store, form, family_id)
    assert list(errors) == ["people.3.phone"]
    with store.session() as s:
        assert load_family_form(s, family_id) == original


# --- arbitrary input never crashes and never half-saves ---------------------------------

TEXT_FIELDS = [
    "ref",
    "referrer_name",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "referrer_reference",
    "court_order_description",
    "notes",
    "referral_date",
    "court_order_date",
    "people.0.first_name",
    "people.0.last_name",
    "people.0.relationship",
    "people.0.needs",
    "people.0.phone",
    "people.0.email",
    "people.0.address",
    "people.0.notes",
    "people.0.date_of_birth",
    "people.3.first_name",
    "people.3.last_name",
    "referees.0.name",
    "referees.0.relationship",
    "referees.0.phone",
    "referees.0.email",
]
ANY_UNICODE = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
HUGE = st.builds(
    lambda ch, n, tail: ch * n + tail,
    st.characters(codec=None, exclude_categories=()),
    st.integers(9_990, 10_010),
    ANY_UNICODE,
)


def put(form: FamilyForm, path: str, value: str) -> None:
    parts = path.split(".")
    target: object = form
    if len(parts) == 3:
        target = getattr(form, parts[0])[int(parts[1])]
    setattr(target, parts[-1], value)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(TEXT_FIELDS), value=ANY_UNICODE | HUGE)
def test_any_text_in_any_field_is_saved_whole_or_refused_by_name(
    shared_store: Store, field: str, value: str
) -> None:
    with shared_store.session() as s:
        ref = next_ref(s)
        before = counts(s)
    form = full_form(ref)
    put(form, field, value)
    if field == "ref":
        value_ref = value
    try:
        with shared_store.session() as s:
            family = save_family(s, form, today=TODAY)
            family_id = family.id
    except ValidationError as error:
        event("refused")
        assert list(error.errors) == [field], error.errors
        assert error.errors[field].strip()
        with shared_store.session() as s:
            assert counts(s) == before
        return
    # Saved: the whole case is there, with the value as a coordinator would see it.
    event("saved")
    assert family_id is not None
    with shared_store.session() as s:
        saved = load_family_form(s, family_id)
        assert counts(s)[:3] == (before[0] + 1, before[1] + 4, before[2] + 1)
    parts = field.split(".")
    target: object = saved
    if len(parts) == 3:
        target = getattr(saved, parts[0])[int(parts[1])]
    stored = getattr(target, parts[-1])
    if isinstance(stored, str) and not parts[-1].endswith("phone"):
        assert stored == stored.strip()
        if field.endswith("name"):
            assert stored.split() == value.split()
        elif field == "ref":
            assert stored == value_ref.strip()
        else:
            assert stored == value.replace("\r\n", "\n").strip()


# --- closing and excluding --------------------------------------------------------------


def test_closing_records_why_when_and_leaves_the_default_list(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    add_family(store, "F-0002")
    with store.session() as s:
        end_family(
            s,
            family_id,
            FamilyStatus.closed,
            reason="  Arrangement now working without the centre ",
            on=date(2027, 3, 1),
            decided_by="",
            today=TODAY,
        )
    with store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None
        assert family.status == FamilyStatus.closed
        assert family.closed_on == date(2027, 3, 1)
        assert family.closed_reason == "Arrangement now working without the centre"
        change = s.exec(select(StatusChange)).one()
        assert change.reason == family.closed_reason and change.effective_on == date(2027, 3, 1)
        rows = {row.ref: row for row in register_rows(s)}
    assert not rows["F-0001"].is_open and rows["F-0002"].is_open
    assert "lily" in rows["F-0001"].haystack, "still searchable by a child's name"


def test_excluding_needs_who_decided(store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with pytest.raises(ValidationError) as raised, store.session() as s:
        end_family(
            s,
            family_id,
            FamilyStatus.excluded,
            reason="Abusive to a volunteer",
            on=TODAY,
            decided_by="",
            today=TODAY,
        )
    assert set(raised.value.errors) == {"decided_by"}
    with store.session() as s:
        end_family(
            s,
            family_id,
            FamilyStatus.excluded,
            reason="Abusive to a volunteer",
            on=TODAY,
            decided_by="Gwen Morgan",
            today=TODAY,
        )
    with store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None
        assert (family.status, family.closed_by) == (FamilyStatus.excluded, "Gwen Morgan")
        assert s.exec(select(StatusChange)).one().decided_by == "Gwen Morgan"


@pytest.mark.parametrize(
    ("reason", "on", "key"),
    [
        ("", TODAY, "reason"),
        ("   ", TODAY, "reason"),
        ("x" * 2001, TODAY, "reason"),
        ("Moved away", date(2027, 3, 14), "on"),
    ],
)
def test_closing_needs_a_reason_and_a_date_not_in_the_future(
    store: Store, reason: str, on: date, key: str
) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        before = counts(s)
    with pytest.raises(ValidationError) as raised, store.session() as s:
        end_family(
            s, family_id, FamilyStatus.closed, reason=reason, on=on, decided_by="", today=TODAY
        )
    assert list(raised.value.errors) == [key]
    with store.session() as s:
        assert counts(s) == before
        family = s.get(Family, family_id)
        assert family is not None and family.status == FamilyStatus.referred


def test_closing_with_the_plain_status_text_a_combo_box_gives_back_works(store: Store) -> None:
    """Qt hands back 'closed', not FamilyStatus.closed: this crashed the close dialog."""
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        family = end_family(
            s, family_id, "closed", reason="Moved away", on=TODAY, decided_by="", today=TODAY
        )
        assert family.status is FamilyStatus.closed
    with store.session() as s:
        change = s.exec(select(StatusChange)).one()
        assert change.to_status is FamilyStatus.closed
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "family.status")).one()
        assert entry.detail == "referred->closed"


def test_closing_a_family_that_is_gone_says_so(store: Store) -> None:
    with pytest.raises(NotFound), store.session() as s:
        end_family(s, 42, FamilyStatus.closed, reason="x", on=TODAY, decided_by="", today=TODAY)


# --- references -------------------------------------------------------------------------


def test_references_count_up_from_the_highest_and_ignore_other_schemes(store: Store) -> None:
    with store.session() as s:
        assert next_ref(s) == "F-0001"
    add_family(store, "F-0001")
    add_family(store, "F-0009")
    add_family(store, "LEEDS-77")
    add_family(store, "F-ABC")
    with store.session() as s:
        assert next_ref(s) == "F-0010"
    add_family(store, "F-9999")
    with store.session() as s:
        assert next_ref(s) == "F-10000"


def test_family_by_ref_tolerates_spaces_and_says_when_missing(store: Store) -> None:
    add_family(store, "F-0001")
    with store.session() as s:
        assert family_by_ref(s, " F-0001 ").ref == "F-0001"
        with pytest.raises(NotFound, match="F-0404"):
            family_by_ref(s, "F-0404")


# --- the register list ------------------------------------------------------------------


def search(rows: list, typed: str) -> list[str]:  # type: ignore[type-arg]
    """What the register screen does with typed words: every word must be found."""
    words = folded(typed).split()
    return [row.ref for row in rows if all(word in row.haystack for word in words)]


def test_the_register_lists_children_eldest_first_and_finds_any_name_without_accents(
    store: Store,
) -> None:
    add_family(store, "F-0001")
    with store.session() as s:
        save_family(s, full_form("F-0002"), today=TODAY)
        form = full_form("F-0003")
        form.people = [
            PersonForm(Role.resident_parent, "Søren", "Łukasiewicz", phone="0113 496 0111"),
            PersonForm(Role.child, "Noé", "Łukasiewicz", date_of_birth="2021-01-01"),
            PersonForm(Role.child, "Chloé", "Łukasiewicz", date_of_birth="2018-01-01"),
        ]
        form.referees = []
        save_family(s, form, today=TODAY)
        rows = register_rows(s)
    assert [r.ref for r in rows] == ["F-0001", "F-0002", "F-0003"]
    by_ref = {r.ref: r for r in rows}
    assert by_ref["F-0003"].children == "Chloé, Noé"
    assert by_ref["F-0002"].children == "Zoë"
    assert by_ref["F-0002"].contact_type == ContactType.supervised
    assert by_ref["F-0002"].referral_date == date(2027, 1, 13)
    assert search(rows, "zoe") == ["F-0002"]
    assert search(rows, "ZOË") == ["F-0002"]
    assert search(rows, "lukasiewicz") == ["F-0003"]
    assert search(rows, "soren chloe") == ["F-0003"]
    assert search(rows, "halina") == ["F-0002"], "relatives are searchable too"
    assert search(rows, "f-0001") == ["F-0001"]
    assert search(rows, "jones") == ["F-0001"]
    assert search(rows, "nowak zoe") == ["F-0002"]
    assert search(rows, "jones chloe") == []  # every word must match the one family
    assert search(rows, "nowak chloe") == ["F-0003"], "its referrer is Joanna Nowak"


def test_the_register_query_count_does_not_grow_with_families(store: Store) -> None:
    """Two queries however many families: the list must stay instant at 20,000."""
    from sqlalchemy import event

    for n in range(1, 6):
        add_family(store, f"F-{n:04d}")
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.session() as s:
            rows = register_rows(s)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(rows) == 5
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) == 2


def test_register_rows_order_is_by_reference(store: Store) -> None:
    for ref in ["F-0003", "F-0001", "F-0002"]:
        add_family(store, ref)
    with store.session() as s:
        assert [r.ref for r in register_rows(s)] == ["F-0001", "F-0002", "F-0003"]
        assert s.exec(select(Family.ref).order_by(col(Family.id))).all() == [
            "F-0003",
            "F-0001",
            "F-0002",
        ]


def test_a_reference_is_the_same_family_whatever_its_case(store: Store) -> None:
    add_family(store, "F-0001")
    with store.session() as s:
        assert family_by_ref(s, " f-0001 ").ref == "F-0001"
        with pytest.raises(ValidationError) as refused:
            save_family(s, family_form("f-0001"), today=date(2027, 3, 1))
    assert "ref" in refused.value.errors


def test_a_relative_keeps_the_parent_she_comes_with_and_no_one_else_can_have_one(
    store: Store,
) -> None:
    """The family editor saves which parent a grandmother comes with; saying it of a
    parent or a child is refused in words, next to the field."""
    with store.session() as s:
        family_id = save_family(s, full_form(), today=TODAY).id or 0
        halina = load_family_form(s, family_id).people[2]
    assert (halina.first_name, halina.comes_with) == ("Halina", ComesWith.non_resident_parent)
    form = full_form("F-0002")
    form.people[3].comes_with = "resident_parent"  # Zoë, a child
    form.people[2].comes_with = "grandad"
    assert refused(store, form) == {
        "people.2.comes_with": "Comes with 'grandad' is not one of "
        "resident_parent|non_resident_parent",
        "people.3.comes_with": "Comes with is only for a named relative, not a child",
    }

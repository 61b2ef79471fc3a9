"""Bad input never crashes the app: hypothesis types anything at all into the forms.

Every field check gives back a clean value or a ValueError with a short message, and
saving a family with hostile text in every field either saves it or refuses it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from contactcentre.domain import validate
from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, Family, Person, Role
from tests.conftest import PASSPHRASE

TODAY = date(2027, 3, 1)
ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"])),
    st.builds(
        lambda unit, n: (unit * n)[:n],
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=5),
        st.integers(9_990, 10_010),
    ),
    st.sampled_from(["25:61", "24:00", "²:¹⁵", "٣:٤٥", "1O:15", "-1:30", "2027-02-30"]),
    st.sampled_from(["'; DROP TABLE family; --", "31/02/2026", "\x00", "+44 \x00 113"]),
)
FORM_FIELDS = [
    "ref",
    "referrer_name",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "referrer_reference",
    "notes",
    "referral_date",
    "first_name",
    "last_name",
    "phone",
    "address",
    "needs",
    "date_of_birth",
]
VALIDATORS: dict[str, Callable[[str], Any]] = {
    "text": validate.text,
    "name": validate.name,
    "uk_phone": validate.uk_phone,
    "email": validate.email,
    "parse_date": validate.parse_date,
    "yes_no": validate.yes_no,
    "choice": lambda value: validate.choice(Role, value),
    "quick_time": validate.quick_time,
}


@pytest.mark.parametrize("name", VALIDATORS)
@settings(max_examples=150, deadline=None)
@given(value=ANY_TEXT)
def test_every_field_check_gives_a_clean_value_or_a_short_reason(name: str, value: str) -> None:
    try:
        VALIDATORS[name](value)
    except ValueError as error:
        message = str(error)
        assert message and len(message) <= 120, message[:200]
        assert "invalid literal" not in message and "base 10" not in message, message


@pytest.fixture(scope="module")
def form_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.create(tmp_path_factory.mktemp("forms") / "centre.db", PASSPHRASE)
    with store.session() as s:
        create_centre(s, CentreDetails(name="Form Centre"))
    yield store
    store.close()


def counts(store: Store) -> tuple[int, ...]:
    with store.session() as s:
        return tuple(
            s.exec(select(func.count()).select_from(model)).one()
            for model in (Family, Person, AuditEntry)
        )


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(texts=st.fixed_dictionaries({field: ANY_TEXT | st.just("") for field in FORM_FIELDS}))
def test_a_family_form_full_of_hostile_text_is_saved_whole_or_refused_whole(
    form_store: Store, texts: dict[str, str]
) -> None:
    form = FamilyForm(
        ref=texts["ref"],
        referral_date=texts["referral_date"],
        referrer_name=texts["referrer_name"],
        referrer_organisation=texts["referrer_organisation"],
        referrer_email=texts["referrer_email"],
        referrer_phone=texts["referrer_phone"],
        referrer_reference=texts["referrer_reference"],
        notes=texts["notes"],
        people=[
            PersonForm(
                Role.non_resident_parent,
                texts["first_name"],
                texts["last_name"],
                phone=texts["phone"],
                address=texts["address"],
                date_of_birth=texts["date_of_birth"],
            ),
            PersonForm(Role.child, texts["first_name"], needs=texts["needs"]),
        ],
    )
    before = counts(form_store)
    try:
        with form_store.session() as s:
            saved = save_family(s, form, today=TODAY)
    except ValidationError as error:
        assert error.errors and all(message for message in error.errors.values())
        assert counts(form_store) == before
        return
    assert counts(form_store)[:2] == (before[0] + 1, before[1] + 2)
    with form_store.session() as s:
        family = s.get(Family, saved.id)
        assert family is not None and family.notes == texts["notes"].replace("\r\n", "\n").strip()

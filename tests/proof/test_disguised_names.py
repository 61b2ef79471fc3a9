"""A name cannot disguise itself: a text-direction control pasted into any name or a
family's reference is refused with a message naming the field, and nothing is saved.

With U+202E (right-to-left override) 'Sarah\u202eenoJ' would show on the register, a
sign-in sheet or a letter as 'SarahJone' reversed, unlike what is stored and searched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from contactcentre.domain.centre import CentreDetails, clean_details
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, RefereeForm
from contactcentre.store.engine import Store
from contactcentre.store.models import Family
from tests.factories import family_form

RLO = "\u202e"


def _person(index: int, field: str) -> Callable[[FamilyForm], FamilyForm]:
    def plant(form: FamilyForm) -> FamilyForm:
        people = list(form.people)
        people[index] = replace(people[index], **{field: f"Sa{RLO}harS"})
        return replace(form, people=people)

    return plant


NAMES: dict[str, tuple[Callable[[FamilyForm], FamilyForm], str]] = {
    # where it is pasted: (how, the field key the form shows the message at)
    "reference": (lambda f: replace(f, ref=f"F-{RLO}0001"), "ref"),
    "a parent's first name": (_person(0, "first_name"), "people.0.first_name"),
    "a parent's last name": (_person(1, "last_name"), "people.1.last_name"),
    "a child's first name": (_person(2, "first_name"), "people.2.first_name"),
    "the referrer's name": (
        lambda f: replace(f, referrer_name=f"Dana{RLO} Scully"),
        "referrer_name",
    ),
    "a referee's name": (
        lambda f: replace(f, referees=[RefereeForm(name=f"Ann{RLO}a Lee")]),
        "referees.0.name",
    ),
}


@pytest.mark.parametrize("where", NAMES)
def test_a_text_direction_control_in_a_name_is_refused_and_nothing_saved(
    store: Store, where: str
) -> None:
    plant, key = NAMES[where]
    with store.session() as s, pytest.raises(ValidationError) as raised:
        save_family(s, plant(family_form("F-0001")), today=date(2027, 3, 1))
    assert key in raised.value.errors, raised.value.errors
    if key != "ref":
        assert "hidden text-direction character (U+202E)" in raised.value.errors[key]
    with store.session() as s:
        assert s.exec(select(func.count()).select_from(Family)).one() == 0


def test_the_centres_name_cannot_carry_one_either() -> None:
    with pytest.raises(ValidationError) as raised:
        clean_details(CentreDetails(name=f"St Mary{RLO}s Contact Centre"))
    assert "hidden text-direction character (U+202E)" in str(raised.value)

"""Export → import → export gives back the same bytes, whatever a coordinator typed:
quotes, commas, line breaks in notes, cells a spreadsheet would take for formulas (`=`,
`+44…`, `-5`, `@`), values that already begin with an apostrophe, Ł and ë. Through an
Excel workbook too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from contactcentre.domain.register import csv_io
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm, RefereeForm
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    ComesWith,
    ContactType,
    Family,
    FamilyStatus,
    ReferralSource,
    Role,
)
from tests.conftest import PASSPHRASE

TODAY = date(2027, 3, 13)
HOSTILE = "'\"=+-@,;| Łëé"  # each a way a CSV or a spreadsheet has gone wrong before
LINE = st.text(st.sampled_from(HOSTILE + "ab"), max_size=12)
NAME = st.builds(lambda a, b, c: a + b + c, LINE, st.sampled_from(["Zoë", "Łukasz", "Ann"]), LINE)
MULTILINE = st.text(st.sampled_from(HOSTILE + "ab\n\t"), max_size=40)
PHONE = st.sampled_from(["0113 496 0123", "+44 7911 123456", "+33 1 23 45 67 89", "07911123457"])
EMAIL = st.sampled_from(["", "a@example.org", "=x@example.org", "+tag@example.org"])
DAY = st.dates(min_value=date(2000, 1, 1), max_value=TODAY)


@st.composite
def people(draw: st.DrawFn) -> list[PersonForm]:
    found = []
    for role in draw(st.lists(st.sampled_from(list(Role)), max_size=4)):
        adult = role != Role.child
        found.append(
            PersonForm(
                role,
                draw(NAME),
                draw(NAME) if adult else draw(st.sampled_from(["", "Jones"])),
                relationship=draw(LINE),
                date_of_birth=draw(st.none() | DAY),
                needs=draw(MULTILINE),
                phone=draw(PHONE) if adult else "",
                email=draw(EMAIL),
                address=draw(MULTILINE),
                address_confidential=draw(st.booleans()),
                notes=draw(MULTILINE),
                comes_with=draw(st.sampled_from([None, *ComesWith]))
                if role == Role.relative
                else None,
            )
        )
    return found


@st.composite
def families(draw: st.DrawFn) -> list[FamilyForm]:
    count = draw(st.integers(1, 2))
    return [
        FamilyForm(
            ref=f"F-{n:04d}",
            contact_type=draw(st.sampled_from(list(ContactType))),
            status=draw(st.sampled_from(list(FamilyStatus))),
            referral_date=draw(DAY),
            referral_source=draw(st.sampled_from(list(ReferralSource))),
            referrer_name=draw(st.just("") | NAME),
            referrer_organisation=draw(LINE),
            referrer_email=draw(EMAIL),
            referrer_phone=draw(st.just("") | PHONE),
            referrer_reference=draw(LINE),
            court_order=draw(st.booleans()),
            court_order_date=draw(st.none() | DAY),
            court_order_description=draw(MULTILINE),
            parents_must_not_meet=draw(st.booleans()),
            notes=draw(MULTILINE),
            people=draw(people()),
            referees=draw(
                st.lists(st.builds(RefereeForm, NAME, LINE, st.just("") | PHONE, EMAIL), max_size=3)
            ),
        )
        for n in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    folder = tmp_path_factory.mktemp("round-trip")
    first = Store.create(folder / "first" / "centre.db", PASSPHRASE)
    second = Store.create(folder / "second" / "centre.db", PASSPHRASE)
    yield first, second
    first.close()
    second.close()


def emptied(store: Store) -> Store:
    with store.session() as s:
        s.execute(delete(Family))  # people and referees go with their family
    return store


def exported(store: Store, folder: Path, suffix: str = ".csv") -> tuple[Path, Path]:
    files = folder / f"families{suffix}", folder / f"people{suffix}"
    with store.session() as s:
        csv_io.export_families(s, files[0], xlsx=suffix == ".xlsx")
        csv_io.export_people(s, files[1], xlsx=suffix == ".xlsx")
    return files


def imported(store: Store, files: tuple[Path, Path]) -> Store:
    with emptied(store).session() as s:
        csv_io.import_families(s, files[0], today=TODAY)
        csv_io.import_people(s, files[1], today=TODAY)
    return store


def read(files: tuple[Path, Path]) -> tuple[bytes, bytes]:
    return files[0].read_bytes(), files[1].read_bytes()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(forms=families())
def test_export_import_export_is_byte_identical_for_anything_typed(
    stores: tuple[Store, Store], tmp_path: Path, forms: list[FamilyForm]
) -> None:
    first, second = stores
    with emptied(first).session() as s:
        for form in forms:
            save_family(s, form, today=TODAY)
    original = read(exported(first, tmp_path))
    assert read(exported(imported(second, exported(first, tmp_path)), tmp_path)) == original
    via_excel = imported(second, exported(first, tmp_path, ".xlsx"))
    assert read(exported(via_excel, tmp_path)) == original

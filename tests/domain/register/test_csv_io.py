"""CSV import and export of the register (issue 2's contract): exact columns, all or
nothing, a `row N: reason` line for every bad row, and exports that round-trip."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from dateutil.relativedelta import relativedelta
from sqlmodel import Session, func, select

from contactcentre.domain import validate
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register import csv_io
from contactcentre.domain.register.families import load_family_form, save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm, RefereeForm
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    AuditEntry,
    ComesWith,
    Family,
    FamilyStatus,
    Person,
    Role,
)
from tests.domain.register.test_families import full_form
from tests.factories import add_family

TODAY = date(2027, 3, 13)
FAMILY_HEADER = (
    "ref,contact_type,status,referral_source,referrer_name,referrer_organisation,"
    "referrer_email,referrer_phone,referral_date,court_order,parents_must_not_meet,notes"
)
PEOPLE_HEADER = (
    "family_ref,role,first_name,last_name,date_of_birth,phone,email,address,"
    "address_confidential,notes"
)
FAMILIES = (
    FAMILY_HEADER
    + "\n"
    + "F-0001,supported,active,cafcass,Dana Scully,Cafcass,dana@example.org,0113 496 0123,"
    + '13/01/2027,yes,yes,"Line one\nline two, with a comma and ""quotes"""\n'
    + "F-0002,supervised,referred,self,,,,,2027-02-01,no,,\n"
    + "F-0003,handover,closed,court,Zoë Łukasz,,,,2026-12-24,,no,Ünïcödé\n"
    + "F-0004,indirect,excluded,solicitor,,,,,2026-01-02,no,yes,\n"
    + "F-0005,supported,referred,social_services,,,,,2026-01-03,no,yes,\n"
    + "F-0006,supported,referred,mediator,,,,,2026-01-04,no,yes,\n"
)
PEOPLE = (
    PEOPLE_HEADER
    + "\n"
    + 'F-0001,resident_parent,Sarah,Jones,,0113 496 0001,sarah@example.org,"1 Chapel Lane\n'
    + 'Leeds",yes,\n'
    + "F-0001,non_resident_parent,Mark,Jones,,+44 7911 123456,,,no,Works shifts\n"
    + "F-0001,child,Zoë,Jones,01/05/2019,,,,,Nut allergy\n"
    + "F-0001,relative,Halina,Nowak,,(0113) 496 0002,,,,\n"
    + "F-0003,child,Noé,,2020-07-07,,,,no,\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def counts(s: Session) -> tuple[int, int, int]:
    return (
        s.exec(select(func.count()).select_from(Family)).one(),
        s.exec(select(func.count()).select_from(Person)).one(),
        s.exec(select(func.count()).select_from(AuditEntry)).one(),
    )


def import_both(store: Store, folder: Path, families: str, people: str) -> tuple[int, int]:
    with store.session() as s:
        n_families = csv_io.import_families(s, write(folder / "f.csv", families), today=TODAY)
    with store.session() as s:
        n_people = csv_io.import_people(s, write(folder / "p.csv", people), today=TODAY)
    return n_families, n_people


def refused(store: Store, kind: str, path: Path) -> list[str]:
    action = csv_io.import_families if kind == "families" else csv_io.import_people
    with store.session() as s:
        before = counts(s)
    with pytest.raises(csv_io.ImportFailed) as raised, store.session() as s:
        action(s, path, today=TODAY)
    with store.session() as s:
        assert counts(s) == before, "a refused import writes nothing, not even to the audit"
    assert str(raised.value).startswith("Nothing was imported")
    return raised.value.problems


def test_the_columns_are_exactly_the_contract() -> None:
    """Issue 2's columns in their order, then the ones appended since (older files that
    stop after issue 2's columns still import: every other test here uses such files)."""
    assert [
        *FAMILY_HEADER.split(","),
        "referrer_reference",
        "court_order_date",
        "court_order_description",
        "referees",
    ] == csv_io.FAMILY_COLUMNS
    assert [
        *PEOPLE_HEADER.split(","),
        "relationship",
        "needs",
        "comes_with",
    ] == csv_io.PEOPLE_COLUMNS


def everything_on_the_form() -> FamilyForm:
    """A family with every field the family editor holds filled in, and referees whose
    parts hold commas and quotes."""
    return replace(
        full_form("F-0300"),
        status=FamilyStatus.active,
        court_order_description="Child arrangements order\nreview in six months",
        referees=[
            RefereeForm("Ann Smith", "friend", "0113 496 0077", "ann@example.org"),
            RefereeForm('Smith, John "Jack"', "neighbour, next door"),
            RefereeForm("Łucja Wiśniewska", "", "07911 123457"),
        ],
    )


def as_typed(form: FamilyForm) -> FamilyForm:
    """The form as a coordinator sees it again: ids left out, phones in E.164."""
    form.people = [replace(p, id=None) for p in form.people]
    form.referees = [replace(r, id=None) for r in form.referees]
    return form


def test_every_field_the_family_form_holds_survives_export_and_import(
    store: Store, tmp_path: Path
) -> None:
    """Before, the export dropped referees, the court order's date and details, the
    referrer's reference, and people's relationship and needs / allergies."""
    with store.session() as s:
        family = save_family(s, everything_on_the_form(), today=TODAY)
        original = as_typed(load_family_form(s, family.id or 0))
        csv_io.export_families(s, tmp_path / "families1.csv")
        csv_io.export_people(s, tmp_path / "people1.csv")
    families = (tmp_path / "families1.csv").read_text(encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(families, newline="")))
    assert row["referrer_reference"] == "self-2027-01"
    assert row["court_order_date"] == "2026-12-01"
    assert row["court_order_description"] == "Child arrangements order\nreview in six months"
    assert row["referees"] == (
        "Ann Smith,friend,0113 496 0077,ann@example.org\n"
        '"Smith, John ""Jack""","neighbour, next door",,\n'
        "Łucja Wiśniewska,,07911 123457,"
    )
    people = list(csv.DictReader(io.StringIO((tmp_path / "people1.csv").read_text("utf-8"))))
    assert [(p["relationship"], p["needs"]) for p in people] == [
        ("", ""),
        ("", ""),
        ("grandmother", ""),
        ("", "Nut allergy"),
    ]

    other = Store.create(tmp_path / "other" / "centre.db", "another passphrase")
    try:
        with other.session() as s:
            assert csv_io.import_families(s, tmp_path / "families1.csv", today=TODAY) == 1
            assert csv_io.import_people(s, tmp_path / "people1.csv", today=TODAY) == 4
            copy = s.exec(select(Family)).one()
            assert as_typed(load_family_form(s, copy.id or 0)) == original
            csv_io.export_families(s, tmp_path / "families2.csv")
            csv_io.export_people(s, tmp_path / "people2.csv")
    finally:
        other.close()
    assert (tmp_path / "families2.csv").read_bytes() == (tmp_path / "families1.csv").read_bytes()
    assert (tmp_path / "people2.csv").read_bytes() == (tmp_path / "people1.csv").read_bytes()


def test_a_bad_referee_is_reported_on_its_row(store: Store, tmp_path: Path) -> None:
    header = ",".join(csv_io.FAMILY_COLUMNS)
    base = "F-0010,supported,referred,self,,,,,2027-01-01,no,yes,,,,,"
    content = (
        f'{header}\n{base}"Ann Smith,friend"\n'
        f'{base.replace("10", "11")}"Ann Smith,friend,not a phone\n,aunt"\n'
        f'{base.replace("10", "12")}"A,b,0113 496 0000,a@example.org,extra"\n'
    )
    assert refused(store, "families", write(tmp_path / "x.csv", content)) == [
        "row 2: Referee phone 'not a phone' is not a phone number",
        "row 2: Referee name is required",
        "row 3: referees: a referee has more than 4 parts "
        "(name, relationship, phone, email): A,b,0113 496 0000,…",
    ]


def test_an_import_lands_every_value_where_a_coordinator_expects_it(
    store: Store, tmp_path: Path
) -> None:
    assert import_both(store, tmp_path, FAMILIES, PEOPLE) == (6, 5)
    with store.session() as s:
        f1 = s.exec(select(Family).where(Family.ref == "F-0001")).one()
        assert (f1.contact_type.value, f1.status.value, f1.referral_source.value) == (
            "supported",
            "active",
            "cafcass",
        )
        assert f1.referral_date == date(2027, 1, 13)
        assert f1.referrer_phone == "+441134960123"
        assert f1.court_order and f1.parents_must_not_meet
        assert f1.notes == 'Line one\nline two, with a comma and "quotes"'
        f2 = s.exec(select(Family).where(Family.ref == "F-0002")).one()
        assert f2.parents_must_not_meet, "an empty cell keeps the safe default"
        assert not f2.court_order
        f3 = s.exec(select(Family).where(Family.ref == "F-0003")).one()
        assert f3.status == FamilyStatus.closed and f3.referrer_name == "Zoë Łukasz"
        people = {p.first_name: p for p in s.exec(select(Person))}
        assert people["Sarah"].address == "1 Chapel Lane\nLeeds"
        assert people["Sarah"].address_confidential
        assert people["Mark"].phone == "+447911123456"
        assert people["Zoë"].date_of_birth == date(2019, 5, 1) and people["Zoë"].role == Role.child
        assert people["Halina"].phone == "+441134960002"
        rows = {r.ref: r for r in register_rows(s)}
    assert rows["F-0001"].children == "Zoë"
    assert rows["F-0003"].children == "Noé"


def test_an_imported_active_family_gets_its_review_date_as_the_form_gives_it(
    store: Store, tmp_path: Path
) -> None:
    on_form = add_family(store, "F-0100", today=TODAY, status=FamilyStatus.active)
    import_both(store, tmp_path, FAMILIES, PEOPLE)
    with store.session() as s:
        form_review = s.get(Family, on_form).review_date  # type: ignore[union-attr]
        reviews = {f.ref: f.review_date for f in s.exec(select(Family))}
        review_months = get_centre(s).review_months
    assert form_review is not None
    assert reviews["F-0001"] == form_review  # active: reviewed after the centre's period
    assert form_review == TODAY + relativedelta(months=review_months)
    assert [ref for ref, review in reviews.items() if review is None] == [
        "F-0002",
        "F-0003",
        "F-0004",
        "F-0005",
        "F-0006",
    ]  # referred, closed and excluded families are not under review


def test_export_import_export_is_byte_identical(store: Store, tmp_path: Path) -> None:
    import_both(store, tmp_path, FAMILIES, PEOPLE)
    add_family(store, "F-0100")  # and one made through the form
    with store.session() as s:
        assert csv_io.export_families(s, tmp_path / "families1.csv") == 7
        assert csv_io.export_people(s, tmp_path / "people1.csv") == 8
    other = Store.create(tmp_path / "other" / "centre.db", "another passphrase")
    try:
        with other.session() as s:
            csv_io.import_families(s, tmp_path / "families1.csv", today=TODAY)
        with other.session() as s:
            csv_io.import_people(s, tmp_path / "people1.csv", today=TODAY)
        with other.session() as s:
            csv_io.export_families(s, tmp_path / "families2.csv")
            csv_io.export_people(s, tmp_path / "people2.csv")
    finally:
        other.close()
    first = (tmp_path / "families1.csv").read_bytes()
    assert first == (tmp_path / "families2.csv").read_bytes()
    assert (tmp_path / "people1.csv").read_bytes() == (tmp_path / "people2.csv").read_bytes()
    text = first.decode("utf-8")
    assert text.splitlines()[0].startswith(FAMILY_HEADER + ",")  # issue 2's, then the added
    assert "F-0001,supported,active,cafcass,Dana Scully,Cafcass,dana@example.org," in text
    assert ",0113 496 0123,2027-01-13,yes,yes," in text, "phones shown the UK way, ISO dates"
    assert not list(tmp_path.glob("*.part")), "no temporary file left beside the export"


def test_every_bad_row_is_reported_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    add_family(store, "F-0001")
    bad = (
        FAMILY_HEADER
        + "\n"
        + "F-0010,supported,referred,self,,,,,2027-01-01,no,yes,\n"  # fine
        + "F-0001,supported,referred,self,,,,,2027-01-01,no,yes,\n"  # exists
        + "F-0011,observed,referred,self,,,,,2027-01-01,no,yes,\n"
        + "F-0012,supported,open,self,,,,,2027-01-01,no,yes,\n"
        + "F-0013,supported,referred,police,,,,,2027-01-01,no,yes,\n"
        + "F-0014,supported,referred,self,,,not-an-email,,2027-01-01,no,yes,\n"
        + "F-0015,supported,referred,self,,,,0113 496,2027-01-01,no,yes,\n"
        + "F-0016,supported,referred,self,,,,,31/02/2027,no,yes,\n"
        + "F-0017,supported,referred,self,,,,,2099-01-01,no,yes,\n"
        + "F-0018,supported,referred,self,,,,,2027-01-01,maybe,yes,\n"
        + "F-0010,supported,referred,self,,,,,2027-01-01,no,yes,\n"  # twice in the file
        + "F 19,supported,referred,self,,,,,,no,yes,\n"  # two problems in one row
    )
    problems = refused(store, "families", write(tmp_path / "bad.csv", bad))
    assert problems == [
        "row 2: family F-0001 already exists",
        "row 3: Contact type 'observed' is not one of supported|supervised|handover|indirect",
        "row 4: Status 'open' is not one of referred|active|closed|excluded",
        "row 5: Referral source 'police' is not one of "
        "cafcass|social_services|solicitor|mediator|court|self",
        "row 6: Referrer email 'not-an-email' is not an email address",
        "row 7: Referrer phone '0113 496' is not a valid UK phone number",
        "row 8: Referral date '31/02/2027' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        "row 9: Referral date 01/01/2099 is in the future",
        "row 10: court_order 'maybe' must be yes or no",
        "row 11: family F-0010 already exists",
        "row 12: Referral date is required",
        "row 12: Reference may use letters, digits, '-', '_' and '/' (at most 20)",
    ]


def test_bad_people_rows_are_reported_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    add_family(store, "F-0001")
    bad = (
        PEOPLE_HEADER
        + "\n"
        + "F-0001,child,Ada,,2020-01-01,,,,,\n"  # fine
        + "F-0404,child,Ada,,2020-01-01,,,,,\n"
        + "F-0001,grandparent,Ada,Jones,,0113 496 0001,,,,\n"
        + "F-0001,resident_parent,Ada,Jones,,,,,,\n"
        + "F-0001,child,,,2020-01-01,,,,,\n"
        + "F-0001,child,Ada,,2030-01-01,,,,,\n"
        + "F-0001,relative,Ada,Jones,,0113 496 0001,ada@,,,\n"
        + "F-0001,child,Ada,,,,,,perhaps,\n"
    )
    problems = refused(store, "people", write(tmp_path / "bad.csv", bad))
    assert problems == [
        "row 2: no family with reference 'F-0404'",
        "row 3: Role 'grandparent' is not one of child|resident_parent|non_resident_parent|"
        "relative",
        "row 4: Phone is required (a contact number is needed before a child is left)",
        "row 5: First name is required",
        "row 6: Date of birth 01/01/2030 is in the future",
        "row 7: Email 'ada@' is not an email address",
        "row 8: address_confidential 'perhaps' must be yes or no",
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("ref,contact_type,status\nF-1,supported,active\n", "header: missing column(s) "),
        ("", "header: missing column(s) ref, contact_type"),
        ("Ref;Contact type\n", "header: missing column(s) ref"),
    ],
)
def test_a_file_without_the_contract_header_is_refused(
    store: Store, tmp_path: Path, content: str, problem: str
) -> None:
    problems = refused(store, "families", write(tmp_path / "x.csv", content))
    assert len(problems) == 1 and problems[0].startswith(problem)
    assert "referral_date" in problems[0] or "ref" in problems[0]


def test_a_file_that_is_not_utf8_is_refused_with_advice(store: Store, tmp_path: Path) -> None:
    latin1 = write(tmp_path / "latin1.csv", FAMILIES.replace("Ł", "L"), encoding="latin-1")
    assert refused(store, "families", latin1) == [
        "the file is not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'"
    ]
    utf16 = write(tmp_path / "utf16.csv", FAMILIES, encoding="utf-16")
    assert len(refused(store, "families", utf16)) == 1


def test_excel_csv_utf8_with_a_bom_and_crlf_and_shuffled_columns_is_fine(
    store: Store, tmp_path: Path
) -> None:
    lines = FAMILIES.split("\n")
    header = lines[0].split(",")
    # Swap the first two columns: names matter, not positions.
    header[0], header[1] = header[1], header[0]
    body = "F-0001,supported,active,cafcass,Dana Scully,Cafcass,,,13/01/2027,yes,yes,"
    cells = body.split(",")
    cells[0], cells[1] = cells[1], cells[0]
    content = "\ufeff" + ",".join(header) + ",extra\r\n" + ",".join(cells) + ",ignored\r\n"
    with store.session() as s:
        assert csv_io.import_families(s, write(tmp_path / "excel.csv", content), today=TODAY) == 1
        family = s.exec(select(Family)).one()
        assert (family.ref, family.contact_type.value) == ("F-0001", "supported")


def test_a_row_with_more_cells_than_columns_is_refused(store: Store, tmp_path: Path) -> None:
    content = FAMILY_HEADER + "\nF-0001,supported,active,cafcass,,,,,2027-01-13,no,yes,,oops\n"
    assert refused(store, "families", write(tmp_path / "x.csv", content)) == [
        "row 1: more cells than columns"
    ]


def test_a_missing_file_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as raised, store.session() as s:
        csv_io.import_families(s, tmp_path / "nope.csv", today=TODAY)
    assert str(raised.value) == f"Cannot read {tmp_path / 'nope.csv'}: No such file or directory"


def test_an_export_into_a_missing_folder_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "families.csv"
    with pytest.raises(DomainError, match="Cannot write"), store.session() as s:
        csv_io.export_families(s, target)
    assert not target.parent.exists()


def test_an_empty_file_with_only_the_header_imports_nothing(store: Store, tmp_path: Path) -> None:
    with store.session() as s:
        assert (
            csv_io.import_families(s, write(tmp_path / "x.csv", FAMILY_HEADER + "\n"), today=TODAY)
            == 0
        )
        assert s.exec(select(func.count()).select_from(Family)).one() == 0


def test_people_find_their_family_and_duplicates_are_caught_whatever_the_case(
    store: Store, tmp_path: Path
) -> None:
    families = tmp_path / "families.csv"
    families.write_text(
        "ref,contact_type,status,referral_source,referrer_name,referrer_organisation,"
        "referrer_email,referrer_phone,referral_date,court_order,parents_must_not_meet,notes\n"
        "F-0100,supported,referred,self,,,,,2027-01-05,no,yes,\n"
        "f-0100,supported,referred,self,,,,,2027-01-05,no,yes,\n",
        encoding="utf-8",
    )
    with pytest.raises(csv_io.ImportFailed) as refused, store.session() as s:
        csv_io.import_families(s, families, today=date(2027, 3, 1))
    assert refused.value.problems == ["row 2: family f-0100 already exists"]

    families.write_text(families.read_text(encoding="utf-8").rsplit("f-0100", 1)[0])
    people = tmp_path / "people.csv"
    people.write_text(
        "family_ref,role,first_name,last_name,date_of_birth,phone,email,address,"
        "address_confidential,notes\n"
        "f-0100,child,Amira,Khan,2019-04-01,,,,no,\n",
        encoding="utf-8",
    )
    with store.session() as s:
        assert csv_io.import_families(s, families, today=date(2027, 3, 1)) == 1
        assert csv_io.import_people(s, people, today=date(2027, 3, 1)) == 1


def test_a_name_that_looks_like_a_formula_opens_as_text_and_round_trips(
    store: Store, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://example.org/x","Click")'
    add_family(
        store,
        "F-0200",
        referrer_name=formula,
        referrer_phone="+33 1 23 45 67 89",
        notes="'=quoted on purpose\n-5 visits left",
        people=[
            PersonForm(Role.resident_parent, "@Sam", "-Jones", phone="+44 7911 123456"),
            PersonForm(Role.child, "'Tis", "O'Brien", notes="+1 sibling"),
        ],
    )
    with store.session() as s:
        csv_io.export_families(s, tmp_path / "families1.csv")
        csv_io.export_people(s, tmp_path / "people1.csv")
    families = (tmp_path / "families1.csv").read_text(encoding="utf-8")
    people = (tmp_path / "people1.csv").read_text(encoding="utf-8")
    cells = csv_cells(families)
    assert "'" + formula in cells
    assert "'+33 1 23 45 67 89" in cells
    assert "''=quoted on purpose\n-5 visits left" in cells
    assert "F-0200,resident_parent,'@Sam,'-Jones,,07911 123456," in people
    assert "F-0200,child,'Tis,O'Brien,,,,,no,'+1 sibling" in people
    for cell in cells + csv_cells(people):
        assert cell[:1] not in {"=", "+", "-", "@"}, cell

    other = Store.create(tmp_path / "other" / "centre.db", "another passphrase")
    try:
        with other.session() as s:
            csv_io.import_families(s, tmp_path / "families1.csv", today=TODAY)
            csv_io.import_people(s, tmp_path / "people1.csv", today=TODAY)
            family = s.exec(select(Family)).one()
            assert (family.referrer_name, family.referrer_phone) == (formula, "+33123456789")
            assert family.notes == "'=quoted on purpose\n-5 visits left"
            names = [(p.first_name, p.last_name, p.notes) for p in s.exec(select(Person))]
            assert names == [("@Sam", "-Jones", ""), ("'Tis", "O'Brien", "+1 sibling")]
            csv_io.export_families(s, tmp_path / "families2.csv")
            csv_io.export_people(s, tmp_path / "people2.csv")
    finally:
        other.close()
    assert (tmp_path / "families2.csv").read_text(encoding="utf-8") == families
    assert (tmp_path / "people2.csv").read_text(encoding="utf-8") == people


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


# --- registers kept in Excel --------------------------------------------------------------

DATE_COLUMNS = {"referral_date", "date_of_birth", "court_order_date"}
YES_NO_COLUMNS = {"court_order", "parents_must_not_meet", "address_confidential"}


def as_excel_holds_it(column: str, cell: str) -> object:
    """What a cell is once typed into Excel: dates are dates, yes/no are booleans."""
    if not cell:
        return None
    if column in DATE_COLUMNS:
        day = validate.parse_date(cell)
        assert day is not None
        return datetime(day.year, day.month, day.day)
    if column in YES_NO_COLUMNS:
        return validate.yes_no(cell)
    return cell


def excel_copy(path: Path, csv_text: str) -> Path:
    rows = list(csv.reader(io.StringIO(csv_text, newline="")))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([as_excel_holds_it(c, cell) for c, cell in zip(rows[0], row, strict=True)])
    book.create_sheet("Notes").append(["ref", "not the register"])
    book.save(path)
    return path


def exports(store: Store, folder: Path) -> tuple[bytes, bytes]:
    with store.session() as s:
        csv_io.export_families(s, folder / "families.csv")
        csv_io.export_people(s, folder / "people.csv")
    return (folder / "families.csv").read_bytes(), (folder / "people.csv").read_bytes()


def test_a_register_kept_in_excel_imports_exactly_as_its_csv_does(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as s:
        families = excel_copy(tmp_path / "families.xlsx", FAMILIES)
        assert csv_io.import_families(s, families, today=TODAY) == 6
        assert csv_io.import_people(s, excel_copy(tmp_path / "p.xlsx", PEOPLE), today=TODAY) == 5
    from_csv = Store.create(tmp_path / "csv" / "centre.db", "another passphrase")
    try:
        import_both(from_csv, tmp_path, FAMILIES, PEOPLE)
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        assert exports(store, tmp_path / "a") == exports(from_csv, tmp_path / "b")
    finally:
        from_csv.close()


def test_a_bad_row_in_a_workbook_is_named_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    lines = FAMILIES.splitlines(keepends=True)
    spoiled = lines[0] + lines[4] + lines[3].replace("2027-02-01", "2099-02-01")
    problems = refused(store, "families", excel_copy(tmp_path / "f.xlsx", spoiled))
    assert problems == ["row 2: Referral date 01/02/2099 is in the future"]


def test_an_export_can_be_an_excel_workbook_that_imports_back(store: Store, tmp_path: Path) -> None:
    import_both(store, tmp_path, FAMILIES, PEOPLE)
    add_family(store, "F-0200", referrer_name='=HYPERLINK("http://example.org","x")')
    with store.session() as s:
        assert csv_io.export_families(s, tmp_path / "families.xlsx", xlsx=True) == 7
        assert csv_io.export_people(s, tmp_path / "people.xlsx", xlsx=True) == 8
    sheet = openpyxl.load_workbook(tmp_path / "families.xlsx").active
    assert sheet is not None
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == csv_io.FAMILY_COLUMNS
    assert cells[-1][4] == '\'=HYPERLINK("http://example.org","x")'  # text, not a formula
    assert not list(tmp_path.glob("*.part"))
    (tmp_path / "first").mkdir()
    expected = exports(store, tmp_path / "first")
    other = Store.create(tmp_path / "other" / "centre.db", "another passphrase")
    try:
        with other.session() as s:
            csv_io.import_families(s, tmp_path / "families.xlsx", today=TODAY)
            csv_io.import_people(s, tmp_path / "people.xlsx", today=TODAY)
        (tmp_path / "second").mkdir()
        assert exports(other, tmp_path / "second") == expected
    finally:
        other.close()


def test_a_character_no_workbook_can_hold_is_a_clear_error_not_a_half_file(
    store: Store, tmp_path: Path
) -> None:
    family_id = add_family(store, "F-0200")
    with store.session() as s:  # as an older version could have stored it
        family = s.get(Family, family_id)
        assert family is not None
        family.notes = "vertical\x0btab"
    target = tmp_path / "families.xlsx"
    with pytest.raises(DomainError) as refused, store.session() as s:
        csv_io.export_families(s, target, xlsx=True)
    assert str(refused.value) == (
        f"Cannot write {target}: a cell holds a character Excel cannot store"
    )
    assert not target.exists() and not list(tmp_path.glob("*.part"))


# --- a relative's parent: the trailing comes_with column ----------------------------------

GRANDMOTHERS = (
    PEOPLE_HEADER
    + ",relationship,needs,comes_with\n"
    + "F-0001,resident_parent,Sarah,Jones,,0113 496 0001,,,no,,,,\n"
    + "F-0001,non_resident_parent,Mark,Jones,,0113 496 0002,,,no,,,,\n"
    + "F-0001,relative,Nora,Jones,,0113 496 0003,,,no,,grandmother,,non_resident_parent\n"
    + "F-0001,relative,Ann,Hill,,0113 496 0004,,,no,,grandmother,,resident_parent\n"
    + "F-0001,relative,Ted,Jones,,0113 496 0005,,,no,,uncle,,\n"
    + "F-0001,child,Lily,Jones,2020-01-01,,,,no,,,,\n"
)


def comes_with_of(store: Store) -> dict[str, ComesWith | None]:
    with store.session() as s:
        return {p.first_name: p.comes_with for p in s.exec(select(Person))}


def test_a_people_file_from_before_comes_with_still_imports_with_relatives_unlinked(
    store: Store, tmp_path: Path
) -> None:
    import_both(store, tmp_path, FAMILIES, PEOPLE)  # PEOPLE stops at the `notes` column
    assert comes_with_of(store)["Halina"] is None  # not set: the board asks the coordinator


def test_which_parent_a_relative_comes_with_round_trips_through_the_people_file(
    store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0001", people=[])
    with store.session() as s:
        assert csv_io.import_people(s, write(tmp_path / "p.csv", GRANDMOTHERS), today=TODAY) == 6
    assert comes_with_of(store) == {
        "Sarah": None,
        "Mark": None,
        "Nora": ComesWith.non_resident_parent,  # the paternal grandmother
        "Ann": ComesWith.resident_parent,  # the maternal grandmother
        "Ted": None,
        "Lily": None,
    }
    with store.session() as s:
        csv_io.export_people(s, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == GRANDMOTHERS


def test_a_bad_or_misplaced_comes_with_is_refused_on_its_row(store: Store, tmp_path: Path) -> None:
    add_family(store, "F-0001")
    bad = (
        PEOPLE_HEADER
        + ",relationship,needs,comes_with\n"
        + "F-0001,relative,Nora,Jones,,0113 496 0003,,,no,,grandmother,,grandad\n"
        + "F-0001,resident_parent,Sarah,Jones,,0113 496 0001,,,no,,,,non_resident_parent\n"
        + "F-0001,child,Lily,Jones,2020-01-01,,,,no,,,,resident_parent\n"
        + "F-0001,relative,Ann,Hill,,0113 496 0004,,,no,,,,Resident_Parent\n"  # fine
    )
    assert refused(store, "people", write(tmp_path / "bad.csv", bad)) == [
        "row 1: Comes with 'grandad' is not one of resident_parent|non_resident_parent",
        "row 2: Comes with is only for a named relative, not a resident parent/carer",
        "row 3: Comes with is only for a named relative, not a child",
    ]

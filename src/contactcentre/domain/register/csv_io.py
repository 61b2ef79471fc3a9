"""CSV import and export of families and people (the contract in issue 2).

An import is all or nothing: every row is checked first; if any is bad, nothing is
written and each problem is reported as "row N: reason" (N counts data rows, the first
row under the header being row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions, validate
from contactcentre.domain.register.families import first_review_date, ref_key
from contactcentre.domain.register.family_forms import (
    FamilyForm,
    PersonForm,
    RefereeForm,
    clean_family_fields,
    clean_person_fields,
    clean_referee_fields,
)
from contactcentre.domain.register.tabular import ImportFailed, Table, read_rows, write_table
from contactcentre.store.models import Family, FamilyStatus, Person, Referee

FAMILY_COLUMNS = [
    "ref",
    "contact_type",
    "status",
    "referral_source",
    "referrer_name",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "referral_date",
    "court_order",
    "parents_must_not_meet",
    "notes",
    # appended since issue 2 (older files without them still import):
    "referrer_reference",
    "court_order_date",
    "court_order_description",
    "referees",  # one referee a line: name,relationship,phone,email (CSV within the cell)
]
PEOPLE_COLUMNS = [
    "family_ref",
    "role",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "address_confidential",
    "notes",
    # appended since issue 2 (older files without them still import):
    "relationship",
    "needs",
    "comes_with",  # a relative's parent: resident_parent, non_resident_parent or empty
]


FAMILIES = Table(
    FAMILY_COLUMNS,
    required=12,
    multiline=frozenset({"notes", "court_order_description", "referees"}),
)
PEOPLE = Table(PEOPLE_COLUMNS, required=10, multiline=frozenset({"address", "needs", "notes"}))
REFEREE_PARTS = "name, relationship, phone, email"


def _problems(number: int, checker: validate.Checker) -> list[str]:
    return [f"row {number}: {message}" for message in checker.errors.values()]


def import_families(s: Session, path: Path, *, today: date) -> int:
    permissions.require(s, "import_records")
    existing = {ref_key(ref) for ref in s.exec(select(Family.ref))}
    review = first_review_date(s, today)  # an active family gets one, as on the form
    problems: list[str] = []
    rows: list[dict[str, object]] = []
    referees_of: dict[str, list[dict[str, object]]] = {}
    for number, row in read_rows(path, FAMILIES):
        c = validate.Checker()
        form = FamilyForm(
            ref=row["ref"],
            contact_type=row["contact_type"],  # type: ignore[arg-type]
            status=row["status"] or "referred",  # type: ignore[arg-type]
            referral_source=row["referral_source"] or "self",  # type: ignore[arg-type]
            referrer_name=row["referrer_name"],
            referrer_organisation=row["referrer_organisation"],
            referrer_email=row["referrer_email"],
            referrer_phone=row["referrer_phone"],
            referral_date=row["referral_date"],
            court_order=c.check("court_order", "court_order", validate.yes_no, row["court_order"]),
            parents_must_not_meet=c.check(
                "parents_must_not_meet",
                "parents_must_not_meet",
                validate.yes_no,
                row["parents_must_not_meet"] or "yes",
            ),
            notes=row["notes"],
            referrer_reference=row["referrer_reference"],
            court_order_date=row["court_order_date"],
            court_order_description=row["court_order_description"],
        )
        values = clean_family_fields(c, form, today)
        referees = [
            clean_referee_fields(c, f"referees.{i}", referee)
            for i, referee in enumerate(_referee_forms(c, row["referees"]))
        ]
        values["review_date"] = review if values["status"] == FamilyStatus.active else None
        if ref_key(str(values["ref"])) in existing:
            c.add("ref", f"family {values['ref']} already exists")
        problems += _problems(number, c)
        existing.add(ref_key(str(values["ref"])))
        rows.append(values)
        referees_of[str(values["ref"])] = referees
    if problems:
        raise ImportFailed(problems)
    if rows:
        s.execute(insert(Family), rows)
        _insert_referees(s, referees_of)
    audit.record(s, "import.families", detail=f"{len(rows)} families")
    return len(rows)


def _referee_forms(c: validate.Checker, cell: str) -> list[RefereeForm]:
    """The referees in a `referees` cell: one a line, its parts separated by commas (a
    part holding a comma in double quotes, as in any CSV)."""
    try:
        lines = list(csv.reader(io.StringIO(cell, newline=""), strict=True))
    except csv.Error:
        c.add("referees", f"referees cannot be read: one referee a line, {REFEREE_PARTS}")
        return []
    forms: list[RefereeForm] = []
    for parts in lines:
        if len(parts) > 4:
            shown = ",".join(parts[:3])[:60]
            c.add(
                f"referees.{len(forms)}",
                f"referees: a referee has more than 4 parts ({REFEREE_PARTS}): {shown},…",
            )
        elif any(part.strip() for part in parts):
            name, relationship, phone, email = [*parts, "", "", ""][:4]
            forms.append(RefereeForm(name, relationship, phone, email))
    return forms


def _referees_cell(referees: Iterable[Referee]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for r in referees:
        writer.writerow([r.name, r.relationship, validate.display_phone(r.phone), r.email])
    return out.getvalue().removesuffix("\n")


def _insert_referees(s: Session, referees_of: dict[str, list[dict[str, object]]]) -> None:
    refs = list(referees_of)
    query = select(Family.ref, Family.id).where(col(Family.ref).in_(refs))
    ids = {ref: family_id for ref, family_id in s.exec(query)}
    rows = [
        {"family_id": ids[ref], **referee}
        for ref, referees in referees_of.items()
        for referee in referees
    ]
    if rows:
        s.execute(insert(Referee), rows)


def import_people(s: Session, path: Path, *, today: date) -> int:
    permissions.require(s, "import_records")
    family_ids = {
        ref_key(ref): family_id for ref, family_id in s.exec(select(Family.ref, Family.id))
    }
    problems: list[str] = []
    rows: list[dict[str, object]] = []
    for number, row in read_rows(path, PEOPLE):
        c = validate.Checker()
        family_id = family_ids.get(ref_key(row["family_ref"]))
        if family_id is None:
            shown = row["family_ref"].strip()
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            c.add("family_ref", f"no family with reference {shown!r}")
        form = PersonForm(
            role=row["role"],  # type: ignore[arg-type]
            first_name=row["first_name"],
            last_name=row["last_name"],
            date_of_birth=row["date_of_birth"],
            phone=row["phone"],
            email=row["email"],
            address=row["address"],
            address_confidential=c.check(
                "address_confidential",
                "address_confidential",
                validate.yes_no,
                row["address_confidential"],
            ),
            notes=row["notes"],
            relationship=row["relationship"],
            needs=row["needs"],
            comes_with=row["comes_with"],
        )
        values = clean_person_fields(c, "person", form, today)
        problems += _problems(number, c)
        rows.append({"family_id": family_id, **values})
    if problems:
        raise ImportFailed(problems)
    if rows:
        s.execute(insert(Person), rows)
    audit.record(s, "import.people", detail=f"{len(rows)} people")
    return len(rows)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def family_records(s: Session) -> Iterable[list[str]]:
    referees: dict[int, list[Referee]] = {}
    for referee in s.exec(select(Referee).order_by(col(Referee.id))):
        referees.setdefault(referee.family_id, []).append(referee)
    for f in s.exec(select(Family).order_by(col(Family.ref))):
        yield [
            f.ref,
            f.contact_type.value,
            f.status.value,
            f.referral_source.value,
            f.referrer_name,
            f.referrer_organisation,
            f.referrer_email,
            validate.display_phone(f.referrer_phone),
            _iso(f.referral_date),
            _yes_no(f.court_order),
            _yes_no(f.parents_must_not_meet),
            f.notes,
            f.referrer_reference,
            _iso(f.court_order_date),
            f.court_order_description,
            _referees_cell(referees.get(f.id or 0, [])),
        ]


def people_records(s: Session) -> Iterable[list[str]]:
    query = select(Family.ref, Person).join(Family).order_by(col(Family.ref), col(Person.id))
    for ref, p in s.exec(query):
        yield [
            ref,
            p.role.value,
            p.first_name,
            p.last_name,
            _iso(p.date_of_birth),
            validate.display_phone(p.phone),
            p.email,
            p.address,
            _yes_no(p.address_confidential),
            p.notes,
            p.relationship,
            p.needs,
            p.comes_with.value if p.comes_with else "",
        ]


def export_families(s: Session, path: Path, *, xlsx: bool = False) -> int:
    permissions.require(s, "export_register")
    count = write_table(path, FAMILY_COLUMNS, family_records(s), xlsx=xlsx)
    audit.record(
        s, "export.families", detail=f"{count} families; {audit.digest(path.read_bytes())}"
    )
    return count


def export_people(s: Session, path: Path, *, xlsx: bool = False) -> int:
    permissions.require(s, "export_register")
    count = write_table(path, PEOPLE_COLUMNS, people_records(s), xlsx=xlsx)
    audit.record(s, "export.people", detail=f"{count} people; {audit.digest(path.read_bytes())}")
    return count

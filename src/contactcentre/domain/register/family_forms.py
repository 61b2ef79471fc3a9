"""What a family's form holds (the case, its people and referees) and how each field of
it is checked. Saving a form is in `families`; the CSV import checks rows the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from contactcentre.domain import validate
from contactcentre.domain.register.relatives import clean_comes_with
from contactcentre.domain.vocabulary import ADULT_ROLES
from contactcentre.store.models import (
    ComesWith,
    ContactType,
    FamilyStatus,
    ReferralSource,
    Role,
)

REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_/-]{0,19}$")


@dataclass
class PersonForm:
    role: Role
    first_name: str
    last_name: str = ""
    relationship: str = ""
    date_of_birth: date | str | None = None
    needs: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    address_confidential: bool = False
    notes: str = ""
    id: int | None = None
    comes_with: ComesWith | str | None = None  # a relative's parent (see relatives.py)


@dataclass
class RefereeForm:
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None


@dataclass
class FamilyForm:
    ref: str = ""
    contact_type: ContactType = ContactType.supported
    status: FamilyStatus = FamilyStatus.referred
    referral_date: date | str | None = None
    referral_source: ReferralSource = ReferralSource.self
    referrer_name: str = ""
    referrer_organisation: str = ""
    referrer_email: str = ""
    referrer_phone: str = ""
    referrer_reference: str = ""
    court_order: bool = False
    court_order_date: date | str | None = None
    court_order_description: str = ""
    parents_must_not_meet: bool = True
    notes: str = ""
    people: list[PersonForm] = field(default_factory=list)
    referees: list[RefereeForm] = field(default_factory=list)


def clean_ref(value: str) -> str:
    ref = validate.text(value, limit=20, multiline=False)
    if not ref:
        raise ValueError("is required")
    if not REF_PATTERN.match(ref):
        raise ValueError("may use letters, digits, '-', '_' and '/' (at most 20)")
    return ref


def clean_family_fields(c: validate.Checker, form: FamilyForm, today: date) -> dict[str, object]:
    referral_date = c.check(
        "referral_date", "Referral date", validate.parse_date, form.referral_date, required=True
    )
    c.check("referral_date", "Referral date", validate.past_date, referral_date, today)
    court_date = c.check(
        "court_order_date", "Court order date", validate.parse_date, form.court_order_date
    )
    return {
        "ref": c.check("ref", "Reference", clean_ref, form.ref),
        "contact_type": c.check(
            "contact_type", "Contact type", validate.choice, ContactType, form.contact_type
        ),
        "status": c.check("status", "Status", validate.choice, FamilyStatus, form.status),
        "referral_date": referral_date,
        "referral_source": c.check(
            "referral_source",
            "Referral source",
            validate.choice,
            ReferralSource,
            form.referral_source,
        ),
        "referrer_name": c.check(
            "referrer_name", "Referrer", validate.name, form.referrer_name, required=False
        ),
        "referrer_organisation": c.check(
            "referrer_organisation",
            "Organisation",
            validate.text,
            form.referrer_organisation,
            limit=200,
        ),
        "referrer_email": c.check(
            "referrer_email", "Referrer email", validate.email, form.referrer_email
        ),
        "referrer_phone": c.check(
            "referrer_phone", "Referrer phone", validate.uk_phone, form.referrer_phone
        ),
        "referrer_reference": c.check(
            "referrer_reference",
            "Their reference",
            validate.text,
            form.referrer_reference,
            limit=100,
        ),
        "court_order": bool(form.court_order),
        "court_order_date": court_date if form.court_order else None,
        "court_order_description": c.check(
            "court_order_description",
            "Court order",
            validate.text,
            form.court_order_description,
            limit=500,
        )
        if form.court_order
        else "",
        "parents_must_not_meet": bool(form.parents_must_not_meet),
        "notes": c.check("notes", "Notes", validate.text, form.notes),
    }


def clean_person_fields(
    c: validate.Checker, key: str, form: PersonForm, today: date
) -> dict[str, object]:
    role = c.check(f"{key}.role", "Role", validate.choice, Role, form.role)
    adult = role in ADULT_ROLES
    dob = c.check(f"{key}.date_of_birth", "Date of birth", validate.parse_date, form.date_of_birth)
    c.check(f"{key}.date_of_birth", "Date of birth", validate.past_date, dob, today)
    return {
        "role": role,
        "first_name": c.check(f"{key}.first_name", "First name", validate.name, form.first_name),
        "last_name": c.check(
            f"{key}.last_name", "Last name", validate.name, form.last_name, required=adult
        ),
        "relationship": c.check(
            f"{key}.relationship", "Relationship", validate.text, form.relationship, limit=60
        ),
        "date_of_birth": dob,
        "needs": c.check(f"{key}.needs", "Needs", validate.text, form.needs, limit=2000),
        "phone": c.check(f"{key}.phone", "Phone", validate.uk_phone, form.phone, required=adult),
        "email": c.check(f"{key}.email", "Email", validate.email, form.email),
        "address": c.check(f"{key}.address", "Address", validate.text, form.address, limit=500),
        "address_confidential": bool(form.address_confidential),
        "notes": c.check(f"{key}.notes", "Notes", validate.text, form.notes),
        "comes_with": clean_comes_with(c, key, role, form.comes_with),
    }


def clean_referee_fields(c: validate.Checker, key: str, form: RefereeForm) -> dict[str, object]:
    return {
        "name": c.check(f"{key}.name", "Referee name", validate.name, form.name),
        "relationship": c.check(
            f"{key}.relationship", "Relationship", validate.text, form.relationship, limit=60
        ),
        "phone": c.check(f"{key}.phone", "Referee phone", validate.uk_phone, form.phone),
        "email": c.check(f"{key}.email", "Referee email", validate.email, form.email),
    }

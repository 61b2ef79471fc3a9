"""A demo centre full of fictional families, so a newcomer can see the app in use.

Phone numbers come from Ofcom's ranges reserved for drama (0113 496 0xxx and the like),
so no real person can be rung by mistake. Names mix British, European, Greek, Cyrillic
and Arabic spellings because a real register does.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, select

from contactcentre.domain import audit
from contactcentre.domain.centre import CentreDetails, create_centre, update_centre
from contactcentre.domain.demo import history as demo_history
from contactcentre.domain.demo import items as demo_items
from contactcentre.domain.demo import sessions as demo_sessions
from contactcentre.domain.demo import supervised as demo_supervised
from contactcentre.domain.demo import team as demo_team
from contactcentre.store import unlocking
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    ComesWith,
    ContactType,
    Family,
    FamilyStatus,
    Person,
    ReferralSource,
    Role,
    TeamRole,
)
from contactcentre.store.models.team import TeamMember

DEMO_PASSPHRASE = "demo"
DEMO_COORDINATOR = "Demo Coordinator"  # the demo's logins (README): both take the passphrase
DEMO_VOLUNTEER = "Demo Volunteer"
MARKER_FILE = "DEMO-CENTRE.txt"

FIRST = {
    "f": [
        "Amelia",
        "Olivia",
        "Isla",
        "Ava",
        "Zoë",
        "Chloé",
        "Siobhán",
        "Aoife",
        "Maja",
        "Agnieszka",
        "Zofia",
        "Renée",
        "Inês",
        "Leila",
        "Fatima",
        "Amira",
        "Priya",
        "Aisha",
        "Grace",
        "Ruby",
        "Freya",
        "Niamh",
        "Eleni",
        "Олена",
        "Анна",
        "مريم",
        "Sophie",
        "Ellie",
        "Mia",
    ],
    "m": [
        "Oliver",
        "George",
        "Noah",
        "Arthur",
        "Leo",
        "Harry",
        "Jack",
        "Łukasz",
        "Mateusz",
        "Seán",
        "Eóin",
        "José",
        "Björn",
        "Jürgen",
        "Yusuf",
        "Omar",
        "Ibrahim",
        "Arjun",
        "Kwame",
        "Tomás",
        "Nikos",
        "Νίκος",
        "Дмитро",
        "محمد",
        "Theo",
        "Finley",
        "Alfie",
        "Kai",
    ],
}
LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "O'Brien",
    "Ó",
    "Súilleabháin",
    "Kowalski",
    "Wiśniewska",
    "Nowak",
    "Müller",
    "García",
    "Núñez",
    "Papadopoulos",
    "Παπαδόπουλος",
    "Шевченко",
    "Коваленко",
    "Khan",
    "Ahmed",
    "Hussain",
    "حداد",
    "Patel",
    "Okafor",
    "Mensah",
    "Nguyen",
    "MacLeod",
    "Davies",
    "Clarke",
    "Lewis",
    "Jackson",
]
STREETS = [
    "Church Lane",
    "High Street",
    "Mill Road",
    "Station Road",
    "Victoria Terrace",
    "Chapel Row",
]
TOWNS = ["Leeds LS6 1AA", "Bradford BD1 1AA", "Wakefield WF1 1AA", "Harrogate HG1 1AA"]
DRAMA_PREFIXES = ["0113 496 0", "0114 496 0", "0117 496 0", "0121 496 0", "020 7946 0"]
REFERRERS = {
    ReferralSource.cafcass: ("Family Court Adviser", "Cafcass"),
    ReferralSource.social_services: ("Social Worker", "Leeds Children's Services"),
    ReferralSource.solicitor: ("Solicitor", "Hartley & Rowe Family Law"),
    ReferralSource.mediator: ("Mediator", "Northern Family Mediation"),
    ReferralSource.court: ("Court Officer", "Leeds Family Court"),
    ReferralSource.self: ("", ""),
}
CHILD_NEEDS = [
    "",
    "",
    "",
    "Nut allergy: carries an EpiPen",
    "Asthma: inhaler in bag",
    "Autistic: prefers the quiet corner",
]


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(DRAMA_PREFIXES)}{rng.randrange(1000):03d}"


def _name(rng: random.Random, sex: str | None = None) -> str:
    return rng.choice(FIRST[sex or rng.choice("fm")])


def family_rows(
    n: int, today: date, seed: int = 7
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Rows for n fictional families and their people (family_ref in place of an id)."""
    rng = random.Random(seed)
    families: list[dict[str, object]] = []
    people: list[dict[str, object]] = []
    statuses = (
        [FamilyStatus.active] * 6
        + [FamilyStatus.referred] * 3
        + [
            FamilyStatus.closed,
            FamilyStatus.excluded,
        ]
    )
    types = (
        [ContactType.supported] * 6
        + [ContactType.supervised] * 2
        + [
            ContactType.handover,
            ContactType.indirect,
        ]
    )
    for i in range(1, n + 1):
        ref = f"F-{i:04d}"
        source = rng.choice(list(ReferralSource))
        role_title, organisation = REFERRERS[source]
        status = rng.choice(statuses)
        referred = today - timedelta(days=rng.randrange(14, 400))
        families.append(
            {
                "ref": ref,
                "contact_type": rng.choice(types),
                "status": status,
                "referral_date": referred,
                "referral_source": source,
                "referrer_name": f"{_name(rng)} {rng.choice(LAST)}" if role_title else "",
                "referrer_organisation": organisation,
                "referrer_email": "referrals@example.org" if role_title else "",
                "referrer_phone": _e164(_phone(rng)) if role_title else "",
                "court_order": source in {ReferralSource.court, ReferralSource.cafcass},
                "parents_must_not_meet": rng.random() < 0.8,
                "review_date": today + timedelta(days=rng.randrange(-10, 90))
                if status == FamilyStatus.active
                else None,
                "closed_on": today - timedelta(days=7)
                if status in {FamilyStatus.closed, FamilyStatus.excluded}
                else None,
                "closed_reason": "Arrangement ended by agreement"
                if status == FamilyStatus.closed
                else (
                    "Aggressive behaviour towards a volunteer"
                    if status == FamilyStatus.excluded
                    else ""
                ),
            }
        )
        surname_resident = rng.choice(LAST)
        surname_other = rng.choice(LAST)
        for role, surname in (
            (Role.resident_parent, surname_resident),
            (Role.non_resident_parent, surname_other),
        ):
            people.append(_adult(rng, ref, role, _name(rng), surname))
        if rng.random() < 0.2:
            relative = _adult(rng, ref, Role.relative, _name(rng, "f"), surname_other)
            relative["relationship"] = "Paternal grandmother"
            relative["comes_with"] = ComesWith.non_resident_parent  # with her son
            people.append(relative)
        for _ in range(rng.choice([1, 1, 2, 3])):
            born = today - timedelta(days=rng.randrange(365, 365 * 14))
            people.append(
                {
                    "family_ref": ref,
                    "role": Role.child,
                    "first_name": _name(rng),
                    "last_name": surname_other,
                    "date_of_birth": born,
                    "needs": rng.choice(CHILD_NEEDS),
                }
            )
    return families, people


def _e164(national: str) -> str:
    return "+44" + national.replace(" ", "")[1:]


def _adult(rng: random.Random, ref: str, role: Role, first: str, last: str) -> dict[str, object]:
    return {
        "family_ref": ref,
        "role": role,
        "first_name": first,
        "last_name": last,
        "phone": _e164(_phone(rng)),
        "email": "",
        "address": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}",
        "address_confidential": role == Role.resident_parent and rng.random() < 0.5,
    }


def fill(s: Session, families: int, today: date) -> None:
    family_rows_, people_rows = family_rows(families, today)
    s.execute(insert(Family), family_rows_)
    ids = {ref: family_id for ref, family_id in s.exec(select(Family.ref, Family.id))}
    for row in people_rows:
        row["family_id"] = ids[str(row.pop("family_ref"))]
    s.execute(insert(Person), people_rows)
    audit.record(s, "demo.fill", detail=f"{families} families")


def create_demo(
    path: Path, passphrase: str, *, families: int, today: date, years: int | None = None
) -> None:
    """A demo centre; with `years`, that many years of past sessions as well."""

    def fill_demo(store: Store) -> None:
        with store.session(actor=DEMO_COORDINATOR) as s:  # the demo centre is hers
            create_centre(
                s,
                CentreDetails(
                    name="St Aidan's Child Contact Centre (DEMO)",
                    address="St Aidan's Church Hall\nChapel Lane\nLeeds LS6 3BW",
                    phone="0113 496 0000",
                    charity_number="1234567",
                ),
            )
            update_centre(
                s,
                email="hello@st-aidans-ccc.example.org",
                coordinator_name="Margaret Ellis",
                accreditation_line="Accredited by NACCC (National Association of Child "
                "Contact Centres)",
            )
            fill(s, families, today)
            if years is not None:
                demo_history.open_for_history(s)
            demo_supervised.fill_supervised(s, today)  # first: a session has 4 places
            demo_sessions.fill_sessions(s, today)
            if years is not None:
                demo_history.fill_history(s, today, years)
            demo_items.fill_items(s, today)
            demo_team.fill_team(s, today)

    store = unlocking.create(path, DEMO_COORDINATOR, passphrase, fill_demo)  # all or none
    try:  # someone to try a volunteer's view as, with the same passphrase
        with store.session() as s:
            volunteer = TeamMember(name=DEMO_VOLUNTEER, role=TeamRole.volunteer)
            s.add(volunteer)
            s.flush()
            unlocking.add_login(store, volunteer, passphrase)
    finally:
        store.close()
    told = f" Passphrase: {DEMO_PASSPHRASE}" if passphrase == DEMO_PASSPHRASE else ""
    (path.parent / MARKER_FILE).write_text(
        f"This folder holds a demo centre with fictional families.{told}\n", encoding="utf-8"
    )

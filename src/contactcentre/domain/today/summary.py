"""What the Today screen shows: the next session (who is booked, places left, who is
not ready and why) and what needs the coordinator (reviews, risk statements to review,
pre-visits, agreements to sign again, referrals waiting, two no-shows in a row, the
backup, and the team's DBS rechecks, trial reviews and training renewals).

Every answer comes from the feature that owns it (readiness, review dates, the
calendar, agreement versions, no-shows, the backup reminder); this module only gathers
them. What it gathers is what any volunteer may see: a family's reference and its
children's first names (as the register lists them), counts, dates and the reason in
words, never an address, a phone number, a note or a risk detail. The plain data has no
field that could carry one. Arrears (charges unpaid after 30 days: the reference and the
amount) are one exception, listed only when a coordinator is looking and only at a
centre that charges; risk statements due for review (the reference and the date) are the
other, listed only to a coordinator.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.agreements import readiness
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import lines as booking_lines
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.centre import get_centre
from contactcentre.domain.charges import ledger
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.indirect import items as indirect_items
from contactcentre.domain.records import backups
from contactcentre.domain.register.family_lists import (
    REVIEW_SOON,
    family_choices,
    review_state,
)
from contactcentre.domain.safeguarding import complaints, screening
from contactcentre.domain.team.reminders import TeamReminder, team_reminders
from contactcentre.domain.vocabulary import ADULT_ROLES, OPEN_STATUSES, counted, person_name
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    EventKind,
    Family,
    FamilyStatus,
    Person,
)

LOOK_AHEAD = timedelta(days=92)  # how far ahead the next session is looked for
# Lines given per section: a big centre's thousands of pre-visits or reviews due would be
# tens of thousands of lines to word, build and keep; each section says how many in all.
MOST_LINES = 100
# What a need says of each family shown, worked out for those families alone.
Words = Callable[[list[int]], Mapping[int, str]]
NEXT_STEP = {  # where a referral stands (readiness.lifecycle_stage), as what comes next
    readiness.REFERRED: "pre-visits to arrange",
    readiness.PRE_VISIT_DONE: "pre-visits done, the agreement to sign",
    readiness.AGREEMENT_SIGNED: "agreement signed, ready to start",
}


@dataclass(frozen=True)
class FamilyLine:
    """One family and what it needs, in words; choosing it opens the family."""

    family_id: int
    label: str  # "F-0001 — Lily, Tom": the reference and the children's first names
    words: str


@dataclass(frozen=True)
class NextSession:
    day: date
    start: time
    end: time
    capacity: int
    booked: int
    families: tuple[FamilyLine, ...]  # booked families, the not ready first (MOST_LINES)
    not_ready: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


@dataclass(frozen=True)
class Need:
    """A kind of thing that needs the coordinator, and the families it concerns."""

    title: str
    families: tuple[FamilyLine, ...]  # the first MOST_LINES, by reference
    total: int  # how many families in all


@dataclass(frozen=True)
class Backup:
    words: str  # "Last backup 3 days ago", "Never backed up"
    due: str  # why one should be made now, or ""


@dataclass(frozen=True)
class TodaySummary:
    day: date
    next_session: NextSession | None
    needs: tuple[Need, ...]
    backup: Backup
    # The volunteer register's DBS rechecks, trial reviews and training renewals due
    # soon or overdue; only for whoever keeps the register (a volunteer sees none).
    team: tuple[TeamReminder, ...] = ()
    # Complaints whose acknowledgement or response is overdue: (reference, what is late),
    # for the coordinator only; never who complained or about what.
    complaints: tuple[tuple[str, str], ...] = ()


def names(people: list[str]) -> str:
    """'Sarah Jones', 'Sarah Jones and Mark Jones', 'A, B and C'."""
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


def _lines(s: Session, found: Collection[int], words: Words) -> tuple[FamilyLine, ...]:
    """The first MOST_LINES of the families found, by reference as the register labels
    them, each with its words."""
    if not found:
        return ()
    shown = family_choices(s, ids=list(found), limit=MOST_LINES)
    said = words([choice.id for choice in shown])
    return tuple(FamilyLine(choice.id, choice.label, said[choice.id]) for choice in shown)


def _need(s: Session, title: str, found: Collection[int], words: Words) -> Need:
    return Need(title, _lines(s, found, words), len(found))


def _worded(s: Session, title: str, words: Mapping[int, str]) -> Need:
    """A need whose words were worked out for every family found."""
    return _need(s, title, words, lambda _shown: words)


def next_session(s: Session, today: date) -> NextSession | None:
    """The first session from today on that takes place (not closed, not cancelled)."""
    upcoming = session_calendar.sessions_between(s, today, today + LOOK_AHEAD)
    info = next((i for i in upcoming if i.status in {"open", "full"}), None)
    if info is None:
        return None
    words = {}
    for booking, _ref in bookings.booked_on(s, info.day):
        ready = readiness.readiness(s, booking.family_id, info.day)
        words[booking.family_id] = (
            "Ready" if ready.ready else "Not ready: " + "; ".join(ready.reasons)
        )
    not_ready = sum(1 for said in words.values() if said != "Ready")
    booked = sorted(_lines(s, words, lambda _shown: words), key=lambda line: line.words == "Ready")
    return NextSession(
        info.day, info.start, info.end, info.capacity, info.booked, tuple(booked), not_ready
    )


def reviews(s: Session, today: date) -> Need:
    query = select(col(Family.id), col(Family.review_date), col(Family.status)).where(
        col(Family.status).in_(OPEN_STATUSES),
        col(Family.review_date) <= today + REVIEW_SOON,
    )
    words = {}
    for family_id, review_date, status in s.exec(query):
        state = review_state(review_date, status, today)
        if family_id is not None and review_date is not None and state is not None:
            words[family_id] = f"Review {state}: {review_date:%a %d %b %Y}"
    return _worded(s, "Reviews due or overdue", words)


def _no_pre_visit() -> tuple[ColumnElement[bool], ...]:
    """Open families' adults who will attend and have had no pre-visit (readiness's first
    condition, asked of every family at once); with the person joined to the family."""
    return (
        col(Family.status).in_(OPEN_STATUSES),
        col(Person.role).in_(ADULT_ROLES),
        col(Person.attends).is_(True),
        col(Person.pre_visit_date).is_(None),
    )


def missing_pre_visits(s: Session) -> set[int]:
    """The open families with an adult still to have a pre-visit."""
    return set(s.exec(select(Person.family_id).distinct().join(Family).where(*_no_pre_visit())))


def pre_visits(s: Session, missing: set[int]) -> Need:
    def words(shown: list[int]) -> dict[int, str]:
        query = (
            select(Person.family_id, Person.first_name, Person.last_name)
            .join(Family)
            .where(*_no_pre_visit(), col(Person.family_id).in_(shown))
            .order_by(col(Person.id))
        )
        who: dict[int, list[str]] = {}
        for family_id, first, last in s.exec(query):
            who.setdefault(family_id, []).append(f"{first} {last}".strip())
        return {fid: f"Pre-visit to arrange for {names(found)}" for fid, found in who.items()}

    return _need(s, "Pre-visits to arrange", missing, words)


def resigning(s: Session) -> Need:
    version = agreement_versions.current_version(s).version

    def words(shown: list[int]) -> dict[int, str]:
        return {
            family_id: f"{names([person_name(p) for p in adults])}"
            f" must sign the agreement again (version {version} is in force)"
            for family_id, adults in agreement_versions.adults_to_sign_again(s, shown).items()
        }

    return _need(
        s, "Agreements to sign again", agreement_versions.families_needing_resign(s), words
    )


def referrals(s: Session, today: date, missing: set[int]) -> Need:
    """Referred families and where each stands (an adult still to have a pre-visit puts a
    family at the first stage; lifecycle_stage says for the others)."""

    def words(shown: list[int]) -> dict[int, str]:
        said = {}
        for family_id in shown:
            referred_on = found[family_id]
            stage = (
                readiness.REFERRED
                if family_id in missing
                else readiness.lifecycle_stage(s, family_id)
            )
            said[family_id] = (
                f"Referred {referred_on:%a %d %b %Y} "
                f"({counted((today - referred_on).days, 'day')} ago): "
                + NEXT_STEP.get(stage, stage)
            )
        return said

    query = select(col(Family.id), col(Family.referral_date)).where(
        col(Family.status) == FamilyStatus.referred
    )
    found = {family_id: on for family_id, on in s.exec(query) if family_id is not None}
    return _need(s, "Referrals waiting", found, words)


def no_shows(s: Session) -> Need:
    """Open families whose latest two (or more) booked sessions were no-shows."""
    twice = (
        select(Booking.family_id)
        .join(AttendanceEvent, col(AttendanceEvent.booking_id) == col(Booking.id))
        .join(Family, col(Family.id) == col(Booking.family_id))
        .where(col(AttendanceEvent.kind) == EventKind.no_show)
        .where(col(Family.status).in_(OPEN_STATUSES))
        .group_by(col(Booking.family_id))
        .having(func.count() >= 2)
    )  # only those can have missed two in a row; the rule itself is bookings.lines'
    words = {}
    for family_id in s.exec(twice):
        missed = booking_lines.missed_in_a_row(s, family_id)
        if missed >= 2:
            words[family_id] = f"{missed} no-shows in a row: the place may be reallocated"
    return _worded(s, "Two no-shows in a row", words)


def risk_reviews(s: Session, today: date) -> tuple[Need, ...]:
    """Risk statements to review again, overdue or within a fortnight (the coordinator's
    only: that a family has a risk statement at all is not for a volunteer)."""
    if not permissions.may(s, "screening"):
        return ()
    words = {}
    for family_id, review_on in screening.reviews_by(s, today + REVIEW_SOON).items():
        state = "overdue" if review_on <= today else "due"
        words[family_id] = f"Risk statement review {state}: {review_on:%a %d %b %Y}"
    return (_worded(s, "Risk statements to review", words),)


def items_waiting(s: Session) -> Need:
    """Indirect contact: items still to be read, decided or passed on (reference, kind,
    state and since when; never who sent it or an address)."""
    return _worded(s, "Items waiting to be read or passed on", indirect_items.waiting_on_today(s))


def arrears(s: Session, today: date) -> tuple[Need, ...]:
    """Families owing for charges raised more than 30 days ago (for a coordinator only,
    and only where the centre charges: most are free and need no empty section)."""
    if not permissions.may(s, "see_charges") or not ledger.in_use(s):
        return ()
    words = {
        a.family_id: f"{format_pence(a.overdue_pence)} owed since {a.since:%d/%m/%Y}"
        for a in ledger.arrears(s, today)
    }
    return (_worded(s, "Arrears (unpaid after 30 days)", words),)


def overdue_complaints(s: Session, today: date) -> tuple[tuple[str, str], ...]:
    if not permissions.may(s, "complaints"):
        return ()
    return tuple(
        (
            line.ref,
            " and ".join(line.overdue(today)).capitalize()
            + f" overdue (received {line.received:%d/%m/%Y})",
        )
        for line in complaints.complaints(s, due_on=today)
    )


def backup(s: Session, now: datetime) -> Backup:
    due = backups.backup_due_in(s, now)
    last = get_centre(s).last_backup_at
    if last is None:
        words = "Never backed up"
    else:
        days = max((now - last).days, 0)  # a clock set back never shows "-1 days ago"
        words = "Last backup today" if days == 0 else f"Last backup {counted(days, 'day')} ago"
    return Backup(words, due.reason if due else "")


def today_summary(s: Session, today: date, now: datetime) -> TodaySummary:
    """Everything the Today screen shows, for the centre's local `today` at `now`."""
    missing = missing_pre_visits(s)
    return TodaySummary(
        day=today,
        next_session=next_session(s, today),
        needs=(
            reviews(s, today),
            *risk_reviews(s, today),
            pre_visits(s, missing),
            resigning(s),
            referrals(s, today, missing),
            no_shows(s),
            items_waiting(s),
            *arrears(s, today),
        ),
        backup=backup(s, now),
        team=team_reminders(s, today) if permissions.may(s, "manage_volunteer_register") else (),
        complaints=overdue_complaints(s, today),
    )

"""Attendance-only letters: what they state, the digest, the disclosure log, and batch."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.centre import update_centre
from contactcentre.domain.disclosure import addressing, letters
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.register.families import end_family
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    AuditEntry,
    ContactType,
    Disclosure,
    DisclosureOutcome,
    EventKind,
    FamilyStatus,
)
from tests.conftest import COORDINATOR
from tests.factories import add_family, ready_family
from tests.letter_history import ATTENDED, DAYS, OUTCOMES, book_spring, local

NOW = datetime(2027, 7, 2, 9, 0, tzinfo=UTC)
SPRING = (date(2027, 3, 1), date(2027, 6, 30))


@pytest.fixture
def family_id(store: Store) -> int:
    family_id = ready_family(store, "F-0001", status=FamilyStatus.active)
    book_spring(store, family_id)
    return family_id


def produce(store: Store, family_id: int, **kw: object) -> letters.Produced:
    with store.session() as s:
        return letters.produce_letter(s, family_id, *SPRING, now=NOW, **kw)  # type: ignore[arg-type]


def test_the_letter_lists_every_booked_session_with_its_outcome_and_times(
    store: Store, family_id: int
) -> None:
    letter = produce(store, family_id).issued.letter
    assert [(r.day, r.outcome) for r in letter.rows] == list(OUTCOMES.items())
    for row in letter.rows:
        recorded = (row.arrived, row.dropped_off, row.collected, row.left)
        if row.day in ATTENDED:
            assert [f"{t:%H:%M}" for t in recorded if t] == list(ATTENDED[row.day])
        else:
            assert recorded == (None, None, None, None)
        assert (f"{row.start:%H:%M}", f"{row.end:%H:%M}") == ("10:00", "12:00")
    assert letter.family_ref == "F-0001"
    assert [(c.first_name, c.date_of_birth) for c in letter.children] == [
        ("Lily", date(2019, 5, 1))
    ]
    assert letter.recipient == ("Dana Scully", "Cafcass")
    assert letter.letter_date == date(2027, 7, 2)
    assert "no observations of the contact are recorded" in letter.statement
    assert "Test Contact Centre provides supported contact" in letter.statement


def test_the_totals_add_up_to_the_sessions_booked(store: Store, family_id: int) -> None:
    totals = produce(store, family_id).issued.letter.totals
    assert dataclasses.astuple(totals) == (7, 3, 1, 1, 1, 1, 0, 0)
    assert totals.offered == sum(dataclasses.astuple(totals)[1:])


def test_sessions_after_the_letter_date_or_without_a_record_say_so(store: Store) -> None:
    family_id = ready_family(store)
    with store.session() as s:
        for day in (date(2027, 3, 13), date(2027, 3, 27)):
            bookings.book(s, family_id, day, today=date(2027, 3, 1))
        produced = letters.produce_letter(
            s, family_id, date(2027, 3, 1), date(2027, 3, 31), now=local(date(2027, 3, 20), "12:00")
        )
    letter = produced.issued.letter
    assert [r.outcome for r in letter.rows] == ["No attendance recorded", "Booked – not yet held"]
    assert (letter.totals.not_recorded, letter.totals.not_yet_held) == (1, 1)


def test_a_corrected_time_is_stated_as_corrected(store: Store, family_id: int) -> None:
    with store.session() as s:
        booking = bookings.find_booking(s, family_id, DAYS[0])
        arrived = next(
            e
            for e in attendance.current_events(s, booking.id or 0)
            if e.kind == EventKind.nonresident_arrived
        )
        attendance.correct_event(
            s,
            arrived.id or 0,
            occurred_at=local(DAYS[0], "09:40"),
            why="Paper sheet said 09:40",
            recorded_by="Ann",
        )
    first = produce(store, family_id).issued.letter.rows[0]
    assert f"{first.arrived:%H:%M}" == "09:40"


def test_the_same_data_gives_the_same_digest_and_the_log_keeps_it(
    store: Store, family_id: int
) -> None:
    produced = produce(store, family_id, requested_by="Cafcass officer, by email")
    with store.session() as s:
        again = letters.reopen(s, produced.entry.id)
        row = s.get(Disclosure, produced.entry.id)
    assert again.issued == produced.issued
    assert again.matches
    assert row is not None and row.digest == produced.issued.digest
    assert len(row.digest) == 64 and int(row.digest, 16) >= 0
    assert letters.digest(produced.issued.letter) == produced.issued.digest
    assert (row.outcome, row.requested_by) == (
        DisclosureOutcome.produced,
        "Cafcass officer, by email",
    )
    assert (row.period_from, row.period_to, row.recipient) == (*SPRING, "Dana Scully, Cafcass")
    assert row.produced_by == COORDINATOR  # whoever unlocked


def test_reopening_after_the_records_changed_shows_the_digest_no_longer_matches(
    store: Store, family_id: int
) -> None:
    produced = produce(store, family_id)
    with store.session() as s:
        bookings.book(s, family_id, date(2027, 6, 26), today=date(2027, 6, 1))
    with store.session() as s:
        reopened = letters.reopen(s, produced.entry.id)
    assert not reopened.matches
    assert len(reopened.issued.letter.rows) == len(produced.issued.letter.rows) + 1


def test_any_stated_field_changes_the_digest(store: Store, family_id: int) -> None:
    letter = produce(store, family_id).issued.letter
    changed = dataclasses.replace(letter, recipient=("Someone else",))
    moved = dataclasses.replace(
        letter, rows=(dataclasses.replace(letter.rows[0], arrived=None), *letter.rows[1:])
    )
    digests = {letters.digest(x) for x in (letter, changed, moved)}
    assert len(digests) == 3


def test_a_typed_recipient_replaces_the_referrer(store: Store, family_id: int) -> None:
    produced = produce(store, family_id, recipient="Ms J Patel, Patel & Co Solicitors\n1 High St")
    assert produced.issued.letter.recipient == ("Ms J Patel", "Patel & Co Solicitors", "1 High St")
    assert produced.entry.recipient == "Ms J Patel, Patel & Co Solicitors, 1 High St"


def test_a_self_referred_family_gets_a_letter_to_whom_it_may_concern(store: Store) -> None:
    family_id = ready_family(store, referrer_name="", referrer_organisation="")
    with store.session() as s:
        produced = letters.produce_letter(s, family_id, *SPRING, now=NOW)
    assert produced.issued.letter.recipient == ()
    assert produced.issued.letter.rows == ()


@pytest.mark.parametrize(
    ("contact", "says"),
    [
        (ContactType.supervised, "use `report` for its supervised contact report"),
        (ContactType.handover, "only for supported contact"),
    ],
)
def test_other_contact_types_are_refused_and_nothing_is_logged(
    store: Store, contact: ContactType, says: str
) -> None:
    family_id = add_family(store, contact_type=contact)
    with store.session() as s, pytest.raises(letters.LetterRefused, match=says):
        letters.produce_letter(s, family_id, *SPRING, now=NOW)
    with store.session() as s:
        assert s.exec(select(Disclosure)).all() == []


def test_a_period_that_ends_before_it_starts_is_refused(store: Store, family_id: int) -> None:
    with store.session() as s, pytest.raises(DomainError, match="ends before it starts"):
        letters.produce_letter(s, family_id, date(2027, 3, 31), date(2027, 3, 1), now=NOW)


def test_a_refused_request_is_logged_and_listed_with_the_letters(
    store: Store, family_id: int
) -> None:
    other = ready_family(store, "F-0002")
    produce(store, family_id)
    with store.session() as s:
        with pytest.raises(ValidationError, match="who asked"):
            disclosure_log.record_refusal(s, other, *SPRING, now=NOW, requested_by=" ")
        refused = disclosure_log.record_refusal(
            s,
            other,
            *SPRING,
            now=NOW,
            requested_by="Father's solicitor",
            recipient="Mr B Khan, Khan Law",
            reason="Asked for observations of contact",
        )
    with store.session() as s:
        every = disclosure_log.log_entries(s)
        theirs = disclosure_log.log_entries(s, "F-0002")
        with pytest.raises(letters.LetterRefused, match="refused request"):
            letters.reopen(s, refused.id)
    assert [(e.reference, e.family_ref, e.outcome) for e in every] == [
        ("D-0001", "F-0001", DisclosureOutcome.produced),
        ("D-0002", "F-0002", DisclosureOutcome.refused),
    ]
    assert theirs == [refused]
    assert (refused.requested_by, refused.digest) == ("Father's solicitor", "")
    assert refused.refusal_reason == "Asked for observations of contact"


def test_the_audit_trail_notes_each_letter_without_its_contents(
    store: Store, family_id: int
) -> None:
    produced = produce(store, family_id, recipient="Ms J Patel", requested_by="Court bundle")
    with store.session() as s:
        letters.reopen(s, produced.entry.id)
        entries = s.exec(select(AuditEntry).where(AuditEntry.entity == "disclosure")).all()
        assert audit.verify(s) is None
    assert [(e.action, e.entity_id, e.family_id, e.detail) for e in entries] == [
        ("disclosure.letter", produced.entry.id, family_id, ""),
        ("disclosure.reopen", produced.entry.id, family_id, "match"),
    ]
    trail = " ".join(f"{e.fields} {e.detail}" for e in entries)
    assert "Patel" not in trail and "Court" not in trail


def test_batch_takes_active_supported_families_booked_in_the_period(
    store: Store, family_id: int
) -> None:
    quiet = ready_family(store, "F-0002", status=FamilyStatus.active)
    closed = ready_family(store, "F-0003", status=FamilyStatus.active)
    referred = ready_family(store, "F-0004")
    supervised = ready_family(
        store, "F-0005", status=FamilyStatus.active, contact_type=ContactType.supervised
    )
    with store.session() as s:
        bookings.book(s, quiet, date(2027, 9, 11), today=date(2027, 3, 1))
        for other in (closed, referred, supervised):
            bookings.book(s, other, DAYS[0], today=date(2027, 3, 1))
        end_family(
            s,
            closed,
            FamilyStatus.closed,
            reason="Contact ended",
            on=date(2027, 6, 1),
            decided_by="",
            today=date(2027, 6, 1),
        )
        assert letters.batch_families(s, *SPRING) == [(family_id, "F-0001")]
        assert letters.batch_families(s, date(2027, 9, 1), date(2027, 9, 30)) == [(quiet, "F-0002")]


def test_the_centre_settings_fill_the_letterhead_and_signature(
    store: Store, family_id: int
) -> None:
    with store.session() as s:
        update_centre(
            s,
            coordinator_name="Margaret Ellis",
            accreditation_line="Accredited by NACCC",
            email="hello@example.org",
        )
    letter = produce(store, family_id).issued.letter
    head = letter.letterhead
    assert (head.name, head.charity_number, head.accreditation_line, head.email) == (
        "Test Contact Centre",
        "1234567",
        "Accredited by NACCC",
        "hello@example.org",
    )
    assert letter.coordinator_name == "Margaret Ellis"


def test_batch_letters_never_give_two_families_one_file() -> None:
    refs = ["A/B", "A_B", "F/1", "f_1", "F-0003", "X/Y/Z", "X/Y_Z"]
    names = addressing.batch_file_names(refs)
    assert names == [
        "A_B (2).pdf",  # A_B keeps its own name; a reference never contains "("
        "A_B.pdf",
        "F_1 (2).pdf",  # f_1.pdf is the same file where case does not count
        "f_1.pdf",
        "F-0003.pdf",
        "X_Y_Z.pdf",
        "X_Y_Z (2).pdf",
    ]
    assert len({name.casefold() for name in names}) == len(refs)


SINCERELY, FAITHFULLY = "Yours sincerely,", "Yours faithfully,"


@pytest.mark.parametrize(
    ("recipient", "opening"),
    [
        (("Dana Scully", "Cafcass"), ("Dear Dana Scully,", SINCERELY)),
        (("Ms J Patel", "Patel & Co Solicitors"), ("Dear Ms J Patel,", SINCERELY)),
        (("Mr. B. Khan",), ("Dear Mr. B. Khan,", SINCERELY)),
        (("Cafcass", "Leeds"), ("Dear Sir or Madam,", FAITHFULLY)),
        (("Leeds City Council",), ("Dear Sir or Madam,", FAITHFULLY)),
        (("Patel & Co",), ("Dear Sir or Madam,", FAITHFULLY)),
        (("Family Court at Leeds",), ("Dear Sir or Madam,", FAITHFULLY)),
        ((), ("To whom it may concern,", FAITHFULLY)),
    ],
)
def test_a_letter_greets_a_named_person_by_name_and_an_organisation_formally(
    recipient: tuple[str, ...], opening: tuple[str, str]
) -> None:
    assert addressing.salutation(recipient) == opening


def test_letters_issued_before_the_greeting_still_match_their_digest(
    store: Store, family_id: int
) -> None:
    letter = produce(store, family_id).issued.letter
    assert letter.salutation == "Dear Dana Scully,"
    greeted_otherwise = dataclasses.replace(
        letter, salutation="Dear Sir or Madam,", closing="Yours faithfully,"
    )
    assert letters.digest(greeted_otherwise) == letters.digest(letter)

"""A released supervised report raises the report fee from the schedule, once, charged to
the party the schedule names; a draft, a copy of the same report, or a free report never."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from contactcentre.documents.attendance_letter import render_letter
from contactcentre.documents.receipt import render_statement
from contactcentre.documents.supervised_report import render_report
from contactcentre.domain.bookings import attendance
from contactcentre.domain.charges import fees, ledger, paper, raising
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.disclosure import letters
from contactcentre.domain.supervised import report
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Charge,
    ChargeKind,
    EventKind,
    FamilyStatus,
    Payer,
    TeamRole,
)
from tests.domain.charges.helpers import DAY, book, charging_centre, local
from tests.domain.supervised.helpers import approved, as_, supervised_family
from tests.domain.supervised.test_report import text_of
from tests.factories import ready_family
from tests.pdf_text import pdf_text

FIRST, LAST = date(2027, 3, 1), date(2027, 3, 31)
FOR_MARCH = "Report, 01/03/2027–31/03/2027"


def report_charges(store: Store) -> list[tuple[int, str, int | None, str]]:
    """(pence, payer, disclosure, voided by) of every report charge, as raised."""
    with store.session() as s:
        raising.raise_due_charges(s)
        rows = s.exec(select(Charge).where(Charge.kind == ChargeKind.report).order_by(Charge.id))
        return [(c.amount_pence, c.payer.value, c.disclosure_id, c.voided_by) for c in rows]


def released_march(store: Store, family_id: int, recipient: str = "Nia Hughes, Cafcass") -> int:
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s:
        entry = report.release_report(s, family_id, FIRST, LAST, recipient=recipient).entry
    return entry.id


def a_case(store: Store, clock: FixedClock, **changes: object) -> int:
    """A supervised family with March's record approved, at a centre charging £45.00 a
    report to Cafcass (unless `changes` say otherwise)."""
    charging_centre(store, clock, **({"report_fee": 4500, "report_payer": Payer.cafcass} | changes))
    family_id, booking = supervised_family(store)
    approved(store, booking)
    return family_id


def test_a_released_report_raises_the_report_fee_for_the_party_the_schedule_names(
    store: Store, clock: FixedClock
) -> None:
    family_id = a_case(store, clock)
    disclosure = released_march(store, family_id)
    assert report_charges(store) == [(4500, "cafcass", disclosure, "")]
    with store.session() as s:
        account = ledger.account(s, family_id)
    [line] = [c for c in account.charges if c.what.startswith("Report")]
    assert (line.what, line.amount_pence, line.payer) == (FOR_MARCH, 4500, Payer.cafcass)


def test_a_draft_never_raises_a_fee(store: Store, clock: FixedClock) -> None:
    family_id = a_case(store, clock)
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s:
        report.draft_report(s, family_id, FIRST, LAST, recipient="Nia Hughes, Cafcass")
    assert report_charges(store) == []


def test_reading_again_reopening_or_sending_the_same_report_again_raises_nothing_more(
    store: Store, clock: FixedClock
) -> None:
    family_id = a_case(store, clock)
    first = released_march(store, family_id)
    assert report_charges(store) == [(4500, "cafcass", first, "")]
    with store.session() as s:
        assert raising.raise_due_charges(s) == 0
        assert report.reopen_report(s, first).matches
    released_march(store, family_id, recipient="Court Office, Family Court")  # a copy
    assert report_charges(store) == [(4500, "cafcass", first, "")]


def test_a_report_of_another_period_is_charged_too(store: Store, clock: FixedClock) -> None:
    family_id = a_case(store, clock)
    released_march(store, family_id)
    with store.session() as s:
        report.release_report(s, family_id, date(2027, 3, 13), date(2027, 3, 13))
    assert [pence for pence, *_ in report_charges(store)] == [4500, 4500]


def test_a_waived_report_fee_stays_waived(store: Store, clock: FixedClock) -> None:
    family_id = a_case(store, clock)
    released_march(store, family_id)
    assert len(report_charges(store)) == 1
    with store.session() as s:
        [charge] = s.exec(select(Charge).where(Charge.kind == ChargeKind.report))
        ledger.waive_charge(s, charge.id or 0, "Agreed with Cafcass: no fee for this one")
    released_march(store, family_id, recipient="Court Office, Family Court")
    [(pence, _payer, _entry, voided_by)] = report_charges(store)
    assert (pence, voided_by) == (4500, "Coordinator")


def test_a_free_report_raises_nothing(store: Store, clock: FixedClock) -> None:
    family_id = a_case(store, clock, report_fee=0)
    released_march(store, family_id)
    assert report_charges(store) == []


def test_a_report_at_a_centre_that_stopped_charging_raises_nothing(
    store: Store, clock: FixedClock
) -> None:
    family_id = a_case(store, clock)
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s:
        fees.set_fees(s, charges_enabled=False)
    released_march(store, family_id)
    assert report_charges(store) == []


def test_the_statement_says_what_the_report_fee_was_for(store: Store, clock: FixedClock) -> None:
    family_id = a_case(store, clock)
    released_march(store, family_id)
    with store.session() as s:
        statement = paper.statement(s, "F-0001", FIRST, date(2027, 4, 30))
    assert [(line.what, line.charged) for line in statement.lines if "Report" in line.what] == [
        (FOR_MARCH, "£45.00")
    ]
    assert render_statement(statement)[:4] == b"%PDF"


def test_the_report_itself_never_mentions_its_fee_or_any_charge(
    store: Store, clock: FixedClock
) -> None:
    family_id = a_case(store, clock)
    entry = released_march(store, family_id)
    assert report_charges(store)  # the fee and the session's charge are raised...
    with store.session() as s:
        rebuilt = report.reopen_report(s, entry)  # ...and the report built again after them
    text = " ".join(text_of(render_report(rebuilt.issued)).split())
    assert rebuilt.matches and "Lily and Mark built a tower" in text
    for words in ("£", "45.00", "25.00", "fee", "charge", FOR_MARCH):
        assert words not in text


def test_an_attendance_letter_never_mentions_a_charge(store: Store, clock: FixedClock) -> None:
    charging_centre(store, clock)
    family_id = ready_family(store, "F-0001", status=FamilyStatus.active)
    booking_id = book(store, family_id)
    with store.session() as s:
        attendance.record_event(s, booking_id, EventKind.nonresident_arrived, local(DAY, 9, 45))
        ledger.add_charge(s, "F-0001", "Copy of the agreement", 725, Payer.resident, DAY)
        assert sorted(c.what for c in ledger.account(s, family_id).charges) == [
            "Copy of the agreement",
            "Supported session on Sat 13 Mar 2027",
        ]
        produced = letters.produce_letter(s, family_id, FIRST, LAST, now=local(DAY, 14))
    text = pdf_text(render_letter(produced.issued))
    assert "Sat 13 Mar 2027" in text or "13/03/2027" in text  # the session is on it...
    for words in ("£", "3.00", "7.25", "Copy of the agreement", "fee", "charge", "balance"):
        assert words not in text  # ...and nothing of what it cost

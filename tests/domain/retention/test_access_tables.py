"""Each table the subject-access export reads beyond the record and bookings, at its
third-party rule (access.py's docstring): what is the person's is in their export, what
is the other parent's is not, and nothing of another family is."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from contactcentre.documents.data import WITHHELD
from contactcentre.domain.bookings import exclusion
from contactcentre.domain.charges import ledger, payments
from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.indirect.rules import Terms
from contactcentre.domain.register.families import end_family
from contactcentre.domain.retention import access, registry
from contactcentre.domain.safeguarding import screening
from contactcentre.domain.supervised import cases, occasions, records
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Answer,
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    CaseOutcome,
    ContactType,
    EventKind,
    FamilyStatus,
    Payer,
    PaymentMethod,
    ScreeningItem,
)
from tests.factories import add_booking, add_family

TODAY = date(2027, 3, 13)
HERS = ("QzHerChargezQ", "QzHerAnswerzQ", "QzCardSayszQ", "QzPassWhyzQ", "QzCouncilzQ")
HIS = ("QzHisChargezQ", "QzHisAnswerzQ", "QzHeldCardzQ", "QzHoldWhyzQ", "QzHisExclusionzQ")
UNSAID = ("QzGranzQ", "QzOverridezQ", "QzDoorzQ", "QzRiskzQ", "QzRiskManagedzQ")
THEIRS = ("QzOtherFamilyChargezQ", "QzOtherAnswerzQ", "QzOtherCardzQ", "QzOtherClosedzQ")


def adult(store: Store, ref: str, name: str) -> int:
    with store.session() as s:
        return access.find_subject(s, ref, name)[1].id or 0


def fill(store: Store, ref: str, words: dict[str, str]) -> None:
    """Charges, payments, items, screening, a risk statement and an exclusion for `ref`'s
    family; closed at the end. `words`: the markers typed in."""
    family = add_family(store, ref, status=FamilyStatus.active)
    sarah, mark = adult(store, ref, "Sarah Jones"), adult(store, ref, "Mark Jones")
    store.act_as("Cath", lambda: datetime(2027, 3, 13, 10, tzinfo=UTC))
    with store.session() as s:
        ledger.add_charge(s, ref, "Room hire", 2000, Payer.local_authority, date(2027, 1, 1))
        payments.record_payment(
            s, ref, 2000, PaymentMethod.transfer, date(2027, 1, 2), payer=words["council"]
        )
        ledger.add_charge(s, ref, words["her charge"], 500, Payer.resident, date(2027, 2, 1))
        payments.record_payment(
            s, ref, 500, PaymentMethod.cash, date(2027, 2, 2), payer=words["gran"]
        )
        ledger.add_charge(s, ref, words["his charge"], 700, Payer.non_resident, date(2027, 3, 1))
        arrangement.save_terms(s, family, Terms(agreed=True, recipient_id=sarah))
        card = items.log_item(
            s, family, from_id=mark, to_id=sarah, kind="card", received=TODAY,
            description=words["card"], today=TODAY,
        )  # fmt: skip
        items.check_item(s, card.id or 0)
        items.decide_item(s, card.id or 0, "pass_on", words["pass why"])
        items.pass_on_item(s, card.id or 0, on=TODAY, how="post", today=TODAY)
        arrangement.save_terms(
            s, family, Terms(agreed=True, recipient_id=sarah, restrained_id=mark)
        )
        held = items.log_item(
            s, family, from_id=mark, to_id=sarah, kind="card", received=TODAY,
            description=words["held"], today=TODAY,
        )  # fmt: skip
        items.decide_item(s, held.id or 0, "hold", words["hold why"])
        for who, note in ((sarah, words["her answer"]), (mark, words["his answer"])):
            line = screening.AnswerLine(ScreeningItem.domestic_abuse, "", Answer.yes, note)
            screening.save_answer(s, who, line)
        screening.override_block(s, family, words["override"])
        screening.set_door_instruction(s, family, words["door"])
        risk = screening.RiskLine(words["risk"], managed=words["managed"])
        screening.save_risks(s, family, [risk], date(2027, 3, 1))
        exclusion.exclude(
            s, family, reason=words["exclusion"], today=TODAY,
            now=datetime(2027, 3, 13, 11, tzinfo=UTC), person_id=mark,
        )  # fmt: skip
        end_family(
            s, family, FamilyStatus.closed, reason=words["closed"], on=TODAY,
            decided_by="", today=TODAY, outcome=CaseOutcome.withdrew,
        )  # fmt: skip


@pytest.fixture
def centre(store: Store) -> Store:
    keys = ("her charge", "her answer", "card", "pass why", "council")
    words = dict(zip(keys, HERS, strict=True))
    words |= dict(
        zip(("his charge", "his answer", "held", "hold why", "exclusion"), HIS, strict=True)
    )
    words |= dict(zip(("gran", "override", "door", "risk", "managed"), UNSAID, strict=True))
    words["closed"] = "QzClosedWhyzQ"
    fill(store, "F-0001", words)
    other = {k: f"{v[:-2]}Otherz{v[-1]}" for k, v in words.items()}
    other |= {"her charge": THEIRS[0], "her answer": THEIRS[1], "card": THEIRS[2]}
    other["closed"] = THEIRS[3]
    fill(store, "F-0002", other)
    return store


def export(store: Store, who: str, ref: str = "F-0001") -> dict[str, list[dict[str, str]]]:
    with store.session() as s:
        data = access.as_json(access.subject_access_export(s, ref, who, TODAY))
    sections: dict[str, list[dict[str, str]]] = data["sections"]
    return sections


def text(store: Store, who: str) -> str:
    with store.session() as s:
        return access.export_json(access.subject_access_export(s, "F-0001", who, TODAY)).decode()


def test_the_resident_parent_gets_hers_and_none_of_the_other_parents(centre: Store) -> None:
    found = text(centre, "Sarah Jones")
    assert [m for m in (*HERS, "QzClosedWhyzQ") if m not in found] == []
    assert [m for m in HIS + UNSAID + THEIRS if m in found] == []
    assert "Otherz" not in found  # nothing at all of the other family


def test_each_section_withholds_what_is_a_third_partys(centre: Store) -> None:
    got = export(centre, "Sarah Jones")
    assert [c["Payable by"] for c in got["Charges"]] == [
        "the local authority",
        "the resident parent",
    ]
    council, hers = got["Payments"]
    assert (council["Payer's name"], hers["Payer's name"]) == ("QzCouncilzQ", WITHHELD)
    terms, passed, held = got["Indirect contact: letters, cards and gifts"]
    assert terms["Items held from"] == WITHHELD and terms["Items go to"] == "Sarah Jones"
    assert (passed["Description"], passed["From"]) == ("QzCardSayszQ", "Mark Jones")
    assert held["Description"] == held["Why"] == WITHHELD and held["Decision"] == "Hold"
    mine, his = got["Risk screening"]
    assert mine["Note"] == "QzHerAnswerzQ" and his == {"About": "Mark Jones", "Answers": WITHHELD}
    [plan] = got["Safeguarding plan"]
    assert plan["Instruction at the door"] == WITHHELD
    [risk] = got["Risk statement"]
    assert (risk["Seriousness"], risk["The risk and how it is managed"]) == ("medium", WITHHELD)
    [excluded] = got["Exclusions"]
    assert (excluded["Who"], excluded["Why"]) == ("Mark Jones", WITHHELD)
    assert got["Changes of the case's status"][-1]["To"] == "Closed"


def test_the_other_parent_gets_his_own_and_not_hers(centre: Store) -> None:
    found = text(centre, "Mark Jones")
    assert [m for m in HIS if m not in found] == []  # his held card: he sent it
    assert [m for m in ("QzHerChargezQ", "QzHerAnswerzQ", "QzGranzQ") if m in found] == []
    got = export(centre, "Mark Jones")
    assert got["Indirect contact: letters, cards and gifts"][0]["Items held from"] == "Mark Jones"
    assert got["Exclusions"][0]["Why"] == "QzHisExclusionzQ"


@pytest.fixture
def supervised(store: Store) -> Store:
    supervised_family(store)
    return store


def supervised_family(store: Store) -> None:
    """F-0003, supervised: an approved record of a session (with an addendum), and a
    draft of an escorted visit."""
    family = add_family(store, "F-0003", contact_type=ContactType.supervised)
    store.act_as("Cath", lambda: datetime(2027, 3, 20, 13, tzinfo=UTC))
    with store.session() as s:
        booking = add_booking(s, family, date(2027, 3, 20))
        visit = occasions.add_escorted_visit(
            s, family, date(2027, 3, 21), time(14), time(15), venue="QzParkzQ",
            worker="QzWorkerzQ", route="QzRoutezQ",
        )  # fmt: skip
        cases.set_case(s, family, case_number="QzCaseNozQ", court_ordered=True)
    with store.session(actor="Ann") as s:
        record = records.start_record(s, booking_id=booking)
        records.edit_record(
            s, record.id or 0, what_happened="QzHappenedzQ", quotes="QzQuotedzQ",
            others_present="QzAuntiezQ", child_response="QzSmiledzQ",
        )  # fmt: skip
        records.submit(s, record.id or 0)
        draft = records.start_record(s, escorted_visit_id=visit.id)
        records.edit_record(s, draft.id or 0, what_happened="QzDraftzQ")
    with store.session(actor="Bea") as s:
        records.approve(s, record.id or 0)
        records.add_addendum(s, record.id or 0, "QzLaterWordzQ")


def test_supervised_records_approved_in_full_bar_others_words_drafts_listed(
    supervised: Store,
) -> None:
    got = export(supervised, "Sarah Jones", "F-0003")
    assert got["Supervised contact"] == [
        {"Case number": "QzCaseNozQ", "Ordered by the court": "yes"}
    ]
    [visit] = got["Escorted visits"]
    assert (visit["Where"], visit["Route"], visit["Time"]) == (
        "QzParkzQ",
        "QzRoutezQ",
        "14:00 to 15:00",
    )
    approved, draft = got["Observation records"]
    assert (approved["Occasion"], approved["State"]) == ("20/03/2027", "approved")
    assert (approved["What happened"], approved["How the child responded"]) == (
        "QzHappenedzQ", "QzSmiledzQ",
    )  # fmt: skip
    assert approved["What was said"] == approved["Others present"] == WITHHELD
    assert [v for k, v in approved.items() if k.startswith("Addendum 1")] == ["QzLaterWordzQ"]
    assert draft == {"Occasion": "21/03/2027", "State": access.care.IN_PREPARATION}
    with supervised.session() as s:
        found = access.export_json(access.subject_access_export(s, "F-0003", "Mark Jones", TODAY))
    for absent in (b"QzQuotedzQ", b"QzAuntiezQ", b"QzDraftzQ", b"QzWorkerzQ", b"Ann", b"Bea"):
        assert absent not in found, absent


def test_every_family_table_the_export_does_not_read_says_why() -> None:
    """No table is left half-declared: those out of the export are a third party's
    (referees, report recipients), the withholding marks themselves, or the register."""
    left_out = {
        t for t, d in registry.DECLARATIONS.items() if d.rule == "family" and not d.subject_access
    }
    assert left_out == {
        "referee",
        "report_recipient",
        "withheld_passage",
        "legal_hold",
        "access_request",
    }


def test_bookings_give_each_parent_their_own_sides_times_and_the_other_sides_reasons_withheld(
    store: Store,
) -> None:
    """The stagger keeps the parents apart: neither learns the other's planned or recorded
    times from an export; the booking's notes and their own side's reasons are there."""
    family = add_family(store, "F-0004", status=FamilyStatus.active)
    store.act_as("Cath", lambda: datetime(2027, 3, 13, 12, tzinfo=UTC))
    with store.session() as s:
        held = s.get(Booking, add_booking(s, family, date(2027, 3, 6)))
        assert held is not None
        held.nonresident_arrive, held.child_dropoff = time(10, 15), time(10, 0)
        held.child_pickup, held.nonresident_leave = time(11, 45), time(11, 50)
        held.notes = "QzBookingNotezQ"
        for kind, at in (
            (EventKind.child_dropped_off, time(10, 2)),
            (EventKind.nonresident_arrived, time(10, 17)),
        ):
            moment = datetime.combine(date(2027, 3, 6), at, tzinfo=UTC)
            s.add(AttendanceEvent(booking_id=held.id or 0, kind=kind, occurred_at=moment))
        off = s.get(Booking, add_booking(s, family, date(2027, 3, 13)))
        assert off is not None
        off.status, off.cancelled_by = BookingStatus.cancelled, CancelledBy.non_resident
        off.cancel_reason = "QzHisReasonzQ"
    sarah = export(store, "Sarah Jones", "F-0004")["Bookings and attendance"]
    assert (sarah[0]["Drop off"], sarah[0]["Collect"]) == ("10:00", "11:45")
    assert "Arrive" not in sarah[0] and "Leave" not in sarah[0]
    assert sarah[0]["Attendance"] == f"child_dropped_off 10:02; {WITHHELD}"
    assert sarah[0]["Notes"] == "QzBookingNotezQ"
    assert (sarah[1]["Cancelled by"], sarah[1]["Why cancelled"]) == ("non_resident", WITHHELD)
    mark = export(store, "Mark Jones", "F-0004")["Bookings and attendance"]
    assert (mark[0]["Arrive"], mark[0]["Leave"]) == ("10:15", "11:50")
    assert "Drop off" not in mark[0]
    assert mark[0]["Attendance"] == "child_dropped_off 10:02; nonresident_arrived 10:17"
    assert mark[1]["Why cancelled"] == "QzHisReasonzQ"

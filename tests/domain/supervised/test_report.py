"""The supervised contact report: only approved records, every one of them, with the
attendance times, the cautionary note and the approver; logged as letters are."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader

from contactcentre.documents.supervised_report import DRAFT_MARK, render_report
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.supervised import cases, occasions, records, report
from contactcentre.store.engine import Store
from contactcentre.store.models import ObservationState, RecipientRole, TeamRole
from tests.domain.supervised.helpers import (
    BODY,
    CHECKER,
    DAY,
    WRITER,
    approved,
    as_,
    supervised_family,
    written,
)

FIRST, LAST = date(2027, 3, 1), date(2027, 3, 31)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_released_report_holds_every_record_its_times_the_note_and_the_approver(
    store: Store,
) -> None:
    family_id, booking = supervised_family(store)
    record_id = approved(store, booking)
    with store.session() as s:
        records.add_addendum(s, record_id, "Mark phoned to say thank you.")
        released = report.release_report(
            s, family_id, FIRST, LAST, recipient="Nia Hughes, Cafcass", requested_by="Cafcass"
        )
    text = " ".join(text_of(render_report(released.issued)).split())
    for value in (BODY["what_happened"], BODY["child_response"], BODY["aim"]):
        assert value in text
    assert "“Lily: Can we come again, Daddy?”" in text
    assert "Parent arrived 10:00, left 12:00; child dropped off 10:05, collected 11:55" in text
    assert "Lily (7 years)" in text
    assert f"approved by {CHECKER}" in text and f"Written by {WRITER}" in text
    assert "Addendum by Coordinator" in text and "Mark phoned to say thank you." in text
    assert "not an assessment of the parent" in text  # the cautionary note
    assert "Nia Hughes, Cafcass" in text
    assert released.issued.digest in text
    assert DRAFT_MARK not in text
    with store.session() as s:
        [entry] = disclosure_log.log_entries(s)
        assert (entry.outcome.value, entry.recipient, entry.digest) == (
            "report",
            "Nia Hughes, Cafcass",
            released.issued.digest,
        )
        assert records.get_record(s, record_id).state == ObservationState.released


def test_a_report_is_refused_while_a_record_waits_for_approval_but_a_draft_is_not(
    store: Store,
) -> None:
    family_id, booking = supervised_family(store)
    written(store, booking)
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s, pytest.raises(report.ReportRefused, match=r"13/03/2027 .submitted."):
        report.release_report(s, family_id, FIRST, LAST)
    with store.session() as s:
        draft = report.draft_report(s, family_id, FIRST, LAST)
        assert disclosure_log.log_entries(s) == []  # a draft is sent nowhere
    pages = page_texts(render_report(draft))
    assert all(DRAFT_MARK in page for page in pages)
    assert BODY["what_happened"] in " ".join(" ".join(pages).split())


def test_a_supervisor_may_approve_but_only_a_coordinator_releases(store: Store) -> None:
    family_id, booking = supervised_family(store)
    approved(store, booking)
    as_(store, CHECKER)
    with store.session() as s, pytest.raises(Exception, match="Only a coordinator can produce"):
        report.release_report(s, family_id, FIRST, LAST)


def test_reopening_says_whether_the_report_is_still_the_one_sent(store: Store) -> None:
    family_id, booking = supervised_family(store)
    record_id = approved(store, booking)
    with store.session() as s:
        released = report.release_report(s, family_id, FIRST, LAST)
    with store.session() as s:
        again = report.reopen_report(s, released.entry.id)
        assert again.matches and again.issued.digest == released.issued.digest
        records.add_addendum(s, record_id, "A later correction.")
    with store.session() as s:
        assert not report.reopen_report(s, released.entry.id).matches


def test_recipients_set_for_the_case_are_the_only_ones_and_a_court_order_narrows_them(
    store: Store,
) -> None:
    family_id, booking = supervised_family(store)
    approved(store, booking)
    with store.session() as s:
        cases.set_case(s, family_id, case_number="ZE27C00042", court_ordered=True)
        cases.add_recipient(s, family_id, "Nia Hughes", "Cafcass", RecipientRole.cafcass,
                            named_in_order=True)  # fmt: skip
        cases.add_recipient(s, family_id, "Sarah Jones", "", RecipientRole.parent)
    with store.session() as s, pytest.raises(cases.RecipientRefused, match="Nia Hughes"):
        report.release_report(s, family_id, FIRST, LAST, recipient="Sarah Jones")
    with store.session() as s:
        released = report.release_report(s, family_id, FIRST, LAST)  # the one named
        assert released.entry.recipient == "Nia Hughes, Cafcass"
        assert released.issued.report.case_number == "ZE27C00042"


def test_the_digest_is_stable_and_follows_every_stated_field(store: Store) -> None:
    family_id, booking = supervised_family(store)
    approved(store, booking)
    with store.session() as s:
        one = report.draft_report(s, family_id, FIRST, LAST)
        two = report.draft_report(s, family_id, FIRST, LAST)
        other = report.draft_report(s, family_id, FIRST, LAST, recipient="Someone Else")
    assert one.digest == two.digest != other.digest
    assert len(one.digest) == 64


def test_a_period_with_no_records_has_no_report(store: Store) -> None:
    family_id, _ = supervised_family(store)
    with store.session() as s, pytest.raises(report.ReportRefused, match="no observation"):
        report.draft_report(s, family_id, DAY.replace(month=4, day=1), DAY.replace(month=4, day=30))


def test_escorted_contact_is_reported_with_its_venue_and_no_centre_times(store: Store) -> None:
    family_id, _ = supervised_family(store)
    as_(store, "Coordinator", TeamRole.coordinator)  # who arranges contact
    with store.session() as s:
        visit = occasions.add_escorted_visit(
            s, family_id, date(2027, 3, 20), time(14), time(15, 30),
            venue="Park, Clapton Square", worker=WRITER, route="Along the canal",
        )  # fmt: skip
    as_(store, WRITER)
    with store.session() as s:
        record = records.start_record(s, escorted_visit_id=visit.id)
        records.edit_record(s, record.id or 0, what_happened="Fed the ducks together.")
        records.submit(s, record.id or 0)
    as_(store, CHECKER)
    with store.session() as s:
        records.approve(s, record.id or 0)
    as_(store, "Coordinator", TeamRole.coordinator)
    with store.session() as s:
        issued = report.draft_report(s, family_id, FIRST, LAST)
        assert occasions.booking_on(s, family_id, date(2027, 3, 20)) is None  # no session place
    text = " ".join(text_of(render_report(issued)).split())
    assert "Park, Clapton Square (escorted contact)" in text and "Along the canal" in text
    assert "Fed the ducks together." in text
    assert "Escorted contact: outside the centre, no attendance log" in text

"""The supervised contact report: built from the approved records of one case in a
period into `documents.supervised_report.SupervisedReport`, which holds nothing of any
other family. Releasing it logs it in the disclosure log as letters are logged (who, to
whom, the period, the digest, who asked) and marks its records released; re-opening
builds it again from today's records and says whether the digest matches.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contactcentre.documents.data import (
    IssuedReport,
    ReportAddendum,
    ReportSession,
    SupervisedReport,
)
from contactcentre.domain import acting, audit, forms, permissions
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre, letterhead
from contactcentre.domain.disclosure import addressing
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.domain.supervised import cases, occasions, records
from contactcentre.domain.validate import free_text
from contactcentre.store.models import Disclosure, DisclosureOutcome, ObservationState

CAUTION_FORM = "report_caution.md"
REPORTABLE = frozenset({ObservationState.approved, ObservationState.released})


class ReportRefused(DomainError):
    """No report can be produced for this family or period now; says why."""


Released = disclosure_log.Logged[IssuedReport]
Reopened = disclosure_log.Logged[IssuedReport]


def digest(report: SupervisedReport) -> str:
    """SHA-256 of every field the report states."""
    return disclosure_log.digest_of(report)


def caution(centre_name: str) -> str:
    body = forms.fill(forms.load(CAUTION_FORM).body, centre_name=centre_name)
    paragraphs = (" ".join(p.split()) for p in body.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _local(moment: datetime | None, tz: ZoneInfo) -> time | None:
    return moment.astimezone(tz).time().replace(second=0, microsecond=0) if moment else None


def _session(s: Session, view: records.RecordView, tz: ZoneInfo) -> ReportSession:
    record, where = view.record, view.occasion
    seen = (
        attendance.outcome(attendance.history(s, record.booking_id)) if record.booking_id else None
    )
    times = (seen.arrived, seen.left, seen.dropped_off, seen.collected) if seen else (None,) * 4
    arrived, left, dropped_off, collected = (_local(t, tz) for t in times)
    return ReportSession(
        day=where.day,
        start=where.start,
        end=where.end,
        venue=where.venue,
        escorted=where.escorted,
        route=where.route,
        children=occasions.children_on(s, record.family_id, where.day),
        brought_by=record.brought_by,
        collected_by=record.collected_by,
        others_present=record.others_present,
        workers=tuple(w for w in (record.author, record.second_worker) if w),
        aim=record.aim,
        what_happened=record.what_happened,
        quotes=tuple(q.strip() for q in record.quotes.splitlines() if q.strip()),
        child_response=record.child_response,
        interventions=record.interventions,
        safeguarding=record.safeguarding,
        safeguarding_details=record.safeguarding_details,
        critical_incidents=record.critical_incidents,
        ended_early=record.ended_early,
        ended_early_reason=record.ended_early_reason,
        arrived=arrived,
        left=left,
        dropped_off=dropped_off,
        collected=collected,
        author=record.author,
        approved_by=record.approved_by,
        approved_on=record.approved_at.astimezone(tz).date() if record.approved_at else None,
        addenda=tuple(
            ReportAddendum(a.text, a.added_by, a.added_at.astimezone(tz).date())
            for a in view.addenda
        ),
    )


def in_period(
    s: Session, family_id: int, first: date, last: date, *, draft: bool
) -> list[records.RecordView]:
    """The period's records, refused while any is not approved (a draft shows them all)."""
    disclosure_log.check_period(first, last)
    found = records.views(s, family_id, first, last)
    if not found:
        raise ReportRefused("There are no observation records in that period.")
    waiting = [v for v in found if v.record.state not in REPORTABLE]
    if waiting and not draft:
        days = ", ".join(f"{v.occasion.day:%d/%m/%Y} ({v.record.state.value})" for v in waiting)
        raise ReportRefused(
            f"Not every record in the period is approved: {days}. "
            "Approve them first, or produce a draft."
        )
    return found


def build_report(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    recipient: str,
    requested_by: str,
    report_date: date,
    ref: str,
    draft: bool,
) -> IssuedReport:
    family = occasions.supervised_family(s, family_id)
    centre = get_centre(s)
    tz = ZoneInfo(centre.timezone)
    report = SupervisedReport(
        letterhead=letterhead(s),
        report_date=report_date,
        reference=ref,
        family_ref=family.ref,
        case_number=cases.case_of(s, family_id).case_number,
        period_from=first,
        period_to=last,
        recipient=disclosure_log.recipient_lines(recipient),
        requested_by=requested_by,
        caution=caution(centre.name),
        sessions=tuple(
            _session(s, v, tz) for v in in_period(s, family_id, first, last, draft=draft)
        ),
        draft=draft,
    )
    return IssuedReport(report=report, digest=digest(report))


def _recipient(s: Session, family_id: int, recipient: str | None) -> str:
    if recipient is None:
        allowed = cases.allowed(s, family_id)
        if allowed:
            return disclosure_log.clean_recipient(cases.line(allowed[0]))
        return addressing.default_recipient(occasions.supervised_family(s, family_id))
    to = disclosure_log.clean_recipient(recipient)
    cases.check_recipient(s, family_id, to)
    return to


def draft_report(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    recipient: str | None = None,
    requested_by: str = "",
) -> IssuedReport:
    """A watermarked draft for checking: not logged, sent nowhere, records unchanged."""
    permissions.require(s, "produce_reports")
    occasions.supervised_family(s, family_id)
    tz = ZoneInfo(get_centre(s).timezone)
    return build_report(
        s,
        family_id,
        first,
        last,
        recipient=_recipient(s, family_id, recipient),
        requested_by=free_text(
            "requested_by", "Requested by", requested_by, limit=500, multiline=False
        ),
        report_date=acting.now(s).astimezone(tz).date(),
        ref="DRAFT",
        draft=True,
    )


def release_report(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    recipient: str | None = None,
    requested_by: str = "",
) -> Released:
    """Produce the report, log it in the disclosure log and mark its records released."""
    permissions.require(s, "produce_reports")
    family = occasions.supervised_family(s, family_id)
    in_period(s, family_id, first, last, draft=False)
    to = _recipient(s, family_id, recipient)
    now = acting.now(s)
    row = disclosure_log.new_entry(
        s, family_id, first, last, now=now, recipient=to, requested_by=requested_by,
        outcome=DisclosureOutcome.report,
    )  # fmt: skip
    assert row.id is not None
    tz = ZoneInfo(get_centre(s).timezone)
    issued = build_report(
        s,
        family_id,
        first,
        last,
        recipient=to,
        requested_by=row.requested_by,
        report_date=now.astimezone(tz).date(),
        ref=disclosure_log.reference(row.id),
        draft=False,
    )
    row.digest = issued.digest
    for view in records.views(s, family_id, first, last):
        if view.record.state == ObservationState.approved:
            view.record.state, view.record.released_at = ObservationState.released, now
            s.add(view.record)
    audit.record(s, "disclosure.report", entity="disclosure", entity_id=row.id, family_id=family_id)
    return Released(disclosure_log.entry(row, family.ref), issued)


def reopen_report(s: Session, disclosure_id: int) -> Reopened:
    """Build a logged report again from today's records and compare the digest."""
    permissions.require(s, "produce_reports")
    row = s.get(Disclosure, disclosure_id)
    if row is None or row.outcome != DisclosureOutcome.report:
        raise NotFound(
            f"There is no supervised report {disclosure_log.reference(disclosure_id)} in the log."
        )
    if row.family_id is None:  # its family was destroyed: nothing left to rebuild it from
        raise NotFound(f"The family of report {disclosure_log.reference(disclosure_id)} is gone.")
    family = disclosure_log.family(s, row.family_id)
    return disclosure_log.rebuilt(
        s,
        row,
        family.ref,
        lambda entry, issued_on: build_report(
            s,
            entry.family_id,
            entry.period_from,
            entry.period_to,
            recipient=entry.recipient,
            requested_by=entry.requested_by,
            report_date=issued_on,
            ref=entry.reference,
            draft=False,
        ),
    )

"""The one table of role rules: who may do what, and what a refused person is told.

The table below is the centre's decision, written out by hand: a rule added to
permissions.RULES, or a `require`/`may` call added anywhere in the domain, fails here
until it has its row, and every guarded function is called as a volunteer to see it refuse.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from contactcentre.domain import audit, permissions
from contactcentre.domain.agreements import copies, readiness, scans, signing, versions
from contactcentre.domain.bookings import booking, cancelling, exclusion, plans, session_calendar
from contactcentre.domain.centre import update_centre
from contactcentre.domain.charges import fees, ledger, paper, payments
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.disclosure import letters, risk_of_harm
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.indirect import addresses, arrangement, items
from contactcentre.domain.records import backups
from contactcentre.domain.register import csv_io, families, family_lists
from contactcentre.domain.retention import (
    access,
    destroy,
    due,
    holds,
    requests,
    rules,
    withholding,
)
from contactcentre.domain.safeguarding import complaints, incidents, screening
from contactcentre.domain.session_day import attendance_import
from contactcentre.domain.statistics import charts, report, summary
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.supervised import cases, importing, occasions, overview
from contactcentre.domain.supervised import records as observations
from contactcentre.domain.supervised import report as supervised_report
from contactcentre.domain.team import accounts, register, reminders, rota
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Answer,
    CancelledBy,
    FamilyStatus,
    Payer,
    PaymentMethod,
    RecipientRole,
    ScreeningItem,
    TeamRole,
)
from contactcentre.store.types import utcnow
from tests.factories import family_form

C, S, V = TeamRole.coordinator, TeamRole.supervisor, TeamRole.volunteer
DOMAIN = Path(permissions.__file__).parent

# action -> (who may, what everyone else is told)
ROLE_TABLE: dict[str, tuple[set[TeamRole], str]] = {
    "export_register": ({C}, "Only a coordinator can export the register."),
    "import_records": ({C}, "Only a coordinator can import families, people or attendance."),
    "see_register": ({C}, "Only a coordinator can open the register."),
    "see_family": ({C}, "Only a coordinator can open a family's record."),
    "edit_family": ({C}, "Only a coordinator can change a family's record."),
    "see_private_details": (
        {C},
        "Only a coordinator can see notes, addresses, phone numbers and referral or court details.",
    ),
    "book": ({C}, "Only a coordinator can book or cancel a family's sessions."),
    "manage_sessions": ({C}, "Only a coordinator can add, cancel or close sessions."),
    "sign_agreements": ({C}, "Only a coordinator can record a signed agreement."),
    "agreement_copies": ({C}, "Only a coordinator can print a family's agreement copies."),
    "edit_agreement": ({C}, "Only a coordinator can change the agreement's wording."),
    "produce_letters": ({C}, "Only a coordinator can produce letters."),
    "disclosure_log": ({C}, "Only a coordinator can see the disclosure log."),
    "read_audit": ({C}, "Only a coordinator can see or check the audit trail."),
    "backup": ({C}, "Only a coordinator can make or restore a backup."),
    "centre_settings": ({C}, "Only a coordinator can change the centre's settings."),
    "log_items": ({C, S, V}, ""),  # a volunteer at the door takes an item in
    "see_items": ({C, S}, "Only a coordinator or a supervisor can see the item log."),
    "check_items": ({C, S}, "Only a coordinator or a supervisor can record reading an item."),
    "pass_on_items": (
        {C, S},
        "Only a coordinator or a supervisor can record passing on an item.",
    ),
    "decide_items": ({C}, "Only a coordinator can decide whether an item is passed on."),
    "arrange_items": ({C}, "Only a coordinator can change a family's arrangement for items."),
    "print_label": ({C}, "Only a coordinator can print a forwarding label."),
    "reveal_address": ({C}, "Only a coordinator can show a confidential address."),
    "manage_volunteer_register": ({C}, "Only a coordinator can keep the volunteer register."),
    "edit_rota": ({C}, "Only a coordinator can change the rota."),
    "record_session_notes": (
        {C, S},
        "Only a coordinator or a supervisor can read or write a session's briefing and debrief.",
    ),
    "see_charges": ({C}, "Only a coordinator can see charges and payments."),
    "manage_charges": ({C}, "Only a coordinator can set fees or raise and void charges."),
    "record_payment": ({C}, "Only a coordinator can record a payment."),
    "manage_accounts": ({C}, "Only a coordinator can manage the team's logins."),
    "see_statistics": (
        {C, S},
        "Only a coordinator or a supervisor can see the centre's statistics.",
    ),
    "export_statistics": (
        {C},
        "Only a coordinator can produce the funders' report or the NACCC return.",
    ),
    "write_observations": (
        {C, S},
        "Only a coordinator or a supervisor can write or read observation records.",
    ),
    "approve_observations": (
        {C, S},
        "Only a coordinator or a supervisor can approve observation records.",
    ),
    "return_observations": (
        {C, S},
        "Only a coordinator or a supervisor can return or withdraw a submitted observation record.",
    ),
    "produce_reports": ({C}, "Only a coordinator can produce supervised contact reports."),
    "arrange_escorted": ({C}, "Only a coordinator can arrange an escorted visit."),
    "case_details": (
        {C},
        "Only a coordinator can set a supervised case's number or report recipients.",
    ),
    "record_incident": ({C, S, V}, ""),  # whoever saw it writes it down
    "read_incidents": ({C}, "Only a coordinator can read or complete incidents."),
    "sign_off_incident": ({C}, "Only a coordinator can sign off an incident."),
    "disclose_incident": ({C}, "Only a coordinator can disclose an incident to an agency."),
    "exclude": ({C}, "Only a coordinator can exclude a person or a family."),
    "screening": ({C}, "Only a coordinator can see or change the risk screening."),
    "complaints": ({C}, "Only a coordinator can see or change the complaints log."),
    "see_retention": ({C}, "Only a coordinator can see what is due for destruction."),
    "destroy_records": ({C}, "Only a coordinator can destroy records."),
    "hold_records": ({C}, "Only a coordinator can set or release a legal hold."),
    "retention_rules": ({C}, "Only a coordinator can change the retention rules."),
    "subject_access": ({C}, "Only a coordinator can handle a subject-access request."),
}

DAY = date(2027, 3, 13)
TOLD = datetime(2027, 3, 10, 9, tzinfo=UTC)
PERIOD = Period(date(2027, 1, 1), date(2027, 3, 31))
# Every guarded domain function, called as a face would; each checks before anything else,
# so ids and files need not exist.
Call = Callable[[Session, Store, Path], object]
GUARDED: dict[Callable[..., Any], Call] = {
    csv_io.export_families: lambda s, _, tmp: csv_io.export_families(s, tmp / "f.csv"),
    csv_io.export_people: lambda s, _, tmp: csv_io.export_people(s, tmp / "p.xlsx", xlsx=True),
    csv_io.import_families: lambda s, _, tmp: csv_io.import_families(s, tmp / "f.csv", today=DAY),
    csv_io.import_people: lambda s, _, tmp: csv_io.import_people(s, tmp / "p.csv", today=DAY),
    attendance_import.import_attendance: lambda s, _, tmp: attendance_import.import_attendance(
        s, tmp / "a.csv", today=DAY
    ),
    families.save_family: lambda s, _, __: families.save_family(s, family_form(), today=DAY),
    families.end_family: lambda s, _, __: families.end_family(
        s, 1, FamilyStatus.closed, reason="", on=DAY, decided_by="", today=DAY
    ),
    families.load_family_form: lambda s, _, __: families.load_family_form(s, 1),
    family_lists.register_rows: lambda s, _, __: family_lists.register_rows(s),
    readiness.record_pre_visit: lambda s, _, __: readiness.record_pre_visit(s, 1, DAY),
    readiness.set_attends: lambda s, _, __: readiness.set_attends(s, 1, False),
    signing.sign_on_screen: lambda s, _, __: signing.sign_on_screen(s, 1, [], DAY),
    signing.sign_on_paper: lambda s, _, __: signing.sign_on_paper(s, 1, DAY, "Pat"),
    copies.agreement_copies: lambda s, _, __: copies.agreement_copies(s, 1),
    versions.save_new_version: lambda s, _, __: versions.save_new_version(s, "New text"),
    letters.produce_letter: lambda s, _, __: letters.produce_letter(s, 1, DAY, DAY, now=TOLD),
    letters.reopen: lambda s, _, __: letters.reopen(s, 1),
    disclosure_log.log_entries: lambda s, _, __: disclosure_log.log_entries(s),
    disclosure_log.record_refusal: lambda s, _, __: disclosure_log.record_refusal(
        s, 1, DAY, DAY, now=TOLD, requested_by="Cafcass"
    ),
    audit.entries: lambda s, _, __: audit.entries(s),
    audit.problems: lambda s, _, __: audit.problems(s),
    backups.make_backup: lambda _, store, tmp: backups.make_backup(
        store, tmp / "b.ccbackup", None, FixedClock(datetime(2027, 3, 13, 9))
    ),
    backups.restore_over: lambda _, store, tmp: backups.restore_over(store, tmp / "b", None),
    update_centre: lambda s, _, __: update_centre(s, idle_lock_minutes=5),
    booking.book: lambda s, _, __: booking.book(s, 1, DAY, today=DAY),
    booking.book_series: lambda s, _, __: booking.book_series(s, 1, DAY, 2, today=DAY),
    cancelling.cancel_booking: lambda s, _, __: cancelling.cancel_booking(
        s, 1, DAY, by=CancelledBy.centre, told_at=TOLD
    ),
    cancelling.undo_booking: lambda s, _, __: cancelling.undo_booking(s, 1, DAY, told_at=TOLD),
    plans.confirm_plan: lambda s, _, __: plans.confirm_plan(s, DAY),
    plans.set_handover_offsets: lambda s, _, __: plans.set_handover_offsets(
        s, 1, 15, None, today=DAY
    ),
    scans.signature_scan: lambda s, _, __: scans.signature_scan(s, 1),
    session_calendar.add_extra_session: lambda s, _, __: session_calendar.add_extra_session(
        s, DAY, time(10), time(12), 4
    ),
    session_calendar.cancel_session: lambda s, _, __: session_calendar.cancel_session(
        s, DAY, "Hall flooded"
    ),
    session_calendar.reinstate_session: lambda s, _, __: session_calendar.reinstate_session(s, DAY),
    session_calendar.set_closure: lambda s, _, __: session_calendar.set_closure(s, DAY, True),
    items.check_item: lambda s, _, __: items.check_item(s, 1),
    items.decide_item: lambda s, _, __: items.decide_item(s, 1, "pass_on"),
    items.pass_on_item: lambda s, _, __: items.pass_on_item(s, 1, on=DAY, how="post", today=DAY),
    items.acknowledge_item: lambda s, _, __: items.acknowledge_item(s, 1, on=DAY, today=DAY),
    items.item_log: lambda s, _, __: items.item_log(s, 1),
    items.item_line: lambda s, _, __: items.item_line(s, 1),
    addresses.reveal_address: lambda s, _, __: addresses.reveal_address(s, 1),
    addresses.forwarding_label: lambda s, _, __: addresses.forwarding_label(s, 1),
    arrangement.save_terms: lambda s, _, __: arrangement.save_terms(s, 1, None),  # type: ignore[arg-type]
    register.add_member: lambda s, _, __: register.add_member(s, register.MemberDetails("Kim")),
    register.update_member: lambda s, _, __: register.update_member(
        s, 1, register.MemberDetails("Kim")
    ),
    register.add_reference: lambda s, _, __: register.add_reference(s, 1, "Rev. Jones", DAY),
    register.add_training: lambda s, _, __: register.add_training(s, 1, "First aid", DAY, None),
    register.declare_conflict: lambda s, _, __: register.declare_conflict(s, 1, 1, ""),
    register.remove_listed: lambda s, _, __: register.remove_listed(s, "training", 1),
    register.register_rows: lambda s, _, __: register.register_rows(s, DAY),
    register.member_record: lambda s, _, __: register.member_record(s, 1),
    reminders.team_reminders: lambda s, _, __: reminders.team_reminders(s, DAY),
    rota.put_on_duty: lambda s, _, __: rota.put_on_duty(s, DAY, 1),
    rota.take_off_duty: lambda s, _, __: rota.take_off_duty(s, DAY, 1),
    rota.session_notes: lambda s, _, __: rota.session_notes(s, DAY),
    rota.save_session_notes: lambda s, _, __: rota.save_session_notes(s, DAY, "", ""),
    fees.set_fees: lambda s, _, __: fees.set_fees(s, session_fee=300),
    ledger.account: lambda s, _, __: ledger.account(s, 1),
    ledger.accounts: lambda s, _, __: ledger.accounts(s),
    ledger.add_charge: lambda s, _, __: ledger.add_charge(
        s, "F-0001", "Report", 500, Payer.cafcass, DAY
    ),
    ledger.waive_charge: lambda s, _, __: ledger.waive_charge(s, 1, "Hardship"),
    paper.receipt: lambda s, _, __: paper.receipt(s, "P-0001"),
    paper.statement: lambda s, _, __: paper.statement(s, "F-0001", DAY, DAY),
    payments.record_payment: lambda s, _, __: payments.record_payment(
        s, "F-0001", 250, PaymentMethod.cash, DAY
    ),
    accounts.require_manager: lambda s, _, __: accounts.require_manager(s),
    accounts.list_accounts: lambda s, _, __: accounts.list_accounts(s),
    accounts.add_account: lambda _, store, __: accounts.add_account(
        store, "Kim", TeamRole.volunteer, "a long passphrase"
    ),
    accounts.remove_account: lambda _, store, __: accounts.remove_account(store, "Kim"),
    charts.statistics_charts: lambda s, _, __: charts.statistics_charts(s, PERIOD, DAY),
    report.funders_report: lambda s, _, __: report.funders_report(s, PERIOD, today=DAY),
    summary.statistics_for: lambda s, _, __: summary.statistics_for(s, PERIOD),
    summary.naccc_csv: lambda s, _, __: summary.naccc_csv(s, PERIOD),
    occasions.add_escorted_visit: lambda s, _, __: occasions.add_escorted_visit(
        s, 1, DAY, time(14), time(15), venue="Park", worker="Dafydd"
    ),
    observations.start_record: lambda s, _, __: observations.start_record(s, booking_id=1),
    observations.edit_record: lambda s, _, __: observations.edit_record(s, 1, aim="Play"),
    observations.submit: lambda s, _, __: observations.submit(s, 1),
    observations.approve: lambda s, _, __: observations.approve(s, 1),
    observations.add_addendum: lambda s, _, __: observations.add_addendum(s, 1, "Later"),
    observations.records_of: lambda s, _, __: observations.records_of(s, 1),
    observations.return_to_draft: lambda s, _, __: observations.return_to_draft(s, 1),
    overview.supervised_families: lambda s, _, __: overview.supervised_families(s),
    cases.set_case: lambda s, _, __: cases.set_case(s, 1, case_number="X1", court_ordered=False),
    cases.details: lambda s, _, __: cases.details(s, 1),
    cases.add_recipient: lambda s, _, __: cases.add_recipient(
        s, 1, "Nia Hughes", "Cafcass", RecipientRole.cafcass
    ),
    supervised_report.draft_report: lambda s, _, __: supervised_report.draft_report(s, 1, DAY, DAY),
    supervised_report.release_report: lambda s, _, __: supervised_report.release_report(
        s, 1, DAY, DAY
    ),
    supervised_report.reopen_report: lambda s, _, __: supervised_report.reopen_report(s, 1),
    importing.import_observations: lambda s, _, tmp: importing.import_observations(
        s, tmp / "o.csv"
    ),
    screening.screening: lambda s, _, __: screening.screening(s, 1),
    screening.adults_of: lambda s, _, __: screening.adults_of(s, 1),
    screening.save_answer: lambda s, _, __: screening.save_answer(
        s, 1, screening.AnswerLine(ScreeningItem.abduction, "", Answer.yes)
    ),
    screening.review_screening: lambda s, _, __: screening.review_screening(s, 1, DAY),
    screening.override_block: lambda s, _, __: screening.override_block(s, 1, "Spent"),
    screening.set_door_instruction: lambda s, _, __: screening.set_door_instruction(s, 1, "x"),
    screening.save_risks: lambda s, _, __: screening.save_risks(s, 1, [], DAY),
    screening.reviews_by: lambda s, _, __: screening.reviews_by(s, DAY),
    incidents.load_incident: lambda s, _, __: incidents.load_incident(s, 1),
    incidents.update_incident: lambda s, _, __: incidents.update_incident(
        s, 1, incidents.IncidentForm(TOLD)
    ),
    incidents.sign_off: lambda s, _, __: incidents.sign_off(s, 1),
    incidents.add_addendum: lambda s, _, __: incidents.add_addendum(s, 1, "More"),
    incidents.addenda: lambda s, _, __: incidents.addenda(s, 1),
    incidents.incident_lines: lambda s, _, __: incidents.incident_lines(s),
    risk_of_harm.draft: lambda s, _, __: risk_of_harm.draft(s, 1, "Police", "Risk", now=TOLD),
    risk_of_harm.disclose: lambda s, _, __: risk_of_harm.disclose(s, 1, "Police", "R", now=TOLD),
    exclusion.exclude: lambda s, _, __: exclusion.exclude(s, 1, reason="x", today=DAY, now=TOLD),
    complaints.add_complaint: lambda s, _, __: complaints.add_complaint(
        s, received=DAY, from_whom="A", about="B", today=DAY
    ),
    complaints.update_complaint: lambda s, _, __: complaints.update_complaint(s, "C-0001"),
    complaints.complaints: lambda s, _, __: complaints.complaints(s),
    due.due_for_destruction: lambda s, _, __: due.due_for_destruction(s, DAY),
    destroy.destroy_due: lambda s, _, __: destroy.destroy_due(s, DAY),
    destroy.destruction_log: lambda s, _, __: destroy.destruction_log(s),
    holds.set_hold: lambda s, _, __: holds.set_hold(s, "F-0001", "Court"),
    holds.release_hold: lambda s, _, __: holds.release_hold(s, "F-0001"),
    rules.set_rule: lambda s, _, __: rules.set_rule(s, "family", 4, "Insurer"),
    requests.log_request: lambda s, _, __: requests.log_request(s, "F-0001", "Sarah Jones", DAY),
    requests.extend: lambda s, _, __: requests.extend(s, 1, 1, "Complex"),
    requests.requests: lambda s, _, __: requests.requests(s),
    access.subject_access_export: lambda s, _, __: access.subject_access_export(
        s, "F-0001", "Sarah Jones", DAY
    ),
    access.log_export: lambda s, _, __: access.log_export(s, None),  # type: ignore[arg-type]
    access.find_subject: lambda s, _, __: access.find_subject(s, "F-0001", "Sarah Jones"),
    withholding.mark: lambda s, _, __: withholding.mark(s, None, frozenset()),  # type: ignore[arg-type]
}


def checks_in_the_domain() -> list[tuple[str, str, str]]:
    """(module.function, require|may, action) for every `permissions.require(s, "…")` and
    `permissions.may(s, "…")` call in the domain, read from the source."""
    found = []
    for path in sorted(DOMAIN.rglob("*.py")):
        module = "contactcentre.domain." + ".".join(path.relative_to(DOMAIN).with_suffix("").parts)
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "permissions"
                    and call.func.attr in {"require", "may"}
                ):
                    action = call.args[1]
                    where = f"{module}.{function.name}"
                    assert isinstance(action, ast.Constant), (
                        f"{where}: the action is not written out"
                    )
                    found.append((where, call.func.attr, str(action.value)))
    return found


def test_every_rule_has_its_row_in_the_role_table_and_every_row_a_rule() -> None:
    assert set(ROLE_TABLE) == set(permissions.RULES)


def test_every_action_the_domain_checks_has_a_rule_and_every_rule_is_checked() -> None:
    checked = {action for _, _, action in checks_in_the_domain()}
    assert checked - set(permissions.RULES) == set(), "checked with no rule"
    assert set(permissions.RULES) - checked == set(), "a rule nobody checks"


def refused_role(action: str) -> TeamRole:
    """The least-trusted role `action` refuses (a volunteer, where one is refused)."""
    return next(role for role in (V, S, C) if role not in permissions.RULES[action].roles)


def test_every_guarded_function_is_called_by_someone_it_refuses_below() -> None:
    refusing = {
        where
        for where, check, action in checks_in_the_domain()
        if check == "require" and permissions.RULES[action].roles != permissions.EVERYONE
    }
    assert refusing == {f"{f.__module__}.{f.__name__}" for f in GUARDED}


@pytest.mark.parametrize("role", list(TeamRole), ids=lambda r: r.value)
@pytest.mark.parametrize("action", sorted(ROLE_TABLE))
def test_each_role_may_or_is_told_who_may(action: str, role: TeamRole) -> None:
    allowed, message = ROLE_TABLE[action]
    with Session(info={"actor": f"Someone ({role.value})", "role": role}) as s:  # no database
        assert permissions.may(s, action) is (role in allowed)
        if role in allowed:
            permissions.require(s, action)
            return
        with pytest.raises(permissions.Refused) as refused:
            permissions.require(s, action)
    assert str(refused.value) == message


@pytest.mark.parametrize("function", list(GUARDED), ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_someone_calling_a_guarded_function_they_may_not_use_is_refused(
    store: Store, tmp_path: Path, function: Callable[..., Any]
) -> None:
    out = tmp_path / "chosen"
    out.mkdir()
    where = f"{function.__module__}.{function.__name__}"
    action = next(a for w, check, a in checks_in_the_domain() if w == where and check == "require")
    role = refused_role(action)
    store.act_as(f"Someone ({role.value})", utcnow, role)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        GUARDED[function](s, store, out)
    assert str(refused.value) == ROLE_TABLE[action][1]
    assert store.is_open  # refused before anything, even the restore that closes it
    assert list(out.iterdir()) == []  # nothing written


def test_a_refusal_is_in_the_trail_naming_who_was_refused_though_their_work_rolled_back(
    store: Store, tmp_path: Path
) -> None:
    store.act_as("Sam Volunteer", utcnow, V)
    with (
        pytest.raises(permissions.Refused),
        audit.refusals_recorded(store),
        store.session() as s,
    ):
        audit.record(s, "family.update")  # rolled back with the refused unit of work
        csv_io.export_people(s, tmp_path / "people.csv")
    store.act_as("Pat Coordinator", utcnow, C)
    with store.session() as s:
        newest = audit.entries(s, limit=1)[0]
        assert audit.problems(s) == []  # the trail stays whole
    assert (newest.actor, newest.action, newest.detail) == (
        "Sam Volunteer",
        "refused",
        "export_register (volunteer)",
    )
    assert (newest.entity, newest.entity_id, newest.family_id, newest.fields) == (
        "",
        None,
        None,
        "",
    )

"""A database written by an older release opens in today's app with its data intact; one
written by a newer release is refused without being changed."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import Session, SQLModel, col, select

from contactcentre.documents.data import WITHHELD
from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre
from contactcentre.domain.charges import ledger
from contactcentre.domain.indirect.items import item_log
from contactcentre.domain.register.families import load_family_form, save_family
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.domain.retention import access, destroy, holds, requests
from contactcentre.domain.safeguarding import complaints, incidents, screening
from contactcentre.domain.validate import display_phone
from contactcentre.store import migrations
from contactcentre.store.engine import Store, make_engine
from contactcentre.store.errors import NewerSchema
from contactcentre.store.integrity import problems
from contactcentre.store.models import (
    Family,
    ObservationAddendum,
    ObservationRecord,
    Person,
    Referee,
    Role,
    StatusChange,
    TeamRole,
)
from contactcentre.store.models.team import TeamMember
from contactcentre.store.unlocking import unlock
from tests.conftest import PASSPHRASE
from tests.factories import add_family
from tests.fixtures import make_fixture_db as fixture
from tests.store import tampering

FIXTURES = sorted(fixture.HERE.glob("schema-*.db"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def first_schema_copy(tmp_path: Path) -> Path:
    """A copy: opening upgrades in place, and the committed file must never change."""
    assert fixture.FIXTURE.is_file(), "the committed schema-0001.db fixture is missing"
    copy = tmp_path / "centre.db"
    shutil.copyfile(fixture.FIXTURE, copy)
    return copy


def test_a_fixture_is_committed_for_the_first_schema() -> None:
    assert fixture.FIXTURE in FIXTURES
    assert fixture.FIXTURE.stat().st_size < 512 * 1024, "keep fixtures small"
    assert not fixture.FIXTURE.read_bytes().startswith(b"SQLite format 3")


def test_the_first_schema_fixture_really_is_at_revision_0001(first_schema_copy: Path) -> None:
    engine = make_engine(first_schema_copy, fixture.PASSPHRASE)
    try:
        assert migrations.current_revision(engine) == "0001"
    finally:
        engine.dispose()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_every_released_schema_opens_with_todays_code_and_its_data_intact(
    path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "centre.db"
    shutil.copyfile(path, copy)
    # Its first unlock: the passphrase becomes the coordinator's login, the file re-keyed.
    store = unlock(copy, None, fixture.PASSPHRASE)
    try:
        assert store.account is not None and store.account.name == "Gwenllian Morgan"
        assert migrations.current_revision(store.engine) == migrations.head_revision()
        assert problems(store) == []
        with store.session() as s:
            assert get_centre(s).name == fixture.CENTRE_NAME
            rows = {row.ref: row for row in register_rows(s)}
            assert sorted(rows) == [f[0] for f in fixture.FAMILIES]
            for ref, kind, status, referred, referrer, notes, closed_on, reason in fixture.FAMILIES:
                family = s.exec(select(Family).where(col(Family.ref) == ref)).one()
                assert (family.contact_type.value, family.status.value) == (kind, status)
                assert family.referral_date == date.fromisoformat(referred)
                assert (family.referrer_name, family.notes) == (referrer, notes)
                assert family.closed_reason == reason
                assert family.closed_on == (date.fromisoformat(closed_on) if closed_on else None)
                expected_people = [p for p in fixture.PEOPLE if p[0] == ref]
                form = load_family_form(s, family.id or 0)
                assert [
                    (p.role.value, p.first_name, p.last_name, p.phone, p.address)
                    for p in form.people
                ] == [(p[1], p[2], p[3], p[5], p[6]) for p in expected_people]
                children = [p[2] for p in expected_people if p[1] == Role.child.value]
                assert sorted(rows[ref].children.split(", ")) == sorted(children)
            people = s.exec(select(Person)).all()
            assert len(people) == len(fixture.PEOPLE)
            born = {p.first_name: p.date_of_birth for p in people if p.role == Role.child}
            assert born["Aoife"] == date(2018, 12, 24)
            # A relative keeps the parent she was linked to; one from before the link
            # existed (0001, 0002) comes through with none set, never a guessed parent.
            linked = fixture.COMES_WITH if path.stem >= "schema-0003" else {}
            assert {p.first_name: p.comes_with for p in people if p.role == Role.relative} == {
                "Máire": linked.get("Máire")
            }
            assert all(p.comes_with is None for p in people if p.role != Role.relative)
            confidential = [p.first_name for p in people if p.address_confidential]
            assert confidential == ["Agnieszka"]
            assert (
                display_phone(next(p.phone for p in people if p.first_name == "Łukasz"))
                == "0114 496 0123"
            )
            referee = s.exec(select(Referee)).one()
            assert referee.name == "Fr. Pádraig Ó Sé"
            change = s.exec(select(StatusChange)).one()
            assert (change.from_status.value, change.to_status.value) == ("active", "closed")
            team = {m.name: m for m in s.exec(select(TeamMember))}
            coordinator = team.pop("Gwenllian Morgan")
            assert coordinator.role == TeamRole.coordinator and coordinator.public_key
            expected_team = (
                fixture.TEAM if path.stem == "schema-0004"
                else [fixture.VOLUNTEER_ROW] if path.stem >= "schema-0005" else []
            )  # fmt: skip
            assert [
                (m.name, m.role.value, m.phone, m.dbs_number, str(m.dbs_issued_on), m.public_key)
                for m in team.values()
            ] == [(*row, "") for row in expected_team]
            # Charges (0007): the session's charge part paid; nothing raised twice on opening.
            if path.stem >= "schema-0007":
                account, *others = ledger.accounts(s)
                assert (account.family_ref, account.balance_pence) == ("F-0001", 50)
                assert [c.amount_pence for c in account.charges] == [fixture.CHARGE[2]]
                assert [(p.ref, p.payer) for p in account.payments] == [("P-0001", "Łukasz Nowak")]
                # Report fees (0011): F-0002's March report, charged once, with its period.
                ref, _first, _last, pence, payer = fixture.REPORT_FEE
                reports = [
                    (a.family_ref, c.what, c.amount_pence, c.payer.value)
                    for a in others
                    for c in a.charges
                ]
                assert reports == (
                    [(ref, "Report, 01/03/2027–31/03/2027", pence, payer)]
                    if path.stem >= "schema-0011"
                    else []
                )
            # Supervised contact (0008): F-0002's approved record and its addendum.
            records = s.exec(select(ObservationRecord).order_by(col(ObservationRecord.id))).all()
            if path.stem >= "schema-0014":  # and the escorted visit's record, returned (0014)
                *records, returned = records
                assert returned.state.value == "draft" and returned.escorted_visit_id
                assert (returned.returned_by, returned.return_reason) == fixture.RETURNED
            if path.stem >= "schema-0008":
                [record] = records
                assert (record.state, record.author) == ("approved", "Dafydd ap Siôn")
                assert record.what_happened == fixture.OBSERVATION["what_happened"]
                addendum = s.exec(select(ObservationAddendum)).one()
                assert (addendum.record_id, addendum.text) == (record.id, fixture.ADDENDUM)
            else:
                assert records == []
            # Safeguarding (0009): Łukasz's answer shows on the screening, the incident in
            # the list (never its text), and the complaint in the log with its due dates.
            if path.stem >= "schema-0009":
                f1 = family_id_of(s, "F-0001")
                adults = {a.name: a for a in screening.screening(s, f1).adults}
                assert adults["Łukasz Nowak"].recommendation.reasons[0].startswith("Domestic")
                [incident] = incidents.incident_lines(s, f1)
                assert (incident.reference, incident.signed_off) == ("INC-0001", True)
                [complaint] = complaints.complaints(s)
                assert complaint.respond_by == date.fromisoformat(fixture.COMPLAINT[4])
            # Retention (0010): the outcome, the hold, the destruction log, the request.
            if path.stem >= "schema-0010":
                closed = s.exec(select(Family).where(col(Family.ref) == "F-0003")).one()
                assert closed.outcome == fixture.OUTCOME[1]
                assert holds.reasons_held(s) == {closed.id: f"legal hold: {fixture.HOLD[1]}"}
                [line] = destroy.destruction_log(s)
                assert (line.category, line.records) == fixture.DESTRUCTION[:2]
                [request] = requests.requests(s)
                assert (request.family_ref, request.subject) == fixture.ACCESS[:2]
                assert request.due_on == date.fromisoformat(fixture.ACCESS[3])
            # The risk statement's next review (0011), on Today's reminders once due.
            if path.stem >= "schema-0011":
                ref, review_on = fixture.RISK_REVIEW
                plan = screening.stored_plan(s, family_id_of(s, ref))
                assert plan is not None
                assert plan.review_on == date.fromisoformat(review_on)
            # Withheld passages (0012): where it happened, withheld from Agnieszka's export.
            if path.stem >= "schema-0012":
                export = access.subject_access_export(
                    s, "F-0001", fixture.ACCESS[1], date(2027, 4, 1)
                )
                [incident] = dict((x.title, x.records) for x in export.sections)[
                    "Incidents and concerns"
                ]
                assert dict(incident)["Where"] == WITHHELD
                assert dict(incident)["What was seen"] == fixture.INCIDENT[2]
            # History indexes (0013): every fixture brought up to date has them, and the
            # fixture's Saturday still counts as seen (the statistics use them).
            indexes = {row[1] for row in s.exec(text("PRAGMA index_list('attendance_event')"))}
            assert {
                "ix_attendance_event_supersedes_id",
                "ix_attendance_event_kind_booking_id",
            } <= indexes
            # Search still folds accents on old data.
            assert [r.ref for r in rows.values() if "lukasz" in r.haystack] == ["F-0001"]
            # F-0001's items (from 0006 on), as its Items tab and `items` list them.
            logged = fixture.ITEMS if path.stem >= "schema-0006" else []
            log = item_log(s, family_id_of(s, "F-0001"))
            assert [(i.ref, i.kind.value, i.received.isoformat(), i.description) for i in log] == [
                item[:4] for item in logged
            ]
            assert {(i.from_name, i.to_name) for i in log} <= {
                ("Łukasz Nowak", "Agnieszka Nowak-Łukasiewicz")
            }
            assert [i.status for i in log] == (
                ["Passed on 05/03/2027", "Waiting to be read"] if logged else []
            )
    finally:
        store.close()


def test_an_upgraded_fixture_accepts_new_families_and_reopens(first_schema_copy: Path) -> None:
    store = Store.open(first_schema_copy, fixture.PASSPHRASE)
    try:
        add_family(store, "F-0004")
        with store.session() as s:
            family_id = family_id_of(s, "F-0002")
            form = load_family_form(s, family_id)
            form.notes = "Reviewed after upgrade"
            save_family(s, form, today=date(2027, 3, 13), family_id=family_id)
    finally:
        store.close()
    store = Store.open(first_schema_copy, fixture.PASSPHRASE)
    try:
        with store.session() as s:
            assert [r.ref for r in register_rows(s)] == ["F-0001", "F-0002", "F-0003", "F-0004"]
            family = s.exec(select(Family).where(Family.ref == "F-0002")).one()
            assert family.notes == "Reviewed after upgrade"
            assert [p.first_name for p in load_family_form(s, family.id or 0).people] == [
                "Siobhán",
                "Dermot",
                "Máire",
                "Aoife",
            ]
    finally:
        store.close()


def copy_of_fixture(revision: str, tmp_path: Path) -> Path:
    """A copy of the committed schema-<revision>.db (small), checked to be at `revision`."""
    path = fixture.fixture_path(revision)
    assert path in FIXTURES and path.stat().st_size < 512 * 1024
    copy = tmp_path / "centre.db"  # even reading it would leave -shm/-wal beside the original
    shutil.copyfile(path, copy)
    engine = make_engine(copy, fixture.PASSPHRASE, read_only=True)
    try:
        assert migrations.current_revision(engine) == revision
    finally:
        engine.dispose()
    return copy


def fixture_rows(tmp_path: Path, revision: str, *queries: str) -> list[list[Any]]:
    """The rows each query finds in a copy of the committed fixture of `revision`."""
    engine = make_engine(copy_of_fixture(revision, tmp_path), fixture.PASSPHRASE, read_only=True)
    try:
        with engine.connect() as conn:
            return [list(conn.execute(text(query)).all()) for query in queries]
    finally:
        engine.dispose()


def test_the_second_schema_fixture_is_at_revision_0002_with_a_trail_to_check(
    tmp_path: Path,
) -> None:
    [digests] = fixture_rows(tmp_path, "0002", "SELECT entity, row_digest FROM audit_entry")
    covered = {entity for entity, digest in digests if digest}
    assert covered == {"attendance_event", "signature", "disclosure"}


def test_the_third_schema_fixture_is_at_revision_0003_with_a_relative_linked(
    tmp_path: Path,
) -> None:
    [links] = fixture_rows(tmp_path, "0003", "SELECT first_name, comes_with FROM person")
    assert {name: parent for name, parent in links if parent} == fixture.COMES_WITH


def test_the_indirect_contact_fixture_is_at_revision_0006_with_items(tmp_path: Path) -> None:
    refs, agreed = fixture_rows(
        tmp_path,
        "0006",
        "SELECT ref FROM indirect_item ORDER BY id",
        "SELECT agreed FROM indirect_arrangement",
    )
    assert [ref for (ref,) in refs] == [item[0] for item in fixture.ITEMS]
    assert agreed == [(1,)]


def test_the_fifth_schema_fixture_keeps_its_volunteer_training_and_rota(tmp_path: Path) -> None:
    from datetime import date

    from contactcentre.domain.team import register, rota

    store = Store.open(copy_of_fixture("0005", tmp_path), fixture.PASSPHRASE)
    try:
        with store.session() as s:
            rows = register.register_rows(s, date(2027, 3, 13))
            # The volunteer, and the coordinator whose login the first unlock made.
            (row,) = [r for r in rows if r.name == fixture.VOLUNTEER["name"]]
            record = register.member_record(s, row.member_id)
            assert record.member.name == fixture.VOLUNTEER["name"]
            assert record.member.phone == fixture.VOLUNTEER["phone"]
            assert record.dbs_due == date(2028, 2, 3)  # three years, the centre's default
            assert record.reviews == (date(2025, 5, 10), date(2025, 8, 10))
            course, taken, expires = fixture.TRAINING
            assert [(t.course, t.taken_on, t.expires_on) for t in record.training] == [
                (course, date.fromisoformat(taken), date.fromisoformat(expires))
            ]
            duty = rota.team_on_duty(s, date(2027, 3, 13))
            assert (duty.lead, duty.others) == (fixture.VOLUNTEER["name"], ())
    finally:
        store.close()


def test_the_charges_schema_fixture_is_at_revision_0007_with_its_rows(tmp_path: Path) -> None:
    fees, payments = fixture_rows(
        tmp_path,
        "0007",
        "SELECT session_fee, late_cancel_hours FROM fee_schedule",
        "SELECT ref, amount_pence FROM payment",
    )
    assert fees == [(300, 48)]
    assert payments == [("P-0001", 250)]


def test_the_supervised_schema_fixture_is_at_revision_0008_with_its_rows(tmp_path: Path) -> None:
    cases, records = fixture_rows(
        tmp_path,
        "0008",
        "SELECT case_number, court_ordered FROM supervised_case",
        "SELECT state, approved_by FROM observation_record",
    )
    assert cases == [(fixture.CASE_NUMBER, 0)]
    assert records == [("approved", "Gwenllian")]


def test_the_safeguarding_fixture_is_at_revision_0009_with_its_rows(tmp_path: Path) -> None:
    answers, incidents, complaints = fixture_rows(
        tmp_path,
        "0009",
        "SELECT item, answer, note FROM screening_answer",
        "SELECT category, seen, signed_off_by FROM incident",
        "SELECT received_on, from_whom, acknowledge_by, respond_by FROM complaint",
    )
    assert answers == [tuple(fixture.SCREENING[1:])]
    assert incidents == [(fixture.INCIDENT[1], fixture.INCIDENT[2], fixture.INCIDENT[3])]
    assert [tuple(map(str, row)) for row in complaints] == [
        (fixture.COMPLAINT[0], fixture.COMPLAINT[1], fixture.COMPLAINT[3], fixture.COMPLAINT[4])
    ]


def test_the_retention_schema_fixture_is_at_revision_0010_with_its_rows(tmp_path: Path) -> None:
    outcomes, holds_, logged = fixture_rows(
        tmp_path,
        "0010",
        "SELECT ref, outcome FROM family WHERE outcome IS NOT NULL",
        "SELECT reason FROM legal_hold WHERE released_at IS NULL",
        "SELECT category, records FROM destruction",
    )
    assert outcomes == [fixture.OUTCOME]
    assert holds_ == [(fixture.HOLD[1],)]
    assert logged == [fixture.DESTRUCTION[:2]]


def test_the_report_fees_fixture_is_at_revision_0011_with_its_rows(tmp_path: Path) -> None:
    charges, plans = fixture_rows(
        tmp_path,
        "0011",
        "SELECT kind, amount_pence, disclosure_id IS NOT NULL FROM charge ORDER BY id",
        "SELECT review_on FROM safeguarding_plan",
    )
    assert charges == [("session", fixture.CHARGE[2], 0), ("report", fixture.REPORT_FEE[3], 1)]
    assert plans == [(fixture.RISK_REVIEW[1],)]


def test_the_withheld_passages_fixture_is_at_revision_0012_with_its_rows(tmp_path: Path) -> None:
    [marked] = fixture_rows(
        tmp_path, "0012", "SELECT field, addendum_id, marked_by FROM withheld_passage"
    )
    assert marked == [(fixture.WITHHELD[1], None, fixture.WITHHELD[2])]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_every_released_schema_verifies_its_trail_and_anchors_it_from_the_next_change(
    path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "centre.db"
    shutil.copyfile(path, copy)
    store = Store.open(copy, fixture.PASSPHRASE)
    try:
        assert trail_problems(store) == []  # no anchor yet, and none expected
        add_family(store, "F-0009")
        assert copy.with_name("centre.db.anchor").is_file()
        assert trail_problems(store) == []
    finally:
        store.close()


def trail_problems(store: Store) -> list[str]:
    with store.session() as s:
        return audit.problems(s)


def first_schema_with_history(tmp_path: Path, *tamper: str) -> Store:
    """A first-schema database that recorded a Saturday (its trail chained the old way),
    optionally tampered with before this version opens it."""
    path = tmp_path / "centre.db"
    fixture.build(path, revision="0001", history=True)
    if tamper:
        tampering.tamper(path, *tamper, passphrase=fixture.PASSPHRASE)
    return Store.open(path, fixture.PASSPHRASE)


def test_an_older_trail_gets_digests_of_its_records_when_brought_up_to_date(
    tmp_path: Path,
) -> None:
    store = first_schema_with_history(tmp_path)
    try:
        assert trail_problems(store) == []
        tampering.tamper(
            store.path,
            "UPDATE attendance_event SET occurred_at = '2027-03-13 09:05:00.000000'",
            passphrase=fixture.PASSPHRASE,
        )
        assert trail_problems(store) == [
            "audit entry 4 (attendance event F-0001 13/03/2027) no longer matches its record"
        ]
    finally:
        store.close()


def test_an_older_trail_already_broken_stays_broken_after_the_update(tmp_path: Path) -> None:
    store = first_schema_with_history(
        tmp_path, "UPDATE audit_entry SET detail = 'forged' WHERE id = 3"
    )
    try:
        # Entries 1-2 are digested and hashed again; entry 3 is left as found, so the chain
        # still breaks there.
        assert trail_problems(store) == ["audit entry 3 does not link to the entry before it"]
    finally:
        store.close()


def family_id_of(s: Session, ref: str) -> int:
    family_id = s.exec(select(Family.id).where(Family.ref == ref)).one()
    assert family_id is not None
    return family_id


def test_a_newer_schema_is_refused_and_the_file_is_unchanged(store: Store) -> None:
    add_family(store, "F-0001")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    path = store.path
    store.close()
    before = sha256(path)
    with pytest.raises(NewerSchema) as raised:
        Store.open(path, PASSPHRASE)
    message = str(raised.value)
    assert "newer version of Contact Centre" in message
    assert "9999_from_the_future" in message and "not changed" in message
    assert sha256(path) == before
    found = sorted(p.name for p in path.parent.iterdir())
    assert found == ["centre.db", "centre.db.anchor", "centre.db.keys"]


def test_the_models_and_the_migrations_describe_the_same_schema(store: Store) -> None:
    """A model changed without a migration would leave old databases behind."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_cheap_schema_check_reads_the_same_history_as_alembic() -> None:
    """Unlocking reads the revisions from the files' headers, not through Alembic: a
    migration whose header it misread would be skipped, or refused as newer."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.HERE))
    script = ScriptDirectory.from_config(cfg)
    assert migrations.head_revision() == script.get_current_head()
    assert migrations.known_revisions() == {rev.revision for rev in script.walk_revisions()}

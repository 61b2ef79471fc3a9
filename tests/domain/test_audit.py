"""The audit trail: who did what and when, with no personal data, and any edit or deletion
of history named by `verify`."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text
from sqlmodel import col, select

from contactcentre.domain import audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.register import csv_io
from contactcentre.domain.register.families import load_family_form, save_family
from contactcentre.store import anchor, audit_chain
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, EventKind, Person, Signature
from tests.conftest import PASSPHRASE, database_key
from tests.factories import add_booking, add_family
from tests.store.tampering import ARRIVED, audit_history, tamper


def actions(store: Store, family_id: int | None = None) -> list[str]:
    with store.session() as s:
        return [e.action for e in reversed(audit.entries(s, family_id=family_id))]


def test_register_changes_and_attendance_are_recorded_by_id_never_by_value(
    store: Store, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    family_id = add_family(store, "F-0001", notes="MARKER-NOTE-8812")
    with store.session() as s:
        form = load_family_form(s, family_id)
        form.people[0].phone = "0113 496 0999"
        save_family(s, form, today=date(2027, 3, 1), family_id=family_id)
        booking_id = add_booking(s, family_id)
        arrived = datetime(2027, 3, 13, 9, 58, tzinfo=UTC)
        event = attendance.record_event(s, booking_id, EventKind.child_dropped_off, arrived)
        assert event.id is not None
        attendance.correct_event(s, event.id, why="typed 9:58, was 10:02", recorded_by="Ann")
        csv_io.export_people(s, tmp_path / "people.csv")

    assert actions(store, family_id) == [
        "family.create",
        "person.create",
        "person.create",
        "person.create",
        "person.update",
        "attendance.record",
        "attendance.correct",
    ]
    with store.session() as s:
        update = next(e for e in audit.entries(s) if e.action == "person.update")
        assert update.fields == "phone"  # the field's name, not its new value
        export = next(e for e in audit.entries(s) if e.action == "export.people")
        data = (tmp_path / "people.csv").read_bytes()
        assert audit.digest(data) in export.detail  # which file left, by its digest
        every_value = " ".join(  # but each entry's own time (18:19:58 holds "9:58")
            str(v)
            for e in s.exec(audit.select(AuditEntry))
            for v in e.model_dump(exclude={"at"}).values()
        )
    for personal in ("Sarah", "Jones", "0999", "MARKER-NOTE-8812", "9:58"):
        assert personal not in every_value


@pytest.mark.parametrize(
    "tamper, reason",
    [
        ("UPDATE audit_entry SET action = 'family.view' WHERE id = :id", "was changed"),
        ("UPDATE audit_entry SET at = '2020-01-01 00:00:00.000000' WHERE id = :id", "was changed"),
        ("DELETE FROM audit_entry WHERE id = :id", "missing"),
    ],
)
def test_tampering_with_one_entry_is_named_by_verify(
    store: Store, tamper: str, reason: str
) -> None:
    add_family(store, "F-0001")
    add_family(store, "F-0002")
    with store.session() as s:
        assert audit.verify(s) is None
        victim = [e.id for e in reversed(audit.entries(s))][3]
    with store.engine.begin() as conn:  # what someone with the passphrase and a SQL tool could do
        conn.execute(text(tamper), {"id": victim})
    with store.session() as s:
        broken = audit.verify(s)
    assert broken is not None and broken.entry_id == victim and reason in broken.reason


def test_a_rewritten_entry_with_a_fresh_hash_still_breaks_the_next_link(store: Store) -> None:
    add_family(store, "F-0001")
    with store.session() as s:
        victim = s.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()[1]
        victim.action = "family.view"
        victim.hash = audit.entry_hash(victim)  # the forger recomputes this entry's hash
        s.add(victim)
    with store.session() as s:
        broken = audit.verify(s)
    assert broken is not None and broken.entry_id == (victim.id or 0) + 1


# --- the chain covers the records and its own length (issue item 13) -----------------------
#
# Each test tampers as the issue describes: with the passphrase and a plain SQLCipher
# connection, straight into the database file, behind the app's back.


def problems(store: Store) -> list[str]:
    with store.session() as s:
        return audit.problems(s)


@pytest.fixture
def history(store: Store, clock: FixedClock) -> dict[str, int]:
    """A family that signed, arrived at 09:45 and had a letter (all recorded at 09:30 on
    13/03/2027 by the test's clock), with the trail whole."""
    ids = audit_history(store, clock)
    assert problems(store) == []
    return ids


def last_entry_id(store: Store) -> int:
    with store.session() as s:
        return audit.last_id(s)


def test_an_arrival_time_changed_in_the_database_is_named_by_verify(
    store: Store, history: dict[str, int]
) -> None:
    event_id = history["attendance_event"]
    tamper(
        store.path,
        "UPDATE attendance_event SET occurred_at = '2027-03-13 09:05:00.000000'"
        f" WHERE id = {event_id}",
    )
    with store.session() as s:
        entry = s.exec(
            select(AuditEntry).where(
                AuditEntry.entity == "attendance_event", AuditEntry.entity_id == event_id
            )
        ).one()
    assert problems(store) == [
        f"audit entry {entry.id} (attendance event F-0001 13/03/2027) no longer matches its record"
    ]


def test_a_deleted_disclosure_or_signature_row_is_named_by_verify(
    store: Store, history: dict[str, int]
) -> None:
    tamper(
        store.path,
        f"DELETE FROM disclosure WHERE id = {history['disclosure']}",
        f"DELETE FROM signature WHERE id = {history['signature']}",
    )
    found = problems(store)
    assert len(found) == 2 and all("names a record that is no longer there" in f for f in found)
    assert "(signature F-0001 " in found[0] and "(disclosure F-0001 " in found[1]


def test_removing_a_person_in_the_family_form_removes_their_signature_without_alarm(
    store: Store, history: dict[str, int]
) -> None:
    with store.session() as s:
        signed_by = s.get(Signature, history["signature"])
        assert signed_by is not None
        family_id = s.exec(select(Person.family_id).where(Person.id == signed_by.person_id)).one()
        form = load_family_form(s, family_id)
        form.people = [p for p in form.people if p.id != signed_by.person_id]
        save_family(s, form, today=date(2027, 3, 21), family_id=family_id)
    with store.session() as s:
        assert s.get(Signature, history["signature"]) is None  # gone with the person
    assert problems(store) == []


@pytest.mark.parametrize("cut", [2, "all"])
def test_deleting_the_newest_entries_or_the_whole_trail_is_reported_against_the_anchor(
    store: Store, history: dict[str, int], cut: int | str
) -> None:
    last = last_entry_id(store)
    keep = 0 if cut == "all" else last - int(cut)
    tamper(store.path, f"DELETE FROM audit_entry WHERE id > {keep}")
    assert problems(store) == [
        f"the audit trail is {last - keep} entries shorter than its last anchor of 09:30 13/03/2027"
    ]


def forge_whole_chain(store: Store) -> None:
    """What a forger with the passphrase and this code does: alter a record, then compute
    every digest and hash again, so the chain inside the database is consistent."""
    conn = sqlcipher3.connect(str(store.path), isolation_level=None)
    try:
        conn.set_key(database_key(store.path))
        conn.execute("UPDATE attendance_event SET occurred_at = '2027-03-13 09:05:00.000000'")
        names = [d[1] for d in conn.execute("PRAGMA table_info(audit_entry)")]
        prev = ""
        for row in conn.execute("SELECT * FROM audit_entry ORDER BY id").fetchall():
            entry = dict(zip(names, row, strict=True))
            entry["row_digest"] = audit_chain.digest_for(conn, entry["entity"], entry["entity_id"])
            entry.update(prev_hash=prev, at=audit_chain.stored_moment(entry["at"]))
            prev = audit_chain.entry_hash(entry)
            conn.execute(
                "UPDATE audit_entry SET row_digest = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (entry["row_digest"], entry["prev_hash"], prev, entry["id"]),
            )
    finally:
        conn.close()


def test_a_chain_rewritten_consistently_is_caught_by_its_anchor(
    store: Store, history: dict[str, int]
) -> None:
    forge_whole_chain(store)
    with store.session() as s:
        assert audit.verify(s) is None  # inside the database, everything agrees
    last = last_entry_id(store)
    assert problems(store) == [
        f"audit entry {last} is not the one anchored at 09:30 13/03/2027 in the anchor file "
        "centre.db.anchor: the audit trail was rewritten"
    ]


def test_a_trail_found_cut_is_not_re_anchored_by_later_work(
    store: Store, history: dict[str, int]
) -> None:
    anchor_file = store.path.with_name("centre.db.anchor")
    before = anchor_file.read_bytes()
    tamper(store.path, f"DELETE FROM audit_entry WHERE id > {last_entry_id(store) - 3}")
    add_family(store, "F-0002")  # the next coordinator's work must not hide the cut
    assert anchor_file.read_bytes() == before
    assert problems(store)  # still reported, now as a rewrite of the anchored entry


def test_a_missing_or_foreign_anchor_file_is_reported(
    store: Store, history: dict[str, int], tmp_path: Path
) -> None:
    anchor_file = store.path.with_name("centre.db.anchor")
    anchor_file.unlink()
    assert problems(store) == [
        "the audit trail's anchor file centre.db.anchor is missing, though entries were added "
        "after it was first written"
    ]
    other = Store.create(tmp_path / "other.db", PASSPHRASE)
    try:
        with other.session() as s:
            audit.record(s, "centre.create")
    finally:
        other.close()
    shutil.copyfile(tmp_path / "other.db.anchor", anchor_file)
    assert problems(store) == [
        "the anchor file centre.db.anchor was not signed with this database's key: it was "
        "replaced or forged"
    ]


def test_a_new_database_anchors_its_first_entries_without_complaint(tmp_path: Path) -> None:
    fresh = Store.create(tmp_path / "centre.db", PASSPHRASE)
    try:
        assert problems(fresh) == []  # no entry yet, no anchor yet: nothing to report
        with fresh.session() as s:
            audit.record(s, "centre.create")
        assert (tmp_path / "centre.db.anchor").is_file()
        assert problems(fresh) == []
    finally:
        fresh.close()


def test_dying_between_the_first_save_and_its_anchor_is_no_false_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Store.create(tmp_path / "centre.db", PASSPHRASE)
    try:
        with monkeypatch.context() as m:
            m.setattr(anchor, "_write_head", lambda s: None)  # killed right after the commit
            with fresh.session() as s:
                audit.record(s, "centre.create")
        assert problems(fresh) == []  # the anchor is behind the trail, not missing
        add_family(fresh, "F-0001")
        with fresh.session() as s:
            count = audit.last_id(s)
        text = (tmp_path / "centre.db.anchor").read_text(encoding="utf-8")
        assert f'"count": {count},' in text  # caught up
    finally:
        fresh.close()


def test_the_trail_holds_digests_never_the_content_of_the_records(
    store: Store, history: dict[str, int]
) -> None:
    with store.session() as s:
        covered = [e for e in s.exec(select(AuditEntry)) if e.row_digest]
        assert {e.entity for e in covered} == set(audit_chain.COVERED)
        assert all(re.fullmatch("[0-9a-f]{64}", e.row_digest) for e in covered)


def test_no_text_of_a_covered_record_reaches_the_trail_or_its_anchor(
    store: Store, clock: FixedClock
) -> None:
    """Markers typed into every free-text field of an event, a letter request and a refusal:
    the entries about them carry digests only, and so does the anchor file."""
    store.act_as("Ann", clock.now)
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        booking_id = add_booking(s, family_id)
        event = attendance.record_event(
            s,
            booking_id,
            EventKind.no_show,
            ARRIVED,
            recorded_by="QzRecordedByQz",
            reason="QzEventReasonQz",
            notes="QzEventNotesQz",
        )
        assert event.id is not None
        attendance.correct_event(s, event.id, why="QzWhyQz", recorded_by="QzCorrectorQz")
        disclosure_log.record_refusal(
            s,
            family_id,
            date(2027, 3, 1),
            date(2027, 3, 31),
            now=ARRIVED,
            requested_by="QzRequestedByQz",
            recipient="QzRecipientQz",
            reason="QzRefusalQz",
        )
        entries = s.exec(select(AuditEntry)).all()
        assert len([e for e in entries if e.row_digest]) == 3  # the event, its fix, the refusal
        trail = " ".join(str(v) for e in entries for v in e.model_dump().values())
    anchor_text = store.path.with_name("centre.db.anchor").read_text(encoding="utf-8")
    assert "Qz" not in trail and "Qz" not in anchor_text
    assert problems(store) == []

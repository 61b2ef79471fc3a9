"""The audit trail: who did what and when, with no personal data, and any edit or deletion
of history named by `verify`."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from contactcentre.domain import audit
from contactcentre.domain.bookings import attendance
from contactcentre.domain.register import csv_io
from contactcentre.domain.register.families import load_family_form, save_family
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, EventKind
from tests.factories import add_booking, add_family


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
        every_value = " ".join(
            str(v) for e in s.exec(audit.select(AuditEntry)) for v in e.model_dump().values()
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

"""Destruction removes the family's data from the file, keeps the disclosure log's entry
without names, writes a destruction log entry that names no one, and leaves the audit
trail verifiable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.disclosure.log import DESTROYED, log_entries
from contactcentre.domain.errors import DomainError
from contactcentre.domain.permissions import Refused
from contactcentre.domain.retention import destroy, holds
from contactcentre.domain.retention.due import due_for_destruction
from contactcentre.store.engine import Store
from contactcentre.store.keys import current_passphrase
from contactcentre.store.models import Disclosure, Family, Person, TeamMember, TeamRole
from contactcentre.store.types import utcnow
from contactcentre.store.vacuum import vacuum
from tests.domain.retention.helpers import REFERRED, attended_on, closed_family

TODAY = date(2026, 7, 1)
MARKER = "QzDestroyMeNowzQ"


def plaintext_of(path: Path, key: str, tmp: Path) -> bytes:
    """The whole database decrypted (sqlcipher_export into a plaintext copy); `key` is
    the raw key SQLCipher takes, as the store held it."""
    plain = tmp / "plain.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f'PRAGMA key = "{key}"')
    conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    return plain.read_bytes()


def test_destroying_a_due_family_leaves_nothing_of_it_and_the_trail_verifies(
    store: Store, tmp_path: Path
) -> None:
    gone = closed_family(store, "F-0001", date(2023, 6, 1))
    attended_on(store, gone, date(2023, 5, 20))
    kept = closed_family(store, "F-0002", date(2025, 6, 1))
    with store.session() as s:
        for person in s.exec(select(Person).where(Person.family_id == gone)):
            person.notes = MARKER
            s.add(person)
        s.add(TeamMember(name="Jo Bloggs", role=TeamRole.volunteer, left_on=date(2019, 1, 1)))
    store.act_as("Cath", utcnow)
    with store.session() as s:
        due = due_for_destruction(s, TODAY)
        assert [f.ref for f in due.families] == ["F-0001"]
        done = destroy.destroy_due(s, TODAY, expected=due)
    vacuum(store)
    counts = {d.category: d.records for d in done}
    # the family, 3 people, its closure, a booking, an arrival, 2 signatures
    assert counts["family records"] == 9
    assert counts["disclosure log entries (personal data removed)"] == 1
    assert counts["volunteer files"] == 1
    with store.session() as s:
        assert s.get(Family, gone) is None and s.get(Family, kept) is not None
        assert audit.problems(s) == []
        log = destroy.destruction_log(s)
        stripped = s.exec(select(Disclosure).where(Disclosure.family_id.is_(None))).one()  # type: ignore[union-attr]
        entries = {e.reference: e for e in log_entries(s)}
        left = s.connection().execute(text("PRAGMA freelist_count")).scalar()
    assert stripped.recipient == "Smith & Co Solicitors" and stripped.requested_by == ""
    assert stripped.period_from == REFERRED  # the entry's dates stay
    assert entries["D-0001"].family_ref == DESTROYED
    assert (log[0].category, log[0].records, log[0].approved_by) == ("family records", 9, "Cath")
    assert all("F-0001" not in f"{e}" and "Jones" not in f"{e}" for e in log)
    assert left == 0
    key = current_passphrase(store)
    store.close()
    data = plaintext_of(store.path, key, tmp_path)
    assert MARKER.encode() not in data and b"Jo Bloggs" not in data
    assert b"Lawyer-F-0001" not in data and b"Lawyer-F-0002" in data
    assert b"F-0001" not in data  # not even its reference


def test_a_held_family_is_not_destroyed(store: Store) -> None:
    closed_family(store, "F-0001", date(2023, 6, 1))
    with store.session() as s:
        holds.set_hold(s, "F-0001", "Complaint to the ICO open")
        assert destroy.destroy_due(s, TODAY) == []
        assert s.exec(select(Family)).first() is not None


def test_what_changed_since_the_review_is_not_destroyed(store: Store) -> None:
    with store.session() as s:
        reviewed = due_for_destruction(s, TODAY)
    closed_family(store, "F-0001", date(2023, 6, 1))
    with store.session() as s, pytest.raises(DomainError, match="review it again"):
        destroy.destroy_due(s, TODAY, expected=reviewed)


def test_only_a_coordinator_destroys(store: Store) -> None:
    store.act_as("Val", store._now, TeamRole.volunteer)
    with store.session() as s, pytest.raises(Refused, match="Only a coordinator can destroy"):
        destroy.destroy_due(s, TODAY)


def test_a_resolved_complaint_is_destroyed_and_logged_without_who_complained(
    store: Store, tmp_path: Path
) -> None:
    from contactcentre.domain.safeguarding import complaints

    with store.session() as s:
        for who in ("QzComplainerOnezQ", "QzStillOpenzQ"):
            complaints.add_complaint(
                s, received=date(2025, 2, 1), from_whom=who, about=f"{who} about the door",
                today=date(2025, 2, 1),
            )  # fmt: skip
        complaints.update_complaint(s, "C-0001", responded_on=date(2025, 3, 10), outcome="Sorry")
    store.act_as("Cath", utcnow)
    with store.session() as s:
        due = due_for_destruction(s, TODAY)
        done = destroy.destroy_due(s, TODAY, expected=due)
    vacuum(store)
    assert [(d.category, d.records, d.rule) for d in done] == [
        ("complaints", 1, "1 year after the complaint was resolved")
    ]
    with store.session() as s:
        assert [c.from_whom for c in complaints.complaints(s)] == ["QzStillOpenzQ"]
        assert audit.problems(s) == []
        log = destroy.destruction_log(s)
    assert [(e.category, e.records, e.approved_by) for e in log] == [("complaints", 1, "Cath")]
    key = current_passphrase(store)
    store.close()
    data = plaintext_of(store.path, key, tmp_path)
    assert b"QzComplainerOnezQ" not in data and b"QzStillOpenzQ" in data


def test_a_family_destroyed_with_its_incident_takes_the_marks_on_it_too(store: Store) -> None:
    from datetime import UTC, datetime

    from contactcentre.domain.retention import access, withholding
    from contactcentre.domain.safeguarding import incidents
    from contactcentre.store.models import Incident, IncidentCategory, WithheldPassage

    family_id = closed_family(store, "F-0001", date(2022, 2, 1))
    with store.session() as s:
        form = incidents.IncidentForm(
            datetime(2022, 1, 22, 10, tzinfo=UTC), IncidentCategory.aggression,
            family_id=family_id, seen="Shouting", said="QzTheirWordszQ", decision="Warning",
        )  # fmt: skip
        incidents.sign_off(s, incidents.record_incident(s, form).id or 0)
        _, sarah, _ = access.find_subject(s, "F-0001", "Sarah Jones")
        withholding.mark(s, sarah, frozenset(p.passage for p in withholding.passages(s, family_id)))
    with store.session() as s:
        assert due_for_destruction(s, date(2028, 1, 31)).families == []  # incidents: 6 years
        done = destroy.destroy_due(s, date(2028, 2, 1))
        assert {d.category for d in done} >= {"family records"}
        assert s.exec(select(WithheldPassage)).all() == [] and s.exec(select(Incident)).all() == []
        assert audit.problems(s) == []

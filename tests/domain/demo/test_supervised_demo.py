"""The demo centre shows supervised contact as a coordinator would meet it: records the
supervisor wrote, the older ones approved by the coordinator, the latest waiting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import col, select

from contactcentre.domain.demo.families import DEMO_COORDINATOR, DEMO_PASSPHRASE, create_demo
from contactcentre.domain.demo.supervised import WORKER
from contactcentre.store import unlocking
from contactcentre.store.models import ObservationRecord, ObservationState, SupervisedCase


def test_the_demo_has_supervised_records_to_approve_and_approved_ones(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    create_demo(path, DEMO_PASSPHRASE, families=40, today=date(2026, 12, 2))
    store = unlocking.unlock(path, DEMO_COORDINATOR, DEMO_PASSPHRASE)
    try:
        with store.session() as s:
            found = s.exec(select(ObservationRecord).order_by(col(ObservationRecord.id))).all()
            cases = s.exec(select(SupervisedCase)).all()
    finally:
        store.close()
    states = {r.state for r in found}
    assert states == {ObservationState.approved, ObservationState.submitted}
    assert {r.author for r in found} == {WORKER}
    assert {r.approved_by for r in found if r.state == ObservationState.approved} == {
        DEMO_COORDINATOR
    }
    assert [c.case_number for c in cases] == ["ZE27C00412"]

"""The retention scripting face (issue 20): retention, --destroy --confirm, destructions,
hold, close and subject-access, exactly as the contract words them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from contactcentre.store.engine import Store
from tests.cli.conftest import Run
from tests.domain.retention.helpers import closed_family
from tests.factories import add_family
from tests.pdf_text import pdf_text


def test_close_records_the_outcome_and_stats_count_it(
    store: Store, cli: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    add_family(store, "F-0001", today=date(2026, 1, 5), referral_date=date(2026, 1, 5))
    code, out, err = cli("close", "F-0001", "--outcome", "stepped_up", "--date", "2026-03-01")
    assert code == 0, err
    assert out.strip() == "F-0001 closed: stepped up to supervised contact"
    _, out, _ = cli("stats", "--from", "2026-01-01", "--to", "2026-03-31", "--json")
    assert json.loads(out)["outcomes"]["stepped_up"] == 1
    with pytest.raises(SystemExit):
        cli("close", "F-0001", "--outcome", "sideways")
    assert "invalid choice: 'sideways'" in capsys.readouterr().err


def test_retention_lists_destroys_and_logs_and_the_trail_still_verifies(
    store: Store, cli: Run
) -> None:
    closed_family(store, "F-0001", date(2022, 6, 1))
    closed_family(store, "F-0002", date(2022, 7, 1))
    code, _, err = cli("hold", "F-0002", "--reason", "Court hearing pending")
    assert code == 0, err
    code, out, err = cli("retention", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [f["ref"] for f in listed["families"]] == ["F-0001"]
    assert listed["due"][0] == {
        "category": "family records",
        "count": 1,
        "rule": "3 years after the last attendance or contact with the centre",
    }
    assert listed["held"][0]["ref"] == "F-0002" and "Court hearing" in listed["held"][0]["reason"]
    code, _, err = cli("retention", "--destroy")
    assert code != 0 and "--confirm" in err
    code, out, err = cli("retention", "--destroy", "--confirm")
    assert code == 0, err
    assert "family records: 7 destroyed" in out
    code, out, _ = cli("destructions")
    assert "family records: 7" in out and "F-0001" not in out
    code, out, _ = cli("audit", "--verify")
    assert (code, out.strip()) == (0, "ok")
    _, out, _ = cli("retention", "--json")
    assert json.loads(out)["families"] == []
    code, _, err = cli("export-families", str(store.path.parent / "families.csv"))
    exported = (store.path.parent / "families.csv").read_text()
    assert code == 0 and "F-0001" not in exported and "F-0002" in exported
    code, _, err = cli("hold", "F-0002", "--release")
    assert code == 0, err


def test_subject_access_writes_the_persons_data_and_withholds_the_other_parents(
    store: Store, cli: Run, tmp_path: Path
) -> None:
    add_family(store, "F-0001", today=date(2026, 1, 5), referral_date=date(2026, 1, 5))
    other = add_family(store, "F-0002", today=date(2026, 1, 5), referral_date=date(2026, 1, 5))
    from sqlmodel import select

    from contactcentre.store.models import Person, Role

    with store.session() as s:
        for p in s.exec(select(Person)):
            if p.family_id == other:
                p.first_name = "QzOtherFamilyzQ"
            elif p.role == Role.non_resident_parent:
                p.address, p.phone, p.email = "QzOtherAddresszQ", "+441134960777", "q@x.example"
            else:
                p.notes = "QzOwnNoteszQ" if p.role == Role.resident_parent else p.notes
            s.add(p)
    code, _, err = cli(
        "subject-access", "F-0001", "--person", "Sarah Jones", "-o", str(tmp_path / "sar")
    )
    assert code == 0, err
    data = (tmp_path / "sar" / "subject-access.json").read_text()
    text = pdf_text((tmp_path / "sar" / "subject-access.pdf").read_bytes())
    for written in (data, text):
        assert "QzOwnNoteszQ" in written and "Lily" in written
        assert "[withheld: third party]" in written
        for third in ("QzOtherAddresszQ", "4960777", "q@x.example", "QzOtherFamilyzQ"):
            assert third not in written, third
    _, out, _ = cli("disclosures")
    assert "Sarah Jones" in out
    code, _, err = cli("subject-access", "F-0001", "--person", "Nobody Here", "-o", str(tmp_path))
    assert code != 0 and "no adult called" in err


def test_a_resolved_complaint_is_listed_destroyed_and_logged_by_count_only(
    store: Store, cli: Run
) -> None:
    from contactcentre.domain.safeguarding import complaints

    with store.session() as s:  # answered over a year before the CLI's today
        for who in ("QzComplainerzQ", "Still waiting"):
            complaints.add_complaint(
                s, received=date(2025, 2, 1), from_whom=who, about="The door",
                today=date(2025, 2, 1),
            )  # fmt: skip
        complaints.update_complaint(
            s, "C-0001", responded_on=date(2025, 3, 10), outcome="Apologised"
        )
    code, out, err = cli("retention", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert {
        "category": "complaints",
        "count": 1,
        "rule": "1 year after the complaint was resolved",
    } in listed["due"]
    assert listed["complaints"] == [
        {"ref": "C-0001", "resolved_on": "2025-03-10", "due_on": "2026-03-10"}
    ]
    _, out, _ = cli("retention")
    assert "complaints: 1 due (1 year after the complaint was resolved)" in out
    code, out, err = cli("retention", "--destroy", "--confirm")
    assert (code, out.strip()) == (
        0,
        "complaints: 1 destroyed (1 year after the complaint was resolved)",
    )
    _, out, _ = cli("destructions")
    assert "complaints: 1 (1 year after the complaint was resolved)" in out
    assert "QzComplainerzQ" not in out and "C-0001" not in out
    _, out, _ = cli("complaints")
    assert "C-0001" not in out and "C-0002" in out  # the one still waiting is kept
    code, out, _ = cli("audit", "--verify")
    assert (code, out.strip()) == (0, "ok")

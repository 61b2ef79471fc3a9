"""The contract of rekey, backup, restore, audit and check, as a script would use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from contactcentre.store.engine import Store
from tests.cli.conftest import Run
from tests.conftest import PASSPHRASE
from tests.factories import add_family

NEW = "a brand new passphrase"


def add_family_later(data_dir: Path, ref: str) -> None:
    store = Store.open(data_dir / "centre.db", PASSPHRASE)
    try:
        add_family(store, ref)
    finally:
        store.close()


@pytest.fixture
def cli(cli: Run, store: Store, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The shared runner, on a closed store holding one family, with no other
    passphrase waiting in the environment."""
    add_family(store, "F-0001")
    store.close()
    monkeypatch.delenv("CONTACTCENTRE_BACKUP_PASSPHRASE", raising=False)
    monkeypatch.delenv("CONTACTCENTRE_NEW_PASSPHRASE", raising=False)
    return cli


def test_rekey_takes_the_new_passphrase_from_the_environment(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", NEW)
    code, out, _ = cli("rekey")
    assert code == 0 and "Passphrase changed" in out
    code, _, err = cli("check")
    assert code == 1 and "name or passphrase is wrong" in err
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", NEW)
    assert cli("check")[:2] == (0, "ok\n")
    code, out, _ = cli("audit")
    assert out.splitlines()[-1].split("\t")[3] == "passphrase.change"


def test_rekey_refuses_a_short_passphrase(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", "short")
    code, _, err = cli("rekey")
    assert code == 1 and err.count("\n") == 1 and "at least" in err
    assert cli("check")[0] == 0  # still the old passphrase


def test_backup_then_restore_with_the_backups_own_passphrase(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    target = tmp_path / "usb.ccbackup"
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", "usb stick phrase")
    code, out, _ = cli("backup", str(target))
    assert code == 0 and "families: 1" in out and target.exists()

    add_family_later(data_dir, "F-0002")  # after the backup
    code, out, _ = cli("restore", str(target))
    assert code == 0 and "Restored the backup of" in out and "before-restore" in out
    cli("export-families", str(tmp_path / "after.csv"))
    rows = (tmp_path / "after.csv").read_text().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["F-0001"]
    assert cli("check")[0] == 0  # the restored copy opens with the centre's passphrase


def test_a_plaintext_backup_or_a_wrong_backup_passphrase_is_one_clear_line(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", "")
    code, _, err = cli("backup", str(tmp_path / "plain.db"))
    assert code == 1 and "unencrypted" in err and not (tmp_path / "plain.db").exists()
    monkeypatch.delenv("CONTACTCENTRE_BACKUP_PASSPHRASE")
    assert cli("backup", str(tmp_path / "b.db"))[0] == 0  # default: the centre's passphrase
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", "not it")
    code, _, err = cli("restore", str(tmp_path / "b.db"))
    assert code == 1 and "does not open this backup" in err and err.count("\n") == 1


def test_audit_verify_says_ok_then_names_the_tampered_entry(cli: Run, data_dir: Path) -> None:
    assert cli("audit", "--verify")[:2] == (0, "ok\n")
    code, out, _ = cli("audit", "--family", "F-0001")
    assert [line.split("\t")[3] for line in out.splitlines()][:2] == [
        "family.create",
        "person.create",
    ]
    store = Store.open(data_dir / "centre.db", PASSPHRASE)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET entity_id = 99 WHERE id = 3"))
    store.close()
    code, out, _ = cli("audit", "--verify")
    assert code == 1 and out == "audit entry 3 was changed after it was written\n"


def test_check_reports_one_flipped_byte(cli: Run, data_dir: Path) -> None:
    add_family_later(data_dir, "F-0002")
    db = data_dir / "centre.db"
    data = bytearray(db.read_bytes())
    data[-2000] ^= 0x01
    db.write_bytes(bytes(data))
    code, out, _ = cli("check")
    assert code == 1 and "HMAC verification failed" in out


def test_audit_verify_and_check_name_each_problem_on_its_own_line(cli: Run, data_dir: Path) -> None:
    """Entries cut from the end of the trail with the passphrase and a SQL tool: both commands
    say so in one line and fail; so does a missing anchor file."""
    assert cli("check")[:2] == (0, "ok\n")
    store = Store.open(data_dir / "centre.db", PASSPHRASE)
    with store.engine.begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM audit_entry")).scalar_one()
        conn.execute(text("DELETE FROM audit_entry WHERE id > :keep"), {"keep": last - 2})
    store.close()
    for command in (("audit", "--verify"), ("check",)):
        code, out, err = cli(*command)
        assert (code, err) == (1, "")
        assert len(out.splitlines()) == 1
        assert out.startswith("the audit trail is 2 entries shorter than its last anchor of ")
    (data_dir / "centre.db.anchor").unlink()
    code, out, _ = cli("audit", "--verify")
    assert code == 1 and "anchor file centre.db.anchor is missing" in out


def test_a_badly_damaged_database_or_backup_is_reported_in_one_line(
    cli: Run, data_dir: Path, tmp_path: Path
) -> None:
    for n in range(2, 30):
        add_family_later(data_dir, f"F-{n:04d}")
    db = data_dir / "centre.db"
    assert cli("backup", str(tmp_path / "b.db"))[0] == 0
    for damaged in (db, tmp_path / "b.db"):
        data = bytearray(damaged.read_bytes())
        for page in range(1, 8):  # a bit flipped in each of the last pages
            data[-page * 4096 + 100] ^= 0x01
        damaged.write_bytes(bytes(data))
    code, out, _ = cli("check")
    assert code == 1 and out.count("\n") == 1 and "HMAC verification failed" in out
    assert "more problems" in out
    code, out, err = cli("restore", str(tmp_path / "b.db"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "damaged" in err

"""The CLI face of damaged files: one clear line, a non-zero exit, the file untouched.

tests/store/ proves what `Store.open` raises for each kind of damage; these run the real
`contactcentre` command on the same kinds of file, in a child process, so a traceback,
a C-level message from SQLCipher, or a crash would show on stderr or in the exit code.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from contactcentre.cli import main
from contactcentre.domain.register.csv_io import FAMILY_COLUMNS
from contactcentre.store.db_file import PAGE_SIZE
from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE
from tests.factories import add_family

pytestmark = pytest.mark.slow


def _truncated_mid_page(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:10_000])


def _truncated_at_a_page(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: 3 * PAGE_SIZE])  # page 1 decrypts; the rest is gone


def _random_bytes(db: Path) -> None:
    db.write_bytes(os.urandom(8 * PAGE_SIZE))


def _random_odd_size(db: Path) -> None:
    db.write_bytes(os.urandom(5_000))


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _plain_sqlite(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE family (ref TEXT)")
    conn.close()


def _text_file(db: Path) -> None:
    db.write_text("ref,contact_type\nF-0001,supported\n", encoding="utf-8")


def _newer_schema(db: Path) -> None:
    store = Store.open(db, PASSPHRASE)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    store.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    # kind of damage: (how to do it, what the one line must say)
    "empty file": (_empty, "not a Contact Centre database"),
    "truncated mid-page": (_truncated_mid_page, "not a Contact Centre database"),
    "truncated at a page": (_truncated_at_a_page, "not a Contact Centre database"),
    "random bytes": (_random_bytes, "does not open with the key"),
    "random bytes, odd size": (_random_odd_size, "not a Contact Centre database"),
    "plain SQLite file": (_plain_sqlite, "not a Contact Centre database"),
    "a CSV saved over it": (_text_file, "not a Contact Centre database"),
    "newer schema": (_newer_schema, "newer version of Contact Centre"),
}


def digest(folder: Path) -> dict[str, str]:
    """Every file in the data folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def damaged(store: Store, data_dir: Path) -> Callable[[str], Path]:
    """A centre folder whose database has had the named damage done to it."""
    add_family(store, "F-0001")
    store.close()

    def make(kind: str) -> Path:
        folder = data_dir.parent / kind.replace(" ", "-").replace(",", "")
        folder.mkdir()
        for name in ("centre.db", "centre.db.keys"):  # the database and its logins
            (folder / name).write_bytes((data_dir / name).read_bytes())
        DAMAGE[kind][0](folder / "centre.db")
        return folder

    return make


def run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONTACTCENTRE_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-m", "contactcentre", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_on_a_damaged_file_says_so_in_one_line(
    damaged: Callable[[str], Path],
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """capfd, not capsys: a message SQLCipher's C code writes to stderr counts too."""
    folder = damaged(kind)
    before = digest(folder)
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    code = main(["--data-dir", str(folder), "check"])
    out, err = capfd.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("contactcentre check: "), err
    assert DAMAGE[kind][1] in err
    assert digest(folder) == before, "the folder was changed"


def test_the_installed_command_gives_one_line_and_exit_1_too(
    damaged: Callable[[str], Path],
) -> None:
    kinds = ["truncated at a page", "random bytes"]
    folders = [damaged(kind) for kind in kinds]
    before = [digest(folder) for folder in folders]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda folder: run_cli(folder, "check"), folders))
    for kind, folder, digest_before, result in zip(kinds, folders, before, results, strict=True):
        assert result.returncode == 1, (kind, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("contactcentre check: "), (kind, lines)
        assert DAMAGE[kind][1] in lines[0]
        assert result.stdout == ""
        assert digest(folder) == digest_before


@pytest.mark.parametrize("kind", ["truncated at a page", "random bytes", "newer schema"])
def test_imports_and_exports_refuse_a_damaged_file_and_write_nothing(
    damaged: Callable[[str], Path],
    kind: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = damaged(kind)
    before = digest(folder)
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    families = tmp_path / "families.csv"
    families.write_text(
        ",".join(FAMILY_COLUMNS) + "\nF-0002,supported,,,,,,,2026-01-10,,,\n", encoding="utf-8"
    )
    export = tmp_path / "export.csv"
    for command, path in [("import-families", families), ("export-families", export)]:
        code = main(["--data-dir", str(folder), command, str(path)])
        err = capsys.readouterr().err
        assert code == 1, (kind, command)
        assert err.count("\n") == 1 and err.startswith(f"contactcentre {command}: "), err
        assert DAMAGE[kind][1] in err, err
    assert not export.exists()
    assert digest(folder) == before

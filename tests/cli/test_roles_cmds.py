"""A volunteer at the terminal: the session-day commands work, the coordinator's refuse in
one line that says who may, and the trail says who was refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contactcentre.domain import audit
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from tests.cli.conftest import Run
from tests.factories import add_booking, add_family

DAY = date(2027, 3, 13)
VOLUNTEER = "Sam Volunteer"


@pytest.fixture
def volunteer_cli(cli: Run, store: Store, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The CLI run by a volunteer. Until there are logins, every command acts as the
    computer's account (a coordinator): here act_as is made to say a volunteer. With
    `--user`, this becomes `cli("--user", VOLUNTEER, *args)`."""
    with store.session() as s:
        add_booking(s, add_family(store, "F-0001"), DAY)
    real = Store.act_as

    def as_volunteer(self: Store, actor: str, now: object, role: object = None) -> None:
        real(self, VOLUNTEER, now, TeamRole.volunteer)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "act_as", as_volunteer)
    return cli


REFUSED = [
    (["export-people", "people.csv"], "export-people", "export the register", "people.csv"),
    (["export-families", "f.xlsx", "--xlsx"], "export-families", "export the register", "f.xlsx"),
    (
        ["letter", "F-0001", "--from", "2027-03-01", "--to", "2027-03-31", "-o", "l.pdf"],
        "letter",
        "produce letters",
        "l.pdf",
    ),
    (["audit"], "audit", "see or check the audit trail", ""),
    (["audit", "--verify"], "audit", "see or check the audit trail", ""),
    (["backup", "b.ccbackup"], "backup", "make or restore a backup", "b.ccbackup"),
]


@pytest.mark.parametrize(("args", "command", "doing", "file"), REFUSED, ids=lambda a: str(a))
def test_a_volunteer_is_refused_in_one_line_and_the_trail_names_them(
    volunteer_cli: Run,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    command: str,
    doing: str,
    file: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", "a long backup passphrase")
    code, out, err = volunteer_cli(*args)
    assert (code, out) == (1, "")
    assert err == f"contactcentre {command}: Only a coordinator can {doing}.\n"
    assert not file or not (tmp_path / file).exists()
    with store.session() as s:  # the test's own store acts as the coordinator
        newest = audit.entries(s, limit=1)[0]
    assert (newest.actor, newest.action) == (VOLUNTEER, "refused")
    assert newest.detail.endswith("(volunteer)")


def test_a_volunteer_lists_sessions_reads_the_day_and_prints_the_sign_in_sheet(
    volunteer_cli: Run, tmp_path: Path
) -> None:
    code, out, err = volunteer_cli("sessions", "--from", "2027-03-01", "--to", "2027-03-31")
    assert (code, err) == (0, "")
    assert "2027-03-13 Sat 10:00-12:00 open 1/4" in out
    code, out, err = volunteer_cli("session", "2027-03-13")
    assert (code, err) == (0, "")
    assert "F-0001" in out
    sheet = tmp_path / "sheet.pdf"
    code, out, err = volunteer_cli("sheet", "2027-03-13", "-o", str(sheet))
    assert (code, err) == (0, "")
    assert sheet.read_bytes().startswith(b"%PDF")

"""What the app leaves on disk is the user's alone, and a crash leaves nothing at all.

Each test runs the real `contactcentre` entry point in a child process with its own home
folders, as a coordinator's laptop would: every folder it makes is 0700 and every file
0600 (database, backups, letters, sheets, exports, logs); an older version's readable
folders are tightened; and a crash while the passphrase and the key are in memory writes
no core file, even where the machine allows them.
"""

from __future__ import annotations

import contextlib
import os
import pty
import resource
import select
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.slow

WIDE = ("--from", "2020-01-01", "--to", "2030-12-31")


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment whose user folders are all under tmp_path/home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTACTCENTRE_")}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / "home" / var.lower())
    env["HOME"] = str(tmp_path / "home")
    return env


def as_a_laptop_starts_it() -> None:
    """The child starts as on a usual machine, whatever this test process has become (a
    CLI test run in this process hardened it): umask 022, and core dumps allowed as far
    as the machine lets anyone raise them (a shell's `ulimit -c unlimited`)."""
    os.umask(0o022)
    for limit in (resource.RLIM_INFINITY, resource.getrlimit(resource.RLIMIT_CORE)[1]):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (limit, limit))
            return


def contactcentre(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "contactcentre", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=as_a_laptop_starts_it,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def not_private(*roots: Path) -> list[str]:
    """Every folder under the roots that is not 0700 and every file that is not 0600."""
    found = []
    for root in roots:
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode != (0o700 if path.is_dir() else 0o600):
                found.append(f"{path.relative_to(root.parent)} {mode:o}")
    return found


def test_every_file_and_folder_the_app_makes_is_private(
    home: dict[str, str], tmp_path: Path
) -> None:
    data, out = tmp_path / "centre", tmp_path / "out"
    out.mkdir()
    out.chmod(0o755)  # a folder the user chose, readable by others: its files still are not
    env = {**home, "CONTACTCENTRE_PASSPHRASE": "demo"}
    at = ("--data-dir", str(data))
    contactcentre(env, *at, "demo", "--no-gui", "--families", "4")
    contactcentre(env, *at, "backup", str(out / "backup.db"))
    contactcentre(env, *at, "sheet", "--blank", "-o", str(out / "sheet.pdf"))
    contactcentre(env, *at, "letters", *WIDE, "-o", str(out / "letters" / "spring"))
    contactcentre(env, *at, "export-families", str(out / "families.csv"))
    contactcentre(env, *at, "restore", str(out / "backup.db"))  # keeps the replaced one
    made = sorted(p.name for p in out.rglob("*"))
    assert {"backup.db", "sheet.pdf", "families.csv"} < set(made)
    assert list((out / "letters" / "spring").glob("F-*.pdf")), made
    assert len(list(data.iterdir())) > 2, "no database was set aside by the restore"
    assert not_private(data, *out.iterdir()) == []


def test_the_log_and_settings_of_the_app_are_private(home: dict[str, str], tmp_path: Path) -> None:
    """The GUI writes its log at start; it is shut down once that is written."""
    env = {**home, "QT_QPA_PLATFORM": "offscreen"}
    log = Path(home["XDG_STATE_HOME"]) / "ContactCentre" / "log" / "contactcentre.log"
    gui = subprocess.Popen(
        [sys.executable, "-m", "contactcentre", "--data-dir", str(tmp_path / "centre")],
        env=env,
        preexec_fn=as_a_laptop_starts_it,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(600):  # up to a minute on a busy machine
            if log.exists() and "started" in log.read_text(encoding="utf-8"):
                break
            if gui.poll() is not None:
                pytest.fail(f"the app stopped: {gui.stderr.read().decode() if gui.stderr else ''}")
            select.select([], [], [], 0.1)
        else:
            pytest.fail("the app wrote no log line within a minute")
    finally:
        gui.terminate()
        gui.wait(timeout=30)
    made = [p for p in Path(home["HOME"]).rglob("ContactCentre")]
    assert made, "the app made no folder of its own"
    assert not_private(*made) == []


def test_an_older_versions_readable_folders_are_made_private_but_not_the_users_own(
    home: dict[str, str], tmp_path: Path
) -> None:
    own = [
        Path(home["XDG_DATA_HOME"]) / "ContactCentre",
        Path(home["XDG_STATE_HOME"]) / "ContactCentre" / "log",
        Path(home["XDG_CONFIG_HOME"]) / "ContactCentre",
    ]
    chosen = tmp_path / "shared-centre"
    for folder in [*own, chosen]:
        folder.mkdir(parents=True)
        folder.chmod(0o755)
    contactcentre({**home, "CONTACTCENTRE_DATA_DIR": str(chosen)}, "--version")
    assert [oct(stat.S_IMODE(f.stat().st_mode)) for f in own] == ["0o700"] * 3
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755


def read_until(fd: int, marker: bytes) -> bytes:
    """What the child wrote to its terminal, up to and including `marker`."""
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            pytest.fail(f"no {marker!r} within a minute; the terminal showed {seen!r}")
        seen += os.read(fd, 4096)
    return seen


@pytest.fixture
def at_the_backup_prompt(
    store_folder: Path, home: dict[str, str], tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`contactcentre backup` on a terminal, unlocked with the typed passphrase and
    waiting for the backup's: the passphrase and the key are in its memory. A core dump
    would land in its working folder where core_pattern is `core`, as on this machine."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    command = ["--data-dir", str(store_folder), "backup", str(tmp_path / "backup.db")]
    terminal, child_end = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "contactcentre", *command],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        cwd=cwd,
        env=home,
        preexec_fn=as_a_laptop_starts_it,
        start_new_session=True,  # no controlling terminal but this one
    )
    os.close(child_end)
    try:
        read_until(terminal, b"Passphrase: ")
        os.write(terminal, PASSPHRASE.encode() + b"\n")
        read_until(terminal, b"Backup passphrase")
        yield child, cwd
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        os.close(terminal)


@pytest.fixture
def store_folder(store: Store, data_dir: Path) -> Path:
    store.close()
    return data_dir


@pytest.mark.skipif(sys.platform != "linux", reason="reads Linux's /proc")
def test_the_unlocked_process_may_not_dump_core_and_makes_only_private_files(
    at_the_backup_prompt: tuple[subprocess.Popen[bytes], Path],
) -> None:
    child, _cwd = at_the_backup_prompt
    assert "Umask:\t0077" in Path(f"/proc/{child.pid}/status").read_text().splitlines()
    limits = Path(f"/proc/{child.pid}/limits").read_text().splitlines()
    [core] = [line.split()[4:6] for line in limits if line.startswith("Max core file size")]
    assert core == ["0", "0"]  # soft and hard: nothing it runs can raise it again


AFTER_MAIN = """
import ctypes, sys
from contactcentre.cli import main
code = main(sys.argv[1:])
print(code, ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
"""


@pytest.mark.skipif(sys.platform != "linux", reason="prctl is Linux's")
def test_after_a_command_the_process_is_not_dumpable(
    store_folder: Path, home: dict[str, str]
) -> None:
    """Not dumpable: no core even through a crash handler the kernel pipes cores to
    (which ignores the core size limit), and no other program of the same user may attach
    to read its memory. /proc does not show it to root, so the process says it itself."""
    env = {**home, "CONTACTCENTRE_PASSPHRASE": PASSPHRASE}
    done = subprocess.run(
        [sys.executable, "-c", AFTER_MAIN, "--data-dir", str(store_folder), "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert done.stdout.splitlines()[-1] == "0 0", done.stderr


def test_a_crash_while_unlocked_writes_no_core_file(
    at_the_backup_prompt: tuple[subprocess.Popen[bytes], Path],
) -> None:
    child, cwd = at_the_backup_prompt
    child.send_signal(signal.SIGSEGV)
    assert child.wait(timeout=30) == -signal.SIGSEGV
    assert sorted(p.name for p in cwd.iterdir()) == []

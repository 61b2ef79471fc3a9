"""Hostile places to write a document or export: each is refused in one line, untouched.

A coordinator (or a script) who gives `-o` a device, a pipe, a link, a folder, a name too
long for the disk, a folder nobody may write in, or the centre's own database files sees
one clear line; the thing named is left exactly as it was, and no stray file is left.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from contactcentre import outputs
from contactcentre.store.engine import Store
from contactcentre.store.models import FamilyStatus
from tests.cli.conftest import Run
from tests.factories import ready_family
from tests.letter_history import book_spring
from tests.pdf_text import pdf_text

SPRING = ("--from", "2027-03-01", "--to", "2027-06-30")
COMMANDS = {  # the command line before its output file
    "sheet": ("sheet", "--blank", "-o"),
    "agreement": ("agreement", "--blank", "-o"),
    "letter": ("letter", "F-0001", *SPRING, "-o"),
    "export-families": ("export-families",),
    "export-people": ("export-people",),
    "stats-report": ("stats-report", *SPRING, "-o"),  # --csv goes through the same writer
}
PDF_COMMANDS = ("sheet", "agreement", "letter", "stats-report")


@pytest.fixture
def centre(cli: Run, store: Store) -> Run:
    """The test centre with one supported family who can have a letter, store closed."""
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    store.close()
    return cli


def refused_in_one_line(result: tuple[int, str, str], command: str, says: str) -> None:
    code, out, err = result
    assert (code, out) == (1, ""), err
    assert len(err.splitlines()) == 1 and err.startswith(f"contactcentre {command}: "), err
    assert says in err, err


def shape(path: Path) -> tuple[int, int, bytes | str]:
    """What a coordinator could tell about a path: its kind, its size, where it points."""
    info = os.lstat(path)
    pointed = os.readlink(path) if stat.S_ISLNK(info.st_mode) else b""
    return stat.S_IFMT(info.st_mode), info.st_size, pointed


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.pdf")
    return folder / "pipe.pdf"


def _socket(folder: Path) -> Path:
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "sock.pdf"))
    listening.close()
    return folder / "sock.pdf"


def _link_to_dev_null(folder: Path) -> Path:
    (folder / "null.pdf").symlink_to("/dev/null")
    return folder / "null.pdf"


def _link_to_a_file(folder: Path) -> Path:
    (folder / "elsewhere.txt").write_text("someone else's file\n", encoding="utf-8")
    (folder / "link.pdf").symlink_to(folder / "elsewhere.txt")
    return folder / "link.pdf"


def _folder(folder: Path) -> Path:
    (folder / "letters.pdf").mkdir()
    return folder / "letters.pdf"


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    # what: (how to make it in a folder, what the one line says)
    "a named pipe": (_fifo, "is not an ordinary file (a device, pipe or socket)"),
    "a socket": (_socket, "is not an ordinary file (a device, pipe or socket)"),
    "a link to /dev/null": (_link_to_dev_null, "is a link to another file"),
    "a link to a file": (_link_to_a_file, "is a link to another file"),
    "a folder": (_folder, "is a folder: give a file name inside it."),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_pipe_socket_link_or_folder_is_refused_and_left_as_it_was(
    centre: Run, tmp_path: Path, command: str, kind: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    make, says = HOSTILE[kind]
    target = make(folder)
    before = {p.name: shape(p) for p in folder.iterdir()}
    refused_in_one_line(centre(*COMMANDS[command], str(target)), command, says)
    assert {p.name: shape(p) for p in folder.iterdir()} == before
    if kind == "a link to a file":
        assert (folder / "elsewhere.txt").read_text(encoding="utf-8") == "someone else's file\n"


@pytest.mark.parametrize("inside", [False, True])
def test_a_loop_of_links_is_one_line(centre: Run, tmp_path: Path, inside: bool) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "loop").symlink_to(folder / "loop")
    target = folder / "loop" / "sheet.pdf" if inside else folder / "loop"
    says = f"Cannot write {target}: "
    refused_in_one_line(centre("sheet", "--blank", "-o", str(target)), "sheet", says)
    assert [p.name for p in folder.iterdir()] == ["loop"]
    assert os.readlink(folder / "loop") == str(folder / "loop")


@pytest.fixture
def dev_full() -> Iterator[Path]:
    """/dev/full, only once the refusal is known to come before anything is touched: an
    old build renamed a file over it, replacing the machine's device node."""
    device = Path("/dev/full")
    if not stat.S_ISCHR(os.lstat(device).st_mode):
        pytest.fail("/dev/full is not a character device on this machine")
    with pytest.raises(outputs.OutputRefused, match="not an ordinary file"):
        outputs.check_target(device, database=Path("/nonexistent/centre.db"))
    yield device
    assert stat.S_ISCHR(os.lstat(device).st_mode), "/dev/full was replaced"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused_and_stays_a_device(centre: Run, dev_full: Path, command: str) -> None:
    before = sorted(os.listdir("/dev"))
    says = "/dev/full is not an ordinary file (a device, pipe or socket): choose a file"
    refused_in_one_line(centre(*COMMANDS[command], str(dev_full)), command, says)
    assert sorted(os.listdir("/dev")) == before  # no temporary file left beside it


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("length", [251, 255])
def test_a_long_file_name_that_the_disk_allows_is_written(
    centre: Run, tmp_path: Path, command: str, length: int
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    suffix = ".pdf" if command in PDF_COMMANDS else ".csv"
    target = folder / ("x" * (length - 4) + suffix)
    code, _out, err = centre(*COMMANDS[command], str(target))
    assert code == 0, err
    if command in PDF_COMMANDS:
        assert pdf_text(target)
    else:
        assert target.read_text(encoding="utf-8").startswith(("ref,", "family_ref,"))
    assert [p.name for p in folder.iterdir()] == [target.name]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_name_too_long_for_the_disk_is_one_line(
    centre: Run, tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("é" * 126 + ".pdf")  # 256 bytes in UTF-8
    says = "is too long (256 bytes; at most 255): choose a shorter name."
    refused_in_one_line(centre(*COMMANDS[command], str(target)), command, says)
    assert list(folder.iterdir()) == []


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder this process may not write in. Root may write anywhere on a normal
    disk, so as root it is /sys (the kernel refuses new files there even to root)."""
    if os.geteuid() == 0:
        yield Path("/sys")
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("command", PDF_COMMANDS)
def test_a_folder_nobody_may_write_in_is_one_line(
    centre: Run, read_only_folder: Path, command: str
) -> None:
    before = sorted(os.listdir(read_only_folder))
    target = read_only_folder / "letter.pdf"
    says = f"Cannot write {target}: Permission denied."
    refused_in_one_line(centre(*COMMANDS[command], str(target)), command, says)
    assert sorted(os.listdir(read_only_folder)) == before


@pytest.mark.parametrize(
    ("suffix", "command"),
    [
        ("-wal", "sheet"),
        ("-shm", "letter"),
        ("-journal", "agreement"),
        (".lock", "export-families"),
        (".anchor", "letter"),
        ("-wal", "export-people"),
    ],
)
def test_none_of_the_databases_own_files_can_be_written_over(
    centre: Run, store: Store, suffix: str, command: str
) -> None:
    """(The database file itself: tests/cli/test_outputs.py, for every command.)"""
    target = store.path.with_name(store.path.name + suffix)
    says = "is the centre's own database: choose another file."
    refused_in_one_line(centre(*COMMANDS[command], str(target)), command, says)
    if target.exists():
        assert not target.read_bytes().startswith((b"%PDF", b"ref,"))
    assert centre("check") == (0, "ok\n", "")


def test_the_data_folder_itself_is_refused(centre: Run, data_dir: Path) -> None:
    before = sorted(p.name for p in data_dir.iterdir())
    refused_in_one_line(centre("sheet", "--blank", "-o", str(data_dir)), "sheet", "is a folder")
    assert sorted(p.name for p in data_dir.iterdir()) == before

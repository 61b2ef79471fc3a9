"""Writing a document or export where the coordinator chose, for the GUI and the CLI alike.

Only ever an ordinary file, or a new one: never a device (`/dev/full`), a pipe, a socket
or a folder, and never the centre's own database (or its -wal, -shm and lock files). A
link is refused too, rather than followed: writing through it could replace whatever
file it points at, far from the folder the coordinator chose. Never half-written: the
bytes go to a short hidden temporary file beside the target (private to the user, 0600),
renamed over it only once whole, so a full disk leaves any earlier copy as it was and a
long name never grows past the file system's limit.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from contactcentre.domain.errors import DomainError

# The key slots (.keys, and .keys.next while a change is half done, .keys.finished until
# the trail has it) too: never an output.
DATABASE_SIDECARS = (
    "-wal",
    "-shm",
    "-journal",
    ".lock",
    ".anchor",
    ".keys",
    ".keys.next",
    ".keys.finished",
)
NAME_MAX = 255  # bytes in one file name (ext4; APFS and NTFS count characters: as much or more)
PARTIAL_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class OutputRefused(DomainError):
    """The file cannot be written there; the message says why."""


def _shown(name: str) -> str:
    return name if len(name) <= 40 else f"{name[:30]}…{name[-8:]}"


def check_target(target: Path, *, database: Path) -> None:
    """Refuse, before anything is touched, a target that is not an ordinary file or a new
    name in an existing folder."""
    target = Path(target)
    size = len(os.fsencode(target.name))
    if size > NAME_MAX:
        raise OutputRefused(
            f"The file name {_shown(target.name)} is too long ({size} bytes; at most "
            f"{NAME_MAX}): choose a shorter name."
        )
    if not target.name or target.name in (".", ".."):
        raise OutputRefused(f"{target} is a folder: give a file name inside it.")
    try:
        mode: int | None = os.lstat(target).st_mode
        target.resolve()  # Python 3.11 raises RuntimeError for a loop of links on the way
    except FileNotFoundError:
        mode = None  # a new file
    except (OSError, RuntimeError) as error:
        reason = getattr(error, "strerror", None) or "there is a loop of links on the way"
        raise OutputRefused(f"Cannot write {target}: {reason}.") from None
    db = Path(database).resolve()
    own = {db, *(db.with_name(db.name + suffix) for suffix in DATABASE_SIDECARS)}
    if target.resolve() in own:
        raise OutputRefused(f"{target} is the centre's own database: choose another file.")
    if mode is None:
        return
    if stat.S_ISLNK(mode):
        raise OutputRefused(
            f"{target} is a link to another file: choose the file itself, or a new name."
        )
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{target} is a folder: give a file name inside it.")
    if not stat.S_ISREG(mode):
        raise OutputRefused(
            f"{target} is not an ordinary file (a device, pipe or socket): "
            "choose a file in a folder."
        )


def write_file(target: Path, data: bytes, *, database: Path) -> None:
    target = Path(target)
    check_target(target, database=database)
    write_private(target, data)


def write_private(target: Path, data: bytes) -> None:
    """Write `data` whole to `target` (already checked), through a short hidden private
    temporary file renamed over it, or not at all."""
    partial = target.with_name(f".contactcentre-{secrets.token_hex(6)}.part")
    try:
        fd = os.open(partial, PARTIAL_FLAGS, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
    except OSError as error:
        raise OutputRefused(f"Cannot write {target}: {error.strerror or error}.") from None

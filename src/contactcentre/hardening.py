"""The process made safer before anything else runs: private files, no core dumps.

Called first thing by `contactcentre` (cli.main: every command, the GUI, and the frozen
build, whose entry is the same main) and again by app.run_gui, for a GUI started another
way. Doing it twice is harmless.

- Every file the process creates is private to the user: umask 077 makes the data folder
  0700 and the database, its -wal/-shm and lock files, backups, logs, settings, exports
  and PDFs 0600, whichever library creates them. The app's own folders left readable by
  an older version are made 0700 (never a folder the user chose).
- No core dump: a crash must not write the passphrase, the key or people's addresses to
  disk. RLIMIT_CORE 0 stops core files; on Linux PR_SET_DUMPABLE 0 also stops a crash
  handler the kernel pipes cores to (which ignores that limit) and other programs of the
  same user attaching to read the process's memory.

On Windows the user's profile folders are already private by their ACLs; nothing here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

import platformdirs

from contactcentre import paths

PRIVATE_UMASK = 0o077
PRIVATE_FOLDER = 0o700
PR_SET_DUMPABLE = 4  # linux/prctl.h


def harden() -> None:
    if os.name != "posix":
        return
    os.umask(PRIVATE_UMASK)
    no_core_dumps()
    for folder in own_folders():
        make_private(folder)


def no_core_dumps() -> None:
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def own_folders() -> list[Path]:
    """The folders the app makes for itself: data (the demo centre inside it), logs and
    settings. Not $CONTACTCENTRE_DATA_DIR nor --data-dir: a folder the user chose."""
    return [
        Path(platformdirs.user_data_dir(paths.APP_NAME, appauthor=False)),
        paths.log_dir(),
        Path(platformdirs.user_config_dir(paths.APP_NAME, appauthor=False)),
    ]


def make_private(folder: Path) -> None:
    """0700 for a folder of ours that others may read; a link or another's folder is left."""
    try:
        info = os.lstat(folder)
    except OSError:
        return  # not made yet: umask makes it private when it is
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(folder, PRIVATE_FOLDER)

"""The in-use lock: one holder at a time, nothing in the file, nothing stale after a crash."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from contactcentre.store import in_use
from contactcentre.store.in_use import CentreInUse, InUseLock


def test_a_second_holder_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    db = tmp_path / "centre.db"
    first, second = InUseLock(db), InUseLock(db)
    first.acquire()
    first.acquire()  # again: still one hold, released by one release()
    assert first.held and second.held_elsewhere()
    with pytest.raises(CentreInUse, match="lock or close it first; nothing was changed"):
        second.acquire()
    first.release()
    assert not first.held and not second.held_elsewhere()
    second.acquire()
    assert first.held_elsewhere()
    second.release()
    assert in_use.lock_path(db) == tmp_path / "centre.db.lock"


def test_the_lock_file_is_empty_and_a_killed_holder_leaves_nothing_stale(
    tmp_path: Path,
) -> None:
    db = tmp_path / "centre.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from contactcentre.store.in_use import "
            "InUseLock; lock = InUseLock(Path(sys.argv[1])); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert InUseLock(db).held_elsewhere()
        assert in_use.lock_path(db).read_bytes() == b""
    finally:
        holder.kill()
        holder.wait()
    with in_use.held(db) as lock:  # the OS let go with the process
        assert lock.held
    assert not lock.held


def test_a_folder_that_cannot_hold_a_lock_does_not_keep_anyone_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_locks_here(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented", str(tmp_path / "centre.db.lock"))

    monkeypatch.setattr(FileLock, "acquire", no_locks_here)
    lock = InUseLock(tmp_path / "centre.db")
    lock.acquire()  # logged, and unprotected: refusing would lock the coordinator out
    assert not lock.held and not lock.held_elsewhere()
    lock.release()
    assert "not implemented" in caplog.text and str(tmp_path) not in caplog.text


def test_deleting_the_lock_file_under_a_holder_lets_nobody_else_in(tmp_path: Path) -> None:
    db = tmp_path / "centre.db"
    holder = InUseLock(db)
    holder.acquire()
    in_use.lock_path(db).unlink()  # a tidy-minded user, or a cleaning tool
    try:
        outsider = InUseLock(db)
        assert outsider.held_elsewhere()
        with pytest.raises(CentreInUse):
            outsider.acquire()
        with pytest.raises(CentreInUse), in_use.held(db):  # what restore and rekey take
            pass
        assert not outsider.held
    finally:
        holder.release()
    with in_use.held(db) as lock:  # once the holder lets go, the next one gets in
        assert lock.held

"""Commands that die at each step in turn, for the step-by-step crash tests.

`python fault_child.py TEMPLATE WORK PART PARTS COMMAND ARGS...`: for each N = 1, 2, …
with N % PARTS == PART (a test may share the steps out among several), copy the folder
TEMPLATE to WORK/N and, in a forked copy of this process (the imports are paid once), run
`contactcentre --data-dir centre COMMAND ARGS...` there, ended by os._exit as abruptly as
a power cut just before its N-th change to the files (a rename, link, unlink or fsync
made by Python). The sweep stops at the first N the command finishes before reaching;
it prints one line per run: "N killed" or "N finished CODE". SQLite's own writes are not
steps: the random-time kill -9 tests cover those.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from contactcentre.cli import main

KILLED = 70
STEPS = ("replace", "rename", "link", "unlink", "fsync")


def _die_at(kill_at: int) -> None:
    done = 0

    def counted(real: Any) -> Any:
        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal done
            done += 1
            if done == kill_at:
                os._exit(KILLED)
            return real(*args, **kwargs)

        return step

    for name in STEPS:
        setattr(os, name, counted(getattr(os, name)))


def sweep(template: Path, work: Path, part: int, parts: int, command: list[str]) -> None:
    for n in range(1, 100):
        if n % parts != part:
            continue
        folder = work / str(n)
        shutil.copytree(template, folder, symlinks=True)
        pid = os.fork()
        if pid == 0:  # the forked copy: run the command and die at step n
            os.chdir(folder)
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
            _die_at(n)
            os._exit(main(["--data-dir", "centre", *command]))
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == KILLED:
            print(f"{n} killed", flush=True)
            continue
        print(f"{n} finished {code}", flush=True)
        return


if __name__ == "__main__":
    sweep(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])

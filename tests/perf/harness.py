"""What every benchmark shares: the results table and small timing helpers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from contactcentre.domain.clock import Clock

TODAY = Clock().today()


@dataclass
class Row:
    id: str
    what: str
    figure: str
    floor_what: str
    floor: str
    target: str
    verdict: str


@dataclass
class Bench:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(
        self,
        id: str,
        what: str,
        figure: str,
        *,
        floor_what: str = "",
        floor: str = "",
        target: str = "",
        met: bool | None = None,
        if_missed: str = "",
    ) -> None:
        """One row of the table; `if_missed`: a note said only when the target is missed
        (by how much, and what dominates)."""
        verdict = "" if met is None else ("met" if met else "**missed**")
        self.rows.append(Row(id, what, figure, floor_what, floor, target, verdict))
        if met is False and if_missed:
            self.note(if_missed)

    def note(self, line: str) -> None:
        self.notes.append(line)

    def table(self) -> str:
        head = "| | Measured | Median | Floor (same run) | Floor | Target | |\n"
        head += "|---|---|---|---|---|---|---|\n"
        body = "".join(
            f"| {r.id} | {r.what} | {r.figure} | {r.floor_what} | {r.floor} | {r.target} | "
            f"{r.verdict} |\n"
            for r in sorted(self.rows, key=lambda r: r.id)
        )
        notes = "".join(f"\n- {n}" for n in self.notes)
        return head + body + notes


BENCH = Bench()


def timings(fn: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"

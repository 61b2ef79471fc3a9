"""What a screen needs, handed to it through its constructor (no global lookups), and
what a screen is.

A screen is a widget made from (Context, parent) that loads itself from the store in
`refresh()` and forgets every personal detail in `clear()` (on lock). It may keep unsaved
typing across a lock (`take_draft`/`restore_draft`) and say that it holds some
(`has_unsaved_edits`); `KeepsNoDraft` gives the defaults, which keep nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from contactcentre.domain.clock import Clock
from contactcentre.store.engine import Store


@dataclass(frozen=True)
class Context:
    store: Store
    clock: Clock


class Screen(Protocol):
    def refresh(self) -> None: ...
    def clear(self) -> None: ...
    def take_draft(self) -> object | None: ...
    def restore_draft(self, draft: object) -> None: ...
    def has_unsaved_edits(self) -> bool: ...


class KeepsNoDraft:
    """The optional part of Screen for a screen with nothing to keep across a lock."""

    def take_draft(self) -> object | None:
        return None

    def restore_draft(self, draft: object) -> None:
        raise TypeError(f"{type(self).__name__} keeps no draft")

    def has_unsaved_edits(self) -> bool:
        return False

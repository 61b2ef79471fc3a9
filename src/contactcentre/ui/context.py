"""What a screen needs, handed to it through its constructor (no global lookups), and
what a screen is.

A screen is a widget made from (Context, parent) that loads itself from the store in
`refresh()` and forgets every personal detail in `clear()` (on lock). It may keep unsaved
typing across a lock (`take_draft`/`restore_draft`) and say that it holds some
(`has_unsaved_edits`); `KeepsNoDraft` gives the defaults, which keep nothing.

The screens' store records every permission refusal in the audit trail (`ScreensStore`):
one place for every button, dialog and tab load, as `cli/common.py` is for the commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from contactcentre.domain import audit
from contactcentre.domain.clock import Clock
from contactcentre.store.engine import Store


class ScreensStore:
    """The store as the screens use it: the same store, but a unit of work that ends in a
    permissions.Refused (a button the person's role may not use, shown in place by the
    screen) leaves the refusal in the audit trail, as a refused tab load or command does.

    The refused unit of work is rolled back, so the refusal is written in one of its own
    once the outermost unit of work has ended (a nested one still holds the database).
    Everything else is the store's own."""

    def __init__(self, store: Store) -> None:
        object.__setattr__(self, "_wrapped", store)
        object.__setattr__(self, "_units_open", 0)  # units of work now open (one thread: Qt's)

    @contextmanager
    def session(self, *, actor: str | None = None) -> Iterator[Any]:  # the store's Session
        store: Store = self._wrapped
        outermost = self._units_open == 0
        object.__setattr__(self, "_units_open", self._units_open + 1)
        try:
            if outermost:
                with audit.refusals_recorded(store), store.session(actor=actor) as s:
                    yield s
            else:
                with store.session(actor=actor) as s:
                    yield s
        finally:
            object.__setattr__(self, "_units_open", self._units_open - 1)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._wrapped, name, value)


@dataclass(frozen=True)
class Context:
    store: Store
    clock: Clock

    def __post_init__(self) -> None:
        if not isinstance(self.store, ScreensStore):  # every screen's refusals are recorded
            object.__setattr__(self, "store", ScreensStore(self.store))


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

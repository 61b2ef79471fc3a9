"""The workspace: the unlocked window's tabs, each screen built when first shown.

The top row holds a tab per screen, or per group of screens ("Team", "Centre": a list of
its screens on the left), so that it fits a 1280-pixel screen. Every page starts as an empty `Slot`;
the screen in it is imported and built the first time it comes into view (or something
asks for it: Today's lines, a test), so unlocking builds Today alone. `shown` is emitted
with the screen now in view whenever the top tab or a group's sub-tab changes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import schedule
from contactcentre.store.engine import settle_mappings
from contactcentre.ui.context import Context, Screen
from contactcentre.ui.screens import SCREENS, ScreenSpec

log = logging.getLogger(__name__)

T = TypeVar("T")


def object_name(title: str) -> str:
    """ "Incidents & complaints" -> "incidentsComplaints"."""
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return words[0].lower() + "".join(w.title() for w in words[1:])


def _prepare() -> None:
    try:
        SCREENS[0].import_code()
        settle_mappings()
        this_year = date.today().year
        schedule.bank_holidays(date(this_year, 1, 1), date(this_year + 1, 12, 31))
    except Exception:  # only a head start: the screen imports and reads them anyway
        log.exception("getting the first screen ready failed")


class Slot(QWidget):
    """A page that builds its screen the first time it is needed."""

    def __init__(self, spec: ScreenSpec) -> None:
        super().__init__()
        self.spec = spec
        self.screen: QWidget | None = None
        self.setObjectName(f"{object_name(spec.title)}Page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self, ctx: Context, parent: QWidget) -> QWidget:
        if self.screen is None:
            self.screen = self.spec.build(ctx, parent)
            self.layout().addWidget(self.screen)
        return self.screen


class Group(QWidget):
    """A top-level tab holding several screens, chosen from a slim list on its left: a
    second row of tabs would take height that the tallest screens (the rota) do not
    have on a 720-pixel screen. Speaks the part of QTabWidget the workspace uses."""

    currentChanged = Signal(int)

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName(f"{object_name(title)}Tabs")
        self.list = QListWidget()
        self.list.setObjectName(f"{object_name(title)}Screens")
        self.list.setAccessibleName(f"{title} screens")
        self.list.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.list.setSpacing(3)
        self.pages = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.pages, 1)
        self.list.currentRowChanged.connect(self._chosen)

    def addTab(self, page: QWidget, title: str) -> None:
        self.pages.addWidget(page)
        self.list.addItem(title)
        widest = max(self.list.fontMetrics().horizontalAdvance(t) for t in self.titles())
        self.list.setFixedWidth(widest + 32)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def titles(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def currentWidget(self) -> QWidget:
        return self.pages.currentWidget()

    def setCurrentWidget(self, page: QWidget) -> None:
        self.list.setCurrentRow(self.pages.indexOf(page))

    def _chosen(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        self.currentChanged.emit(row)


class Workspace(QTabWidget):
    shown = Signal(QWidget)  # the screen now in view (built by then)

    def __init__(self, built: Callable[[QWidget], None]) -> None:
        """`built(screen)` is called once for each screen as it is made (drafts)."""
        super().__init__()
        self.setObjectName("workspaceTabs")
        self.setDocumentMode(True)
        self._built = built
        self._ctx: Context | None = None
        self._slots: list[Slot] = []
        self._preparing: threading.Thread | None = None
        self.currentChanged.connect(self._changed)

    # --- filling and emptying -------------------------------------------------------
    def prepare(self) -> None:
        """Import the first screen's code, settle the ORM's mappings and work out this
        year's and next year's bank holidays on another thread, while unlocking derives
        the key: Argon2 leaves the interpreter free for it. `fill` waits for it to finish
        before building anything, so no module is ever imported by two threads at once."""
        if self._preparing is None:
            self._preparing = threading.Thread(target=_prepare, name="prepare", daemon=True)
            self._preparing.start()

    def fill(self, ctx: Context, specs: tuple[ScreenSpec, ...]) -> None:
        """Pages for `specs`, in order; a group's tab where its first screen comes."""
        if self._preparing is not None:
            self._preparing.join()
            self._preparing = None
        self._ctx = ctx
        groups: dict[str, Group] = {}
        for spec in specs:
            slot = Slot(spec)
            self._slots.append(slot)
            if spec.group is None:
                self.addTab(slot, spec.title.replace("&", "&&"))  # "&": no shortcut
                continue
            group = groups.get(spec.group)
            if group is not None:
                group.addTab(slot, spec.title)
                continue
            group = groups[spec.group] = Group(spec.group)
            group.addTab(slot, spec.title)
            group.currentChanged.connect(self._changed)
            self.addTab(group, spec.group)  # the first page added is shown, and built

    def empty(self) -> None:
        """Take every page away (the screens were cleared by then) and delete them."""
        self._ctx = None
        self.blockSignals(True)
        pages = [self.widget(i) for i in range(self.count())]
        self.clear()
        self.blockSignals(False)
        for page in pages:
            page.deleteLater()
        self._slots = []

    # --- the screens ------------------------------------------------------------------
    @property
    def screens(self) -> list[Screen]:
        """The screens built so far, in tab order."""
        return [cast(Screen, slot.screen) for slot in self._slots if slot.screen is not None]

    def spec_of(self, screen: object) -> ScreenSpec:
        return next(slot.spec for slot in self._slots if slot.screen is screen)

    def titles(self) -> list[str]:
        """The top row's titles, a group's as "Team (Volunteers, Rota)"."""
        out = []
        for index in range(self.count()):
            page = self.widget(index)
            title = self.tabText(index).replace("&&", "&")
            if isinstance(page, Group):
                title += f" ({', '.join(page.titles())})"
            out.append(title)
        return out

    def screen(self, kind: type[T]) -> T | None:
        """The screen of `kind` in this window, built if it was not (not shown)."""
        for slot in self._slots:
            if slot.screen is not None and isinstance(slot.screen, kind):
                return slot.screen
        for slot in self._slots:
            if slot.spec.builds(kind):
                return cast(T, self._build(slot))
        return None

    def show_screen(self, kind: type[T]) -> T | None:
        """Bring the screen of `kind` into view (building and loading it) and return it."""
        found = self.screen(kind)
        if found is not None:
            self.bring(found)
        return found

    def bring(self, screen: object) -> None:
        """Bring this (built) screen into view."""
        self._bring(next(s for s in self._slots if s.screen is screen))

    def show_titled(self, title: str) -> QWidget | None:
        """Bring the screen titled `title` into view, if this person has it."""
        slot = next((s for s in self._slots if s.spec.title == title), None)
        if slot is None:
            return None
        self._bring(slot)
        return slot.screen

    def current_screen(self) -> QWidget | None:
        """The screen in view, built if it was not."""
        page = self.currentWidget()
        if isinstance(page, Group):
            page = page.currentWidget()
        if not isinstance(page, Slot) or self._ctx is None:
            return None
        return self._build(page)

    def _bring(self, slot: Slot) -> None:
        self._build(slot)
        group = next((g for g in self._groups() if g.pages.indexOf(slot) >= 0), None)
        if group is not None:
            group.blockSignals(True)  # one `shown`, below, once both tabs are right
            group.setCurrentWidget(slot)
            group.blockSignals(False)
            page: QWidget = group
        else:
            page = slot
        if self.currentWidget() is page:
            self._changed()
        else:
            self.setCurrentWidget(page)

    def _groups(self) -> list[Group]:
        return [p for i in range(self.count()) if isinstance(p := self.widget(i), Group)]

    def _build(self, slot: Slot) -> QWidget:
        if slot.screen is not None:
            return slot.screen
        assert self._ctx is not None
        screen = slot.build(self._ctx, self)
        self._built(screen)
        return screen

    def _changed(self, _index: int = 0) -> None:
        screen = self.current_screen()
        if screen is not None:
            self.shown.emit(screen)

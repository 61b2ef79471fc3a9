"""Today: the first tab after unlocking. The next session (who is booked, places left,
who is not ready and why) and what needs the coordinator, each line a click (or Enter)
away from the family or the calendar day it is about.

It shows only what any volunteer may see (domain/today says what that is), so it can be
shown to everyone. The screen says which family or day was chosen (`family_chosen`,
`day_chosen`); the registry (ui/screens.py) takes the coordinator there.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.retention import requests as access_requests
from contactcentre.domain.team.reminders import TeamReminder
from contactcentre.domain.today.summary import FamilyLine, NextSession, TodaySummary, today_summary
from contactcentre.ui.context import Context, KeepsNoDraft

TARGET = Qt.ItemDataRole.UserRole  # "family:<id>", "day:<ISO date>" or "member:<id>"
ATTENTION = QColor("#b00020")


class TodayList(QTreeWidget):
    """The sections and their lines; a click or Enter on a line chooses it."""

    chosen = Signal(object)  # the item

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("todayList")
        self.setAccessibleName("Today: the next session and what needs doing")
        self.setColumnCount(2)
        self.setHeaderLabels(["Family", "What needs doing"])
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        self.setColumnWidth(0, 340)
        self.itemClicked.connect(lambda item, _column: self.chosen.emit(item))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.chosen.emit(item)
            return
        super().keyPressEvent(event)


def session_words(session: NextSession) -> str:
    places = (
        "no places left"
        if not session.places_left
        else ("1 place left" if session.places_left == 1 else f"{session.places_left} places left")
    )
    ready = f", {session.not_ready} not ready" if session.not_ready else ""
    return (
        f"{session.start:%H:%M}–{session.end:%H:%M}: {session.booked} of {session.capacity} "
        f"families booked, {places}{ready}"
    )


class TodayScreen(KeepsNoDraft, QWidget):
    family_chosen = Signal(int)
    day_chosen = Signal(object)  # date
    member_chosen = Signal(int)  # a person on the team's register

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayScreen")
        self.summary: TodaySummary | None = None
        self.keeps_register = False  # whether the team's reminders are this person's
        self.access: list[str] = []  # subject-access requests due soon or overdue
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.list = TodayList()
        hint = QLabel("Click a line, or press Enter on it, to open the family or the day.")
        hint.setObjectName("todayHint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.list.chosen.connect(self._choose)

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.summary = today_summary(s, self.ctx.clock.today(), self.ctx.clock.now())
            self.keeps_register = permissions.may(s, "manage_volunteer_register")
            self.access = access_requests.reminders(s, self.ctx.clock.today())
        self._show(self.summary)

    def clear(self) -> None:
        self.summary = None
        self.heading.clear()
        self.list.clear()

    def shown_text(self) -> str:
        """Every word the screen shows (tests read it, and the leak canary scans it)."""
        texts = [self.heading.text()]
        for item in self.items():
            texts += [item.text(0), item.text(1), item.toolTip(1)]
        return "\n".join(texts)

    def items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.list.topLevelItemCount()):
            section = self.list.topLevelItem(i)
            found.append(section)
            found += [section.child(j) for j in range(section.childCount())]
        return found

    # --- filling -------------------------------------------------------------------
    def _show(self, summary: TodaySummary) -> None:
        self.heading.setText(f"<b>Today, {summary.day:%a %d %b %Y}</b>")
        self.list.clear()
        session = summary.next_session
        if session is None:
            self._section("Next session", "None in the next three months")
        else:
            top = self._section(
                f"Next session: {session.day:%a %d %b %Y}",
                session_words(session),
                session.families,
                session.booked,
            )
            top.setData(0, TARGET, f"day:{session.day.isoformat()}")
            top.setToolTip(1, "Open this day in the calendar")
        for need in summary.needs:
            count = need.total
            self._section(
                need.title,
                f"{count:,} {'family' if count == 1 else 'families'}" if count else "Nothing to do",
                need.families,
                count,
            )
        if summary.team or self.keeps_register:
            self._team(summary.team)
        if summary.complaints:
            section = self._section("Complaints overdue", f"{len(summary.complaints)}")
            for ref, words in summary.complaints:
                item = QTreeWidgetItem(section, ["    " + ref, words])
                item.setForeground(1, QBrush(ATTENTION))
        if self.access:
            self._access(self.access)
        backup = self._section("Backup", summary.backup.words)
        if summary.backup.due:  # the banner above says why in full
            backup.setText(1, f"{summary.backup.words} — a backup is due")
            backup.setToolTip(1, summary.backup.due)
            backup.setForeground(1, QBrush(ATTENTION))
        self.list.expandAll()

    def _section(
        self, title: str, words: str, lines: tuple[FamilyLine, ...] = (), total: int = 0
    ) -> QTreeWidgetItem:
        """A section's heading and its lines; `total` (when more than the lines given, the
        first of `total`): the heading says how many more there are."""
        section = QTreeWidgetItem([title, words])
        bold = QFont(section.font(0))
        bold.setBold(True)
        section.setFont(0, bold)
        section.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.list.addTopLevelItem(section)
        for line in lines:
            item = QTreeWidgetItem(section, ["    " + line.label, line.words])
            item.setData(0, TARGET, f"family:{line.family_id}")
            item.setToolTip(1, line.words)
            if line.words.startswith("Not ready") or line.words.startswith("Review overdue"):
                item.setForeground(1, QBrush(ATTENTION))
        if total > len(lines):
            more = QTreeWidgetItem(section, [f"    … and {total - len(lines):,} more", ""])
            more.setToolTip(0, "The register lists every family")
        return section

    def _team(self, reminders: tuple[TeamReminder, ...]) -> None:
        """The register's DBS rechecks, trial reviews and training renewals due or overdue."""
        count = len(reminders)
        words = f"{count} {'reminder' if count == 1 else 'reminders'}" if count else "Nothing to do"
        section = self._section("The team: DBS, trial reviews, training", words)
        for reminder in reminders:
            item = QTreeWidgetItem(section, ["    " + reminder.name, reminder.words])
            item.setData(0, TARGET, f"member:{reminder.member_id}")
            item.setToolTip(1, "Open this person in the volunteer register")
            if reminder.overdue:
                item.setForeground(1, QBrush(ATTENTION))

    def _access(self, lines: list[str]) -> None:
        """Subject-access requests overdue or due within a week (answered on Retention)."""
        section = self._section("Subject access: due and overdue", f"{len(lines)}")
        for words in lines:
            item = QTreeWidgetItem(section, ["    Request", words])
            item.setToolTip(1, "Answer it from the Retention screen")
            if "overdue" in words:
                item.setForeground(1, QBrush(ATTENTION))

    def _choose(self, item: QTreeWidgetItem) -> None:
        kind, _, value = str(item.data(0, TARGET) or "").partition(":")
        if kind == "family":
            self.family_chosen.emit(int(value))
        elif kind == "member":
            self.member_chosen.emit(int(value))
        elif kind == "day":
            self.day_chosen.emit(date.fromisoformat(value))

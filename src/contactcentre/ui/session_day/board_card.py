"""One family's card on the session-day board: plan, progress, next step, one big button,
and a compact line per named relative who comes to contact."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.bookings.attendance import EVENT_LABELS
from contactcentre.domain.session_day.board import SEQUENCE, Alert, when_due
from contactcentre.domain.session_day.relative_progress import RelativeState
from contactcentre.domain.session_day.welcome_desk import BoardRow
from contactcentre.store.models.enums import EventKind, Role
from contactcentre.ui.fields import ErrorLabel

HANDOVER_KINDS = {EventKind.child_dropped_off, EventKind.child_collected}
RELATIVE_ACTIONS = {EventKind.relative_arrived: "Arrived", EventKind.relative_left: "Left"}


class ClockTime(QTimeEdit):
    """An HH:MM field that follows the clock until someone edits it."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setDisplayFormat("HH:mm")
        self.setAccessibleName(accessible)
        self.touched = False
        self.timeChanged.connect(self._touched)

    def _touched(self) -> None:
        self.touched = self.hasFocus() or self.touched

    def follow(self, now: datetime) -> None:
        if not self.touched:
            self.blockSignals(True)
            self.setTime(QTime(now.hour, now.minute))
            self.blockSignals(False)


def people_line(row: BoardRow) -> str:
    """Each adult by name and role, with the number to ring for the resident parent (who
    collects the child) when a collection is late."""
    shown = []
    for person in row.people:
        text = f"{person.name} ({person.role_label.lower()})"
        if person.role == Role.resident_parent and person.phone:
            text += f" ☎ {person.phone}"
        shown.append(text)
    return "   ·   ".join(shown) or "No adults named"


def needs_line(row: BoardRow) -> str:
    """The children's needs, then what the door must act on (instruction, exclusions)."""
    needs = [f"⚑ {child.name}: {child.needs}" for child in row.needs]
    return "   ".join([*needs, *(f"⚠ {line}" for line in row.door.lines)])


def relative_progress(relative: RelativeState) -> str:
    arrived = relative.done.get(EventKind.relative_arrived)
    left = relative.done.get(EventKind.relative_left)
    if arrived is None and left is None:
        return "not arrived yet"
    shown = [f"✔ arrived {arrived:%H:%M}" if arrived else "arrival not recorded"]
    if left is not None:
        shown.append(f"✔ left {left:%H:%M}")
    return "   ".join(shown)


class RelativeLine(QObject):
    """A named relative's own arrival and departure on one row of the card's relatives
    grid (so the lines line up): who, what is recorded, a time and one button.

    Emits record(kind, local time, person_id)."""

    record = Signal(object, object, int)

    def __init__(
        self, relative: RelativeState, family_ref: str, grid: QGridLayout, at: int
    ) -> None:
        super().__init__(grid)
        self.person_id = relative.person_id
        self.family_ref = family_ref
        self.who = QLabel(relative.title)
        self.who.setObjectName("relativeName")
        self.plan = QLabel()  # the parent she comes with and their times, or "not set"
        self.plan.setObjectName("relativePlan")
        self.progress = QLabel()
        self.progress.setObjectName("relativeProgress")
        self.when = ClockTime("relativeTime", f"Time {relative.name} arrived or left, {family_ref}")
        self.action = QPushButton()
        self.action.setObjectName("recordRelative")
        self.action.setMinimumHeight(40)
        self.action.clicked.connect(self._record)
        self.kind: EventKind | None = None
        self.widgets: tuple[QWidget, ...] = (
            QLabel("Relative"),
            self.who,
            self.plan,
            self.progress,
            self.when,
            self.action,
        )
        for column, widget in enumerate(self.widgets):
            grid.addWidget(widget, at, column)

    def remove(self) -> None:
        for widget in self.widgets:
            widget.setParent(None)
            widget.deleteLater()
        self.deleteLater()

    def update_state(self, relative: RelativeState, now: datetime, *, closed: bool) -> None:
        self.kind = None if closed else relative.next_kind
        self.plan.setText(relative.plan_line)
        self.progress.setText(relative_progress(relative))
        for widget in (self.when, self.action):
            widget.setVisible(self.kind is not None)
        if self.kind is not None:
            verb = RELATIVE_ACTIONS[self.kind]
            self.action.setText(f"✔ {verb}")
            self.action.setAccessibleName(
                f"Record {relative.name} {verb.lower()} for {self.family_ref}"
            )
            self.action.setToolTip(f"Record that {relative.name} {verb.lower()} at this time")
        self.when.follow(now)

    def _record(self) -> None:
        if self.kind is not None:
            self.record.emit(self.kind, self.when.time().toPython(), self.person_id)
            self.when.touched = False


class FamilyCard(QFrame):
    """Emits record(booking_id, kind, local time, person_id or None)."""

    record = Signal(int, object, object, object)
    no_show = Signal(int)
    history = Signal(int)
    dismiss = Signal(int, str)

    def __init__(self, row: BoardRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName(f"card_{row.family_ref}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("class", "familyCard")

        ref = row.family_ref
        title = QLabel(f"<b>{ref}</b> — {escape(row.children) or 'no children named'}")
        title.setObjectName("cardTitle")
        self.people = QLabel(people_line(row))
        self.people.setObjectName("cardPeople")
        self.people.setWordWrap(True)
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        self.needs = QLabel(needs_line(row))
        self.needs.setObjectName("cardNeeds")
        self.needs.setWordWrap(True)
        self.needs.setTextFormat(Qt.TextFormat.PlainText)
        self.needs.setVisible(bool(row.needs or row.door.lines))
        self.plan = QGridLayout()
        self.done_labels: dict[EventKind, QLabel] = {}
        self.expected_labels: dict[EventKind, QLabel] = {}
        for column, kind in enumerate(SEQUENCE):
            head = QLabel(EVENT_LABELS[kind])
            head.setObjectName("planHead")
            planned = QLabel(f"plan {row.plan.planned(kind):%H:%M}")
            expected = QLabel()
            expected.setObjectName(f"expected_{kind.value}")
            self.expected_labels[kind] = expected
            done = QLabel()
            done.setObjectName(f"done_{kind.value}")
            self.done_labels[kind] = done
            times = QHBoxLayout()  # "plan 12:15  now 12:23" when reality has moved it
            times.addWidget(planned)
            times.addWidget(expected)
            times.addStretch(1)
            self.plan.addWidget(head, 0, column)
            self.plan.addLayout(times, 1, column)
            self.plan.addWidget(done, 2, column)

        self.next_label = QLabel()
        self.next_label.setObjectName("nextLabel")
        self.next_label.setWordWrap(True)  # so the card fits a laptop screen's width
        self.when = ClockTime("eventTime", f"Time of the event for {ref}")
        self.who = QComboBox()
        self.who.setObjectName("eventPerson")
        self.who.setAccessibleName(f"Who handed over for {ref}")
        self.action = QPushButton()
        self.action.setObjectName("recordNext")
        self.action.setMinimumHeight(48)
        self.action.clicked.connect(self._record)
        missed = QPushButton("Did not come")
        missed.setObjectName("noShow")
        missed.setAccessibleName(f"Record {ref} did not come")
        missed.clicked.connect(lambda: self.no_show.emit(row.booking_id))
        log = QPushButton("History…")
        log.setObjectName("history")
        log.setAccessibleName(f"Attendance history of {ref}")
        log.clicked.connect(lambda: self.history.emit(row.booking_id))
        self.error = ErrorLabel()  # a refused event, said where it was clicked

        self.alerts = QVBoxLayout()
        actions = QHBoxLayout()
        actions.addWidget(self.next_label, 1)
        actions.addWidget(self.who)
        actions.addWidget(QLabel("at"))
        actions.addWidget(self.when)
        actions.addWidget(self.action)
        actions.addWidget(missed)
        actions.addWidget(log)
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(24)
        heading.addWidget(self.people, 1)
        layout.addLayout(heading)
        layout.addWidget(self.needs)
        layout.addLayout(self.alerts)
        layout.addLayout(self.plan)
        self.relatives_grid = QGridLayout()
        self.relatives_grid.setVerticalSpacing(4)
        self.relatives_grid.setColumnStretch(3, 1)
        self.relative_lines: dict[int, RelativeLine] = {}
        layout.addLayout(self.relatives_grid)
        layout.addLayout(actions)
        layout.addWidget(self.error)

    def update_state(self, row: BoardRow, now: datetime) -> None:
        """Show the latest progress; the time field follows the clock until someone edits it."""
        self.row = row
        state = row.state
        for kind, label in self.done_labels.items():
            moment = state.done.get(kind)
            label.setText(f"✔ {moment:%H:%M}" if moment else "—")
            expected = state.expected.get(kind)
            moved = (
                moment is None
                and expected is not None
                and expected.time() != row.plan.planned(kind)
            )
            self.expected_labels[kind].setText(f"→ now {expected:%H:%M}" if moved else "")
        while self.alerts.count():
            old = self.alerts.takeAt(0).widget()
            if old is not None:
                old.setParent(None)  # out of the layout now, not at the next event loop
                old.deleteLater()
        for alert in state.alerts:
            self.alerts.addWidget(self._alert_widget(alert))
        if state.no_show:
            self.next_label.setText("Did not come today")
        elif state.next_kind is None:
            self.next_label.setText("All done for today")
        else:
            assert state.next_at is not None
            due = when_due(state.next_at, now)
            self.next_label.setText(f"Next: {state.next_label} ({due})")
        finished = state.no_show or state.next_kind is None
        for widget in (self.action, self.when, self.who):
            widget.setEnabled(not finished)
        self.action.setText("Record" if finished else f"✔ {state.next_label}")
        self.action.setAccessibleName(
            f"Record {row.family_ref}: nothing more today"
            if finished
            else f"Record {state.next_label.lower()} for {row.family_ref}"
        )
        self._fill_people(state.next_kind)
        self.when.follow(now)
        self._show_relatives(row, now)

    def _show_relatives(self, row: BoardRow, now: datetime) -> None:
        wanted = [r.person_id for r in row.relatives]
        if wanted != list(self.relative_lines):  # someone was added or removed: redo them
            for line in self.relative_lines.values():
                line.remove()
            self.relative_lines = {}
            start = self.relatives_grid.rowCount()
            for index, relative in enumerate(row.relatives):
                line = RelativeLine(relative, row.family_ref, self.relatives_grid, start + index)
                line.record.connect(self._record_relative)
                self.relative_lines[relative.person_id] = line
        for relative in row.relatives:
            self.relative_lines[relative.person_id].update_state(
                relative, now, closed=row.state.no_show
            )

    def _record_relative(self, kind: EventKind, at: object, person_id: int) -> None:
        self.record.emit(self.row.booking_id, kind, at, person_id)

    def _fill_people(self, kind: EventKind | None) -> None:
        self.who.clear()
        self.who.setVisible(kind in HANDOVER_KINDS)
        if kind in HANDOVER_KINDS:
            for person in self.row.people:
                if person.role_label != "Non-resident parent":
                    self.who.addItem(f"by {person.name}", person.person_id)

    def _alert_widget(self, alert: Alert) -> QWidget:
        box = QFrame()
        box.setObjectName("alert")
        row = QHBoxLayout(box)
        text = QLabel(f"⚠ {alert.message}")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(text, 1)
        if alert.dismissable:  # an instruction stays until what it waits for is recorded
            done = QPushButton("Dealt with")
            done.setObjectName("dismissAlert")
            done.setAccessibleName(f"Mark the alert for {self.row.family_ref} dealt with")
            done.clicked.connect(lambda: self.dismiss.emit(self.row.booking_id, alert.key))
            row.addWidget(done)
        return box

    def show_error(self, message: str) -> None:
        self.error.show_error(f"⚠ Not recorded: {message}" if message else "")

    def _record(self) -> None:
        kind = self.row.state.next_kind
        if kind is None:
            return
        person = self.who.currentData() if kind in HANDOVER_KINDS else None
        self.record.emit(self.row.booking_id, kind, self.when.time().toPython(), person)
        self.when.touched = False

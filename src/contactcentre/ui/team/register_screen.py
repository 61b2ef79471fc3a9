"""The volunteer register: everyone on the team in a list, and the chosen person's record
beside it (role, phone, DBS number and issue date, induction, trial reviews, leaving),
with their references, training and the families they declared they know underneath.

Keeping it is the coordinator's (domain/permissions.py); anyone else sees the reason
instead of the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.team import register
from contactcentre.store.models import TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import DateField, ErrorLabel, FieldSet, FormDialog, enum_combo
from contactcentre.ui.team.dialogs import ConflictDialog, ReferenceDialog, TrainingDialog

ATTENTION = QColor("#b00020")
ROLE_NAMES = {role: role.value.capitalize() for role in TeamRole}
DATES = ("dbs_issued_on", "joined_on", "induction_on", "mid_review_on", "end_review_on", "left_on")


def tree(name: str, heads: list[str]) -> QTreeWidget:
    widget = QTreeWidget()
    widget.setObjectName(name)
    widget.setAccessibleName(name)
    widget.setHeaderLabels(heads)
    widget.setRootIsDecorated(False)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return widget


def day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


class SubList(QGroupBox):
    """One of the lists under a person: its rows, Add… and Remove."""

    def __init__(self, title: str, kind: str, heads: list[str], widths: list[int]) -> None:
        super().__init__(title)
        self.kind = kind
        self.list = tree(f"{kind}List", heads)
        for column, width in enumerate(widths):
            self.list.setColumnWidth(column, width)
        self.add_button = QPushButton("Add…")
        self.add_button.setObjectName(f"add{kind.title()}")
        self.add_button.setAccessibleName(f"Add a {kind}")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"remove{kind.title()}")
        self.remove_button.setAccessibleName(f"Remove the chosen {kind}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def fill(self, rows: list[tuple[int, list[str]]]) -> None:
        self.list.clear()
        for row_id, texts in rows:
            item = QTreeWidgetItem(self.list, texts)
            item.setData(0, Qt.ItemDataRole.UserRole, row_id)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))


class VolunteerRegisterScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("volunteerRegisterScreen")
        self.member_id: int | None = None
        self.dialog: FormDialog | None = None
        self.refused = QLabel()
        self.refused.setObjectName("teamRefused")
        self.people = tree("teamList", ["Name", "Role", "DBS check"])
        self.people.setColumnWidth(0, 170)
        self.people.setColumnWidth(1, 105)
        self.people.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        self.new_button = QPushButton("New person")
        self.new_button.setObjectName("newTeamMember")
        self.new_button.setAccessibleName("Add a new person to the register")
        self.new_button.clicked.connect(self.new_person)

        form = QFormLayout()
        self.fields = FieldSet(form, "team")
        self.fields.add("name", "Name", QLineEdit())
        self.fields.add("role", "Role", enum_combo(ROLE_NAMES, "teamRole"))
        self.fields.add("phone", "Phone", QLineEdit())
        self.fields.add("dbs_number", "DBS certificate number", QLineEdit())
        for key, label in [
            ("dbs_issued_on", "DBS issued on"),
            ("joined_on", "Joined"),
            ("induction_on", "Induction"),
        ]:
            self.fields.add(key, label, DateField())
        months = QComboBox()
        for n in range(register.MAX_TRIAL_MONTHS + 1):
            months.addItem("No trial" if n == 0 else f"{n} months", n)
        self.fields.add("trial_months", "Trial period", months)
        self.fields.add("mid_review_on", "Mid-trial review held", DateField())
        self.fields.add("end_review_on", "End-of-trial review held", DateField())
        self.fields.add("left_on", "Left", DateField())
        self.due = QLabel()
        self.due.setObjectName("teamDue")
        self.due.setWordWrap(True)
        form.addRow("Due", self.due)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveTeamMember")
        self.save_button.setAccessibleName("Save this person's record")
        self.save_button.clicked.connect(self.save)
        self.outcome = ErrorLabel()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("teamSaved")
        form.addRow(self.save_button, self.saved_label)
        form.addRow("", self.outcome)

        self.references = SubList(
            "References (two needed)", "reference", ["From", "Received"], [190]
        )
        self.training = SubList("Training", "training", ["Course", "Taken", "Expires"], [150, 85])
        self.conflicts = SubList("Knows a family", "conflict", ["Family", "Note"], [190])
        self.subs = (self.references, self.training, self.conflicts)
        for sub, dialog in zip(
            self.subs, (ReferenceDialog, TrainingDialog, ConflictDialog), strict=True
        ):
            sub.add_button.clicked.connect(lambda _c=False, d=dialog: self._open(d))
            sub.remove_button.clicked.connect(lambda _c=False, sub=sub: self._remove(sub))

        left = QVBoxLayout()
        left.addWidget(self.people, 1)
        left.addWidget(self.new_button)
        lists = QGridLayout()
        lists.addWidget(self.references, 0, 0)
        lists.addWidget(self.training, 0, 1)
        lists.addWidget(self.conflicts, 1, 0, 1, 2)
        record = QWidget()
        right = QVBoxLayout(record)
        right.addLayout(form)
        right.addLayout(lists, 1)
        scroll = QScrollArea()  # a small screen scrolls the record, never cuts it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(record)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        layout.addLayout(columns, 1)
        self._enable_lists(False)

    # --- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.ctx.clock.today()
        try:
            with self.ctx.store.session() as s:
                rows = register.register_rows(s, today)
        except permissions.Refused as refused:
            self.clear()
            self.refused.setText(str(refused))
            return
        self.refused.clear()
        keep = self.member_id
        self.people.blockSignals(True)
        self.people.clear()
        for row in rows:
            item = QTreeWidgetItem(self.people, [row.name, ROLE_NAMES[row.role], row.dbs_words])
            item.setData(0, Qt.ItemDataRole.UserRole, row.member_id)
            if row.dbs_words.startswith("Overdue") or (
                row.dbs_due is None and row.role in register.DBS_REQUIRED
            ):
                item.setForeground(2, QBrush(ATTENTION))
            if row.member_id == keep:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        if keep is not None:
            self.open_member(keep)

    def clear(self) -> None:
        self.people.clear()
        self.member_id = None
        self._fill_form(None)
        for sub in self.subs:
            sub.list.clear()

    def open_member(self, member_id: int) -> None:
        """Show this person's record (Today's reminders bring the coordinator here)."""
        for i in range(self.people.topLevelItemCount()):
            item = self.people.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == member_id:
                self.people.blockSignals(True)
                self.people.setCurrentItem(item)
                self.people.blockSignals(False)
        with self.ctx.store.session() as s:
            record = register.member_record(s, member_id)
        self.member_id = member_id
        self._fill_form(record)
        self.references.fill([(r.id, [r.referee, day(r.received_on)]) for r in record.references])
        self.training.fill(
            [(t.id, [t.course, day(t.taken_on), day(t.expires_on)]) for t in record.training]
        )
        self.conflicts.fill([(c.id, [c.family_ref, c.note]) for c in record.conflicts])
        self._enable_lists(True)

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.open_member(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _fill_form(self, record: register.MemberRecord | None) -> None:
        member = record.member if record else None
        self.fields.set("name", member.name if member else "")
        self.fields.set("role", member.role if member else TeamRole.volunteer)
        self.fields.set("phone", member.phone if member else "")
        self.fields.set("dbs_number", member.dbs_number if member else "")
        self.fields.set("trial_months", member.trial_months if member else 6)
        for key in DATES:
            self.fields.set(key, getattr(member, key) if member else None)
        self.fields.show_errors({})
        self.outcome.show_error("")
        self.saved_label.clear()
        self.due.setText(due_words(record) if record else "")

    def _enable_lists(self, enabled: bool) -> None:
        for sub in self.subs:
            sub.setEnabled(enabled)

    # --- actions -------------------------------------------------------------------
    def new_person(self) -> None:
        self.member_id = None
        self.people.clearSelection()
        self._fill_form(None)
        for sub in self.subs:
            sub.list.clear()
        self._enable_lists(False)
        name = self.fields.widgets["name"]
        name.setFocus()

    def details(self) -> register.MemberDetails:
        values = {key: self.fields.get(key) for key in self.fields.widgets}
        return register.MemberDetails(**values)

    def save(self) -> None:
        try:
            details = self.details()
            with self.ctx.store.session() as s:
                if self.member_id is None:
                    member = register.add_member(s, details)
                else:
                    member = register.update_member(s, self.member_id, details)
                saved = member.id
        except ValidationError as error:
            self.fields.show_errors(error.errors)
            self.outcome.show_error("Nothing was saved: put right what is marked.")
            return
        except DomainError as error:
            self.outcome.show_error(str(error))
            return
        self.member_id = saved
        self.refresh()
        self.saved_label.setText(f"Saved {details.name.strip()}.")

    def _open(self, kind: Callable[[Context, int, QWidget], FormDialog]) -> FormDialog | None:
        if self.member_id is None:
            return None
        self.dialog = kind(self.ctx, self.member_id, self)
        self.dialog.saved.connect(self.refresh)
        self.dialog.open()
        return self.dialog

    def _remove(self, sub: SubList) -> None:
        row_id = sub.chosen()
        if row_id is None:
            self.outcome.show_error(f"Choose a {sub.kind} in its list first.")
            return
        if not prompts.confirm(self, "Remove", f"Remove this {sub.kind}?", yes="Remove"):
            return
        try:
            with self.ctx.store.session() as s:
                register.remove_listed(s, sub.kind, row_id)
        except DomainError as error:
            self.outcome.show_error(str(error))
        self.refresh()


def due_words(record: register.MemberRecord) -> str:
    """ "DBS recheck due 13/03/2027 · Mid-trial review due 09/04/2027 · End … (held …)"."""
    member = record.member
    parts = [f"DBS recheck {day(record.dbs_due)}" if record.dbs_due else "No DBS check"]
    if record.reviews is not None:
        for what, due, held in [
            ("mid-trial review", record.reviews[0], member.mid_review_on),
            ("end-of-trial review", record.reviews[1], member.end_review_on),
        ]:
            parts.append(f"{what} {'held ' + day(held) if held else 'due ' + day(due)}")
    if member.left_on:
        parts.append(f"Left {day(member.left_on)}")
    return "  ·  ".join(parts)

"""The small forms under a person in the volunteer register: a reference received, a
course taken, a family they declared they know."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.team import register
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog, notes_box


class ReferenceDialog(FormDialog):
    def __init__(self, ctx: Context, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Reference received", "referenceDialog", parent)
        self.ctx, self.member_id = ctx, member_id
        self.referee = QLineEdit()
        self.received = DateField()
        self.received.set_value(ctx.clock.today())
        self.add("From whom", self.referee, "referenceFrom")
        self.add("Received on", self.received, "referenceReceived")
        self.finish_layout()

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            register.add_reference(
                s, self.member_id, self.referee.text(), self.received.checked_value()
            )
        return True


class TrainingDialog(FormDialog):
    def __init__(self, ctx: Context, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Training taken", "trainingDialog", parent)
        self.ctx, self.member_id = ctx, member_id
        self.course = QLineEdit()
        self.course.setPlaceholderText("e.g. Safeguarding level 1, First aid")
        self.taken = DateField()
        self.taken.set_value(ctx.clock.today())
        self.expires = DateField()
        self.add("Course", self.course, "trainingCourse")
        self.add("Taken on", self.taken, "trainingTaken")
        self.add("Expires on (if it does)", self.expires, "trainingExpires")
        self.finish_layout()

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            register.add_training(
                s,
                self.member_id,
                self.course.text(),
                self.taken.checked_value(),
                self.expires.checked_value(),
            )
        return True


class ConflictDialog(FormDialog):
    """A declaration that this person knows a family: the rota warns when they meet."""

    def __init__(self, ctx: Context, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Knows a family", "conflictDialog", parent)
        self.ctx, self.member_id = ctx, member_id
        self.family = QComboBox()
        with ctx.store.session() as s:
            for choice in family_choices(s):
                self.family.addItem(choice.label, choice.id)
        self.note: QPlainTextEdit = notes_box(70)
        self.note.setPlaceholderText("How they know them (kept in the register only)")
        self.add("Family", self.family, "conflictFamily")
        self.add("Note", self.note, "conflictNote")
        self.finish_layout()

    def submit(self) -> bool:
        family_id = self.family.currentData()
        if family_id is None:
            self.show_message("There are no families in the register to choose from.")
            return False
        with self.ctx.store.session() as s:
            register.declare_conflict(
                s, self.member_id, family_id, self.note.toPlainText(), self.ctx.clock.today()
            )
        return True

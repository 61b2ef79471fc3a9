"""The centre's own settings: the letterhead and coordinator for letters, the opening
pattern with a preview of the next session days, and the handover and safety timings.

Every problem shows next to its field and nothing is saved until all are right; saving
is one transaction. Sessions families are booked into are never dropped by a new pattern.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import centre, schedule
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.validate import display_phone
from contactcentre.domain.vocabulary import counted
from contactcentre.ui.charges.fees_box import FeesBox
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import ErrorLabel, with_error
from contactcentre.ui.retention.rules_box import RulesBox

SettingWidget = QLineEdit | QPlainTextEdit | QTimeEdit | QSpinBox


def spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


def clock() -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    return edit


class CentreScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("centreScreen")
        self.widgets: dict[str, SettingWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.stored: dict[str, object] = {}
        address = QPlainTextEdit()
        address.setFixedHeight(80)
        address.setTabChangesFocus(True)
        self.rule_preview = QLabel()
        self.rule_preview.setObjectName("rulePreview")
        self.rule_preview.setWordWrap(True)

        letterhead = self._group(
            "Letterhead (printed on letters and sign-in sheets)",
            [
                ("name", QLineEdit()),
                ("address", address),
                ("phone", QLineEdit()),
                ("email", QLineEdit()),
                ("charity_number", QLineEdit()),
                ("accreditation_line", QLineEdit()),
                ("coordinator_name", QLineEdit()),
            ],
        )
        opening = self._group(
            "Opening",
            [
                ("opening_rule", QLineEdit()),
                ("opening_start", clock()),
                ("opening_end", clock()),
                ("capacity", spin(1, 20, " families")),
            ],
        )
        opening_form = opening.layout()
        assert isinstance(opening_form, QFormLayout)
        opening_form.insertRow(1, "", self.rule_preview)
        timings = self._group(
            "Handovers and safety",
            [
                ("handover_gap_minutes", spin(0, 60, " min")),
                ("nonresident_early_minutes", spin(1, 120, " min")),
                ("nonresident_late_minutes", spin(1, 120, " min")),
                ("short_notice_hours", spin(0, 14 * 24, " hours")),
                ("overdue_after_minutes", spin(1, 240, " min")),
                ("review_months", spin(1, 36, " months")),
            ],
        )
        team = self._group("The team", [("dbs_recheck_years", spin(1, 10, " years"))])
        complaints = self._group(
            "Complaints",
            [
                ("complaint_acknowledge_working_days", spin(1, 30, " working days")),
                ("complaint_respond_days", spin(1, 120, " days")),
            ],
        )
        self.save_button = QPushButton("Save settings")
        self.save_button.setObjectName("saveCentre")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.outcome = QLabel()
        self.outcome.setObjectName("centreOutcome")
        self.outcome.setWordWrap(True)
        self.summary = ErrorLabel()

        page = QWidget()
        columns = QHBoxLayout(page)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(letterhead)
        self.fees = FeesBox(ctx)
        left.addWidget(self.fees)
        left.addWidget(complaints)
        self.retention = RulesBox(ctx)
        left.addWidget(self.retention)
        left.addStretch(1)
        right.addWidget(opening)
        right.addWidget(timings)
        right.addWidget(team)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.outcome, 2)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        rule = self.widgets["opening_rule"]
        assert isinstance(rule, QLineEdit)
        rule.setPlaceholderText(centre.RULE_EXAMPLE)
        rule.textChanged.connect(self.show_preview)
        self.save_button.clicked.connect(self.save)

    def _group(self, title: str, rows: list[tuple[str, SettingWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, widget in rows:
            label = centre.CHECKS[key][0]
            widget.setObjectName(f"centre_{key}")
            widget.setAccessibleName(label)
            self.widgets[key], self.errors[key] = widget, ErrorLabel()
            form.addRow(label, with_error(widget, self.errors[key]))
        return box

    # --- values ---------------------------------------------------------------------
    def value(self, key: str) -> object:
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QTimeEdit):
            chosen: time = widget.time().toPython()
            return chosen
        return widget.value()

    def set_value(self, key: str, value: object) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            widget.setText(display_phone(str(value)) if key == "phone" else str(value))
            widget.setCursorPosition(0)  # a long line shows its beginning, not its end
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QTimeEdit):
            assert isinstance(value, time)
            widget.setTime(QTime(value.hour, value.minute))
        else:
            assert isinstance(value, int)
            widget.setValue(value)

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.stored = centre.editable_settings(centre.get_centre(s))
        for key, value in self.stored.items():
            self.set_value(key, value)
        self.show_errors({})
        self.show_preview()
        self.fees.refresh()
        self.retention.refresh()

    def has_unsaved_edits(self) -> bool:
        """Settings typed but not saved (a refresh would put the stored ones back)."""
        return bool(self.stored) and bool(self.changes())

    def clear(self) -> None:
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.clear()
        self.stored = {}
        self.outcome.clear()

    def changes(self) -> dict[str, object]:
        """What differs from the stored settings (the phone compares as it is shown)."""
        shown = {key: self.value(key) for key in self.widgets}
        stored = dict(self.stored, phone=display_phone(str(self.stored.get("phone", ""))))
        return {key: value for key, value in shown.items() if value != stored.get(key)}

    # --- preview and saving ---------------------------------------------------------
    def show_preview(self) -> None:
        rule = str(self.value("opening_rule"))
        try:
            clean = centre.opening_rule(rule)
            with self.ctx.store.session() as s:
                days = session_calendar.preview_pattern(s, clean, self.ctx.clock.today())
        except ValueError as error:
            self.rule_preview.setText(f"⚠ This pattern {error}.")
            self.rule_preview.setStyleSheet("color: #b00020;")
            return
        self.rule_preview.setStyleSheet("color: #1f4e79;")
        if not days:
            self.rule_preview.setText("⚠ This pattern gives no session in the next year.")
            return
        listed = ", ".join(
            f"{day:%a %d %b %Y}" + (f" (closed: {why})" if why else "") for day, why in days
        )
        self.rule_preview.setText(f"{schedule.describe_rule(clean)}. Next: {listed}.")

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_error(errors.get(key, ""))
        if "opening_rule" in errors:  # the preview under the pattern already says why
            self.errors["opening_rule"].show_error("")
            self.show_preview()
        count = len(errors)
        self.summary.show_error(
            f"{counted(count, 'thing')} to fix; nothing was saved." if count else ""
        )

    def save(self) -> bool:
        changes = self.changes()
        if not changes:
            self.show_errors({})
            self.outcome.setText("Nothing has changed.")
            return False
        try:
            with self.ctx.store.session() as s:
                centre.update_centre(s, **changes)
                notes = session_calendar.follow_centre_settings(s, self.ctx.clock.today())
        except ValidationError as error:
            self.show_errors(error.errors)
            self.outcome.clear()
            return False
        self.refresh()
        self.outcome.setText(" ".join(["Settings saved.", *notes]))
        return True

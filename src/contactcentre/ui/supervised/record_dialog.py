"""One observation record: the header and the body on the left, the age-banded prompts
beside the body as help (never fields). A draft is editable by its author or a
coordinator; a submitted or approved record is shown read-only, with its addenda."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import acting
from contactcentre.domain.errors import DomainError
from contactcentre.domain.supervised import occasions, records
from contactcentre.domain.supervised import prompts as age_prompts
from contactcentre.store.models.enums import ObservationState, TeamRole
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel, fit_to_screen, notes_box

HEADER = {
    "aim": "Aim of the session",
    "brought_by": "Brought by",
    "collected_by": "Collected by",
    "others_present": "Others present",
    "second_worker": "Second worker",
}
BODY = {
    "what_happened": "What happened (facts)",
    "quotes": "Quotes (one a line)",
    "child_response": "Child's response on arrival and leaving",
    "interventions": "Interventions by the worker",
    "critical_incidents": "Critical incidents",
}
SINGLE = {"brought_by", "collected_by", "second_worker", "others_present"}


def prompts_text(bands: tuple[age_prompts.Band, ...]) -> str:
    return "<br><br>".join(
        f"<b>{band.title}</b><br>" + "<br>".join(f"• {p}" for p in band.prompts) for band in bands
    )


class RecordDialog(QDialog):
    """Edit (or read) one record; Save keeps a draft, and the tab submits it."""

    def __init__(self, ctx: Context, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, record_id
        self.setObjectName("observationRecord")
        with ctx.store.session() as s:
            record = records.get_record(s, record_id)
            view = next(
                v for v in records.records_of(s, record.family_id) if v.record.id == record_id
            )
            births = occasions.child_births(s, record.family_id)
            me, role = acting.actor(s), acting.role(s)
        self.view = view
        where = view.occasion
        self.setWindowTitle(f"Observation record – {where.day:%a %d %b %Y}")
        self.editable = record.state == ObservationState.draft and (
            role == TeamRole.coordinator or records.same_person(me, record.author)
        )
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        when = QLabel(
            f"{where.day:%a %d %b %Y}, {where.start:%H:%M}–{where.end:%H:%M} at {where.venue}"
            + (" (escorted)" if where.escorted else "")
            + f"<br>Written by {record.author} · {record.state.value}"
            + (f" · approved by {record.approved_by}" if record.approved_by else "")
        )
        when.setObjectName("recordWhen")
        when.setWordWrap(True)
        form.addRow(when)
        if record.return_reason and record.state not in records.LOCKED:
            returned = QLabel(f"Returned for changes by {record.returned_by}:")
            returned.setObjectName("recordReturned")
            reason = QLabel(record.return_reason)  # plain text: a typed '<' stays a '<'
            reason.setTextFormat(Qt.TextFormat.PlainText)
            reason.setObjectName("recordReturnReason")
            reason.setWordWrap(True)
            form.addRow(returned)
            form.addRow(reason)
        for key, label in (HEADER | BODY).items():
            widget: QLineEdit | QPlainTextEdit = (
                QLineEdit(str(getattr(record, key))) if key in SINGLE else notes_box(70)
            )
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(getattr(record, key)))
                widget.setReadOnly(not self.editable)
            else:
                widget.setReadOnly(not self.editable)
            widget.setObjectName(f"record_{key}")
            widget.setAccessibleName(label)
            self.fields[key] = widget
            form.addRow(label, widget)
        self.safeguarding = QCheckBox("A safeguarding concern")
        self.ended_early = QCheckBox("The session ended early")
        for box, key, label in (
            (self.safeguarding, "safeguarding_details", "Safeguarding details"),
            (self.ended_early, "ended_early_reason", "Why it ended early"),
        ):
            flag = key.split("_")[0] if key.startswith("safe") else "ended_early"
            box.setObjectName(f"record_{flag}")
            box.setAccessibleName(box.text())
            box.setChecked(bool(getattr(record, flag)))
            box.setEnabled(self.editable)
            detail = QLineEdit(str(getattr(record, key)))
            detail.setReadOnly(not self.editable)
            detail.setObjectName(f"record_{key}")
            detail.setAccessibleName(label)
            self.fields[key] = detail
            form.addRow(box, detail)
        for addendum in view.addenda:
            note = QLabel(
                f"<i>Addendum by {addendum.added_by}, {addendum.added_at:%d/%m/%Y}:</i> "
                f"{addendum.text}"
            )
            note.setWordWrap(True)
            form.addRow(note)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        help_box = QLabel(prompts_text(age_prompts.prompts_for(births, where.day)))
        help_box.setObjectName("observationPrompts")
        help_box.setAccessibleName("Prompts for the children's ages")
        help_box.setWordWrap(True)
        help_box.setFixedWidth(300)
        help_scroll = QScrollArea()
        help_scroll.setWidget(help_box)
        help_scroll.setFixedWidth(320)
        columns = QHBoxLayout()
        columns.addWidget(scroll, 1)
        columns.addWidget(help_scroll)
        self.message = ErrorLabel()
        buttons = QDialogButtonBox()
        if self.editable:
            self.save_button = buttons.addButton(
                "Save draft", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.save_button.setObjectName("saveRecord")
            self.save_button.clicked.connect(self.save)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeRecord")
        close.clicked.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.message)
        outer.addWidget(buttons)
        fit_to_screen(self, 1100, 680)

    def values(self) -> dict[str, object]:
        found: dict[str, object] = {
            key: w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            for key, w in self.fields.items()
        }
        found["safeguarding"] = self.safeguarding.isChecked()
        found["ended_early"] = self.ended_early.isChecked()
        return found

    def save(self) -> bool:
        try:
            with self.ctx.store.session() as s:
                records.edit_record(s, self.record_id, **self.values())
        except DomainError as error:
            self.message.show_error(str(error))
            return False
        self.accept()
        return True

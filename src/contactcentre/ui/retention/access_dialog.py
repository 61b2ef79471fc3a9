"""A subject-access export: the coordinator picks the family and the person, reviews
everything that will be sent (as the JSON will hold it) and only then writes the PDF and
JSON into a folder of their choosing. Writing it logs it in the disclosure log.

In the review the family's incident passages are listed, each with a tick box: ticked,
it is other people's words and reads "[withheld: third party]" (the preview follows at
once). The ticks shown first are those stored for this person; writing stores the ticks
as they stand, so the next export about them (here or on the command line) withholds the
same.

Below the ticks, what the export's rules withheld on their own, section by section (the
other parent's contact details, their screening answers, a payer who is a private
person...: access.py's table), so the coordinator sees every redaction before writing."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contactcentre import outputs
from contactcentre.documents.data import WITHHELD, SubjectAccess
from contactcentre.documents.subject_access import render_subject_access
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.retention import access, withholding
from contactcentre.errors import UserError
from contactcentre.ui import prompts
from contactcentre.ui.context import Context

FILES = ("subject-access.pdf", "subject-access.json")


class SubjectAccessDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.export: SubjectAccess | None = None
        self.lines: list[withholding.PassageLine] = []
        self.withheld: frozenset[withholding.Passage] = frozenset()
        self.setWindowTitle("Subject-access export")
        self.setObjectName("subjectAccessDialog")
        self.family = QComboBox()
        self.family.setObjectName("accessFamily")
        self.family.setAccessibleName("Family")
        with ctx.store.session() as s:
            for choice in family_choices(s):
                self.family.addItem(choice.ref, choice.ref)
        self.person = QLineEdit()
        self.person.setObjectName("accessPerson")
        self.person.setAccessibleName("The person asking (First Last)")
        self.review_button = QPushButton("Review")
        self.review_button.setObjectName("accessReview")
        self.summary = QLabel("Choose the family and type the person's name, then Review.")
        self.summary.setObjectName("accessSummary")
        self.summary.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("accessPreview")
        self.preview.setAccessibleName("What the export holds")
        self.preview.setReadOnly(True)
        self.passages = QListWidget()
        self.passages.setObjectName("accessPassages")
        self.passages.setAccessibleName(
            "Incident passages: tick those that are other people's words"
        )
        self.passages.setWordWrap(True)
        self.by_rule = QLabel("")
        self.by_rule.setObjectName("accessByRule")
        self.by_rule.setAccessibleName("What the rules withheld, by section")
        self.by_rule.setWordWrap(True)
        self.write_button = QPushButton("Write to folder…")
        self.write_button.setObjectName("accessWrite")
        self.write_button.setEnabled(False)
        close = QPushButton("Close")
        close.setObjectName("accessClose")
        form = QFormLayout()
        form.addRow("Family", self.family)
        form.addRow("Person", self.person)
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        sides = QHBoxLayout()
        marks = QVBoxLayout()
        marks.addWidget(QLabel("<b>Incidents: tick other people's words to withhold</b>"))
        marks.addWidget(self.passages, 1)
        marks.addWidget(self.by_rule)
        sides.addLayout(marks, 2)
        sides.addWidget(self.preview, 3)
        layout.addLayout(sides, 1)
        layout.addLayout(buttons)
        self.resize(1000, 600)
        self.review_button.clicked.connect(self.review)
        self.write_button.clicked.connect(self.write)
        close.clicked.connect(self.reject)
        self.person.textChanged.connect(self._forget)
        self.family.currentIndexChanged.connect(self._forget)
        self.passages.itemChanged.connect(lambda _item: self._show(self._ticked()))

    def _forget(self) -> None:
        self.export = None
        self.write_button.setEnabled(False)
        self.lines = []
        self.passages.clear()

    def review(self) -> None:
        """The export as it would be written, with the passages stored for this person."""
        self._forget()
        try:
            with self.ctx.store.session() as s:
                family, subject, _ = access.find_subject(
                    s, self.family.currentData() or "", self.person.text()
                )
                lines = withholding.passages(s, family.id or 0)
                stored = withholding.marked(s, subject.id or 0)
        except UserError as error:
            prompts.error(self, "Subject-access export", str(error))
            return
        self.passages.blockSignals(True)
        for line in lines:
            item = QListWidgetItem(f"{line.label}: {line.text[:120]}")
            item.setToolTip(line.text[:2000])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if line.passage in stored else Qt.CheckState.Unchecked
            )
            self.passages.addItem(item)
        self.passages.blockSignals(False)
        self.lines = lines
        if not lines:
            self.passages.addItem(QListWidgetItem("No incidents are recorded for this family."))
        self._show(stored)

    def _ticked(self) -> frozenset[withholding.Passage]:
        return frozenset(
            line.passage
            for row, line in enumerate(self.lines)
            if self.passages.item(row).checkState() == Qt.CheckState.Checked
        )

    def _show(self, withheld: frozenset[withholding.Passage]) -> None:
        try:
            with self.ctx.store.session() as s:
                export = access.subject_access_export(
                    s,
                    self.family.currentData() or "",
                    self.person.text(),
                    self.ctx.clock.today(),
                    withheld=withheld,
                )
        except UserError as error:
            prompts.error(self, "Subject-access export", str(error))
            return
        self.withheld = withheld
        data = access.as_json(export)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        held = [sec for sec in export.sections if sec.records]
        counts = "; ".join(f"{sec.title} {len(sec.records)}" for sec in held)
        self.summary.setText(
            f"For {export.subject} ({export.family_ref}): {counts}; nothing held in "
            f"{len(export.sections) - len(held)} other section(s). {text.count(WITHHELD)} "
            f"value(s) withheld as third-party data. Check it before writing."
        )
        by_section = [
            (sec.title, sum(v == WITHHELD for record in sec.records for _k, v in record))
            for sec in held
        ]
        self.by_rule.setText(
            "<b>Withheld as third-party data, by section</b> (ticks included):<br>"
            + ("; ".join(f"{title} {n}" for title, n in by_section if n) or "nothing")
        )
        self.preview.setPlainText(text)
        self.export = export
        self.write_button.setEnabled(True)

    def write(self) -> None:
        if self.export is None:
            return
        folder = prompts.choose_folder(self, "Write the subject-access export into")
        if folder is None:
            return
        pdf, data = render_subject_access(self.export), access.export_json(self.export)
        try:
            for name, content in zip(FILES, (pdf, data), strict=True):
                outputs.write_file(Path(folder) / name, content, database=self.ctx.store.path)
            with self.ctx.store.session() as s:
                _, subject, _ = access.find_subject(s, self.export.family_ref, self.export.subject)
                withholding.mark(s, subject, self.withheld)
                access.log_export(s, self.export)
        except (OSError, UserError) as error:
            prompts.error(self, "Subject-access export", str(error))
            return
        prompts.info(self, "Subject-access export", f"Written to {folder} and logged.")
        self.accept()

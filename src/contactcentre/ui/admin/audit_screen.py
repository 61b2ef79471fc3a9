"""The audit trail: who did what and when, filtered by date and family, and whether the
hash chain is still whole."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import audit
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.vocabulary import counted
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import DateField

Index = QModelIndex | QPersistentModelIndex
DIGEST = re.compile(r"\b[0-9a-f]{64}\b")  # shown short; the tooltip has it in full
COLUMNS = ["When", "Who", "What", "Record", "Family", "Fields", "Detail"]


class AuditModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[list[str]] = []

    def set_rows(self, entries: Sequence[audit.TrailEntry], refs: dict[int, str]) -> None:
        tz = self.ctx.clock.tz
        self.beginResetModel()
        self._rows = [
            [
                e.at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"),
                e.actor,
                e.action,
                f"{e.entity} {e.entity_id}" if e.entity_id is not None else e.entity,
                refs.get(e.family_id, "") if e.family_id is not None else "",
                e.fields.replace(",", ", "),
                e.detail,
            ]
            for e in entries
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], {})

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return DIGEST.sub(lambda m: m.group()[:12] + "…", value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return value or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class AuditScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditScreen")
        self.start = DateField(today=ctx.clock.today())
        self.start.setObjectName("auditFrom")
        self.start.setAccessibleName("From date")
        self.end = DateField(today=ctx.clock.today())
        self.end.setObjectName("auditTo")
        self.end.setAccessibleName("To date")
        self.family = QComboBox()
        self.family.setObjectName("auditFamily")
        self.family.setAccessibleName("Family")
        self.family.setMinimumWidth(140)
        self.verify_button = QPushButton("Check the trail")
        self.verify_button.setObjectName("verifyAudit")
        self.chain = QLabel()
        self.chain.setObjectName("auditChain")
        self.model = AuditModel(ctx, self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName("Audit entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate([170, 90, 170, 170, 80, 170]):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count = QLabel()
        self.count.setObjectName("auditCount")

        bar = QHBoxLayout()
        for label, widget in [("From", self.start), ("to", self.end), ("Family", self.family)]:
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.chain)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.start.dateChanged.connect(self.show_entries)
        self.end.dateChanged.connect(self.show_entries)
        self.family.currentIndexChanged.connect(self.show_entries)
        self.verify_button.clicked.connect(self.verify)
        self._refs: dict[int, str] = {}

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self._refs = {choice.id: choice.ref for choice in family_choices(s)}
        self.family.blockSignals(True)
        chosen = self.family.currentData()
        self.family.clear()
        self.family.addItem("All families", None)
        for family_id, ref in sorted(self._refs.items(), key=lambda item: item[1]):
            self.family.addItem(ref, family_id)
        self.family.setCurrentIndex(max(0, self.family.findData(chosen)))
        self.family.blockSignals(False)
        self.show_entries()

    def _moment(self, day: date | None) -> datetime | None:
        if day is None:
            return None
        return datetime.combine(day, time(0), tzinfo=self.ctx.clock.tz)

    def show_entries(self) -> None:
        start = self._moment(self.start.value())
        end_day = self.end.value()
        end = self._moment(end_day + timedelta(days=1)) if end_day else None
        with self.ctx.store.session() as s:
            entries = audit.entries(s, start=start, end=end, family_id=self.family.currentData())
        self.model.set_rows(entries, self._refs)
        self.count.setText(f"{counted(len(entries), 'entry', 'entries')} shown, newest first")

    def verify(self) -> None:
        with self.ctx.store.session() as s:
            found = audit.problems(s)
        if not found:
            self.chain.setText("✔ The trail is whole: nothing was changed or removed.")
        else:
            self.chain.setText("\n".join(f"⚠ {line[0].upper()}{line[1:]}." for line in found))

    def clear(self) -> None:
        self.model.clear()
        self.family.blockSignals(True)
        self.family.clear()
        self.family.blockSignals(False)
        self._refs = {}
        self.chain.clear()
        self.count.clear()

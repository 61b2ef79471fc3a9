"""The family register: a list that filters as you type and sorts by column.

Filtering and sorting happen in Python inside the model rather than through a
QSortFilterProxyModel: at 20,000 families the proxy took ~1 s a keystroke and 7 s to sort
(shared/FACTS.md); a list of row indices is reset in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import validate
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.register.family_forms import FamilyForm
from contactcentre.domain.register.family_lists import RegisterRow, register_rows, review_state
from contactcentre.domain.vocabulary import CONTACT_LABELS, STATUS_LABELS, counted
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.register.family_editor import FamilyEditor

Index = QModelIndex | QPersistentModelIndex
STATUS_COLUMN, REVIEW_COLUMN = 3, 5
ATTENTION = QColor("#b00020")
RESIGN_COLOUR = QColor("#9a5b00")


def review_text(row: RegisterRow, today: date) -> str:
    state = review_state(row.review_date, row.status, today)
    if state is not None:
        return f"Review {state}"
    return f"{row.review_date:%d/%m/%Y}" if row.review_date and row.is_open else ""


COLUMNS: list[tuple[str, Callable[[RegisterRow, date], Any], Callable[[RegisterRow], Any]]] = [
    ("Reference", lambda r, _t: r.ref, lambda r: r.ref),
    ("Children", lambda r, _t: r.children or "—", lambda r: validate.folded(r.children)),
    ("Contact", lambda r, _t: CONTACT_LABELS[r.contact_type], lambda r: r.contact_type.value),
    ("Status", lambda r, _t: STATUS_LABELS[r.status], lambda r: r.status.value),
    ("Referred", lambda r, _t: f"{r.referral_date:%d/%m/%Y}", lambda r: r.referral_date),
    ("Review", review_text, lambda r: r.review_date or date.max),
]


RECENT_FILTERS = 32


class RegisterModel(QAbstractTableModel):
    """Rows of the register with an in-model filter and sort."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[RegisterRow] = []
        self._resign: set[int] = set()
        self._hay: list[str] = []
        self._shown: list[int] = []
        self._tokens: list[str] = []
        # Recent filter results, so deleting a letter goes straight back to the wider list
        # instead of scanning every family again. Emptied whenever the rows change order.
        self._recent: dict[tuple[tuple[str, ...], bool], list[int]] = {}
        self._show_closed = False
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- data -------------------------------------------------------------
    def set_rows(self, rows: Sequence[RegisterRow], resign: Collection[int] = ()) -> None:
        """The families to list; `resign` holds those whose adults must sign again."""
        self.beginResetModel()
        self._rows = list(rows)
        self._resign = set(resign)
        self._sort_rows()
        self._hay = [row.haystack for row in self._rows]
        self._recent.clear()
        self._shown = self._matching(range(len(self._rows)))
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def set_filter(self, text: str, show_closed: bool) -> None:
        tokens = validate.folded(text).split()
        narrowing = (
            show_closed == self._show_closed
            and bool(self._tokens)
            and len(tokens) >= len(self._tokens)
            and all(new.startswith(old) for new, old in zip(tokens, self._tokens, strict=False))
        )
        candidates = self._shown if narrowing else range(len(self._rows))
        self._tokens, self._show_closed = tokens, show_closed
        key = (tuple(tokens), show_closed)
        shown = self._recent.get(key)
        if shown is None:
            shown = self._recent[key] = self._matching(candidates)
            if len(self._recent) > RECENT_FILTERS:
                del self._recent[next(iter(self._recent))]
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def _matching(self, candidates: Sequence[int] | range) -> list[int]:
        if not self._tokens:
            if self._show_closed:
                return list(candidates)
            rows = self._rows
            return [i for i in candidates if rows[i].is_open]
        # Typing finds closed families too: they leave the list, not the register.
        # One plain comprehension per word is ~4x faster than all(...) per row.
        hay = self._hay
        shown = list(candidates)
        for token in self._tokens:
            shown = [i for i in shown if token in hay[i]]
        return shown

    def row_at(self, index: Index) -> RegisterRow:
        return self._rows[self._shown[index.row()]]

    def shown_rows(self) -> list[RegisterRow]:
        return [self._rows[i] for i in self._shown]

    # --- Qt ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index)
        resign = index.column() == STATUS_COLUMN and row.id in self._resign
        if role == Qt.ItemDataRole.DisplayRole:
            text = COLUMNS[index.column()][1](row, self._today())
            return f"{text} · Re-sign needed" if resign else text
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_open:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ForegroundRole and resign:
            return QBrush(RESIGN_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == REVIEW_COLUMN:
            text = review_text(row, self._today())
            if text.startswith("Review"):
                return QBrush(ATTENTION)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._sort_rows()
        self._hay = [row.haystack for row in self._rows]
        self._recent.clear()
        self._shown = self._matching(range(len(self._rows)))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        key = COLUMNS[self._sort_column][2]
        self._rows.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)


class RegisterScreen(KeepsNoDraft, QWidget):
    """The list of families, a search box and the way into each family."""

    family_saved = Signal(int)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("registerScreen")
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setAccessibleName("Search families")
        self.search.setPlaceholderText("Search by any name or reference…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.show_closed = QCheckBox("Show closed and excluded")
        self.show_closed.setObjectName("showClosed")
        self.add = QPushButton("New family")
        self.add.setObjectName("newFamily")
        self.add.setShortcut(QKeySequence("Ctrl+N"))
        self.add.setToolTip("Add a family (Ctrl+N)")
        self.count = QLabel()
        self.count.setObjectName("registerCount")

        self.model = RegisterModel(ctx.clock.today, self)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName("Families")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate([110, 260, 130, 110, 110]):
            self.table.setColumnWidth(column, width)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_closed)
        bar.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.search.textChanged.connect(self._filter)
        self.show_closed.toggled.connect(self._filter)
        self.add.clicked.connect(lambda: self.open_family(None))
        self.table.activated.connect(lambda index: self.open_family(self.model.row_at(index).id))
        self.editor: FamilyEditor | None = None

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            rows = register_rows(s)
            resign = agreement_versions.families_needing_resign(s)
        self.model.set_rows(rows, resign)
        self._filter()

    def clear(self) -> None:
        """Forget every row (used when the centre locks)."""
        self.search.clear()
        self.model.clear()
        if self.editor is not None:
            self.editor.close()

    def take_draft(self) -> tuple[int | None, FamilyForm] | None:
        """The open family editor's unsaved edits, held in memory only while locked."""
        if self.editor is None or not self.editor.isVisible():
            return None
        return self.editor.family_id, self.editor.collect(draft=True)

    def restore_draft(self, draft: tuple[int | None, FamilyForm]) -> None:
        self.open_family(*draft)

    def _filter(self) -> None:
        self.model.set_filter(self.search.text(), self.show_closed.isChecked())
        self.count.setText(f"{counted(self.model.rowCount(), 'family', 'families')} shown")

    def open_family(self, family_id: int | None, draft: FamilyForm | None = None) -> FamilyEditor:
        self.editor = FamilyEditor(self.ctx, family_id, self, draft=draft)
        self.editor.saved.connect(self._saved)
        self.editor.open()
        return self.editor

    def _saved(self, family_id: int) -> None:
        self.refresh()
        self.family_saved.emit(family_id)

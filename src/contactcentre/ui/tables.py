"""The read-only row table the screens share: pick one whole row, edit nothing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def row_table(columns: Sequence[str], name: str, accessible_name: str = "") -> QTableWidget:
    """A table with these column headings, one row selected at a time, no editing, columns
    sized to their contents and the last one stretched, no row numbers."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    if accessible_name:
        table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table

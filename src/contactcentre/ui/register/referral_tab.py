"""The family editor's Referral tab: who referred the family, any court order, and the
referees a self-referral names.

Unlike the Agreement and Bookings tabs, nothing here is saved on its own: the editor
collects these values with the rest of the family when Save is pressed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import vocabulary
from contactcentre.domain.register.family_forms import FamilyForm, RefereeForm
from contactcentre.domain.validate import display_phone
from contactcentre.store.models.enums import ReferralSource
from contactcentre.ui.fields import (
    DateField,
    ErrorLabel,
    FieldSet,
    enum_combo,
    line,
    notes_box,
)


class ReferralTab(QWidget):
    def __init__(self, form: FamilyForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        layout = QFormLayout()
        outer.addLayout(layout)
        self.fields = FieldSet(layout, "referrer")
        self.fields.add(
            "referral_source", "Referred by", enum_combo(vocabulary.SOURCE_LABELS, "referralSource")
        )
        for key, label in [
            ("referrer_name", "Referrer's name"),
            ("referrer_organisation", "Organisation"),
            ("referrer_email", "Email"),
            ("referrer_phone", "Phone"),
            ("referrer_reference", "Their reference"),
        ]:
            self.fields.add(key, label, line())
        self.fields.add("court_order", "Court order", QCheckBox("There is a court order"))
        self.fields.add("court_order_date", "Order date", DateField())
        self.fields.add("court_order_description", "Order details", notes_box(60))
        self.referees_label = QLabel("Referees (for self-referrals)")
        self.referees = QTableWidget(0, 4)
        self.referees.setObjectName("refereesTable")
        self.referees.setHorizontalHeaderLabels(["Name", "Relationship", "Phone", "Email"])
        self.referees.horizontalHeader().setStretchLastSection(True)
        add = QPushButton("Add referee")
        add.setObjectName("addReferee")
        add.clicked.connect(lambda: self.referees.insertRow(self.referees.rowCount()))
        remove = QPushButton("Remove referee")
        remove.clicked.connect(lambda: self.referees.removeRow(self.referees.currentRow()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.referee_error = ErrorLabel()
        for widget in (self.referees_label, self.referees, self.referee_error):
            outer.addWidget(widget)
        outer.addLayout(row)
        source = self.fields.widgets["referral_source"]
        assert isinstance(source, QComboBox)
        source.currentIndexChanged.connect(self._source_changed)
        self._load(form)

    def _load(self, form: FamilyForm) -> None:
        for key in self.fields.widgets:
            self.fields.set(key, getattr(form, key))
        for referee in form.referees:
            row = self.referees.rowCount()
            self.referees.insertRow(row)
            values = [
                referee.name,
                referee.relationship,
                display_phone(referee.phone),
                referee.email,
            ]
            for column, value in enumerate(values):
                self.referees.setItem(row, column, QTableWidgetItem(value))
        self._referee_ids = [r.id for r in form.referees]
        self._source_changed()

    def _source_changed(self) -> None:
        is_self = self.fields.get("referral_source") == ReferralSource.self
        self.referees_label.setVisible(is_self)
        self.referees.setVisible(is_self)

    def values(self, *, draft: bool = False) -> dict[str, Any]:
        """The referral fields as typed, by FamilyForm field name."""
        return {key: self.fields.get(key, draft=draft) for key in self.fields.widgets}

    def referee_forms(self) -> list[RefereeForm]:
        """The referees typed in; none unless the family referred itself."""
        if self.fields.get("referral_source") != ReferralSource.self:
            return []
        referees = []
        for row in range(self.referees.rowCount()):
            cells = [self.referees.item(row, c) for c in range(4)]
            texts = [cell.text() if cell else "" for cell in cells]
            if any(t.strip() for t in texts):
                ref_id = self._referee_ids[row] if row < len(self._referee_ids) else None
                referees.append(RefereeForm(*texts, id=ref_id))
        return referees

    def show_errors(self, errors: dict[str, str]) -> None:
        self.fields.show_errors(errors)
        self.referee_error.show_error(
            "; ".join(m for k, m in errors.items() if k.startswith("referees."))
        )

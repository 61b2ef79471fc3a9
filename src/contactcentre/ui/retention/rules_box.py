"""The retention rules on the Centre screen: how long each kind of record is kept, after
what, and why; the coordinator may change the years, giving the reason shown beside it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from contactcentre.domain.errors import ValidationError
from contactcentre.domain.retention import rules
from contactcentre.errors import UserError
from contactcentre.ui import prompts
from contactcentre.ui.context import Context

EDITABLE = ("family", "incidents", "volunteer", "complaints")


class RulesBox(QGroupBox):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__("Retention: how long records are kept", parent)
        self.ctx = ctx
        self.setObjectName("retentionRulesBox")
        grid = QGridLayout(self)
        self.years: dict[str, QSpinBox] = {}
        self.reasons: dict[str, QLineEdit] = {}
        self.afters: dict[str, QLabel] = {}
        for row, key in enumerate(EDITABLE):
            rule = rules.DEFAULTS[key]
            years = QSpinBox()
            years.setRange(1, rules.MAX_YEARS)
            years.setSuffix(" years")
            years.setObjectName(f"rule_{key}_years")
            years.setAccessibleName(f"{rule.label}: years kept")
            reason = QLineEdit()
            reason.setObjectName(f"rule_{key}_reason")
            reason.setAccessibleName(f"{rule.label}: why")
            change = QPushButton("Change")
            change.setObjectName(f"rule_{key}_change")
            change.setAccessibleName(f"Change the rule for {rule.label.lower()}")
            change.clicked.connect(lambda _=False, k=key: self.change(k))
            after = QLabel()
            after.setWordWrap(True)
            grid.addWidget(QLabel(rule.label), 2 * row, 0)
            grid.addWidget(years, 2 * row, 1)
            grid.addWidget(after, 2 * row, 2)
            grid.addWidget(reason, 2 * row + 1, 0, 1, 2)
            grid.addWidget(change, 2 * row + 1, 2)
            self.years[key], self.reasons[key], self.afters[key] = years, reason, after
        note = QLabel(rules.DEFAULTS["disclosure"].reason)
        note.setWordWrap(True)
        grid.addWidget(note, 2 * len(EDITABLE), 0, 1, 3)

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            found = rules.rules(s)
        for key in EDITABLE:
            self.years[key].setValue(found[key].years)
            self.reasons[key].setText(found[key].reason)
            self.reasons[key].setCursorPosition(0)  # the reason's start, not its end
            self.reasons[key].setToolTip(found[key].reason)
            self.afters[key].setText(f"after {found[key].after}")

    def change(self, key: str) -> None:
        try:
            with self.ctx.store.session() as s:
                rule = rules.set_rule(s, key, self.years[key].value(), self.reasons[key].text())
        except ValidationError as error:
            prompts.error(self, "Retention rule", "; ".join(error.errors.values()))
            return
        except UserError as error:
            prompts.error(self, "Retention rule", str(error))
            return
        prompts.info(self, "Retention rule", f"{rule.label}: {rules.rule_words(rule)}.")
        self.refresh()

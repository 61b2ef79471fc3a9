"""The family's Screening tab (coordinators): each adult's referral checklist (yes, no or
not known, with a note; an order's type, date and expiry), the recommended level and its
reasons in words, the supported block and its override, the door instruction and the risk
statement."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.errors import DomainError
from contactcentre.domain.safeguarding import levels, screening
from contactcentre.store.models.enums import Answer, Rating, ScreeningItem
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField
from contactcentre.ui.tables import row_table

RISK_COLUMNS = ["Risk", "Seriousness", "Likelihood", "How managed", "Before", "During", "After"]


def _button(text: str, name: str) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.setAccessibleName(text)
    return made


class ScreeningTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("screeningTab")
        self.found: screening.FamilyScreening | None = None
        self.level = QLabel()
        self.level.setObjectName("screeningLevel")
        self.level.setWordWrap(True)
        self.adult = QComboBox()
        self.adult.setObjectName("screeningAdult")
        self.adult.setAccessibleName("Adult screened")
        self.adult.currentIndexChanged.connect(self._show_adult)
        self.answers = row_table(
            ["Question", "Answer", "Note"], "screeningAnswers", "The checklist for this adult"
        )
        self.answers.setRowCount(len(levels.QUESTIONS))
        self.combos: dict[ScreeningItem, QComboBox] = {}
        self.notes: dict[ScreeningItem, QLineEdit] = {}
        for row, (item, question) in enumerate(levels.QUESTIONS.items()):
            self.answers.setItem(row, 0, QTableWidgetItem(question))
            combo = QComboBox()
            for answer, words in levels.ANSWER_WORDS.items():
                combo.addItem(words, answer)
            combo.setAccessibleName(f"{question}: answer")
            note = QLineEdit()
            note.setAccessibleName(f"{question}: note")
            self.combos[item], self.notes[item] = combo, note
            self.answers.setCellWidget(row, 1, combo)
            self.answers.setCellWidget(row, 2, note)
        self.order_type = QLineEdit()
        self.order_type.setObjectName("orderType")
        self.order_type.setAccessibleName("Order type")
        self.order_type.setPlaceholderText("Order type, e.g. non-molestation")
        self.order_made, self.order_expires = DateField(), DateField()
        self.order_made.setAccessibleName("Order made on")
        self.order_expires.setAccessibleName("Order expires on")
        self.save_answers = _button("Save answers", "saveScreening")
        self.save_answers.clicked.connect(self.save)
        self.reviewed = _button("Reviewed at pre-visit today", "screeningReviewed")
        self.reviewed.clicked.connect(self.mark_reviewed)
        self.override = QLineEdit()
        self.override.setObjectName("screeningOverride")
        self.override.setAccessibleName("Override reason")
        self.override.setPlaceholderText("Reason to allow supported contact despite the block")
        self.save_override = _button("Record override", "saveOverride")
        self.save_override.clicked.connect(self.record_override)
        self.door = QLineEdit()
        self.door.setObjectName("doorInstruction")
        self.door.setAccessibleName("Door instruction")
        self.door.setPlaceholderText("Shown at the door, e.g. release the child only to …")
        self.save_door = _button("Save door instruction", "saveDoor")
        self.save_door.clicked.connect(self.record_door)
        self.risks = row_table(RISK_COLUMNS, "riskStatement", "The risk statement")
        self.risks.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers)
        self.add_risk = _button("Add risk", "addRisk")
        self.add_risk.clicked.connect(lambda: self._risk_row(screening.RiskLine("")))
        self.review_on = DateField()
        self.review_on.setObjectName("riskReviewOn")
        self.review_on.setAccessibleName("Next review of the risk statement")
        self.review_on.edit.setPlaceholderText("in 3 months")
        self.review_on.setToolTip("Empty: the centre's review interval from today")
        self.save_risks = _button("Save risk statement (reviewed today)", "saveRisks")
        self.save_risks.clicked.connect(self.record_risks)

        orders = QHBoxLayout()
        for widget in (
            self.order_type,
            QLabel("made"),
            self.order_made,
            QLabel("expires"),
            self.order_expires,
            self.save_answers,
            self.reviewed,
        ):
            orders.addWidget(widget)
        block = QHBoxLayout()
        for widget in (self.override, self.save_override, self.door, self.save_door):
            block.addWidget(widget)
        risk_buttons = QHBoxLayout()
        risk_buttons.addWidget(self.add_risk)
        risk_buttons.addWidget(QLabel("Next review"))
        risk_buttons.addWidget(self.review_on)
        risk_buttons.addWidget(self.save_risks)
        risk_buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.level)
        layout.addWidget(self.adult)
        layout.addWidget(self.answers, 3)
        layout.addLayout(orders)
        layout.addLayout(block)
        layout.addWidget(self.risks, 1)
        layout.addLayout(risk_buttons)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.found = screening.screening(s, self.family_id)
        found = self.found
        reasons = "".join(
            f"<br/>• {a.name}: {r}" for a in found.adults for r in a.recommendation.reasons
        )
        block = ""
        if found.blocked:
            state = f"overridden by {found.override_by}" if found.override_reason else "BLOCKED"
            block = f"<br/><b>Supported contact {state}.</b>"
        reviewed = f" Reviewed {found.reviewed_on:%d/%m/%Y}." if found.reviewed_on else ""
        if found.review_on:
            reviewed += f" Risk statement to be reviewed by {found.review_on:%a %d %b %Y}."
        self.level.setText(f"<b>Recommended: {found.level_words}</b>.{reviewed}{block}{reasons}")
        self.review_on.set_value(None)  # empty: the centre's interval from the day saved
        chosen = self.adult.currentData()
        self.adult.blockSignals(True)
        self.adult.clear()
        for adult in found.adults:
            self.adult.addItem(
                f"{adult.name} ({adult.role}): {adult.recommendation.words}", adult.person_id
            )
        self.adult.setCurrentIndex(max(self.adult.findData(chosen), 0))
        self.adult.blockSignals(False)
        self.override.setText(found.override_reason)
        self.door.setText(found.door_instruction)
        self.risks.setRowCount(0)
        for risk in found.risks:
            self._risk_row(risk)
        self._show_adult()

    def _adult(self) -> screening.AdultScreening | None:
        found, chosen = self.found, self.adult.currentData()
        return next((a for a in found.adults if a.person_id == chosen), None) if found else None

    def _show_adult(self) -> None:
        adult = self._adult()
        for line in adult.answers if adult else ():
            self.combos[line.item].setCurrentIndex(self.combos[line.item].findData(line.answer))
            self.notes[line.item].setText(line.note)
            if line.item == ScreeningItem.orders:
                self.order_type.setText(line.order_type)
                self.order_made.set_value(line.order_made_on)
                self.order_expires.set_value(line.order_expires_on)

    def _risk_row(self, risk: screening.RiskLine) -> None:
        row = self.risks.rowCount()
        self.risks.insertRow(row)
        values = (
            risk.nature,
            risk.seriousness.value,
            risk.likelihood.value,
            risk.managed,
            risk.before,
            risk.during,
            risk.after,
        )
        for column, value in enumerate(values):
            self.risks.setItem(row, column, QTableWidgetItem(value))

    def _do(self, title: str, work: object) -> None:
        try:
            with self.ctx.store.session() as s:
                work(s)  # type: ignore[operator]
        except (DomainError, ValueError) as error:
            prompts.error(self, title, str(error))
            return
        self.refresh()

    def save(self) -> None:
        adult = self._adult()
        if adult is None:
            return

        def work(s: object) -> None:
            for item, combo in self.combos.items():
                orders = item == ScreeningItem.orders
                screening.save_answer(
                    s,
                    adult.person_id,
                    screening.AnswerLine(  # type: ignore[arg-type]
                        item,
                        "",
                        Answer(combo.currentData()),
                        self.notes[item].text(),
                        self.order_type.text() if orders else "",
                        self.order_made.checked_value() if orders else None,
                        self.order_expires.checked_value() if orders else None,
                    ),
                )

        self._do("Screening", work)

    def mark_reviewed(self) -> None:
        today = self.ctx.clock.local_now().date()
        self._do("Screening", lambda s: screening.review_screening(s, self.family_id, today))

    def record_override(self) -> None:
        reason = self.override.text()
        self._do("Override", lambda s: screening.override_block(s, self.family_id, reason))

    def record_door(self) -> None:
        text = self.door.text()
        self._do(
            "Door instruction", lambda s: screening.set_door_instruction(s, self.family_id, text)
        )

    def record_risks(self) -> None:
        def cell(row: int, column: int) -> str:
            item = self.risks.item(row, column)
            return item.text().strip() if item is not None else ""

        risks = [
            screening.RiskLine(
                cell(r, 0),
                Rating(cell(r, 1) or "medium"),
                Rating(cell(r, 2) or "medium"),
                *(cell(r, c) for c in range(3, 7)),
            )
            for r in range(self.risks.rowCount())
            if cell(r, 0)
        ]
        today = self.ctx.clock.local_now().date()
        try:
            review_on = self.review_on.checked_value()
        except DomainError as error:
            prompts.error(self, "Risk statement", str(error))
            return
        self._do(
            "Risk statement",
            lambda s: screening.save_risks(s, self.family_id, risks, today, review_on),
        )

"""The family editor's Agreement tab: is the family ready for contact, and for each adult
their pre-visit date and whether they signed the agreement in force (on screen or on paper).

Everything here is saved as soon as it is done (its own transaction), apart from the
family form: the editor's Save button does not touch pre-visits or signatures.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contactcentre import outputs
from contactcentre.domain import audit
from contactcentre.domain.agreements import copies as agreement_copies
from contactcentre.domain.agreements import readiness
from contactcentre.domain.agreements import scans as signature_scans
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.register import family_lists
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import FamilyStatus
from contactcentre.ui import printing, prompts
from contactcentre.ui.agreements.signing_dialogs import SignedOnPaperDialog, SignOnScreenDialog
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, ErrorLabel, InvalidDate

STATE_COLOURS = {"signed": "#1b6e3a", "resign": "#9a5b00", "unsigned": "#a4262c"}


class PreVisitField(QWidget):
    """A person's pre-visit date with its own Save button; a refusal shows underneath."""

    def __init__(self, tab: AgreementTab, person_id: int, name: str, day: date | None) -> None:
        super().__init__()
        self.tab, self.person_id = tab, person_id
        key = f"person{person_id}"
        self.pre_visit = DateField(today=tab.ctx.clock.today())
        self.pre_visit.setObjectName(f"{key}PreVisit")
        self.pre_visit.setAccessibleName(f"Pre-visit date of {name}")
        self.pre_visit.set_value(day)
        self.save_date = QPushButton("Save date")
        self.save_date.setObjectName(f"{key}SavePreVisit")
        self.save_date.setAccessibleName(f"Save the pre-visit date of {name}")
        self.save_date.setEnabled(False)
        self.pre_visit.dateChanged.connect(
            lambda _d: self.save_date.setEnabled(self.pre_visit.value() != day)
        )
        self.save_date.clicked.connect(self.save)
        self.date_error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.pre_visit)
        line.addWidget(self.save_date)
        layout.addLayout(line)
        layout.addWidget(self.date_error)

    def save(self) -> None:
        try:
            with self.tab.ctx.store.session() as s:
                readiness.record_pre_visit(
                    s,
                    self.person_id,
                    self.pre_visit.checked_value(),
                    today=self.tab.ctx.clock.today(),
                )
        except InvalidDate:
            return  # the field says what is wrong with it
        except ValidationError as error:
            self.date_error.show_error(next(iter(error.errors.values())))
            return
        self.tab.refresh()


class AdultRow:
    """One adult's line: name and role, pre-visit date, signed state, signing buttons."""

    def __init__(
        self,
        tab: AgreementTab,
        grid: QGridLayout,
        row: int,
        adult: agreement_versions.AdultAgreement,
    ):
        self.tab, self.adult = tab, adult
        key = f"adult{adult.person_id}"
        who = QLabel(f"<b>{escape(adult.name)}</b><br>{escape(adult.role_label)}")
        who.setObjectName(f"{key}Name")
        self.attends = QCheckBox("Comes to contact")
        self.attends.setObjectName(f"{key}Attends")
        self.attends.setAccessibleName(f"{adult.name} comes to contact sessions")
        self.attends.setToolTip("Only adults who come to contact must have a pre-visit and sign")
        self.attends.setChecked(adult.attends)
        self.attends.toggled.connect(self.save_attends)
        who_box = QWidget()
        who_layout = QVBoxLayout(who_box)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.setSpacing(2)
        who_layout.addWidget(who)
        who_layout.addWidget(self.attends)
        self.visit = PreVisitField(tab, adult.person_id, adult.name, adult.pre_visit_date)
        self.state = QLabel(adult.summary)
        self.state.setObjectName(f"{key}State")
        self.state.setStyleSheet(f"color: {STATE_COLOURS[adult.state]}; font-weight: bold;")
        self.state.setWordWrap(True)
        self.sign_screen = QPushButton("Sign on screen…")
        self.sign_screen.setObjectName(f"{key}SignOnScreen")
        self.sign_screen.setAccessibleName(f"{adult.name}: sign on screen")
        self.sign_screen.clicked.connect(lambda: tab.open_dialog(SignOnScreenDialog, adult))
        self.sign_paper = QPushButton("Signed on paper…")
        self.sign_paper.setObjectName(f"{key}SignedOnPaper")
        self.sign_paper.setAccessibleName(f"{adult.name}: signed on paper")
        self.sign_paper.clicked.connect(lambda: tab.open_dialog(SignedOnPaperDialog, adult))
        self.save_scan = QPushButton("Save scan…")
        self.save_scan.setObjectName(f"{key}SaveScan")
        self.save_scan.setVisible(adult.has_scan)
        self.save_scan.clicked.connect(self.export_scan)

        buttons = QHBoxLayout()
        for button in (self.sign_screen, self.sign_paper, self.save_scan):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addWidget(who_box, row, 0)
        grid.addWidget(self.visit, row, 1)
        grid.addWidget(self.state, row, 2)
        grid.addLayout(buttons, row, 3)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.attends, self.visit, self.sign_screen, self.sign_paper):
            widget.setEnabled(enabled)

    def save_attends(self, attends: bool) -> None:
        with self.tab.ctx.store.session() as s:
            readiness.set_attends(s, self.adult.person_id, attends)
        self.tab.refresh()

    def export_scan(self) -> None:
        assert self.adult.signature_id is not None
        with self.tab.ctx.store.session() as s:
            scan = signature_scans.signature_scan(s, self.adult.signature_id)
        name = scan.filename or f"signed-agreement{scan.suffix}"
        path = prompts.save_file(self.tab, "Save the scanned agreement", name, f"*{scan.suffix}")
        if path is None:
            return
        try:
            outputs.write_file(path, scan.data, database=self.tab.ctx.store.path)
        except DomainError as error:
            prompts.error(self.tab, "Save the scan", str(error))


class AgreementTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("agreementTab")
        self.rows: list[AdultRow] = []
        self.child_visits: dict[int, PreVisitField] = {}
        self.dialog: SignOnScreenDialog | SignedOnPaperDialog | None = None

        self.verdict = QLabel()
        self.verdict.setObjectName("readinessVerdict")
        self.verdict.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("readinessReasons")
        self.reasons.setWordWrap(True)
        self.stage = QLabel()
        self.stage.setObjectName("lifecycleStage")
        verdict_box = QFrame()
        verdict_box.setObjectName("readinessBox")
        verdict_box.setFrameShape(QFrame.Shape.StyledPanel)
        box_layout = QVBoxLayout(verdict_box)
        for label in (self.verdict, self.reasons, self.stage):
            box_layout.addWidget(label)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("adultsArea")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.note = QLabel(
            "People added on the People tab appear here once the family has been saved."
        )
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)

        self.print_button = QPushButton("Print agreements…")
        self.print_button.setObjectName("printAgreements")
        self.print_button.setToolTip("Print one agreement for each adult, with a preview")
        self.print_button.clicked.connect(self.print_agreements)
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.setObjectName("saveAgreementsPdf")
        self.save_button.setToolTip("Save a PDF with one agreement for each adult")
        self.save_button.clicked.connect(self.save_agreements)
        self.message = QLabel()
        self.message.setObjectName("agreementMessage")
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.message, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(verdict_box)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.note)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            heading = family_lists.family_heading(s, self.family_id)
            if heading is None:
                return
            ref, status = heading.ref, heading.status
            adults = agreement_versions.adult_agreements(s, self.family_id)
            children = readiness.children_visits(s, self.family_id)
            now = readiness.readiness(s, self.family_id, today)
            later = readiness.readiness(s, self.family_id, today + timedelta(days=1))
            stage = readiness.lifecycle_stage(s, self.family_id)
            version = agreement_versions.current_version(s).version
        self._show_verdict(now, later, today)
        self.stage.setText(f"Stage: {stage}  ·  Agreement in force: version {version}")
        box = QWidget()
        box.setObjectName("adultsBox")
        grid = QGridLayout(box)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        for column, title in enumerate(["Person", "Pre-visit", "Agreement", ""]):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        ended = status in {FamilyStatus.closed, FamilyStatus.excluded}
        self.rows = []
        for index, adult in enumerate(adults, start=1):
            row = AdultRow(self, grid, index, adult)
            row.set_enabled(not ended)
            self.rows.append(row)
        self.child_visits = {}
        for index, child in enumerate(children, start=len(adults) + 1):
            visit = PreVisitField(self, child.person_id, child.name, child.pre_visit_date)
            visit.setEnabled(not ended)
            hint = QLabel("A pre-visit is optional for a child.")
            hint.setObjectName("hint")
            grid.addWidget(QLabel(f"<b>{escape(child.name)}</b><br>Child"), index, 0)
            grid.addWidget(visit, index, 1)
            grid.addWidget(hint, index, 2)
            self.child_visits[child.person_id] = visit
        grid.setRowStretch(len(adults) + len(children) + 1, 1)
        self.scroll.setWidget(box)  # the previous rows are deleted with their box
        if not adults:
            self.note.setText(f"{ref} has no adults yet: add them on the People tab and save.")
        self.print_button.setEnabled(bool(adults))
        self.save_button.setEnabled(bool(adults))

    def _show_verdict(
        self, now: readiness.Readiness, later: readiness.Readiness, today: date
    ) -> None:
        if now.ready:
            text, colour, reasons = "Ready for contact", "#1b6e3a", ()
        elif later.ready:
            text = f"Ready for contact from {today + timedelta(days=1):%d/%m/%Y}"
            colour, reasons = "#9a5b00", now.reasons
        else:
            text, colour, reasons = "Not ready for contact", "#a4262c", now.reasons
        self.verdict.setText(f"<span style='font-size: 14pt'><b>{text}</b></span>")
        self.verdict.setStyleSheet(f"color: {colour};")
        self.reasons.setText("<br>".join(f"• {escape(reason)}" for reason in reasons))
        self.reasons.setVisible(bool(reasons))

    def row_for(self, person_id: int) -> AdultRow:
        return next(row for row in self.rows if row.adult.person_id == person_id)

    def open_dialog(
        self,
        kind: type[SignOnScreenDialog] | type[SignedOnPaperDialog],
        adult: agreement_versions.AdultAgreement,
    ) -> SignOnScreenDialog | SignedOnPaperDialog:
        self.dialog = kind(self.ctx, adult.person_id, self)
        self.dialog.signed.connect(lambda _id: self.refresh())
        self.dialog.open()
        return self.dialog

    def _agreements(self) -> tuple[str, int, bytes]:
        """The default file name, the number of copies and the PDF of the agreements."""
        with self.ctx.store.session() as s:
            heading = family_lists.family_heading(s, self.family_id)
            copies = agreement_copies.agreement_copies(s, self.family_id)
        from contactcentre.documents.agreement_form import render_agreements

        ref = heading.ref if heading else "family"
        name = printing.dated_name(ref, "agreements", self.ctx.clock.today())
        return name, len(copies), render_agreements(copies)

    def _produced(self, pdf: bytes) -> None:
        with self.ctx.store.session() as s:
            audit.document_produced(
                s,
                "agreements",
                pdf,
                entity="family",
                entity_id=self.family_id,
                family_id=self.family_id,
            )

    def print_agreements(self) -> None:
        try:
            _name, count, pdf = self._agreements()
        except DomainError as error:
            prompts.error(self, "Print agreements", str(error))
            return
        if printing.print_pdf(self, "Agreements", pdf):
            self._produced(pdf)
            self.message.setText(f"Sent {counted(count, 'agreement')} to the printer")

    def save_agreements(self) -> None:
        try:
            name, count, pdf = self._agreements()
            path = printing.save_pdf(
                self, "Save the agreements", name, pdf, database=self.ctx.store.path
            )
        except DomainError as error:
            prompts.error(self, "Save agreements", str(error))
            return
        if path is not None:
            self._produced(pdf)
            self.message.setText(f"Saved {counted(count, 'agreement')} to {path.name}")

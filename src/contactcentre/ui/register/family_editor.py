"""Adding and editing a family: the case, the referral, and the people.

Every field problem is shown next to its field (and the tab and person holding it are
marked); nothing is saved until the whole family is valid.
"""

from __future__ import annotations

import copy
from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import vocabulary
from contactcentre.domain.bookings import plans as session_plans
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register import families as family_register
from contactcentre.domain.register.family_forms import FamilyForm
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import FamilyStatus, Role
from contactcentre.ui.agreements.family_tab import AgreementTab
from contactcentre.ui.bookings.family_tab import BookingsTab
from contactcentre.ui.charges.family_tab import ChargesTab
from contactcentre.ui.context import Context
from contactcentre.ui.fields import (
    DateField,
    ErrorLabel,
    FieldSet,
    InvalidDate,
    enum_combo,
    fit_to_screen,
    line,
    notes_box,
)
from contactcentre.ui.indirect.items_tab import ItemsTab
from contactcentre.ui.register.end_family import EndFamilyDialog
from contactcentre.ui.register.people_tab import ADDING, PeopleTab
from contactcentre.ui.register.referral_tab import ReferralTab
from contactcentre.ui.register.unsaved import AsksBeforeDiscarding
from contactcentre.ui.safeguarding.screening_tab import ScreeningTab
from contactcentre.ui.supervised.observations_tab import ObservationsTab


class FamilyEditor(AsksBeforeDiscarding):
    saved = Signal(int)
    QUESTION = "This family has changes that are not saved. Close it and lose them?"

    def __init__(
        self,
        ctx: Context,
        family_id: int | None,
        parent: QWidget | None = None,
        *,
        draft: FamilyForm | None = None,
    ) -> None:
        """`draft`: unsaved edits kept in memory while the centre was locked."""
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("familyEditor")
        with ctx.store.session() as s:
            if draft is not None:
                self.form = draft
            elif family_id is None:
                self.form = FamilyForm(
                    ref=family_register.next_ref(s), referral_date=ctx.clock.today()
                )
            else:
                self.form = family_register.load_family_form(s, family_id)
            self.offsets = session_plans.handover_offsets(s, family_id)
        self.setWindowTitle("New family" if family_id is None else f"Family {self.form.ref}")

        self.summary = ErrorLabel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("familyTabs")
        self.tabs.addTab(self._family_tab(), "Family")
        self.referral = ReferralTab(self.form)
        self.tabs.addTab(self.referral, "Referral")
        self.people_tab = PeopleTab(ctx, list(self.form.people), self.summary)
        self.tabs.addTab(self.people_tab, "People")
        for role, button in self.people_tab.add_buttons.items():
            button.clicked.connect(lambda _=False, r=role: self.add_person(r))
        for role, _text, key in ADDING:
            QShortcut(QKeySequence(key), self, lambda r=role: self.add_person(r))
        # A new family has no agreement or bookings yet: those tabs come once it is saved.
        self.agreement_tab: AgreementTab | None = None
        self.bookings_tab: BookingsTab | None = None
        self.items_tab: ItemsTab | None = None
        if self.family_id is not None:
            self.agreement_tab = AgreementTab(ctx, self.family_id, self)
            self.tabs.addTab(self.agreement_tab, "Agreement")
            self.bookings_tab = BookingsTab(ctx, self.family_id, self)
            self.tabs.addTab(self.bookings_tab, "Bookings")
            self.items_tab = ItemsTab(ctx, self.family_id, self)  # indirect contact
            self.tabs.addTab(self.items_tab, "Items")
            self.tabs.addTab(ScreeningTab(ctx, self.family_id, self), "Screening")
            if ChargesTab.shown_to(ctx):
                self.tabs.addTab(ChargesTab(ctx, self.family_id, self), "Charges")
            if ObservationsTab.shown_to(ctx, self.form.contact_type):
                self.observations_tab = ObservationsTab(ctx, self.family_id, self)
                self.tabs.addTab(self.observations_tab, "Observations")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveFamily")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.cancel)
        bottom = QHBoxLayout()
        if family_id is not None and self.form.status in {
            FamilyStatus.referred,
            FamilyStatus.active,
        }:
            end = QPushButton("Close or exclude…")
            end.setObjectName("endFamily")
            end.clicked.connect(self._end_family)
            bottom.addWidget(end)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)
        self._load()
        if draft is None:  # a draft from before the lock is unsaved typing already
            self.mark_unchanged()
        fit_to_screen(self, 980, 720)
        self.case.widgets["ref"].setFocus()  # typing starts at the top of the form

    # --- tabs -------------------------------------------------------------
    def _family_tab(self) -> QWidget:
        page = QWidget()
        self.case = FieldSet(QFormLayout(page), "family")
        self.case.add("ref", "Reference", line())
        self.case.add(
            "contact_type", "Contact type", enum_combo(vocabulary.CONTACT_LABELS, "contactType")
        )
        statuses = dict(vocabulary.STATUS_LABELS)
        if self.form.status not in {FamilyStatus.closed, FamilyStatus.excluded}:
            statuses = {FamilyStatus.referred: "Referred", FamilyStatus.active: "Active"}
        status = self.case.add("status", "Status", enum_combo(statuses, "familyStatus"))
        status.setEnabled(len(statuses) == 2)
        self.case.add("referral_date", "Referral date", DateField(today=self.ctx.clock.today()))
        self.case.add(
            "parents_must_not_meet",
            "Staggered times",
            QCheckBox("Parents must not meet (stagger arrivals and departures)"),
        )
        stagger = self.case.widgets["parents_must_not_meet"]
        offsets = self.offsets
        self.early = self._offset_box(
            "arriveEarly", "Visiting parent arrives early by", offsets.early, offsets.centre_early
        )
        self.late = self._offset_box(
            "stayLate", "Visiting parent stays late by", offsets.late, offsets.centre_late
        )
        assert isinstance(stagger, QCheckBox)
        for box in (self.early, self.late):  # parents who may meet just arrive and leave
            stagger.toggled.connect(box.setEnabled)
        self.case.add("notes", "Coordinator notes", notes_box(140))
        if self.form.status in {FamilyStatus.closed, FamilyStatus.excluded}:
            family_status = self.form.status
            note = QLabel(f"This family is {vocabulary.STATUS_LABELS[family_status].lower()}.")
            note.setObjectName("endedNote")
            self.case.layout.insertRow(0, note)
        return page

    def _offset_box(self, name: str, label: str, value: int | None, centre: int) -> QSpinBox:
        """Minutes for this family; the lowest step reads "centre's setting" (None)."""
        box = QSpinBox()
        box.setObjectName(name)
        box.setAccessibleName(label)
        box.setRange(0, session_plans.OFFSET_LIMIT)
        box.setSingleStep(5)
        box.setSuffix(" min")
        box.setSpecialValueText(f"Centre's setting ({centre} min)")
        box.setValue(value or 0)
        box.setEnabled(self.form.parents_must_not_meet)
        self.case.layout.addRow(label, box)
        return box

    def offset_values(self) -> tuple[int | None, int | None]:
        return self.early.value() or None, self.late.value() or None

    # --- loading and collecting ---------------------------------------------
    def _load(self) -> None:
        for key in self.case.widgets:
            self.case.set(key, getattr(self.form, key))
        self.people_tab.load()

    def add_person(self, role: Role) -> None:
        """Add someone (from any tab: a whole family can be typed in without the mouse)."""
        if self.people_tab.add_person(role):
            self.tabs.setCurrentIndex(2)
            self.people_tab.person.widgets["first_name"].setFocus()

    def collect(self, *, draft: bool = False) -> FamilyForm:
        """The whole family as typed (see FieldSet.get for `draft`)."""
        self.people_tab.store_person(draft=draft)
        simple = {f.name for f in fields(FamilyForm)} - {"people", "referees"}
        values = {key: getattr(self.form, key) for key in simple}
        values.update({key: self.case.get(key, draft=draft) for key in self.case.widgets})
        values.update(self.referral.values(draft=draft))
        return FamilyForm(
            **values, people=list(self.people_tab.people), referees=self.referral.referee_forms()
        )

    # --- saving ---------------------------------------------------------------
    def save(self) -> bool:
        try:
            form = self.collect()
        except InvalidDate as error:
            self.summary.show_error(str(error))
            return False
        try:
            with self.ctx.store.session() as s:
                family = family_register.save_family(
                    s, form, today=self.ctx.clock.today(), family_id=self.family_id
                )
                family_id = family.id
                assert family_id is not None
                session_plans.set_handover_offsets(
                    s, family_id, *self.offset_values(), today=self.ctx.clock.today()
                )
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        assert family_id is not None
        self.family_id = family_id
        self.saved.emit(family_id)
        self.accept()
        return True

    def typed(self) -> object:
        """Everything the form holds as typed (a copy: people are edited in place)."""
        return copy.deepcopy(self.collect(draft=True)), self.offset_values()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.case.show_errors(errors)
        self.referral.show_errors(errors)
        self.people_tab.note_errors(errors)
        count = len(errors)
        self.summary.show_error(f"{counted(count, 'thing')} to fix before saving.")
        first = next(iter(errors))
        if first in self.case.widgets:
            self.tabs.setCurrentIndex(0)
        elif first.startswith("people."):
            self.tabs.setCurrentIndex(2)
            self.people_tab.show_first_with_errors()
        else:
            self.tabs.setCurrentIndex(1)
        self.people_tab.mark_errors()

    def _end_family(self) -> None:
        assert self.family_id is not None
        dialog = EndFamilyDialog(self.ctx, self.family_id, self)
        dialog.ended.connect(lambda: (self.saved.emit(self.family_id), self.accept()))
        dialog.open()

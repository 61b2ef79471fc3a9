"""The family editor's People tab: the list of the family's people and, beside it, the
fields of the one chosen.

Like the Referral tab, nothing here is saved on its own: the editor collects the people
with the rest of the family when Save is pressed. Adding a person is the editor's (its
shortcuts work from every tab), so the add buttons are only laid out here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import vocabulary
from contactcentre.domain.register import relatives
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.models.enums import Role
from contactcentre.ui.clipboard import copy_personal
from contactcentre.ui.context import Context
from contactcentre.ui.fields import (
    DateField,
    ErrorLabel,
    FieldSet,
    InvalidDate,
    enum_combo,
    line,
    notes_box,
)
from contactcentre.ui.register.address_cover import AddressCover

# Who can be added, the button's words and its shortcut (from any tab of the editor).
ADDING = [
    (Role.child, "Add child", "Alt+C"),
    (Role.resident_parent, "Add resident parent/carer", "Alt+R"),
    (Role.non_resident_parent, "Add non-resident parent", "Alt+N"),
    (Role.relative, "Add named relative", "Alt+L"),
]


class PeopleTab(QWidget):
    def __init__(
        self,
        ctx: Context,
        people: list[PersonForm],
        summary: ErrorLabel,
        parent: QWidget | None = None,
    ) -> None:
        """`people` is edited in place; `summary` shows why a person cannot be left."""
        super().__init__(parent)
        self.ctx, self.people, self.summary = ctx, people, summary
        self.current_person: int | None = None
        self.person_errors: dict[int, dict[str, str]] = {}
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.people_list = QListWidget()
        self.people_list.setObjectName("peopleList")
        self.people_list.setAccessibleName("People in this family")
        self.people_list.setWordWrap(True)  # long Welsh and Polish names wrap, not scroll
        self.people_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.addWidget(self.people_list, 1)
        self.add_buttons: dict[Role, QPushButton] = {}
        for role, text, key in ADDING:
            button = QPushButton(f"{text}  ({key})")
            button.setObjectName(f"add_{role.value}")
            button.setAccessibleName(text)
            left.addWidget(button)
            self.add_buttons[role] = button
        remove = QPushButton("Remove person")
        remove.setObjectName("removePerson")
        remove.clicked.connect(self.remove_person)
        left.addWidget(remove)
        copy_phone = QPushButton("Copy phone number")
        copy_phone.setObjectName("copyPhone")
        copy_phone.setToolTip("Copied for 30 seconds, then cleared from the clipboard")
        copy_phone.clicked.connect(self.copy_phone)
        left.addWidget(copy_phone)
        layout.addLayout(left, 1)
        self.person_panel = QWidget()
        self.person = FieldSet(QFormLayout(self.person_panel), "person")
        role = self.person.add("role", "Role", enum_combo(vocabulary.ROLE_LABELS, "personRole"))
        assert isinstance(role, QComboBox)
        role.currentIndexChanged.connect(lambda _i: self._role_changed())
        self.person.add("first_name", "First name", line())
        self.person.add("last_name", "Last name", line())
        self.person.add("relationship", "Relationship", line())
        # Whose planned times a relative keeps (and who she must not meet): relatives only.
        self.comes_with = self.person.add(
            "comes_with", "Comes with", enum_combo(relatives.CHOICES, "personComesWith")
        )
        self.birth = DateField(purpose="adult_birth", today=ctx.clock.today())
        self.person.add("date_of_birth", "Date of birth", self.birth)
        self.person.add("needs", "Needs / allergies", notes_box(50))
        self.person.add("phone", "Contact phone", line())
        self.person.add("email", "Email", line())
        self.person.add("address", "Address", notes_box(60))
        self.address_cover = AddressCover(ctx, self.person.widgets["address"])
        self.person.layout.addRow("", self.address_cover)
        self.person.add(
            "address_confidential",
            "Confidential",
            QCheckBox("Address is confidential (never shown to the other party)"),
        )
        self.person.add("notes", "Notes", notes_box(50))
        self.person_panel.setEnabled(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.person_panel)
        layout.addWidget(scroll, 3)
        self.people_list.currentRowChanged.connect(self._select_person)

    def load(self) -> None:
        self.refresh_list()
        if self.people:
            self.people_list.setCurrentRow(0)

    def refresh_list(self) -> None:
        self.people_list.blockSignals(True)
        current = self.people_list.currentRow()
        self.people_list.clear()
        for i, p in enumerate(self.people):
            name = f"{p.first_name} {p.last_name}".strip() or "(no name yet)"
            mark = "⚠ " if self.person_errors.get(i) else ""
            self.people_list.addItem(f"{mark}{vocabulary.ROLE_LABELS[Role(p.role)]}: {name}")
        self.people_list.setCurrentRow(min(current, len(self.people) - 1))
        self.people_list.blockSignals(False)

    def store_person(self, *, draft: bool = False) -> None:
        """Keep the shown person's fields; InvalidDate (nothing kept) if a date is wrong."""
        if self.current_person is None or self.current_person >= len(self.people):
            return
        person = self.people[self.current_person]
        values = {key: self.person.get(key, draft=draft) for key in self.person.widgets}
        for key, value in values.items():
            setattr(person, key, value)

    def _role_changed(self) -> None:
        """Only a named relative comes with a parent: for anyone else the choice is off."""
        relative = self.person.get("role") == Role.relative
        if not relative:
            self.person.set("comes_with", None)
        self.comes_with.setEnabled(relative)
        self._birth_purpose()

    def _birth_purpose(self) -> None:
        """The calendar of a child's date of birth opens a few years back, an adult's more."""
        child = self.person.get("role") == Role.child
        self.birth.purpose = "child_birth" if child else "adult_birth"

    def _select_person(self, row: int) -> None:
        try:
            self.store_person()
        except InvalidDate as error:  # stay on this person until the date is put right
            self.summary.show_error(str(error))
            self.people_list.blockSignals(True)
            self.people_list.setCurrentRow(self.current_person or 0)
            self.people_list.blockSignals(False)
            self.birth.setFocus()
            return
        self.current_person = row if 0 <= row < len(self.people) else None
        self.person_panel.setEnabled(self.current_person is not None)
        if self.current_person is None:
            return
        person = self.people[self.current_person]
        for key in self.person.widgets:
            self.person.set(key, getattr(person, key))
        self.person.show_errors(self.person_errors.get(self.current_person, {}))
        self.address_cover.cover(person.id, person.address_confidential)
        self._role_changed()
        self.refresh_list()

    def add_person(self, role: Role) -> bool:
        """Add a person with `role` and show them; False (nothing added) while the shown
        person has a wrong date."""
        try:
            self.store_person()
        except InvalidDate as error:
            self.summary.show_error(str(error))
            return False
        self.people.append(PersonForm(role=role, first_name=""))
        self.refresh_list()
        self.people_list.setCurrentRow(len(self.people) - 1)
        return True

    def copy_phone(self) -> None:
        phone = str(self.person.get("phone")).strip()
        if phone:
            copy_personal(phone)

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if 0 <= row < len(self.people):
            self.current_person = None
            del self.people[row]
            self.person_errors = {}
            self.refresh_list()
            self._select_person(self.people_list.currentRow())

    def note_errors(self, errors: dict[str, str]) -> None:
        """Keep the problems of each person (`people.N.field`) to show beside their fields."""
        self.person_errors = {}
        for key, message in errors.items():
            if key.startswith("people."):
                _, index, field = key.split(".", 2)
                self.person_errors.setdefault(int(index), {})[field] = message

    def show_first_with_errors(self) -> None:
        self.people_list.setCurrentRow(min(self.person_errors))

    def mark_errors(self) -> None:
        """Mark every person with a problem in the list, and show the chosen one's."""
        self.refresh_list()
        if self.current_person is not None:
            self.person.show_errors(self.person_errors.get(self.current_person, {}))

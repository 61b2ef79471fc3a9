"""A confidential address on the People tab stays covered: the box holding it is hidden
behind "Confidential address hidden" and a Show address button, which only a coordinator
may use (domain/indirect/addresses.reveal_address refuses anyone else) and which the
audit trail records. A new person, or one whose address is not confidential, shows it as
before; choosing another person covers it again."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from contactcentre.domain.errors import DomainError
from contactcentre.domain.indirect.addresses import reveal_address
from contactcentre.ui.context import Context

COVERED = "Confidential address hidden: only a coordinator may show it (recorded)."


class AddressCover(QWidget):
    def __init__(self, ctx: Context, address: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.address = ctx, address
        self.person_id: int | None = None
        self.setObjectName("addressCover")
        self.note = QLabel(COVERED)
        self.note.setObjectName("addressCoverNote")
        self.note.setWordWrap(True)
        self.button = QPushButton("Show address")
        self.button.setObjectName("showPersonAddress")
        self.button.setAccessibleName("Show this person's confidential address")
        self.button.clicked.connect(self.reveal)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        self.hide()  # until a person is chosen

    def cover(self, person_id: int | None, confidential: bool) -> None:
        """Cover the address of a saved person whose address is confidential."""
        self.person_id = person_id
        covered = person_id is not None and confidential
        self.note.setText(COVERED)
        self.setVisible(covered)
        self.address.setVisible(not covered)

    def reveal(self) -> None:
        if self.person_id is None:
            return
        try:
            with self.ctx.store.session() as s:
                reveal_address(s, self.person_id)
        except DomainError as refused:
            self.note.setText(str(refused))
            return
        self.setVisible(False)
        self.address.setVisible(True)

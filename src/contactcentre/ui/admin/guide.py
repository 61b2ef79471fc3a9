"""Help → Guide: a short offline guide (the kinds of contact, how a Saturday runs), read
from forms/guide.md, which ships with the app so it needs no internet."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from contactcentre.domain import forms
from contactcentre.ui.fields import fit_to_screen

GUIDE_FORM = "guide.md"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("Guide to Contact Centre")
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setAccessibleName("Guide")
        self.text.setOpenLinks(False)  # nothing in it may reach out
        try:
            self.text.setMarkdown(forms.load(GUIDE_FORM).body)
        except forms.FormError as error:
            self.text.setPlainText(str(error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 680, 640)

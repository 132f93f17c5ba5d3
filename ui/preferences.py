"""Edit ▸ Preferences: who comments, how often work is saved for recovery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

if TYPE_CHECKING:
    from .main_window import MainWindow


class PreferencesDialog(QDialog):
    """Author name and initials for comments; autosave interval in seconds."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings = window.settings
        self.setWindowTitle("Preferences")
        name, initials = window.author()
        self.author = QLineEdit(name)
        self.initials = QLineEdit(initials)
        self.initials.setMaxLength(6)
        self.autosave = QSpinBox()
        self.autosave.setRange(0, 3600)
        self.autosave.setSpecialValueText("never")
        self.autosave.setSuffix(" s")
        value = self.settings.value("autosave/seconds", 30)
        try:
            seconds = int(value) if isinstance(value, (str, bytes, int, float)) else 30
        except (TypeError, ValueError):
            seconds = 30
        self.autosave.setValue(seconds)
        form = QFormLayout(self)
        form.addRow("Your name (comments)", self.author)
        form.addRow("Your initials", self.initials)
        form.addRow("Save a recovery copy every", self.autosave)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        # Enter in any field is OK, Escape is Cancel (the default is set once the box is in the dialog).
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)

    @Slot()
    def accept(self) -> None:
        """Store the settings."""
        self.settings.setValue("comments/author", self.author.text().strip())
        self.settings.setValue("comments/initials", self.initials.text().strip())
        self.settings.setValue("autosave/seconds", self.autosave.value())
        recovery = getattr(self.window_, "recovery", None)
        if recovery is not None:
            recovery.apply_settings()
        super().accept()

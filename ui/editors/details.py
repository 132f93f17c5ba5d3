"""The briefing details form: what the header block of the exported note says."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing.editing import ChangeEvent, operations
from briefing.model import PURPOSES

from ..document import BriefingDocument, about
from .text_editors import route_undo

#: Common classification markings offered in the drop-down (any text may be typed).
CLASSIFICATIONS = (
    "UNCLASSIFIED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "PROTECTED A",
    "PROTECTED B",
    "CONFIDENTIAL",
    "PRE-DECISIONAL/DELIBERATIVE",
)

# (model field, label, placeholder)
_FIELDS = [
    ("title", "Title / Subject", "One line: what the note is about"),
    ("subtitle", "Subtitle", ""),
    ("prepared_for", "For / To", "The decision maker, e.g. the Minister"),
    ("prepared_by", "From / Prepared by", "Office and author"),
    ("date", "Date", "e.g. 26 November 2026"),
    ("decision_by", "Decision needed by", "Decision memos only"),
]
_SOURCE_FIELDS = [
    ("source.publisher", "Publisher", "e.g. AP News"),
    ("source.url", "Address", "https://…"),
    ("source.date", "Published", ""),
]


class DetailsEditor(QScrollArea):
    """Edit the briefing's details; every field edit is an undoable step (typing merges). A bar on top
    leads back to the document ("Back to Document", or Esc anywhere in the form), as the grid's does."""

    #: The user asked to go back to the document page.
    backRequested = Signal()

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("detailsEditor")
        self.setWidgetResizable(True)
        self.fields: dict[str, QLineEdit] = {}
        body = QWidget()
        layout = QVBoxLayout(body)

        bar = QHBoxLayout()
        heading = QLabel("<b>Briefing details</b> — the header block of the note")
        heading.setObjectName("detailsLabel")
        self.back_button = QPushButton("Back to Document")
        self.back_button.setObjectName("backToDocument")
        self.back_button.setToolTip("Back to the document (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        bar.addWidget(heading, 1)
        bar.addWidget(self.back_button)
        layout.addLayout(bar)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.backRequested)
        self.addAction(escape)

        note = QGroupBox("Briefing")
        form = QFormLayout(note)
        for name, label, placeholder in _FIELDS:
            form.addRow(label, self._line(name, placeholder))
        self.classification = QComboBox()
        self.classification.setEditable(True)
        self.classification.addItems(CLASSIFICATIONS)
        self.classification.setObjectName("classification")
        self.classification.currentTextChanged.connect(
            lambda text: self._set("classification", text, "classification")
        )
        form.addRow("Classification", self.classification)
        self.purpose = QComboBox()
        self.purpose.addItems([f"For {purpose}" for purpose in PURPOSES])
        self.purpose.currentIndexChanged.connect(lambda i: self._set("purpose", PURPOSES[i], "purpose"))
        form.addRow("Purpose", self.purpose)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("Key points for the Summary, one a line (empty: the lede is used)")
        self.summary.setFixedHeight(90)
        self.summary.textChanged.connect(self._summary_changed)
        route_undo(self.summary, self)
        form.addRow("Summary", self.summary)
        layout.addWidget(note)

        source = QGroupBox("Source of the article")
        source_form = QFormLayout(source)
        for name, label, placeholder in _SOURCE_FIELDS:
            source_form.addRow(label, self._line(name, placeholder))
        layout.addWidget(source)
        layout.addStretch(1)
        self.setWidget(body)
        self._loading = False
        doc.changed.connect(self._on_changed)
        self.load()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(f"meta_{name}")
        line.setPlaceholderText(placeholder)
        line.textEdited.connect(lambda text, n=name: self._set(n, text, n.split(".")[-1].replace("_", " ")))
        route_undo(line, self)
        self.fields[name] = line
        return line

    def _set(self, name: str, value: object, label: str) -> None:
        if self._loading or operations.get_meta(self.doc.briefing, name) == value:
            return
        self.doc.edit(f"Edit {label}", lambda b: operations.set_meta(b, name, value), ("meta", name))

    @Slot()
    def _summary_changed(self) -> None:
        points = [line.strip() for line in self.summary.toPlainText().split("\n") if line.strip()]
        self._set("summary", points, "summary")

    def load(self) -> None:
        """Show the model's values (keeps the cursor where the user is typing)."""
        self._loading = True
        try:
            meta = self.doc.briefing.meta
            for name, line in self.fields.items():
                value = str(operations.get_meta(self.doc.briefing, name))
                if line.text() != value:
                    line.setText(value)
                    line.setCursorPosition(0)  # a long value shows its start, not its end
            if self.classification.currentText() != meta.classification:
                self.classification.setCurrentText(meta.classification)
                marking = self.classification.lineEdit()
                if marking is not None:
                    marking.setCursorPosition(0)  # a long marking shows its start, as a title does
            purpose = PURPOSES.index(meta.purpose) if meta.purpose in PURPOSES else 0
            self.purpose.setCurrentIndex(purpose)
            shown = [line.strip() for line in self.summary.toPlainText().split("\n") if line.strip()]
            if shown != meta.summary:
                self.summary.setPlainText("\n".join(meta.summary))
        finally:
            self._loading = False

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if about(events, "meta"):
            self.load()

"""The export dialog: template, classification, corrections appendix or tracked changes, output path;
runs in a worker. The checklist's page count is measured by LibreOffice in a worker too."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .alerts import show_error
from .editors.details import CLASSIFICATIONS
from .workers import run_in_pool

if TYPE_CHECKING:
    from briefing.export import ExportOptions, ExportResult
    from briefing.model import Briefing

    from .main_window import MainWindow

# (label, template value); the last entry asks for a user's .docx.
_TEMPLATES = [
    ("Briefing note (for information)", "briefing-note"),
    ("Decision memo (for decision)", "decision-memo"),
    ("My own Word template…", ""),
]


def _export(briefing: Briefing, target: Path, options: ExportOptions, pdf: bool) -> ExportResult:
    """Write the .docx (and the PDF). Runs off the UI thread; the dialog is window-modal meanwhile, so
    the briefing cannot change under it."""
    from briefing.export import export_docx, export_pdf

    if not pdf:
        return export_docx(briefing, target, options)
    with tempfile.TemporaryDirectory(prefix="briefing-export-") as folder:
        docx_path = Path(folder) / (target.stem + ".docx")
        result = export_docx(briefing, docx_path, options)
        export_pdf(docx_path, target)
    result.path = target
    return result


class ExportDialog(QDialog):
    """File ▸ Export Word… / Export PDF…"""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, window: MainWindow, pdf: bool = False) -> None:
        super().__init__(window)
        self.window_ = window
        self.pdf = pdf
        self.settings = window.settings
        briefing = window.doc.briefing
        self.setWindowTitle("Export PDF" if pdf else "Export Word")
        self.setObjectName("exportDialog")

        self.template = QComboBox()
        for label, value in _TEMPLATES:
            self.template.addItem(label, value)
        self.template.setCurrentIndex(1 if briefing.meta.purpose == "decision" else 0)
        self.template_path = QLineEdit(str(self.settings.value("export/user_template", "")))
        self.template_path.setPlaceholderText("A .docx whose styles, page setup, header and footer are used")
        browse_template = QPushButton("Browse…")
        browse_template.clicked.connect(self._choose_template)
        self.template_row = QWidget()
        row = QHBoxLayout(self.template_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.template_path)
        row.addWidget(browse_template)
        self.template.currentIndexChanged.connect(self._template_changed)

        self.classification = QComboBox()
        self.classification.setEditable(True)
        self.classification.addItems(CLASSIFICATIONS)
        self.classification.setCurrentText(briefing.meta.classification)
        self.corrections = QCheckBox("Include “Corrections to the source”")
        self.corrections.setChecked(bool(briefing.changes))
        self.corrections.setToolTip(f"{len(briefing.changes)} corrections are recorded in this briefing.")
        self.comments = QCheckBox("Include comments as Word comments")
        self.comments.setChecked(True)
        self.tracked = QCheckBox("Show the corrections as tracked changes")
        self.tracked.setObjectName("trackedChanges")
        self.tracked.setToolTip(
            "Each correction is marked in the text where it was made, for a reviewer to accept or reject "
            "in Word; the appendix then lists only the corrections to tables' shape."
        )
        self.tracked.setChecked(bool(self.settings.value("export/tracked_changes", False, type=bool)))
        self.tracked.setEnabled(bool(briefing.changes))

        self.output = QLineEdit(str(self._default_output()))
        self.output.setObjectName("exportPath")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._choose_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output)
        output_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Template", self.template)
        form.addRow("", self.template_row)
        form.addRow("Classification", self.classification)
        form.addRow("", self.corrections)
        form.addRow("", self.comments)
        form.addRow("", self.tracked)
        form.addRow("Save as", output_row)

        self.checklist_label = QLabel()
        self.checklist_label.setObjectName("checklist")
        self.checklist_label.setWordWrap(True)
        self.checklist_label.setStyleSheet(
            "QLabel { background: #fff4e5; border: 1px solid #e0b46b; padding: 6px; border-radius: 3px; }"
        )
        self.template.currentIndexChanged.connect(self.update_checklist)
        #: The note's length as LibreOffice lays it out, for the template it was measured with.
        self.pages: object | None = None
        self._measured_for: str | None = None
        self._measuring: str | None = None

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.checklist_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        # Enter anywhere in the dialog exports, Escape cancels. The default is set only now that the
        # button is inside the dialog: set before, it was lost and Enter did nothing.
        self.export_button.setDefault(True)
        for field in (self.output, self.template_path, self.classification.lineEdit()):
            if field is not None:
                field.setCursorPosition(0)  # a long path or marking shows its start, as it was typed
        self._template_changed()
        self.update_checklist()
        self.resize(620, self.sizeHint().height())

        self.result_box: QMessageBox | None = None

    # --- choices ---------------------------------------------------------------------------------------

    def _default_output(self) -> Path:
        """Beside the project (or the user's article); else in the last export's folder; else in the
        Documents folder (the home folder without one), as Save As suggests
        (:func:`~ui.main_window.suggested_folder`). Never beside the bundled sample: that folder belongs
        to the installed program."""
        from .main_window import suggested_folder

        doc = self.window_.doc
        name = (doc.path or doc.source_path or Path("briefing")).stem + (".pdf" if self.pdf else ".docx")
        return suggested_folder(doc, self.settings.value("export/last_folder", "")) / name

    @Slot()
    def update_checklist(self) -> None:
        """Show what should be looked at before this note goes out (the user can export anyway)."""
        from briefing.export.checklist import checklist

        template = self.template.currentData() or self.template_path.text().strip()
        findings = getattr(self.window_, "findings", None)
        current = (
            findings.findings
            if findings is not None and findings.shown_revision == findings.revision
            else None
        )
        pages = self.pages if self._measured_for == template else None
        warnings = checklist(self.window_.doc.briefing, template, current, pages)  # type: ignore[arg-type]
        if pages is None and self._measure(template):
            warnings.append("Counting the pages with LibreOffice…")
        if warnings:
            items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
            self.checklist_label.setText(f"<b>Before you export:</b><ul style='margin:0'>{items}</ul>")
        self.checklist_label.setVisible(bool(warnings))

    def _measure(self, template: str) -> bool:
        """Lay the note out with LibreOffice in a worker (it takes seconds); the checklist is shown
        again with the measured length. ``False`` when there is no LibreOffice to ask."""
        import copy

        from briefing.export.pdf import find_soffice

        if find_soffice() is None or self._measured_for == template:
            return False
        if self._measuring == template:
            return True
        self._measuring = template
        briefing = copy.deepcopy(self.window_.doc.briefing)  # the worker reads its own copy
        options = self.options()

        def done(pages: object) -> None:
            if self._measuring != template:
                return  # another template was picked meanwhile
            self._measuring, self._measured_for, self.pages = None, template, pages
            self.update_checklist()

        def failed(_message: str) -> None:
            if self._measuring == template:
                self._measuring, self._measured_for, self.pages = None, template, None
                self.update_checklist()

        from briefing.export.checklist import measure_briefing

        run_in_pool(lambda: measure_briefing(briefing, options), self, done, failed, "Counting the pages")
        return True

    @Slot()
    def _template_changed(self) -> None:
        self.template_row.setVisible(self.template.currentData() == "")

    @Slot()
    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Word template", self.template_path.text(), "Word (*.docx)"
        )
        if path:
            self.template_path.setText(path)

    @Slot()
    def _choose_output(self) -> None:
        pattern = "PDF (*.pdf)" if self.pdf else "Word (*.docx)"
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.output.text(), pattern)
        if path:
            self.output.setText(path)

    def options(self) -> ExportOptions:
        """The export options the dialog describes."""
        from briefing.export import ExportOptions

        template = self.template.currentData() or self.template_path.text().strip()
        return ExportOptions(
            template=template,
            classification=self.classification.currentText().strip() or None,
            include_corrections=self.corrections.isChecked(),
            include_comments=self.comments.isChecked(),
            tracked_changes=self.tracked.isChecked() and self.tracked.isEnabled(),
        )

    # --- running ---------------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Run the export in the thread pool; the dialog stays open with a busy bar."""
        target = Path(self.output.text().strip()).expanduser()
        suffix = ".pdf" if self.pdf else ".docx"
        if not target.name:
            self.status.setText("Choose where to save the file.")
            return
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        if self.template.currentData() == "" and not self.template_path.text().strip():
            self.status.setText("Choose your Word template, or pick a built-in one.")
            return
        if not self._may_write(target):
            return
        self.target = target
        self.settings.setValue("export/last_folder", str(target.parent))
        self.settings.setValue("export/tracked_changes", self.tracked.isChecked())
        if self.template.currentData() == "":
            self.settings.setValue("export/user_template", self.template_path.text().strip())
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText(f"Exporting {target.name}…")
        briefing, options = self.window_.doc.briefing, self.options()
        run_in_pool(
            lambda: _export(briefing, target, options, self.pdf),
            self,
            self._finished,
            self._failed,
            f"{target}: the export",
        )

    def _may_write(self, target: Path) -> bool:
        """Refuse a target that is (or links to) the open project, its article or the template, or that
        is read-only."""
        from briefing.atomic import refuse_read_only, refuse_same_file
        from briefing.errors import BriefingError

        doc, template = self.window_.doc, self.template_path.text().strip()
        user_template = Path(template).expanduser() if self.template.currentData() == "" else None
        protected = [
            ("the open project", doc.path),
            ("its article", doc.source_path),
            ("the template", user_template),
        ]
        try:
            refuse_same_file(target, protected)
            refuse_read_only(target)
        except BriefingError as exc:
            self.status.setText(f"“{target.name}” {exc.reason}.")
            return False
        return True

    @Slot(object)
    def _finished(self, result: ExportResult) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.exported.emit(result)
        self.window_.statusBar().showMessage(f"Exported {result.path.name}", 5000)
        self.accept()
        box = QMessageBox(self.window_)
        box.setWindowTitle(self.windowTitle())
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"Exported “{result.path.name}”.")
        if result.warnings:
            box.setInformativeText("Note: " + " ".join(result.warnings))
        box.setDetailedText(str(result.path))
        open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path))))
        box.open()
        self.result_box = box
        self.window_.last_export_box = box

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText("The export failed; nothing was written.")
        _, _, reason = message.partition(": ")
        self.window_.last_error = show_error(
            self, "The export failed.", (reason or message) + ". Any earlier file is unchanged.", message
        )

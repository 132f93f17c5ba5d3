"""The main window: an outline of the open briefing and a read-only view of the selected part."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QWidget,
)

from briefing.bundle import sample_article
from briefing.model import Briefing, Table

from .alerts import show_error
from .loader import DocumentLoader
from .outline import ID_ROLE, KIND_ROLE, build_outline
from .preview import STYLE, render_block, render_briefing_header, render_section

APP_NAME = "Briefing Editor"
OPEN_FILTER = (
    "Articles and briefings (*.txt *.text *.md *.markdown *.briefing);;"
    "Briefing projects (*.briefing);;Articles (*.txt *.text *.md *.markdown);;All files (*)"
)


class MainWindow(QMainWindow):
    """The editor's window; for now it opens documents and shows their outline."""

    documentLoaded = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.briefing: Briefing | None = None
        self.path: Path | None = None
        self.last_error: QMessageBox | None = None

        self.loader = DocumentLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)

        self.outline = QTreeView()
        self.outline.setHeaderHidden(True)
        self.outline.setUniformRowHeights(True)
        self.outline.setObjectName("outline")
        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setOpenExternalLinks(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.outline)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 800])
        self.setCentralWidget(splitter)

        self._build_menus()
        self.statusBar().showMessage("Ready")
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip("Open an article (.txt, .md) or a briefing project")
        self.open_action.triggered.connect(self.choose_file)
        file_menu.addAction(self.open_action)
        sample_action = QAction("Open &Sample Article", self)
        sample_action.triggered.connect(lambda: self.open_path(sample_article()))
        file_menu.addAction(sample_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Briefing Editor", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # --- opening -------------------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        """Ask for a file and open it."""
        folder = str(self.settings.value("paths/last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open article or briefing", folder, OPEN_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open an article or project in the background; the outline fills in when it is read."""
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self.loader.load(path)

    @Slot(object, str)
    def _on_loaded(self, briefing: Briefing, path: str) -> None:
        self.briefing = briefing
        self.path = Path(path)
        self.settings.setValue("paths/last_folder", str(self.path.parent))
        model = build_outline(briefing)
        self.outline.setModel(model)
        self.outline.expandAll()
        self.outline.selectionModel().selectionChanged.connect(self._on_selection)
        self.setWindowTitle(f"{self.path.name} — {APP_NAME}")
        self.detail.setHtml(
            STYLE + render_briefing_header(briefing) + "".join(render_section(s) for s in briefing.sections)
        )
        tables = sum(1 for _, block in briefing.blocks() if isinstance(block, Table))
        headed = sum(1 for section in briefing.sections if section.heading)
        self.statusBar().showMessage(
            f"Opened {self.path.name}: {headed} sections, {tables} tables, "
            f"{len(briefing.recommendations)} recommendations"
        )
        self.documentLoaded.emit(path)

    @Slot(str, str)
    def _on_failed(self, message: str, path: str) -> None:
        self.statusBar().showMessage(f"Could not open {Path(path).name}")
        _, _, reason = message.partition(": ")
        self.last_error = show_error(
            self,
            f"“{Path(path).name}” could not be opened.",
            (reason or message) + ".",
            f"File: {path}",
        )

    # --- showing -------------------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.briefing is None or not selected.indexes():
            return
        index = selected.indexes()[0]
        kind, item_id = index.data(KIND_ROLE), index.data(ID_ROLE)
        briefing = self.briefing
        if kind == "section":
            section = briefing.find_section(item_id)
            html = render_section(section) if section else ""
        elif kind in ("paragraph", "list", "table"):
            block = briefing.find_block(item_id)
            html = STYLE + render_block(block) if block else ""
        elif kind == "recommendation":
            rec = next((r for r in briefing.recommendations if r.id == item_id), None)
            html = f"{STYLE}<h2>Recommendation</h2><p>{rec.text}</p>" if rec else ""
        else:
            items = "".join(f"<li>{r.text}</li>" for r in briefing.recommendations)
            html = f"{STYLE}<h2>Recommendations</h2><ol>{items}</ol>"
        self.detail.setHtml(html)

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b><p>Turns a messy article into a clean, formatted Word briefing note.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

"""The main window: the document view, the outline and the panels around it, menus, and file handling."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing import project
from briefing.atomic import refuse_read_only
from briefing.bundle import resource_path, sample_article
from briefing.checks import Finding
from briefing.editing import ChangeEvent, operations
from briefing.errors import BriefingError, ProjectError
from briefing.importing import ARTICLE_SUFFIXES, import_text
from briefing.model import Block, Briefing, Table
from briefing.places import Places
from briefing.refs import HEADER_ROW, Ref

from .alerts import show_error
from .comments import CommentsPanel
from .corrections import CorrectionsPanel
from .document import BriefingDocument
from .docview import DocumentView
from .editors.details import DetailsEditor
from .editors.table_editor import TableEditor
from .findings import FindingsPanel
from .loader import DocumentLoader
from .outline import OutlineView
from .recommendations import RecommendationsPanel
from .recovery import RecoveryManager, back_up
from .wording import counted

if TYPE_CHECKING:
    from .find_replace import FindReplaceDialog

APP_NAME = "Briefing Editor"
_ARTICLES = " ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
OPEN_FILTER = (
    f"Briefings and articles (*.briefing {_ARTICLES});;"
    f"Briefing projects (*.briefing);;Articles ({_ARTICLES});;All files (*)"
)
IMPORT_FILTER = f"Articles ({_ARTICLES});;All files (*)"
MAX_RECENT = 10
#: How long the counts of a file just opened stay in the status bar.
OPENED_MESSAGE_MS = 10_000


def _settle_memory() -> None:
    """Move the objects of the briefing just opened out of the cycle collector's sight.

    A full collection walks every object alive; with a big briefing's model that is a 50 ms pause in
    the middle of typing, every few dozen keys. Frozen objects are still freed by reference counting;
    the previous document's are unfrozen first, so whatever of it is garbage can be collected.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def documents_folder() -> Path:
    """The user's Documents folder (as the desktop names it), or the home folder when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


def suggested_folder(doc: BriefingDocument, remembered: object = "") -> Path:
    """Where Save As and Export suggest to write: the project's folder; else the folder of the user's
    own article; else ``remembered`` (the last export's folder, say); else the Documents folder; else the
    home folder. Never a folder of the installed program (the bundled sample's): it is not the user's."""
    bundled = resource_path().resolve()

    def usable(folder: Path | None) -> bool:
        try:
            return folder is not None and folder.is_dir() and not folder.resolve().is_relative_to(bundled)
        except OSError:
            return False

    candidates = [
        doc.path.parent if doc.path is not None else None,
        doc.source_path.parent if doc.source_path is not None else None,
        Path(str(remembered)).expanduser() if remembered else None,
    ]
    return next(
        (folder for folder in candidates if folder is not None and usable(folder)), documents_folder()
    )


#: (command, keys) rows of one group of the Keyboard Shortcuts dialog.
ShortcutRows = list[tuple[str, str]]

#: The keys the document page handles itself (ui/docview/view.py, keyPressEvent and contextMenuEvent).
PAGE_KEYS: ShortcutRows = [
    ("Split a paragraph or list item; after a heading, start a paragraph", "Enter"),
    ("Line break inside a paragraph or a cell", "Shift+Enter"),
    ("Join with the paragraph or item before (at its start)", "Backspace"),
    ("Join with the paragraph or item after (at its end)", "Del"),
    ("Indent or outdent a list item", "Tab, Shift+Tab"),
    ("Next or previous cell of a table (Enter: the cell below)", "Tab, Shift+Tab"),
    ("Bold or italic on the selected words of a paragraph", "Ctrl+B, Ctrl+I"),
    ("The menu for the cursor's place: its fixes, rows, indents", "Menu, Shift+F10"),
    ("Edit the briefing details (on the header block)", "Double-click"),
]

#: The keys of the table grid besides its Table menu's (ui/editors/table_editor.py).
GRID_KEYS: ShortcutRows = [
    ("Edit the current cell (or just type)", "F2"),
    ("Take back the typing in a cell", "Esc"),
    ("Back to the document (not while typing in a cell)", "Esc"),
    ("The menu for the current cell", "Menu, Shift+F10"),
]

#: The keys of the panels.
PANEL_KEYS: ShortcutRows = [
    ("Findings: select a finding (the page scrolls to it)", "Up, Down"),
    ("Findings: go to the finding in the page", "Enter, Double-click"),
    ("Outline: show a section or block (the keyboard stays)", "Up, Down"),
    ("Details page: back to the document", "Esc"),
]


def _keys_text(action: QAction) -> str:
    """An action's keys as the menus show them ("Ctrl+Shift+Z, Ctrl+Y"), without the keys of special
    keyboards the platform adds to standard bindings (a "Save" or "Help" key, F14 to F20 for Undo,
    Copy, Paste on X11)."""
    keys = []
    for sequence in action.shortcuts():
        if sequence.isEmpty():
            continue
        first = sequence[0].key().value  # type: ignore[index]  # the stubs lack QKeySequence.__getitem__
        if not Qt.Key.Key_F13.value <= first <= Qt.Key.Key_unknown.value:
            keys.append(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(keys)


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard Shortcuts: every key by menu and by place, in a two-column list that scrolls (it
    fits a 1280×720 screen) and that a search field filters; Esc closes it."""

    def __init__(self, groups: list[tuple[str, ShortcutRows]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        self.search = QLineEdit()
        self.search.setObjectName("shortcutsSearch")
        self.search.setPlaceholderText("Search commands and keys, e.g. “table” or “F8”")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for title, rows in groups:
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            for command, keys in rows:
                row = QTreeWidgetItem(group, [command, keys])
                row.setToolTip(0, command)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.tree.expandAll()
        self.nothing = QLabel("No command or key matches.")
        self.nothing.setObjectName("shortcutsNothing")
        self.nothing.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(buttons)
        # As tall as the list wants, but never taller than the screen leaves room for (it scrolls).
        height, width = 620, 640
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            height = min(height, area.height() - 80)
            width = min(width, area.width() - 40)
        self.resize(width, height)
        self.search.setFocus()

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row the filter leaves shown."""
        shown = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None or group.isHidden():
                continue
            for r in range(group.childCount()):
                row = group.child(r)
                if row is not None and not row.isHidden():
                    shown.append((group.text(0), row.text(0), row.text(1)))
        return shown

    @Slot(str)
    def filter(self, text: str) -> None:
        """Show the rows whose command, keys or group have every word typed."""
        words = text.casefold().split()
        any_shown = False
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None:
                continue
            shown = 0
            for r in range(group.childCount()):
                row = group.child(r)
                if row is None:
                    continue
                haystack = f"{group.text(0)} {row.text(0)} {row.text(1)}".casefold()
                hidden = not all(word in haystack for word in words)
                row.setHidden(hidden)
                shown += not hidden
            group.setHidden(shown == 0)
            any_shown = any_shown or shown > 0
        self.nothing.setVisible(not any_shown)


class MainWindow(QMainWindow):
    """One briefing per window; every edit goes through the document's undo stack."""

    documentLoaded = Signal(str)
    #: Autosave and crash recovery; set by :class:`~ui.recovery.RecoveryManager` (``None`` in bare windows).
    recovery: RecoveryManager | None = None
    #: The message box of the last finished export (set by :class:`~ui.export_dialog.ExportDialog`).
    last_export_box: QMessageBox | None = None
    #: Edit ▸ Find and Replace, made when first asked for (and again for another document).
    find_dialog: FindReplaceDialog | None = None
    #: Help ▸ Keyboard Shortcuts, the last one shown.
    shortcuts_dialog: ShortcutsDialog | None = None

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        #: While the outline follows the document's cursor, its selection must not move the cursor.
        self._following = False
        self.last_error: QMessageBox | None = None
        self.doc = BriefingDocument(Briefing(), self)
        self.loader = DocumentLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("outlineDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        #: Status bar counts follow the model, a moment after the last change.
        self.status_timer = QTimer(self, singleShot=True, interval=250)
        self.status_timer.timeout.connect(self._update_status)
        self.recommendations_dock = QDockWidget("Recommendations", self)
        self.recommendations_dock.setObjectName("recommendationsDock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.recommendations_dock)
        self.comments_dock = QDockWidget("Comments", self)
        self.comments_dock.setObjectName("commentsDock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.comments_dock)
        self.tabifyDockWidget(self.recommendations_dock, self.comments_dock)
        self.corrections_dock = QDockWidget("Corrections", self)
        self.corrections_dock.setObjectName("correctionsDock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.corrections_dock)
        self.tabifyDockWidget(self.comments_dock, self.corrections_dock)
        self.findings_dock = QDockWidget("Findings", self)
        self.findings_dock.setObjectName("findingsDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.recommendations_dock.raise_()

        self._build_actions()
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().showMessage("Ready")
        self._install_document(self.doc)
        self.stack.currentChanged.connect(self._update_rename)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._fit_first_start()
        self.resizeDocks([self.outline_dock, self.findings_dock], [280, 340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.recommendations_dock], [210], Qt.Orientation.Vertical)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    #: The window's size at a first start, where the screen has room for it.
    FIRST_SIZE = (1280, 800)

    def _fit_first_start(self) -> None:
        """Open at :data:`FIRST_SIZE`, shrunk to the screen's available area (without panels and docks of
        the desktop) so that on a 1280×720 screen the status bar and the dock tabs are on screen; a
        restored geometry from the last session replaces this."""
        width, height = self.FIRST_SIZE
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            # The frame (title bar, borders) is not part of resize(); leave it room.
            width = min(width, area.width() - 16)
            height = min(height, area.height() - 48)
            self.resize(max(width, 640), max(height, 480))
            frame = self.frameGeometry()
            frame.moveCenter(area.center())
            self.move(frame.topLeft())
        else:
            self.resize(width, height)

    # --- building ------------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding the platform has (Redo: Ctrl+Y and Ctrl+Shift+Z)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:  # toolbar buttons show the tooltip: name the key, as desktop applications do
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        # triggered(bool) would hand its ``checked`` flag to the slot's first parameter (a comment's
        # text, say): the slots take no arguments from it.
        action.triggered.connect(lambda _checked=False, s=slot: s())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New", self.new_briefing, key.New, "Start an empty briefing")
        self.open_action = self._action("&Open…", self.choose_file, key.Open, "Open a briefing or an article")
        self.import_action = self._action(
            "&Import Article…", self.choose_article, "Ctrl+Shift+I", "Import a .txt or .md article"
        )
        self.save_action = self._action("&Save", self.save, key.Save, "Save the briefing")
        self.save_as_action = self._action("Save &As…", self.save_as, key.SaveAs, "Save under a new name")
        self.export_action = self._action("&Export Word…", self.export_word, "Ctrl+E", "Export a .docx")
        self.export_pdf_action = self._action("Export &PDF…", self.export_pdf, "Ctrl+Shift+E", "Export a PDF")
        self.close_action = self._action("&Close", self.close_briefing, key.Close, "Close the briefing")
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.undo_action = self._action("&Undo", self.undo, key.Undo)
        self.redo_action = self._action("&Redo", self.redo, key.Redo)
        if not any(k.matches(QKeySequence("Ctrl+Y")) for k in self.redo_action.shortcuts()):
            # X11 binds Redo to Ctrl+Shift+Z only; users of Word expect Ctrl+Y as well.
            self.redo_action.setShortcuts([*self.redo_action.shortcuts(), QKeySequence("Ctrl+Y")])
        self.cut_action = self._action("Cu&t", lambda: self._forward("cut"), key.Cut)
        self.copy_action = self._action("&Copy", lambda: self._forward("copy"), key.Copy)
        self.paste_action = self._action("&Paste", lambda: self._forward("paste"), key.Paste)
        for action in (self.cut_action, self.copy_action, self.paste_action):
            # The focused editor handles these keys itself; the menu items forward to it.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_action = self._action("&Find and Replace…", self.find_replace, key.Find)
        self.comment_action = self._action(
            "&Comment…",
            self.add_comment,
            "Ctrl+Alt+M",
            "Comment on the selected text, cell or recommendation",
        )
        self.preferences_action = self._action("Pre&ferences…", self.preferences, key.Preferences)
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.paste_new_action = self._action(
            "Paste as &New Briefing", self.paste_as_new, "Ctrl+Shift+V", "Import the clipboard's text or HTML"
        )
        self.add_section_action = self._action("&Section", self.add_section, "Ctrl+Shift+S")
        self.add_section_action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.add_paragraph_action = self._action(
            "&Paragraph", lambda: self.add_block("paragraph"), "Ctrl+Alt+P"
        )
        self.add_list_action = self._action("&List", lambda: self.add_block("list"), "Ctrl+Alt+L")
        self.add_table_action = self._action("&Table", lambda: self.add_block("table"), "Ctrl+Alt+T")
        self.rename_action = self._action("&Rename Section", self.rename_section, "F2")
        # F2 renames only where there is a section to rename: in the outline (and, by a key of its own,
        # on the page). Elsewhere F2 is the widget's: edit a recommendation, a grid cell.
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.grid_action = self._action(
            "Edit Table in &Grid",
            self.edit_table_in_grid,
            "Ctrl+Alt+G",
            "Edit the table at the cursor cell by cell",
        )
        self.delete_item_action = self._action(
            "&Delete Selected Item", self.delete_selected, "Ctrl+Shift+Del"
        )
        self.move_up_action = self._action("Move &Up", lambda: self.outline.move_current(-1), "Alt+Up")
        self.move_down_action = self._action("Move &Down", lambda: self.outline.move_current(1), "Alt+Down")
        for action in (self.move_up_action, self.move_down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.next_finding_action = self._action(
            "&Next Finding", lambda: self.findings.next_finding(), "F8", "Go to the next finding"
        )
        self.previous_finding_action = self._action(
            "P&revious Finding",
            lambda: self.findings.previous_finding(),
            "Shift+F8",
            "Go to the previous finding",
        )
        self.fix_safe_action = self._action(
            "Fix All &Safe Problems",
            lambda: self.findings.fix_all_safe(),
            "Ctrl+Alt+F",
            "Apply every fix that only removes markup, empty cells, exact copies or chatter (one undo step)",
        )
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self.show_shortcuts, key.HelpContents)
        self.about_action = self._action("&About Briefing Editor", self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.new_action, self.open_action, self.import_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.sample_action = file_menu.addAction(
            "Open Sample Article", lambda: self.open_path(sample_article())
        )
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            edit_menu.addAction(action)
        edit_menu.addAction(self.paste_new_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.grid_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)

        insert_menu = bar.addMenu("&Insert")
        for action in (
            self.add_section_action,
            self.add_paragraph_action,
            self.add_list_action,
            self.add_table_action,
        ):
            insert_menu.addAction(action)
        insert_menu.addSeparator()
        insert_menu.addAction(self.move_up_action)
        insert_menu.addAction(self.move_down_action)
        insert_menu.addAction(self.rename_action)
        insert_menu.addAction(self.delete_item_action)
        insert_menu.addSeparator()
        insert_menu.addAction(self.comment_action)

        review_menu = bar.addMenu("&Review")
        review_menu.addAction(self.next_finding_action)
        review_menu.addAction(self.previous_finding_action)
        review_menu.addSeparator()
        review_menu.addAction(self.fix_safe_action)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.outline_dock.toggleViewAction())
        self.view_menu.addAction(self.recommendations_dock.toggleViewAction())
        self.view_menu.addAction(self.comments_dock.toggleViewAction())
        self.view_menu.addAction(self.findings_dock.toggleViewAction())
        self.view_menu.addAction(self.corrections_dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        for tool in (
            self.open_action,
            self.save_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.find_action,
            self.export_action,
        ):
            toolbar.addSeparator() if tool is None else toolbar.addAction(tool)

    # --- the document ----------------------------------------------------------------------------------

    def _install_document(self, doc: BriefingDocument) -> None:
        """Show a document: new editors and outline bound to it, the old ones dropped."""
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        stack = doc.undo_stack
        stack.cleanChanged.connect(self._update_title)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        doc.changed.connect(self._on_doc_changed)
        doc.refused.connect(lambda message: self.statusBar().showMessage(message, 8000))

        while self.stack.count():
            widget = self.stack.widget(0)
            if widget is None:  # cannot be while count() > 0
                break
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.document_view = DocumentView(doc)
        self.document_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.document_view.placeChanged.connect(self._follow_view)
        self.document_view.placeChanged.connect(self._update_rename)
        rename_key = QAction(self.document_view)  # no text: not one of the page's right-click items
        rename_key.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.triggered.connect(self.rename_action.trigger)  # does nothing while it is disabled
        self.document_view.addAction(rename_key)
        self.document_view.gridRequested.connect(self.edit_table_in_grid)
        self.document_view.detailsRequested.connect(self.outline_select_details)
        self.document_view.addAction(self.comment_action)
        self.details_editor = DetailsEditor(doc)
        self.details_editor.backRequested.connect(self.back_to_document)
        self.table_editor = TableEditor(doc)
        self.grid_page = self._grid_page(self.table_editor)
        for widget in (self.document_view, self.details_editor, self.grid_page):
            self.stack.addWidget(widget)

        self.recommendations = RecommendationsPanel(doc, self.settings)
        self.recommendations.originSelected.connect(self.show_origin)
        self.comments = CommentsPanel(doc)
        self.comments.anchorActivated.connect(self.show_anchor)
        self.findings = FindingsPanel(doc)
        self.document_view.fixRequested.connect(self.findings.fix)
        self.document_view.ignoreRequested.connect(self.findings.ignore)
        self.document_view.findingShown.connect(self.show_in_findings)
        self.findings.findingActivated.connect(self.show_finding)
        self.findings.view.activated.connect(self._go_to_finding)
        self.findings.countsChanged.connect(self._show_counts)
        self.findings.countsChanged.connect(
            lambda _counts: self.document_view.set_findings(self.findings.visible_findings())
        )
        self.corrections = CorrectionsPanel(doc, self.settings)
        for dock, panel in (
            (self.recommendations_dock, self.recommendations),
            (self.comments_dock, self.comments),
            (self.findings_dock, self.findings),
            (self.corrections_dock, self.corrections),
        ):
            old_panel = dock.widget()
            dock.setWidget(panel)
            if old_panel is not None:
                old_panel.deleteLater()

        self.outline = OutlineView(doc)
        self.outline.itemActivated.connect(self.show_item)
        # The outline's right-click menu offers these (see OutlineView.contextMenuEvent).
        for action in (
            self.add_section_action,
            self.add_paragraph_action,
            self.add_list_action,
            self.add_table_action,
            self.rename_action,
            self.delete_item_action,
            self.move_up_action,
            self.move_down_action,
            self.comment_action,
        ):
            self.outline.addAction(action)
        self.outline.selectionModel().currentChanged.connect(self._update_rename)
        doc.changed.connect(self._update_rename)
        old_outline = self.outline_dock.widget()
        self.outline_dock.setWidget(self.outline)
        if old_outline is not None:
            old_outline.deleteLater()
        if old is not doc and old.parent() is self:
            # The replaced document's undo stack is cleared as it goes: its signals must not reach
            # Undo, Redo and the title, which belong to the new document now.
            old.undo_stack.blockSignals(True)
            old.blockSignals(True)
            old.deleteLater()
        self.stack.setCurrentWidget(self.document_view)
        self._update_title()
        self._update_status()
        _settle_memory()

    @Slot()
    def undo(self) -> None:
        """Edit ▸ Undo."""
        self.doc.undo_stack.undo()

    @Slot()
    def redo(self) -> None:
        """Edit ▸ Redo."""
        self.doc.undo_stack.redo()

    @Slot(str)
    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(f"&Undo {text}".strip())

    @Slot(str)
    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {text}".strip())

    @Slot(str, str)
    def show_item(self, kind: str, item_id: str) -> None:
        """Show what the outline selected: the header block's details, else its place in the document."""
        if self._following:
            return  # the outline follows the document's cursor: the cursor stays where it is
        view = self.document_view
        if kind == "details":
            self.stack.setCurrentWidget(self.details_editor)
            return
        self.stack.setCurrentWidget(view)
        if kind in ("note", "note-part"):
            return  # a part of the note is a place to drop sections on, not a place in the article
        if kind in ("recommendation", "recommendations"):
            recs = [r.id for r in self.doc.briefing.recommendations]
            if item_id in recs:
                self.recommendations_dock.raise_()
                self.recommendations.select_row(recs.index(item_id))
            view.moveCursor(view.textCursor().MoveOperation.End)
            view.ensureCursorVisible()
            return
        ref = Ref(section_id=item_id) if kind == "section" else Ref(block_id=item_id)
        self._show_in_view(ref, select=False)

    def _show_in_view(self, ref: Ref, select: bool = True, focus: bool = True) -> None:
        """Select (or put the cursor at) a place of the page and scroll to it; ``focus``: the page takes
        the keyboard too."""
        view = self.document_view
        self.stack.setCurrentWidget(view)
        if select:
            view.show_ref(ref)
        else:
            found = view.block_for_ref(ref)
            if found is not None:
                cursor = view.textCursor()
                cursor.setPosition(found[0].position() + found[1])
                view.setTextCursor(cursor)
                view.centre_on(cursor)
        if focus:
            view.setFocus()

    @Slot(str, str)
    def _follow_view(self, section_id: str, block_id: str) -> None:
        """The document's cursor moved to another block: the outline follows it (without moving it)."""
        self._following = True
        try:
            self.outline.select_id(block_id or section_id)
        finally:
            self._following = False

    def _grid_page(self, editor: TableEditor) -> QWidget:
        """The table grid with a bar to go back to the document."""
        page = QWidget()
        page.setObjectName("gridPage")
        bar = QHBoxLayout()
        self.grid_label = QLabel()
        self.grid_label.setObjectName("gridLabel")
        back = QPushButton("Back to Document")
        back.setObjectName("backToDocument")
        back.setToolTip("Back to the document (Esc)")
        back.clicked.connect(self.back_to_document)
        bar.addWidget(self.grid_label, 1)
        bar.addWidget(back)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(editor, 1)
        escape = QAction(page)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.back_to_document)
        page.addAction(escape)
        return page

    @Slot()
    def edit_table_in_grid(self, table_id: str | None = None) -> None:
        """Edit ▸ Edit Table in Grid: the table at the cursor (or selected in the outline), cell by cell."""
        if not isinstance(table_id, str) or not table_id:
            key = self.document_view.current_key()
            table_id = key.block_id if key.kind in ("cell", "caption") else self.outline.current_id()
        block = self.doc.briefing.find_block(table_id) if table_id else None
        if not isinstance(block, Table) or table_id is None:
            self.statusBar().showMessage("Put the cursor in a table to edit it in the grid.", 5000)
            return
        key = self.document_view.current_key()
        self.table_editor.show_table(table_id)
        places = Places(self.doc.briefing)
        self.grid_label.setText(f"<b>{places.describe_id(table_id) or 'Table'}</b> in the grid")
        self.stack.setCurrentWidget(self.grid_page)
        if key.kind == "cell" and key.block_id == table_id and key.index is not None:
            self.table_editor.set_current(0 if key.index == HEADER_ROW else key.index + 1, key.column or 0)
        self.table_editor.view.setFocus()

    @Slot()
    def back_to_document(self) -> None:
        """Leave the grid or the details for the document, at the table or header block just edited."""
        left = self.stack.currentWidget()
        table_id = self.table_editor.table_id if left is self.grid_page else None
        self.stack.setCurrentWidget(self.document_view)
        if table_id:
            row, column = self.table_editor.current()
            self._show_in_view(Ref(block_id=table_id, row=HEADER_ROW if row <= 0 else row - 1, column=column))
        elif left is self.details_editor:
            view = self.document_view  # the header block opens the page: show it, with what was typed
            view.moveCursor(view.textCursor().MoveOperation.Start)
            view.ensureCursorVisible()
            if self.outline.current_kind() == "details":
                # The header block has no row of its own to follow: unselect "Briefing details", or a
                # click on it would not open the details again.
                self.outline.setCurrentIndex(QModelIndex())
        self.document_view.setFocus()

    @Slot()
    def outline_select_details(self) -> None:
        """Show the header block's details (double-click on it in the document), ready to type the title."""
        self.outline.select_details()
        self.stack.setCurrentWidget(self.details_editor)
        self.details_editor.fields["title"].setFocus()

    @Slot(object)
    def show_in_findings(self, finding: Finding) -> None:
        """Show a finding of the page in the Findings panel."""
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings.select_finding(finding.key)

    @Slot(object)
    def _on_doc_changed(self, events: list[ChangeEvent]) -> None:
        self.status_timer.start()
        if self.stack.currentWidget() is self.grid_page:
            table_id = self.table_editor.table_id
            if not table_id or self.doc.briefing.find_block(table_id) is None:
                # The table in the grid went away (a fix, an undo): back to the page, saying why.
                self.stack.setCurrentWidget(self.document_view)
                self.statusBar().showMessage("The table in the grid was removed; back to the document.", 6000)

    @Slot()
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — {APP_NAME}")
        self.setWindowModified(self.doc.modified)

    def _update_status(self) -> None:
        briefing = self.doc.briefing
        tables = sum(1 for _, block in briefing.blocks() if block.kind == "table")
        headed = sum(1 for section in briefing.sections if section.heading)
        counts = getattr(self, "findings_counts", {})
        found = " · ".join(
            f"{counts[kind]} {label}{'' if counts[kind] == 1 else 's'}"
            for kind, label in (("error", "error"), ("warning", "warning"), ("info", "note"))
            if counts.get(kind)
        )
        self.status_label.setText(
            f"{headed} sections · {tables} tables · {len(briefing.recommendations)} recommendations"
            + (f"  |  {found}" if found else "  |  no findings")
        )

    # --- opening ---------------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; returns False when the user cancels."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"Save the changes to “{self.doc.display_name}” before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard and self.recovery is not None:
            self.recovery.discard()
        return answer == QMessageBox.StandardButton.Discard

    @Slot()
    def new_briefing(self) -> None:
        """Start an empty briefing with one section."""
        if not self.maybe_save():
            return
        briefing = Briefing()
        briefing.sections.append(operations.new_section(briefing, ""))
        self._install_document(BriefingDocument(briefing, self))
        self.statusBar().showMessage("New briefing", 3000)

    @Slot()
    def choose_file(self) -> None:
        """Ask for a briefing or article and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open", self._last_folder(), OPEN_FILTER)
        if path:
            self.open_path(path)

    @Slot()
    def choose_article(self) -> None:
        """Ask for an article and import it."""
        path, _ = QFileDialog.getOpenFileName(self, "Import article", self._last_folder(), IMPORT_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open a project or import an article in the background (asks to save first)."""
        if not self.maybe_save():
            return
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.loader.load(path)

    @Slot(object, str)
    def _on_loaded(self, briefing: Briefing, path: str) -> None:
        QGuiApplication.restoreOverrideCursor()
        path_ = Path(path).resolve()
        doc = BriefingDocument(briefing, self)
        if project.PROJECT_SUFFIX == path_.suffix.lower():
            doc.mark_saved(path_)
        else:
            doc.source_path = path_
            doc.source_text = self.loader.sources.pop(path, None)
        self._install_document(doc)
        self.settings.setValue("paths/last_folder", str(path_.parent))
        self._add_recent(path_)
        tables = sum(1 for _, block in briefing.blocks() if block.kind == "table")
        headed = sum(1 for section in briefing.sections if section.heading)
        # for a while only: the counts are the file's as opened, and the first fix changes them
        counts = [counted(headed, "section"), counted(tables, "table")]
        counts.append(counted(len(briefing.recommendations), "recommendation"))
        self.statusBar().showMessage(f"Opened {path_.name}: {', '.join(counts)}", OPENED_MESSAGE_MS)
        self.documentLoaded.emit(path)

    @Slot(str, str)
    def _on_failed(self, message: str, path: str) -> None:
        QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"Could not open {Path(path).name}")
        _, _, reason = message.partition(": ")
        self.last_error = show_error(
            self, f"“{Path(path).name}” could not be opened.", (reason or message) + ".", f"File: {path}"
        )

    def import_clipboard_text(self, text: str, html: str = "") -> None:
        """Make a new briefing from pasted text; pasted HTML goes through the core's web-page import
        (headings, lists, tables, bold and italic), and the plain text is used when it holds no text."""
        briefing: Briefing | None = None
        source = ""
        if html:
            from briefing.importing.html import import_html

            briefing, source = import_html(html)
            if not source.strip():
                briefing = None
        if briefing is None:
            source = text.replace("\r\n", "\n").replace("\r", "\n")
            if not source.strip():
                self.last_error = show_error(self, "The clipboard holds no text to import.")
                return
        if not self.maybe_save():
            return
        if briefing is None:
            briefing = import_text(source)
        doc = BriefingDocument(briefing, self)
        doc.source_text = source  # what the checks' lines count in, as for an opened article
        self._install_document(doc)
        self.doc.undo_stack.resetClean()  # a pasted briefing is unsaved work
        self._update_title()
        self.statusBar().showMessage("Pasted a new briefing from the clipboard", 4000)

    @Slot()
    def paste_as_new(self) -> None:
        """Edit ▸ Paste as New Briefing."""
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        self.import_clipboard_text(text, html)

    # --- saving ----------------------------------------------------------------------------------------

    @Slot()
    def save(self) -> bool:
        """Save to the project file (asks for a name the first time); returns whether it saved."""
        if self.doc.path is None:
            return self.save_as()
        if self.doc.changed_on_disk():
            answer = QMessageBox.warning(
                self,
                APP_NAME,
                f"“{self.doc.path.name}” was changed by another program since you opened it.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        return self.save_to(self.doc.path)

    @Slot()
    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        doc = self.doc
        name = (
            doc.path.name
            if doc.path
            else (doc.source_path.stem if doc.source_path else "Untitled") + ".briefing"
        )
        start = suggested_folder(doc, self.settings.value("paths/last_folder", "")) / name
        path, _ = QFileDialog.getSaveFileName(
            self, "Save briefing", str(start), "Briefing projects (*.briefing)"
        )
        if not path:
            return False
        if not path.lower().endswith(project.PROJECT_SUFFIX):
            path += project.PROJECT_SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Back up the old file, write the project file atomically and mark the document saved.

        A read-only project file is not replaced (Save As can write the work elsewhere)."""
        try:
            refuse_read_only(path, error=ProjectError)
            backup_problem = back_up(path, self.settings)
            project.save(self.doc.briefing, path)
        except BriefingError as exc:
            self.last_error = show_error(
                self, f"“{path.name}” could not be saved.", exc.reason + ".", str(path)
            )
            return False
        self.doc.mark_saved(path.resolve())
        self._add_recent(path.resolve())
        self._update_title()
        if self.recovery is not None:
            self.recovery.discard()
        if backup_problem:
            self.statusBar().showMessage(f"Saved {path.name}, but kept no backup: {backup_problem}", 10000)
        else:
            self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    # --- export (the dialog lives in ui/export_dialog.py) -----------------------------------------------

    @Slot()
    def export_word(self) -> None:
        """File ▸ Export Word…"""
        from .export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self, pdf=False)
        self.export_dialog.open()

    @Slot()
    def export_pdf(self) -> None:
        """File ▸ Export PDF…"""
        from .export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self, pdf=True)
        self.export_dialog.open()

    # --- editing structure -------------------------------------------------------------------------

    @Slot()
    def add_section(self) -> None:
        """Insert a new section after the selected one (or at the end)."""
        briefing = self.doc.briefing
        current = self._current_id()
        index = len(briefing.sections)
        for i, section in enumerate(briefing.sections):
            if section.id == current or any(block.id == current for block in section.blocks):
                index = i + 1
        section = operations.new_section(briefing)
        self.doc.edit("Add section", lambda b: operations.insert_section(b, index, section))
        self._select_heading(section.id)

    def add_block(self, kind: str) -> None:
        """Insert a paragraph, list or table after the selected item."""
        briefing = self.doc.briefing
        if not briefing.sections:
            lede = operations.new_section(briefing, "")
            self.doc.edit("Add section", lambda b: operations.insert_section(b, 0, lede))
        current = self._current_id()
        section, index = briefing.sections[-1], len(briefing.sections[-1].blocks)
        for candidate in briefing.sections:
            if candidate.id == current:
                section, index = candidate, len(candidate.blocks)
            for i, block in enumerate(candidate.blocks):
                if block.id == current:
                    section, index = candidate, i + 1
        makers: dict[str, Callable[[Briefing], Block]] = {
            "paragraph": operations.new_paragraph,
            "list": operations.new_list,
            "table": operations.new_table,
        }
        new_block = makers[kind](briefing)
        section_id = section.id
        self.doc.edit(f"Add {kind}", lambda b: operations.insert_block(b, section_id, index, new_block))
        self.outline.select_id(new_block.id)
        # The cursor goes into the new block; a new table's first header cell is selected, to be typed over.
        if isinstance(new_block, Table):
            self._show_in_view(Ref(block_id=new_block.id, row=HEADER_ROW, column=0))
        else:
            self._show_in_view(Ref(block_id=new_block.id), select=False)

    def _current_id(self) -> str | None:
        """The block (else section) the user is at: the document's cursor, or the outline's selection
        when the outline has the focus."""
        if self.stack.currentWidget() is self.document_view and not self.outline.hasFocus():
            key = self.document_view.current_key()
            if key.block_id or key.section_id:
                return key.block_id or key.section_id
        return self.outline.current_id()

    def rename_target(self) -> str | None:
        """The section Rename Section renames: the outline's selected row when the outline has the
        keyboard, or the page is not shown (none for a block's row, a recommendation or the details);
        else the section of the page's cursor. None for a section without a heading to type over (the
        lede)."""
        if self.outline.hasFocus() or self.stack.currentWidget() is not self.document_view:
            section_id = self.outline.current_id() if self.outline.current_kind() == "section" else None
        else:
            section_id = self.document_view.current_key().section_id or None
        section = self.doc.briefing.find_section(section_id) if section_id else None
        if section is None or (not section.heading and section.blocks):
            return None
        return section.id

    @Slot()
    def _update_rename(self) -> None:
        """Rename Section is enabled where it applies (it follows the outline's row, the page's cursor
        and which of them has the keyboard)."""
        self.rename_action.setEnabled(self.rename_target() is not None)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._update_rename()

    @Slot()
    def rename_section(self) -> None:
        """Insert ▸ Rename Section (F2): select the heading of the section :meth:`rename_target` names."""
        section_id = self.rename_target()
        if section_id is not None:
            self._select_heading(section_id)

    def _select_heading(self, section_id: str) -> None:
        """Select a section's heading in the document, to type a new one over it."""
        self.outline.select_id(section_id)
        self._show_in_view(Ref(section_id=section_id), select=False)
        view = self.document_view
        cursor = view.textCursor()
        cursor.movePosition(cursor.MoveOperation.EndOfBlock, cursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selected section or block (undoable)."""
        kind, item_id = self.outline.current_kind(), self.outline.current_id()
        if kind == "section":
            index = next(i for i, s in enumerate(self.doc.briefing.sections) if s.id == item_id)
            self.doc.edit("Delete section", lambda b: operations.remove_section(b, index))
        elif item_id and self.doc.briefing.find_block(item_id) is not None:
            self.doc.edit(f"Delete {kind}", lambda b: operations.remove_block(b, item_id))

    # --- recommendations and comments ----------------------------------------------------------------

    @Slot(object)
    def show_origin(self, origin: Ref) -> None:
        """Show where a recommendation came from: its table row or list item."""
        self.show_ref(origin)

    @Slot(object)
    def show_finding(self, finding: Finding) -> None:
        """Select what a finding is about (the user chose it): its row or cell, its text, its item.

        Chosen by moving in the Findings list (the arrows, a click) the page only scrolls to it: the
        keyboard stays in the list, for the next Down. From elsewhere (F8 on the page) the page takes it.
        """
        focus = QApplication.focusWidget()
        in_list = focus is not None and (focus is self.findings or self.findings.isAncestorOf(focus))
        self.show_ref(finding.target, focus=not in_list)

    @Slot(QModelIndex)
    def _go_to_finding(self, _index: QModelIndex) -> None:
        """Enter or a double-click on a finding in the list: go there, the page takes the keyboard."""
        finding = self.findings.current()
        if finding is not None:
            self.show_ref(finding.target)

    @Slot(dict)
    def _show_counts(self, counts: dict) -> None:
        self.findings_counts = counts
        self._update_status()

    @Slot(object)
    def show_anchor(self, anchor: Ref) -> None:
        """Show the text a comment is about."""
        rec_ids = [r.id for r in self.doc.briefing.recommendations]
        if anchor.block_id in rec_ids:
            self.recommendations_dock.raise_()
            self.recommendations.select_row(rec_ids.index(anchor.block_id))
            return
        self.show_ref(anchor)

    def show_ref(self, ref: Ref, focus: bool = True) -> None:
        """Select a place: in the grid when it is open on that table, else in the document (which takes
        the keyboard when ``focus``). Only ever called for a choice the user made (a finding, a comment,
        an origin)."""
        if ref.lost:
            return
        grid = self.stack.currentWidget() is self.grid_page
        if grid and self.table_editor.table_id == ref.block_id and ref.row is not None:
            row = 0 if ref.row == HEADER_ROW else ref.row + 1
            self.table_editor.set_current(row, ref.column or 0)
            if ref.column is None:
                self.table_editor.view.selectRow(row)
            return
        self._following = True
        try:
            if ref.block_id:
                self.outline.select_id(ref.block_id)
            elif ref.section_id:
                self.outline.select_id(ref.section_id)
        finally:
            self._following = False
        self._show_in_view(ref, focus=focus)

    def comment_anchor(self) -> Ref | None:
        """What a new comment would be about: the selection in the editor that has it."""
        briefing = self.doc.briefing
        focus = QGuiApplication.focusObject()
        panel_view = self.recommendations.view
        if focus is panel_view or (isinstance(focus, QWidget) and panel_view.isAncestorOf(focus)):
            row = self.recommendations.current_row()
            if row >= 0:
                return Ref(block_id=briefing.recommendations[row].id)
        widget = self.stack.currentWidget()
        table_id = self.table_editor.table_id
        if widget is self.grid_page and table_id and briefing.find_block(table_id):
            row, column = self.table_editor.current()
            return operations.block_ref(
                briefing, table_id, row=HEADER_ROW if row == 0 else row - 1, column=column
            )
        if widget is self.document_view:
            ref = self.document_view.current_ref()
            if ref is not None:
                return ref
        row = self.recommendations.current_row()
        if row >= 0:
            return Ref(block_id=briefing.recommendations[row].id)
        return None

    @Slot()
    def add_comment(self, text: str | None = None) -> None:
        """Insert ▸ Comment: comment on the selection (asks for the text when not given)."""
        if not isinstance(text, str):
            text = None  # never a signal's flag
        import datetime

        from briefing.model import Comment

        anchor = self.comment_anchor()
        if anchor is None:
            self.statusBar().showMessage("Select text, a table cell or a recommendation to comment on.", 5000)
            return
        if text is None:
            from PySide6.QtWidgets import QInputDialog

            text, ok = QInputDialog.getMultiLineText(self, "Add comment", "Comment:")
            if not ok:
                return
        if not text.strip():
            return
        author, initials = self.author()
        comment = Comment(
            self.doc.briefing.new_id("c"),
            anchor,
            text.strip(),
            author,
            initials,
            datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        self.doc.edit("Add comment", lambda b: operations.add_comment(b, comment))
        self.comments_dock.raise_()
        self.comments.select(comment.id)

    def author(self) -> tuple[str, str]:
        """The comment author's name and initials from the settings (the login name by default)."""
        import getpass

        try:
            default = getpass.getuser()
        except (KeyError, OSError):
            default = "Analyst"
        name = str(self.settings.value("comments/author", "") or default)
        initials = str(self.settings.value("comments/initials", "") or "")
        if not initials:
            initials = "".join(part[0] for part in name.replace(".", " ").split() if part)[:3].upper()
        return name, initials

    @Slot()
    def preferences(self) -> None:
        """Edit ▸ Preferences: author name and initials for comments, autosave interval."""
        from .preferences import PreferencesDialog

        self.preferences_dialog = PreferencesDialog(self)
        self.preferences_dialog.open()

    @Slot()
    def find_replace(self) -> None:
        """Edit ▸ Find and Replace across the whole briefing."""
        from .find_replace import FindReplaceDialog

        dialog = self.find_dialog
        if dialog is None or dialog.doc is not self.doc:
            dialog = self.find_dialog = FindReplaceDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.find_edit.setFocus()

    def _forward(self, name: str) -> None:
        """Edit ▸ Cut/Copy/Paste: the focused widget, or the editor around it (the table editor copies
        cell ranges for its view), does the work."""
        widget: QObject | None = QGuiApplication.focusObject()
        while widget is not None and widget is not self:
            method = getattr(widget, name, None)
            if callable(method):
                method()
                return
            widget = widget.parent()

    # --- recent files, drops, help ---------------------------------------------------------------------

    def _last_folder(self) -> str:
        """Where Open and Import start: the folder of the file opened last, else the Documents folder."""
        return str(self.settings.value("paths/last_folder", "") or documents_folder())

    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first."""
        value = self.settings.value("paths/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, Iterable) else []

    def _add_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("paths/recent", [str(path), *recent][:MAX_RECENT])

    @Slot()
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for number, path in enumerate(recent, 1):
            # The name first, then its folder: two "notes.briefing" in different folders stay apart.
            label = f"{Path(path).name}  —  {Path(path).parent}".replace("&", "&&")
            action = self.recent_menu.addAction(
                f"&{number} {label}" if number < 10 else label, self._opener(path)
            )
            action.setStatusTip(path)
            action.setToolTip(path)
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _opener(self, path: str) -> Callable[[], None]:
        return lambda: self.open_path(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    def shortcut_groups(self) -> list[tuple[str, ShortcutRows]]:
        """The Keyboard Shortcuts dialog's groups: each menu's items that have keys (as the menu names
        them), then the keys of the page, the grid and the panels."""
        names = {self.undo_action: "Undo", self.redo_action: "Redo"}  # their text names the last edit
        groups: list[tuple[str, ShortcutRows]] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            rows: ShortcutRows = []
            for action in menu.actions() if isinstance(menu, QMenu) else []:  # menu() is typed QObject
                keys = _keys_text(action)
                if keys:
                    rows.append((names.get(action, action.text().replace("&", "")), keys))
            if rows:
                groups.append((f"{menu_action.text().replace('&', '')} menu", rows))
        groups.append(("In the document page", PAGE_KEYS))
        grid: ShortcutRows = [
            (
                action.text().replace("&", ""),
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for action in [*self.table_editor.actions(), self.table_editor.actions_by_name["clear"]]
            if not action.shortcut().isEmpty()
        ]
        groups.append(("In the table grid", GRID_KEYS + grid))
        groups.append(("In the panels", PANEL_KEYS))
        return groups

    @Slot()
    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.shortcut_groups(), self)
        self.shortcuts_dialog.open()

    @Slot()
    def about(self) -> None:
        """Help ▸ About."""
        from briefing import __version__

        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setText(
            f"<b>{APP_NAME} {__version__}</b><p>Turns a messy article into a clean, formatted Word "
            "briefing note.</p>"
        )
        box.open()

    @Slot()
    def close_briefing(self) -> None:
        """File ▸ Close: back to an empty briefing."""
        if self.maybe_save():
            self._install_document(BriefingDocument(Briefing(), self))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.recovery is not None:
            self.recovery.stop()
        event.accept()

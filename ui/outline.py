"""The outline dock: a tree of the briefing's sections and blocks that follows every change.

Rows are rebuilt from the model when the structure changes and relabelled in place when text changes.
Dragging a row, or Alt+Up/Alt+Down, moves the section or block through an undo command; the tree does
not move anything itself, so it can never disagree with the model. Below the article, "In the Note"
lists the parts of the note the briefing's purpose makes (Issue, Background, …, Annex A): dropping a
section on one of them, or choosing it from the section's Place in the Note menu, prints the section
there (its placement, kept in the project).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QWidget

from briefing.editing import ChangeEvent, operations
from briefing.errors import BriefingError
from briefing.export import arrangement
from briefing.export.templates import TemplateSettings, resolve_template
from briefing.kinds import kind_of, texts
from briefing.model import PLACEMENTS, Block, Briefing, ListBlock, Recommendation, Section, Table

from .document import BriefingDocument
from .icons import icon
from .wording import counted
from .wrapping import wrapped_tooltip

#: The item data role holding the id of the section, block or recommendation an outline row shows.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The item data role holding what kind of thing a row is ("details", "section", "paragraph", …).
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
#: The item data role holding the placement a part of the note takes ("background", "annex", …).
PLACEMENT_ROLE = Qt.ItemDataRole.UserRole + 3
_MIME = "application/x-briefing-outline-id"
#: The kinds of rows that are blocks of a section.
BLOCK_KINDS = ("paragraph", "list", "table")
#: The window's actions the right-click menu is made of, by what they do, as the window names them: an
#: action the window adds to the outline is known by being its owner's attribute of that name. The menu
#: gives each one a label for the row (Insert ▸ List After This, Delete Table) and leaves out what does
#: not apply to it; any other action the window adds is listed as it is.
COMMANDS = {
    "insert-section": "add_section_action",
    "insert-paragraph": "add_paragraph_action",
    "insert-list": "add_list_action",
    "insert-table": "add_table_action",
    "rename": "rename_action",
    "delete": "delete_item_action",
    "move-up": "move_up_action",
    "move-down": "move_down_action",
    "comment": "comment_action",
}
#: The icons of outline rows (``resources/icons/NAME.svg``): one per kind of row; a recommendation with
#: no decision yet has an open circle ("recommendation-open"), a decided one a green tick.
ICON_KINDS = (
    "details",
    "section",
    "paragraph",
    "list",
    "table",
    "recommendations",
    "recommendation",
    "recommendation-open",
    "recommendation-decided",
)


def block_label(block: Block) -> str:
    """A one-line label for a block in the outline."""
    if isinstance(block, ListBlock):
        first = block.items[0].full_text if block.items else ""
        return f"List · {counted(len(block.items), 'item')} — {_shorten(first, 40)}"
    if isinstance(block, Table):
        columns = ", ".join(cell for cell in block.header if cell)
        caption = f"{block.caption} — " if block.caption else ""
        return f"Table · {counted(len(block.rows), 'row')} — {caption}{_shorten(columns, 40)}"
    # Any other kind: its first text, as the block-kind registry gives it.
    text = next((t for _, t in texts(block) if t.strip()), "")
    return _shorten(text) or f"(empty {kind_of(block).label})"


def section_label(heading: str) -> str:
    """The outline label of a section."""
    return heading or "Lede (before the first heading)"


def recommendation_label(number: int, rec: Recommendation) -> str:
    """The outline label of a recommendation, numbered as the note numbers it: "5. Enhancing …"."""
    return f"{number}. {_shorten(rec.text)}"


def recommendation_tooltip(number: int, rec: Recommendation) -> str:
    """Recommendation N, its decision (or that it has none) and its whole text."""
    decision = rec.annotation.decision
    status = f"Decision: {decision}" if decision else "No decision yet"
    return f"Recommendation {number} · {status}\n{rec.text}"


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class _OutlineModel(QStandardItemModel):
    """Carries the dragged row's id; drops are handled by the view."""

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt override
        data = QMimeData()
        if indexes:
            data.setData(_MIME, f"{indexes[0].data(KIND_ROLE)}:{indexes[0].data(ID_ROLE)}".encode())
        return data


class OutlineView(QTreeView):
    """The outline tree. ``itemActivated(kind, id)`` tells the window what to edit."""

    itemActivated = Signal(str, str)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._items: dict[str, QStandardItem] = {}
        self._note_settings: dict[str, TemplateSettings | None] = {}
        #: While set, a new current row is not announced (``itemActivated``): the outline moved it.
        self._quiet = False
        self._icons = {kind: icon(kind) for kind in ICON_KINDS}
        self.model_ = _OutlineModel(self)
        self.setModel(self.model_)
        self.selectionModel().currentChanged.connect(self._current_changed)
        # The right-click menu ends with these; the window's actions added to the outline come first.
        self.expand_all_action = QAction("E&xpand All", self)
        self.expand_all_action.triggered.connect(self.expandAll)
        self.collapse_all_action = QAction("C&ollapse All", self)
        self.collapse_all_action.triggered.connect(self.collapseAll)
        doc.changed.connect(self._on_changed)
        self.rebuild()

    # --- building --------------------------------------------------------------------------------------

    def rebuild(self, select_id: str | None = None) -> None:
        """Rebuild every row from the model, keeping (or moving) the selection."""
        current = select_id or self.current_id()
        # Where the selection goes if its row is gone (deleted): the next row beside it, else the one
        # before, else its section. With no selection, Qt would make the first row current when the
        # outline next takes the focus (as it does when its menu closes), and "Briefing details" would
        # replace the document.
        neighbours = self._neighbours(current) if current else []
        collapsed = self._collapsed_keys()
        briefing: Briefing = self.doc.briefing
        self.model_.clear()
        self._items.clear()
        root = self.model_.invisibleRootItem()
        root.appendRow(self._item("Briefing details", "", "details", drag=False))
        for section in briefing.sections:
            item = self._item(self._section_text(section), section.id, "section")
            font = item.font()
            font.setItalic(not section.heading)
            item.setFont(font)
            for block in section.blocks:
                item.appendRow(self._item(block_label(block), block.id, block.kind))
            root.appendRow(item)
        if briefing.recommendations:
            recs = self._item(
                f"Recommendations ({len(briefing.recommendations)})", "", "recommendations", drag=False
            )
            for number, rec in enumerate(briefing.recommendations, 1):
                item = self._item("", rec.id, "recommendation", drag=False)
                self._label_recommendation(item, number, rec)
                recs.appendRow(item)
            root.appendRow(recs)
        self._add_note_parts(root, briefing)
        self.expandAll()
        # Rows the user had folded stay folded (a move or an undo rebuilds the tree).
        for row in range(self.model_.rowCount()):
            index = self.model_.index(row, 0)
            if self._key(index) in collapsed:
                self.collapse(index)
        if current and current in self._items:
            self.select_id(current)
        elif current:
            # Quietly: the document shows what is left where the row was, and keeps its cursor.
            self._quiet = True
            try:
                fallback = next((i for i in neighbours if i in self._items), None)
                if fallback:
                    self.select_id(fallback)
                else:
                    self.select_details()
            finally:
                self._quiet = False

    def _neighbours(self, item_id: str) -> list[str]:
        """The ids of the rows after a row, then of those before it (nearest first), then its parent's."""
        item = self._items.get(item_id)
        if item is None:
            return []
        parent = item.parent()
        siblings = parent if parent is not None else self.model_.invisibleRootItem()
        rows = [siblings.child(row) for row in range(siblings.rowCount())]
        order = rows[item.row() + 1 :] + rows[: item.row()][::-1] + ([parent] if parent is not None else [])
        return [str(row.data(ID_ROLE)) for row in order if row.data(ID_ROLE)]

    @staticmethod
    def _key(index: QModelIndex) -> str:
        """What a top-level row is remembered by: its id, or its kind for the rows that have none."""
        return str(index.data(ID_ROLE) or index.data(KIND_ROLE))

    def _collapsed_keys(self) -> set[str]:
        """The top-level rows with children that are folded now."""
        keys = set()
        for row in range(self.model_.rowCount()):
            index = self.model_.index(row, 0)
            if self.model_.hasChildren(index) and not self.isExpanded(index):
                keys.add(self._key(index))
        return keys

    def _label_recommendation(self, item: QStandardItem, number: int, rec: Recommendation) -> None:
        """Number, icon (decided or not) and tooltip of a recommendation's row."""
        item.setText(recommendation_label(number, rec))
        item.setToolTip(wrapped_tooltip(recommendation_tooltip(number, rec)))
        decided = bool(rec.annotation.decision)
        item.setIcon(self._icons["recommendation-decided" if decided else "recommendation-open"])

    def _item(self, text: str, item_id: str, kind: str, drag: bool = True) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(item_id, ID_ROLE)
        item.setData(kind, KIND_ROLE)
        item.setToolTip(text)
        item.setDragEnabled(drag)
        item.setDropEnabled(kind in ("section", "note-part"))
        if kind in self._icons:
            item.setIcon(self._icons[kind])
        if item_id:
            self._items[item_id] = item
        return item

    # --- the parts of the note -------------------------------------------------------------------------

    def note_settings(self) -> TemplateSettings | None:
        """The settings of the template the briefing's purpose exports with by default (a briefing note
        for information, a decision memo for decision); None if it cannot be read."""
        purpose = self.doc.briefing.meta.purpose
        if purpose not in self._note_settings:
            try:
                self._note_settings[purpose] = resolve_template("", purpose).settings
            except BriefingError:
                self._note_settings[purpose] = None
        return self._note_settings[purpose]

    def note_parts(self) -> list[tuple[str, str, list[Section]]]:
        """The parts of the note a section can be placed in: heading, the placement it takes, and the
        article sections printed there now. A part that only prints the source line is left out."""
        settings = self.note_settings()
        if settings is None:
            return []
        out = []
        for part in arrangement.arrange(self.doc.briefing, settings):
            takes = next((p for p in part.note.takes if p and p in PLACEMENTS), "")
            if takes:
                out.append((part.note.heading, takes, part.sections))
        return out

    def _add_note_parts(self, root: QStandardItem, briefing: Briefing) -> None:
        settings = self.note_settings()
        parts = self.note_parts()
        if settings is None or not parts or not briefing.sections:
            return
        group = self._item(f"In the Note: {settings.label}", "", "note", drag=False)
        group.setToolTip(
            wrapped_tooltip(
                "The parts of the note, in order. Drop a section on one to print it there, or use the "
                "section's Place in the Note menu."
            )
        )
        for heading, takes, sections in parts:
            names = [section_label(s.heading) for s in sections]
            count = f" ({len(sections)})" if sections else ""
            item = self._item(f"{heading}{count}", "", "note-part", drag=False)
            item.setData(takes, PLACEMENT_ROLE)
            item.setToolTip(
                wrapped_tooltip(f"{heading}: " + ("; ".join(names) if names else "no article section"))
            )
            group.appendRow(item)
        root.appendRow(group)

    def _section_text(self, section: Section) -> str:
        """A section's label, with the part of the note the analyst placed it in (the template's choice
        is not shown: it is the default)."""
        label = section_label(section.heading)
        if not section.placement:
            return label
        settings = self.note_settings()
        parts = settings.note_sections() if settings is not None else []
        where = next((p.heading for p in parts if section.placement in p.takes), "")
        return f"[{where or section.placement}] {label}"  # first: a long heading is cut at the end

    def place_section(self, section_id: str, placement: str) -> None:
        """Print a section in another part of the note (an undo step); "" gives it back to the template."""
        section = self.doc.briefing.find_section(section_id)
        if section is None or section.placement == placement:
            return
        self.doc.edit(
            "Place section in the note", lambda b: operations.set_placement(b, section_id, placement)
        )

    def _place_menu(self, section: Section) -> QMenu | None:
        parts = self.note_parts()
        if not parts:
            return None
        menu = QMenu("&Place in the Note", self)
        menu.setObjectName("outlinePlaceMenu")
        settings = self.note_settings()
        current = arrangement.placement(self.doc.briefing, section, settings) if settings is not None else ""
        for heading, takes, _ in parts:
            entry = QAction(heading, menu)
            entry.setCheckable(True)
            entry.setChecked(takes == current)
            entry.triggered.connect(
                lambda _checked=False, t=takes, sid=section.id: self.place_section(sid, t)
            )
            menu.addAction(entry)
        menu.addSeparator()
        default = QAction("Where the &Template Puts It", menu)
        default.setEnabled(bool(section.placement))
        default.triggered.connect(lambda _checked=False, sid=section.id: self.place_section(sid, ""))
        menu.addAction(default)
        return menu

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        rebuild = [
            e
            for e in events
            if e.structural
            or (e.what == "recommendations" and e.action in ("inserted", "removed", "moved"))
            or (e.what == "section" and e.ref.field == "placement")  # the note's parts are recounted
            or (e.what == "meta" and e.id == "meta.purpose")  # another purpose, another kind of note
        ]
        if rebuild:
            # Follow what was inserted or moved last (a new block, an undone delete); else keep the row.
            followed = [
                e.id for e in rebuild if e.action in ("inserted", "moved") and e.what != "recommendations"
            ]
            self.rebuild(followed[-1] if followed else None)
            return
        for event in events:
            item = self._items.get(event.id)
            if item is None:
                continue
            if event.what == "section":
                section = self.doc.briefing.find_section(event.id)
                item.setText(self._section_text(section) if section else "")
            elif event.what == "recommendation":
                recs = self.doc.briefing.recommendations
                number = next((n for n, r in enumerate(recs, 1) if r.id == event.id), 0)
                if number:
                    self._label_recommendation(item, number, recs[number - 1])
            elif event.what == "block":
                block = self.doc.briefing.find_block(event.id)
                if block is not None:
                    item.setText(block_label(block))

    # --- selection -------------------------------------------------------------------------------------

    def current_id(self) -> str | None:
        """The id of the selected row (None for "Briefing details")."""
        index = self.currentIndex()
        return index.data(ID_ROLE) or None if index.isValid() else None

    def current_kind(self) -> str | None:
        """The kind of the selected row."""
        index = self.currentIndex()
        return index.data(KIND_ROLE) if index.isValid() else None

    def select_id(self, item_id: str) -> None:
        """Select the row of a section, block or recommendation."""
        item = self._items.get(item_id)
        if item is not None:
            self.setCurrentIndex(item.index())
            self.scrollTo(item.index())

    def select_details(self) -> None:
        """Select the "Briefing details" row."""
        self.setCurrentIndex(self.model_.index(0, 0))

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            working_here = self.hasFocus()
            self.itemActivated.emit(current.data(KIND_ROLE), current.data(ID_ROLE) or "")
            if working_here:
                # The document shows the row; the keyboard stays here (arrows, Alt+Up/Down, F2, Delete).
                self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- moving ----------------------------------------------------------------------------------------

    def move_current(self, step: int) -> bool:
        """Move the selected section or block up or down by one place; returns whether it moved."""
        move = self._move_plan(step)
        if move is None:
            return False
        move()
        return True

    def can_move(self, step: int) -> bool:
        """Whether the selected row can move up (``-1``) or down (``1``)."""
        return self._move_plan(step) is not None

    def _move_plan(self, step: int) -> Callable[[], None] | None:
        """The edit that moves the selected section or block by one place, or ``None`` at an end (a
        block past the end of its section goes into the neighbouring section)."""
        kind, item_id = self.current_kind(), self.current_id()
        briefing = self.doc.briefing
        if kind == "section":
            index = next((i for i, s in enumerate(briefing.sections) if s.id == item_id), None)
            if index is None or not 0 <= index + step < len(briefing.sections):
                return None
            source, target = index, index + step
            return lambda: self._edit("Move section", lambda b: operations.move_section(b, source, target))
        if kind in BLOCK_KINDS and item_id:
            block_id = item_id
            for s_index, section in enumerate(briefing.sections):
                ids = [block.id for block in section.blocks]
                if block_id not in ids:
                    continue
                target = ids.index(block_id) + step
                if 0 <= target < len(ids):
                    section_id = section.id
                    return lambda: self._move_block(block_id, section_id, target)
                neighbour = s_index + step
                if 0 <= neighbour < len(briefing.sections):
                    other = briefing.sections[neighbour]
                    other_id, place = other.id, len(other.blocks) if step < 0 else 0
                    return lambda: self._move_block(block_id, other_id, place)
                return None
        return None

    def _edit(self, label: str, make: Callable[[Briefing], object]) -> None:
        self.doc.edit(label, make)

    def _move_block(self, block_id: str, section_id: str, index: int) -> None:
        self.doc.edit("Move block", lambda b: operations.move_block(b, block_id, section_id, index))

    # --- the right-click menu ----------------------------------------------------------------------

    def commands(self) -> tuple[dict[str, QAction], list[QAction]]:
        """The actions the window gave the outline, by what they do (see :data:`COMMANDS`), and any
        others it gave."""
        known: dict[str, QAction] = {}
        others: list[QAction] = []
        for action in self.actions():
            owner = action.parent()
            role = next((r for r, name in COMMANDS.items() if getattr(owner, name, None) is action), None)
            if role is None:
                others.append(action)
            else:
                known[role] = action
        return known, others

    def context_menu(self, where: QPoint | QModelIndex | None = None) -> QMenu:
        """The right-click menu of a row: ``where`` is the row's index or a point in the viewport (that
        row becomes the selected one, as a right-click makes it; the entries act on the selection),
        else the selected row. It offers what applies to the row: on a section, Insert ▸ (a section
        after it; a paragraph, list or table at its end), Rename (not the lede, which has no heading),
        Move Up/Down, Delete, Comment; on a paragraph, list or table, Insert ▸ (after it), Move
        Up/Down, Delete, Comment; then, on every row, Expand All and Collapse All. Each entry triggers
        one of the window's actions (an undo step of the editing core); the caller owns the menu."""
        if isinstance(where, QPoint):
            where = self.indexAt(where)
        if isinstance(where, QModelIndex) and where.isValid() and where != self.currentIndex():
            self.setCurrentIndex(where)
        kind, item_id = self.current_kind(), self.current_id()
        known, others = self.commands()
        menu = QMenu(self)
        menu.setObjectName("outlineMenu")

        def offer(to: QMenu, role: str, label: str, enabled: bool = True) -> None:
            action = known.get(role)
            if action is None:
                return
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            # A menu entry of its own (the window's action keeps its name in the menu bar), showing the
            # action's key without binding it a second time.
            entry = QAction(f"{label}\t{keys}" if keys else label, to)
            entry.setStatusTip(action.statusTip())
            entry.setEnabled(enabled and action.isEnabled())
            entry.triggered.connect(lambda _checked=False, a=action: a.trigger())
            to.addAction(entry)

        def offer_inserts(section_after: str, blocks: str) -> None:
            insert = QMenu("&Insert", menu)
            insert.setObjectName("outlineInsertMenu")
            offer(insert, "insert-section", f"&Section After {section_after}")
            insert.addSeparator()
            offer(insert, "insert-paragraph", f"&Paragraph {blocks}")
            offer(insert, "insert-list", f"&List {blocks}")
            offer(insert, "insert-table", f"&Table {blocks}")
            if any(not a.isSeparator() for a in insert.actions()):
                menu.addMenu(insert)
                menu.addSeparator()

        section = self.doc.briefing.find_section(item_id) if kind == "section" and item_id else None
        block = self.doc.briefing.find_block(item_id) if kind in BLOCK_KINDS and item_id else None
        name = ""
        if section is not None:
            offer_inserts("This", "at the End of This Section")
            if section.heading:
                offer(menu, "rename", "&Rename Section")
            place = self._place_menu(section)
            if place is not None:
                menu.addMenu(place)
            name = "Section"
        elif block is not None:
            offer_inserts("This Section", "After This")
            name = kind_of(block).label.capitalize()
        if name:
            offer(menu, "move-up", "Move &Up", self.can_move(-1))
            offer(menu, "move-down", "Move Do&wn", self.can_move(1))
            offer(menu, "delete", f"&Delete {name}")
            menu.addSeparator()
            offer(menu, "comment", "&Comment…")
        for action in others:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.expand_all_action)
        menu.addAction(self.collapse_all_action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        """Select the row under the mouse (the menu's actions work on the selection), then show the menu;
        from the keyboard (the Menu key, Shift+F10) the menu opens at the selected row."""
        where: QPoint | None = None
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            where = event.pos()  # the event comes through the viewport, in its coordinates
            position = event.globalPos()
        self.setFocus()  # the window's actions then take the outline's row, not the document's cursor
        menu = self.context_menu(where)
        if where is None:
            rect = self.visualRect(self.currentIndex())
            position = self.viewport().mapToGlobal(rect.center() if rect.isValid() else rect.topLeft())
        # Not exec(): its event loop would run inside this handler, and whatever it delivers can replace
        # the document, and with it this outline and the menu (a briefing that finished loading while the
        # menu was open did, after the start's recovery question), deleting both under the handler. The
        # popup returns at once; closing the menu deletes it, and so does deleting the outline.
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(position)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Turn a drop into a move command; the tree itself is rebuilt from the model afterwards."""
        # QByteArray supports the buffer protocol, but its stub declares neither it nor __bytes__.
        payload = bytes(event.mimeData().data(_MIME)).decode()  # type: ignore[call-overload]
        kind, _, item_id = payload.partition(":")
        target = self.indexAt(event.position().toPoint())
        position = self.dropIndicatorPosition()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if not item_id or not target.isValid():
            return
        self._drop(kind, item_id, target, position)

    def _drop(
        self, kind: str, item_id: str, target: QModelIndex, position: QAbstractItemView.DropIndicatorPosition
    ) -> None:
        briefing = self.doc.briefing
        target_kind, target_id = target.data(KIND_ROLE), target.data(ID_ROLE)
        if target_kind == "note-part":  # a section dropped on a part of the note is printed there
            if kind == "section":
                self.place_section(item_id, str(target.data(PLACEMENT_ROLE)))
            return
        below = position == QAbstractItemView.DropIndicatorPosition.BelowItem
        if kind == "section":
            if target_kind != "section":
                target_id = target.parent().data(ID_ROLE) if target.parent().isValid() else None
            ids = [s.id for s in briefing.sections]
            if target_id not in ids or target_id == item_id:
                return
            source = ids.index(item_id)
            dest = ids.index(target_id) + (1 if below else 0)
            if dest > source:
                dest -= 1
            if dest != source:
                self.doc.edit("Move section", lambda b: operations.move_section(b, source, dest))
            return
        if kind not in BLOCK_KINDS:
            return
        if target_kind == "section":
            section = briefing.find_section(target_id)
            dest_section, dest = target_id, len(section.blocks) if section else 0
            if position == QAbstractItemView.DropIndicatorPosition.AboveItem:
                # Dropped above a section heading: the end of the previous section.
                ids = [s.id for s in briefing.sections]
                previous = ids.index(target_id) - 1
                if previous < 0:
                    return
                dest_section = ids[previous]
                dest = len(briefing.sections[previous].blocks)
        elif target_kind in BLOCK_KINDS:
            dest_section = target.parent().data(ID_ROLE)
            section = briefing.find_section(dest_section)
            if section is None:
                return
            ids = [block.id for block in section.blocks]
            dest = ids.index(target_id) + (1 if below else 0)
            if item_id in ids and ids.index(item_id) < dest:
                dest -= 1
        else:
            return
        self.doc.edit("Move block", lambda b: operations.move_block(b, item_id, dest_section, dest))

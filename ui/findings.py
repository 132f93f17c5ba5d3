"""The findings dock: what the checks found, grouped by what it is about, with fixes shown before they run.

Findings are listed under plain names ("Broken tables", "Chatbot leftovers"; see
:mod:`briefing.checks.groups`), each message wrapped and followed by its place in words with its section.
Selecting a finding previews its fix on a copy (cells apart, "Will remove …"); Fix All Like This lists
every change it will make and asks first; Fix All Safe Problems applies every safe fix as one undo step.

Checks run off the UI thread on a snapshot, a moment after the last edit; results that arrive after a
newer edit are dropped (the newer run follows). A fix is applied to the live briefing through an undo
command, after the checks ran again on it, so a fix never acts on stale positions.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.checks import SEVERITIES, Finding, run_checks
from briefing.checks.groups import GROUPS, OTHER, Group, group_of, grouped, rule_summary, worst
from briefing.checks.preview import (
    BlockChange,
    FixPreview,
    PlannedChange,
    Segment,
    Where,
    capitalised,
    plan_fixes,
    preview_fix,
    visible,
)
from briefing.editing import ChangeEvent, operations
from briefing.kinds import texts
from briefing.model import Table
from briefing.safekeeping import snapshot

from .commands import each_fix
from .document import BriefingDocument, structural
from .wording import counted
from .workers import run_in_pool

_FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
#: The group's name, on a group's row and on its "… and N more" row.
_GROUP_ROLE = Qt.ItemDataRole.UserRole + 11
#: Set on a group's "… and N more" row.
_MORE_ROLE = Qt.ItemDataRole.UserRole + 12
_SEVERITY_NAMES = {"error": "Error", "warning": "Warning", "info": "Note"}
_SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#35618f"}
#: The list shows at most this many findings of one group until asked for the rest (the counts include
#: them all, and Fix All fixes them all).
MAX_SHOWN_PER_GROUP = 100
#: Above this many characters and cells, checks wait for a longer pause in typing.
BIG_BRIEFING = 200_000
_GROUPS_BY_NAME = {group.name: group for group in (*GROUPS, OTHER)}


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the width the tree really gives it.

    Qt's own estimate measures a row at the column's width, ignoring the indentation and the icon, so
    a wrapped message came out a line short and was cut with "…".
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = self.view.indentation() * (depth + (1 if self.view.rootIsDecorated() else 0))
        width = max(self.view.viewport().width() - indent, 80)
        opt.rect = QRect(0, 0, width, 1_000_000)
        bounds = QRect(0, 0, text_width(self.view, opt), 1_000_000)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        bounds = opt.fontMetrics.boundingRect(bounds, flags, opt.text)
        return QSize(width, max(bounds.height(), opt.decorationSize.height()) + 6)


def text_width(view: QWidget, option: QStyleOptionViewItem) -> int:
    """The width the style lays a row's text out in, within ``option.rect`` (icon and margins off)."""
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1
    return max(rect.width() - 2 * margin - 2, 40)


class FindingsView(QTreeView):
    """The findings tree: messages wrap to the dock's width (never cut with "…") and re-wrap when the
    dock is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(WrappingDelegate(self))
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # row heights follow the new width
            # Rows grow as the dock narrows: keep the selected one in sight once they are laid out.
            QTimer.singleShot(0, self, self._keep_current_in_sight)

    def _keep_current_in_sight(self) -> None:
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())


class FixAllDialog(QDialog):
    """Says how many places a Fix All will change and lists each in words, before anything changes.
    Enter applies, Escape cancels."""

    def __init__(self, title: str, plan: list[PlannedChange], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fixAllDialog")
        self.setWindowTitle("Fix All Like This")
        self.plan = plan
        count = len(plan)
        places = "place" if count == 1 else "places"
        judged = sum(1 for change in plan if not change.safe)
        review = (
            f"<p><b>{judged} of them need your judgement</b>: read them before you go on.</p>"
            if judged
            else ""
        )
        self.summary = QLabel(
            f"<p><b>This will change {count} {places}</b> ({escape(title)}).</p>{review}"
            "<p>Each change is listed below. Undo takes them all back in one step.</p>"
        )
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("plannedChanges")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        for number, change in enumerate(plan, 1):
            judgement = "" if change.safe else " (needs your judgement)"
            self.list.addItem(f"{number}. {change.place}{judgement}\n{change.summary}")
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            f"Change {count} {places.title()}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 460)


class FindingsPanel(QWidget):
    """Findings grouped by what they are about; Fix, Fix All Like This, Ignore; a before/after preview."""

    #: A finding was chosen: show its target.
    findingActivated = Signal(object)
    #: New counts by severity (open findings, ignored ones left out).
    countsChanged = Signal(dict)
    #: A check run finished and the list shows its results.
    updated = Signal()

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.findings: list[Finding] = []
        self.revision = 0
        self.shown_revision = -1
        #: While the list is refilled after a check run: selecting a row then is not the user's doing,
        #: so it must not move any editor's cursor.
        self._rebuilding = False
        self._known_size: int | None = None
        #: Groups whose every finding is listed (the user asked for the rest).
        self._expanded: set[str] = set()
        #: The last Fix All confirmation and right-click menu shown (tests and screenshots reach them).
        self.confirm_dialog: FixAllDialog | None = None
        self.context_menu: QMenu | None = None
        #: The last thing said in the status bar.
        self.last_message = ""
        self.timer = QTimer(self, singleShot=True, interval=250)
        self.timer.timeout.connect(self.run_checks)

        self.model = QStandardItemModel(self)
        self.view = FindingsView()
        self.view.setObjectName("findingsView")
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.activated.connect(self._activated)
        self.preview = QTextBrowser()
        self.preview.setObjectName("fixPreview")
        self.fix_button = QToolButton()
        self.fix_button.setText("Fix")
        self.fix_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.fix_button.clicked.connect(lambda: self.fix_current())
        self.fix_menu = QMenu(self)
        self.fix_button.setMenu(self.fix_menu)
        self.fix_all_button = QPushButton("Fix All Like This")
        self.fix_all_button.clicked.connect(self.fix_all_like_current)
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.clicked.connect(self.toggle_ignore)
        for button in (self.fix_all_button, self.ignore_button):
            button.setMinimumWidth(0)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.show_ignored = QCheckBox("Show ignored")
        self.show_ignored.toggled.connect(lambda _on: self._rebuild())
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.fix_button, self.fix_all_button, self.ignore_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        # The list, with "Show ignored" under it: beside the buttons it made the dock too wide to narrow.
        listing = QWidget()
        under = QVBoxLayout(listing)
        under.setContentsMargins(0, 0, 0, 0)
        under.setSpacing(2)
        under.addWidget(self.view, 1)
        under.addWidget(self.show_ignored, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(self.preview)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(splitter)
        doc.changed.connect(self._on_changed)
        self._update_buttons()
        self.timer.start(0)

    # --- running the checks ----------------------------------------------------------------------------

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if all(event.what == "ignored" for event in events):
            self._rebuild()
            return
        self.revision += 1
        if structural(events):
            self._known_size = None
        # A big briefing takes a while to check, and the check competes with typing for Python's lock:
        # wait for a real pause.
        self.timer.start(1500 if self._size() > BIG_BRIEFING else 250)

    def _size(self) -> int:
        """A cheap measure of the briefing's size: characters of paragraphs plus table cells (measured
        again when blocks come or go; typing hardly changes it)."""
        if self._known_size is None:
            self._known_size = self._measure()
        return self._known_size

    def _measure(self) -> int:
        size = 0
        for _, block in self.doc.briefing.blocks():
            if isinstance(block, Table):
                size += len(block.rows) * max(len(block.header), 1) * 8
            else:
                size += sum(len(text) for _, text in texts(block)) or 100
            if size > BIG_BRIEFING:
                break
        return size

    @Slot()
    def run_checks(self) -> None:
        """Check a snapshot of the briefing in the thread pool."""
        revision, briefing, source = self.revision, self.doc.briefing, self.doc.source_text

        def work() -> tuple[int, list[Finding]]:
            # The copy is taken here, off the UI thread. An edit made while it is taken bumps the
            # revision, so a torn copy's results (or an error from a list changing under it) are dropped.
            return revision, run_checks(snapshot(briefing), source)

        run_in_pool(work, self, lambda result: self._checked(*result), self._check_failed, "Checking")
        self._running_revision = revision

    @Slot(str)
    def _check_failed(self, message: str) -> None:
        """A run failed. If the briefing changed under it, the next run follows; otherwise say so."""
        if getattr(self, "_running_revision", None) == self.revision:
            self.preview.setHtml(f"<p><b>The checks could not run.</b></p><p>{escape(message)}</p>")

    def run_checks_now(self) -> list[Finding]:
        """Check the live briefing on this thread (before a fix, so positions are current)."""
        self.findings = run_checks(self.doc.briefing, self.doc.source_text)
        self.shown_revision = self.revision
        self._rebuild()
        return self.findings

    @Slot(int, object)
    def _checked(self, revision: int, findings: list[Finding]) -> None:
        if revision != self.revision:
            return  # an edit came in meanwhile; its own run follows
        self.findings = findings
        self.shown_revision = revision
        self._rebuild()
        self.updated.emit()

    # --- showing ---------------------------------------------------------------------------------------

    def visible_findings(self) -> list[Finding]:
        """The findings the list shows (ignored ones only when asked for)."""
        ignored = set(self.doc.briefing.ignored)
        return [f for f in self.findings if self.show_ignored.isChecked() or f.key not in ignored]

    def counts(self) -> dict[str, int]:
        """Open findings by severity."""
        ignored = set(self.doc.briefing.ignored)
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            if finding.key not in ignored:
                counts[finding.severity] += 1
        return counts

    def groups(self) -> list[tuple[Group, list[Finding]]]:
        """The listed findings by group, in the list's order."""
        return grouped(self.visible_findings())

    def _rebuild(self) -> None:
        """Refill the tree without flicker, keeping the selected finding (or group) selected."""
        current = self.current()
        current_key = current.key if current else None
        current_group = None if current else self.current_group()
        ignored = set(self.doc.briefing.ignored)
        where = Where(self.doc.briefing)
        self.view.setUpdatesEnabled(False)
        self._rebuilding = True
        try:
            self.model.clear()
            root = self.model.invisibleRootItem()
            select: QModelIndex | None = None
            for group, members in self.groups():
                group_item = _label_item(f"{group.name} ({len(members)})", bold=True)
                group_item.setForeground(QBrush(QColor(_SEVERITY_COLOURS[worst(members)])))
                group_item.setData(group.name, _GROUP_ROLE)
                group_item.setToolTip(_group_tooltip(group, members))
                root.appendRow(group_item)
                if group.name == current_group:
                    select = group_item.index()
                limit = len(members) if group.name in self._expanded else MAX_SHOWN_PER_GROUP
                for finding in members[:limit]:
                    place = capitalised(where(finding.target))
                    item = _label_item(f"{finding.message}\n{place}")
                    item.setData(finding, _FINDING_ROLE)
                    item.setIcon(_severity_icon(finding.severity))
                    item.setToolTip(_finding_tooltip(finding, place, group))
                    if finding.key in ignored:
                        font = item.font()
                        font.setItalic(True)
                        item.setFont(font)
                        item.setForeground(QBrush(QColor("#888888")))
                    group_item.appendRow(item)
                    if finding.key == current_key:
                        select = item.index()
                if len(members) > limit:
                    more = _label_item(f"… and {len(members) - limit} more: select to list them all")
                    more.setForeground(QBrush(QColor("#666666")))
                    more.setData(group.name, _GROUP_ROLE)
                    more.setData(True, _MORE_ROLE)
                    group_item.appendRow(more)
            self.view.expandAll()
            if select is not None:
                self.view.setCurrentIndex(select)
        finally:
            self._rebuilding = False
            self.view.setUpdatesEnabled(True)
        self._update_buttons()
        if not self.view.currentIndex().isValid():
            self.show_overview()
        self.countsChanged.emit(self.counts())

    def current(self) -> Finding | None:
        """The selected finding (``None`` when a group or nothing is selected)."""
        index = self.view.currentIndex()
        return index.data(_FINDING_ROLE) if index.isValid() else None

    def current_group(self) -> str | None:
        """The name of the selected group (its own row or its "more" row), or ``None``."""
        index = self.view.currentIndex()
        if not index.isValid() or index.data(_FINDING_ROLE) is not None:
            return None
        return index.data(_GROUP_ROLE)

    def select_rule(self, rule: str) -> Finding | None:
        """Select the first finding of a rule (for tests and keyboard users)."""
        for index in self._rows():
            finding = index.data(_FINDING_ROLE)
            if finding is not None and finding.rule == rule:
                self.view.setCurrentIndex(index)
                return finding
        return None

    def select_group(self, name: str) -> bool:
        """Select a group's row by its name."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(_GROUP_ROLE) == name:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _rows(self) -> list[QModelIndex]:
        """Every row of the tree in display order: each group, then its findings."""
        rows = []
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            rows.append(group)
            rows += [self.model.index(r, 0, group) for r in range(self.model.rowCount(group))]
        return rows

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        finding = current.data(_FINDING_ROLE) if current.isValid() else None
        if finding is not None:
            if not self._rebuilding:  # only the user's choice of a finding selects its place
                self.findingActivated.emit(finding)
            self.show_preview(finding)
        elif current.isValid() and current.data(_GROUP_ROLE):
            self.show_group(current.data(_GROUP_ROLE))
            if current.data(_MORE_ROLE) and not self._rebuilding:
                name = current.data(_GROUP_ROLE)
                QTimer.singleShot(0, self, lambda: self.show_all(name))  # not while the selection changes
        else:
            self.show_overview()

    def show_overview(self) -> None:
        """With nothing selected: the groups and their counts, and how to go through them."""
        groups = self.groups()
        if self.shown_revision < 0:
            self.preview.setHtml("<p>Checking…</p>")
            return
        if not groups:
            self.preview.setHtml("<p>No findings: nothing the checks look for is in this briefing.</p>")
            return
        items = "".join(f"<li>{escape(group.name)}: {len(members)}</li>" for group, members in groups)
        safe = sum(
            1 for f in self.visible_findings() if f.safe_fix and f.key not in self.doc.briefing.ignored
        )
        parts = [f"<p><b>{counted(sum(len(m) for _, m in groups), 'finding')}</b></p><ul>{items}</ul>"]
        parts.append(
            "<p>Select a finding to see what its fix will change. <b>F8</b> goes to the next finding, "
            "<b>Shift+F8</b> to the previous one.</p>"
        )
        if safe:
            parts.append(
                f"<p>{counted(safe, 'finding')} can be fixed safely: <i>Review ▸ Fix All Safe Problems</i> "
                "(Ctrl+Alt+F) fixes them in one step.</p>"
            )
        self.preview.setHtml("".join(parts))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.data(_MORE_ROLE):
            self.show_all(index.data(_GROUP_ROLE))

    def show_all(self, name: str) -> None:
        """List every finding of a group, not only the first ones; the first newly listed is selected."""
        if name in self._expanded:
            return
        self._expanded.add(name)
        self._rebuild()
        members = next((m for g, m in self.groups() if g.name == name), [])
        if len(members) > MAX_SHOWN_PER_GROUP:
            self._select(members[MAX_SHOWN_PER_GROUP])

    def _select(self, finding: Finding) -> None:
        for index in self._rows():
            shown = index.data(_FINDING_ROLE)
            if shown is not None and shown.key == finding.key:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    def _members(self, name: str) -> list[Finding]:
        return next((members for group, members in self.groups() if group.name == name), [])

    def _update_buttons(self) -> None:
        finding = self.current()
        group = self.current_group()
        self.fix_menu.clear()
        has_fix = finding is not None and bool(finding.fixes)
        self.fix_button.setEnabled(has_fix)
        scope = self._fix_all_scope()
        self.fix_all_button.setEnabled(bool(scope[0]))
        fixable = self._fixable_count(scope[0])
        if finding is not None:
            self.fix_all_button.setToolTip(
                f"Fix the {fixable} findings like this one ({rule_summary(finding.rule)}); "
                "you see the list of changes first"
                if fixable > 1
                else "Fix this finding (the only one like it)"
            )
        elif group is not None:
            self.fix_all_button.setToolTip(f"Fix the {fixable} findings of “{group}” that have a fix")
        self.ignore_button.setEnabled(finding is not None)
        if finding is not None:
            self.ignore_button.setText("Show Again" if finding.key in self.doc.briefing.ignored else "Ignore")
            for index, fix in enumerate(finding.fixes):
                action = self.fix_menu.addAction(f"{fix.label}{'' if fix.safe else ' (review)'}")
                action.triggered.connect(lambda _checked=False, i=index: self.fix_current(i))

    def _fix_all_scope(self) -> tuple[list[str], str]:
        """The rules Fix All Like This works on now, and their name in words: the selected finding's
        rule, or the rules of the selected group that have a fixable finding."""
        finding = self.current()
        if finding is not None:
            if not finding.fixes:
                return [], ""
            return [finding.rule], rule_summary(finding.rule) or group_of(finding.rule).name
        name = self.current_group()
        if name is None:
            return [], ""
        rules = list(dict.fromkeys(f.rule for f in self._members(name) if f.fixes))
        return rules, name.lower()

    def _fixable_count(self, rules: list[str]) -> int:
        ignored = set(self.doc.briefing.ignored)
        wanted = set(rules)
        return sum(1 for f in self.findings if f.rule in wanted and f.fixes and f.key not in ignored)

    def show_group(self, name: str) -> None:
        """What a group is about, its kinds of finding with their counts, and what Fix All will do."""
        group = _GROUPS_BY_NAME.get(name, OTHER)
        members = self._members(name)
        parts = [f"<p><b>{escape(group.name)}</b> — {counted(len(members), 'finding')}</p>"]
        parts.append(f"<p>{escape(group.about)}</p><ul>")
        for rule in dict.fromkeys(f.rule for f in members):
            count = sum(1 for f in members if f.rule == rule)
            parts.append(
                f"<li>{escape(capitalised(rule_summary(rule) or rule))}: {count} "
                f"<span style='color:#777'>({escape(rule)})</span></li>"
            )
        parts.append("</ul>")
        fixable = self._fixable_count(self._fix_all_scope()[0]) if self.current_group() == name else 0
        if fixable:
            parts.append(
                f"<p><i>Fix All Like This</i> fixes the {counted(fixable, 'finding')} of this group that "
                "have a fix. It lists every change first; one Undo takes them all back.</p>"
            )
        else:
            parts.append("<p>None of these has an automatic fix: only a person can tell what is right.</p>")
        self.preview.setHtml("".join(parts))

    def show_preview(self, finding: Finding) -> None:
        """What the finding's first fix will do, worked out on a copy: the cells or words that go and
        come, in the future tense."""
        where = capitalised(Where(self.doc.briefing)(finding.target))
        head = f"<p>{escape(finding.message)}</p><p style='color:#555'>{escape(where)}</p>"
        if not finding.fixes:
            summary = rule_summary(finding.rule)
            self.preview.setHtml(
                head + f"<p>No fix is offered for {escape(summary or 'this')}: only a person can tell "
                "what is right. Ignore it if it is fine as it is.</p>"
            )
            return
        if self.shown_revision != self.revision:
            self.preview.setHtml(head)
            return
        try:
            preview = preview_fix(self.doc.briefing, finding, finding.fixes[0], self.doc.source_text)
        except Exception:  # noqa: BLE001 - a preview must never break the dock
            self.preview.setHtml(head)
            return
        self.preview.setHtml(preview_html(preview))  # the list above shows the message

    # --- acting ----------------------------------------------------------------------------------------

    def _live(self, finding: Finding) -> Finding | None:
        """The same finding in a fresh check of the live briefing (positions current), if still there."""
        if self.shown_revision == self.revision and self.timer.isActive() is False:
            return finding
        return next((f for f in self.run_checks_now() if f.key == finding.key), None)

    def fix_current(self, fix_index: int = 0) -> bool:
        """Apply a fix of the selected finding as one undoable step."""
        finding = self.current()
        return finding is not None and self.fix(finding, fix_index)

    def fix(self, finding: Finding, fix_index: int = 0) -> bool:
        """Apply one of a finding's fixes (the one the user chose here, or on the page's card or menu)
        as one undoable step; a finding the briefing no longer has is said so, not fixed."""
        if not finding.fixes:
            return False
        live = self._live(finding)
        if live is None or fix_index >= len(live.fixes):
            self._say("That finding has changed since it was shown; look at it again in Findings.")
            return False
        from briefing.checks import apply_fix

        fix = live.fixes[fix_index]
        command = self.doc.edit(f"Fix: {fix.label}", lambda b: apply_fix(b, live, fix))
        self._refresh_after_fix()
        return command.error is None

    def select_finding(self, key: str) -> Finding | None:
        """Select a finding by its key (its group's whole list is shown if it was past the first ones)."""
        for _attempt in range(2):
            for index in self._rows():
                finding = index.data(_FINDING_ROLE)
                if finding is not None and finding.key == key:
                    self.view.setCurrentIndex(index)
                    self.view.scrollTo(index)
                    return finding
            finding = next((f for f in self.findings if f.key == key), None)
            if finding is None:
                return None
            self.show_all(group_of(finding.rule).name)
        return None

    def ignore(self, finding: Finding) -> None:
        """Ignore a finding (from the page's card)."""
        key = finding.key
        if key not in self.doc.briefing.ignored:
            self.doc.edit("Ignore finding", lambda b: operations.ignore_finding(b, key, True))

    @Slot()
    def fix_all_like_current(self) -> int:
        """Fix every open finding like the selected one (of its rule, or of the selected group) — after
        saying how many places will change and listing them. Returns how many changes it will make.

        One change that is the one the preview shows is made at once; more wait for the confirmation
        (``confirm_dialog``: Enter applies, Escape cancels). The changes are one undo step.
        """
        rules, title = self._fix_all_scope()
        if not rules:
            return 0
        plan = plan_fixes(self.doc.briefing, rules, self.doc.source_text)
        if not plan:
            self._say("Nothing to fix: the problems are gone.")
            return 0
        finding = self.current()
        if (
            len(plan) == 1
            and finding is not None
            and finding.fixes
            and finding.safe_fix in (None, finding.fixes[0])
        ):
            return self._fix_all(rules, title, 1)  # exactly what the preview shows
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()  # the last one, kept until now for a look at it
        dialog = FixAllDialog(title, plan, self)
        dialog.accepted.connect(lambda: self._fix_all(rules, title, len(plan)))
        self.confirm_dialog = dialog
        dialog.open()
        dialog.apply_button.setFocus()
        return len(plan)

    def _fix_all(self, rules: list[str], title: str, planned: int) -> int:
        """Apply the safe fix (else the first) of every open finding of ``rules`` as one undo step."""
        from briefing.checks import apply_safe_fixes

        source = self.doc.source_text
        command = self.doc.edit(
            f"Fix All Like This ({counted(planned, 'place')})",
            each_fix(lambda b, collect: apply_safe_fixes(b, rules, source=source, on_applied=collect)),
        )
        count = len(command.transactions)
        self._refresh_after_fix()
        self._say(
            f"Fixed {counted(count, 'place')} ({title}). Undo takes {'it' if count == 1 else 'them'} back."
        )
        return count

    @Slot()
    def next_finding(self) -> Finding | None:
        """Review ▸ Next Finding (F8): select and show the finding after the selected one (the first
        after the last), passing over group rows."""
        return self._step(1)

    @Slot()
    def previous_finding(self) -> Finding | None:
        """Review ▸ Previous Finding (Shift+F8)."""
        return self._step(-1)

    def _step(self, direction: int) -> Finding | None:
        rows = self._rows()
        if not any(index.data(_FINDING_ROLE) is not None for index in rows):
            self._say("No findings.")
            return None
        current = self.view.currentIndex()
        position = next((i for i, index in enumerate(rows) if index == current), None)
        if position is None:
            position = -1 if direction > 0 else len(rows)
        for step in range(1, len(rows) + 1):
            index = rows[(position + direction * step) % len(rows)]
            if direction > 0 and index.data(_MORE_ROLE):  # the rest of a long group comes next
                name = index.data(_GROUP_ROLE)
                self.show_all(name)
                return self.current()
            finding = index.data(_FINDING_ROLE)
            if finding is not None:
                self.view.setCurrentIndex(index)  # shows it: findingActivated
                self.view.scrollTo(index)
                return finding
        return None

    @Slot()
    def fix_all_safe(self) -> int:
        """Review ▸ Fix All Safe Problems: every safe fix as one undo step; returns how many were applied.

        Safe fixes only remove markup, empty cells, exact copies or chatter (and keep what they remove
        in the corrections log); ignored findings are left alone.
        """
        from briefing.checks import apply_safe_fixes

        source = self.doc.source_text
        command = self.doc.edit(
            "Fix all safe problems",
            each_fix(lambda b, collect: apply_safe_fixes(b, None, source=source, on_applied=collect)),
        )
        count = len(command.transactions)
        self._refresh_after_fix()
        if count:
            left = sum(self.counts().values())
            self._say(
                f"Fixed {counted(count, 'safe problem')}; {counted(left, 'finding')} need a person. "
                "Undo takes the fixes back in one step."
            )
        else:
            self._say("No safe problems to fix.")
        return count

    def _refresh_after_fix(self) -> None:
        """Show the result of a fix at once on a normal briefing; a big one is re-checked in the worker."""
        if self._size() > BIG_BRIEFING:
            self.timer.start(0)
        else:
            self.run_checks_now()

    def _say(self, message: str) -> None:
        """A message in the window's status bar."""
        self.last_message = message
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10000)

    @Slot()
    def toggle_ignore(self) -> None:
        """Ignore the selected finding, or show an ignored one again."""
        finding = self.current()
        if finding is not None:
            key = finding.key
            ignore = key not in self.doc.briefing.ignored
            label = "Ignore finding" if ignore else "Show finding again"
            self.doc.edit(label, lambda b: operations.ignore_finding(b, key, ignore))

    @Slot()
    def copy_message(self) -> None:
        """Copy the selected finding's message and place (or the group's messages) to the clipboard."""
        finding = self.current()
        where = Where(self.doc.briefing)
        if finding is not None:
            found = [finding]
        else:
            found = self._members(self.current_group() or "")
        if found:
            text = "\n\n".join(f"{f.message}\n{capitalised(where(f.target))}" for f in found)
            QGuiApplication.clipboard().setText(text)
            self._say("Copied the message." if len(found) == 1 else f"Copied {len(found)} messages.")

    # --- the right-click menu --------------------------------------------------------------------------

    @Slot(QPoint)
    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and index != self.view.currentIndex():
            self.view.setCurrentIndex(index)
        menu = self.build_context_menu()
        self.context_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        """The right-click menu for the selected row: its fixes, Fix All Like This, Ignore, Copy."""
        menu = QMenu(self)
        menu.setObjectName("findingsMenu")
        menu.aboutToHide.connect(menu.deleteLater)
        finding = self.current()
        if finding is not None:
            for index, fix in enumerate(finding.fixes):
                text = f"{'Fix' if index == 0 else 'Instead'}: {fix.label}{'' if fix.safe else ' (review)'}"
                action = menu.addAction(text)
                action.triggered.connect(lambda _checked=False, i=index: self.fix_current(i))
                if index == 0:
                    menu.setDefaultAction(action)
            if not finding.fixes:
                menu.addAction("No automatic fix").setEnabled(False)
            menu.addSeparator()
        if finding is not None or self.current_group() is not None:
            fix_all = menu.addAction("Fix All Like This…")
            fix_all.setEnabled(self.fix_all_button.isEnabled())
            fix_all.triggered.connect(self.fix_all_like_current)
        if finding is not None:
            ignored = finding.key in self.doc.briefing.ignored
            menu.addAction("Show Again" if ignored else "Ignore").triggered.connect(self.toggle_ignore)
            menu.addSeparator()
            menu.addAction("Copy Message").triggered.connect(self.copy_message)
        elif self.current_group() is not None:
            menu.addSeparator()
            menu.addAction("Copy Messages").triggered.connect(self.copy_message)
        menu.addSeparator()
        menu.addAction("Fix All Safe Problems").triggered.connect(self.fix_all_safe)
        return menu


# --- rendering ----------------------------------------------------------------------------------------

_REMOVED = "background-color:#f8d7d3; color:#7a1c14; text-decoration:line-through"
_ADDED = "background-color:#d5ecd5; color:#1d5a1d"


def preview_html(preview: FixPreview) -> str:
    """A fix's preview as HTML: a table row's cells in a grid under the column names given once, the
    cells that go struck through and tinted; a paragraph's words that go and come marked."""
    review = "" if preview.safe else " <span style='color:#8a5a00'>(needs your judgement)</span>"
    parts = [f"<p><b>Fix: {escape(preview.label)}</b>{review}</p>", f"<p>{escape(preview.summary)}</p>"]
    for block in preview.blocks:
        removed = " — <b>will be removed</b>" if block.removed else ""
        parts.append(f"<p style='margin-top:8px'><i>{escape(capitalised(block.place))}</i>{removed}</p>")
        if block.rows:
            parts.append(_rows_html(block))
        for change in block.texts:
            label = f"{capitalised(change.label)}, " if change.label else ""
            after = "<i>(removed)</i>" if change.after is None else _segments_html(change.after)
            parts.append(
                f"<p><i>{escape(capitalised(label + 'before'))}:</i> {_segments_html(change.before)}</p>"
                f"<p><i>{escape(capitalised(label + 'after'))}:</i> {after}</p>"
            )
        if block.more:
            parts.append(f"<p style='color:#666'>… and {block.more} more in this place</p>")
    if preview.more_blocks:
        parts.append(f"<p style='color:#666'>… and {counted(preview.more_blocks, 'more place')}</p>")
    if not preview.changes:
        parts.append("<p>Nothing to change any more.</p>")
    return "".join(parts)


def _rows_html(block: BlockChange) -> str:
    """A block's rows, each on its own line with its cells set off by " │ " (so they wrap in a narrow
    dock and never run together), the column names given once above them."""
    lines = []
    if block.columns:
        lines.append(f"<i>Columns:</i> {_cells_html(block.columns, set(), '')}")
    for row in block.rows:
        if block.removed:
            lines.append(f"<i>{escape(row.label)}:</i> {_cells_html(row.before or [], set(), '')}")
            continue
        before = (
            "<i>(a new row)</i>" if row.before is None else _cells_html(row.before, row.removed, _REMOVED)
        )
        after = "<i>(removed)</i>" if row.after is None else _cells_html(row.after, row.added, _ADDED)
        lines.append(f"<i>{escape(row.label)} now:</i> {before}")
        lines.append(f"<i>{escape(row.label)} after the fix:</i> {after}")
    return "".join(f"<p style='margin:2px 0'>{line}</p>" for line in lines)


def _cells_html(cells: list[str], changed: set[int], style: str) -> str:
    """Cells set off by a thin bar; the changed ones tinted (an empty one shown as a tinted gap)."""
    out = []
    for index, text in enumerate(cells):
        shown = escape(text) if text.strip() else "<i>(empty)</i>"
        if index in changed:
            shown = f"<span style='{style}'>&nbsp;{shown}&nbsp;</span>"
        out.append(shown)
    return "<span style='color:#999'> │ </span>".join(out)


def _segments_html(segments: list[Segment]) -> str:
    out = []
    for kind, text in segments:
        if kind == "same":
            out.append(escape(text))
        else:
            out.append(
                f"<span style='{_REMOVED if kind == 'removed' else _ADDED}'>{escape(visible(text))}</span>"
            )
    return "".join(out)


def _finding_tooltip(finding: Finding, place: str, group: Group) -> str:
    """A finding's tooltip: severity and group, the message, the place in words, its fixes, the rule id."""
    fixes = "".join(
        f"<br>Fix: {escape(fix.label)}{'' if fix.safe else ' (needs your judgement)'}"
        for fix in finding.fixes
    )
    return (
        f"<qt><b>{_SEVERITY_NAMES[finding.severity]}</b> · {escape(group.name)}<br>{escape(finding.message)}"
        f"<br><i>{escape(place)}</i>{fixes}"
        f"<br><span style='color:#777'>Rule {escape(finding.rule)}: "
        f"{escape(rule_summary(finding.rule))}</span></qt>"
    )


def _group_tooltip(group: Group, members: list[Finding]) -> str:
    rules = ", ".join(dict.fromkeys(f.rule for f in members))
    return (
        f"<qt><b>{escape(group.name)}</b>: {counted(len(members), 'finding')}<br>{escape(group.about)}"
        f"<br><span style='color:#777'>Rules: {escape(rules)}</span></qt>"
    )


_ICONS: dict[str, QIcon] = {}


def _severity_icon(severity: str) -> QIcon:
    """A dot in the severity's colour."""
    icon = _ICONS.get(severity)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(_SEVERITY_COLOURS[severity]))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _ICONS[severity] = QIcon(pixmap)
    return icon


def _label_item(text: str, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item

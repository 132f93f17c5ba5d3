"""The findings dock: what the checks found, grouped by severity and rule, with one-click fixes.

Checks run off the UI thread on a snapshot, a moment after the last edit; results that arrive after a
newer edit are dropped (the newer run follows). A fix is applied to the live briefing through an undo
command, after the checks ran again on it, so a fix never acts on stale positions.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.checks import RULES, SEVERITIES, Finding, run_checks
from briefing.editing import ChangeEvent, operations
from briefing.kinds import texts
from briefing.model import Table
from briefing.places import Places
from briefing.safekeeping import snapshot

from .commands import each_fix
from .document import BriefingDocument, structural
from .preview import render_block
from .workers import run_in_pool

_FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
_SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
_SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#35618f"}
#: The list shows at most this many findings of one rule (the counts include them all).
MAX_SHOWN_PER_RULE = 50
#: Above this many characters and cells, checks wait for a longer pause in typing.
BIG_BRIEFING = 200_000


class FindingsPanel(QWidget):
    """Findings grouped by severity and rule; Fix, Fix all like this, Ignore; a before/after preview."""

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
        self.timer = QTimer(self, singleShot=True, interval=250)
        self.timer.timeout.connect(self.run_checks)

        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setObjectName("findingsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.preview = QTextBrowser()
        self.preview.setObjectName("fixPreview")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setSizes([300, 160])

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
        self.show_ignored = QCheckBox("Show ignored")
        self.show_ignored.toggled.connect(lambda _on: self._rebuild())
        buttons = QHBoxLayout()
        for widget in (self.fix_button, self.fix_all_button, self.ignore_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_ignored)
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
            self.preview.setHtml(f"<p><b>The checks could not run.</b></p><p>{message}</p>")

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

    def _rebuild(self) -> None:
        """Refill the tree without flicker, keeping the selected finding (or its neighbour) selected."""
        current = self.current()
        current_key = current.key if current else None
        ignored = set(self.doc.briefing.ignored)
        places = Places(self.doc.briefing)
        self.view.setUpdatesEnabled(False)
        self._rebuilding = True
        try:
            self.model.clear()
            root = self.model.invisibleRootItem()
            select: QModelIndex | None = None
            for severity in SEVERITIES:
                group = [f for f in self.visible_findings() if f.severity == severity]
                if not group:
                    continue
                severity_item = _label_item(f"{_SEVERITY_LABELS[severity]} ({len(group)})", bold=True)
                severity_item.setForeground(QBrush(QColor(_SEVERITY_COLOURS[severity])))
                root.appendRow(severity_item)
                for rule_id in dict.fromkeys(f.rule for f in group):
                    in_rule = [f for f in group if f.rule == rule_id]
                    summary = RULES[rule_id].summary if rule_id in RULES else ""
                    rule_item = _label_item(f"{rule_id} — {summary} ({len(in_rule)})")
                    severity_item.appendRow(rule_item)
                    for finding in in_rule[:MAX_SHOWN_PER_RULE]:
                        item = _label_item(finding.message)
                        item.setData(finding, _FINDING_ROLE)
                        item.setToolTip(f"{finding.message}\n{places.describe_ref(finding.target)}")
                        if finding.key in ignored:
                            font = item.font()
                            font.setItalic(True)
                            item.setFont(font)
                            item.setForeground(QBrush(QColor("#888888")))
                        rule_item.appendRow(item)
                        if finding.key == current_key:
                            select = item.index()
                    if len(in_rule) > MAX_SHOWN_PER_RULE:
                        more = _label_item(
                            f"… and {len(in_rule) - MAX_SHOWN_PER_RULE} more (Fix All fixes them too)"
                        )
                        more.setForeground(QBrush(QColor("#666666")))
                        rule_item.appendRow(more)
            self.view.expandAll()
            if select is not None:
                self.view.setCurrentIndex(select)
        finally:
            self._rebuilding = False
            self.view.setUpdatesEnabled(True)
        self._update_buttons()
        self.countsChanged.emit(self.counts())

    def current(self) -> Finding | None:
        """The selected finding."""
        index = self.view.currentIndex()
        return index.data(_FINDING_ROLE) if index.isValid() else None

    def select_rule(self, rule: str) -> Finding | None:
        """Select the first finding of a rule (for tests and keyboard users)."""
        for row in range(self.model.rowCount()):
            severity = self.model.index(row, 0)
            for r in range(self.model.rowCount(severity)):
                rule_index = self.model.index(r, 0, severity)
                if rule_index.data().startswith(f"{rule} "):
                    first = self.model.index(0, 0, rule_index)
                    self.view.setCurrentIndex(first)
                    return first.data(_FINDING_ROLE)
        return None

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        finding = current.data(_FINDING_ROLE) if current.isValid() else None
        if finding is not None:
            if not self._rebuilding:  # only the user's choice of a finding selects its place
                self.findingActivated.emit(finding)
            self.show_preview(finding)
        else:
            self.preview.clear()

    def _update_buttons(self) -> None:
        finding = self.current()
        self.fix_menu.clear()
        has_fix = finding is not None and bool(finding.fixes)
        for button in (self.fix_button, self.fix_all_button):
            button.setEnabled(has_fix)
        self.ignore_button.setEnabled(finding is not None)
        if finding is not None:
            self.ignore_button.setText("Show Again" if finding.key in self.doc.briefing.ignored else "Ignore")
            for index, fix in enumerate(finding.fixes):
                action = self.fix_menu.addAction(f"{fix.label}{'' if fix.safe else ' (review)'}")
                action.triggered.connect(lambda _checked=False, i=index: self.fix_current(i))

    def show_preview(self, finding: Finding) -> None:
        """Before and after of the finding's block under its first fix, computed on a copy."""
        from briefing.checks import apply_fix

        if not finding.fixes or self.shown_revision != self.revision:
            self.preview.setHtml(f"<p>{finding.message}</p>")
            return
        before_copy = snapshot(self.doc.briefing)
        block_id = finding.target.block_id
        before = before_copy.find_block(block_id) if block_id else None
        after_copy = snapshot(self.doc.briefing)
        try:
            applied = apply_fix(after_copy, finding, finding.fixes[0])
        except Exception:  # noqa: BLE001 - a preview must never break the dock
            self.preview.setHtml(f"<p>{finding.message}</p>")
            return
        change = applied.change
        after = after_copy.find_block(block_id) if block_id else None
        parts = [f"<p><b>{finding.fixes[0].label}</b></p>"]
        if change is not None and change.note:
            parts.append(f"<p>{change.note}</p>")
        if isinstance(before, Table) or isinstance(after, Table):
            parts.append("<p><i>Before</i></p>" + (render_block(before) if before else "<p>(none)</p>"))
            parts.append("<p><i>After</i></p>" + (render_block(after) if after else "<p>(removed)</p>"))
        elif change is not None:
            parts.append(
                f"<p><i>Before:</i> {change.before}</p><p><i>After:</i> {change.after or '(removed)'}</p>"
            )
        self.preview.setHtml("".join(parts))

    # --- acting ----------------------------------------------------------------------------------------

    def _live(self, finding: Finding) -> Finding | None:
        """The same finding in a fresh check of the live briefing (positions current), if still there."""
        if self.shown_revision == self.revision and self.timer.isActive() is False:
            return finding
        return next((f for f in self.run_checks_now() if f.key == finding.key), None)

    def fix_current(self, fix_index: int = 0) -> bool:
        """Apply a fix of the selected finding as one undoable step."""
        finding = self.current()
        if finding is None or not finding.fixes:
            return False
        live = self._live(finding)
        if live is None or fix_index >= len(live.fixes):
            return False
        from briefing.checks import apply_fix

        fix = live.fixes[fix_index]
        command = self.doc.edit(f"Fix: {fix.label}", lambda b: apply_fix(b, live, fix))
        self._refresh_after_fix()
        return command.error is None

    @Slot()
    def fix_all_like_current(self) -> int:
        """Fix every open finding of the selected one's rule (its safe fix, else its first) as one undo step.

        The engine's fix rounds check once per round, not once per fix, so this stays fast on big
        briefings; ignored findings are left alone.
        """
        from briefing.checks import apply_safe_fixes

        finding = self.current()
        if finding is None:
            return 0
        source, rule = self.doc.source_text, finding.rule
        command = self.doc.edit(
            f"Fix all: {rule}",
            each_fix(lambda b, collect: apply_safe_fixes(b, [rule], source=source, on_applied=collect)),
        )
        self._refresh_after_fix()
        return len(command.transactions)

    @Slot()
    def next_finding(self) -> Finding | None:
        """Review ▸ Next Finding (F8): select and show the finding after the selected one."""
        raise NotImplementedError

    @Slot()
    def previous_finding(self) -> Finding | None:
        """Review ▸ Previous Finding (Shift+F8)."""
        raise NotImplementedError

    @Slot()
    def fix_all_safe(self) -> int:
        """Review ▸ Fix All Safe Problems: every safe fix as one undo step; returns how many were applied."""
        raise NotImplementedError

    def _refresh_after_fix(self) -> None:
        """Show the result of a fix at once on a normal briefing; a big one is re-checked in the worker."""
        if self._size() > BIG_BRIEFING:
            self.timer.start(0)
        else:
            self.run_checks_now()

    @Slot()
    def toggle_ignore(self) -> None:
        """Ignore the selected finding, or show an ignored one again."""
        finding = self.current()
        if finding is not None:
            key = finding.key
            ignore = key not in self.doc.briefing.ignored
            label = "Ignore finding" if ignore else "Show finding again"
            self.doc.edit(label, lambda b: operations.ignore_finding(b, key, ignore))


def _label_item(text: str, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item

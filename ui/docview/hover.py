"""The card that opens over an underlined finding in the document view, as a spelling checker's does:
what is wrong, where, and the fix as a button."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QEnterEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from briefing.checks import Finding
from briefing.checks.groups import group_of
from briefing.checks.preview import fix_intent

#: The card's text wraps at this width (pixels at 100 %).
CARD_WIDTH = 380


class HoverCard(QFrame):
    """One finding: its group, message and place; Fix (its first fix), Ignore, and Show in Findings."""

    #: The user chose the fix: ``(finding, fix index)``.
    fixChosen = Signal(object, int)
    #: The user chose Ignore for the finding.
    ignoreChosen = Signal(object)
    #: The user wants the finding in the Findings panel.
    showChosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("findingCard")
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "#findingCard { background: palette(tooltip-base); border: 1px solid palette(mid); }"
            "#findingCard QLabel { background: transparent; }"
        )
        self.finding: Finding | None = None
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.message = QLabel()
        self.message.setObjectName("cardMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("cardFix")
        self.fix_button.clicked.connect(self._fix)
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.setObjectName("cardIgnore")
        self.ignore_button.clicked.connect(self._ignore)
        self.show_button = QPushButton("Show in Findings")
        self.show_button.setObjectName("cardShow")
        self.show_button.clicked.connect(self._show)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.ignore_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        #: Hides the card a moment after the mouse left both it and its mark.
        self.leave_timer = QTimer(self, singleShot=True, interval=350)
        self.leave_timer.timeout.connect(self.hide)

    def show_finding(self, finding: Finding, place: str, at: QPoint, above: int | None = None) -> None:
        """Open the card for a finding, its top-left corner at a global point (or, when there is no
        room below, its bottom at ``above``, the top of the marked line)."""
        self.finding = finding
        self.title.setText(f"<b>{escape(group_of(finding.rule).name)}</b>")
        self.title.setToolTip(finding.rule)
        lines = [escape(finding.message)]
        if place:
            lines.append(f"<span style='color:palette(dark)'>{escape(place)}</span>")
        if finding.fixes:
            lines.append(f"<i>{escape(fix_intent(finding.fixes[0]))}</i>")
        self.message.setText("<br>".join(lines))
        self.message.setFixedWidth(int(CARD_WIDTH * max(self.logicalDpiX() / 96.0, 1.0)))
        has_fix = bool(finding.fixes)
        self.fix_button.setVisible(has_fix)
        if has_fix:
            label = finding.fixes[0].label
            self.fix_button.setText(f"Fix: {label[:40]}{'…' if len(label) > 40 else ''}")
            self.fix_button.setToolTip(label)
        self.adjustSize()
        self.move(self._on_screen(at, above))
        self.leave_timer.stop()
        self.show()

    def _on_screen(self, at: QPoint, above: int | None) -> QPoint:
        """Where the card fits on the screen: under the line, else above it; never off an edge."""
        screen = QGuiApplication.screenAt(at) or self.screen()
        if screen is None:
            return at
        area = screen.availableGeometry()
        size = self.frameGeometry().size()
        x, y = at.x(), at.y()
        if y + size.height() > area.bottom():
            y = (above if above is not None else y) - size.height() - 4
        x = max(area.left(), min(x, area.right() - size.width()))
        y = max(area.top(), min(y, area.bottom() - size.height()))
        return QPoint(x, y)

    def _fix(self) -> None:
        finding = self.finding
        self.hide()
        if finding is not None:
            self.fixChosen.emit(finding, 0)

    def _ignore(self) -> None:
        finding = self.finding
        self.hide()
        if finding is not None:
            self.ignoreChosen.emit(finding)

    def _show(self) -> None:
        finding = self.finding
        self.hide()
        if finding is not None:
            self.showChosen.emit(finding)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 - Qt override
        self.leave_timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.leave_timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

"""The window fits the screens analysts have: 1280×720, 1920×1080, and 1280×720 at 200 % scaling.

A first start on such a screen must leave every menu, toolbar button, dock tab and the status bar on
screen, and the page a readable column. The screen's available area is set per test by patching
``QScreen.availableGeometry`` (the offscreen screen is 800×800); 200 % scaling can only be set before Qt
starts, so that case runs the editor in a child process on an offscreen screen of 2560×1440 pixels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QScreen, QTextCursor
from PySide6.QtWidgets import QTabBar, QToolBar, QWidget

from ui.main_window import MainWindow

from .helpers import click_text, open_window

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "nk-missile-tests.txt"


def _inside(window: MainWindow, widget: QWidget, rect: QRect | None = None) -> bool:
    """Whether a widget (or a rectangle of it) is wholly inside the window."""
    rect = widget.rect() if rect is None else rect
    top_left = widget.mapTo(window, rect.topLeft())
    return window.rect().contains(QRect(top_left, rect.size()))


def layout_problems(window: MainWindow) -> list[str]:
    """What a user could not reach or read in the window once laid out (empty when all is well)."""
    for _ in range(
        3
    ):  # layouts asked for by the last changes (the status bar's new counts), as painting does
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    problems = []
    area = window.screen().availableGeometry()
    if not area.contains(window.frameGeometry()):
        problems.append(f"the window {window.frameGeometry()} is not inside the screen's area {area}")
    bar = window.menuBar()
    for action in bar.actions():
        geometry = bar.actionGeometry(action)
        if geometry.isEmpty() or not bar.rect().contains(geometry):
            problems.append(f"the menu {action.text()!r} is not on the menu bar")
    toolbar = window.findChild(QToolBar, "mainToolbar")
    for action in toolbar.actions() if toolbar is not None else []:
        button = toolbar.widgetForAction(action)
        if not action.isSeparator() and (button is None or not button.isVisible()):
            problems.append(f"the toolbar button {action.text()!r} is hidden")
    status = window.statusBar()
    if not status.isVisible() or not _inside(window, status):
        problems.append("the status bar is not on screen")
    label = window.status_label
    if label.width() < label.sizeHint().width():
        problems.append(f"the status bar's counts are cut: {label.text()!r}")
    tab_bars = [tabs for tabs in window.findChildren(QTabBar) if tabs.isVisible()]
    if not tab_bars:
        problems.append("no dock tabs are shown")
    for tabs in tab_bars:
        for index in range(tabs.count()):
            if not _inside(window, tabs, tabs.tabRect(index)):
                problems.append(f"the dock tab {tabs.tabText(index)!r} is not on screen")
    view = window.document_view
    if view.viewport().height() < 240:
        problems.append(f"the page shows only {view.viewport().height()} pixels of height")
    if view.lineWrapColumnOrWidth() < 400 or view.lineWrapColumnOrWidth() > view.viewport().width():
        problems.append(
            f"the page is {view.lineWrapColumnOrWidth()} wide in a view {view.viewport().width()} wide"
        )
    if view.horizontalScrollBar().isVisible():
        problems.append("the page scrolls sideways")
    panel = window.findings
    for button in (panel.fix_button, panel.fix_all_button, panel.ignore_button):
        if (
            not button.isVisible()
            or not _inside(window, button)
            or button.width() < button.sizeHint().width()
        ):
            problems.append(f"the Findings button {button.text()!r} is cut or hidden")
    return problems


def _open_on(qtbot, settings, monkeypatch, width: int, height: int) -> MainWindow:
    """A first start with the sample on a screen whose available area is ``width``×``height``."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, width, height))
    window = open_window(qtbot, settings, SAMPLE)
    qtbot.waitUntil(lambda: "error" in window.status_label.text(), timeout=5000)
    return window


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_a_first_start_leaves_menus_toolbar_dock_tabs_and_status_bar_on_screen(
    qtbot, settings, monkeypatch, size
):
    window = _open_on(qtbot, settings, monkeypatch, *size)
    assert window.width() <= size[0] and window.height() <= size[1]
    assert layout_problems(window) == []


def test_the_grid_fits_at_1280x720_and_escape_goes_back_to_the_page(qtbot, settings, monkeypatch):
    window = _open_on(qtbot, settings, monkeypatch, 1280, 720)
    click_text(qtbot, window, "Hwasong-12")
    qtbot.keyClick(
        window.document_view,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert window.stack.currentWidget() is window.grid_page
    back = window.grid_page.findChild(QWidget, "backToDocument")
    assert back is not None and back.isVisible() and _inside(window, back)
    assert window.table_editor.view.viewport().height() >= 150
    qtbot.keyClick(window.table_editor.view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.document_view
    assert layout_problems(window) == []


def test_the_finding_card_stays_on_screen_near_its_bottom_edge(qtbot, settings):
    window = open_window(qtbot, settings, SAMPLE)
    area = window.screen().availableGeometry()
    window.setGeometry(area)
    for dock in (window.recommendations_dock, window.comments_dock, window.corrections_dock):
        dock.hide()
    view = window.document_view
    qtbot.waitUntil(lambda: bool(view.marks), timeout=5000)
    mark = max(view.marks, key=lambda m: m.start)  # the last on the page: it scrolls to the bottom
    cursor = QTextCursor(view.document())
    cursor.setPosition(mark.start)
    view.setTextCursor(cursor)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.cursorRect(cursor).bottom() - view.viewport().height() + 4)
    cursor.setPosition(min(mark.start + 1, mark.end))
    rect = view.cursorRect(cursor)
    assert rect.bottom() > view.viewport().height() - 40, "the mark is at the bottom of the view"
    from tests.ui.test_document_view import _move_mouse  # offscreen Qt drops QTest's cursor moves

    _move_mouse(view, QPoint(rect.left(), rect.center().y() - 6))
    _move_mouse(view, QPoint(rect.left() + 1, rect.center().y()))
    qtbot.waitUntil(view.card.isVisible, timeout=3000)
    assert area.contains(view.card.frameGeometry()), f"card {view.card.frameGeometry()} screen {area}"


# --- 200 %: a child process, as QT_SCALE_FACTOR is read once when Qt starts --------------------------------

_CHILD = """
import json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog
from tests.ui.test_window_sizes import layout_problems
from ui.main_window import MainWindow

app = QApplication([])
window = MainWindow(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
window.show()
done = []
window.documentLoaded.connect(lambda _path: done.append(1))
window.open_path(sys.argv[2])
deadline = time.monotonic() + 30
while (not done or "error" not in window.status_label.text()) and time.monotonic() < deadline:
    app.processEvents()
window.shortcuts_action.trigger()  # Help > Keyboard Shortcuts
app.processEvents()
box = window.findChild(QDialog, "shortcutsDialog")
screen = window.screen()
print(json.dumps({
    "ratio": screen.devicePixelRatio(),
    "area": [screen.availableGeometry().width(), screen.availableGeometry().height()],
    "problems": layout_problems(window),
    "shortcuts_height": box.frameGeometry().height() if box is not None else 0,
    "shortcuts_on_screen": box is not None and screen.availableGeometry().contains(box.frameGeometry()),
}))
window.doc.undo_stack.setClean()
"""


@pytest.fixture(scope="module")
def at_200_percent(tmp_path_factory) -> dict:
    """The layout checks of a first start at 200 % on a 2560×1440 screen (1280×720 in Qt's units)."""
    folder = tmp_path_factory.mktemp("scaled")
    screens = folder / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 2560, "height": 1440, "dpr": 1}]})
    )
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    env["HOME"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_at_200_percent_on_a_1280x720_screen_everything_is_on_screen(at_200_percent):
    assert at_200_percent["ratio"] == 2.0 and at_200_percent["area"] == [1280, 720]
    assert at_200_percent["problems"] == []


def test_the_keyboard_shortcuts_fit_a_1280x720_screen(at_200_percent):
    """Help ▸ Keyboard Shortcuts was one message box of ~33 rows, 724 px tall; now a list that scrolls."""
    assert 0 < at_200_percent["shortcuts_height"] <= at_200_percent["area"][1]
    assert at_200_percent["shortcuts_on_screen"]

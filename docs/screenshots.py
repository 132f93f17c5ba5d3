"""Redraw the README's screenshots of the editor with the bundled sample.

Run under a real X server so the fonts, the style and the mouse are what users have (the hover card
opens from a real pointer move)::

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python docs/screenshots.py

The window is 1280×720, the smallest screen the editor is made for. ``--size 1920x1080`` takes the
pictures at another size and ``--out DIR`` writes them elsewhere: with ``QT_SCALE_FACTOR=2`` (and a
screen twice as big) that shows the window at 200 % without touching the README's pictures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QCursor, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.bundle import sample_article  # noqa: E402
from briefing.checks.groups import group_of  # noqa: E402
from briefing.model import Table  # noqa: E402
from briefing.refs import Ref  # noqa: E402
from ui.docview.keys import PARAGRAPH  # noqa: E402
from ui.docview.view import Mark  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

#: The register picture's decisions: decision, priority, owner, due date, analyst's comment.
DECISIONS = [
    ("Approve", "High", "Defence Policy", "2026-12-15", ""),
    ("Approve", "Medium", "Intelligence Liaison", "2027-01-31", "Start with the existing data link."),
    ("Modify", "Medium", "Public Affairs", "", "Joint statements only after the allies agree the text."),
    ("Defer", "Low", "", "", ""),
]


def wait(ms: int) -> None:
    """Let Qt work and paint for a while."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(ready: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let Qt work until something is ready (the checks run in a worker thread)."""
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise SystemExit("screenshots: timed out waiting for the editor")
        wait(50)


def grab(window: MainWindow) -> QPixmap:
    """The window as painted, with the finding card on it when it is open (the card is a window of its
    own, so the window's grab leaves it out)."""
    picture = window.grab()
    card = window.document_view.card
    if card.isVisible():
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(card.pos()), card.grab())
        painter.end()
    return picture


def first_table(window: MainWindow) -> Table:
    return next(b for _, b in window.doc.briefing.blocks() if isinstance(b, Table))


def show_document(window: MainWindow) -> None:
    """The top of the page as it prints, with a comment on a few words of the lede and the cursor
    in it; the register below."""
    view = window.document_view
    lede = next(block for block, key in view.blocks() if key.kind == PARAGRAPH)
    cursor = QTextCursor(lede)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.MoveAnchor, 5)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor, 3)
    view.setFocus()
    view.setTextCursor(cursor)
    window.add_comment("Which missiles? Name them in the first line.")
    cursor.clearSelection()
    view.setTextCursor(cursor)
    view.setFocus()
    view.verticalScrollBar().setValue(0)
    window.recommendations_dock.raise_()


def hover_mark(window: MainWindow) -> Mark:
    """An underlined finding on the page with a fix, a broken table's if there is one."""
    marks = [mark for mark in window.document_view.marks if mark.finding.fixes]
    tables = [mark for mark in marks if group_of(mark.finding.rule).name == "Broken tables"]
    return (tables or marks or window.document_view.marks)[0]


def show_card(window: MainWindow) -> None:
    """Move the mouse over an underline and rest there until the finding's card opens."""
    view = window.document_view
    mark = hover_mark(window)
    cursor = QTextCursor(view.document())
    cursor.setPosition(mark.start)
    view.setTextCursor(cursor)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.cursorRect().top() - view.viewport().height() // 3)
    wait(200)
    cursor.setPosition(min(mark.start + 2, mark.end))
    rect = view.cursorRect(cursor)
    point = view.viewport().mapToGlobal(QPoint(rect.left() + 2, rect.center().y()))
    QCursor.setPos(point - QPoint(40, 30))  # a real pointer move onto the mark, as a user's hand does
    wait(100)
    QCursor.setPos(point)
    try:
        wait_until(view.card.isVisible, timeout=3)
    except SystemExit:
        raise SystemExit("screenshots: the finding card did not open under the mouse") from None
    wait(300)


def show_findings(window: MainWindow) -> None:
    """Review ▸ Next Finding (F8): the first finding selected, its fix's before and after, and the
    page showing where it is; the Findings dock dragged wider and the bottom docks lower, as a user
    does to read a long fix."""
    view = window.document_view
    view.card.hide()
    QCursor.setPos(window.mapToGlobal(QPoint(window.width() // 2, 8)))  # off the page: no card
    window.findings_dock.show()
    window.findings_dock.raise_()
    window.resizeDocks([window.findings_dock], [window.width() * 3 // 8], Qt.Orientation.Horizontal)
    window.resizeDocks([window.recommendations_dock], [window.height() // 5], Qt.Orientation.Vertical)
    window.next_finding_action.trigger()


def show_grid(window: MainWindow) -> None:
    """Edit ▸ Edit Table in Grid on the first table, a cell selected."""
    table = first_table(window)
    window.show_ref(Ref(block_id=table.id, row=0, column=0))
    window.grid_action.trigger()
    window.table_editor.set_current(2, 1)


def show_register(window: MainWindow) -> None:
    """Decisions recorded in the register, a comment on the first recommendation, the register's dock
    dragged taller."""
    window.back_to_document()
    model = window.recommendations.model
    for row, values in enumerate(DECISIONS):
        for column, value in zip((2, 3, 4, 5, 6), values, strict=True):
            model.setData(model.index(row, column), value)
    window.recommendations.select_row(0)
    window.recommendations.view.setFocus()
    window.add_comment("Costed in the FY27 plan? Check with Finance before approval.")
    window.resizeDocks([window.findings_dock], [window.width() // 4], Qt.Orientation.Horizontal)
    window.resizeDocks([window.recommendations_dock], [window.height() // 2], Qt.Orientation.Vertical)
    window.recommendations_dock.raise_()
    window.recommendations.view.setFocus()


def main() -> None:
    """Open the sample in a window of the asked size, set each picture up, grab the window."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x720", help="the window's size, WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="the folder for the pictures")
    options = parser.parse_args()
    width, height = (int(part) for part in options.size.lower().split("x"))
    options.out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    window.activateWindow()
    loop = QEventLoop()
    window.documentLoaded.connect(lambda _p: loop.quit())
    window.open_path(sample_article())
    loop.exec()
    wait_until(lambda: bool(window.document_view.marks))
    if (window.width(), window.height()) != (width, height):
        print(f"screenshots: the window is {window.width()}×{window.height()}, not {width}×{height}")

    for name, prepare in (
        ("screenshot-main.png", show_document),
        ("screenshot-card.png", show_card),
        ("screenshot-findings.png", show_findings),
        ("screenshot-grid.png", show_grid),
        ("screenshot-register.png", show_register),
    ):
        prepare(window)
        wait(800)
        grab(window).save(str(options.out / name))
        print(options.out / name)
    window.doc.undo_stack.setClean()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()

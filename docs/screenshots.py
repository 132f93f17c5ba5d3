"""Regenerate the README's screenshots of the editor with the bundled sample.

Run under a real X server so fonts and styles are what users see:
``xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/screenshots.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.bundle import sample_article  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def wait(ms: int) -> None:
    """Let Qt paint."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def show_findings(window: MainWindow) -> None:
    """The findings dock with the repeated-cells finding selected and its before/after preview."""
    window.findings_dock.raise_()
    wait(600)
    window.findings.select_rule("table.repeated-cells")


def show_register(window: MainWindow) -> None:
    """Decisions recorded in the register, and a comment."""
    model = window.recommendations.model
    for row, (decision, priority, owner, due) in enumerate(
        [
            ("Approve", "High", "Defence Policy", "2026-12-15"),
            ("Approve", "Medium", "Intelligence Liaison", "2027-01-31"),
            ("Modify", "Medium", "Public Affairs", ""),
            ("Defer", "Low", "", ""),
        ]
    ):
        for column, value in zip((1, 2, 3, 4), (decision, priority, owner, due), strict=True):
            model.setData(model.index(row, column), value)
    window.recommendations.select_row(0)
    window.recommendations.view.setFocus()
    window.add_comment("Costed in the FY27 plan? Check with Finance before approval.")
    window.recommendations_dock.raise_()
    window.preview_dock.raise_()
    window.outline.select_details()


def main() -> None:
    """Open the sample, select views, grab the window."""
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    window.documentLoaded.connect(lambda _p: loop.quit())
    window.open_path(sample_article())
    loop.exec()
    briefing = window.doc.briefing
    table = next(b for _, b in briefing.blocks() if b.kind == "table")
    window.outline.select_id(table.id)
    window.table_editor.set_current(2, 3)
    wait(800)
    window.grab().save(str(ROOT / "docs" / "screenshot-main.png"))
    for name, prepare in (
        ("screenshot-findings.png", show_findings),
        ("screenshot-register.png", show_register),
    ):
        prepare(window)
        wait(800)
        window.grab().save(str(ROOT / "docs" / name))
    window.doc.undo_stack.setClean()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()

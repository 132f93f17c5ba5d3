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
    shots = getattr(sys.modules[__name__], "EXTRA_SHOTS", [])
    for name, prepare in shots:
        prepare(window)
        wait(600)
        window.grab().save(str(ROOT / "docs" / name))
    window.doc.undo_stack.setClean()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()

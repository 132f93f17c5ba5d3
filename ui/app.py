"""``briefing-editor``: start the desktop editor, with a file or with the bundled sample."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.bundle import sample_article

from .crash import CrashHandler
from .main_window import APP_NAME, MainWindow
from .recovery import RecoveryManager


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The editor's command line."""
    parser = argparse.ArgumentParser(
        prog="briefing-editor",
        description="Open an article or briefing in Briefing Editor (the bundled sample without FILE).",
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="an article (.txt, .md, .html, .htm, .docx, .pdf) or .briefing file",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the application, its settings and the window, offer to restore work a crash left, open the
    file, run the event loop."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Briefing Editor")
    app.setApplicationVersion(__version__)
    from .icons import icon

    QApplication.setWindowIcon(icon("app"))  # static; instance() is typed as a QCoreApplication
    settings = QSettings()
    window = MainWindow(settings)
    recovery = RecoveryManager(window, settings)
    crash = CrashHandler(window, recovery)
    crash.install()
    window.show()
    if not recovery.offer_restores():
        window.open_path(args.file or sample_article())
    try:
        return app.exec()
    finally:
        crash.uninstall()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

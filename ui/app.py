"""``briefing-editor``: start the desktop editor, with a file or with the bundled sample."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.bundle import sample_article

from .main_window import APP_NAME, MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The editor's command line."""
    parser = argparse.ArgumentParser(
        prog="briefing-editor",
        description="Open an article or briefing in Briefing Editor (the bundled sample without FILE).",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="an article (.txt, .md) or .briefing file")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the application, its settings and the window, open the file, run the event loop."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Briefing Editor")
    app.setApplicationVersion(__version__)
    settings = QSettings()
    window = MainWindow(settings)
    window.show()
    window.open_path(args.file or sample_article())
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

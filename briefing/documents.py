"""Opening whatever the user points at: a ``.briefing`` project or an article to import.

The command line and the editor (open dialog, Open Recent, drag and drop, its command line) open every
file through :func:`open_with_source`, so an article is read and decoded once, and whatever import
decided (a guessed encoding) reaches the checks on every path. Which reader an article gets is chosen
by its ending, in :func:`briefing.importing.import_article`: text, Markdown, a web page, Word or PDF.
"""

from __future__ import annotations

from pathlib import Path

from . import project
from .importing import import_article
from .model import Briefing


def is_project(path: str | Path) -> bool:
    """Whether the path names a project file (by its ending)."""
    return Path(path).suffix.lower() == project.PROJECT_SUFFIX


def open_with_source(path: str | Path) -> tuple[Briefing, str | None]:
    """A project (with ``None``: a project keeps no article text), or an imported article with its source
    text, which the checks read for what import leaves out of the model (for a web page, a Word document
    or a PDF: the text extracted from it, which the source map's lines and columns count in).

    Raises a :class:`~briefing.errors.BriefingError`.
    """
    if is_project(path):
        return project.load(path), None
    return import_article(path)


def open_document(path: str | Path) -> Briefing:
    """Load a project file or import an article; raises a :class:`~briefing.errors.BriefingError`."""
    return open_with_source(path)[0]

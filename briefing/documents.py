"""Opening whatever the user points at: a ``.briefing`` project or an article to import."""

from __future__ import annotations

from pathlib import Path

from . import project
from .importing import import_file
from .model import Briefing


def is_project(path: str | Path) -> bool:
    """Whether the path names a project file (by its ending)."""
    return Path(path).suffix.lower() == project.PROJECT_SUFFIX


def open_document(path: str | Path) -> Briefing:
    """Load a project file or import an article; raises a :class:`~briefing.errors.BriefingError`."""
    return project.load(path) if is_project(path) else import_file(path)

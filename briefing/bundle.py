"""One way to find the bundled resources, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("templates", "briefing-note.docx")``.

    An installed copy carries ``resources/`` as the ``briefing.resources`` package; a source checkout
    that is not installed finds it beside the ``briefing`` package.
    """
    try:
        from importlib.resources import files

        base = Path(str(files("briefing.resources")))
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)


def sample_article() -> Path:
    """The bundled sample article the editor opens when started without a file."""
    return resource_path("nk-missile-tests.txt")

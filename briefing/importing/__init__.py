"""Turning an article file into a :class:`~briefing.model.Briefing`.

Import never drops or repairs anything: ragged rows stay ragged, a chatbot line stays a paragraph, a
table printed twice stays twice. Repairs are the checks' job, where the user sees them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Briefing
from ..textfile import read_text
from .enrich import infer_recommendations, infer_source, infer_title

#: File endings read as Markdown; everything else is read as plain text.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
#: File endings the importer offers in open dialogs.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def import_text(text: str, markdown: bool = False) -> Briefing:
    """Build a briefing from an article's text (any line endings)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    briefing = Briefing()
    if markdown:
        from .markdown import parse_markdown  # markdown-it is only loaded for Markdown files

        builder = parse_markdown(text, briefing)
    else:
        from .plaintext import parse_plain_text

        builder = parse_plain_text(text, briefing)
    briefing.sections = builder.finish()
    infer_title(briefing, builder.title)
    infer_source(briefing)
    infer_recommendations(briefing)
    return briefing


def import_file(path: str | Path) -> Briefing:
    """Import an article file (.txt or .md); raises :class:`InputError` for unreadable input."""
    path = Path(path)
    decoded = read_text(path)
    try:
        return import_text(decoded.text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
    except RecursionError:
        raise InputError(path, "is nested too deeply to import") from None

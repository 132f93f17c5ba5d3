"""Turning an article file into a :class:`~briefing.model.Briefing`.

Import never drops or repairs anything: ragged rows stay ragged, a chatbot line stays a paragraph, a
table printed twice stays twice. Repairs are the checks' job, where the user sees them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Briefing, ImportNote
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
    return import_article(path)[0]


def import_article(path: str | Path) -> tuple[Briefing, str]:
    """Import an article file and return its text too (some checks read what import leaves out).

    An encoding guessed with doubt becomes an ``import.encoding`` note, first among the notes, so every
    way of opening an article (the commands, the editor) reports it.
    """
    path = Path(path)
    decoded = read_text(path)
    try:
        briefing = import_text(decoded.text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
    except RecursionError:
        raise InputError(path, "is nested too deeply to import") from None
    if decoded.doubt is not None:
        note = ImportNote("import.encoding", decoded.doubt.message(decoded.encoding), decoded.doubt.line)
        briefing.import_notes.insert(0, note)
    return briefing, decoded.text

"""Turning an article file into a :class:`~briefing.model.Briefing`.

Import never drops or repairs anything: ragged rows stay ragged, a chatbot line stays a paragraph, a
table printed twice stays twice. Repairs are the checks' job, where the user sees them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Briefing, ImportNote
from ..textfile import MAX_ARTICLE_BYTES, DecodedText, blank, decode_bytes, read_regular_file, read_text
from .enrich import infer_recommendations, infer_source, infer_title
from .structure import LineHints

#: File endings read as Markdown; everything else is read as plain text.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
#: Saved web pages: the main content is extracted (:mod:`.html`).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: File endings the importer offers in open dialogs.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


def import_text(text: str, markdown: bool = False, hints: LineHints | None = None) -> Briefing:
    """Build a briefing from an article's text (any line endings); ``hints`` are what a PDF's page
    showed of the plain text's lines (:mod:`.pdf`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    briefing = Briefing()
    if markdown:
        from .markdown import parse_markdown  # markdown-it is only loaded for Markdown files

        builder = parse_markdown(text, briefing)
    else:
        from .plaintext import parse_plain_text

        builder = parse_plain_text(text, briefing, hints)
    briefing.sections = builder.finish()
    infer_title(briefing, builder.title)
    infer_source(briefing)
    infer_recommendations(briefing)
    return briefing


def import_file(path: str | Path) -> Briefing:
    """Import an article file (any kind :func:`import_article` reads); :class:`InputError` when it cannot."""
    return import_article(path)[0]


def import_article(path: str | Path) -> tuple[Briefing, str]:
    """Import an article file and return its source text too (some checks read what import leaves out).

    The kind is chosen by the file's ending: ``.docx`` (:mod:`.word`), ``.pdf`` (:mod:`.pdf`), ``.html``
    and ``.htm`` (:mod:`.html`), Markdown, else plain text. For the first three the source text is the
    text import extracted, and the source map's lines and columns count in it.

    An encoding guessed with doubt becomes an ``import.encoding`` note, first among the notes, so every
    way of opening an article (the commands, the editor) reports it.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".docx", ".pdf"):
        data = read_regular_file(path, MAX_ARTICLE_BYTES, InputError, "import")
        try:
            if suffix == ".docx":
                from .word import import_docx

                briefing, text = import_docx(data, path)
            else:
                from .pdf import import_pdf

                briefing, text = import_pdf(data, path)
        except RecursionError:
            raise InputError(path, "is nested too deeply to import") from None
        if blank(text):
            raise InputError(path, "holds no text to import (only pictures or empty paragraphs)")
        return briefing, text
    if suffix in HTML_SUFFIXES:
        decoded = _read_html(path)
        from .html import import_html

        try:
            briefing, text = import_html(decoded.text)
        except RecursionError:
            raise InputError(path, "is nested too deeply to import") from None
        if blank(text):
            raise InputError(path, "holds no text to import (a web page with only markup or pictures)")
        _note_encoding(briefing, decoded)
        return briefing, text
    decoded = read_text(path)
    try:
        briefing = import_text(decoded.text, markdown=suffix in MARKDOWN_SUFFIXES)
    except RecursionError:
        raise InputError(path, "is nested too deeply to import") from None
    _note_encoding(briefing, decoded)
    return briefing, decoded.text


def _note_encoding(briefing: Briefing, decoded: DecodedText) -> None:
    if decoded.doubt is not None:
        note = ImportNote("import.encoding", decoded.doubt.message(decoded.encoding), decoded.doubt.line)
        briefing.import_notes.insert(0, note)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _read_html(path: Path) -> DecodedText:
    """A web page's text: in the charset the page declares when it is not UTF-8, else as any article."""
    data = read_regular_file(path, MAX_ARTICLE_BYTES, InputError, "import")
    declared = _CHARSET.search(data[:4096])
    if declared and not blank(data) and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                decoded = decode_bytes(text.encode("utf-8"), path)  # the binary and emptiness checks
                decoded.encoding = declared.group(1).decode("ascii")
                return decoded
    return decode_bytes(data, path)

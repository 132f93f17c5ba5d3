"""Where a comment goes: the text it is about is cut out into runs of its own.

Word anchors a comment on whole runs, so a paragraph's runs are split at every comment's start and end
before they are written. Offsets count characters of the model's text (``Paragraph.text``,
``ListItem.full_text``, a table cell, a recommendation's text), before any cleaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Piece:
    """A stretch of text to write as one run, and where it sits in the model's text."""

    start: int
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""
    #: ``False`` for text the export writes in place of the source's (a list item's separator): it
    #: stands for its whole source range and is never cut.
    splittable: bool = True
    #: Length in the model's text when it differs from ``len(text)`` (an unsplittable replacement).
    source_length: int | None = None

    @property
    def end(self) -> int:
        """Where the piece ends in the model's text."""
        return self.start + (len(self.text) if self.source_length is None else self.source_length)


def split(pieces: Iterable[Piece], points: Iterable[int]) -> list[Piece]:
    """The pieces cut at every point that falls strictly inside a splittable piece."""
    cuts = sorted(set(points))
    out: list[Piece] = []
    for piece in pieces:
        inner = [p for p in cuts if piece.start < p < piece.end] if piece.splittable else []
        if not inner:
            out.append(piece)
            continue
        edges = [piece.start, *inner, piece.end]
        for a, b in zip(edges, edges[1:], strict=False):
            out.append(replace(piece, start=a, text=piece.text[a - piece.start : b - piece.start]))
    return out


def covered(pieces: Sequence[Piece], start: int | None, end: int | None) -> list[int]:
    """Indexes of the pieces a range touches; the whole text when the range is missing or empty."""
    if start is None or end is None or end <= start:
        return list(range(len(pieces)))
    hits = [i for i, piece in enumerate(pieces) if piece.start < end and piece.end > start]
    if not hits:  # a range past the text (the text changed since): the whole text is the best guess
        return list(range(len(pieces)))
    return hits


def clamp(start: int | None, end: int | None, length: int) -> tuple[int | None, int | None]:
    """A comment range limited to the text; ``(None, None)`` for the whole text."""
    if start is None or end is None:
        return None, None
    start, end = max(0, min(start, length)), max(0, min(end, length))
    return (start, end) if end > start else (None, None)


def initials(author: str) -> str:
    """Initials for a comment when the model has none ("Jane Q. Public" → "JQP")."""
    return "".join(word[0] for word in author.replace(".", " ").split() if word[0].isalpha()).upper()[:4]

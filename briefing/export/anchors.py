"""Where a comment goes: the text it is about is cut out into runs of its own.

Word anchors a comment on whole runs, so a paragraph's runs are split at every comment's start and end
before they are written. Offsets count characters of the model's text (``Paragraph.text``,
``ListItem.full_text``, a table cell, a recommendation's text), before any cleaning.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
        # the cuts inside this piece, found by bisection: a paragraph may carry thousands of comments
        low, high = bisect_right(cuts, piece.start), bisect_left(cuts, piece.end)
        if not piece.splittable or low >= high:
            out.append(piece)
            continue
        edges = [piece.start, *cuts[low:high], piece.end]
        for a, b in zip(edges, edges[1:], strict=False):
            out.append(replace(piece, start=a, text=piece.text[a - piece.start : b - piece.start]))
    return out


class Spans:
    """The pieces of one text, indexed so that the pieces each comment's range touches are found by
    bisection rather than a scan of every piece per comment."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.count = len(pieces)
        self._starts = [piece.start for piece in pieces]
        self._ends = [piece.end for piece in pieces]
        #: Pieces come in reading order; should they not, each lookup scans them all.
        self._ordered = all(a <= b for a, b in zip(self._ends, self._ends[1:], strict=False)) and all(
            a <= b for a, b in zip(self._starts, self._starts[1:], strict=False)
        )

    def covered(self, start: int | None, end: int | None) -> range | list[int]:
        """Indexes of the pieces a range touches; the whole text when the range is missing or empty,
        or past the text (the text changed since: the whole text is the best guess)."""
        everything = range(self.count)
        if start is None or end is None or end <= start:
            return everything
        if self._ordered:
            hits: range | list[int] = range(bisect_right(self._ends, start), bisect_left(self._starts, end))
        else:
            hits = [i for i in everything if self._starts[i] < end and self._ends[i] > start]
        return hits if len(hits) else everything


def clamp(start: int | None, end: int | None, length: int) -> tuple[int | None, int | None]:
    """A comment range limited to the text; ``(None, None)`` for the whole text."""
    if start is None or end is None:
        return None, None
    start, end = max(0, min(start, length)), max(0, min(end, length))
    return (start, end) if end > start else (None, None)


def initials(author: str) -> str:
    """Initials for a comment when the model has none ("Jane Q. Public" → "JQP")."""
    return "".join(word[0] for word in author.replace(".", " ").split() if word[0].isalpha()).upper()[:4]

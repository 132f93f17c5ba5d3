"""Where each text of a briefing was in the article it was imported from: lines and columns.

A finding names its place as a :class:`~briefing.refs.Ref`; ``briefing check`` prints it as
``FILE:LINE:COL`` (1-based, the column counted in characters) so that editors and CI jump to the line.
Import records, for every text it makes (a paragraph's text, a list item's full text, a table row's
cells, a heading), the stretches of the article that text came from, in
:attr:`~briefing.model.Briefing.source_map`: block or section id → part → an encoded string.

The parts of a block are named like a ref's qualifiers: ``""`` for a paragraph's or heading's text,
``item=3`` for a list item, ``header`` and ``row=2`` for table rows. A row's text is its cells joined by
:data:`CELL_JOIN`, so a cell and a span in it are offsets into it. The meta title has the key
:data:`TITLE` in place of a block id.

An encoded part is ``CHECK START@LINE:COL START@LINE:COL …``: the CRC-32 (hex) of the part's text as
imported, then one segment per stretch: text offset ``START`` onwards is at ``LINE:COL`` and runs on in
the same line, up to the next segment (``START@COL`` is a segment on the line of the one before). A
row's first segment, at offset ``-1``, is where the row starts (its leading pipe). Positions are used
only while the part's text is still what was imported (the checksum matches), so an edit makes them
disappear rather than go wrong.
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Sequence

#: What joins a row's cells into the one text its positions are offsets of.
CELL_JOIN = "\x1f"
#: The key of the meta title's entry in the source map.
TITLE = "meta.title"

#: A stretch of text at a place in the article: (text offset, line from 1, column from 1).
Segment = tuple[int, int, int]


def checksum(text: str) -> int:
    """The CRC-32 of a text (the check that a part is unchanged since import)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def row_text(cells: Sequence[str]) -> str:
    """A table row as the one text its positions count in."""
    return CELL_JOIN.join(cells)


def encode(text: str, segments: Sequence[Segment]) -> str:
    """A part's entry: the text's checksum, then its segments (``START@COL`` for one on the line of the
    segment before it)."""
    parts = [format(checksum(text), "x")]
    last = 0
    for start, line, column in segments:
        parts.append(f"{start}@{column}" if line == last else f"{start}@{line}:{column}")
        last = line
    return " ".join(parts)


def decode(value: str) -> tuple[int, list[Segment]] | None:
    """The checksum and segments of an entry; ``None`` when it is not one (a damaged project)."""
    try:
        check, *rest = value.split(" ")
        segments: list[Segment] = []
        line = 0
        for item in rest:
            start, _, place = item.partition("@")
            first, colon, column = place.partition(":")
            if colon:
                line = int(first)
            else:
                column = first
            if line < 1:
                return None
            segments.append((int(start), line, int(column)))
        return int(check, 16), segments
    except ValueError:
        return None


def position(segments: Sequence[Segment], offset: int) -> tuple[int, int] | None:
    """The line and column of text offset ``offset`` (``-1``: a row's start)."""
    found: Segment | None = None
    for segment in segments:
        if segment[0] > offset:
            break
        found = segment
    if found is None or found[1] < 1 or found[2] < 1:
        return None
    start, line, column = found
    return line, column + max(0, offset - max(start, 0))


class LineIndex:
    """Offsets into an article's text as lines and columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        find = text.find
        at = find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = find("\n", at + 1)

    def line_start(self, line: int) -> int:
        """The offset where line ``line`` (from 0) starts."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """The offset where line ``line`` (from 0) ends (its newline, or the end of the text)."""
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)

    def place(self, offset: int) -> tuple[int, int]:
        """The line and column (both from 1) of an offset."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


#: How far the aligner looks ahead for a long (16-character) piece of the text, and for shorter ones.
_FAR, _NEAR, _NEXT = 4096, 256, 16
_SPACE = frozenset(" \t\n\r\f\v")


def align(text: str, index: LineIndex, lo: int, hi: int) -> list[Segment]:
    """Segments for ``text`` made from the article's ``[lo, hi)`` by markup parsing: the text's pieces
    found in order in the source (markup, indentation and quote marks skipped), a run of whitespace
    matched to a run of whitespace (a soft line break is a space in the text). A piece that is not in
    the source (a decoded entity, a link's address added after its text) runs on from the piece before
    it."""
    source = index.text
    segments: list[Segment] = []
    # The source offset the last segment predicts for text offset i is base + i, up to line_end.
    base: int | None = None
    line_end = -1
    i, j, n = 0, lo, len(text)

    def mark(at_text: int, at_source: int) -> None:
        nonlocal base, line_end
        if base is None or base + at_text != at_source or at_source > line_end:
            line, column = index.place(at_source)
            if segments and segments[-1][0] == at_text:
                segments.pop()  # a run ended on a line break; the text goes on further along
            segments.append((at_text, line, column))
            base = at_source - at_text
            line_end = index.line_end(line - 1)

    while i < n:
        if text[i] in _SPACE:  # white space matches white space, or markup before it (``**`` ending a line)
            while i < n and text[i] in _SPACE:
                i += 1
            while j < hi and source[j] in _SPACE:
                j += 1
            continue
        found = -1
        size = 0
        # The nearest match of a short piece first: text comes from the source in order, with only short
        # markup between; a long piece may be found further on (past a link's address). The next
        # character itself, close by, wins over a short piece further on: in "In **the" the piece
        # "In t" is only found on a later line that repeats the sentence.
        for size, reach in ((4, _NEAR), (16, _FAR), (1, _NEXT)):
            probe = text[i : i + size]
            found = source.find(probe, j, min(hi, j + reach + len(probe)))
            if found >= 0:
                size = len(probe)
                if size > 1 and found - j > _NEXT:
                    near = source.find(text[i], j, min(hi, j + _NEXT + 1))
                    if near >= 0:
                        found, size = near, 1
                break
        if found < 0:  # not in the source: it runs on from the last piece that was
            if not segments:
                mark(i, min(j, hi))
            i += 1
            continue
        mark(i, found)
        length = size
        step = 64
        while i + length < n and found + length < hi:
            chunk = min(step, n - i - length, hi - found - length)
            if source.startswith(text[i + length : i + length + chunk], found + length):
                length += chunk
                step *= 2
            elif chunk == 1:
                break
            else:
                step = max(1, chunk // 2)
        newline = source.find("\n", found, found + length)
        while newline >= 0:  # a matched run across lines (code) starts a segment on each line
            mark(i + newline + 1 - found, newline + 1)
            newline = source.find("\n", newline + 1, found + length)
        i += length
        j = found + length
    if not segments:
        line, column = index.place(min(lo, len(source)))
        segments.append((0, line, column))
    return segments

"""XML text set aside while an export runs, kept deflated in memory.

A 49 MB article makes some 200 MB of body XML, and as an lxml tree four times that; the exporter moves
each finished stretch of the body out of the tree into a spool, and pours it back into the .docx at
save time. Fast deflate (level 1) squeezes briefing XML about fiftyfold, so the spool stays small.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

#: Raw deflate (no zlib header): the spool is only ever read back by :meth:`Spool.chunks`.
_WINDOW = -15
#: The most text one chunk read back holds, so pouring the spool out never needs it whole.
CHUNK_BYTES = 1 << 20


class Spool:
    """Bytes written in order, read back in order once."""

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(1, zlib.DEFLATED, _WINDOW)
        self._pieces: list[bytes] = []
        self._closed = False
        #: How many bytes were written (before compression).
        self.size = 0

    def write(self, data: bytes) -> None:
        """Add ``data`` after everything written so far."""
        if self._closed:
            raise ValueError("the spool was already read")
        self.size += len(data)
        piece = self._compressor.compress(data)
        if piece:
            self._pieces.append(piece)

    def chunks(self) -> Iterator[bytes]:
        """Everything written, in order, at most :data:`CHUNK_BYTES` a chunk; the spool is emptied."""
        if not self._closed:
            self._pieces.append(self._compressor.flush())
            self._closed = True
        decompressor = zlib.decompressobj(_WINDOW)
        pieces, self._pieces = self._pieces, []
        for piece in pieces:
            data = piece
            while data:
                out = decompressor.decompress(data, CHUNK_BYTES)
                if out:
                    yield out
                data = decompressor.unconsumed_tail
        while not decompressor.eof:
            out = decompressor.decompress(b"", CHUNK_BYTES)
            if not out:
                break
            yield out

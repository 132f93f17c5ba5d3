"""Reading an article's bytes into text: size limits, binary detection, encodings, line endings."""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .encodings import EncodingDoubt, guess_encoding
from .errors import BriefingError, InputError

#: Articles larger than this are refused before they are read.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024

# Signatures of files people drop on the editor by mistake, so the message can say what they are.
_MAGIC = {
    b"%PDF": "a PDF document (a file named .pdf is imported as one)",
    b"PK\x03\x04": "a ZIP archive (a .docx, .odt or .xlsx file is one; name a Word file .docx)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
}


@dataclass
class DecodedText:
    """An article's text with its line endings made ``\\n``, and the encoding it was read in."""

    text: str
    encoding: str
    #: Set when the encoding was guessed and the guess may be wrong: import reports it to the analyst.
    doubt: EncodingDoubt | None = None


def blank(text: str | bytes) -> bool:
    """Whether a text holds nothing but whitespace; unlike ``not text.strip()`` it copies nothing,
    which for a large article is a second copy of the whole file."""
    return not text or text.isspace()


def read_text(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> DecodedText:
    """Read an article file as text, or raise :class:`InputError` saying why it cannot be."""
    path = Path(path)
    return decode_bytes(read_regular_file(path, max_bytes, InputError, "import"), path)


def read_regular_file(path: Path, max_bytes: int, error: type[BriefingError], what: str = "read") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or ``error`` naming the file and the problem.

    A FIFO, a device or a socket is refused before it is opened (reading one can block forever or never
    end), and the limit holds on the bytes actually read, because a special or growing file reports a
    size that is not what a read returns.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise error(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise error(path, f"is {_special_kind(info.st_mode)}, not a regular file; refused")
        if info.st_size > max_bytes:
            raise error(path, _too_large(info.st_size, max_bytes, what))
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as stream:
            opened = os.fstat(stream.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise error(path, "is not a regular file; refused")
            # Asked for the size the file has: a read of the limit would first reserve the whole limit.
            data = stream.read(min(opened.st_size, max_bytes) + 1)
            if len(data) > opened.st_size:  # it grew while being read: the limit still holds
                data += stream.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except PermissionError:
        raise error(path, "permission denied: the file cannot be read") from None
    except IsADirectoryError:
        raise error(path, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise error(path, _too_large(len(data), max_bytes, what))
    return data


def _too_large(size: int, max_bytes: int, what: str) -> str:
    return f"is too large to {what} (over {size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB)"


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def decode_bytes(data: bytes, path: str | Path | None = None) -> DecodedText:
    """Decode an article's bytes: BOM, UTF-16, strict UTF-8, then a guessed 8-bit encoding
    (:mod:`briefing.encodings` explains the guess and when it is reported as uncertain)."""
    if blank(data):
        raise InputError(path, "is empty: there is no text to import")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"is {what}, not a text article")

    encoding = _sniff_encoding(data)
    if encoding is None:
        raise InputError(path, "looks like a binary file, not a text article")
    doubt = None
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"cannot be decoded as {encoding} (byte {exc.start})") from None
    else:
        if _looks_binary(data[:100_000].decode("latin-1")):  # control bytes are the same in every 8-bit code
            raise InputError(path, "looks like a binary file, not a text article")
        guess = guess_encoding(data)
        text, encoding, doubt = guess.text, guess.codec, guess.doubt
    if _looks_binary(text):
        raise InputError(path, "looks like a binary file, not a text article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if blank(text):
        raise InputError(path, "is empty: there is no text to import")
    return DecodedText(text, encoding, doubt)


def _sniff_encoding(data: bytes) -> str | None:
    """The encoding the bytes prove (a BOM, UTF-16's NULs, valid UTF-8); ``""`` for 8-bit text whose
    encoding has to be guessed; ``None`` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    nuls = data.count(0)
    if nuls > max(len(data) / 1000, 16):
        # UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte.
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if odd > 0.3 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.3 * half and odd < 0.05 * half:
            return "utf-16-be"
        return None
    # A stray NUL or two in a long text does not make it binary; the control-character check decides.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return "utf-8"


def _looks_binary(text: str) -> bool:
    """Many control characters (other than tab and line breaks): binary data, not text.

    A handful in a short text (a vertical tab pasted from Word) is text with stray characters: import
    keeps them and the export drops them with a warning.
    """
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    return controls >= 32 and controls > 0.05 * len(sample)

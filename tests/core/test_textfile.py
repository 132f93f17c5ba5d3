"""Reading article bytes: every encoding people really save in, and a one-line refusal for everything else.

A refusal must be an :class:`InputError` whose message names the file and says why, because that message
is all the user sees (in the editor's error box and on the ``briefing`` command line).
"""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.textfile import MAX_ARTICLE_BYTES, decode_bytes, read_text

TEXT = "North Korea’s “tests” — 1,100 km.\nSecond line: café, naïve, Größe.\n"


def _write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> str:
    """The message of the InputError that reading ``path`` raises."""
    with pytest.raises(InputError) as info:
        read_text(path)
    message = str(info.value)
    assert str(path) in message, "the message must name the file"
    assert info.value.path == str(path)
    assert "\n" not in message, "the message must fit one line"
    return message


# --- accepted input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    decoded = read_text(_write(tmp_path, data))
    assert decoded.text == TEXT, "a BOM must be dropped, never kept as U+FEFF"
    assert decoded.encoding == encoding


def test_cp1252_text_decodes_to_the_same_text(tmp_path: Path) -> None:
    """Windows-1252 is what Word's "Plain text" and old Notepad save: smart quotes and dashes must survive."""
    text = "café — “quoted”"
    decoded = read_text(_write(tmp_path, text.encode("cp1252")))
    assert decoded.text == text
    assert not decoded.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))


def test_the_sample_saved_as_cp1252_imports_the_same_text(tmp_path: Path, sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    assert read_text(_write(tmp_path, text.encode("cp1252"))).text == text


# Regression (textfile._sniff_encoding): charset-normalizer's guess used to be taken whenever it decoded, and
# for short Western European text it guesses a DOS or Central European code page, so the article is
# imported as mojibake without any error. cp1252 wins for short texts now.
CP1252_MISREAD = [
    pytest.param("The minister’s “plan” costs €5 million — or so they say.\n", id="quotes-euro-cp852"),
    pytest.param("Le ministère a publié un résumé détaillé de l’été dernier, très apprécié.\n", id="french"),
    pytest.param("Résumé: naïve café — “quoted” text, with ‘single’ quotes… and more €5.", id="cp775"),
    pytest.param("Café au lait\n", id="cp1006"),
    pytest.param("café", id="read-as-utf-16-be"),
]


@pytest.mark.parametrize("text", CP1252_MISREAD)
def test_short_cp1252_text_is_not_turned_into_mojibake(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "article.txt").text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("one\r\ntwo\r\n", "one\ntwo\n", id="crlf"),
        pytest.param("one\rtwo\r", "one\ntwo\n", id="lone-cr"),
        pytest.param("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour", id="mixed"),
        pytest.param("one\r\r\ntwo", "one\n\ntwo", id="cr-crlf"),
    ],
)
def test_line_endings_become_newlines(tmp_path: Path, raw: str, expected: str) -> None:
    assert read_text(_write(tmp_path, raw.encode("utf-8"))).text == expected
    utf16 = read_text(_write(tmp_path, codecs.BOM_UTF16_LE + raw.encode("utf-16-le"), "wide.txt"))
    assert utf16.text == expected


def test_tabs_and_form_feeds_are_text_not_binary() -> None:
    """Pasted tables use tabs and some exports page-break with \\f; neither makes a file binary."""
    text = "Name\tValue\nA\t1\n\fNext page\n"
    assert decode_bytes(text.encode("utf-8")).text == text


def test_a_few_stray_control_characters_are_kept() -> None:
    """Import never repairs; a stray escape in a long article is for the checks to flag, not a refusal."""
    text = "A long paragraph of ordinary words. " * 40 + "\x1b" + "\n"
    assert decode_bytes(text.encode("utf-8")).text == text


def test_decode_bytes_without_a_path_still_explains() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"   ")
    assert info.value.path is None
    assert "empty" in str(info.value)


# --- refused input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \t\r\n\n  \n", id="whitespace"),
        pytest.param(codecs.BOM_UTF8, id="utf-8-bom-only"),
        pytest.param(codecs.BOM_UTF8 + b"  \r\n", id="utf-8-bom-and-whitespace"),
        pytest.param(codecs.BOM_UTF16_LE + " \n\t".encode("utf-16-le"), id="utf-16-whitespace"),
    ],
)
def test_empty_or_blank_files_are_refused(tmp_path: Path, data: bytes) -> None:
    assert "is empty" in _refusal(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("data", "what"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"[Content_Types].xml", "ZIP", id="docx"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image", id="jpeg"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32), "old Microsoft Office", id="doc"),
    ],
)
def test_known_binary_formats_are_named(tmp_path: Path, data: bytes, what: str) -> None:
    message = _refusal(_write(tmp_path, data, "dropped-by-mistake.txt"))
    assert what in message
    assert "not a text article" in message


def test_random_bytes_with_nuls_are_binary(tmp_path: Path) -> None:
    data = random.Random(1234).randbytes(4096)
    assert b"\x00" in data
    assert "binary" in _refusal(_write(tmp_path, data))


def test_random_bytes_without_nuls_are_binary(tmp_path: Path) -> None:
    """The 8-bit guesser accepts almost anything, so the control-character share has to catch noise."""
    data = bytes(b for b in random.Random(99).randbytes(8192) if b)
    assert "binary" in _refusal(_write(tmp_path, data))


def test_text_full_of_control_characters_is_binary(tmp_path: Path) -> None:
    data = ("ab\x01\x02\x03\x04" * 200).encode("ascii")
    assert "binary" in _refusal(_write(tmp_path, data))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"")
    os.truncate(path, MAX_ARTICLE_BYTES + 1)  # sparse: no 50 MB actually written
    message = _refusal(path)
    assert "too large" in message
    assert f"the limit is {MAX_ARTICLE_BYTES / 2**20:.0f} MB" in message


def test_a_file_exactly_at_the_limit_is_not_refused_for_size(tmp_path: Path) -> None:
    path = _write(tmp_path, b"Title\n\nBody text.\n")
    assert read_text(path, max_bytes=path.stat().st_size).text == "Title\n\nBody text.\n"
    with pytest.raises(InputError, match="too large"):
        read_text(path, max_bytes=path.stat().st_size - 1)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "no such file" in _refusal(tmp_path / "gone.txt")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    assert "is a folder" in _refusal(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, b"secret article\n")
    path.chmod(0)
    try:
        assert "permission denied" in _refusal(path)
    finally:
        path.chmod(0o600)


def test_a_few_stray_control_characters_are_still_text() -> None:
    """A vertical tab or NUL pasted from another program is kept; the export drops it with a warning."""
    decoded = decode_bytes(b"Title Line\nText with \x0b a tab and \x00 a nul.\n", "short.txt")
    assert "\x0b" in decoded.text and "\x00" in decoded.text


def test_control_character_soup_without_nuls_is_binary() -> None:
    data = bytes(range(1, 32)) * 40 + b"some words"
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "soup.txt")


# --- only regular files, and reads bounded by what was read --------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["article.txt", "notes.briefing"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path, name: str) -> None:
    """Opening a FIFO blocks until something writes to it; the refusal must come first."""
    from briefing.documents import open_document
    from briefing.errors import BriefingError

    pipe = tmp_path / name
    os.mkfifo(pipe)
    with pytest.raises(BriefingError) as info:
        open_document(pipe)
    assert "named pipe" in str(info.value) and str(pipe) in str(info.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_and_a_link_to_it_are_refused(tmp_path: Path) -> None:
    """/dev/zero reports size 0 and never ends: it must be refused, not read until memory runs out."""
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    for path in (Path("/dev/zero"), link):
        assert "a device" in _refusal(path)


def test_the_limit_holds_on_the_bytes_read(tmp_path: Path) -> None:
    from briefing.textfile import read_regular_file

    path = _write(tmp_path, b"x" * 2000)
    assert read_regular_file(path, 2000, InputError) == b"x" * 2000
    with pytest.raises(InputError, match="too large"):
        read_regular_file(path, 1999, InputError)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_file_that_reports_no_size_is_read_whole_and_still_limited() -> None:
    # Reads ask for the size a file reports, and read on when it gives more: a file in /proc says it
    # is empty and is not.
    from briefing.textfile import read_regular_file

    assert os.stat("/proc/self/status").st_size == 0
    data = read_regular_file(Path("/proc/self/status"), MAX_ARTICLE_BYTES, InputError)
    assert data.startswith(b"Name:") and b"\nPid:" in data
    with pytest.raises(InputError, match="too large"):
        read_regular_file(Path("/proc/self/status"), 10, InputError)


# --- encodings: what is proved is not guessed (the guess itself: test_encodings.py) ----------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(b"Plain English only.\n", id="ascii"),
    ],
)
def test_an_encoding_the_bytes_prove_carries_no_doubt(data: bytes) -> None:
    assert decode_bytes(data, "article.txt").doubt is None


def test_8_bit_noise_is_refused_before_any_guessing() -> None:
    """Control bytes mean the same in every 8-bit encoding, so binary data is refused before the guess
    (which would otherwise score every candidate on it)."""
    import time

    data = bytes(b for b in random.Random(7).randbytes(200_000) if b) * 20  # 4 MB, no NUL
    started = time.perf_counter()
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "noise.txt")
    assert time.perf_counter() - started < 5

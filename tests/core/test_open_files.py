"""One way to open a file: every command opens web pages, Word documents and PDFs through
:func:`briefing.documents.open_with_source`, reads each file once, and reports a bad file in one line
with exit code 2."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import briefing.importing as importing
from briefing.cli import main
from briefing.documents import open_with_source
from briefing.importing import ARTICLE_SUFFIXES

from .test_import_pdf import make_pdf

CHATBOT = "As an AI language model, I cannot verify the figures."


def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Ferry Service Cut</title></head><body><h1>Ferry Service Cut</h1>"
        f"<p>The island ferry will run twice a week from May, the council said.</p><p>{CHATBOT}</p>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def docx_file(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Ferry Service Cut", style="Title")
    d.add_paragraph("The island ferry will run twice a week from May, the council said.")
    d.add_paragraph(CHATBOT)
    path = tmp_path / "memo.docx"
    d.save(str(path))
    return path


def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(
        make_pdf([["Ferry Service Cut", "", "The island ferry will run twice a week from May.", "", CHATBOT]])
    )
    return path


MAKERS = {"html": html_file, "docx": docx_file, "pdf": pdf_file}


def test_the_open_dialogs_offer_every_kind() -> None:
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(ARTICLE_SUFFIXES)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_open_with_source_gives_the_model_and_its_extracted_text(tmp_path, kind: str) -> None:
    briefing, source = open_with_source(MAKERS[kind](tmp_path))
    assert source is not None and CHATBOT in source
    assert "Ferry Service Cut" in source
    assert any(CHATBOT in block.text for _, block in briefing.blocks() if block.kind == "paragraph")


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_check_names_the_line_and_column_in_the_extracted_text(tmp_path, kind: str, capsys) -> None:
    path = MAKERS[kind](tmp_path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if "text.chatbot" in row)
    where = line.removeprefix(f"{path}:").split(":")[:2]
    row, column = int(where[0]), int(where[1])
    assert main(["parse", "--text", str(path)]) == 0
    text = capsys.readouterr().out.split("\n")
    assert text[row - 1][column - 1 :].startswith("As an AI"), (line, text)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_parse_and_convert_take_every_kind(tmp_path, kind: str, capsys) -> None:
    path = MAKERS[kind](tmp_path)
    assert main(["parse", str(path)]) == 0
    assert "Title: Ferry Service Cut" in capsys.readouterr().out
    out = tmp_path / f"{kind}-note.docx"
    assert main(["convert", str(path), "-o", str(out), "--allow-errors"]) == 0
    written = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "twice a week" in written


@pytest.mark.parametrize("command", ["parse", "check", "fix", "convert"])
@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_each_command_reads_the_file_once(tmp_path, monkeypatch, kind: str, command: str) -> None:
    path = MAKERS[kind](tmp_path)
    reads: list[Path] = []
    real_bytes, real_text = importing.read_regular_file, importing.read_text

    def counted_bytes(*args, **kwargs):
        reads.append(args[0])
        return real_bytes(*args, **kwargs)

    def counted_text(*args, **kwargs):
        reads.append(args[0])
        return real_text(*args, **kwargs)

    monkeypatch.setattr(importing, "read_regular_file", counted_bytes)
    monkeypatch.setattr(importing, "read_text", counted_text)
    extra = {"parse": [], "check": [], "fix": ["-o", str(tmp_path / "out.briefing")]}
    args = extra.get(command, ["-o", str(tmp_path / "out.docx"), "--allow-errors"])
    assert main([command, str(path), *args]) in (0, 1)
    assert reads == [path]


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "memo.docx": (b"PK\x03\x04" + bytes(200), "is a damaged Word document"),
        "locked.pdf": (make_pdf([["Secret."]], encrypt=True), "is an encrypted PDF"),
        "scan.pdf": (make_pdf([[]]), "is a PDF with no text layer"),
        "page.html": (bytes(range(256)) * 20, "looks like a binary file"),
        "empty.html": (b"", "is empty"),
        "empty.docx": (b"", "is empty"),
        "empty.pdf": (b"", "is empty"),
    }
    made = {}
    for name, (data, problem) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        made[name] = (path, problem)
    return made


@pytest.mark.parametrize("command", ["parse", "check", "convert"])
def test_bad_files_get_one_line_naming_the_file_and_exit_2(tmp_path, capsys, command: str) -> None:
    for path, problem in bad_files(tmp_path).values():
        args = [command, str(path)] + (["-o", str(tmp_path / "out.docx")] if command == "convert" else [])
        assert main(args) == 2, path
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == f"briefing: {path}: {captured.err.split(': ', 2)[2]}"
        assert captured.err.startswith(f"briefing: {path}: {problem}"), captured.err
        assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert not (tmp_path / "out.docx").exists(), "nothing written"

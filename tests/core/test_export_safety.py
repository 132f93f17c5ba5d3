"""A failed export never leaves half a file and never destroys the previous one; the GUI starts fast."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import ExportError
from briefing.export import ExportOptions, export_docx
from briefing.model import Briefing, Comment, ListBlock, ListItem, Paragraph, Run, Section, Table
from briefing.refs import Ref

from .export_support import body_outline, every_export_checked, sample  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_failed_replace_keeps_the_previous_export_and_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "note.docx"
    export_docx(sample(), target, ExportOptions())
    previous = target.read_bytes()

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    briefing = sample()
    briefing.meta.title = "A different title"
    with pytest.raises(ExportError, match="cannot be written \\(No space left on device\\)") as error:
        export_docx(briefing, target, ExportOptions())
    assert error.value.path == str(target)
    assert target.read_bytes() == previous
    assert leftovers(tmp_path) == []
    assert docx.Document(str(target)).core_properties.title != "A different title"


def test_export_error_while_building_leaves_the_target_untouched(tmp_path):
    target = tmp_path / "note.docx"
    target.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_docx(sample(), target, ExportOptions(template=str(tmp_path / "missing.docx")))
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_missing_folder_and_folder_as_target_are_clear_errors(tmp_path):
    with pytest.raises(ExportError, match="cannot be written") as error:
        export_docx(sample(), tmp_path / "no" / "such" / "note.docx")
    assert error.value.path.endswith("note.docx")
    (tmp_path / "dir.docx").mkdir()
    with pytest.raises(ExportError, match="cannot be written"):
        export_docx(sample(), tmp_path / "dir.docx")
    assert (tmp_path / "dir.docx").is_dir() and leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            export_docx(sample(), folder / "note.docx")
    finally:
        folder.chmod(0o700)


def test_existing_file_permissions_are_kept(tmp_path):
    target = tmp_path / "note.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    export_docx(sample(), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_importing_the_export_package_does_not_load_python_docx():
    code = "import sys, briefing.export; print('docx' in sys.modules, 'lxml.etree' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


_NASTY = st.text(
    alphabet=st.sampled_from(
        ["a", " ", "\x00", "\x0b", "\x1b", "\ufffe", "\ud83d", "\t", "\n", "é", "<", "&", "€"]
    ),
    max_size=20,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_NASTY, text=_NASTY, cell=_NASTY, comment=_NASTY, item=_NASTY)
def test_any_text_exports_and_reopens(title, text, cell, comment, item):
    briefing = Briefing()
    briefing.meta.title = title
    briefing.meta.classification = text
    block = Paragraph("b1", [Run(text, bold=True), Run(cell, href="https://example.org/" + cell)])
    table = Table("t1", [cell, "Header"], [[cell, text], [item]])
    listing = ListBlock("l1", [ListItem(item, term=text, separator="-")])
    briefing.sections = [Section("s1", text, 1, [block, listing, table])]
    briefing.comments = [
        Comment("c1", Ref("s1", "b1", start=0, end=3), comment, author=comment),
        Comment("c2", Ref("s1", "t1", row=0, column=0, start=1, end=4), comment),
    ]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "note.docx"
        result = export_docx(briefing, target)
        outline = body_outline(target)  # python-docx re-opens it: every part is well-formed XML
        assert any(line.startswith("T|3x2|") for line in outline)
        assert len(docx.Document(str(target)).comments) == 2
        bad = sum(title.count(c) + text.count(c) for c in "\x00\x0b\x1b\ufffe\ud83d")
        assert bool(bad) <= bool(result.warnings)

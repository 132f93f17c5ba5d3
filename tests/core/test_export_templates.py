"""The shipped templates, their settings, and users' templates: used when sound, refused clearly when not."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Inches, Twips
from lxml import etree

from briefing.cli import main
from briefing.errors import ExportError
from briefing.export import BUILTIN_TEMPLATES, ExportOptions, export_docx, ooxml, pdf
from briefing.export.templates import (
    CHARACTER_STYLES,
    PARAGRAPH_STYLES,
    TABLE_STYLES,
    TemplateSettings,
    builtin_path,
    load_settings,
    resolve_template,
)
from briefing.model import Briefing

from .export_support import (  # noqa: F401  (every_export_checked is a fixture)
    ROOT,
    SAMPLE,
    assert_sound_package,
    body_outline,
    every_export_checked,
    pandoc_text,
    part_xml,
    sample,
)

pytestmark = pytest.mark.usefixtures("every_export_checked")

TEMPLATES = ROOT / "resources" / "templates"


@pytest.mark.parametrize("name", BUILTIN_TEMPLATES)
def test_every_style_the_exporter_uses_exists_in_the_template_with_its_type(name):
    styles = docx.Document(str(builtin_path(name))).styles
    for names, kind in (
        (PARAGRAPH_STYLES, WD_STYLE_TYPE.PARAGRAPH),
        (CHARACTER_STYLES, WD_STYLE_TYPE.CHARACTER),
        (TABLE_STYLES, WD_STYLE_TYPE.TABLE),
    ):
        for style_name in names:
            assert styles[style_name].type == kind, style_name


@pytest.mark.parametrize("name", BUILTIN_TEMPLATES)
def test_template_typography_page_and_placeholders(name):
    document = docx.Document(str(builtin_path(name)))
    assert document.styles["Normal"].font.size.pt == 11
    assert document.styles["Header"].font.size.pt == document.styles["Footer"].font.size.pt == 10
    section = document.sections[0]
    # The UK submission is on A4, the North American ones on Letter.
    width = Twips(11906) if name == "uk-submission" else Inches(8.5)
    assert (section.page_width, section.left_margin, section.right_margin) == (width, Inches(1), Inches(1))
    assert [p.text for p in section.header.paragraphs] == ["{classification}"]
    assert section.footer.paragraphs[-1].text == "{classification}"
    assert ooxml.field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert document.paragraphs == [] and document.tables == []
    table_style = document.styles["Briefing Table"].element
    first_row = table_style.find(f"{ooxml.w('tblStylePr')}[@{ooxml.w('type')}='firstRow']")
    assert first_row.find(f"{ooxml.w('rPr')}/{ooxml.w('b')}") is not None
    assert first_row.find(f"{ooxml.w('tcPr')}/{ooxml.w('shd')}").get(ooxml.w("fill"))


def test_templates_are_rebuilt_byte_for_byte_by_their_script():
    spec = importlib.util.spec_from_file_location("make_templates", TEMPLATES / "make_templates.py")
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # its dataclasses look their module up
    try:
        spec.loader.exec_module(script)
    finally:
        del sys.modules[spec.name]
    for name, look in script.LOOKS.items():
        assert script.build(name, look) == (TEMPLATES / f"{name}.docx").read_bytes(), (
            f"{name}.docx is stale: run .venv/bin/python resources/templates/make_templates.py"
        )


def test_settings_are_data_beside_each_template():
    note = load_settings(TEMPLATES / "briefing-note.json")
    memo = load_settings(TEMPLATES / "decision-memo.json")
    assert note.decision_line is None and note.purpose == "" and note.signature_line == ""
    assert memo.decision_line is not None and memo.purpose == "decision"
    assert memo.decision_line.text() == "Approve ______\tDisapprove ______\tOther ______"
    assert memo.decision_line.text("boxes") == "\u2610 Approve\t\u2610 Disapprove\t\u2610 Other"
    assert note.headings["corrections"] == "Corrections to the source"
    # every key in the shipped JSON is a known setting (a typo would otherwise be an error at export)
    for name in BUILTIN_TEMPLATES:
        assert set(json.loads((TEMPLATES / f"{name}.json").read_text(encoding="utf-8"))) <= set(
            TemplateSettings.__dataclass_fields__
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"labl": "x"}, "unknown template setting 'labl'"),
        ({"label": 3}, "'label' must be str"),
        ({"headings": {"summary": 1}}, "must map names to text"),
        ({"decision_line": {"style": "ticks"}}, "decision line style must be one of"),
        ({"decision_line": {"choices": []}}, "choices must be a list"),
        ({"decision_line": "Approve"}, "must be null or"),
    ],
)
def test_bad_settings_are_a_clear_error(tmp_path, data, message):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        load_settings(path)


def test_settings_file_damaged_or_missing(tmp_path):
    (tmp_path / "t.json").write_text("{", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot be read"):
        load_settings(tmp_path / "t.json")
    with pytest.raises(ExportError, match="missing"):
        load_settings(tmp_path / "none.json")


def test_default_template_follows_the_purpose():
    assert resolve_template("", "decision").name == "decision-memo"
    assert resolve_template("", "information").name == "briefing-note"


# --- users' templates ---------------------------------------------------------------------------------


def make_user_template(path: Path, header: str = "Department of Examples") -> Path:
    """A user's own .docx: A4, narrow margins, its own header and footer text, a body to be replaced."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    section.left_margin = section.right_margin = Inches(0.75)
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "Footer of the department"
    document.add_paragraph("OLD BODY TEXT that must not survive")
    document.add_table(rows=2, cols=2)
    document.styles["Normal"].font.name = "Caladea"
    document.save(str(path))
    return path


def test_user_template_keeps_its_look_and_gets_banner_page_numbers_and_missing_styles(tmp_path):
    template = make_user_template(tmp_path / "dept.docx")
    out = tmp_path / "out.docx"
    result = export_docx(sample(), out, ExportOptions(template=str(template), classification="SECRET"))
    assert result.template == str(template)
    assert any("copied from the built-in template" in w and "Banner" in w for w in result.warnings)
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.left_margin == Inches(0.75) and section.page_width == Twips(11906)
    assert [p.text for p in section.header.paragraphs] == ["SECRET", "Department of Examples"]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == "Footer of the department" and footer[-1] == "SECRET"
    assert footer[1].startswith("Page ") and " of " in footer[1]
    assert ooxml.field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert document.styles["Normal"].font.name == "Caladea"  # the user's styles win…
    assert document.styles["Table Text"].font.name is None  # …and copied styles inherit the user's font
    assert document.styles["Header Block End"].base_style.name == "Header Block"
    outline = body_outline(out)
    assert not any("OLD BODY" in line for line in outline)
    assert "P|Title|Briefing Note" in outline
    assert sum(line.startswith("T|") for line in outline) == 3


def test_user_template_placeholder_is_filled_instead_of_adding_a_banner(tmp_path):
    template = make_user_template(tmp_path / "dept.docx", header="{classification} — Department of Examples")
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions(template=str(template)))
    header = docx.Document(str(out)).sections[0].header
    assert [p.text for p in header.paragraphs] == ["UNCLASSIFIED — Department of Examples"]


def test_user_template_settings_json_beside_it_are_used(tmp_path):
    template = make_user_template(tmp_path / "dept.docx")
    (tmp_path / "dept.json").write_text(
        json.dumps({"label": "Ministerial Note", "purpose": "decision"}), "utf-8"
    )
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions(template=str(template)))
    outline = body_outline(out)
    assert outline[:2] == ["P|Title|Ministerial Note", "P|Subtitle|For decision"]


def test_a_word_dotx_template_is_accepted(tmp_path):
    dotx = tmp_path / "dept.dotx"
    with (
        zipfile.ZipFile(make_user_template(tmp_path / "dept.docx")) as source,
        zipfile.ZipFile(dotx, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, data)
    export_docx(Briefing(), tmp_path / "out.docx", ExportOptions(template=str(dotx)))
    assert "P|Title|Briefing Note" in body_outline(tmp_path / "out.docx")


def _rezip(source: Path, target: Path, replace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
    return target


def bad_templates(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = builtin_path("briefing-note")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))  # 8 MB of zeros in ~8 KB
    (tmp_path / "text.docx").write_text("not a zip", encoding="utf-8")
    (tmp_path / "folder.docx").mkdir()
    with zipfile.ZipFile(tmp_path / "nodoc.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;</x>'
    )
    return {
        "missing": (tmp_path / "none.docx", "template not found"),
        "folder": (tmp_path / "folder.docx", "not a file"),
        "not a zip": (tmp_path / "text.docx", "not a zip archive"),
        "no document part": (tmp_path / "nodoc.docx", "no word/document.xml"),
        "zip bomb": (bomb, "zip bomb"),
        "broken XML": (
            _rezip(good, tmp_path / "badxml.docx", {"word/document.xml": b"<w:document><oops"}),
            "bad XML",
        ),
        "entity expansion": (
            _rezip(good, tmp_path / "laughs.docx", {"word/styles.xml": laughs}),
            "word/styles.xml declares a DOCTYPE",
        ),
        "missing styles part": (
            _rezip(good, tmp_path / "nostyles.docx", {"word/styles.xml": None}),
            "damaged",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "folder",
        "not a zip",
        "no document part",
        "zip bomb",
        "broken XML",
        "entity expansion",
        "missing styles part",
    ],
)
def test_bad_user_template_is_a_clear_error_and_the_old_export_survives(tmp_path, case):
    path, message = bad_templates(tmp_path)[case]
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous export")
    with pytest.raises(ExportError, match=message) as error:
        export_docx(sample(), out, ExportOptions(template=str(path)))
    assert error.value.path == str(path)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_template_header_part_is_well_formed(tmp_path):
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions())
    header = part_xml(out, "word/header1.xml")
    assert ooxml.texts([header]) == ["UNCLASSIFIED"]


# --- templates saved by other programs -----------------------------------------------------------------


def _word_template(folder: Path) -> Path:
    """python-docx's default document, which Word saved (style names in Word's case: "heading 1")."""
    path = folder / "word.docx"
    docx.Document().save(str(path))
    return path


def _libreoffice_template(folder: Path) -> Path:
    soffice = pdf.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = folder / "lo.html"
    source.write_text("<html><body><h1>Department heading</h1><p>Body text.</p></body></html>", "utf-8")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    return folder / "lo.docx"


def _pandoc_template(folder: Path) -> Path:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    path = folder / "pandoc.docx"
    subprocess.run(
        [pandoc, "-o", str(path), "--print-default-data-file", "reference.docx"], timeout=60, check=True
    )
    return path


def _shouting_template(folder: Path) -> Path:
    """pandoc's template with every style name in capitals ("HEADING 1"): names match in any case."""
    path = _pandoc_template(folder)
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    shouting = folder / "shouting.docx"
    with zipfile.ZipFile(shouting, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "word/styles.xml":
                data = re.sub(rb'(<w:name w:val=")([^"]*)', lambda m: m.group(1) + m.group(2).upper(), data)
            archive.writestr(info, data)
    return shouting


@pytest.mark.parametrize(
    "make",
    [_word_template, _libreoffice_template, _pandoc_template, _shouting_template],
    ids=lambda f: f.__name__,
)
def test_templates_saved_by_word_libreoffice_and_pandoc_convert(tmp_path, make, capsys):
    template = make(tmp_path)
    out = tmp_path / "note.docx"
    code = main(["convert", str(SAMPLE), "-o", str(out), "--allow-errors", "--template", str(template)])
    assert code == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err
    assert_sound_package(out)  # one member per name: LibreOffice's template once gave two core.xml
    assert "Implications for US Diplomacy" in pandoc_text(out)
    styles = part_xml(out, "word/styles.xml")
    ids = [s.get(ooxml.w("styleId")) for s in styles.iter(ooxml.w("style"))]
    assert len(ids) == len(set(ids))
    headings = [line for line in body_outline(out) if "Implications for US Diplomacy" in line]
    # the template's own style, one level down under the note's Background
    assert headings and headings[0].split("|")[1].casefold() == "heading 2"
    assert any(line.split("|")[1].casefold() == "heading 1" for line in body_outline(out))
    links = {s.get(ooxml.w("val")) for s in styles.iter(ooxml.w("link"), ooxml.w("basedOn"))}
    assert links <= set(ids)  # no style points at one that is not there
    # pandoc writes "qFormat" after "pPr" and "bCs" after "i": Word repairs that, so it is put in order
    for parent, order in [(s, ooxml.STYLE_ORDER) for s in styles.iter(ooxml.w("style"))] + [
        (r, ooxml.RPR_ORDER) for r in styles.iter(ooxml.w("rPr"))
    ]:
        ranks = [order.index(etree.QName(c).localname) for c in parent if etree.QName(c).localname in order]
        assert ranks == sorted(ranks), etree.QName(parent).localname
    settings = part_xml(out, "word/settings.xml")
    names = [etree.QName(c).localname for c in settings]
    ranks = [ooxml.SETTINGS_ORDER.index(n) for n in names if n in ooxml.SETTINGS_ORDER]
    assert ranks == sorted(ranks)

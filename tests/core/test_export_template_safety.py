"""Hostile and foreign templates: entities, oversized XML, deep settings and other tools' style names are
refused or handled in one clear line, and whatever is exported opens in python-docx and LibreOffice."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from briefing.cli import main
from briefing.errors import ExportError
from briefing.export import ExportOptions, export_docx, export_pdf, pdf
from briefing.export.templates import MAX_XML_PART_BYTES, builtin_path

from .export_support import DATE, SAMPLE, body_outline, every_export_checked, sample  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are not installed; CI installs them",
)
GOOD = builtin_path("briefing-note")


def rezip(target: Path, replace: dict[str, bytes], stored: bool = False, source: Path = GOOD) -> Path:
    """A copy of a template with some members replaced or added."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, None) or src.read(info))
        for name, data in replace.items():
            dst.writestr(name, data)
    return target


def member(name: str, source: Path = GOOD) -> bytes:
    with zipfile.ZipFile(source) as archive:
        return archive.read(name)


def with_entity(xml: bytes, root: bytes) -> bytes:
    """The part with an internal entity declared and used, as the issue's template had."""
    declaration, _, rest = xml.partition(b"?>")
    rest = rest.replace(b'<w:name w:val="Title"/>', b'<w:name w:val="Title"/><w:aliases w:val="&co;"/>', 1)
    if b"&co;" not in rest:
        rest = rest.replace(b"</" + root + b">", b"<!-- &co; --></" + root + b">")
    return declaration + b"?><!DOCTYPE " + root + b' [<!ENTITY co "Ministry">]>' + rest


def refused(template: Path, tmp_path: Path, message: str, named: Path | None = None) -> str:
    """Export with the template: one ExportError naming the file (the template unless ``named``) and
    the problem; the old export is kept."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous export")
    with pytest.raises(ExportError, match=message) as error:
        export_docx(sample(), out, ExportOptions(template=str(template)))
    assert error.value.path == str(named or template)
    assert out.read_bytes() == b"previous export"
    text = str(error.value)
    assert "\n" not in text
    return text


def test_a_template_whose_styles_use_an_internal_entity_is_refused_in_one_line(tmp_path, capsys):
    template = rezip(
        tmp_path / "entity.docx", {"word/styles.xml": with_entity(member("word/styles.xml"), b"w:styles")}
    )
    refused(template, tmp_path, r"template part word/styles\.xml declares a DOCTYPE \(entities\)")
    code = main(["convert", str(SAMPLE), "--template", str(template), "-o", str(tmp_path / "cli.docx")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "DOCTYPE" in err and "Traceback" not in err
    assert not (tmp_path / "cli.docx").exists()


@pytest.mark.parametrize(
    "name, root",
    [
        ("word/document.xml", b"w:document"),
        ("[Content_Types].xml", b"Types"),
        ("word/theme/theme1.xml", b"a:theme"),  # passed through by python-docx as bytes
        ("docProps/app.xml", b"Properties"),
        ("word/_rels/document.xml.rels", b"Relationships"),
    ],
)
def test_a_doctype_in_any_xml_part_is_refused(tmp_path, name, root):
    template = rezip(tmp_path / "t.docx", {name: with_entity(member(name), root)})
    refused(template, tmp_path, re.escape(f"template part {name} declares a DOCTYPE"))


def test_a_doctype_in_utf16_or_in_a_part_named_otherwise_is_refused(tmp_path):
    styles = with_entity(member("word/styles.xml"), b"w:styles").decode("utf-8")
    utf16 = styles.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    refused(
        rezip(tmp_path / "u.docx", {"word/styles.xml": utf16}), tmp_path, "word/styles.xml declares a DOCTYPE"
    )
    # a part the content types call XML, whatever its name
    types = member("[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/word/extra.bin" ContentType="application/x-thing+xml"/></Types>'
    )
    odd = rezip(tmp_path / "odd.docx", {"[Content_Types].xml": types, "word/extra.bin": styles.encode()})
    refused(odd, tmp_path, "word/extra.bin declares a DOCTYPE")


def test_a_template_with_character_references_exports_a_document_that_opens(tmp_path):
    """Predefined and numeric references are plain XML, not entities: such a template is used."""
    styles = member("word/styles.xml").replace(
        b'<w:name w:val="Title"/>', b'<w:name w:val="Title"/><w:aliases w:val="R&amp;D &#x4D;inistry"/>', 1
    )
    assert b"&#x4D;" in styles
    template = rezip(tmp_path / "refs.docx", {"word/styles.xml": styles})
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions(template=str(template), date=DATE))
    document = docx.Document(str(out))
    assert (
        document.styles["Title"]
        .element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}aliases")
        .get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
        == "R&D Ministry"
    )
    assert "P|Title|Briefing Note" in body_outline(out)


@needs_libreoffice
def test_what_a_user_template_exports_opens_in_libreoffice(tmp_path):
    styles = member("word/styles.xml").replace(
        b'<w:name w:val="Title"/>', b'<w:name w:val="Title"/><w:aliases w:val="R&amp;D &#x4D;inistry"/>', 1
    )
    template = rezip(tmp_path / "refs.docx", {"word/styles.xml": styles})
    text = _rendered_text(tmp_path, template)
    assert "Hwasong-12" in text and "Subject:" in text


# --- size -----------------------------------------------------------------------------------------


def filler(size: int) -> bytes:
    """XML comments of ordinary text, about ``size`` bytes: compresses like real XML would not."""
    chunk = b"<!--" + os.urandom(300_000).hex().encode() + b"-->"
    return chunk * (size // len(chunk) + 1)


def test_a_template_with_an_oversized_xml_part_is_refused_quickly(tmp_path):
    """A styles part of 190 MB took 20 s and 4 GB; a part over the limit is refused before it is read."""
    styles = member("word/styles.xml").replace(
        b"</w:styles>", filler(MAX_XML_PART_BYTES + 1) + b"</w:styles>"
    )
    template = rezip(tmp_path / "big.docx", {"word/styles.xml": styles}, stored=True)
    started = time.monotonic()
    text = refused(template, tmp_path, r"template part word/styles\.xml unpacks to 16\.\d MB of XML")
    assert time.monotonic() - started < 5  # it is refused from the zip's directory, not parsed
    assert "limit 16 MB" in text


def test_a_template_with_too_much_xml_in_all_is_refused(tmp_path):
    part = b"<?xml version='1.0'?><x>" + filler(11 * 2**20) + b"</x>"
    template = rezip(
        tmp_path / "many.docx",
        {"customXml/item7.xml": part, "customXml/item8.xml": part, "customXml/item9.xml": part},
        stored=True,
    )
    refused(template, tmp_path, "template holds over 32 MB of XML")


def test_a_template_unpacking_to_over_100_mb_is_refused(tmp_path):
    # each part small enough to pass the ratio check, 101 MB in all
    zeros = {f"word/media/image{n}.png": b"\0" * 2**20 for n in range(101)}
    template = rezip(tmp_path / "huge.docx", zeros)
    refused(template, tmp_path, "template unpacks to over 100 MB")


# --- settings -------------------------------------------------------------------------------------


def test_template_settings_nested_100000_deep_are_one_clear_line(tmp_path, capsys):
    template = rezip(tmp_path / "deep.docx", {})
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    refused(template, tmp_path, "template settings are nested far too deeply", tmp_path / "deep.json")
    code = main(["convert", str(SAMPLE), "--template", str(template), "-o", str(tmp_path / "cli.docx")])
    err = capsys.readouterr().err
    assert code == 2 and "nested far too deeply" in err and "Traceback" not in err


def test_template_settings_nested_a_few_hundred_deep_are_refused_not_a_traceback(tmp_path):
    template = rezip(tmp_path / "deep.docx", {})
    (tmp_path / "deep.json").write_text(
        json.dumps({"label": "x"})[:-1] + ', "headings": ' + "[" * 900 + "]" * 900 + "}"
    )
    with pytest.raises(ExportError) as error:
        export_docx(sample(), tmp_path / "out.docx", ExportOptions(template=str(template)))
    assert "\n" not in str(error.value)


def test_template_settings_that_are_a_fifo_or_too_large_are_refused(tmp_path):
    template = rezip(tmp_path / "t.docx", {})
    (tmp_path / "t.json").write_text(json.dumps({"label": "x" * (2 * 2**20)}), encoding="utf-8")
    refused(template, tmp_path, "too large", tmp_path / "t.json")
    (tmp_path / "t.json").unlink()
    os.mkfifo(tmp_path / "t.json")
    started = time.monotonic()
    refused(template, tmp_path, "not a regular file", tmp_path / "t.json")
    assert time.monotonic() - started < 5


# --- other tools' templates -----------------------------------------------------------------------


def capitalised(tmp_path: Path) -> Path:
    """The shipped template with Word's lower-case built-in names written as other tools write them."""
    styles = member("word/styles.xml")
    for name in (b"heading 1", b"heading 2", b"heading 3", b"caption", b"header", b"footer", b"title"):
        styles = styles.replace(b'w:val="' + name + b'"', b'w:val="' + name.title() + b'"')
    assert b'w:val="Heading 1"' in styles
    return rezip(tmp_path / "caps.docx", {"word/styles.xml": styles})


def test_style_names_in_another_case_are_found_not_copied(tmp_path):
    out = tmp_path / "out.docx"
    result = export_docx(sample(), out, ExportOptions(template=str(capitalised(tmp_path)), date=DATE))
    assert not any("lacks" in w for w in result.warnings)
    document = docx.Document(str(out))
    ids = [s.style_id for s in document.styles]
    assert len(ids) == len(set(ids))
    headings = {p.style.style_id for p in document.paragraphs if p.text == "Summary"}
    assert headings == {"Heading1"}


def test_a_copied_style_whose_id_the_template_uses_otherwise_gets_its_own_id(tmp_path):
    """A template whose ``Caption`` id is a character style: the paragraph style is copied under a new
    id, and the captions use it."""
    styles = member("word/styles.xml")
    start = styles.index(b'<w:style w:type="paragraph" w:styleId="Caption"')
    end = styles.index(b"</w:style>", start) + len(b"</w:style>")
    character = b'<w:style w:type="character" w:styleId="Caption"><w:name w:val="Caption"/></w:style>'
    template = rezip(tmp_path / "c.docx", {"word/styles.xml": styles[:start] + character + styles[end:]})
    out = tmp_path / "out.docx"
    result = export_docx(sample(), out, ExportOptions(template=str(template), date=DATE))
    assert any("lacks 1 style the export uses (Caption)" in w for w in result.warnings)
    document = docx.Document(str(out))
    captions = [p for p in document.paragraphs if p.text.startswith("Table 1")]
    assert captions and captions[0].style.style_id == "Caption2" and captions[0].style.type == 1


@pytest.fixture
def pandoc_reference(tmp_path: Path) -> Path:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    path = tmp_path / "pandoc-reference.docx"
    data = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    ).stdout
    path.write_bytes(data)
    return path


def test_a_template_made_by_pandoc_is_used(tmp_path, pandoc_reference, capsys):
    out = tmp_path / "out.docx"
    args = ["convert", str(SAMPLE), "--template", str(pandoc_reference), "-o", str(out), "--allow-errors"]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    document = docx.Document(str(out))
    summary = next(p for p in document.paragraphs if p.text == "Summary")
    assert summary.style.style_id == "Heading1"  # pandoc's own heading, not a copy
    assert "The template lacks" in err  # the briefing's own styles were copied in, and the user told
    assert len({s.style_id for s in document.styles}) == len(document.styles)


@needs_libreoffice
def test_what_a_pandoc_template_exports_opens_in_libreoffice(tmp_path, pandoc_reference):
    text = _rendered_text(tmp_path, pandoc_reference)
    assert "Hwasong-12" in text and "Summary" in text


# --- parts python-docx trusts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, old, new",
    [
        ("word/document.xml", b'<w:headerReference w:type="default" r:id="rId9"/>',
         b'<w:headerReference w:type="default" r:id="rId99"/>'),  # a header that is not there
        ("word/document.xml", b'w:right="1440"', b'w:right=""'),  # a margin that is not a number
        ("word/_rels/document.xml.rels", b'Id="rId10"', b'Id="rId11"'),  # the footer's link renamed
        ("word/_rels/document.xml.rels", b'Target="styles.xml"', b'Target="settings.xml"'),
    ],
)  # fmt: skip
def test_a_template_whose_parts_python_docx_cannot_follow_is_one_clear_line(tmp_path, name, old, new):
    data = member(name)
    assert old in data
    template = rezip(tmp_path / "t.docx", {name: data.replace(old, new, 1)})
    refused(template, tmp_path, "template is (damaged|not a usable)")


MUTATIONS = ["x", "-1", "0", "99999999999999999999", "", "1.5", "rId999", "../../etc/passwd"]


@given(st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_damage_to_a_template_is_an_export_or_one_clear_line(tmp_path, data):
    """Random attribute values and removed elements in the template's parts: the export either works
    (and opens) or is refused with an ExportError, never another exception."""
    names = [n for n in zipfile.ZipFile(GOOD).namelist() if n.endswith((".xml", ".rels"))]
    name = data.draw(st.sampled_from(names))
    root = etree.fromstring(member(name))
    nodes = [n for n in root.iter() if isinstance(n.tag, str)]
    for _ in range(data.draw(st.integers(1, 4))):
        node = data.draw(st.sampled_from(nodes))
        if node.attrib and data.draw(st.booleans()):
            node.set(data.draw(st.sampled_from(sorted(node.attrib))), data.draw(st.sampled_from(MUTATIONS)))
        elif node.getparent() is not None:
            node.getparent().remove(node)
            nodes = [n for n in root.iter() if isinstance(n.tag, str)]
    template = rezip(
        tmp_path / "fuzz.docx", {name: etree.tostring(root, xml_declaration=True, encoding="UTF-8")}
    )
    out = tmp_path / "fuzz-out.docx"
    try:
        export_docx(sample(), out, ExportOptions(template=str(template), date=DATE))
    except ExportError as error:
        assert "\n" not in str(error)
    else:
        docx.Document(str(out))


def test_a_template_whose_core_properties_link_is_damaged_exports_one_member_per_name(tmp_path):
    """python-docx makes new core properties under the name the unlinked old part still has."""
    rels = member("_rels/.rels")
    core = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    assert core in rels
    template = rezip(tmp_path / "t.docx", {"_rels/.rels": rels.replace(core, b"x")})
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions(template=str(template), date=DATE))
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == len(set(names)) and "docProps/core2.xml" in names
    assert docx.Document(str(out)).core_properties.author == "Jane Analyst, Policy Analysis Division"


def _rendered_text(tmp_path: Path, template: Path) -> str:
    """The text LibreOffice renders from the sample exported with ``template``."""
    out = tmp_path / "out.docx"
    export_docx(sample(), out, ExportOptions(template=str(template), date=DATE))
    export_pdf(out, tmp_path / "out.pdf")
    return subprocess.run(
        ["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True
    ).stdout

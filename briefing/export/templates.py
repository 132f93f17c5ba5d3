"""Which template an export uses, its settings, and the safety checks a user's .docx must pass.

A template is a .docx (styles, page setup, header and footer) plus a small JSON file of settings beside it
(labels, section names, decision-line wording), so a department can change wording without touching code.
Nothing here imports python-docx: a broken or hostile file is refused before python-docx reads it.
"""

from __future__ import annotations

import copy
import json
import os
import zipfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from lxml import etree

from ..bundle import resource_path
from ..errors import ExportError
from ..model import PLACEMENTS
from ..textfile import read_regular_file
from .options import BUILTIN_TEMPLATES, DECISION_LINE_STYLES

#: Paragraph styles the exporter applies, by name. A template lacking one gets it copied in from the
#: shipped template, because python-docx would otherwise fail or Word would silently use Normal.
PARAGRAPH_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "Caption",
    "Header",
    "Footer",
    "Banner",
    "Header Block",
    "Header Block End",
    "Table Text",
    "Table Heading",
    "Recommendation Details",
    "Decision Line",
    "Prepared By",
    "Appendix Note",
)
CHARACTER_STYLES = ("Hyperlink",)
TABLE_STYLES = ("Briefing Table",)
STYLE_NAMES = PARAGRAPH_STYLES + CHARACTER_STYLES + TABLE_STYLES
#: Each style's ``w:type``: a template's style of that name but another type does not count.
STYLE_TYPES = {
    **dict.fromkeys(PARAGRAPH_STYLES, "paragraph"),
    **dict.fromkeys(CHARACTER_STYLES, "character"),
    **dict.fromkeys(TABLE_STYLES, "table"),
}

#: Limits for a user's .docx, checked before anything parses it (a 1 MB zip bomb can take 4 GB).
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200
#: Real templates hold well under a few MB of XML (Word's own styles part is about 0.5 MB); parsing
#: XML costs some ten times its size in memory, so more than this is refused before it is parsed.
MAX_XML_PART_BYTES = 16 * 1024 * 1024
MAX_XML_BYTES = 32 * 1024 * 1024
#: A template's settings file is a page of JSON.
MAX_SETTINGS_BYTES = 1024 * 1024
#: Placeholders a template's header and footer may carry; the exporter fills them in.
PLACEHOLDERS = ("{classification}", "{title}", "{purpose}", "{date}")


@dataclass
class DecisionLine:
    """The line a decision maker marks under each recommendation."""

    style: str = "lines"
    choices: list[str] = field(default_factory=lambda: ["Approve", "Disapprove", "Other"])

    def text(self, style: str | None = None) -> str:
        """``Approve ______<tab>Disapprove ______…`` or ``☐ Approve<tab>☐ Disapprove…``."""
        if (style or self.style) == "boxes":
            return "\t".join(f"\u2610 {choice}" for choice in self.choices)
        return "\t".join(f"{choice} ______" for choice in self.choices)


#: What a note section may take besides article sections: the source line (publisher, address, date).
SOURCES = "sources"


@dataclass
class NoteSection:
    """One part of the note, in the template's order: its heading and what is printed under it.

    ``takes`` names the placements (:data:`briefing.model.PLACEMENTS`) whose article sections go here, and
    so where the summary (``summary``), the register (``recommendations``) and the source line
    (``sources``) are printed. An ``annex`` comes after the body and does not count to the page limit.
    """

    heading: str
    takes: list[str] = field(default_factory=list)
    annex: bool = False


@dataclass
class TemplateSettings:
    """The wording a template prints; loaded from ``<template>.json``."""

    label: str = "Briefing Note"
    #: The purpose the template is for ("decision" for a memo); empty: the briefing's own purpose.
    purpose: str = ""
    purpose_marks: dict[str, str] = field(
        default_factory=lambda: {"information": "For information", "decision": "For decision"}
    )
    header_block: dict[str, str] = field(
        default_factory=lambda: {
            "for": "To",
            "from": "From",
            "date": "Date",
            "file_number": "File number",
            "subject": "Subject",
            "decision_by": "Decision by",
        }
    )
    headings: dict[str, str] = field(
        default_factory=lambda: {
            "summary": "Summary",
            #: In place of an article section headed by the title itself (the title is never repeated).
            "background": "Background",
            "recommendations": "Recommendations",
            "sources": "Sources",
            "prepared_by": "Prepared by",
            "corrections": "Corrections to the source",
        }
    )
    #: ``None``: recommendations carry no decision line (a note for information).
    decision_line: DecisionLine | None = None
    recorded_decision: str = "Recorded decision"
    #: A signature and date line after the recommendations (decision memos); empty for none.
    signature_line: str = ""
    #: The sentence that opens the corrections appendix.
    corrections_note: str = (
        "These corrections were made to the source article before this note was written, so that its "
        "facts and figures can be checked against the original."
    )
    #: Footer text added when a user's template has no page number of its own.
    page_label: str = "Page {page} of {pages}"
    #: The most pages the note should run to (0: no limit); the pre-export checklist warns past it.
    page_limit: int = 0
    #: The note's parts in order; empty: Summary, the article's sections, Recommendations, Sources (as
    #: named in ``headings``), which is what a template without this setting has always printed.
    sections: list[NoteSection] = field(default_factory=list)
    #: Where an article section goes when the analyst has not placed it (one of ``PLACEMENTS``).
    article_placement: str = "background"
    #: Printed under each recommendation's decision line in a memo, so that each decision is initialled
    #: on its own; empty for none.
    initials_line: str = ""

    def note_sections(self) -> list[NoteSection]:
        """The parts of the note in order (see :attr:`sections`)."""
        if self.sections:
            return self.sections
        names = self.headings
        return [
            NoteSection(names["summary"], ["summary"]),
            NoteSection(
                names["background"], [p for p in PLACEMENTS if p not in ("", "summary", "recommendations")]
            ),
            NoteSection(names["recommendations"], ["recommendations"]),
            NoteSection(names["sources"], [SOURCES]),
        ]

    @classmethod
    def from_json(cls, data: Any, source: Path) -> TemplateSettings:
        """Settings from parsed JSON; unknown keys and wrong types are a clear error."""
        if not isinstance(data, dict):
            raise ExportError(source, "template settings must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ExportError(source, f"unknown template setting {unknown[0]!r}")
        settings = cls()
        for key, value in data.items():
            default = getattr(settings, key)
            if key == "decision_line":
                settings.decision_line = _decision_line(value, source)
            elif key == "sections":
                settings.sections = _note_sections(value, source)
            elif key == "article_placement" and value not in PLACEMENTS[1:]:
                raise ExportError(source, f"article_placement must be one of {', '.join(PLACEMENTS[1:])}")
            elif key == "article_placement":
                settings.article_placement = value
            elif isinstance(default, dict):
                if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                    raise ExportError(source, f"template setting {key!r} must map names to text")
                default.update(value)
            elif not isinstance(value, type(default)):
                raise ExportError(source, f"template setting {key!r} must be {type(default).__name__}")
            else:
                setattr(settings, key, value)
        return settings


def _note_sections(value: Any, source: Path) -> list[NoteSection]:
    """The ``sections`` setting: a list of ``{"heading", "takes", "annex"}`` objects."""
    if not isinstance(value, list) or not value:
        raise ExportError(source, "template setting 'sections' must be a list of note sections")
    out = []
    allowed = set(PLACEMENTS[1:]) | {SOURCES}
    for number, item in enumerate(value, 1):
        where = f"note section {number}"
        if not isinstance(item, dict) or set(item) - {"heading", "takes", "annex"}:
            raise ExportError(source, f"{where} must be an object with heading, takes and annex")
        heading, takes, annex = item.get("heading"), item.get("takes", []), item.get("annex", False)
        if not isinstance(heading, str) or not heading.strip():
            raise ExportError(source, f"{where} needs a heading")
        if not isinstance(takes, list) or not all(isinstance(t, str) and t in allowed for t in takes):
            raise ExportError(source, f"{where}: 'takes' lists placements ({', '.join(sorted(allowed))})")
        if not isinstance(annex, bool):
            raise ExportError(source, f"{where}: 'annex' must be true or false")
        out.append(NoteSection(heading, list(takes), annex))
    if not any("recommendations" in part.takes for part in out):
        raise ExportError(source, "no note section takes the recommendations (add it to one's 'takes')")
    return out


def _decision_line(value: Any, source: Path) -> DecisionLine | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"style", "choices"}:
        raise ExportError(source, "template setting 'decision_line' must be null or {style, choices}")
    line = DecisionLine()
    style = value.get("style", line.style)
    if style not in DECISION_LINE_STYLES:
        raise ExportError(source, f"decision line style must be one of {', '.join(DECISION_LINE_STYLES)}")
    choices = value.get("choices", line.choices)
    if not isinstance(choices, list) or not choices or not all(isinstance(c, str) for c in choices):
        raise ExportError(source, "decision line choices must be a list of words")
    return DecisionLine(style, list(choices))


@dataclass
class ResolvedTemplate:
    """A template ready to use: where its .docx is, what it is called, and its settings."""

    name: str
    docx: Path
    settings: TemplateSettings
    builtin: bool


def builtin_path(name: str) -> Path:
    """The shipped .docx of a built-in template."""
    return resource_path("templates", f"{name}.docx")


def resolve_template(template: str, purpose: str) -> ResolvedTemplate:
    """Find the template an export asked for (a built-in name, a path, or empty for the purpose's default).

    A user's .docx takes its settings from a JSON file of the same name beside it when there is one,
    else from the built-in template for the briefing's purpose.
    """
    default_name = "decision-memo" if purpose == "decision" else "briefing-note"
    name = template or default_name
    if name in BUILTIN_TEMPLATES:
        path = builtin_path(name)
        return ResolvedTemplate(name, path, load_settings(path.with_suffix(".json")), builtin=True)
    path = Path(name).expanduser()
    check_user_template(path)
    beside = path.with_suffix(".json")
    fallback = builtin_path(default_name).with_suffix(".json")
    # a settings file beside the template that is not a regular file is refused, not passed over
    settings = load_settings(beside if os.path.lexists(beside) else fallback)
    return ResolvedTemplate(str(path), path, settings, builtin=False)


def load_settings(path: Path) -> TemplateSettings:
    """Read a template's settings file; a missing or damaged one is an :class:`ExportError`."""
    if not os.path.lexists(path):
        raise ExportError(path, "template settings file is missing")
    raw = read_regular_file(path, MAX_SETTINGS_BYTES, ExportError, "be template settings")
    try:
        data = json.loads(raw.decode("utf-8"))
        data = copy.deepcopy(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(path, f"template settings cannot be read ({exc})") from None
    except RecursionError:
        raise ExportError(path, "template settings are nested far too deeply to be settings") from None
    return TemplateSettings.from_json(data, path)


def check_user_template(path: Path) -> None:
    """Refuse a user's template that is missing, not a .docx, or a zip bomb, before anything parses it."""
    if not path.exists():
        raise ExportError(path, "template not found")
    if not path.is_file():
        raise ExportError(path, "template is not a file")
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise ExportError(path, f"template is too large ({size // (1024 * 1024)} MB)")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ExportError(path, "template is not a Word .docx file (not a zip archive)") from None
    except OSError as exc:
        raise ExportError(path, f"template cannot be read ({exc.strerror or exc})") from None
    if len(members) > MAX_MEMBERS:
        raise ExportError(path, "template has too many parts to be a Word document")
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ExportError(path, "template is not a Word .docx file (no word/document.xml)")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise ExportError(path, "template unpacks to far more than its size (a zip bomb?); refused")
        if total > MAX_UNPACKED_BYTES:
            raise ExportError(
                path,
                f"template unpacks to over {MAX_UNPACKED_BYTES // 2**20} MB, far more than a template "
                "needs; refused",
            )
    try:
        with zipfile.ZipFile(path) as archive:
            _check_xml_parts(path, archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExportError(path, f"template is damaged ({exc})") from None


def _check_xml_parts(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse XML a template has no business holding, before python-docx reads it: a part too large
    for a template, a part that is not well-formed, or one with a DOCTYPE.

    A DOCTYPE is how entities are declared (``<!ENTITY co "Ministry">`` … ``&co;``); python-docx does
    not expand them and writes the references back without their declarations, so the exported
    document could not be opened. Word never writes one, so refusing it loses nothing.
    """
    by_name = {member.filename: member for member in archive.infolist()}
    types = by_name["[Content_Types].xml"]
    xml_names = _xml_members(types, _read_xml(path, archive, types), by_name)
    total = 0
    for name in xml_names:
        member = by_name[name]
        total += member.file_size
        if total > MAX_XML_BYTES:
            raise ExportError(
                path,
                f"template holds over {MAX_XML_BYTES // 2**20} MB of XML, far more than a template "
                "needs; refused",
            )
        _read_xml(path, archive, member)


def _read_xml(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> etree._ElementTree:
    """One XML part of a template, parsed safely (no entities, no network) and checked."""
    name = member.filename
    if member.file_size > MAX_XML_PART_BYTES:
        raise ExportError(
            path,
            f"template part {name} unpacks to {member.file_size / 2**20:.1f} MB of XML; a template's "
            f"parts are far smaller (limit {MAX_XML_PART_BYTES // 2**20} MB); refused",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        with archive.open(member) as stream:
            data = stream.read(MAX_XML_PART_BYTES + 1)
        if len(data) > MAX_XML_PART_BYTES:
            raise ExportError(path, f"template part {name} is larger than it says; refused")
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        raise ExportError(path, f"template is damaged (bad XML in {name}: {exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ExportError(path, f"template is damaged ({name} cannot be unpacked: {exc})") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ExportError(
            path,
            f"template part {name} declares a DOCTYPE (entities), which Word documents never do; refused",
        )
    return tree


def _xml_members(
    types: zipfile.ZipInfo, content_types: etree._ElementTree, by_name: dict[str, zipfile.ZipInfo]
) -> list[str]:
    """The members that hold XML: by their name, or by the content type the package gives them."""
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    xml_extensions = {"xml", "rels"}
    overrides = set()
    for node in content_types.getroot():
        content_type = (node.get("ContentType") or "").lower()
        if not content_type.endswith("xml"):
            continue
        if node.tag == f"{ns}Default":
            xml_extensions.add((node.get("Extension") or "").lower())
        elif node.tag == f"{ns}Override":
            overrides.add((node.get("PartName") or "").lstrip("/"))
    return [
        name
        for name, member in by_name.items()
        if member is not types
        and not member.is_dir()
        and (name in overrides or name.rpartition(".")[2].lower() in xml_extensions)
    ]

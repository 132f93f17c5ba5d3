"""Helpers for the export tests: build an annotated briefing, and read back what Word would show."""

from __future__ import annotations

import functools
import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefing.export import docx_writer, ooxml, output
from briefing.importing import import_file
from briefing.model import Briefing, Change, Comment, ListBlock, Run, Table
from briefing.refs import HEADER_ROW, Ref

W = ooxml.W_NS
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "nk-missile-tests.txt"
DATE = "12 May 2025"


def sample() -> Briefing:
    """The sample article as imported, with the header block filled in."""
    briefing = import_file(SAMPLE)
    briefing.meta.prepared_by = "Jane Analyst, Policy Analysis Division"
    briefing.meta.prepared_for = "Director General, Asia-Pacific"
    return briefing


def annotated() -> Briefing:
    """The sample with everything an analyst adds: key points, formatting, a link, comments, decisions,
    a change log, and a vertical tab that Word cannot store."""
    briefing = sample()
    meta = briefing.meta
    meta.summary = ["North Korea fired ballistic missiles days before the visit.", "Allies condemned it."]
    meta.source.url = "https://apnews.com/article/north-korea-missile"
    meta.source.date = "5 April 2024"
    meta.decision_by = "20 May 2025"
    meta.classification = "PROTECTED A"
    lede = briefing.sections[0].blocks[0]
    lede.runs = [
        Run("North Korea has once again escalated tensions "),
        Run("on the Korean Peninsula", bold=True),
        Run(" by test-firing\x0b ballistic missiles, as "),
        Run("AP News", italic=True, href="https://apnews.com"),
        Run(" reported."),
    ]
    tables = [block for _, block in briefing.blocks() if isinstance(block, Table)]
    lists = [block for _, block in briefing.blocks() if isinstance(block, ListBlock)]
    section_of = {block.id: section.id for section, block in briefing.blocks()}

    def on(block_id: str, **parts: object) -> Ref:
        return Ref(section_of.get(block_id, ""), block_id, **parts)  # type: ignore[arg-type]

    first_rec = briefing.recommendations[0]
    briefing.comments = [
        # "on the Korean Peninsula" is characters 46–69 of the lede: one bold run, cut out exactly
        Comment(
            "c1",
            on(lede.id, start=46, end=69),
            "Peninsula or Sea of Japan?",
            "Jane Analyst",
            "",
            "2025-05-10T09:30:00",
        ),
        # part of a run: "Korean" inside the bold run
        Comment("c2", on(lede.id, start=53, end=59), "Both Koreas?", "Lee Reviewer", "LR"),
        Comment("c3", on(tables[0].id, row=1, column=3), "Shifted cells.", "Lee Reviewer", "LR"),
        Comment("c4", Ref(block_id=first_rec.id, start=0, end=9), "Costly.", "Lee Reviewer"),
        Comment("c5", on(lists[0].id, item=0, start=0, end=33), "Vague term.", "Lee Reviewer"),
        Comment("c6", on(tables[1].id), "Printed twice.", "Lee Reviewer"),
        Comment(
            "c7", on(tables[0].id, row=HEADER_ROW, column=2, start=0, end=5), "Which range?", "Lee Reviewer"
        ),
        Comment("c8", on(lede.id), "Resolved already.", "Lee Reviewer", resolved=True),
    ]
    annotation = first_rec.annotation
    annotation.decision, annotation.owner, annotation.priority, annotation.due = (
        "Approve", "Defence Policy", "High", "30 June 2025"
    )  # fmt: skip
    annotation.comment = "Fund from the existing envelope."
    briefing.changes = [
        Change("x1", "duplicate-table", on(tables[2].id), "| Priority | Diplomatic Focus |", "", "2025-05-10",
               "Removed the table printed twice"),
        Change("x2", "chatbot-line", on(briefing.sections[1].blocks[-1].id), "If you’d like, I can also help",
               "", "2025-05-10", "Removed a leftover chatbot sentence"),
    ]  # fmt: skip
    return briefing


def body_outline(path: Path) -> list[str]:
    """The body in order: ``P|style|text`` for paragraphs (``L|style|text`` for each further line of
    one), ``T|rows×cols|header cells`` for tables."""
    document = docx.Document(str(path))
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            rows = item.rows
            header = [cell.text for cell in rows[0].cells] if rows else []
            out.append(f"T|{len(rows)}x{len(item.columns)}|{' | '.join(header)}")
        else:
            # A line break starts an ``L|style|text`` line of the same paragraph (blank lines left out).
            first, *more = item.text.split("\n")
            out.append(f"P|{item.style.name}|{first}")
            out += [f"L|{item.style.name}|{line}" for line in more if line]
    return out


def comment_anchors(path: Path) -> dict[int, str]:
    """Each comment id with the text its range covers, walking the body as Word does."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    open_ids: list[int] = []
    texts: dict[int, str] = {}
    for node in root.iter(f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd", f"{{{W}}}t"):
        name = etree.QName(node).localname
        if name == "commentRangeStart":
            comment_id = int(node.get(f"{{{W}}}id"))
            open_ids.append(comment_id)
            texts.setdefault(comment_id, "")
        elif name == "commentRangeEnd":
            open_ids.remove(int(node.get(f"{{{W}}}id")))
        else:
            for comment_id in open_ids:
                texts[comment_id] += node.text or ""
    return texts


def part_xml(path: Path, name: str) -> etree._Element:
    """A part of the package, parsed."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def custom_properties(path: Path) -> dict[str, str]:
    """The custom document properties of a .docx."""
    with zipfile.ZipFile(path) as archive:
        return ooxml.read_custom_properties(archive.read("docProps/custom.xml"))


# --- the package every export writes -----------------------------------------------------------------

#: The zip extra-field id of ZIP64 sizes.
_ZIP64_EXTRA = 0x0001


def package_problems(data: bytes) -> list[str]:
    """What is wrong with a .docx as a zip package: a member name twice (Word refuses the file),
    ZIP64 records in a package under 4 GB (pandoc cannot read them), a member not deflated."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        twice = [name for name, count in Counter(i.filename for i in infos).items() if count > 1]
        if twice:
            problems.append(f"members named twice: {twice}")
        for info in infos:
            start = info.header_offset
            name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
            local = data[start + 30 + name_length : start + 30 + name_length + extra_length]
            if _has_zip64(info.extra) or _has_zip64(local):
                problems.append(f"{info.filename} has ZIP64 records")
            if info.compress_type != zipfile.ZIP_DEFLATED:
                problems.append(f"{info.filename} is not deflated")
    if b"PK\x06\x06" in data[-200:]:
        problems.append("the package ends with a ZIP64 directory record")
    return problems


def _has_zip64(extra: bytes) -> bool:
    position = 0
    while position + 4 <= len(extra):
        kind, size = struct.unpack("<HH", extra[position : position + 4])
        if kind == _ZIP64_EXTRA:
            return True
        position += 4 + size
    return False


def assert_sound_package(path: Path) -> None:
    """The shared check every export test can call on a written .docx: a sound zip package, and valid
    Office Open XML as openxml-audit sees it (see :func:`audit_problems`)."""
    data = path.read_bytes()
    problems = package_problems(data) + audit_problems(data, path.name)
    assert not problems, f"{path.name}: {'; '.join(problems)}"


@functools.cache
def _validator() -> object:
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator(max_errors=50)  # building its schema set costs more than a validation


def audit_problems(data: bytes, name: str = "note.docx") -> list[str]:
    """What openxml-audit reports on a .docx: every error (schema, semantic, package), every Word
    app-compat finding at any severity (what makes Word repair or rewrite the file), and its verdict
    for Word when that is not "opens clean"."""
    from openxml_audit import SourceClass, ValidationSeverity, predict
    from openxml_audit.verdict import AppPrediction

    with tempfile.TemporaryDirectory(prefix="briefing-audit-") as work:
        path = Path(work) / (Path(name).stem + ".docx")  # the verdict is picked by the extension
        path.write_bytes(data)
        result = _validator().validate(path)  # type: ignore[attr-defined]
    problems = [
        str(error)
        for error in result.errors
        if error.severity == ValidationSeverity.ERROR or error.source_class is SourceClass.WORD_APP_COMPAT
    ]
    verdict = predict(result)
    if verdict.prediction is not AppPrediction.OPENS_CLEAN and not problems:
        problems.append(verdict.headline)
    return problems


#: Exports whose parts hold more XML than this are checked as packages only: openxml-audit takes
#: seconds per megabyte (more with thousands of comments), and the big exports test speed and memory.
AUDIT_MAX_BYTES = 1024 * 1024
#: Most exports of one test audited (a property-based test exports hundreds of variations).
AUDIT_PER_TEST = 5


@functools.cache
def _template_faults(path: str, stamp: float) -> bool:
    """Whether a user's template is itself invalid; what it brings along is not the export's fault."""
    return bool(audit_problems(Path(path).read_bytes(), "template.docx"))


@pytest.fixture
def every_export_checked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every .docx the exporter writes during the test is checked: as a zip package before it is
    written, and by openxml-audit (0 errors, no Word app-compat finding) when the test ends, so that
    timed exports are not slowed; a module opts in with
    ``pytestmark = pytest.mark.usefixtures("every_export_checked")``.

    Exports made with a user's template that openxml-audit already faults (the damaged templates of
    the template-safety tests) are checked as packages only.
    """
    real_write, real_resolve = output.atomic_write_bytes, docx_writer.resolve_template
    template: list[object] = [None]
    pending: list[tuple[str, bytes]] = []

    def resolve(*args: object, **kwargs: object) -> object:
        template[0] = real_resolve(*args, **kwargs)  # type: ignore[arg-type]
        return template[0]

    def checked(path: Path, data: bytes, error: type[Exception]) -> None:
        problems = package_problems(data)
        assert not problems, f"{path.name}: {'; '.join(problems)}"
        used = template[0]
        faulty = (
            used is not None
            and not used.builtin  # type: ignore[attr-defined]
            and _template_faults(str(used.docx), used.docx.stat().st_mtime)  # type: ignore[attr-defined]
        )
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
        if size <= AUDIT_MAX_BYTES and len(pending) < AUDIT_PER_TEST and not faulty:
            pending.append((path.name, data))
        real_write(path, data, error)

    monkeypatch.setattr(output, "atomic_write_bytes", checked)
    monkeypatch.setattr(docx_writer, "resolve_template", resolve)
    yield
    for name, data in pending:
        problems = audit_problems(data, name)
        assert not problems, f"{name}: {'; '.join(problems)}"


def pandoc_text(path: Path) -> str:
    """The .docx read back by pandoc as plain text (the test is skipped where pandoc is missing)."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    result = subprocess.run(
        [pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"pandoc cannot read {path.name}: {result.stderr.strip()}"
    return result.stdout

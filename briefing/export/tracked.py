"""The corrections as Word tracked changes: each one a ``w:del``/``w:ins`` pair at the place it was made,
with its author and date, so that a reviewer accepts or rejects it in Word (or LibreOffice).

How: before the export, a copy of the briefing gets, at each correction it can show, the removed
words back in and the changed stretch wrapped in private-use marker characters (a paragraph that was
removed goes back at its old place, wholly marked as removed); the exporter writes the copy as usual,
and afterwards each marked stretch of ``word/document.xml`` becomes a tracked insertion or deletion.
The exporter's body code needs to know nothing of it.

Shown: corrections of the words of a paragraph, a list item's term or text, a table cell, a heading,
and removed paragraphs, lists and list items. Corrections to a table's shape (rows, cells, columns, a
duplicate table) and the joins between a list item's term and its text stay in the corrections
appendix, which then lists only those (see :class:`.corrections.ShownChange`).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field, fields, replace
from typing import Any

from lxml import etree

from .. import patterns
from ..editing.serial import load_steps
from ..editing.steps import InsertBlock, InsertItem, StepError
from ..model import Briefing, Change, Comment, ListBlock, Paragraph, Section, Table
from ..refs import HEADER_ROW
from .corrections import ShownChange, is_non_event
from .ooxml import W_NS

#: Who made the corrections the log holds: the safe fixes of this program.
AUTHOR = "Briefing Editor"
DEL, INS, CLOSE = "\ue000", "\ue001", "\ue002"
#: A marker's change number is one character from this supplementary private-use plane on.
_NUMBER_BASE = 0xF0000
_MARKER = patterns.compile(f"([{DEL}{INS}])(.)|{CLOSE}", re.DOTALL)
_LEFTOVER = patterns.compile(f"{DEL}.[^{CLOSE}]*{CLOSE}|{INS}.|{CLOSE}", re.DOTALL)
_TOKEN = patterns.compile(r"\w+|\s+|[^\w\s]")
_W = f"{{{W_NS}}}"


@dataclass
class Plan:
    """The marked copy to export, and who made each numbered revision, when."""

    briefing: Briefing
    #: ``(author, date)`` of revision ``n`` (the number its markers carry).
    revisions: list[tuple[str, str]] = field(default_factory=list)

    def revise(self, package: bytes) -> bytes:
        """The exported package with the marked stretches as tracked changes (see the module)."""
        return revise_package(package, self.revisions)


def plan(briefing: Briefing, now: dt.datetime | None = None) -> Plan:
    """Mark every correction that can be shown in the text, on a copy of the briefing."""
    marked = copy.deepcopy(briefing)
    result = Plan(marked)
    when = now or dt.datetime.now(dt.UTC)
    shown: set[int] = set()
    done_units: set[tuple[Any, ...]] = set()
    placeholders: list[tuple[Section, str]] = []
    # The last change first: each removed block goes back where it was just before that change.
    for index in range(len(marked.changes) - 1, -1, -1):
        change = marked.changes[index]
        if is_non_event(change):
            continue
        number = len(result.revisions)
        restored = _restore_block(marked, change)
        if restored is not None:
            section, block = restored
            if not change.after.strip() and isinstance(block, Paragraph | ListBlock):
                _mark_removed(block, number)
                result.revisions.append((AUTHOR, _date(change.when, when)))
                shown.add(index)
            else:
                placeholders.append((section, block.id))  # holds the place of blocks removed earlier
            continue
        if not change.after.strip() and _restore_item(marked, change, number):
            result.revisions.append((AUTHOR, _date(change.when, when)))
            shown.add(index)
            continue
        unit = _unit_key(change)
        if unit is None or unit in done_units or not change.after.strip():
            continue
        if _mark_text(marked, change, number):
            done_units.add(unit)  # a later correction of the same words is shown; earlier ones listed
            result.revisions.append((AUTHOR, _date(change.when, when)))
            shown.add(index)
    for section, block_id in placeholders:
        section.blocks = [b for b in section.blocks if b.id != block_id]
    marked.changes = [
        ShownChange(**{f.name: getattr(c, f.name) for f in fields(Change)}) if i in shown else c
        for i, c in enumerate(marked.changes)
    ]
    return result


def _date(when: str, fallback: dt.datetime) -> str:
    """An ``xsd:dateTime`` in UTC, as Word writes it."""
    try:
        moment = dt.datetime.fromisoformat(when)
    except (TypeError, ValueError):
        moment = fallback
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _open(kind: str, number: int) -> str:
    return kind + chr(_NUMBER_BASE + number)


# --- marking the copy ---------------------------------------------------------------------------------


def _restore_block(briefing: Briefing, change: Change) -> tuple[Section, Any] | None:
    """Put back a block the change removed (its inverse inserts it), at its old place."""
    if not any(step.get("op") == InsertBlock.op for step in change.inverse):
        return None
    try:
        steps = load_steps(change.inverse)
    except StepError:
        return None
    for step in steps:
        if isinstance(step, InsertBlock):
            section = briefing.find_section(step.section_id)
            if section is None or briefing.find_block(step.block.id) is not None:
                return None
            section.blocks.insert(min(max(step.index, 0), len(section.blocks)), step.block)
            return section, step.block
    return None


def _restore_item(briefing: Briefing, change: Change, number: int) -> bool:
    """Put back a list item the change removed, at its old place, marked as removed."""
    if not any(step.get("op") == InsertItem.op for step in change.inverse):
        return False
    try:
        steps = load_steps(change.inverse)
    except StepError:
        return False
    for step in steps:
        if isinstance(step, InsertItem):
            block = briefing.find_block(step.block_id)
            if not isinstance(block, ListBlock):
                return False
            item = copy.deepcopy(step.item)
            if item.term:
                item.term = _open(DEL, number) + item.term + CLOSE
            if item.text:
                item.text = _open(DEL, number) + item.text + CLOSE
            block.items.insert(min(max(step.index, 0), len(block.items)), item)
            return True
    return False


def _mark_removed(block: Paragraph | ListBlock, number: int) -> None:
    if isinstance(block, Paragraph):
        for run in block.runs:
            if run.text:
                run.text = _open(DEL, number) + run.text + CLOSE
        return
    for item in block.items:
        if item.term:
            item.term = _open(DEL, number) + item.term + CLOSE
        if item.text:
            item.text = _open(DEL, number) + item.text + CLOSE


def _unit_key(change: Change) -> tuple[Any, ...] | None:
    target = change.target
    if not target.block_id:
        return ("heading", target.section_id) if target.section_id else None
    if target.field and target.field != "caption":
        return None
    if target.row is not None and target.column is None:
        return None  # a whole row: its shape changed
    return (target.block_id, target.item, target.row, target.column, target.field)


def _mark_text(briefing: Briefing, change: Change, number: int) -> bool:
    """Mark the change's words in the unit it names; ``False`` when they are not found there as logged
    (edited since, or a change the note's layout does not show)."""
    target = change.target
    if not target.block_id:
        section = briefing.find_section(target.section_id)
        if section is None:
            return False
        new = _marked(section.heading, change, number)
        if new is None:
            return False
        section.heading = new[0]
        return True
    block = briefing.find_block(target.block_id)
    comments = [c for c in briefing.comments if c.anchor.block_id == target.block_id]
    if isinstance(block, Paragraph) and target.item is None and target.row is None:
        texts = [run.text for run in block.runs]
        new = _marked("".join(texts), change, number)
        if new is None:
            return False
        text, shift = new
        position = 0
        for run, length in zip(block.runs, map(len, texts), strict=True):
            start, position = position, position + length
            run.text = _slice(text, shift, start, position, last=run is block.runs[-1])
        _shift_comments([c for c in comments if c.anchor.item is None], shift, 0)
        return True
    if isinstance(block, ListBlock) and target.item is not None and 0 <= target.item < len(block.items):
        item = block.items[target.item]
        for name, base in (("text", len(item.term) + len(item.separator)), ("term", 0)):
            new = _marked(getattr(item, name), change, number)
            if new is not None:
                setattr(item, name, new[0])
                _shift_comments([c for c in comments if c.anchor.item == target.item], new[1], base)
                return True
        return False
    if isinstance(block, Table):
        if target.field == "caption":
            new = _marked(block.caption, change, number)
            if new is not None:
                block.caption = new[0]
            return new is not None
        row, column = target.row, target.column
        cells = (
            block.header
            if row == HEADER_ROW
            else (block.rows[row] if row is not None and 0 <= row < len(block.rows) else None)
        )
        if cells is None or column is None or not 0 <= column < len(cells):
            return False
        new = _marked(cells[column], change, number)
        if new is None:
            return False
        cells[column] = new[0]
        return True
    return False


def _marked(text: str, change: Change, number: int) -> tuple[str, list[str]] | None:
    """``text`` with the logged change marked, and what was put before each character of ``text``
    (one entry more than it has characters); ``None`` when the logged after-text is not in it once."""
    after, before = change.after, change.before
    at = text.find(after)
    if not after or at < 0 or text.find(after, at + 1) >= 0 or before == after:
        return None
    extra = [""] * (len(text) + 1)
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    position = at
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        removed, added = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "equal":
            position += len(added)
            continue
        if removed:
            extra[position] += _open(DEL, number) + removed + CLOSE
        if added:
            extra[position] += _open(INS, number)
            position += len(added)
            extra[position] = CLOSE + extra[position]
    marked = "".join(extra[k] + text[k] for k in range(len(text))) + extra[len(text)]
    return marked, extra


def _slice(marked: str, extra: list[str], start: int, end: int, last: bool) -> str:
    """The marked text of original characters ``[start, end)`` (the last run takes what follows)."""
    offset = start + sum(len(e) for e in extra[:start])
    stop = end + sum(len(e) for e in extra[:end]) if not last else len(marked)
    return marked[offset:stop]


def _shift_comments(comments: list[Comment], extra: list[str], base: int) -> None:
    """Comment ranges on the unit, moved past the markers and removed words put in before them."""
    cumulative = [0]
    for piece in extra:
        cumulative.append(cumulative[-1] + len(piece))

    def moved(offset: int | None) -> int | None:
        if offset is None or offset < base:
            return offset
        local = min(offset - base, len(extra) - 1)
        return base + local + cumulative[local] + (offset - base - local)

    for comment in comments:
        anchor = comment.anchor
        comment.anchor = replace(anchor, start=moved(anchor.start), end=moved(anchor.end))


# --- turning the marks into w:ins / w:del ---------------------------------------------------------------


def revise_package(package: bytes, revisions: list[tuple[str, str]]) -> bytes:
    """Rewrite ``word/document.xml`` with tracked changes; any marker left elsewhere is dropped (the
    corrected text kept), so no private-use character ever reaches the reader."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _revise_document(data, revisions)
            if info.filename.endswith((".xml", ".rels")) and (
                DEL.encode() in data or CLOSE.encode() in data or INS.encode() in data
            ):
                data = _LEFTOVER.sub("", data.decode("utf-8")).encode("utf-8")
            copy_info = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy_info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(copy_info, data)
    return out.getvalue()


def _revise_document(data: bytes, revisions: list[tuple[str, str]]) -> bytes:
    root = etree.fromstring(data)
    ids = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W_NS}) if str(v).lstrip("-").isdigit()]
    next_id = [max(ids, default=0) + 1]
    for paragraph in root.iter(_W + "p"):
        if not any(t.text and _has_marker(t.text) for t in paragraph.iter(_W + "t")):
            continue
        state: list[Any] = [None]
        for run in list(paragraph.iter(_W + "r")):
            _split_run(run, state, revisions, next_id)
        texts = [t for t in paragraph.iter(_W + "t", _W + "delText") if t.text]
        removed = [t for t in texts if t.tag == _W + "delText"]
        kept = [t for t in texts if t.tag == _W + "t"]
        # a removed list item keeps the ": " the exporter put between its term and text: it goes too
        if removed and "".join(t.text or "" for t in kept).strip(" :") == "":
            first = removed[0].getparent().getparent()
            for text in kept:
                _delete_run(text, first, next_id)
            _delete_mark(paragraph, first, next_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _has_marker(text: str) -> bool:
    return DEL in text or INS in text or CLOSE in text


def _split_run(
    run: etree._Element, state: list[Any], revisions: list[tuple[str, str]], next_id: list[int]
) -> None:
    """Cut a run where the marks open and close; the marked pieces go into ``w:del``/``w:ins``."""
    texts = [c for c in run if c.tag == _W + "t"]
    if state[0] is None and not any(c.text and _has_marker(c.text) for c in texts):
        return
    properties = run.find(_W + "rPr")
    pieces: list[tuple[Any, etree._Element]] = []
    for child in run:
        if child is properties:
            continue
        if child.tag != _W + "t":
            pieces.append((state[0], child))
            continue
        position = 0
        text = child.text or ""
        for match in _MARKER.finditer(text):
            if match.start() > position:
                pieces.append((state[0], _text(text[position : match.start()])))
            if match.group(0) == CLOSE:
                state[0] = None
            else:
                state[0] = ("del" if match.group(1) == DEL else "ins", ord(match.group(2)) - _NUMBER_BASE)
            position = match.end()
        if position < len(text):
            pieces.append((state[0], _text(text[position:])))
    parent = run.getparent()
    place = parent.index(run)
    parent.remove(run)
    groups: list[tuple[Any, list[etree._Element]]] = []
    for mark, element in pieces:
        if groups and groups[-1][0] == mark:
            groups[-1][1].append(element)
        else:
            groups.append((mark, [element]))
    for mark, elements in groups:
        new_run = etree.Element(_W + "r")
        if properties is not None:
            new_run.append(copy.deepcopy(properties))
        for element in elements:
            if mark is not None and mark[0] == "del" and element.tag == _W + "t":
                element.tag = _W + "delText"
            new_run.append(element)
        if mark is None:
            node = new_run
        else:
            kind, number = mark
            author, date = revisions[number] if 0 <= number < len(revisions) else (AUTHOR, "")
            node = etree.Element(_W + kind)
            node.set(_W + "id", str(next_id[0]))
            next_id[0] += 1
            node.set(_W + "author", author)
            if date:
                node.set(_W + "date", date)
            node.append(new_run)
        parent.insert(place, node)
        place += 1


def _text(text: str) -> etree._Element:
    element = etree.Element(_W + "t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def _delete_run(text: etree._Element, like: etree._Element, next_id: list[int]) -> None:
    """Put a run the exporter added (a separator) inside a deletion like ``like``."""
    run = text.getparent()
    text.tag = _W + "delText"
    wrapper = etree.Element(_W + "del")
    wrapper.set(_W + "id", str(next_id[0]))
    next_id[0] += 1
    for name in ("author", "date"):
        value = like.get(_W + name)
        if value is not None:
            wrapper.set(_W + name, value)
    run.addprevious(wrapper)
    wrapper.append(run)


def _delete_mark(paragraph: etree._Element, deletion: etree._Element, next_id: list[int]) -> None:
    """Mark a wholly removed paragraph's mark as removed too, so accepting takes the paragraph away."""
    properties = paragraph.find(_W + "pPr")
    if properties is None:
        properties = etree.Element(_W + "pPr")
        paragraph.insert(0, properties)
    run_properties = properties.find(_W + "rPr")
    if run_properties is None:
        run_properties = etree.Element(_W + "rPr")
        follower = next((c for c in properties if c.tag in (_W + "sectPr", _W + "pPrChange")), None)
        if follower is not None:
            follower.addprevious(run_properties)
        else:
            properties.append(run_properties)
    mark = etree.Element(_W + "del")
    mark.set(_W + "id", str(next_id[0]))
    next_id[0] += 1
    for name in ("author", "date"):
        value = deletion.get(_W + name)
        if value is not None:
            mark.set(_W + name, value)
    run_properties.insert(0, mark)

"""What a fix will do, before it is applied: readable before/after, and the list a Fix All will make.

The change log speaks of what a fix did ("Removed 3 repeated cells …"); before anything is applied the
editor must say what it *will* do. A table row is shown with its cells apart, under the column names
given once — never glued together, never the whole table again — and a paragraph with only what
changes marked. Places are named in words with their section, so hundreds of "Row 6 of the table …"
lines can be told apart. Everything here works on copies: the briefing is never changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import patterns
from ..kinds import texts
from ..model import Block, Briefing, ListBlock, Paragraph, Table
from ..places import Places, short
from ..refs import Ref
from ..safekeeping import snapshot
from .findings import AppliedFix, Finding, Fix

#: A piece of text and whether it stays (``same``), goes (``removed``) or comes (``added``).
Segment = tuple[str, str]
#: Rows and texts of one block shown in a preview; the rest is counted ("… and 12 more rows").
SHOWN = 4
#: Unchanged words kept on each side of a change in a paragraph.
CONTEXT_WORDS = 8

# --- places in words ----------------------------------------------------------------------------------


class Where:
    """Places in words, each with the section it is in ("Table 2, row 6 in “Launch record”")."""

    def __init__(self, briefing: Briefing) -> None:
        self.places = Places(briefing)
        self._section: dict[str, str] = {}
        for section in briefing.sections:
            name = f"“{short(section.heading)}”" if section.heading else "the summary"
            for block in section.blocks:
                self._section[block.id] = name

    def __call__(self, ref: Ref) -> str:
        """The place in words; a table's names its section too (a paragraph's already does)."""
        words = self.places.describe_ref(ref)
        section = self._section.get(ref.block_id)
        if section and ref.block_id in self.places.table_numbers and not ref.lost:
            head, colon, quote = words.partition(": “")
            words = f"{head} in {section}{colon}{quote}"
        return words


def capitalised(text: str) -> str:
    """The text with its first letter a capital ("paragraph 2 in …" → "Paragraph 2 in …")."""
    return text[:1].upper() + text[1:]


# --- the future tense ---------------------------------------------------------------------------------

#: The change log's past-tense verbs that open a sentence, and the plain form after "Will".
_VERBS = {
    "Added": "add",
    "Collapsed": "collapse",
    "Dropped": "drop",
    "Gave": "give",
    "Joined": "join",
    "Kept": "keep",
    "Made": "make",
    "Merged": "merge",
    "Moved": "move",
    "Padded": "pad",
    "Removed": "remove",
    "Renamed": "rename",
    "Repaired": "repair",
    "Replaced": "replace",
    "Rewrote": "rewrite",
    "Separated": "separate",
    "Split": "split",
    "Stripped": "strip",
    "Tidied": "tidy",
    "Wrote": "write",
}
#: Past-tense phrases inside a sentence, and what they become before the fix.
_PHRASES = [
    # The note numbers the kept table as the tables are after the removal ("kept Table 2" of what was
    # Table 3): before it, that number is wrong, and the finding's message names the kept copy anyway.
    (patterns.compile(r"; kept Table \d+\b"), ""),
    (patterns.compile(r"; kept\b"), "; will keep"),
    (patterns.compile(r"\bnow reads\b"), "will then read"),
    (patterns.compile(r"\bnow points?\b"), "will then point"),
    (patterns.compile(r"\bis now\b"), "will then be"),
    (patterns.compile(r"\b(repeat\(s\)|repeats?) dropped\b"), r"\1 will be dropped"),
    (patterns.compile(r"\bkept as formatting\b"), "will be kept as formatting"),
    (patterns.compile(r"\(they were joined\b"), "(they are joined"),
]
_SENTENCE_START = patterns.compile(r"(?:^|(?<=[.!?]\s))([A-Z][a-z]+)\b")


def future_tense(note: str) -> str:
    """A change-log note said before the change: "Removed 3 empty columns …" → "Will remove 3 empty
    columns …". Sentences opening with a verb this does not know are left as they are."""

    def verb(match: re.Match[str]) -> str:
        plain = _VERBS.get(match.group(1))
        return f"Will {plain}" if plain else match.group(0)

    text = _SENTENCE_START.sub(verb, note)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


def fix_intent(fix: Fix) -> str:
    """A fix's label as what it will do ("Remove the empty columns" → "Will remove the empty columns.")."""
    label = fix.label.rstrip(".")
    return f"Will {label[:1].lower()}{label[1:]}." if label else "Will change this."


# --- before and after ---------------------------------------------------------------------------------


@dataclass
class RowChange:
    """One table row before and after; ``None`` on a side where the row does not exist."""

    label: str
    before: list[str] | None
    after: list[str] | None
    #: Cells of ``before`` that go, and cells of ``after`` that come (by position).
    removed: set[int] = field(default_factory=set)
    added: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.before is not None and self.after is not None and not (self.removed or self.added):
            self.removed, self.added = cell_diff(self.before, self.after)


def cell_diff(before: list[str], after: list[str]) -> tuple[set[int], set[int]]:
    """Which cells of a row go and which come ("April 6 | Scud-ER | 450" printed twice: the copy)."""
    if len(before) == len(after):
        changed = {i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
        return changed, set(changed)
    # Cells went or came: what is kept is the longest start and end the two share, so of two copies
    # of a run of cells the second is the one marked.
    shortest = min(len(before), len(after))
    start = 0
    while start < shortest and before[start] == after[start]:
        start += 1
    end = 0
    while end < shortest - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return set(range(start, len(before) - end)), set(range(start, len(after) - end))


@dataclass
class TextChange:
    """One text (a paragraph, a list item, a heading, a caption) with what goes and what comes marked."""

    label: str
    before: list[Segment]
    #: ``None`` when the text goes altogether.
    after: list[Segment] | None


@dataclass
class BlockChange:
    """What a fix changes in one block (or heading): its place, and its rows or texts."""

    place: str
    #: A table's column names, given once above its rows (empty when the names themselves change: a
    #: "Column names" row shows them then).
    columns: list[str] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    #: Whether the whole block goes.
    removed: bool = False
    #: Rows or texts that change too but are not shown.
    more: int = 0


@dataclass
class FixPreview:
    """A fix before it is applied: what it will do in words, and the blocks it changes."""

    label: str
    safe: bool
    #: What the fix will do, in the future tense.
    summary: str
    place: str
    blocks: list[BlockChange] = field(default_factory=list)
    #: Blocks it changes too, not shown.
    more_blocks: int = 0
    #: ``False`` when the fix has nothing left to do (the problem is gone).
    changes: bool = True

    def as_text(self) -> str:
        """The preview as plain text, cells padded into columns (for a tooltip, the clipboard, tests)."""
        lines = [f"{self.label}{'' if self.safe else ' (needs your judgement)'}", self.summary]
        for block in self.blocks:
            lines.append("")
            lines.append(capitalised(block.place) + (" — will be removed" if block.removed else ""))
            lines += table_lines(block)
            for change in block.texts:
                label = f"{change.label}, " if change.label else ""
                lines.append(f"{capitalised(label)}before: {segments_text(change.before)}")
                after = "(removed)" if change.after is None else segments_text(change.after)
                lines.append(f"{capitalised(label)}after:  {after}")
            if block.more:
                lines.append(f"… and {block.more} more")
        if self.more_blocks:
            lines.append(f"… and {self.more_blocks} more places")
        return "\n".join(lines)


def table_lines(block: BlockChange) -> list[str]:
    """A block's rows as text, each cell padded to its column's width and set off by " | "."""
    if not block.rows:
        return []
    grid: list[list[str]] = []
    if block.columns:
        grid.append(["", *block.columns])

    def marked(cells: list[str], changed: set[int]) -> list[str]:
        return [f"[-{cell}-]" if i in changed else cell for i, cell in enumerate(cells)]

    for row in block.rows:
        if block.removed:
            grid.append([row.label, *(row.before or [])])
            continue
        before = marked(row.before, row.removed) if row.before is not None else ["(new)"]
        after = [f"{{+{c}+}}" if i in row.added else c for i, c in enumerate(row.after or [])]
        grid.append([f"{row.label}, before", *before])
        grid.append([f"{row.label}, after", *(after if row.after is not None else ["(removed)"])])
    return pad_rows(grid)


def shown_columns(header: list[str]) -> list[str]:
    """Column names without the empty ones trailing after the last (a broken table's leftovers)."""
    names = list(header)
    while names and not names[-1].strip():
        names.pop()
    return names


def pad_rows(rows: Sequence[Sequence[str]], width: int = 40) -> list[str]:
    """Rows of cells as lines, each column padded to its widest cell (cut to ``width``) and cells set
    off by " | ", so "Hwasong" and "1,100" never run together."""
    cut = [[short(cell, width) for cell in row] for row in rows]
    widths: dict[int, int] = {}
    for row in cut:
        for index, cell in enumerate(row):
            widths[index] = max(widths.get(index, 0), len(cell))
    lines = []
    for row in cut:
        padded = [cell.ljust(widths[index]) for index, cell in enumerate(row)]
        lines.append(" | ".join(padded).rstrip())
    return lines


_INVISIBLE = {" ": "␣", "\t": "⇥", "\n": "↵", "\u200b": "¤", "\u00ad": "¤", "\ufeff": "¤", "\u00a0": "⍽"}


def visible(text: str) -> str:
    """A changed piece of text with its whitespace shown (a doubled space removed must be seen)."""
    if text.strip() and not any(char in text for char in "\u200b\u00ad\ufeff"):
        return text
    return "".join(_INVISIBLE.get(char, char) for char in text)


def segments_text(segments: list[Segment]) -> str:
    """Segments as plain text, removals as [-…-] and additions as {+…+}."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[kind].format(text if kind == "same" else visible(text)) for kind, text in segments)


def word_diff(before: str, after: str | None) -> tuple[list[Segment], list[Segment] | None]:
    """Before and after as segments, unchanged stretches cut to a few words around each change."""
    if after is None:
        return [("removed", before)], None
    old, new = re.findall(r"\s+|[^\s]+", before), re.findall(r"\s+|[^\s]+", after)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(("same", "".join(old[i1:i2])))
            right.append(("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            right.append(("added", "".join(new[j1:j2])))
    return _trimmed(left), _trimmed(right)


def _trimmed(segments: list[Segment]) -> list[Segment]:
    """Long unchanged stretches cut to CONTEXT_WORDS words beside each change."""
    out: list[Segment] = []
    for index, (kind, text) in enumerate(segments):
        if kind != "same":
            out.append((kind, text))
            continue
        words = re.findall(r"\s+|[^\s]+", text)
        keep = CONTEXT_WORDS * 2  # a word and the space after it
        first, last = index == 0, index == len(segments) - 1
        if len(segments) == 1 or len(words) <= keep * (1 if first or last else 2):
            out.append((kind, text))
        elif first:
            out.append((kind, "…" + "".join(words[-keep:])))
        elif last:
            out.append((kind, "".join(words[:keep]) + "…"))
        else:
            out.append((kind, "".join(words[:keep]) + " … " + "".join(words[-keep:])))
    return out


def preview_fix(briefing: Briefing, finding: Finding, fix: Fix, source: str | None = None) -> FixPreview:
    """What ``fix`` will do to the briefing as it is now, worked out on a copy."""
    from .engine import apply_fix

    where = Where(briefing)
    place = capitalised(where(finding.target))
    copy = snapshot(briefing)
    applied = apply_fix(copy, finding, fix)
    if applied.change is None:
        return FixPreview(fix.label, fix.safe, "Nothing to change any more.", place, changes=False)
    summary = future_tense(applied.change.note) if applied.change.note else fix_intent(fix)
    preview = FixPreview(fix.label, fix.safe, summary, place)
    changed = _changed(applied)
    for kind, item_id in changed[:SHOWN]:
        block = _block_change(briefing, copy, where, kind, item_id)
        if block is not None:
            preview.blocks.append(block)
    preview.more_blocks = max(len(changed) - SHOWN, 0)
    return preview


def _changed(applied: AppliedFix) -> list[tuple[str, str]]:
    """The blocks and headings a fix changed, in the order it changed them, each once."""
    seen: dict[tuple[str, str], None] = {}
    if applied.transaction is not None:
        for event in applied.transaction.events:
            if event.what in ("block", "section") and event.id:
                seen.setdefault((event.what, event.id), None)
    return list(seen)


def _block_change(
    briefing: Briefing, copy: Briefing, where: Where, kind: str, item_id: str
) -> BlockChange | None:
    if kind == "section":
        old = briefing.find_section(item_id)
        new = copy.find_section(item_id)
        if old is None or (new is not None and new.heading == old.heading):
            return None  # a section that only gained or lost blocks: the blocks show it
        place = where(Ref(item_id))
        before, after = word_diff(old.heading, None if new is None else new.heading)
        return BlockChange(place, texts=[TextChange("heading", before, after)], removed=new is None)
    block = briefing.find_block(item_id)
    if block is None:  # a block the fix made: a table is shown whole, as new rows
        made = copy.find_block(item_id)
        if not isinstance(made, Table):
            return None
        change = BlockChange(Where(copy)(Ref(block_id=item_id)) + " — new")
        change.columns = shown_columns(made.header)
        width = len(change.columns)
        change.rows = [
            RowChange(f"Row {i + 1}", None, _trimmed_row(row, width))
            for i, row in enumerate(made.rows[:SHOWN])
        ]
        change.more = max(len(made.rows) - SHOWN, 0)
        return change
    place = where(Ref(block_id=item_id))
    after_block = copy.find_block(item_id)
    if isinstance(block, Table):
        return _table_change(place, block, after_block if isinstance(after_block, Table) else None)
    return _text_change(place, block, after_block)


def _table_change(place: str, before: Table, after: Table | None) -> BlockChange:
    change = BlockChange(place, removed=after is None)
    if after is None:
        change.columns = shown_columns(before.header)
        width = len(change.columns)
        change.rows = [
            RowChange(f"Row {i + 1}", _trimmed_row(row, width), None)
            for i, row in enumerate(before.rows[:SHOWN])
        ]
        change.more = max(len(before.rows) - SHOWN, 0)
        return change
    rows: list[RowChange] = []
    if before.caption != after.caption:
        old, new = word_diff(before.caption, after.caption)
        change.texts.append(TextChange("caption", old, new))
    if before.header != after.header:
        rows.append(RowChange("Column names", list(before.header), list(after.header)))
    else:
        change.columns = shown_columns(before.header)
    rows += _row_changes(before.rows, after.rows)
    change.rows = rows[:SHOWN]
    change.more = max(len(rows) - SHOWN, 0)
    return change


def _trimmed_row(row: list[str], width: int) -> list[str]:
    """A row without the empty cells it has beyond ``width`` columns."""
    cells = list(row)
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    return cells


def _row_changes(old: list[list[str]], new: list[list[str]]) -> list[RowChange]:
    """The rows that differ, paired up (a row removed or added has nothing on one side)."""
    if len(old) == len(new):
        return [
            RowChange(f"Row {i + 1}", a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b
        ]
    rows: list[RowChange] = []
    matcher = difflib.SequenceMatcher(None, [tuple(r) for r in old], [tuple(r) for r in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            a = old[i1 + k] if i1 + k < i2 else None
            b = new[j1 + k] if j1 + k < j2 else None
            rows.append(RowChange(f"Row {(i1 + k if a is not None else j1 + k) + 1}", a, b))
    return rows


def _text_change(place: str, before: Block, after: Block | None) -> BlockChange:
    change = BlockChange(place, removed=after is None)
    old, new = _block_texts(before), _block_texts(after) if after is not None else []
    pairs: list[tuple[str, str, str | None]] = []
    if after is None:
        pairs = [(label, text, None) for label, text in old]
    elif len(old) == len(new):
        pairs = [(label, a, b) for (label, a), (_, b) in zip(old, new, strict=True) if a != b]
    else:
        matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                if i1 + k < i2:
                    label, text = old[i1 + k]
                    pairs.append((label, text, new[j1 + k][1] if j1 + k < j2 else None))
                else:
                    pairs.append((new[j1 + k][0] + " (new)", "", new[j1 + k][1]))
    for label, a, b in pairs[:SHOWN]:
        left, right = word_diff(a, b)
        change.texts.append(TextChange(label, left, right))
    change.more = max(len(pairs) - SHOWN, 0)
    return change


def _block_texts(block: Block) -> list[tuple[str, str]]:
    """A block's texts with a label each ("" for a paragraph's one text, "item 3" in a list)."""
    if isinstance(block, Paragraph):
        return [("", block.text)]
    if isinstance(block, ListBlock):
        return [(f"item {i + 1}", item.full_text) for i, item in enumerate(block.items)]
    return [("", text) for _, text in texts(block)]


# --- what a Fix All will change -----------------------------------------------------------------------


@dataclass
class PlannedChange:
    """One change a Fix All will make: the rule, the place in words and what it will do there."""

    rule: str
    place: str
    summary: str
    #: Whether the fix is a safe one; the others are the first fix of a finding that needs judgement.
    safe: bool = True


def plan_fixes(briefing: Briefing, rules: list[str] | None, source: str | None = None) -> list[PlannedChange]:
    """Every change :func:`~.engine.apply_safe_fixes` with ``rules`` would make now, worked out on a
    copy, in the order it would make them — so a person can be told before hundreds of rows change."""
    from .engine import apply_safe_fixes

    where = Where(briefing)
    planned: list[PlannedChange] = []

    def hear(applied: AppliedFix) -> None:
        change = applied.change
        if change is not None:
            summary = future_tense(change.note) if change.note else fix_intent(applied.fix)
            place = capitalised(where(change.target))
            planned.append(PlannedChange(change.rule, place, summary, applied.fix.safe))

    apply_safe_fixes(snapshot(briefing), rules, source=source, on_applied=hear)
    return planned

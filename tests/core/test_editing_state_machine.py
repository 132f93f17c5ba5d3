"""Random edit sequences through the editing core keep every pointer on what it pointed at.

A shadow model gives every character of a paragraph, every list item, table row and column a unique
tag. Each rule applies one operation to the briefing and the same change to the shadow; the invariant
checks that each comment still covers exactly the tagged characters (or item, or cell) it should, each
recommendation's origin is still on its item or row, and that whatever was deleted is reported lost —
never silently moved. Undoing everything gives back the briefing as it started.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from briefing.checks import apply_fix, run_checks
from briefing.editing import operations as op
from briefing.editing import search
from briefing.editing.transaction import Transaction
from briefing.model import (
    Briefing,
    Comment,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
)
from briefing.project import to_dict
from briefing.refs import HEADER_ROW, Ref

_tags = itertools.count(1)
WORDS = st.text(alphabet="abcxyz ", min_size=0, max_size=6)


def tag() -> int:
    return next(_tags)


@dataclass
class Shadow:
    """Tags parallel to the model: what each pointer is expected to point at."""

    chars: dict[str, list[int]] = field(default_factory=dict)  # paragraph id -> a tag per character
    items: dict[str, list[int]] = field(default_factory=dict)  # list id -> a tag per item
    rows: dict[str, list[int]] = field(default_factory=dict)  # table id -> a tag per body row
    header: dict[str, int] = field(default_factory=dict)  # table id -> the header row's tag
    columns: dict[str, list[int]] = field(default_factory=dict)  # table id -> a tag per column
    #: comment id -> ("span", block, [char tags]) | ("item", block, tag) | ("cell", block, row, col) | None
    comments: dict[str, tuple[object, ...] | None] = field(default_factory=dict)
    #: recommendation id -> ("item", block, tag) | ("row", block, tag) | None (lost)
    origins: dict[str, tuple[object, ...] | None] = field(default_factory=dict)


class EditingMachine(RuleBasedStateMachine):
    """Edits, comments, find and replace, undo and redo on a small briefing."""

    @initialize()
    def start(self) -> None:
        b = Briefing(next_id=100)
        paragraphs = [Paragraph(f"b{i}", [Run("abc xyz ", bold=i == 1), Run("cab zyx")]) for i in (1, 2)]
        items = ListBlock("b3", [ListItem("one"), ListItem("two"), ListItem("three")])
        table = Table("b4", ["H1", "H2", "H3"], [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]])
        # Problems the checks can fix: chatter, markup, double spaces, a repeated row, a long row,
        # an empty column.
        chat = Paragraph(
            "b5", [Run("The  talks in **Moscow** went on. I hope this helps! Let me know if you need more.")]
        )
        messy = Table("b6", ["Name", "Value", ""], [["a", "1", ""], ["a", "1", ""], ["b", "2", "", "x"]])
        b.sections = [
            Section("s1", "First", 1, [paragraphs[0], items, chat]),
            Section("s2", "Second", 1, [table, paragraphs[1], messy]),
        ]
        self.shadow = Shadow()
        self._tag_new_blocks(b)
        b.recommendations = [
            Recommendation("r1", "two", Ref("s1", "b3", item=1)),
            Recommendation("r2", "row", Ref("s2", "b4", row=2)),
        ]
        self.shadow.origins = {"r1": ("item", "b3", self.shadow.items["b3"][1]), "r2": ("row", "b4", tag())}
        self.shadow.origins["r2"] = ("row", "b4", self.shadow.rows["b4"][2])
        self.briefing = b
        self.start_state = _state(b)
        self.done: list[tuple[Transaction, Shadow]] = []
        self.undone: list[tuple[Transaction, Shadow]] = []

    # --- helpers ---------------------------------------------------------------------------------------

    def apply(self, make, shadow_change) -> None:  # noqa: ANN001 - test helper
        before = copy.deepcopy(self.shadow)
        transaction = make()
        shadow_change()
        self.done.append((transaction, before))
        self.undone.clear()

    def blocks(self, kind: type) -> list:  # noqa: ANN001
        return [block for _, block in self.briefing.blocks() if isinstance(block, kind)]

    def section_of(self, block_id: str) -> str:
        return next(s.id for s, block in self.briefing.blocks() if block.id == block_id)

    # --- text ------------------------------------------------------------------------------------------

    @precondition(lambda self: self.blocks(Paragraph))
    @rule(data=st.data(), new=WORDS)
    def type_in_paragraph(self, data: st.DataObject, new: str) -> None:
        paragraph = data.draw(st.sampled_from(self.blocks(Paragraph)))
        text = paragraph.text
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 4)))
        if start == end and not new:
            return
        runs = _splice(paragraph.runs, start, end, new)

        def shadow() -> None:
            self._shadow_text_edit(paragraph.id, start, end, len(new))

        self.apply(
            lambda: op.set_runs(self.briefing, paragraph.id, runs, (start, end, start + len(new))), shadow
        )

    @rule(needle=st.sampled_from(["ab", "x", "cab", "z "]), replacement=WORDS)
    def replace_all(self, needle: str, replacement: str) -> None:
        edits: list[tuple[str, int, int]] = []
        for p in self.blocks(Paragraph):
            for match in search.find_all(self.briefing, needle, match_case=True):
                if match.ref.block_id == p.id and not match.ref.field:
                    edits.append((p.id, match.start, match.end))

        def shadow() -> None:
            for block_id, start, end in reversed(edits):
                self._shadow_text_edit(block_id, start, end, len(replacement))

        self.apply(lambda: search.replace_all(self.briefing, needle, replacement, match_case=True), shadow)

    def _shadow_text_edit(self, block_id: str, start: int, end: int, length: int) -> None:
        chars = self.shadow.chars[block_id]
        new_tags = [tag() for _ in range(length)]
        for comment_id, expected in self.shadow.comments.items():
            if expected is None or expected[0] != "span" or expected[1] != block_id:
                continue
            covered: list[int] = expected[2]  # type: ignore[assignment]
            a = chars.index(covered[0])
            b = chars.index(covered[-1]) + 1
            survivors = [t for t in covered if t not in chars[start:end]]
            if end <= a or start >= b:
                new = covered
            elif start <= a and end >= b:
                new = new_tags
            elif a <= start and end <= b:
                left = [t for t in covered if chars.index(t) < start]
                right = [t for t in covered if chars.index(t) >= end]
                new = left + new_tags + right
            else:
                new = survivors
            self.shadow.comments[comment_id] = ("span", block_id, new) if new else None
        chars[start:end] = new_tags

    # --- lists -----------------------------------------------------------------------------------------

    @precondition(lambda self: self.blocks(ListBlock))
    @rule(data=st.data())
    def insert_item(self, data: st.DataObject) -> None:
        block = data.draw(st.sampled_from(self.blocks(ListBlock)))
        index = data.draw(st.integers(0, len(block.items)))
        self.apply(
            lambda: op.insert_item(self.briefing, block.id, index, ListItem("new")),
            lambda: self.shadow.items[block.id].insert(index, tag()),
        )

    @precondition(lambda self: any(block.items for block in self.blocks(ListBlock)))
    @rule(data=st.data())
    def remove_item(self, data: st.DataObject) -> None:
        block = data.draw(st.sampled_from([b for b in self.blocks(ListBlock) if b.items]))
        index = data.draw(st.integers(0, len(block.items) - 1))

        def shadow() -> None:
            gone = self.shadow.items[block.id].pop(index)
            self._lose(lambda e: e[0] == "item" and e[1] == block.id and e[2] == gone)

        self.apply(lambda: op.remove_item(self.briefing, block.id, index), shadow)

    @precondition(lambda self: any(len(block.items) > 1 for block in self.blocks(ListBlock)))
    @rule(data=st.data())
    def move_item(self, data: st.DataObject) -> None:
        block = data.draw(st.sampled_from([b for b in self.blocks(ListBlock) if len(b.items) > 1]))
        source = data.draw(st.integers(0, len(block.items) - 1))
        target = data.draw(st.integers(0, len(block.items) - 1))
        tags = self.shadow.items[block.id]
        self.apply(
            lambda: op.move_item(self.briefing, block.id, source, target),
            lambda: tags.insert(target, tags.pop(source)),
        )

    @precondition(lambda self: self.blocks(ListBlock))
    @rule(data=st.data())
    def rewrite_list(self, data: st.DataObject) -> None:
        """The list editor hands over a whole new item list: one new item and one text edited."""
        block = data.draw(st.sampled_from(self.blocks(ListBlock)))
        items = copy.deepcopy(block.items)
        index = data.draw(st.integers(0, len(items)))
        items.insert(index, ListItem(f"inserted {tag()}"))
        tags = self.shadow.items[block.id]
        self.apply(lambda: op.set_items(self.briefing, block.id, items), lambda: tags.insert(index, tag()))

    # --- tables ----------------------------------------------------------------------------------------

    @precondition(lambda self: self.blocks(Table))
    @rule(data=st.data())
    def insert_row(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(self.blocks(Table)))
        index = data.draw(st.integers(0, len(table.rows)))
        self.apply(
            lambda: op.insert_row(self.briefing, table.id, index),
            lambda: self.shadow.rows[table.id].insert(index, tag()),
        )

    @precondition(lambda self: any(t.rows for t in self.blocks(Table)))
    @rule(data=st.data())
    def remove_row(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if t.rows]))
        index = data.draw(st.integers(0, len(table.rows) - 1))

        def shadow() -> None:
            gone = self.shadow.rows[table.id].pop(index)
            self._lose(lambda e: e[0] in ("row", "cell") and e[1] == table.id and e[2] == gone)

        self.apply(lambda: op.remove_row(self.briefing, table.id, index), shadow)

    @precondition(lambda self: any(len(t.rows) > 1 for t in self.blocks(Table)))
    @rule(data=st.data())
    def move_row(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if len(t.rows) > 1]))
        source = data.draw(st.integers(0, len(table.rows) - 1))
        target = data.draw(st.integers(0, len(table.rows) - 1))
        tags = self.shadow.rows[table.id]
        self.apply(
            lambda: op.move_row(self.briefing, table.id, source, target),
            lambda: tags.insert(target, tags.pop(source)),
        )

    @precondition(lambda self: any(t.rows for t in self.blocks(Table)))
    @rule(data=st.data())
    def promote_header(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if t.rows]))
        index = data.draw(st.integers(0, len(table.rows) - 1))

        def shadow() -> None:
            rows = self.shadow.rows[table.id]
            rows[index], self.shadow.header[table.id] = self.shadow.header[table.id], rows[index]

        self.apply(lambda: op.promote_to_header(self.briefing, table.id, index), shadow)

    @precondition(lambda self: self.blocks(Table))
    @rule(data=st.data())
    def insert_column(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(self.blocks(Table)))
        index = data.draw(st.integers(0, len(table.header)))
        self.apply(
            lambda: op.insert_column(self.briefing, table.id, index, "new"),
            lambda: self.shadow.columns[table.id].insert(index, tag()),
        )

    @precondition(lambda self: any(len(t.header) > 1 for t in self.blocks(Table)))
    @rule(data=st.data())
    def remove_column(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if len(t.header) > 1]))
        index = data.draw(st.integers(0, len(table.header) - 1))

        def shadow() -> None:
            gone = self.shadow.columns[table.id].pop(index)
            self._lose(lambda e: e[0] == "cell" and e[1] == table.id and e[3] == gone)

        self.apply(lambda: op.remove_column(self.briefing, table.id, index), shadow)

    @precondition(lambda self: any(len(t.header) > 1 for t in self.blocks(Table)))
    @rule(data=st.data())
    def move_column(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if len(t.header) > 1]))
        source = data.draw(st.integers(0, len(table.header) - 1))
        target = data.draw(st.integers(0, len(table.header) - 1))
        tags = self.shadow.columns[table.id]
        self.apply(
            lambda: op.move_column(self.briefing, table.id, source, target),
            lambda: tags.insert(target, tags.pop(source)),
        )

    @precondition(lambda self: self.blocks(Table))
    @rule(data=st.data(), value=WORDS)
    def set_cell(self, data: st.DataObject, value: str) -> None:
        table = data.draw(st.sampled_from(self.blocks(Table)))
        row = data.draw(st.integers(HEADER_ROW, len(table.rows) - 1))
        column = data.draw(st.integers(0, max(len(table.header) - 1, 0)))
        self.apply(lambda: op.set_cell(self.briefing, table.id, row, column, value), lambda: None)

    # --- blocks and sections ---------------------------------------------------------------------------

    @rule(data=st.data())
    def remove_block(self, data: st.DataObject) -> None:
        blocks = [block for _, block in self.briefing.blocks()]
        if not blocks:
            return
        block = data.draw(st.sampled_from(blocks))
        self.apply(lambda: op.remove_block(self.briefing, block.id), lambda: self._lose_block(block.id))

    @rule(data=st.data())
    def move_block(self, data: st.DataObject) -> None:
        blocks = [block for _, block in self.briefing.blocks()]
        if not blocks or not self.briefing.sections:
            return
        block = data.draw(st.sampled_from(blocks))
        section = data.draw(st.sampled_from(self.briefing.sections))
        size = len(section.blocks) - (1 if any(b is block for b in section.blocks) else 0)
        index = data.draw(st.integers(0, size))
        self.apply(lambda: op.move_block(self.briefing, block.id, section.id, index), lambda: None)

    @rule(data=st.data())
    def add_paragraph(self, data: st.DataObject) -> None:
        if not self.briefing.sections:
            return
        section = data.draw(st.sampled_from(self.briefing.sections))
        index = data.draw(st.integers(0, len(section.blocks)))
        paragraph = op.new_paragraph(self.briefing, "fresh text")

        def shadow() -> None:
            self.shadow.chars[paragraph.id] = [tag() for _ in paragraph.text]

        self.apply(lambda: op.insert_block(self.briefing, section.id, index, paragraph), shadow)

    @precondition(lambda self: len(self.briefing.sections) > 1)
    @rule(data=st.data())
    def move_section(self, data: st.DataObject) -> None:
        source = data.draw(st.integers(0, len(self.briefing.sections) - 1))
        target = data.draw(st.integers(0, len(self.briefing.sections) - 1))
        self.apply(lambda: op.move_section(self.briefing, source, target), lambda: None)

    @precondition(lambda self: len(self.briefing.sections) > 1)
    @rule(data=st.data())
    def remove_section(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.briefing.sections) - 1))
        ids = [block.id for block in self.briefing.sections[index].blocks]

        def shadow() -> None:
            for block_id in ids:
                self._lose_block(block_id)

        self.apply(lambda: op.remove_section(self.briefing, index), shadow)

    # --- fixes ----------------------------------------------------------------------------------------

    @rule(data=st.data())
    def apply_a_fix(self, data: st.DataObject) -> None:
        """A fix may rewrite the blocks it touches; pointers elsewhere must not move, and pointers into
        what it touched must stay valid or be reported lost."""
        findings = [finding for finding in run_checks(self.briefing) if finding.fixes]
        if not findings:
            return
        finding = data.draw(st.sampled_from(findings))
        fix = data.draw(st.sampled_from(finding.fixes))
        before = copy.deepcopy(self.shadow)
        applied = apply_fix(self.briefing, finding, fix)
        event(f"fix {fix.action}")
        if applied.change is None:
            assert not applied.transaction.inverse, "a fix that changed nothing leaves nothing to undo"
            return
        touched = {event.id for event in applied.transaction.events if event.what == "block"}
        self._resync(touched)
        self.done.append((applied.transaction, before))
        self.undone.clear()

    def _resync(self, touched: set[str]) -> None:
        """After a fix: tag what the fix rewrote afresh and take the pointers into it as they now are."""
        present = {block.id for _, block in self.briefing.blocks()}
        for store in (self.shadow.chars, self.shadow.items, self.shadow.rows, self.shadow.columns):
            for block_id in [key for key in store if key in touched or key not in present]:
                del store[block_id]
        self._tag_new_blocks(self.briefing)
        for comment in self.briefing.comments:
            expected = self.shadow.comments.get(comment.id)
            if expected is not None and (expected[1] in touched or expected[1] not in present):
                self.shadow.comments[comment.id] = self._expect(comment.anchor)
        for rec in self.briefing.recommendations:
            expected = self.shadow.origins.get(rec.id)
            if expected is not None and (expected[1] in touched or expected[1] not in present):
                self.shadow.origins[rec.id] = self._expect(rec.origin, origin=True)

    def _expect(self, ref: Ref, origin: bool = False) -> tuple[object, ...] | None:
        """What a pointer into a rewritten block is expected to keep pointing at: where it is now."""
        if ref.lost:
            return None
        if ref.item is not None:
            return ("item", ref.block_id, self.shadow.items[ref.block_id][ref.item])
        if ref.row is not None:
            row_tag = (
                self.shadow.header[ref.block_id]
                if ref.row == HEADER_ROW
                else self.shadow.rows[ref.block_id][ref.row]
            )
            if origin:
                return ("row", ref.block_id, row_tag)
            return ("cell", ref.block_id, row_tag, self.shadow.columns[ref.block_id][ref.column or 0])
        assert ref.start is not None and ref.end is not None
        return ("span", ref.block_id, self.shadow.chars[ref.block_id][ref.start : ref.end])

    def _tag_new_blocks(self, briefing: Briefing) -> None:
        for _, block in briefing.blocks():
            if isinstance(block, Paragraph) and block.id not in self.shadow.chars:
                self.shadow.chars[block.id] = [tag() for _ in block.text]
            elif isinstance(block, ListBlock) and block.id not in self.shadow.items:
                self.shadow.items[block.id] = [tag() for _ in block.items]
            elif isinstance(block, Table) and block.id not in self.shadow.rows:
                self.shadow.rows[block.id] = [tag() for _ in block.rows]
                self.shadow.header[block.id] = tag()
                self.shadow.columns[block.id] = [tag() for _ in range(block.column_count)]

    def _lose_block(self, block_id: str) -> None:
        self._lose(lambda e: e[1] == block_id)

    def _lose(self, condition) -> None:  # noqa: ANN001
        for store in (self.shadow.comments, self.shadow.origins):
            for key, expected in store.items():
                if expected is not None and condition(expected):
                    store[key] = None

    # --- comments --------------------------------------------------------------------------------------

    @precondition(lambda self: any(p.text for p in self.blocks(Paragraph)))
    @rule(data=st.data())
    def comment_on_words(self, data: st.DataObject) -> None:
        paragraph = data.draw(st.sampled_from([p for p in self.blocks(Paragraph) if p.text]))
        start = data.draw(st.integers(0, len(paragraph.text) - 1))
        end = data.draw(st.integers(start + 1, len(paragraph.text)))
        comment = Comment(
            self.briefing.new_id("c"),
            Ref(self.section_of(paragraph.id), paragraph.id, start=start, end=end),
            "?",
        )
        covered = self.shadow.chars[paragraph.id][start:end]
        self.apply(
            lambda: op.add_comment(self.briefing, comment),
            lambda: self.shadow.comments.__setitem__(comment.id, ("span", paragraph.id, covered)),
        )

    @precondition(lambda self: any(t.rows and t.header for t in self.blocks(Table)))
    @rule(data=st.data())
    def comment_on_cell(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t for t in self.blocks(Table) if t.rows and t.header]))
        row = data.draw(st.integers(HEADER_ROW, len(table.rows) - 1))
        column = data.draw(st.integers(0, len(table.header) - 1))
        ref = Ref(self.section_of(table.id), table.id, row=row, column=column)
        comment = Comment(self.briefing.new_id("c"), ref, "cell")
        row_tag = self.shadow.header[table.id] if row == HEADER_ROW else self.shadow.rows[table.id][row]
        expected = ("cell", table.id, row_tag, self.shadow.columns[table.id][column])
        self.apply(
            lambda: op.add_comment(self.briefing, comment),
            lambda: self.shadow.comments.__setitem__(comment.id, expected),
        )

    @precondition(lambda self: any(b.items for b in self.blocks(ListBlock)))
    @rule(data=st.data())
    def comment_on_item(self, data: st.DataObject) -> None:
        block = data.draw(st.sampled_from([b for b in self.blocks(ListBlock) if b.items]))
        index = data.draw(st.integers(0, len(block.items) - 1))
        comment = Comment(
            self.briefing.new_id("c"), Ref(self.section_of(block.id), block.id, item=index), "item"
        )
        expected = ("item", block.id, self.shadow.items[block.id][index])
        self.apply(
            lambda: op.add_comment(self.briefing, comment),
            lambda: self.shadow.comments.__setitem__(comment.id, expected),
        )

    @precondition(lambda self: self.briefing.comments)
    @rule(data=st.data())
    def remove_comment(self, data: st.DataObject) -> None:
        comment = data.draw(st.sampled_from(self.briefing.comments))
        self.apply(
            lambda: op.remove_comment(self.briefing, comment.id),
            lambda: self.shadow.comments.pop(comment.id),
        )

    @precondition(lambda self: self.briefing.recommendations)
    @rule(data=st.data(), value=WORDS)
    def annotate(self, data: st.DataObject, value: str) -> None:
        rec = data.draw(st.sampled_from(self.briefing.recommendations))
        name = data.draw(st.sampled_from(["text", "owner", "decision"]))
        self.apply(lambda: op.set_recommendation_field(self.briefing, rec.id, name, value), lambda: None)

    # --- undo and redo ---------------------------------------------------------------------------------

    @precondition(lambda self: self.done)
    @rule()
    def undo(self) -> None:
        transaction, before = self.done.pop()
        after = self.shadow
        transaction.undo()
        self.shadow = before
        self.undone.append((transaction, after))

    @precondition(lambda self: self.undone)
    @rule()
    def redo(self) -> None:
        transaction, after = self.undone.pop()
        before = self.shadow
        transaction.redo()
        self.shadow = after
        self.done.append((transaction, before))

    # --- what must always hold -------------------------------------------------------------------------

    @invariant()
    def pointers_stay_on_their_text(self) -> None:
        located = {block.id: (section.id, block) for section, block in self.briefing.blocks()}
        for comment in self.briefing.comments:
            expected = self.shadow.comments[comment.id]
            anchor = comment.anchor
            if expected is None:
                assert anchor.lost, f"{comment.id} should be reported lost, is {anchor}"
                continue
            assert not anchor.lost, f"{comment.id} was lost, expected {expected}"
            section_id, block = located[anchor.block_id]
            assert anchor.section_id == section_id, "a ref's section follows its block"
            kind = expected[0]
            if kind == "span":
                chars = self.shadow.chars[block.id]
                assert anchor.start is not None and anchor.end is not None
                assert chars[anchor.start : anchor.end] == expected[2], (comment.id, anchor)
            elif kind == "item":
                assert self.shadow.items[block.id][anchor.item] == expected[2]
            elif kind == "cell":
                row_tag = (
                    self.shadow.header[block.id]
                    if anchor.row == HEADER_ROW
                    else self.shadow.rows[block.id][anchor.row]
                )
                assert (row_tag, self.shadow.columns[block.id][anchor.column]) == expected[2:]
        for rec in self.briefing.recommendations:
            expected = self.shadow.origins.get(rec.id)
            if expected is None:
                assert rec.origin.lost, f"{rec.id}'s origin should be lost, is {rec.origin}"
                continue
            assert not rec.origin.lost and rec.origin.block_id == expected[1]
            if expected[0] == "item":
                assert self.shadow.items[expected[1]][rec.origin.item] == expected[2]
            elif rec.origin.row == HEADER_ROW:  # its row was promoted to the header
                assert self.shadow.header[expected[1]] == expected[2]
            else:
                assert self.shadow.rows[expected[1]][rec.origin.row] == expected[2]

    @invariant()
    def shadow_matches_text(self) -> None:
        for paragraph in self.blocks(Paragraph):
            assert len(self.shadow.chars[paragraph.id]) == len(paragraph.text)
        for block in self.blocks(ListBlock):
            assert len(self.shadow.items[block.id]) == len(block.items)
        for table in self.blocks(Table):
            assert len(self.shadow.rows[table.id]) == len(table.rows)

    def teardown(self) -> None:
        if not hasattr(self, "done"):
            return
        while self.done:
            self.done.pop()[0].undo()
        assert _state(self.briefing) == self.start_state


def _state(briefing: Briefing) -> dict[str, object]:
    """The briefing as the project file holds it, less the id counter (ids handed out stay used)."""
    state = to_dict(briefing)
    state.pop("next_id")
    return state


def _splice(runs: list[Run], start: int, end: int, new: str) -> list[Run]:
    from briefing.editing.runs import splice_runs

    return splice_runs(runs, start, end, new)


EditingMachine.TestCase.settings = settings(
    max_examples=300, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestEditingCore = EditingMachine.TestCase

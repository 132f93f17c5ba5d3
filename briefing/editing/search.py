"""Find and replace across the whole briefing, through the editing core.

Every searchable text is named by a :class:`~briefing.refs.Ref` (see :func:`text_fields`); a match is
that ref narrowed to the matched span. Replacing changes only the matched characters, one span step
each, so comments on other words of the same paragraph stay where they are and a comment on the
replaced words moves onto the replacement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..kinds import text_at, texts
from ..model import Briefing, ListBlock, Paragraph
from ..refs import Ref
from .runs import splice_item, splice_runs
from .steps import SetCell, SetItem, SetRuns, SetValue, Step
from .transaction import Transaction

#: Header-block details that search reads, in the order the details pane shows them.
META_FIELDS = (
    "title",
    "subtitle",
    "prepared_for",
    "prepared_by",
    "date",
    "classification",
    "source.publisher",
    "source.url",
    "source.date",
)


@dataclass(frozen=True)
class Match:
    """Where a search matched: ``ref`` is the text's ref narrowed to the match; ``text`` the whole text."""

    ref: Ref
    text: str

    @property
    def start(self) -> int:
        """Where the match begins in :attr:`text`."""
        return self.ref.start or 0

    @property
    def end(self) -> int:
        """Where the match ends in :attr:`text`."""
        return self.ref.end or 0


def text_fields(briefing: Briefing) -> Iterator[tuple[Ref, str]]:
    """Every editable text of the briefing with its ref, in reading order."""
    meta = briefing.meta
    for name in META_FIELDS:
        value: object = meta
        for part in name.split("."):
            value = getattr(value, part)
        yield Ref(field=f"meta.{name}"), str(value)
    for section in briefing.sections:
        yield Ref(section_id=section.id, field="heading"), section.heading
        for block in section.blocks:
            for ref, text in texts(block):
                yield Ref(section.id, ref.block_id, ref.item, ref.row, ref.column, field=ref.field), text


def pattern(needle: str, match_case: bool = False, whole_word: bool = False) -> re.Pattern[str] | None:
    """The regular expression a search uses; ``None`` for an empty search."""
    if not needle:
        return None
    body = re.escape(needle)
    if whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if match_case else re.IGNORECASE)


def find_all(
    briefing: Briefing, needle: str, match_case: bool = False, whole_word: bool = False
) -> list[Match]:
    """Every occurrence of ``needle`` in the briefing's text, in reading order."""
    regex = pattern(needle, match_case, whole_word)
    if regex is None:
        return []
    return [
        Match(ref.with_span(m.start(), m.end()), text)
        for ref, text in text_fields(briefing)
        for m in regex.finditer(text)
    ]


def read_text(briefing: Briefing, ref: Ref) -> str:
    """The current text of a field from :func:`text_fields` (span ignored)."""
    target = ref.without_span()
    return next((text for r, text in text_fields(briefing) if r == target), "")


def replace_steps(briefing: Briefing, ref: Ref, spans: list[tuple[int, int]], replacement: str) -> list[Step]:
    """Steps replacing each ``(start, end)`` of the text ``ref`` names (spans in order, not overlapping)."""
    steps: list[Step] = []
    if ref.field.startswith("meta.") or ref.field in ("heading", "caption"):
        text = (
            read_text(briefing, ref) if ref.field.startswith("meta.") else _heading_or_caption(briefing, ref)
        )
        for start, end in reversed(spans):
            text = text[:start] + replacement + text[end:]
        target = ref if ref.field.startswith("meta.") else Ref(ref.section_id, ref.block_id, field=ref.field)
        if ref.field == "heading":
            target = Ref(section_id=ref.section_id, field="heading")
        return [SetValue(target.without_span(), text)]
    block = briefing.find_block(ref.block_id)
    if isinstance(block, Paragraph):
        runs = block.runs
        for start, end in reversed(spans):  # from the end, so earlier offsets stay valid
            runs = splice_runs(runs, start, end, replacement)
            steps.append(SetRuns(block.id, runs, [start, end, start + len(replacement)]))
        return steps
    if isinstance(block, ListBlock) and ref.item is not None:
        item = block.items[ref.item]
        # Spans count in the term or the text; the item's full text puts the text after the separator.
        offset = len(item.term) + len(item.separator) if item.term and ref.field != "term" else 0
        for start, end in reversed(spans):
            item, span = splice_item(item, offset + start, offset + end, replacement)
            steps.append(SetItem(block.id, ref.item, item, span))
        return steps
    if ref.row is not None and ref.column is not None:
        text = text_at(briefing, ref.without_span())
        for start, end in reversed(spans):
            text = text[:start] + replacement + text[end:]
        return [SetCell(ref.block_id, ref.row, ref.column, text)]
    return steps


def _heading_or_caption(briefing: Briefing, ref: Ref) -> str:
    if ref.field == "heading":
        section = briefing.find_section(ref.section_id)
        return section.heading if section is not None else ""
    return text_at(briefing, Ref(block_id=ref.block_id, field="caption"))


def replace_all(
    briefing: Briefing, needle: str, replacement: str, match_case: bool = False, whole_word: bool = False
) -> Transaction:
    """Replace every occurrence, as one transaction."""
    transaction = Transaction(briefing, f"Replace “{needle}”")
    by_field: dict[Ref, list[tuple[int, int]]] = {}
    for match in find_all(briefing, needle, match_case, whole_word):
        by_field.setdefault(match.ref.without_span(), []).append((match.start, match.end))
    try:
        for ref, spans in by_field.items():
            transaction.do_all(replace_steps(briefing, ref, spans, replacement))
    except Exception:
        transaction.rollback()
        raise
    return transaction.finish()


def replace_one(briefing: Briefing, match: Match, replacement: str) -> Transaction:
    """Replace one match (Replace in the find bar), as one transaction."""
    transaction = Transaction(briefing, f"Replace “{match.text[match.start : match.end]}”")
    try:
        transaction.do_all(
            replace_steps(briefing, match.ref.without_span(), [(match.start, match.end)], replacement)
        )
    except Exception:
        transaction.rollback()
        raise
    return transaction.finish()

"""What every check reads: the briefing walked once into text units, with sentences and positions.

Walking the model once and caching sentence spans keeps the whole run linear in the article's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import TypeVar

from .. import patterns
from ..kinds import kind_of, text_at
from ..model import Block, Briefing, ListBlock, Paragraph, Section, Table
from ..places import Places
from ..refs import Ref
from .values import CellKinds, DateMention, find_dates

T = TypeVar("T")

# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen lt col capt maj sgt adm cmdr sen rep gov pres amb hon rev fr "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig approx est etc vs inc ltd co corp "
    "dept univ ave e.g i.e cf al".split()
)
# An end mark, then whitespace before something that is not a lower-case letter (or the end).
_BOUNDARY = patterns.compile(r"([.!?…]+[\"”’)\]]*)(?:\s+(?=[^\sa-zà-ÿ])|\s*$)")
# No leading \b: it makes the regex several times slower, and a capital inside a word ("iPhone") only
# makes a cheap pre-test pass where it need not.
_CAPITALISED = patterns.compile(r"[A-ZÀ-Ý]\w*")
_INITIALS = patterns.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))
_DASHES = (("–", "-"), ("—", "-"))
#: What :attr:`CheckContext.table_text` puts between cells (and at both ends).
_SEPARATOR = "\x1f"
#: Whitespace but a plain space and the separator (which ``str.split`` and ``\s`` take as whitespace).
_ODD_SPACE = patterns.compile(r"[^\S \x1f]")


def straighten(text: str, dashes: bool = False) -> str:
    """Curly quotes (and with ``dashes``, en and em dashes) made plain ASCII; the length is kept.

    A chain of ``replace`` calls: ``str.translate`` looks every character of non-ASCII text up in a
    dictionary, which made it the costliest step of a whole check run.
    """
    if text.isascii():
        return text
    for curly, plain in _QUOTES + _DASHES if dashes else _QUOTES:
        if curly in text:
            text = text.replace(curly, plain)
    return text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; the spans cover every non-space character of ``text``.

    A sentence ends at ., !, ? or … (with closing quotes or brackets) followed by whitespace and a
    character that is not a lower-case letter, unless the full stop ends an abbreviation or an initial.
    """
    spans = []
    start = len(text) - len(text.lstrip())
    for match in _BOUNDARY.finditer(text):
        if match.group(1)[0] == ".":
            word = text[text.rfind(" ", 0, match.start()) + 1 : match.start()].lstrip("(\"“'‘")
            if word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
        if match.end(1) > start:
            spans.append((start, match.end(1)))
        start = match.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def content_width(cells: list[str]) -> int:
    """One past the last non-empty cell of a row."""
    for index in range(len(cells) - 1, -1, -1):
        if cells[index].strip():
            return index + 1
    return 0


def normalise(text: str) -> str:
    """Text for comparing: one space between words, straight quotes, lower case. Text that is so
    already comes back as the same object (every table cell is normalised: most cells are)."""
    normal = " ".join(straighten(text, dashes=True).lower().split())
    return text if normal == text else normal


@dataclass
class TextUnit:
    """A stretch of prose a text rule reads: a paragraph, or one item of a list."""

    section: Section
    block: Paragraph | ListBlock
    item: int | None
    text: str

    def target(self, start: int | None = None, end: int | None = None) -> Ref:
        """A ref to this unit, optionally to a span of its text."""
        return Ref(self.section.id, self.block.id, item=self.item, start=start, end=end)

    @cached_property
    def normalised(self) -> str:
        """The unit's text as :func:`normalise` gives it."""
        return normalise(self.text)

    @cached_property
    def words(self) -> list[str]:
        """The normalised text's words."""
        return self.normalised.split()

    @cached_property
    def word_set(self) -> frozenset[str]:
        """The distinct normalised words."""
        return frozenset(self.words)

    @cached_property
    def capitals(self) -> frozenset[str]:
        """The capitalised words in the text: a cheap first test for names and titles."""
        return frozenset(_CAPITALISED.findall(self.text))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the unit's text (worked out once per run)."""
        return sentence_spans(self.text)


@dataclass
class BlockMemo:
    """What runs of the checks worked out about each block, kept for the next run while the block is
    unchanged: its text units (with their normalised text and sentences), a table's keys and its joined
    text. An entry is used only for the very block object (and section) it was made from; the safe-fix
    loop also forgets the blocks each round changed."""

    units: dict[str, tuple[Block, Section, list[TextUnit]]] = field(default_factory=dict)
    keys: dict[str, tuple[Block, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    joined: dict[str, tuple[Block, str]] = field(default_factory=dict)
    kinds: dict[str, tuple[Block, CellKinds]] = field(default_factory=dict)

    def forget(self, block_ids: AbstractSet[str]) -> None:
        """Drop what is known about these blocks."""
        for block_id in block_ids:
            self.units.pop(block_id, None)
            self.keys.pop(block_id, None)
            self.joined.pop(block_id, None)
            self.kinds.pop(block_id, None)


def _units_of(section: Section, block: Block) -> list[TextUnit]:
    if isinstance(block, ListBlock):
        return [TextUnit(section, block, index, item.full_text) for index, item in enumerate(block.items)]
    assert isinstance(block, Paragraph), f"a {block.kind} has no text units yet"
    return [TextUnit(section, block, None, block.text)]


def _table_key(table: Table, joined: str) -> tuple[tuple[str, ...], ...]:
    """The table's rows normalised (cells equal to their normalised text kept as they are), from its
    :func:`_table_joined` text: normalising each cell was the costliest step of the shape rules on a
    table-heavy article, and on tidy cells :func:`normalise` is ``str.lower`` on the joined text."""
    rows = [table.header, *table.rows]
    count = sum(map(len, rows))
    if not _tidy(joined, count):
        return _cell_by_cell_key(rows)
    lowered = straighten(joined, dashes=True).lower()
    if lowered == joined:
        cells = list(chain.from_iterable(rows))
    else:
        # No character lowers to a separator; the count proves none did, so the cells line up.
        lowered_cells = lowered.split(_SEPARATOR)[1:-1]
        if len(lowered_cells) != count:
            return _cell_by_cell_key(rows)
        pairs = zip(chain.from_iterable(rows), lowered_cells, strict=True)
        cells = [old if old == new else new for old, new in pairs]
    keys = []
    start = 0
    for row in rows:
        end = start + len(row)
        stop = end
        while stop > start and not cells[stop - 1]:  # a tidy blank cell is ""
            stop -= 1
        keys.append(tuple(cells[start:stop]))
        start = end
    return tuple(keys)


def _cell_by_cell_key(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(normalise(cell) for cell in row[: content_width(row)]) for row in rows)


def _tidy(joined: str, count: int) -> bool:
    """Whether :func:`normalise` changes no cell's spacing: no cell holds a separator, starts or ends
    with a space or holds a run of them, or any whitespace but a plain space. Then normalising a cell is
    straightening and lowering it, which the joined text can have done at once (a final sigma is lowered
    the same way before a separator as at the end of a cell: the separator is neither cased nor
    case-ignorable)."""
    if joined.count(_SEPARATOR) != count + 1 or "  " in joined:
        return False
    if " \x1f" in joined or "\x1f " in joined:
        return False
    if joined.isascii():  # ASCII whitespace but a space: each found by one fast scan
        return not any(space in joined for space in "\t\n\v\f\r\x1c\x1d\x1e")
    return _ODD_SPACE.search(joined) is None


def _table_kinds(table: Table) -> CellKinds:
    return CellKinds.of(table.rows)


def _table_joined(table: Table) -> str:
    cells = _SEPARATOR.join(chain.from_iterable([table.header, *table.rows]))
    return f"{_SEPARATOR}{cells}{_SEPARATOR}"


@dataclass
class CheckContext:
    """The briefing as checks see it, plus the source text when the caller has it.

    ``only`` narrows the blocks, text units and tables to those ids (headings and the title are always
    there): how the safe-fix loop re-runs the checks that read one block at a time on just the blocks
    its last round changed. ``memo`` carries per-block results over from an earlier run.
    """

    briefing: Briefing
    #: The article text the briefing was imported from, for rules about what import leaves out.
    source: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    #: Results several checks need, worked out once per run (keyed by what they are).
    cache: dict[object, object] = field(default_factory=dict)
    only: AbstractSet[str] | None = None
    memo: BlockMemo | None = None

    def __post_init__(self) -> None:
        if self.positions:
            return
        position = 0
        for section in self.briefing.sections:
            self.positions[section.id] = position
            for block in section.blocks:
                position += 1
                self.positions[block.id] = position
            position += 1

    def narrowed(self, only: AbstractSet[str]) -> CheckContext:
        """The same briefing seen through these blocks only (positions and memo shared)."""
        return CheckContext(self.briefing, self.source, self.positions, only=only, memo=self.memo)

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Every block with its section (the ``only`` ones when narrowed)."""
        if self.only is None:
            return self.briefing.blocks()
        only = self.only
        return ((section, block) for section, block in self.briefing.blocks() if block.id in only)

    @cached_property
    def places(self) -> Places:
        """Names of places for messages (a person never reads an id)."""
        return Places(self.briefing)

    @cached_property
    def units(self) -> list[TextUnit]:
        """Paragraphs and list items in reading order."""
        units: list[TextUnit] = []
        memo = self.memo
        for section, block in self.blocks():
            if not kind_of(block).spans:  # tables: their cells are read by the table rules
                continue
            if memo is None:
                units.extend(_units_of(section, block))
                continue
            known = memo.units.get(block.id)
            if known is None or known[0] is not block or known[1] is not section:
                known = (block, section, _units_of(section, block))
                memo.units[block.id] = known
            units.extend(known[2])
        return units

    @cached_property
    def tables(self) -> list[tuple[Section, Table]]:
        """Every table with its section, in reading order."""
        return [(s, b) for s, b in self.blocks() if isinstance(b, Table)]

    def subject(self, ref: Ref) -> str:
        """The text a ref names (what an ignored finding is remembered by)."""
        return text_at(self.briefing, ref)

    @cached_property
    def table_keys(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Each table's rows (header first) normalised, without trailing empty cells, by table id."""
        text = self.table_text
        return {
            table.id: self._remembered(
                None if self.memo is None else self.memo.keys, table, lambda t: _table_key(t, text[t.id])
            )
            for _, table in self.tables
        }

    @cached_property
    def table_text(self) -> dict[str, str]:
        """Each table's cells joined with U+001F, by table id: one cheap test can skip a whole table."""
        return {
            table.id: self._remembered(None if self.memo is None else self.memo.joined, table, _table_joined)
            for _, table in self.tables
        }

    @cached_property
    def cell_kinds(self) -> dict[str, CellKinds]:
        """The kind of each body cell (:func:`~.values.cell_kind`) by table id: several rules read every
        cell's kind, and a large table's cells outnumber any cache of single texts."""
        return {
            table.id: self._remembered(None if self.memo is None else self.memo.kinds, table, _table_kinds)
            for _, table in self.tables
        }

    @staticmethod
    def _remembered(store: dict[str, tuple[Block, T]] | None, table: Table, make: Callable[[Table], T]) -> T:
        if store is None:
            return make(table)
        known = store.get(table.id)
        if known is None or known[0] is not table:
            known = (table, make(table))
            store[table.id] = known
        return known[1]

    @cached_property
    def known_names(self) -> frozenset[str]:
        """Capitalised words the prose uses inside a sentence: names, not just a sentence's first word
        (several rules ask, so it is read once a run)."""
        known: set[str] = set()
        for unit in self.units:
            starts = {a for a, _ in unit.sentences}
            for match in _CAPITALISED.finditer(unit.text):
                if match.start() not in starts:
                    known.add(match.group(0))
        return frozenset(known)

    @cached_property
    def prose_dates(self) -> list[tuple[TextUnit, DateMention]]:
        """Every date with a year in the prose."""
        return [(unit, mention) for unit in self.units for mention in find_dates(unit.text)]

    def position(self, target: Ref) -> int:
        """Reading-order position of a target, for sorting findings."""
        if target.block_id:
            return self.positions.get(target.block_id, 1 << 30)
        return self.positions.get(target.section_id, 1 << 30)

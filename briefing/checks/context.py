"""What every check reads: the briefing walked once into text units, with sentences and positions.

Walking the model once and caching sentence spans keeps the whole run linear in the article's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..kinds import kind_of, text_at
from ..model import Block, Briefing, ListBlock, Paragraph, Section, Table
from ..places import Places
from ..refs import Ref
from .values import DateMention, find_dates

# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen lt col capt maj sgt adm cmdr sen rep gov pres amb hon rev fr "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig approx est etc vs inc ltd co corp "
    "dept univ ave e.g i.e cf al".split()
)
# An end mark, then whitespace before something that is not a lower-case letter (or the end).
_BOUNDARY = re.compile(r"([.!?…]+[\"”’)\]]*)(?:\s+(?=[^\sa-zà-ÿ])|\s*$)")
# No leading \b: it makes the regex several times slower, and a capital inside a word ("iPhone") only
# makes a cheap pre-test pass where it need not.
_CAPITALISED = re.compile(r"[A-ZÀ-Ý]\w*")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


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
    """Text for comparing: one space between words, straight quotes, lower case."""
    return " ".join(text.translate(_QUOTES).lower().split())


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
class CheckContext:
    """The briefing as checks see it, plus the source text when the caller has it."""

    briefing: Briefing
    #: The article text the briefing was imported from, for rules about what import leaves out.
    source: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    #: Results several checks need, worked out once per run (keyed by what they are).
    cache: dict[object, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        position = 0
        for section in self.briefing.sections:
            self.positions[section.id] = position
            for block in section.blocks:
                position += 1
                self.positions[block.id] = position
            position += 1

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Every block with its section."""
        return self.briefing.blocks()

    @cached_property
    def places(self) -> Places:
        """Names of places for messages (a person never reads an id)."""
        return Places(self.briefing)

    @cached_property
    def units(self) -> list[TextUnit]:
        """Paragraphs and list items in reading order."""
        units: list[TextUnit] = []
        for section, block in self.briefing.blocks():
            if not kind_of(block).spans:  # tables: their cells are read by the table rules
                continue
            if isinstance(block, ListBlock):
                units.extend(
                    TextUnit(section, block, index, item.full_text) for index, item in enumerate(block.items)
                )
            else:
                assert isinstance(block, Paragraph), f"a {block.kind} has no text units yet"
                units.append(TextUnit(section, block, None, block.text))
        return units

    @cached_property
    def tables(self) -> list[tuple[Section, Table]]:
        """Every table with its section, in reading order."""
        return [(s, b) for s, b in self.briefing.blocks() if isinstance(b, Table)]

    def subject(self, ref: Ref) -> str:
        """The text a ref names (what an ignored finding is remembered by)."""
        return text_at(self.briefing, ref)

    @cached_property
    def table_keys(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Each table's rows (header first) normalised, without trailing empty cells, by table id."""
        keys = {}
        for _, table in self.tables:
            keys[table.id] = tuple(
                tuple(normalise(cell) for cell in row[: content_width(row)])
                for row in [table.header, *table.rows]
            )
        return keys

    @cached_property
    def table_text(self) -> dict[str, str]:
        """Each table's cells joined with U+001F, by table id: one cheap test can skip a whole table."""
        joined = {}
        for _, table in self.tables:
            cells = "\x1f".join(cell for row in [table.header, *table.rows] for cell in row)
            joined[table.id] = f"\x1f{cells}\x1f"
        return joined

    @cached_property
    def prose_dates(self) -> list[tuple[TextUnit, DateMention]]:
        """Every date with a year in the prose."""
        return [(unit, mention) for unit in self.units for mention in find_dates(unit.text)]

    def position(self, target: Ref) -> int:
        """Reading-order position of a target, for sorting findings."""
        if target.block_id:
            return self.positions.get(target.block_id, 1 << 30)
        return self.positions.get(target.section_id, 1 << 30)

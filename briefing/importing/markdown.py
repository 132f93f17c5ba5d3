"""Reading Markdown articles with markdown-it-py, with the same table tolerance as plain text.

markdown-it's own GFM table rule swallows the paragraph after a table and drops cells past the header's
width, so pipe tables are cut out first by our scanner and only the text between them goes through
markdown-it (CommonMark with strikethrough, tables off).

Nothing that is not markup is lost. Where the model has no place for a construct, its text is kept in the
nearest place that has one:

- an image becomes its alt text followed by its address in parentheses, as plain text: a note does not
  fetch images, the address is what the analyst needs to find it, and plain text keeps it visible in
  checks, search and every export (an href on the alt text would hide it, and an image inside a link
  has no href of its own to use);
- a link title follows its link in parentheses; a link with no text shows its address as its text;
- in list items and headings, which hold plain text, a link's address follows its text in parentheses
  (unless the text is the address);
- a link reference definition (``[1]: https://… "Title"``) stays where it was written, as a paragraph
  ``[1]: address "Title"`` with the address linked; links that use it also get its address;
- a code fence's info string (its language) is the first line of the code's paragraph; code is kept
  exactly (only trailing newlines go);
- an empty list item is kept, with its marker and empty text;
- entity references (``&amp;``) are decoded: the character they stand for is what lands in the model;
- thematic breaks, emphasis marks, fences and other pure markup are dropped; HTML is kept as text.

Nesting: a briefing note shows lists nine levels deep (:data:`~briefing.importing.builder.MAX_LIST_LEVEL`);
deeper items are put at the deepest level and an ``import.nesting`` note says so, as it does for block
quotes nested that deep (a note shows quotes as plain paragraphs). markdown-it stops reading, silently,
past its nesting limit and recurses once per level, so the nesting a line can open is bounded before
parsing (:func:`cap_nesting`) and markdown-it's limit is set above that bound: it is never reached.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import inline as core_inline
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from .. import patterns
from ..model import Briefing, ListItem, Paragraph, Run
from .builder import MAX_LIST_LEVEL, SectionBuilder, make_item
from .lines import is_heading_line, markdown_heading
from .pipe_tables import scan_table, starts_table
from .positions import TITLE, LineIndex, Segment, align, encode
from .runin import split_run_in_headings
from .runtogether import RunTogetherTable, run_together_table
from .structure import DATELINE, bold_heading_markup, field_line, follows, memo_field, numbering

_FENCE = patterns.compile(r"^ {0,3}(`{3,}|~{3,})")
#: How much container nesting one line may reach, counted by :func:`cap_nesting`: two per quote mark or
#: list marker, one per column of indentation. Lists 40 levels deep indented by four spaces stay within it.
NESTING_BUDGET = 160
#: markdown-it's block nesting limit: above anything a capped line can reach (a list level costs it two,
#: a quote one), so it never cuts the document short.
_BLOCK_NESTING = NESTING_BUDGET + 8
#: markdown-it's inline nesting limit (its default): past it, brackets and marks stay text, nothing is lost.
_INLINE_NESTING = 20
_WHITESPACE = patterns.compile(r"[ \t]*")
_ORDERED_MARKER = patterns.compile(r"\d{1,9}[.)](?=[ \t]|$)")
#: A bullet glyph CommonMark does not know, at a line's start: read as a ``-`` item keeping its glyph.
_GLYPH_BULLET = patterns.compile(r"^([ \t]*)([•▪‣◦–])([ \t]+)(?=\S)")
#: A numbered line that may be a section heading: ``1. EXECUTIVE SUMMARY``, ``2.1 Background``.
_NUMBERED_LINE = patterns.compile(
    r"^ {0,3}(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}\.?)[ \t]+(?P<rest>[A-Z\u00c0-\u024f].*)$"
)
#: The YAML front matter's title.
_FRONT_TITLE = patterns.compile(r"^title[ \t]*:[ \t]*(?P<value>\S.*)$")
#: YAML double-quoted escapes that appear in titles.
_YAML_ESCAPES = {"_": "\u00a0", '"': '"', "\\": "\\", "n": "\n", "t": "\t", "/": "/", " ": " "}
_parser: MarkdownIt | None = None


def _inline_with_default_nesting(state: StateCore) -> None:
    """markdown-it's inline pass, run with its usual nesting limit: one option serves both passes, and
    the block pass needs a higher one."""
    options = state.md.options
    options["maxNesting"] = _INLINE_NESTING
    try:
        core_inline(state)
    finally:
        options["maxNesting"] = _BLOCK_NESTING


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        parser = MarkdownIt("commonmark", {"maxNesting": _BLOCK_NESTING, "inline_definitions": True})
        parser.enable("strikethrough")
        parser.core.ruler.at("inline", _inline_with_default_nesting)
        _parser = parser
    return _parser


def parse_markdown(text: str, briefing: Briefing) -> SectionBuilder:
    """Parse a Markdown article into sections, paragraphs with runs, lists and tables."""
    builder = SectionBuilder(briefing)
    lines = text.split("\n")
    index = LineIndex(text)
    front = _front_matter(lines)
    lines = list(lines)
    for k in range(front):
        lines[k] = ""
    glyphs = _recover_structure(lines, front)
    reader = _ChunkReader(builder, index, glyphs)
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        elif starts_table(lines, i) and not line.startswith(("    ", "\t")):
            reader.flush()
            scanned = scan_table(lines, i)
            builder.table(scanned)
            i = scanned.end_line
            reader.start = i
            continue
        elif (i == front or not lines[i - 1].strip()) and (together := _run_together(lines, i)) is not None:
            reader.flush()  # a table whose cells ran together, after a blank line (runtogether.py)
            builder.table(together)
            builder.note("import.table-split", together.note, i + 1)
            i = together.end_line
            reader.start = i
            continue
        reader.add(line, i)
        i += 1
    reader.flush()
    reader.note_capped()
    if front:
        _keep_front_matter(builder, text.split("\n")[:front], index)
    split_run_in_headings(builder)
    return builder


def _run_together(lines: list[str], i: int) -> RunTogetherTable | None:
    """A table of run-together cells starting at line ``i``, when its lines carry no Markdown marks
    (a list, a quote, a heading, emphasis or a pipe mean the author wrote something else)."""
    line = lines[i]
    if not line[:1].isalnum() or "|" in line or "*" in line or "_" in line or line.startswith("    "):
        return None
    return run_together_table(lines, i)


def _front_matter(lines: list[str]) -> int:
    """How many lines a YAML front matter block (``---`` … ``---``) takes at the article's start; 0 when
    there is none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, min(len(lines), 400)):
        if lines[k].strip() in ("---", "..."):
            body = [line for line in lines[1:k] if line.strip()]
            if body and re.match(r"^[\w-]+[ \t]*:", body[0]):
                return k + 1
            return 0
    return 0


def _keep_front_matter(builder: SectionBuilder, lines: list[str], index: LineIndex) -> None:
    """The front matter stays, as the lede's first paragraph (with a note, so the checks can offer to
    drop it); its ``title:`` is the title when the article has no ``#`` title of its own."""
    text = "\n".join(lines[1:-1])
    block = Paragraph(builder.briefing.new_id("b"), [Run(text)])
    builder.sections[0].blocks.insert(0, block)
    at = align(text, index, index.line_start(1), index.line_end(len(lines) - 2))
    if at:
        builder.briefing.source_map.setdefault(block.id, {})[""] = encode(text, at)
    builder.note(
        "import.front-matter",
        "The article starts with a metadata block (front matter); it is kept as the first paragraph.",
        1,
    )
    if builder.title is not None:
        return
    for k, line in enumerate(lines):
        match = _FRONT_TITLE.match(line)
        if match:
            value = match.group("value")
            for more in lines[k + 1 : -1]:  # a folded scalar goes on in indented lines
                if not more[:1].isspace() or not more.strip():
                    break
                value += " " + more.strip()
            title = _yaml_scalar(value)
            if title:
                builder.title = title
                column = line.find(match.group("value")) + 1
                builder.briefing.source_map[TITLE] = {"": encode(title, [(0, k + 1, column)])}
            return


def _yaml_scalar(value: str) -> str:
    """A one-line YAML scalar's text: quotes removed, double-quoted escapes decoded."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", lambda m: _YAML_ESCAPES.get(m.group(1), m.group(0)), value[1:-1])
    return value


def _recover_structure(lines: list[str], start: int) -> dict[int, str]:
    """Rewrite, in place and line for line, what a pasted Markdown article means but does not spell:

    - ``1. EXECUTIVE SUMMARY`` or ``2.1 Background`` standing alone becomes a heading (its depth the
      level) when the document is numbered as an outline — numbers that follow on from each other with
      text between them — or the line is in capitals; a list written item after item stays a list;
    - a line that is all bold (``**Key Findings**``) after a blank line becomes a heading one level
      below the last ``#`` heading;
    - ``•``, ``▪``, ``–`` bullets become list items (the glyph is kept as the marker; returned by line).

    Only markup changes: every character of the text stays, so positions are still found.
    """
    glyphs: dict[int, str] = {}
    fence: str | None = None
    candidates: list[tuple[int, tuple[int, ...]]] = []
    last_level = 0
    bold_at: list[tuple[int, int]] = []
    for i in range(start, len(lines)):
        line = lines[i]
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        if line[:1] == "|":  # a table row: nothing below rewrites one (most lines of a long report)
            continue
        atx = markdown_heading(line)
        if atx is not None:
            last_level = atx[0]
            continue
        glyph = _GLYPH_BULLET.match(line)
        if glyph:
            glyphs[i] = glyph.group(2)
            lines[i] = glyph.group(1) + "-" + line[glyph.end(2) :]
            continue
        before_blank = i == start or not lines[i - 1].strip()
        after_blank = (
            i + 1 >= len(lines) or not lines[i + 1].strip() or lines[i + 1].lstrip()[:1] not in "-*+"
        )
        numbered = _NUMBERED_LINE.match(line)
        rest = numbered.group("rest").rstrip() if numbered else ""
        alone = i + 1 >= len(lines) or not lines[i + 1].strip() or markdown_heading(lines[i + 1]) is not None
        if numbered and before_blank and alone and len(line) <= 100 and not rest.endswith((".", ",", ";")):
            candidates.append((i, numbering(numbered.group("num"))))
            continue
        bold = bold_heading_markup(line)
        if bold != line and not line.lstrip().startswith(("**", "__")) and not _heading_words(bold):
            bold = line  # an italic line is a heading only in heading words (not a note or a caption)
        if (
            bold != line
            and before_blank
            and after_blank
            and not DATELINE.search(bold)
            and len(bold) <= 100
            and not bold.endswith((".", ",", ";"))
        ):
            bold_at.append((i, min(last_level + 1, 6) if last_level else 2))
    confirmed = _outline(lines, candidates)
    texts = [line for line in lines[start:] if len(line.strip()) > 20]
    shouting = sum(1 for line in texts if line.upper() == line) * 2 > len(texts)
    has_title = any(markdown_heading(line) is not None for line in lines[start:])
    for i, number in candidates:
        rest = _NUMBERED_LINE.match(lines[i]).group("rest")  # type: ignore[union-attr]
        if i in confirmed or (rest.isupper() and len(rest) >= 3 and not shouting):
            level = min(len(number) + (1 if has_title else 0), 6)
            lines[i] = "#" * level + " " + lines[i].lstrip()
    for i, level in bold_at:
        lines[i] = "#" * level + " " + lines[i].strip()
    _mark_fields(lines, start, glyphs)
    return glyphs


def _mark_fields(lines: list[str], start: int, glyphs: dict[int, str]) -> None:
    """Two or more ``Label: value`` lines after a blank line (``**Levy:** 1.20 per tonne`` too), which
    Markdown would run together into one paragraph, become the items of a definition list: each line
    gets a ``-`` marker, recorded as no marker at all. A memo's header block stays as it is."""
    fence: str | None = None
    i = start
    while i < len(lines):
        opener = _FENCE.match(lines[i])
        if fence is not None or opener:
            if fence is None:
                fence = opener.group(1) if opener else None
            elif opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            i += 1
            continue
        j = i
        if i == start or not lines[i - 1].strip():
            while j < len(lines) and _is_field(lines[j]):
                j += 1
        if j - i >= 2 and not any(memo_field(lines[k].replace("**", "")) for k in range(i, j)):
            if j < len(lines) and _LABEL_ONLY.fullmatch(lines[j].replace("**", "").replace("__", "")):
                j += 1  # "**Run settings:**" under the fields labels what follows: an item, not a value's end
            for k in range(i, j):
                lines[k] = "- " + lines[k]
                glyphs[k] = ""
        i = max(j, i + 1)


#: A label standing alone on its line (``Run settings:``).
_LABEL_ONLY = patterns.compile(r"[A-Z][\w’'()%/&., -]{0,48}:[ \t]*")


def _is_field(line: str) -> bool:
    return (
        line[:1] not in (" ", "\t", ">", "|", "#")
        and "|" not in line
        and field_line(line.replace("**", "").replace("__", "")) is not None
    )


def _heading_words(text: str) -> bool:
    """Title Case or capitals, as headings are written."""
    letters = [c for c in text if c.isalpha()]
    return is_heading_line(text) or (len(letters) >= 3 and all(c.isupper() for c in letters))


def _outline(lines: list[str], candidates: list[tuple[int, tuple[int, ...]]]) -> set[int]:
    """Numbered lines whose numbers follow on from each other's with other text between them."""
    confirmed: set[int] = set()
    for (a, first), (b, second) in zip(candidates, candidates[1:], strict=False):
        between = [line for line in lines[a + 1 : b] if line.strip()]
        if between and not all(_ORDERED_MARKER.match(line.lstrip()) for line in between):
            if follows(first, second):
                confirmed.update((a, b))
    return confirmed


def cap_nesting(line: str, budget: int = NESTING_BUDGET) -> str | None:
    """The line with the first list or quote marker that would go past ``budget`` escaped (a backslash
    before it), so that it and all after it stay text; ``None`` when the line is within the budget.

    Each quote mark or list marker at the line's start costs two, each column of indentation one: a
    container is opened by a marker, and continued by a quote mark or by at least two columns, so a line
    whose markers all fit reaches at most ``budget`` levels in markdown-it (a list level counts two
    there, a quote one). Indentation is never changed: past the budget it can only continue containers
    that earlier lines, themselves within it, opened. Only pathological input is touched, and in code
    the inserted backslash is the one character that differs.
    """
    pos = cost = 0
    while True:
        end = _WHITESPACE.match(line, pos).end()  # type: ignore[union-attr]
        space = line[pos:end]
        cost += len(space) + 3 * space.count("\t")
        pos = end
        char = line[pos : pos + 1]
        if char == ">" or (char in ("-", "+", "*") and line[pos + 1 : pos + 2] in ("", " ", "\t")):
            marker_end, escape_at = pos + 1, pos
        else:
            ordered = _ORDERED_MARKER.match(line, pos)
            if ordered is None:
                return None
            marker_end, escape_at = ordered.end(), ordered.end() - 1
        if cost + 2 > budget:
            return line[:escape_at] + "\\" + line[escape_at:]
        cost += 2
        pos = marker_end


class _ChunkReader:
    """Gathers the table-free stretches of an article and converts each with markdown-it."""

    def __init__(
        self, builder: SectionBuilder, index: LineIndex, glyphs: dict[int, str] | None = None
    ) -> None:
        self.builder = builder
        self.index = index
        #: Bullet glyphs read as ``-`` items, by the article's line (from 0).
        self.glyphs = glyphs or {}
        #: Shared by all stretches, so a link can use a reference defined before a table.
        self.env: dict[str, Any] = {}
        self.lines: list[str] = []
        #: The article's index of the stretch's first line.
        self.start = 0
        self.capped = 0
        self.first_capped = 0

    def add(self, line: str, index: int) -> None:
        capped = cap_nesting(line)
        if capped is not None:
            if not self.capped:
                self.first_capped = index + 1
            self.capped += 1
            line = capped
        self.lines.append(line)

    def flush(self) -> None:
        """Convert the stretch gathered so far."""
        lines, self.lines = self.lines, []
        if any(line.strip() for line in lines):
            tokens = _markdown().parse("\n".join(lines), self.env)
            _TokenWalker(self.builder, self.start, self.index, self.glyphs).walk(tokens)
        self.start += len(lines)

    def note_capped(self) -> None:
        if self.capped:
            count = "a line" if self.capped == 1 else f"{self.capped} lines"
            self.builder.note(
                "import.nesting",
                f"Markdown nested too deeply to read on {count}: the deeper quote and list marks are "
                "kept as text.",
                self.first_capped,
            )


class _TokenWalker:
    """Walks markdown-it's flat token stream and feeds the section builder."""

    def __init__(
        self, builder: SectionBuilder, first_line: int, index: LineIndex, glyphs: dict[int, str] | None = None
    ) -> None:
        self.glyphs = glyphs or {}
        self.builder = builder
        self.first_line = first_line
        self.index = index
        #: The block token being read (its lines are where its text was).
        self.token: Token | None = None
        self.items: list[ListItem] = []
        #: The article's offsets ``[lo, hi)`` each item of :attr:`items` was read from.
        self.item_regions: list[tuple[int, int]] = []
        #: Paragraphs after the first of the last item, joined to its text when the next item opens.
        self.more: list[str] = []
        #: Whether the last item still waits for its first text.
        self.fresh = False
        self.list_depth = 0
        self.ordered = False
        self.deepest_list = 0
        self.deep_list_line = 0
        self.quote_depth = 0
        self.deepest_quote = 0
        self.quote_line = 0

    def line_of(self, token: Token) -> int:
        """The article's line (from 1) a block token starts on."""
        return self.first_line + (token.map[0] if token.map else 0) + 1

    def region(self, token: Token | None = None) -> tuple[int, int]:
        """The article's offsets ``[lo, hi)`` of a block token's lines (the current token's)."""
        token = token or self.token
        if token is None or not token.map:
            at = self.index.line_start(self.first_line)
            return at, at
        first, end = token.map
        index = self.index
        return index.line_start(self.first_line + first), index.line_end(
            self.first_line + max(first, end - 1)
        )

    def at(self, text: str, region: tuple[int, int] | None = None) -> list[Segment]:
        """Where ``text`` was in the article: in the current token's lines, or in ``region``."""
        lo, hi = region or self.region()
        return align(text, self.index, lo, hi)

    def emit_list(self) -> None:
        """Hand the items gathered so far to the builder as a list, with where each was."""
        regions = self.item_regions
        at: list[list[Segment] | None] = [
            self.at(item.full_text, region) for item, region in zip(self.items, regions, strict=False)
        ]
        self.builder.list_items(self.items, self.ordered, at)
        self.items = []
        self.item_regions = []

    def walk(self, tokens: list[Token]) -> None:
        pending_heading: int | None = None
        for token in tokens:
            kind = token.type
            if token.map:
                self.token = token
            if kind == "heading_open":
                pending_heading = int(token.tag[1])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if self.list_depth == 0:
                    self.items = []
                    self.item_regions = []
                    self.ordered = kind == "ordered_list_open"
                    self.deepest_list = 0
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.list_depth == 0:
                    self._close_list()
            elif kind == "list_item_open":
                self._open_item(token)
            elif kind == "blockquote_open":
                self._open_quote(token)
            elif kind == "blockquote_close":
                self._close_quote()
            elif kind == "inline":
                self._inline(token, pending_heading)
                pending_heading = None
            elif kind in ("fence", "code_block", "html_block"):
                self._code(token)
            elif kind == "definition":
                self._definition(token)

    def _open_item(self, token: Token) -> None:
        self._join_more()
        line = self.line_of(token) - 1
        field = self.glyphs.get(line) == ""
        if self.list_depth == 1 and self.items and (not self.items[-1].marker) != field:
            self.emit_list()  # a definition list and a bulleted one are two lists
        elif self.list_depth == 1 and self.items and field and self.glyphs.get(line - 1) != "":
            self.emit_list()  # a blank line ends a definition list: each block of fields is one record
        level = self.list_depth - 1
        if level > MAX_LIST_LEVEL:
            if self.deepest_list <= MAX_LIST_LEVEL + 1:
                self.deep_list_line = self.line_of(token)
            level = MAX_LIST_LEVEL
        self.deepest_list = max(self.deepest_list, self.list_depth)
        marker = f"{token.info}{token.markup}" if token.info else token.markup or "-"
        marker = self.glyphs.get(self.line_of(token) - 1, marker)
        self.items.append(ListItem(text="", level=level, marker=marker))
        self.item_regions.append(self.region(token))
        self.fresh = True

    def _item_text(self, text: str, split_term: bool = True) -> None:
        """Give the last item its text (its term split off for a paragraph), or add a further paragraph."""
        if not self.fresh:
            if not self.items:  # text after a heading that ended the list, still inside its item
                self.builder.paragraph([Run(text)], self.at(text))
                return
            self.more.append(text)
            return
        self.fresh = False
        item = self.items[-1]
        if split_term:
            self.items[-1] = make_item(text, item.level, item.marker)
        else:
            item.text = text

    def _join_more(self) -> None:
        if self.more:
            self.items[-1].text += "".join("\n" + text for text in self.more)
            self.more = []

    def _close_list(self) -> None:
        self._join_more()
        self.fresh = False
        self.emit_list()
        if self.deepest_list > MAX_LIST_LEVEL + 1:
            self.builder.note(
                "import.nesting",
                f"A list nested {self.deepest_list} levels deep is shown {MAX_LIST_LEVEL + 1} levels deep.",
                self.deep_list_line,
            )

    def _open_quote(self, token: Token) -> None:
        if self.quote_depth == 0:
            self.deepest_quote = 0
        self.quote_depth += 1
        if self.quote_depth > MAX_LIST_LEVEL + 1 and self.deepest_quote <= MAX_LIST_LEVEL + 1:
            self.quote_line = self.line_of(token)
        self.deepest_quote = max(self.deepest_quote, self.quote_depth)

    def _close_quote(self) -> None:
        self.quote_depth -= 1
        if self.quote_depth == 0 and self.deepest_quote > MAX_LIST_LEVEL + 1:
            self.builder.note(
                "import.nesting",
                f"A block quote nested {self.deepest_quote} levels deep is shown as plain paragraphs.",
                self.quote_line,
            )

    def _inline(self, token: Token, heading_level: int | None) -> None:
        runs = inline_runs(token.children or [])
        if self.list_depth and heading_level is not None:
            # A heading indented under a list item (common in pasted text): it still heads a section.
            # The list so far ends above it, and the items after it make a list of their own.
            self._heading_in_list(flat_text(runs).strip(), heading_level)
        elif self.list_depth:
            self._item_text(flat_text(runs))
        elif heading_level is not None:
            text = flat_text(runs).strip()
            builder = self.builder
            first = len(builder.sections) == 1 and not builder.sections[0].blocks
            if heading_level == 1 and first and builder.title is None:
                builder.set_title(text, self.at(text))
            else:
                builder.heading(text, heading_level, self.at(text))
        else:
            self.builder.paragraph(runs, self.at("".join(run.text for run in runs)))

    def _heading_in_list(self, text: str, level: int) -> None:
        if self.fresh and not self.items[-1].text:
            self.items.pop()  # the item holds nothing but the heading: its marker was only markup
            self.item_regions.pop()
        self._join_more()
        self.fresh = False
        if self.items:
            self.emit_list()
        self.builder.heading(text, level, self.at(text))

    def _code(self, token: Token) -> None:
        text = token.content.rstrip("\n")
        info = token.info.strip() if token.type == "fence" else ""
        if info:
            text = f"{info}\n{text}" if text.strip() else info
        if not text.strip():
            return
        if self.list_depth and self.items:
            self._item_text(text, split_term=False)
        else:
            self.builder.paragraph([Run(text)], self.at(text))

    def _definition(self, token: Token) -> None:
        meta = token.meta
        label, href, title = meta["label"], meta["url"], meta["title"]
        runs = [Run(f"[{label}]: "), Run(_markdown().normalizeLinkText(href), href=href)]
        if title:
            runs.append(Run(f' "{title}"'))
        if self.list_depth and self.items:
            self._item_text("".join(run.text for run in runs), split_term=False)
        else:
            self.builder.paragraph(runs, self.at("".join(run.text for run in runs)))


class _Runs:
    """Runs being gathered: adjacent text of one format joins one run (joined once, at the end)."""

    def __init__(self) -> None:
        self.formats: list[tuple[bool, bool, str]] = []
        self.parts: list[list[str]] = []
        self.length = 0

    def add(self, text: str, bold: bool, italic: bool, href: str) -> None:
        if not text:
            return
        self.length += len(text)
        key = (bold, italic, href)
        if self.formats and self.formats[-1] == key:
            self.parts[-1].append(text)
        else:
            self.formats.append(key)
            self.parts.append([text])

    def runs(self) -> list[Run]:
        return [
            Run("".join(parts), bold, italic, href)
            for (bold, italic, href), parts in zip(self.formats, self.parts, strict=True)
        ]


def inline_runs(children: list[Token]) -> list[Run]:
    """Formatted runs from an inline token's children; adjacent runs of one format are merged."""
    gathered = _Runs()
    bold = italic = 0
    href = title = ""
    link_start = 0

    def add(text: str, link: str | None = None) -> None:
        gathered.add(text, bold > 0, italic > 0, href if link is None else link)

    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            title = str(child.attrs.get("title", ""))
            link_start = gathered.length
        elif kind == "link_close":
            if gathered.length == link_start and href:  # no text: the address is the text
                add(_markdown().normalizeLinkText(href))
            href = ""
            if title:
                add(f" ({title})")
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "image":
            _image(child, add)
        elif kind in ("text", "code_inline", "html_inline"):
            add(child.content)
    return gathered.runs()


def _image(token: Token, add: Any) -> None:
    """An image as ``alt (address) (title)``, in plain text (see the module docstring for why)."""
    alt = flat_text(inline_runs(token.children or [])) if token.children else token.content
    src = str(token.attrs.get("src", ""))
    title = str(token.attrs.get("title", ""))
    address = _markdown().normalizeLinkText(src)
    text = f"{alt} ({address})" if alt and address else alt or address
    if title:
        text += f" ({title})"
    add(text, None)


def flat_text(runs: list[Run]) -> str:
    """Runs as plain text for places without formatting (list items, headings): a link's address follows
    its text in parentheses, unless the text already shows it."""
    parts: list[str] = []
    i = 0
    while i < len(runs):
        href = runs[i].href
        j = i + 1
        while j < len(runs) and runs[j].href == href:
            j += 1
        text = "".join(run.text for run in runs[i:j])
        parts.append(text)
        if href:
            address = _markdown().normalizeLinkText(href)
            if address not in text and href not in text:
                parts.append(f" ({address})")
        i = j
    return "".join(parts)

"""Deciding what every line of a plain-text article is, from its own features, its neighbours' and the
whole document's.

A line alone rarely says what it is: ``1. Background`` is a heading in a report numbered 1, 2, 3 and
the first item of a list in a memo; a Title Case line is a heading between paragraphs and a wrapped
line in the middle of one. So each line gets features (:class:`Line`), the document gets statistics
(:class:`Layout`: its wrap width, whether it uses blank lines, which heading styles it repeats, which
numbering runs confirm each other), and the kinds of all lines are chosen together by a small Viterbi
search over a few states (:func:`decide`): each state scores the line (emission) and the step from the
line before (transition: a heading straight after a heading is unlikely, a line cannot continue a
heading, a wrapped line continues the sentence the line before left open). The best-scoring sequence
wins; the search is linear in the number of lines.

Some lines are certain before any scoring — blank lines, rule lines, pipe and column tables, Markdown
``#`` headings, memo header fields, page furniture — and take part only as context.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field

from .. import patterns
from .lines import is_heading_line, list_line, markdown_heading

# States of a line.
BLANK = "blank"
RULE = "rule"  #: a line of rule characters: markup, dropped (an underline makes the line above a heading)
HEADING = "heading"
TEXT = "text"  #: starts a paragraph
MORE = "more"  #: carries on the paragraph or list item above
ITEM = "item"
MARKER = "marker"  #: a list marker alone on its line; the next line is the item's text
FIXED = "fixed"  #: decided by a reader before scoring (tables)
MEMO = "memo"  #: a memo header field or a classification marking: kept as a paragraph, copied to meta
FURNITURE = "furniture"  #: page furniture: kept as a paragraph, with a note
FIELD = "field"  #: a ``Label: value`` line among others: an item of a definition list

_SENTENCE_END = tuple('.!?;…"”’)')
_RULE_LINE = patterns.compile(r"^\s*([-=_*~#─━═▬•·+])(?:\s*\1){2,}\s*$")
_NUMBERED = patterns.compile(
    r"^(?P<num>(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}\.|[ivx]{1,5}[.)]|[A-Z][.)]|\(\w{1,4}\)))"
    r"[ \t]+(?P<rest>\S.*)$"
)
_BOLD = patterns.compile(r"^(\*\*|__)(?P<text>[^*_\s](?:.*?[^*_\s])?)\1$")
_ITALIC = patterns.compile(r"^\*(?P<text>[^*\s](?:[^*]*[^*\s])?)\*$")
_MARKER_ALONE = patterns.compile(r"^\s*(?:[-*+•‣◦▪–]|\d{1,3}[.)]|[a-z][.)])\s*$")
_MEMO_FIELD = patterns.compile(
    r"^(?P<label>TO|FROM|DATE|SUBJECT|SUBJ|FILE|RE|CC|ATTN|To|From|Date|Subject|File|Re|Cc|Attn)"
    r"[ \t]*:[ \t]*(?P<value>\S.*)$"
)
_CLASSIFICATIONS = (
    "TOP SECRET",
    "SECRET",
    "CONFIDENTIAL",
    "RESTRICTED",
    "UNCLASSIFIED",
    "OFFICIAL-SENSITIVE",
    "OFFICIAL",
    "PROTECTED A",
    "PROTECTED B",
    "PROTECTED C",
    "PROTECTED",
    "SENSITIVE",
)
_CLASSIFICATION = patterns.compile(
    r"^(?:(?:classification|security classification)[ \t]*:[ \t]*)?(?P<level>"
    + "|".join(re.escape(c) for c in _CLASSIFICATIONS)
    + r")(?:[ \t]*//[ \t]*[A-Z][A-Z ,/-]{0,40})?$",
    re.IGNORECASE,
)
_FURNITURE = patterns.compile(
    r"^(?:page[ \t]+\d{1,4}(?:[ \t]+(?:of|/)[ \t]+\d{1,4})?|[-–—][ \t]*\d{1,4}[ \t]*[-–—]"
    r"|\d{1,4}[ \t]*/[ \t]*\d{1,4}|share this (?:page|article|story)|you (?:might|may) also like"
    r"|download as\b.{0,40}|print this page"
    r"|back to top|related (?:articles|stories)|advertisement|subscribe(?: now)?"
    r"|sign up for our newsletter)$",
    re.IGNORECASE,
)
_EMOJI_CATEGORIES = ("So", "Sk")
#: "Source: AP News", "Status: draft": a label and its value, not a heading.
_LABEL_VALUE = patterns.compile(r"^[A-Z][\w'’-]{0,30}:[ \t]+\S")
#: A dateline ("Kananaskis, Alberta, June 17, 2025"): a place and a date, not a heading.
DATELINE = patterns.compile(r",\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?$|,\s*\d{4}$")
#: A line that is only a date ("12 March 2026", "March 12, 2026", "2026-03-12").
_DATE_LINE = patterns.compile(
    r"^(?:\w+day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$"
)
_TAB_CELLS = patterns.compile(r"\t+")
_SPACE_CELLS = patterns.compile(r"[ \t]{2,}")

#: Heading styles and how much each says on its own.
STYLE_WEIGHT = {
    "underline": 5.0,
    "underline2": 5.0,
    "framed": 5.0,
    "bold": 3.5,
    "caps": 3.0,
    "numbered": 1.5,
    "emoji": 2.5,
    "title": 2.0,
    "colon": 1.2,
    "font": 4.5,  #: set in a larger or bold font than the body (a PDF's page shows it)
}


#: The styles of a line that shows none, shared (most lines; never changed in place).
_NO_STYLES: list[str] = []


@dataclass(slots=True)
class Line:
    """One line of the article and what can be told of it alone."""

    index: int
    raw: str
    text: str
    indent: int
    length: int
    ends_sentence: bool
    starts_lower: bool
    #: Heading styles the line shows ("caps", "numbered", …), strongest first.
    styles: list[str] = field(default_factory=lambda: _NO_STYLES)
    #: The numbering of a numbered line ("2.1"), its parts as numbers.
    numbering: tuple[int, ...] = ()
    #: The heading's text without markup (``**`` of a bold line) and where it starts on the line.
    heading_text: str = ""
    heading_column: int = 0
    is_item: bool = False
    #: The heading level the page's fonts give the line (0: not set as a heading; see :class:`LineHints`).
    typeset: int = 0
    #: The page shows the line standing alone: it does not run on into the next line.
    alone: bool = False


@dataclass
class LineHints:
    """What a reader that saw the page knows of some lines, by index (a PDF's fonts and places).

    Text extracted from a PDF has no blank line under a heading; the fonts show it. The title is certain;
    a hinted heading gets the strong heading style ``font`` and no line in another font carries on its
    paragraph; a standalone line (a heading told by its shape alone) is not carried on; furniture is
    certain.
    """

    #: The line set in the title's font (the first heading's, larger than every other heading's).
    title: int | None = None
    #: Lines set as headings, and their level by font (1 the largest).
    headings: dict[int, int] = field(default_factory=dict)
    #: Lines that stand alone on the page but show no heading font.
    standalone: set[int] = field(default_factory=set)
    #: Lines in the body font of a document whose headings show their fonts: Title Case or a final colon
    #: does not make them headings.
    body: set[int] = field(default_factory=set)
    #: Running headers and footers.
    furniture: set[int] = field(default_factory=set)


@dataclass
class Layout:
    """What the whole document says about its lines."""

    #: The length of a full line of prose: hard-wrapped text breaks its lines near it.
    width: int
    wrapped: bool
    #: Whether paragraphs are separated by blank lines at all.
    uses_blank_lines: bool
    #: How many lines show each heading style.
    style_counts: Counter[str]
    #: Whether most lines are in capitals (an OCR'd cable, a telex): then capitals say nothing.
    all_caps: bool = False


@dataclass(slots=True)
class Decision:
    """What a line was decided to be; ``level`` and ``text`` for headings."""

    kind: str
    level: int = 1
    text: str = ""
    column: int = 0


def is_rule_line(line: str) -> bool:
    """A line of three or more rule characters (``-----``, ``=====``, ``═══``, ``* * *``)."""
    return bool(_RULE_LINE.match(line))


def bold_heading_markup(line: str) -> str:
    """The line without the marks of a bold-only or italic-only line (``**Key Findings**``)."""
    text = line.strip()
    match = _BOLD.match(text) or _ITALIC.match(text)
    return match.group("text") if match else line


#: Words that open a clause, not a field's name ("The minister said:", "We conclude:").
_CLAUSE_OPENERS = frozenset(
    "the a an this that these those it they we he she i you our their his her its".split()
)
#: Verbs that end a clause introducing a quote or a list ("Officials said:", "The report notes:").
_SAYING = frozenset(
    "said says say added adds noted notes warned warns stated states wrote writes explained explains argued "
    "argues asked asks replied replies told announced announces concluded concludes include includes "
    "including are is was were follows".split()
)
_FIELD_LINE = patterns.compile(r"(?P<label>[^\W\d_][\w’'()%/&.,\- ]{0,48}?\S)(?P<sep>:[ \t]+)(?P<value>\S.*)")


def memo_field(text: str) -> tuple[str, str] | None:
    """``("to", "Minister")`` for a memo header line, ``("classification", "SECRET")`` for a marking."""
    match = _MEMO_FIELD.match(text)
    if match:
        label = match.group("label").lower()
        label = {"subj": "subject", "re": "subject"}.get(label, label)
        return label, match.group("value").strip()
    match = _CLASSIFICATION.match(text)
    if match and (text.isupper() or ":" in text):
        return "classification", match.group("level").upper()
    return None


def field_line(line: str) -> tuple[str, str, str] | None:
    """``(label, separator, value)`` of a ``Label: value`` line (``Tariff (%): 50``), or ``None``.

    The label is a field's name: up to five words, capitalised but not all capitals (``PURPOSE: …`` is
    a run-in heading), not a list item's marker; the value follows a colon and a space."""
    stripped = line.strip()
    match = _FIELD_LINE.fullmatch(stripped)
    if match is None or list_line(line) is not None:
        return None
    label = match.group("label")
    letters = [c for c in label if c.isalpha()]
    words = label.lower().split()
    if not label[0].isupper() or len(words) > 5 or (len(letters) > 1 and label.isupper()):
        return None
    if len(words) > 1 and (words[0] in _CLAUSE_OPENERS or words[-1] in _SAYING):
        return None  # "The minister said: …" introduces a quote; a field is named by a noun
    return label, match.group("sep"), match.group("value")


def is_furniture(text: str) -> bool:
    """Page furniture and site chrome: ``Page 2 of 5``, ``- 3 -``, ``Share This Page`` …"""
    return len(text) <= 60 and bool(_FURNITURE.match(text))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(1 for c in letters if c.isupper()) / len(letters) >= 0.9


def _starts_with_emoji(text: str) -> bool:
    return bool(text) and unicodedata.category(text[0]) in _EMOJI_CATEGORIES


def numbering(number: str) -> tuple[int, ...]:
    parts = [p for p in number.strip("().").split(".") if p]
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    if len(parts) == 1 and len(parts[0]) == 1 and parts[0].isalpha():
        return (ord(parts[0].lower()) - ord("a") + 1,)
    return ()


def line_features(index: int, raw: str, base_indent: int) -> Line:
    """The features of one line, its indentation counted from the document's common indent."""
    text = raw.strip()
    indent = max(0, len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()) - base_indent)
    line = Line(
        index,
        raw,
        text[:121],  # more is never needed: a longer line is never a heading, a label or a date
        indent,
        len(text),
        text.endswith(_SENTENCE_END),
        text[:1].islower(),
    )
    line.is_item = list_line(raw) is not None
    column = raw.find(text[:1]) if text else 0
    line.heading_text, line.heading_column = line.text, column
    words = text.split()
    if not text or len(text) > 120 or len(words) > 16 or _DATE_LINE.match(text) or DATELINE.search(text):
        return line
    body = text
    line.styles = []
    bold = _BOLD.match(text) or _ITALIC.match(text)
    if bold:
        inner = bold.group("text")
        if not inner.endswith((".", ",", ";")):
            line.styles.append("bold")
            line.heading_text = inner
            line.heading_column = column + bold.start("text")
            body = inner
    numbered = _NUMBERED.match(body)
    if numbered and numbered.group("rest")[:1].isupper():
        line.styles.append("numbered")
        line.numbering = numbering(numbered.group("num"))
    if body.endswith(":") and len(words) <= 8 and body[:1].isupper():
        line.styles.append("colon")
    elif body.endswith((".", ",", ";", "!", "?")):
        return line
    if _LABEL_VALUE.match(body) and not numbered:
        return line
    if _is_caps(body):
        line.styles.append("caps")
    if _starts_with_emoji(body) and len(words) <= 10:
        line.styles.append("emoji")
    if is_heading_line(body if not numbered else numbered.group("rest")):
        line.styles.append("title")
    return line


def measure(lines: list[Line], wrapped: bool) -> Layout:
    """The document's statistics from its lines' features."""
    prose = sorted(line.length for line in lines if line.text and not line.is_item and "|" not in line.text)
    width = prose[int(len(prose) * 0.9)] if prose else 80
    blanks = sum(1 for line in lines if not line.text)
    counts: Counter[str] = Counter(style for line in lines for style in line.styles[:1])
    texts = [line for line in lines if line.length > 20 and "|" not in line.text]
    caps = sum(1 for line in texts if _is_caps(line.text))
    return Layout(width, wrapped, blanks * 6 >= len(prose), counts, bool(texts) and caps * 2 > len(texts))


def decide(lines: list[Line], layout: Layout, fixed: dict[int, Decision]) -> list[Decision]:
    """Every line's kind, chosen together (see the module docstring); ``fixed`` holds the lines that
    readers already decided, by index."""
    n = len(lines)
    transparent = {i for i, d in fixed.items() if d.kind == FURNITURE}
    # Blank lines next to furniture go with it: a page break does not end a paragraph.
    for i in list(transparent):
        for j in (i - 1, i + 1):
            while 0 <= j < n and not lines[j].text and j not in fixed:
                transparent.add(j)
                j += 1 if j > i else -1
    sequence = array("l", (i for i in range(n) if i not in transparent))  # 8 bytes a line, not 36
    numbered_ok = _confirmed_numbers(lines, fixed)
    options: list[list[tuple[str, float]]] = []
    for i in sequence:
        options.append(_options(lines[i], layout, fixed.get(i), i in numbered_ok))
    # Viterbi: the best score of each state of the line so far, and for every line the best previous
    # state of each of its states (only back pointers are kept: memory stays small on long articles).
    scores: list[float] = []
    back: list[tuple[int, ...]] = []
    # Lines' back pointers repeat a handful of patterns: each is kept once, not once a line.
    shapes: dict[tuple[int, ...], tuple[int, ...]] = {}
    previous: Line | None = None
    for k, i in enumerate(sequence):
        line = lines[i]
        row: list[float] = []
        pointers: list[int] = []
        for state, emission in options[k]:
            if k == 0:
                row.append(emission + (-50.0 if state == MORE else 0.0))
                pointers.append(-1)
                continue
            top, arg = float("-inf"), 0
            for p, (prev_state, _) in enumerate(options[k - 1]):
                score = scores[p] + _transition(previous, prev_state, line, state, layout)
                if score > top:
                    top, arg = score, p
            row.append(top + emission)
            pointers.append(arg)
        scores = row
        known = tuple(pointers)
        back.append(shapes.setdefault(known, known))
        previous = line
    blank = Decision(BLANK)
    decisions = [fixed.get(i, blank) for i in range(n)]
    if not sequence:
        return decisions
    shared = {state: Decision(state) for state in (BLANK, TEXT, MORE, ITEM)}
    k = len(sequence) - 1
    choice = max(range(len(scores)), key=lambda s: scores[s])
    while k >= 0:
        i = sequence[k]
        state = options[k][choice][0]
        if i not in fixed:
            decisions[i] = shared.get(state) or Decision(state)
        choice = back[k][choice]
        k -= 1
    _assign_levels(lines, decisions)
    return decisions


def _confirmed_numbers(lines: list[Line], fixed: dict[int, Decision]) -> set[int]:
    """Numbered lines whose numbers follow on from another numbered line's with text between them: a
    document numbered as a report (1, 2, 2.1, 3), not a list written out item after item."""
    numbered = [line for line in lines if line.numbering and line.index not in fixed and line.text]
    confirmed: set[int] = set()
    for a, b in zip(numbered, numbered[1:], strict=False):
        if b.index - a.index < 2 or all(
            lines[j].is_item or not lines[j].text for j in range(a.index + 1, b.index)
        ):
            continue  # item after item: a list
        if follows(a.numbering, b.numbering):
            confirmed.update((a.index, b.index))
    return confirmed


def follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether numbering ``b`` can come right after ``a`` in an outline (2 → 3, 2 → 2.1, 2.1 → 3)."""
    if len(b) == len(a) + 1:
        return b[:-1] == a and b[-1] == 1
    if len(b) <= len(a):
        return b[:-1] == a[: len(b) - 1] and b[-1] == a[len(b) - 1] + 1
    return False


def _options(line: Line, layout: Layout, fixed: Decision | None, confirmed: bool) -> list[tuple[str, float]]:
    """The states a line may take, each with its emission score."""
    if fixed is not None:
        return _ONLY.setdefault(fixed.kind, [(fixed.kind, 0.0)])
    if not line.text:
        return _ONLY[BLANK]
    if line.is_item and not line.numbering:
        return _ITEM
    heading = _heading_score(line, layout, confirmed)
    if line.is_item:  # "1. Background": an item or a numbered heading
        return [(ITEM, 1.0), (HEADING, heading)]
    if not line.styles:
        return _PROSE
    return [(TEXT, 0.0), (MORE, 0.0), (HEADING, heading)]


#: The options of a line of prose that shows no heading style, shared.
_PROSE: list[tuple[str, float]] = [(TEXT, 0.0), (MORE, 0.0)]
#: The option of a bulleted line, shared.
_ITEM: list[tuple[str, float]] = [(ITEM, 1.0)]
#: The one option of a line already decided, shared by all such lines.
_ONLY: dict[str, list[tuple[str, float]]] = {BLANK: [(BLANK, 0.0)]}


def _heading_score(line: Line, layout: Layout, confirmed: bool) -> float:
    if not line.styles:
        return float("-inf")
    styles = [style for style in line.styles if not (style == "caps" and layout.all_caps)]
    if not styles:
        return float("-inf")
    score = max(STYLE_WEIGHT[style] for style in styles) + 0.5 * (len(styles) - 1)
    if "numbered" in line.styles and confirmed:
        score += 2.5
    if layout.style_counts[line.styles[0]] >= 2:
        score += 0.5  # a style the document uses again
    score -= max(0, len(line.text.split()) - 10) * 0.4
    if layout.wrapped and line.length >= 0.8 * layout.width and line.length > 40:
        score -= 3.0  # as long as a wrapped line of prose
    return score - 1.5  # a heading must beat a plain paragraph


def _transition(prev: Line | None, prev_state: str, line: Line, state: str, layout: Layout) -> float:
    """The score of going from the line before (in ``prev_state``) to this line in ``state``."""
    if state == MORE:
        return _join_score(prev, prev_state, line, layout)
    score = 0.0
    if state == HEADING:
        if prev_state == HEADING:
            score -= 0.3  # a heading straight under a heading leaves an empty section
            if layout.uses_blank_lines and prev is not None and prev.index == line.index - 1:
                score -= 2.0  # and with no blank line between, in a text that has them: a column of cells
        elif (
            prev_state in (TEXT, MORE)
            and prev is not None
            and not prev.ends_sentence
            and layout.wrapped
            and not line.typeset
            and not _out_of_wrap(prev_state, prev, line)
        ):
            score -= 2.5  # a heading in the middle of a wrapped sentence (a heading's font says otherwise)
        if prev_state == RULE and "underline" not in line.styles:
            score += 0.5
    if state == ITEM and prev_state == ITEM:
        score += 0.5
    if state == TEXT and prev_state == MARKER:
        return float("-inf")
    return score


def _out_of_wrap(prev_state: str, prev: Line, line: Line) -> bool:
    """Whether the line is back out of the indented lines the one above carried on: an item's wrapped
    text has ended there, even without a full stop (list items often have none)."""
    return prev_state == MORE and line.indent < prev.indent


def _join_score(prev: Line | None, prev_state: str, line: Line, layout: Layout) -> float:
    """How well a line carries on the one above: a paragraph's next wrapped line, an item's rest."""
    if prev is None or prev_state not in (TEXT, MORE, ITEM, MARKER, FIELD):
        return float("-inf")
    if prev_state == MARKER:
        return 5.0
    if prev.alone or bool(prev.typeset) != bool(line.typeset):
        return -6.0  # the page shows the break: a line standing alone, a change of font
    open_sentence = not prev.ends_sentence
    if open_sentence and line.starts_lower:
        return 3.0
    if _out_of_wrap(prev_state, prev, line):
        return -3.0
    if prev_state in (ITEM, FIELD) or (prev_state == MORE and prev.is_item):
        if line.indent > prev.indent:
            return 3.0  # indented under the item
        if layout.wrapped and open_sentence and prev.length >= 0.7 * layout.width:
            return 1.5
        return -3.0
    if not layout.wrapped:
        return -1.0
    if layout.uses_blank_lines:
        return 1.5
    # No blank lines: a line that stops mid-sentence goes on; a short line that ends a sentence ends its
    # paragraph; a full one that ends a sentence leaves it open (only just, so a heading can win).
    full = prev.length >= 0.6 * layout.width
    if open_sentence:
        return 1.5 if full else -0.5
    return 0.3 if prev.length >= 0.75 * layout.width else -1.5


#: Heading styles whose level is fixed by convention (``===`` above ``---``, as in Markdown).
FIXED_LEVELS = {"underline": 1, "framed": 1, "underline2": 2}


def _assign_levels(lines: list[Line], decisions: list[Decision]) -> None:
    """Heading levels: a numbered heading's depth; an underlined one's by its rule; otherwise the order
    in which styles first appear (the first style used is level 1, the next level 2, up to 3), as outline
    tools do. A first heading straight above another is the document's title, and claims no level."""
    order: list[str] = []
    headings = [i for i, d in enumerate(decisions) if d.kind == HEADING]
    title = -1
    if headings:
        after = next((d.kind for d in decisions[headings[0] + 1 :] if d.kind != BLANK), "")
        title = headings[0] if after == HEADING else -1
    for i in headings:
        line, decision = lines[i], decisions[i]
        decision.text, decision.column = line.heading_text, line.heading_column
        style = line.styles[0] if line.styles else "title"
        if line.numbering and "numbered" in line.styles:
            decision.level = min(len(line.numbering), 3)
        elif style in FIXED_LEVELS:
            decision.level = FIXED_LEVELS[style]
        elif style == "font":
            decision.level = line.typeset
        elif i == title:
            decision.level = 1
        else:
            if style not in order:
                order.append(style)
            decision.level = min(order.index(style) + 1, 3)


def split_columns(raw: str) -> tuple[str, list[tuple[str, int]]] | None:
    """A line's cells split at tabs, or at runs of two or more spaces, with where each starts; ``None``
    when the line has fewer than two cells."""
    text = raw.rstrip()
    lead = len(text) - len(text.lstrip())
    body = text[lead:]
    separator = _TAB_CELLS if "\t" in body else _SPACE_CELLS
    name = "tab" if separator is _TAB_CELLS else "space"
    cells: list[tuple[str, int]] = []
    at = 0
    for match in separator.finditer(body):
        cells.append((body[at : match.start()], lead + at))
        at = match.end()
    cells.append((body[at:], lead + at))
    if len(cells) < 2:
        return None
    return name, cells


def column_table_end(lines: list[str], i: int) -> int:
    """Where a table of tab- or space-separated columns starting at line ``i`` ends (``i`` when none
    starts there): two or more lines split the same way into two or more cells, the same number each
    (the header may have one cell fewer)."""
    first = split_columns(lines[i])
    if first is None or list_line(lines[i]) is not None or markdown_heading(lines[i]) is not None:
        return i
    name, cells = first
    if name == "space" and not _looks_tabular([c for c, _ in cells]):
        return i
    width = None
    j = i + 1
    while j < len(lines):
        row = split_columns(lines[j])
        if row is None or row[0] != name or list_line(lines[j]) is not None:
            break
        count = len(row[1])
        if width is None:
            if not (count == len(cells) or count == len(cells) + 1):
                break
            width = count
        elif abs(count - width) > 1:
            break
        if name == "space" and not _looks_tabular([c for c, _ in row[1]]):
            break
        j += 1
    return j if j - i >= 2 else i


def _looks_tabular(cells: list[str]) -> bool:
    """Cells of a space-separated row are short (a sentence with two spaces after a period is not a row)."""
    return all(len(cell.split()) <= 8 and not cell.endswith(".") for cell in cells)


def common_indent(lines: list[str]) -> int:
    """The indentation every non-blank line shares (an article indented four spaces throughout)."""
    indents = [len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) for line in lines if line.strip()]
    return min(indents, default=0)


def marker_alone(line: str) -> bool:
    """A list marker with no text on its line (the text is on the next)."""
    return bool(_MARKER_ALONE.match(line))


#: A table flattened to one cell a line has at least this many body rows.
MIN_STACKED_ROWS = 2


def stacked_table(lines: list[str], i: int) -> int:
    """The number of columns of a table flattened to one cell a line that starts at line ``i`` (0 when
    none does): a block of short lines standing between blank lines whose count is a multiple of the
    columns, with a label column of words and at least one column that is mostly figures. Where the
    columns were split is a guess, and the reader notes it."""
    if i and lines[i - 1].strip():
        return 0
    j = i
    while j < len(lines) and lines[j].strip():
        text = lines[j].strip()
        if (
            len(text) > 90
            or list_line(lines[j]) is not None
            or marker_alone(lines[j])
            or "|" in text
            or text.endswith(":")
            or (text.endswith(".") and len(text.split()) > 5)  # a sentence, not a cell ("vs. U.S.")
            or memo_field(text) is not None
            or is_furniture(text)
        ):
            return 0
        j += 1
    cells = [line.strip() for line in lines[i:j]]
    if not cells or sum(len(cell) for cell in cells) > 45 * len(cells):
        return 0  # lines as long as wrapped prose
    for columns in range(2, 7):
        if len(cells) % columns or len(cells) // columns < MIN_STACKED_ROWS + 1:
            continue
        body = [cells[k : k + columns] for k in range(columns, len(cells), columns)]
        figures = [
            sum(1 for row in body if any(c.isdigit() for c in row[col])) / len(body) for col in range(columns)
        ]
        labels_short = all(len(row[0]) <= 45 and len(row[0].split()) <= 6 for row in body)
        if labels_short and figures[0] <= 0.34 and max(figures[1:]) >= 0.7:
            return columns
    return 0

"""Text hygiene: whitespace, mojibake, ``Term-Description`` hyphens, trailing blank lines, empty sections.

Trailing blank lines are a fact about the source file that import (rightly) does not carry into the
model, so that rule needs the source text; :func:`~briefing.checks.run_checks` takes it when the caller
has it. Its fix records the removal in the change log once, which is also how the rule knows it is done.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .. import patterns
from ..importing.lines import _HYPHEN_PREFIXES as HYPHEN_PREFIXES  # the same compounds import keeps whole
from ..importing.lines import split_term
from ..model import ListBlock, Paragraph, Run, Table
from ..refs import HEADER_ROW, Ref
from .context import CheckContext
from .edits import Edit
from .findings import SOURCE, Finding, Fix, Outcome
from .rules import RULES
from .spans import replace_span_fix

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WHITESPACE_PROBLEM = patterns.compile(
    rf"[ \t\u00a0]{{2,}}|\t|[{_INVISIBLE}]|^[ \t\u00a0]+|[ \t\u00a0]+$|[ \t]+\n|\n[ \t]+|\n{{3,}}"
)


#: The code pages ftfy can undo (``ftfy.chardata.CHARMAP_ENCODINGS``) under their standard library names,
#: and whether ftfy reads them "sloppily" (an undefined byte as its Latin-1 character). With them the
#: patterns below are built without loading ftfy, which costs 30 ms at every start and is needed only
#: for text in the shape of mojibake; a test holds this list to ftfy's.
CODE_PAGES = (
    ("latin-1", False),
    ("cp1252", True),
    ("cp1251", True),
    ("cp1250", True),
    ("cp1253", True),
    ("cp1254", True),
    ("cp1257", True),
    ("iso8859-2", False),
    ("mac-roman", False),
    ("cp437", False),
)


def _decoded(encoding: str, sloppy: bool, low: int, high: int) -> list[str]:
    """The characters bytes ``low`` to ``high`` become when read in ``encoding`` (undefined ones left out,
    or read as Latin-1 when ``sloppy``)."""
    found = []
    for byte in range(low, high + 1):
        try:
            found.append(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            if sloppy:
                found.append(chr(byte))
    return found


def _one_of(characters: list[str] | set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(characters))) + "]"


def _mojibake_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What UTF-8 looks like read in each single-byte encoding ftfy can undo: a lead byte's character
    followed by as many continuation bytes' characters as it announces (``Ã©`` for é in Windows-1252,
    ``â€™`` for ’, ``ðŸ“Š`` for 📊, ``Р°`` for а in Windows-1251, ``├⌐`` in cp437), or a lead byte whose
    no-break space became a space (``Ã `` for à). A cheap two-character class first, then the exact shape
    per encoding, so that only text that may be garbled is handed to ftfy. Mac Roman's dashes and quotes
    are left out as lead bytes: French "l’été" would look like its mojibake (its "’" is byte D5)."""
    shapes: list[str] = []
    leads: set[str] = set()
    continuations: set[str] = set()
    for encoding, sloppy in CODE_PAGES:
        if encoding == "mac-roman":  # not its dashes and quotes (D0-D5) as lead bytes
            two = _decoded(encoding, sloppy, 0xC2, 0xCF) + _decoded(encoding, sloppy, 0xD6, 0xDF)
        else:
            two = _decoded(encoding, sloppy, 0xC2, 0xDF)
        three, four = _decoded(encoding, sloppy, 0xE0, 0xEF), _decoded(encoding, sloppy, 0xF0, 0xF4)
        then = _decoded(encoding, sloppy, 0x80, 0xBF)
        after = _one_of(then)
        shapes.append(f"{_one_of(two)}{after}|{_one_of(three)}{after}{{2}}|{_one_of(four)}{after}{{3}}")
        leads.update(two + three + four)
        continuations.update(then)
    cheap = patterns.compile(_one_of(leads) + _one_of(continuations | {" "}))
    return cheap, patterns.compile("|".join(shapes) + "|[ÂÃ] ")


_MOJIBAKE_HINT, _MOJIBAKE_SHAPE = _mojibake_patterns()
#: The separator a ``Term-Description`` item gets when its list uses no spaced one already.
TERM_SEPARATOR = ": "


_INVISIBLE_CHARACTER = patterns.compile(f"[{_INVISIBLE}]")
_SPACE_RUN = patterns.compile(r"[ \u00a0]{2,}")
_BLANK_LINES = patterns.compile(r"\n{3,}")


def _tidy_text(text: str) -> str:
    """Invisible characters removed, tabs and runs of spaces made one space, spaces around line breaks
    and more than one blank line removed."""
    text = _INVISIBLE_CHARACTER.sub("", text).replace("\t", " ")
    text = _SPACE_RUN.sub(" ", text)
    if "\n" in text:  # by line, not with " *\n *": that regex retried every space of a long run
        lines = text.split("\n")
        text = "\n".join(
            [lines[0].rstrip(" "), *(line.strip(" ") for line in lines[1:-1]), lines[-1].lstrip(" ")]
        )
    return _BLANK_LINES.sub("\n\n", text)


def tidy_whitespace(text: str) -> str:
    """Text with invisible characters removed, runs of spaces made one, lines and ends trimmed."""
    return _tidy_text(text).strip(" \n\u00a0")


def tidy_runs(runs: list[Run]) -> list[Run]:
    """Runs with :func:`tidy_whitespace` applied across their boundaries."""
    result: list[Run] = []
    for run in runs:
        text = _tidy_text(run.text)
        if result and result[-1].text.endswith((" ", "\n")):
            text = text.lstrip(" ")
        elif not result:
            text = text.lstrip(" \n\u00a0")
        if text:
            result.append(Run(text, run.bold, run.italic, run.href))
    while result:
        result[-1].text = result[-1].text.rstrip(" \n\u00a0")
        if result[-1].text:
            break
        result.pop()
    return result


def has_whitespace_problem(text: str) -> bool:
    """Whether :func:`tidy_whitespace` would change the text."""
    if "  " not in text and "\t" not in text and "\n" not in text and "\u00a0" not in text:
        if text.isascii() or not any(map(text.__contains__, _INVISIBLE)):
            return text[:1] == " " or text[-1:] == " "
    return bool(_WHITESPACE_PROBLEM.search(text))


def fix_mojibake(text: str) -> str:
    """The text with mojibake undone by ftfy (only its encoding repair, nothing cosmetic): text in
    the shape of UTF-8 read in another encoding, that ftfy's badness measure calls bad."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text) or not _MOJIBAKE_SHAPE.search(text):
        return text
    fixed = _ftfy_fix(text)
    if fixed == text or _MOJIBAKE_SHAPE.search(fixed):
        # What the whole text did not give (a no-break space or a real sign beside the mojibake makes
        # it no one code page's reading), each word may: "GdaÅ„sk" next to a real "≈".
        fixed = _WORD.sub(lambda m: _fix_word(m.group(0)), fixed)
    return fixed


_WORD = patterns.compile(r"[^\s]+")


def _fix_word(word: str) -> str:
    if word.isascii() or not _MOJIBAKE_SHAPE.search(word):
        return word
    return _ftfy_fix(word)


def _ftfy_fix(text: str) -> str:
    """ftfy's encoding repair when its badness measure calls the text bad, else :func:`_read_again`.
    ftfy is loaded here, the first time text has the shape of mojibake."""
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

    return ftfy.fix_encoding(text) if ftfy.badness.is_bad(text) else _read_again(text)


def _read_again(text: str) -> str:
    """The text read again as the UTF-8 it was, when all of it is UTF-8 read in one code page (``siÄ™``
    for ``się``: too little for ftfy's badness measure, but no natural text pairs every accented letter
    with continuation characters so); else the text as it is."""
    from ftfy.chardata import CHARMAP_ENCODINGS

    readings = []
    for encoding in CHARMAP_ENCODINGS:
        try:
            again = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if again != text and not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) < 0xA0 for c in again):
            readings.append(again)
    # Code pages that differ in a few places (Windows-1250, ISO 8859-2) may both read it: the reading
    # with the fewest capitals inside a word ("dÊjà") and the least badness is the one.
    return min(readings, key=_oddness, default=text)


_CAPITAL_INSIDE = patterns.compile(r"(?<=[a-zà-ÿ])[A-ZÀ-Þ]")


def _oddness(text: str) -> tuple[int, int]:
    import ftfy.badness

    return len(_CAPITAL_INSIDE.findall(text)), ftfy.badness.badness(text)


def mojibake_examples(text: str, fixed: str, limit: int = 2) -> list[tuple[str, str]]:
    """Up to ``limit`` garbled stretches of ``text`` with what they become (whole words)."""
    words, repaired = text.split(" "), fixed.split(" ")
    pairs = []
    matcher = SequenceMatcher(None, words, repaired, autojunk=False)
    for tag, a, b, c, d in matcher.get_opcodes():
        if tag != "equal":
            pairs.append((" ".join(words[a:b]), " ".join(repaired[c:d])))
            if len(pairs) == limit:
                break
    return pairs


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- checks --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    """A piece of text a hygiene rule reads; its target and fix parameters are made only when needed."""

    kind: str
    text: str
    section_id: str = ""
    block_id: str = ""
    row: int | None = None
    column: int | None = None
    item: int | None = None

    @property
    def target(self) -> Ref:
        """Where a finding about this text points."""
        field = "caption" if self.kind == "caption" else "meta.title" if self.kind == "title" else ""
        return Ref(
            self.section_id, self.block_id, item=self.item, row=self.row, column=self.column, field=field
        )

    @property
    def params(self) -> dict[str, Any]:
        """What a fix needs to find this text again."""
        params: dict[str, Any] = {"place": self.kind}
        for name in ("section_id", "block_id", "row", "column", "item"):
            value = getattr(self, name)
            if value is not None and value != "":
                params[name] = value
        return params


def _places(ctx: CheckContext) -> Iterator[_Place]:
    """Every piece of text: headings, paragraphs, list items, cells, captions, the title."""
    for section in ctx.briefing.sections:
        if section.heading:
            yield _Place("heading", section.heading, section.id)
    for section, block in ctx.blocks():
        if isinstance(block, Paragraph):
            yield _Place("paragraph", block.text, section.id, block.id)
        elif isinstance(block, ListBlock):
            for index, item in enumerate(block.items):
                yield _Place("item", item.full_text, section.id, block.id, item=index)
        elif isinstance(block, Table):
            joined = ctx.table_text[block.id]
            if joined.isascii() and not any(hint in joined for hint in ("  ", "\t", "\x1f ", " \x1f")):
                cells_to_read: list[list[str]] = []
            else:
                cells_to_read = [block.header, *block.rows]
            for row, cells in enumerate(cells_to_read, start=HEADER_ROW):
                for column, cell in enumerate(cells):
                    if cell and (not cell.isascii() or "  " in cell or "\t" in cell or cell != cell.strip()):
                        yield _Place("cell", cell, section.id, block.id, row=row, column=column)
            if block.caption:
                yield _Place("caption", block.caption, section.id, block.id)
    if ctx.briefing.meta.title:
        yield _Place("title", ctx.briefing.meta.title)


_PLACE_NAMES = {
    "heading": "The heading",
    "paragraph": "This paragraph",
    "item": "This list item",
    "cell": "This cell",
    "caption": "The table caption",
    "title": "The title",
}


def check_text_hygiene(ctx: CheckContext) -> Iterator[Finding]:
    """Whitespace and mojibake in every piece of text."""
    space, garbled = RULES["text.whitespace"], RULES["text.mojibake"]
    for place in _places(ctx):
        text = place.text
        name = _PLACE_NAMES[place.kind]
        fixed = fix_mojibake(text)
        if fixed != text:
            examples = mojibake_examples(text, fixed)
            said = "; ".join(f"“{_clip(a)}” would read “{_clip(b)}”" for a, b in examples)
            yield Finding(
                garbled.id,
                garbled.severity,
                f"{name} has garbled characters from a wrong text encoding: {said}.",
                place.target,
                [Fix("Repair the characters", True, "text.fix-mojibake", place.params)],
                subject=text,
            )
        if has_whitespace_problem(text):
            yield Finding(
                space.id,
                space.severity,
                f"{name} has doubled, stray or invisible whitespace.",
                place.target,
                [Fix("Tidy the whitespace", True, "text.tidy-whitespace", place.params)],
                subject=text,
            )


def check_term_hyphens(ctx: CheckContext) -> Iterator[Finding]:
    """``Term-Description`` joined by an unspaced hyphen, in list items and one-line paragraphs."""
    rule = RULES["text.term-hyphen"]
    for unit in ctx.units:
        if isinstance(unit.block, ListBlock):
            assert unit.item is not None
            item = unit.block.items[unit.item]
            split_at = None
            if not (item.term and item.separator == "-"):
                split_at = _one_word_term(unit.block, item.text)
                if split_at is None:
                    continue
            term = item.term or item.text[:split_at]
            text = item.text if item.term else item.text[(split_at or 0) + 1 :]
            yield Finding(
                rule.id,
                rule.severity,
                f"“{term}” and its description are joined by a bare hyphen "
                f"(“…{term.split()[-1]}-{text.split()[0]}…”).",
                unit.target(),
                [
                    Fix(
                        "Separate the term from its description",
                        True,
                        "text.space-term",
                        {
                            "section_id": unit.section.id,
                            "block_id": unit.block.id,
                            "item": unit.item,
                            "split_at": split_at,
                        },
                    )
                ],
            )
        elif _HYPHEN_JOIN.search(unit.text) and len(unit.text.split()) <= 40:
            term, separator, rest = split_term(unit.text)
            if separator == "-":
                at = len(term)
                left = term.split()[-1]
                right = rest.split()[0]
                target = unit.target(at - len(left), at + 1 + len(right))
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"“{term}” and its description are joined by a bare hyphen (“…{left}-{right}…”).",
                    target,
                    [
                        replace_span_fix(
                            "Separate the term from its description",
                            target,
                            f"{left}-{right}",
                            f"{left}{TERM_SEPARATOR}{right}",
                            True,
                            "Separated a term from its description (they were joined by a hyphen).",
                            text=unit.text,
                        )
                    ],
                )


_HYPHEN_JOIN = patterns.compile(r"[a-z)]-[A-Z]")
_ONE_WORD_TERM = patterns.compile(r"^[A-Z][a-z]+-(?=[A-Z][a-z]+\s+\S+\s+\S)")


def _one_word_term(block: ListBlock, text: str) -> int | None:
    """Where a one-word term ends ("Exercises-Annual drills…"), when its list splits the others that way.

    Import only splits terms of two words or more (a lone "Word-Word" is too often a compound); the
    neighbouring items are the evidence that this one is a term too.
    """
    match = _ONE_WORD_TERM.match(text)
    if match is None or match.group(0)[:-1].lower() in HYPHEN_PREFIXES:
        return None
    if not any(other.term and other.separator == "-" for other in block.items):
        return None
    return match.end() - 1


def check_trailing_blank_lines(ctx: CheckContext) -> Iterator[Finding]:
    """Blank lines at the end of the source file (needs the source text)."""
    if ctx.source is None or any(c.rule == "text.trailing-blank-lines" for c in ctx.briefing.changes):
        return
    count = trailing_blank_lines(ctx.source)
    if count:
        rule = RULES["text.trailing-blank-lines"]
        yield Finding(
            rule.id,
            rule.severity,
            f"The article ends in {count} blank line{'s' if count > 1 else ''}.",
            Ref(SOURCE),
            [Fix("Remove the blank lines", True, "text.trailing-blank-lines", {"count": count})],
        )


def trailing_blank_lines(source: str) -> int:
    """How many blank lines follow the last line with text."""
    tail = source[len(source.rstrip()) :]
    lines = tail.split("\n")
    # The first piece ends the last text line; the last is what follows the final newline.
    return max(0, len(lines) - 2 + (1 if lines[-1].strip(" \t\r") == "" and lines[-1] else 0))


def check_empty_sections(ctx: CheckContext) -> Iterator[Finding]:
    """A heading with nothing under it (and no subsections)."""
    rule = RULES["section.empty"]
    sections = ctx.briefing.sections
    for index, section in enumerate(sections):
        following = sections[index + 1] if index + 1 < len(sections) else None
        if section.blocks or not section.heading or (following and following.level > section.level):
            continue
        yield Finding(
            rule.id,
            rule.severity,
            f"The section “{section.heading}” has nothing under it.",
            Ref(section.id),
            [Fix("Remove the empty section", False, "section.remove", {"section_id": section.id})],
        )


# --- actions --------------------------------------------------------------------------------------------


def _rewrite(edit: Edit, params: dict[str, Any], change: Any, note: str) -> Outcome | None:
    """Apply ``change`` (str -> str) to the piece of text ``params`` names."""
    place = params["place"]
    field = {"caption": "caption", "title": "meta.title", "heading": "heading"}.get(place, "")
    where = Ref(
        params.get("section_id", "") if place != "title" else "",
        params.get("block_id", ""),
        item=params.get("item"),
        row=params.get("row"),
        column=params.get("column"),
        field=field,
    )
    if place == "title":
        before = edit.briefing.meta.title
        after = change(before)
        if after == before:
            return None
        edit.set_value(where, after)
        return Outcome(where, before, after, note)
    if place == "heading":
        section = edit.section(params["section_id"])
        if section is None or change(section.heading) == section.heading:
            return None
        before = section.heading
        edit.set_value(where, change(before))
        return Outcome(Ref(section.id), before, section.heading, note)
    block = edit.block(params["block_id"])
    if isinstance(block, Paragraph) and place == "paragraph":
        before = block.text
        runs = (
            tidy_runs(block.runs)
            if change is tidy_whitespace
            else [Run(change(run.text), run.bold, run.italic, run.href) for run in block.runs]
        )
        if "".join(run.text for run in runs) == before:
            return None
        edit.set_runs(block, runs)
        return Outcome(where, before, block.text, note)
    if isinstance(block, ListBlock) and place == "item" and params["item"] < len(block.items):
        entry = block.items[params["item"]]
        before = entry.full_text
        term, text = change(entry.term), change(entry.text)
        if (term, text) == (entry.term, entry.text):
            return None
        changed = copy.copy(entry)
        changed.term, changed.text = term, text
        if not term:
            changed.separator = ""
        edit.set_item(block, params["item"], changed)
        return Outcome(where, before, changed.full_text, note)
    if isinstance(block, Table) and place == "caption":
        if change(block.caption) == block.caption:
            return None
        before = block.caption
        edit.set_value(where, change(before))
        return Outcome(where, before, block.caption, note)
    if isinstance(block, Table) and place == "cell":
        row, column = params["row"], params["column"]
        cells = block.header if row == HEADER_ROW else block.rows[row] if row < len(block.rows) else []
        if column >= len(cells) or change(cells[column]) == cells[column]:
            return None
        before = cells[column]
        edit.set_cell(block, row, column, change(before))
        return Outcome(where, before, change(before), note)
    return None


def tidy_action(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Tidy the whitespace of one piece of text."""
    return _rewrite(edit, params, tidy_whitespace, "Tidied doubled, stray or invisible whitespace.")


def mojibake_action(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Repair mojibake in one piece of text."""
    return _rewrite(edit, params, fix_mojibake, "Repaired characters garbled by a wrong text encoding.")


def space_term(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Give a ``Term-Description`` item a spaced separator (the one its list uses, else ": ")."""
    block = edit.block(params["block_id"])
    item = params["item"]
    if not isinstance(block, ListBlock) or item >= len(block.items):
        return None
    entry = block.items[item]
    split_at = params.get("split_at")
    if split_at is not None and not entry.term and entry.text[split_at : split_at + 1] == "-":
        term, text = entry.text[:split_at], entry.text[split_at + 1 :]
    elif entry.term and entry.separator == "-":
        term, text = entry.term, entry.text
    else:
        return None
    spaced = [i.separator for i in block.items if i.term and i.separator.strip() != i.separator]
    separator = max(sorted(set(spaced)), key=spaced.count) if spaced else TERM_SEPARATOR
    before = entry.full_text
    spaced_item = copy.copy(entry)
    spaced_item.term, spaced_item.separator, spaced_item.text = term, separator, text
    edit.set_item(block, item, spaced_item)
    where = Ref(params.get("section_id", ""), block.id, item=item)
    return Outcome(
        where,
        before,
        spaced_item.full_text,
        f"Separated the term “{term}” from its description (they were joined by a hyphen).",
    )


def note_trailing_blank_lines(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Record that the source's trailing blank lines are left out (import already leaves them out)."""
    if any(c.rule == "text.trailing-blank-lines" for c in edit.briefing.changes):
        return None
    count = params["count"]
    return Outcome(
        Ref(SOURCE),
        f"{count} blank line(s) at the end of the article",
        "",
        f"Removed {count} blank line(s) from the end of the article.",
    )


def remove_section(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove an empty section (its heading)."""
    section = edit.section(params["section_id"])
    if section is None or section.blocks:
        return None
    edit.remove_section(section)
    return Outcome(Ref(section.id), section.heading, "", f"Removed the empty section “{section.heading}”.")


ACTIONS = {
    "text.tidy-whitespace": tidy_action,
    "text.fix-mojibake": mojibake_action,
    "text.space-term": space_term,
    "text.trailing-blank-lines": note_trailing_blank_lines,
    "section.remove": remove_section,
}
CHECKS = [check_text_hygiene, check_term_hyphens, check_trailing_blank_lines, check_empty_sections]

"""Findings for what import had to decide: each :class:`~briefing.model.ImportNote` becomes one.

Import keeps every character but sometimes has to choose (an 8-bit encoding, how deep a list may nest,
whether a line is page furniture, where a table's columns are, whether the opening lines are metadata);
the note it leaves says what it chose, and this check puts that in front of the analyst.

Notes about the whole file (encoding, nesting) sit on the article file and have no fix. Notes about one
block — the furniture line kept as a paragraph, the table whose columns were guessed, the front matter
kept as the first paragraph — sit on that block (found again by the line import recorded for it, and its
text), name it in words, and go away once the block is gone or edited. A furniture line is dropped by a
safe fix only when the paragraph is still exactly the marked line and that line holds no figure but a
page number (a running header with a year, "Bulletin 2024", is removed only by hand): the fix removes
nothing but the marked line, so no figure, sign, date or name the article keeps can change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..importing.positions import decode
from ..model import Block, Briefing, Paragraph, Section, Table
from ..refs import SOURCE, Ref
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES

#: Notes that are about one block of the article, with the part of the block whose line they give.
_BLOCK_NOTES = {"import.furniture": "", "import.table-split": "header", "import.front-matter": ""}
#: A line that is only a page number: "Page 2 of 5", "p. 3", "- 3 -", "4 / 9", "Seite 2 von 7".
_PAGE_NUMBER = patterns.compile(
    r"(?:(?:page|p\.|pg\.?|página|pagina|seite|s\.) ?)?(?:[-–—] ?)?\d{1,4}"
    r"(?: ?(?:of|/|de|von|sur|di) ?\d{1,4})?(?: ?[-–—])?",
    re.IGNORECASE,
)
#: Signs that carry data: a line holding one is never removed unattended.
_SIGNS = frozenset("%<>≤≥±~≈$€£¥₹₩₽")
_QUOTED = patterns.compile(r"^“(?P<text>.*)” looks like page furniture", re.DOTALL)


def only_page_number(text: str) -> bool:
    """Whether the line's only figure is a page number: no digit or data sign at all, or a page
    number and nothing else."""
    text = " ".join(text.split())  # one space between words: the pattern allows no runs
    if not any(c.isdigit() for c in text) and not _SIGNS & set(text):
        return True
    return bool(_PAGE_NUMBER.fullmatch(text))


def _starts(briefing: Briefing) -> dict[tuple[int, str], tuple[Section, Block]]:
    """Blocks by the article line their first part started on (and that part's name)."""
    found: dict[tuple[int, str], tuple[Section, Block]] = {}
    for section in briefing.sections:
        for block in section.blocks:
            part = "header" if isinstance(block, Table) else ""
            value = briefing.source_map.get(block.id, {}).get(part)
            decoded = decode(value) if isinstance(value, str) else None
            if decoded and decoded[1]:
                found.setdefault((decoded[1][0][1], part), (section, block))
    return found


def check_import_notes(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per import note: on the article file for a note about the whole file, on the block
    for a note about one block (while that block still reads as import left it)."""
    starts: dict[tuple[int, str], tuple[Section, Block]] | None = None
    for note in ctx.briefing.import_notes:
        rule = RULES.get(note.rule)
        if rule is None:  # a rule of a newer version that this one does not know
            continue
        if note.rule not in _BLOCK_NOTES:
            where = f"Line {note.line}: " if note.line else ""
            message = where + note.message
            yield Finding(
                rule.id, rule.severity, message, Ref(SOURCE), subject=message, source_line=note.line
            )
            continue
        if starts is None:
            starts = _starts(ctx.briefing)
        finding = _block_finding(ctx, note.rule, note.message, note.line, starts)
        if finding is not None:
            yield finding


def _block_finding(
    ctx: CheckContext,
    rule_id: str,
    message: str,
    line: int,
    starts: dict[tuple[int, str], tuple[Section, Block]],
) -> Finding | None:
    rule = RULES[rule_id]
    part = _BLOCK_NOTES[rule_id]
    # Front matter's text starts on the line after its opening "---".
    hit = starts.get((line, part)) or (
        starts.get((line + 1, part)) if rule_id == "import.front-matter" else None
    )
    if hit is None:
        return None
    section, block = hit
    place = ctx.places.describe_id(block.id)
    target = Ref(section.id, block.id)
    if rule_id == "import.furniture":
        quoted = _QUOTED.match(message)
        if not isinstance(block, Paragraph) or quoted is None or block.text.strip() != quoted.group("text"):
            return None  # edited or replaced since import: it is the analyst's text now
        text = block.text
        safe = only_page_number(text)
        why = "" if safe else " It holds a figure other than a page number, so check it before removing it."
        return Finding(
            rule.id,
            rule.severity,
            f"“{text.strip()}” ({place}, line {line} of the article) looks like page furniture — a page "
            f"number, running header or site chrome — kept as a paragraph of its own, not part of the "
            f"article.{why}",
            target,
            [
                Fix(
                    "Remove the page furniture",
                    safe,
                    "import.drop-furniture",
                    {
                        "section_id": section.id,
                        "block_id": block.id,
                        "expected": text,
                        "note": "Removed page furniture (a page number, running header or site chrome) "
                        "kept from the article's pages.",
                    },
                )
            ],
            subject=text.strip(),
            source_line=line,
        )
    if rule_id == "import.table-split":
        if not isinstance(block, Table):
            return None
        return Finding(
            rule.id,
            rule.severity,
            f"{place[:1].upper() + place[1:]} (line {line} of the article) was read from text without "
            f"clear columns. {message} Once its columns are right, ignore this note.",
            target,
            subject=message,
            source_line=line,
        )
    if (
        not isinstance(block, Paragraph)
        or section is not ctx.briefing.sections[0]
        or block is not section.blocks[0]
    ):
        return None
    return Finding(
        rule.id,
        rule.severity,
        f"The article starts with a metadata block (front matter), kept as {place}: "
        f"“{_clip(block.text)}”. Remove it if its details are not part of the note.",
        target,
        [
            Fix(
                "Remove the metadata block",
                False,  # it may hold the date, author or source the note should keep
                "import.drop-furniture",
                {
                    "section_id": section.id,
                    "block_id": block.id,
                    "expected": block.text,
                    "note": "Removed the article's metadata block (front matter).",
                },
            )
        ],
        subject=block.text[:80],
        source_line=line,
    )


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def drop_block(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove a paragraph import marked, only while its text is exactly what was marked."""
    block = edit.block(params["block_id"])
    if not isinstance(block, Paragraph) or block.text != params["expected"]:
        return None
    where = Ref(params.get("section_id", ""), block.id)
    edit.remove_block(block.id)
    return Outcome(where, block.text, "", params["note"])


CHECKS = [check_import_notes]
ACTIONS = {"import.drop-furniture": drop_block}

"""Run-in headings: a paragraph that opens with its section's name (``PURPOSE: To provide …``,
``**BUILDING ON PAST SUCCESS:** The tariffs …``, ``Sec. 2. Trade Remedies. (a) The Secretary …``).

One such paragraph proves little — "NOTE: the figures are provisional" is a remark — so the labels
must confirm each other: only when two or more paragraphs of the document open the same way does each
label become a heading of its own, with the rest of its paragraph under it. A label that names one of
the standard parts of a briefing note or submission (``PURPOSE:``, ``BACKGROUND:``, ``RECOMMENDATION:``)
needs no other: a memo that runs in only its purpose still heads a part with it. The label keeps its
colon (every character stays); the paragraph's place in the article is split with it.
"""

from __future__ import annotations

from .. import patterns
from ..model import Paragraph, Run, Section
from .builder import SectionBuilder
from .positions import Segment, decode, encode
from .structure import memo_field

#: An ALL CAPS label of one to six words and a colon, then the paragraph's text.
_CAPS_LABEL = patterns.compile(r"^(?P<label>[A-Z][A-Z0-9&'’/ -]{1,60}?:)[ \t]+(?=\S)")
#: A numbered section label with its short title, as laws, orders and memoranda run them in:
#: ``Sec. 2.  Trade Remedies.  (a) The Secretary …``, ``Section 1. Purpose. This order …``,
#: ``Article 4. Scope. …``. The title starts with a capital and ends at its own full stop.
_NUMBERED_LABEL = patterns.compile(
    r"^(?P<label>(?:Section|Sec\.|SEC\.|SECTION|Article|Art\.|ARTICLE|§)[^\S\n]*\d{1,3}[A-Za-z]?\.[^\S\n]+"
    r"(?P<title>[A-Z][^.!?\n]{0,120}?(?:\([A-Z]{2,8}\))?)\.)[^\S\n]+(?=\S)"
)
#: The most words a run-in numbered title has; a longer one is a sentence.
MAX_TITLE_WORDS = 14
#: The most words a bold capital label with its colon has.
MAX_BOLD_LABEL_WORDS = 18
#: The fewest paragraphs that must open with a label for any of them to count.
MIN_RUN_INS = 2
#: The parts of briefing notes, decision memos and submissions (in capitals, run in, as memos write
#: them): a paragraph that opens with one of these is a run-in heading on its own.
STANDARD_PARTS = frozenset(
    {
        "PURPOSE", "ISSUE", "SUMMARY", "BACKGROUND", "CURRENT STATUS", "KEY CONSIDERATIONS",
        "CONSIDERATIONS", "OPTIONS", "RECOMMENDATION", "RECOMMENDATIONS", "NEXT STEPS", "TIMING",
        "ARGUMENT", "PRESENTATION", "DECISION", "ACTION REQUIRED",
    }
)  # fmt: skip


def split_run_in_headings(builder: SectionBuilder) -> None:
    """Give each confirmed run-in label a section of its own (see the module docstring)."""
    #: Each label's paragraph, length and level (one below the heading it was written under).
    found: list[tuple[Paragraph, int, int]] = []
    for section in builder.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph) and memo_field(block.text) is None:  # memo fields are no sections
                length = _label_length(block)
                if length:
                    found.append((block, length, min(section.level + 1, 6) if section.heading else 1))
    if len(found) < MIN_RUN_INS:
        found = [entry for entry in found if _standard_part(entry[0], entry[1])]
        if not found:
            return
    paragraphs = [b.text for s in builder.sections for b in s.blocks if isinstance(b, Paragraph)]
    if sum(1 for text in paragraphs if text.upper() == text) * 2 > len(paragraphs):
        return  # a text all in capitals (a cable, a telex): a capital label is no sign of a heading
    for paragraph, length, level in found:
        # An earlier split may have moved the paragraph into a new section: find where it is now.
        section = next(s for s in builder.sections if any(block is paragraph for block in s.blocks))
        _split(builder, section, paragraph, length, level)


def _standard_part(paragraph: Paragraph, length: int) -> bool:
    """Whether the paragraph's run-in label names a standard part of a note (:data:`STANDARD_PARTS`)."""
    label = paragraph.text[:length].strip().replace("*", "").replace("_", "").rstrip(":.").strip()
    return label in STANDARD_PARTS


def _label_length(paragraph: Paragraph) -> int:
    """How many characters of the paragraph its run-in label takes (with the space after it), or 0."""
    runs = paragraph.runs
    if not runs:
        return 0
    first = runs[0]
    if first.bold and len(runs) > 1 and not first.href:
        label, rest = first.text.strip(), runs[1].text
        words = label.rstrip(":.").split()
        # Bold capitals ended by a colon may run long (a fact sheet's "**PRESIDENT … DRUGS:**",
        # wrapped over two lines); without the colon a bold stretch is more likely emphasis.
        limit = MAX_BOLD_LABEL_WORDS if label.endswith(":") or rest[:1] == ":" else 10
        if not (1 <= len(words) <= limit and label.upper() == label and any(c.isalpha() for c in label)):
            return 0
        if label.endswith((":", ".")):
            return len(first.text) + len(rest) - len(rest.lstrip())
        if rest[:1] in (":", ".") and rest[1:].strip():  # "**LABEL**: text"
            return len(first.text) + 1 + len(rest[1:]) - len(rest[1:].lstrip())
        return 0
    match = _CAPS_LABEL.match(first.text)
    if match and len(match.group("label").split()) <= 6 and any(c.isalpha() for c in match.group("label")):
        return match.end()
    numbered = _NUMBERED_LABEL.match(first.text)
    if numbered and len(numbered.group("title").split()) <= MAX_TITLE_WORDS:
        return numbered.end()
    return 0


def _split(builder: SectionBuilder, section: Section, paragraph: Paragraph, length: int, level: int) -> None:
    briefing = builder.briefing
    text = paragraph.text
    label = text[:length].rstrip().replace("\n", " ")  # a label wrapped over two lines: one heading line
    rest_runs: list[Run] = []
    at = 0
    for run in paragraph.runs:
        end = at + len(run.text)
        if end > length:
            piece = run.text[max(0, length - at) :]
            rest_runs.append(Run(piece, run.bold, run.italic, run.href))
        at = end
    if not rest_runs:
        return
    index = next(k for k, block in enumerate(section.blocks) if block is paragraph)
    heading = Section(briefing.new_id("s"), label, level, [])
    heading.blocks = [Paragraph(paragraph.id, rest_runs), *section.blocks[index + 1 :]]
    del section.blocks[index:]
    builder.sections.insert(builder.sections.index(section) + 1, heading)
    place = briefing.source_map.get(paragraph.id, {}).get("")
    decoded = decode(place) if place else None
    if decoded is None:
        briefing.source_map.pop(paragraph.id, None)
        return
    segments = decoded[1]
    briefing.source_map.setdefault(heading.id, {})[""] = encode(label, [g for g in segments if g[0] < length])
    shifted: list[Segment] = []
    for k, (start, line, column) in enumerate(segments):
        following = segments[k + 1][0] if k + 1 < len(segments) else len(text)
        if following <= length:
            continue
        if start < length:
            shifted.append((0, line, column + (length - start)))
        else:
            shifted.append((start - length, line, column))
    briefing.source_map[paragraph.id] = {"": encode(heading.blocks[0].text, shifted)}  # type: ignore[union-attr]

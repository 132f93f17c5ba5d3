"""Findings grouped by what they are about, named for analysts: "Broken tables", "Chatbot leftovers".

Rule ids (``table.repeated-cells``) are for recipes, ignored findings and the command line; the editor
lists findings under these plain names instead. Every rule of the catalogue belongs to exactly one
group (a test holds the two in step), and the groups are listed in this order when their worst findings
are equally severe.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import SEVERITIES, Finding, Severity
from .rules import RULES


@dataclass(frozen=True)
class Group:
    """A kind of problem in words: its name, a sentence or two on what it is about, and its rules."""

    name: str
    about: str
    rules: tuple[str, ...]


GROUPS: tuple[Group, ...] = (
    Group(
        "Not an article",
        "The text is no article: a chatbot asking for input, questions for the reader to answer, an "
        "empty template. There is nothing to brief on.",
        ("text.no-article",),
    ),
    Group(
        "Broken tables",
        "Rows and columns that do not line up: cells printed twice, rows longer or shorter than the "
        "column names, column names shifted by a cell, empty columns or rows, a caption where the "
        "column names should be. They come from copying a table out of a chat or a web page.",
        (
            "table.caption-row",
            "table.repeated-cells",
            "table.duplicated-cell",
            "table.long-row",
            "table.short-header",
            "table.short-row",
            "table.empty-columns",
            "table.empty-row",
        ),
    ),
    Group(
        "Chatbot leftovers",
        "Words a chatbot left in the text: offers to help, sign-offs, “as an AI” and hedges about what "
        "it knew when. A reader of the note must not see them.",
        ("text.chatbot",),
    ),
    Group(
        "Model and tool notes",
        "What the model or the tool that wrote the text left in it: its reasoning, the prompt it was "
        "given, its settings and logs, remarks about “the context” it was handed.",
        ("text.reasoning", "text.prompt", "text.agent-note", "text.context-hedge"),
    ),
    Group(
        "Placeholders",
        "Template gaps nobody filled in, such as [Topic] or [Insert date], and figures the text itself "
        "calls simulated or illustrative.",
        ("text.placeholder", "text.simulated-data"),
    ),
    Group(
        "Repeated text and tables",
        "The article or a run of blocks printed again, the same table, paragraph, sentence, list item "
        "or table row given twice.",
        ("text.repeated-run", "table.duplicate", "text.duplicate", "table.duplicate-row"),
    ),
    Group(
        "Citation markers",
        "Markers such as [1], ¹ or 【1】 that point to sources the text does not have, and markers whose "
        "notes are in the text (Word export keeps them as plain text, not footnotes).",
        ("text.citation", "text.footnotes"),
    ),
    Group(
        "Contradictions",
        "Statements that disagree: one person given two titles or two offices, two leaders of one "
        "office both spoken of as in office, one figure given two values, shares that add up to more "
        "than 100%, an organisation described two ways, a date far from the text's. Only a person "
        "knows which one is right.",
        (
            "people.conflicting-titles",
            "people.anachronism",
            "consistency.figures",
            "consistency.shares",
            "consistency.descriptions",
            "consistency.table-dates",
        ),
    ),
    Group(
        "Odd values in tables",
        "Table cells that do not fit their column (a place among dates), and numbers written two ways "
        "in one column (1,100 and 1100).",
        ("table.column-kind", "table.number-format"),
    ),
    Group(
        "Garbled characters",
        "Letters garbled by reading the file in the wrong encoding (â€™ for ’), or an encoding that had "
        "to be guessed.",
        ("text.mojibake", "import.encoding"),
    ),
    Group(
        "Formatting leftovers",
        "Markup from Markdown, HTML or a web page (**, ##, &nbsp;), stray whitespace, a term glued to "
        "its description by a hyphen, blank lines at the end of the article.",
        ("text.markup", "text.whitespace", "text.term-hyphen", "text.trailing-blank-lines"),
    ),
    Group("Empty sections", "Headings with nothing under them.", ("section.empty",)),
    Group(
        "Flattened lists",
        "Lists or quotes nested deeper than a note can show; their text is all there, shown less deep.",
        ("import.nesting",),
    ),
    Group(
        "Page furniture and guessed tables",
        "Page numbers, running headers and site chrome kept as paragraphs, tables whose columns import "
        "had to guess, records that read as a table, and a metadata block kept at the start.",
        ("import.furniture", "import.table-split", "table.records", "import.front-matter"),
    ),
    Group(
        "Recommendation wording",
        "Recommendations not put as decisions (“That you …”).",
        ("recommendation.wording",),
    ),
)
#: Where findings of a rule the catalogue does not know (a newer file's) are listed.
OTHER = Group("Other findings", "Findings of kinds this version does not know.", ())

_BY_RULE: dict[str, Group] = {rule: group for group in GROUPS for rule in group.rules}
_ORDER: dict[str, int] = {group.name: index for index, group in enumerate(GROUPS)}


def group_of(rule: str) -> Group:
    """The group a rule's findings are listed under."""
    return _BY_RULE.get(rule, OTHER)


def rule_summary(rule: str) -> str:
    """What a rule finds, in words ("" for an unknown rule)."""
    known = RULES.get(rule)
    return known.summary if known is not None else ""


def worst(findings: list[Finding]) -> Severity:
    """The most severe severity among findings (``info`` for none)."""
    return min((f.severity for f in findings), key=SEVERITIES.index, default="info")


def grouped(findings: list[Finding]) -> list[tuple[Group, list[Finding]]]:
    """Findings by group, each group's in the order given (reading order); the groups with errors
    first, then warnings, then notes, in catalogue order within each."""
    by_group: dict[str, tuple[Group, list[Finding]]] = {}
    for finding in findings:
        group = group_of(finding.rule)
        by_group.setdefault(group.name, (group, []))[1].append(finding)

    def order(entry: tuple[Group, list[Finding]]) -> tuple[int, int]:
        group, members = entry
        return SEVERITIES.index(worst(members)), _ORDER.get(group.name, len(GROUPS))

    return sorted(by_group.values(), key=order)

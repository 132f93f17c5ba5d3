"""The catalogue of rule ids: stable names, default severities and one-line summaries.

Ids never change once released (ignored findings and saved recipes refer to them); ``docs/checks.md``
documents each one, and a test keeps the two in step. The order here is the order findings on the same
block are listed and fixed in: a duplicate table is dealt with before its columns are tidied, so the
well-formed copy is the one kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity


@dataclass(frozen=True)
class Rule:
    """A rule's id, default severity and what it finds."""

    id: str
    severity: Severity
    summary: str
    #: Whether its findings may carry a safe fix (the unattended loop runs only checks for such rules).
    safe_fix: bool = False
    #: Whether it runs unless asked for by name. An opt-in rule (as ruff's rules outside its default
    #: set) runs only when selected explicitly (``briefing check --select recommendation.wording``):
    #: a suggestion on the analyst's own wording is not a problem of the article.
    default: bool = True


_RULES = [
    Rule(
        "text.repeated-run",
        "error",
        "the article, or a run of several blocks, printed more than once",
        safe_fix=True,
    ),
    Rule("table.duplicate", "error", "the same table printed twice (or nearly the same)", safe_fix=True),
    Rule(
        "table.caption-row",
        "warning",
        "a first row that is a caption or units note, not column names",
        safe_fix=True,
    ),
    Rule(
        "table.repeated-cells",
        "error",
        "a run of cells repeated inside a row, overflowing the header",
        safe_fix=True,
    ),
    Rule(
        "table.duplicated-cell",
        "error",
        "a cell duplicated into its neighbour, shifting the row right",
        safe_fix=True,
    ),
    Rule("table.long-row", "error", "a row with more cells than the header has columns"),
    Rule("table.short-header", "error", "a header short of every row: column names shifted, or one missing"),
    Rule("table.empty-columns", "warning", "empty trailing columns and header cells", safe_fix=True),
    Rule("table.short-row", "warning", "a row with fewer cells than the header has columns", safe_fix=True),
    Rule("table.empty-row", "info", "a table row with no text in any cell", safe_fix=True),
    Rule("table.duplicate-row", "warning", "the same row twice in a table"),
    Rule("table.column-kind", "warning", "a cell that does not fit its column (a date among durations)"),
    Rule(
        "table.number-format",
        "info",
        "numbers written two ways in one column (1,100 and 1100)",
        safe_fix=True,
    ),
    Rule(
        "table.records",
        "info",
        "records repeating the same labels (Country: …, Tariff: …): a table in disguise",
    ),
    Rule(
        "text.chatbot",
        "error",
        "chatbot leftovers: offers, sign-offs, self-references, cutoff hedges",
        safe_fix=True,
    ),
    Rule(
        "text.no-article",
        "error",
        "no article at all: a request for input, a questionnaire, an empty template",
    ),
    Rule("text.reasoning", "error", "a model's reasoning left in the text (<think>…</think>)", safe_fix=True),
    Rule("text.prompt", "error", "the prompt or instructions to the model left in the text", safe_fix=True),
    Rule(
        "text.agent-note",
        "error",
        "an agent's or pipeline's notes: settings, model names, tool calls, logs, stamps",
        safe_fix=True,
    ),
    Rule("text.context-hedge", "error", "remarks about “the context” or “the provided documents”"),
    Rule(
        "text.placeholder",
        "error",
        "unfilled template placeholders such as [Topic], <company>, TBD",
        safe_fix=True,
    ),
    Rule(
        "text.simulated-data", "error", "data the text itself calls simulated, illustrative or hypothetical"
    ),
    Rule(
        "text.markup",
        "warning",
        "leftover Markdown, HTML or CMS syntax (**, ##, ::note, &nbsp;)",
        safe_fix=True,
    ),
    Rule("text.duplicate", "warning", "a paragraph, sentence or list item given twice", safe_fix=True),
    Rule(
        "text.citation",
        "warning",
        "citation markers ([1], ¹, 【1】, [^1]) that point to no note of the text",
        safe_fix=True,
    ),
    Rule("text.footnotes", "info", "citation markers with their notes in the text (not Word footnotes)"),
    Rule("text.term-hyphen", "info", "a Term-Description item joined by an unspaced hyphen", safe_fix=True),
    Rule("text.mojibake", "warning", "garbled characters from a wrong encoding (â€™ for ’)", safe_fix=True),
    Rule("text.whitespace", "info", "doubled, stray or invisible whitespace", safe_fix=True),
    Rule(
        "text.trailing-blank-lines", "info", "blank lines trailing at the end of the article", safe_fix=True
    ),
    Rule("section.empty", "warning", "a heading with nothing under it"),
    Rule("import.encoding", "warning", "the file's encoding was guessed, and the guess is not certain"),
    Rule("import.nesting", "warning", "lists or quotes nested deeper than a note can show, flattened"),
    Rule(
        "import.furniture",
        "warning",
        "page furniture (a page number, running header, site chrome) kept as a paragraph",
        safe_fix=True,
    ),
    Rule("import.table-split", "warning", "a table whose columns import had to guess: confirm them"),
    Rule("import.front-matter", "info", "a metadata block (front matter) kept as the first paragraph"),
    Rule("people.conflicting-titles", "warning", "one person given conflicting titles"),
    Rule(
        "people.anachronism",
        "warning",
        "two holders of one office spoken of as in office, or a leader out of office on the article's date",
    ),
    Rule(
        "recommendation.wording",
        "info",
        "a recommendation not worded as a decision (“That you …”)",
        default=False,
    ),
    Rule("consistency.table-dates", "warning", "dates in a table far from the dates the text gives"),
    Rule(
        "consistency.figures",
        "warning",
        "one quantity of one entity given two values (in the text, a table or both)",
    ),
    Rule("consistency.shares", "warning", "shares or probabilities of one whole adding up to more than 100%"),
    Rule(
        "consistency.descriptions",
        "warning",
        "an organisation or country described two incompatible ways (a regulator and an advisory body)",
    ),
]

#: Every rule by id, in listing order.
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
#: The rules whose findings may carry a safe fix (the others' fixes all need judgement, or they have none).
SAFE_FIX_RULES: frozenset[str] = frozenset(rule.id for rule in _RULES if rule.safe_fix)
#: Rules that run only when asked for by name.
OPT_IN_RULES: frozenset[str] = frozenset(rule.id for rule in _RULES if not rule.default)
#: Position of each rule in the listing order.
RULE_ORDER: dict[str, int] = {rule.id: index for index, rule in enumerate(_RULES)}

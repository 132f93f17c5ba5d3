"""Shares of one whole, or probabilities of one set of scenarios, that add up to more than 100%.

Most percentages do not add up to anything: growth rates, changes, each country's spending as a share
of its own GDP, the likelihoods of independent risks. Only a set that reads as the parts of one whole
is added up:

- a table column whose header says share, proportion, breakdown or "% of total" (and not "of GDP" or
  another whole that differs by row), or a column of probabilities whose rows are scenarios;
- a table row of probabilities across scenario columns;
- a sentence that splits a whole ("split between", "of which", "accounts for … of exports") into
  percentages of that same whole;
- a list introduced as a split, a breakdown or a set of scenarios, one percentage an item.

Rounding is allowed for: a set of n values written to d decimals may be off by n·0.5·10⁻ᵈ (at least a
point), and "about" widens it. Total, subtotal and "of which" rows are left out of a column's sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import patterns
from ..model import ListBlock, Paragraph, Section, Table
from ..refs import Ref
from .context import CheckContext, TextUnit
from .entities import country_of
from .findings import Finding, Severity
from .quantities import Figure, parse_figures
from .rules import RULES
from .tables import header_width, is_caption_row, trimmed_length

_SHARE_HEADER = patterns.compile(
    r"\bshares?\b|%\s*of\s+(?:the\s+)?total|\bper\s?cent(?:age)?\s+of\s+(?:the\s+)?total|\bproportion\b|"
    r"\bbreakdown\b|\bcomposition\b|\bsplit\b|\ballocation\b|\bweight(?:ing)?\b|\bdistribution\b|"
    r"\bportion\b|\bpart\s+of\b",
    re.IGNORECASE,
)
_PROBABILITY = patterns.compile(r"\bprobabilit\w*|\blikelihood\b|\bchances?\b|\bodds\b", re.IGNORECASE)
_SCENARIO = patterns.compile(
    r"\bscenarios?\b|\boutcomes?\b|\bcases?\b|\bpaths?\b|\bpathways?\b", re.IGNORECASE
)
#: Headers whose percentages are each row's own ("% of GDP", "growth", "change"), not parts of a whole.
_NOT_PARTS = patterns.compile(
    r"\bof\s+(?:its|their|each|own|his|her)\b|\bof\s+gdp\b|\bof\s+(?:national\s+)?income\b|"
    r"\bof\s+(?:the\s+)?population\b|\bof\s+(?:the\s+)?workforce\b|\bper\s+capita\b|\bgrowth\b|\bchange\b|"
    r"\bincrease\b|\bdecrease\b|\brise\b|\bfall\b|\brate\b|\byoy\b|\by/y\b|\bmargin\b|\bturnout\b|"
    r"\bapproval\b|\bsupport\b|\byield\b|\breturn\b|\binflation\b|\btariff\b|\btax\b|\bcoverage\b|"
    r"\bcompletion\b|\bprogress\b|\butili[sz]ation\b|\boccupancy\b|\bachieved\b|\bcomplete\b",
    re.IGNORECASE,
)
#: What a whole may be named after "share of" and still be one for all rows.
_ONE_WHOLE = patterns.compile(
    r"\bof\s+(?:the\s+)?(?:total|world|global|all|whole|market|budget|spending|funding|package|fund|"
    r"portfolio|sample|respondents|votes?|seats|capacity|mix|supply|demand)\b",
    re.IGNORECASE,
)
#: Wholes that rows which are countries share: "share of world exports", "% of the total".
_SHARED_WHOLE = patterns.compile(
    r"\bof\s+(?:the\s+)?(?:total|world|global|all|whole|regional|market)\b", re.I
)
_TOTAL_ROW = patterns.compile(
    r"^\s*(?:\*\*)?(?:total|sum|overall|all|grand total|subtotal|sub-total)\b", re.IGNORECASE
)
_SUBSET_ROW = patterns.compile(
    r"^\s*(?:[-–—•·]|of which\b|o/w\b|incl(?:uding|\.)?\b|thereof\b|among them\b|in particular\b)",
    re.IGNORECASE,
)
#: Prose that divides a whole into parts.
_SPLIT = patterns.compile(
    r"\b(?:split|divided|broken\s+down|breakdown|of\s+which|comprising|comprises|consisting\s+of|"
    r"made\s+up\s+of|accounts?\s+for|accounted\s+for|make\s+up|makes\s+up|made\s+up|goes\s+to|go\s+to|"
    r"went\s+to|allocated|allocation|distributed|shares?\s+of|share\s+is|the\s+rest|the\s+remainder|"
    r"remaining)\b",
    re.IGNORECASE,
)
#: Prose whose percentages are not parts of one whole even when a split word is there.
_NOT_A_SPLIT = patterns.compile(
    r"\b(?:more\s+than\s+one|multiple\s+(?:answers|choices|responses)|could\s+(?:choose|pick|select)|"
    r"select\s+all|each|respectively|rose|fell|grew|increased|decreased|declined|dropped|jumped|"
    r"up\s+from|down\s+from|compared|versus|vs\.?|growth|change|inflation|of\s+gdp|per\s+capita)\b",
    re.IGNORECASE,
)
_WHOLE_AFTER = patterns.compile(
    r"(?<!\s)\s*(?:of|from|in)\s+(?:the\s+|its\s+|their\s+)?(?P<whole>[a-z][\w-]{0,30}(?:\s+[a-z][\w-]{0,30})?)"
)
_STOP_WHOLE = frozenset("the a an all and or but which that who with".split())


@dataclass
class _Part:
    figure: Figure
    text: str


def _percent(figure: Figure) -> bool:
    return figure.unit == "%" and figure.exact or (figure.unit == "%" and figure.bound == "lower")


def _tolerance(values: list[Figure], text_of: list[str]) -> float:
    """How far past 100 a sum may go by rounding alone."""
    decimals = min(
        (len(t.split(".", 1)[1].rstrip("%").strip()) if "." in t else 0 for t in text_of), default=0
    )
    tolerance = max(1.0, len(values) * 0.5 * 10.0**-decimals)
    tolerance += sum(0.05 * abs(f.value) for f in values if f.approx)
    return tolerance + 1e-9


def _sum_words(parts: list[str]) -> str:
    return ", ".join(parts) if any(" " in p for p in parts) else " + ".join(parts)


def _total(values: list[float]) -> str:
    total = sum(values)
    return f"{total:.1f}".rstrip("0").rstrip(".")


def check_shares(ctx: CheckContext) -> Iterator[Finding]:
    """Parts of one whole, or probabilities of one set of scenarios, adding up to more than 100%."""
    rule = RULES["consistency.shares"]
    for section, table in ctx.tables:
        yield from _table_columns(ctx, rule.id, rule.severity, section, table)
        yield from _table_rows(ctx, rule.id, rule.severity, section, table)
    yield from _prose(ctx, rule.id, rule.severity)


def _cell_percent(cell: str, header_percent: bool) -> Figure | None:
    figures = parse_figures(cell)
    if len(figures) != 1:
        return None
    figure = figures[0]
    if cell[: figure.start].strip() not in ("", "~", "≈", "c.", "about") or cell[
        figure.end :
    ].strip() not in (
        "",
        "*",
    ):
        return None
    if figure.unit == "" and header_percent and figure.exact:
        return figure
    return figure if figure.unit == "%" and figure.exact else None


def _reads_as_parts(header: str, caption: str, key_header: str, labels: list[str]) -> str:
    """ "shares", "probabilities" or "" for a column header."""
    if _NOT_PARTS.search(header):
        return ""
    if _PROBABILITY.search(header):
        scenario = (
            _SCENARIO.search(key_header)
            or _SCENARIO.search(caption)
            or sum(bool(_SCENARIO.search(label)) for label in labels) * 2 >= len(labels)
        )
        return "probabilities" if scenario else ""
    if not _SHARE_HEADER.search(header) and not (
        "%" in header
        and re.search(r"\b(?:breakdown|split|composition|shares?|distribution)\b", caption, re.I)
    ):
        return ""
    whole = re.search(r"\bof\s+(?:the\s+)?([a-z][\w-]*)", header, re.IGNORECASE)
    if whole and not _ONE_WHOLE.search(header):
        return ""  # "share of exports", "share of imports": whose? each row's own, perhaps
    countries = sum(country_of(label.strip()) is not None for label in labels)
    if whole and countries * 2 >= len(labels) and not _SHARED_WHOLE.search(header):
        return ""  # "share of budget" by country: each country's own budget
    return "shares"


def _table_columns(
    ctx: CheckContext, rule: str, severity: Severity, section: Section, table: Table
) -> Iterator[Finding]:
    if is_caption_row(table) or len(table.rows) < 2:
        return
    width = header_width(table)
    key_header = table.header[0] if table.header else ""
    labels = [row[0] if row else "" for row in table.rows]
    if any(_SUBSET_ROW.match(label) for label in labels):
        return  # "of which" rows: the parts are nested
    named = [label.strip().lower() for label in labels if label.strip()]
    if len(set(named)) != len(named):
        return  # a row given twice (its own finding): the parts would be counted twice
    for column in range(1, width):
        header = table.header[column] if column < len(table.header) else ""
        what = _reads_as_parts(header, table.caption, key_header, labels)
        if not what:
            continue
        header_percent = "%" in header or "percent" in header.lower()
        parts: list[tuple[Figure, str]] = []
        complete = True
        for row in table.rows:
            if trimmed_length(row, width) != width:
                complete = False
                break
            if _TOTAL_ROW.match(row[0] if row else ""):
                continue
            cell = row[column] if column < len(row) else ""
            if not cell.strip():
                continue
            figure = _cell_percent(cell, header_percent)
            if figure is None:
                complete = False
                break
            parts.append(
                (figure, f"{row[0].strip()} {cell.strip()}" if row and row[0].strip() else cell.strip())
            )
        if not complete or len(parts) < 2:
            continue
        total = sum(f.value for f, _ in parts)
        if total <= 100 + _tolerance([f for f, _ in parts], [t for _, t in parts]):
            continue
        where = ctx.places.describe_id(table.id)
        yield Finding(
            rule,
            severity,
            f"The {what} under “{header}” in {where} add up to {_total([f.value for f, _ in parts])}% "
            f"({_sum_words([t for _, t in parts])}); as parts of one whole they cannot pass 100%.",
            Ref(section.id, table.id, column=column),
        )


def _table_rows(
    ctx: CheckContext, rule: str, severity: Severity, section: Section, table: Table
) -> Iterator[Finding]:
    """A row of probabilities across scenario columns: "Probability | 60% | 30% | 25%"."""
    if len(table.header) < 3:
        return
    heads = table.header[1:]
    scenario = _SCENARIO.search(" ".join(table.header)) or _SCENARIO.search(table.caption)
    if not scenario:
        return
    for index, row in enumerate(table.rows):
        label = row[0] if row else ""
        if not _PROBABILITY.search(label) or _NOT_PARTS.search(label):
            continue
        parts: list[tuple[Figure, str]] = []
        for cell in row[1 : len(table.header)]:
            if not cell.strip():
                continue
            figure = _cell_percent(cell, "%" in label)
            if figure is None:
                parts = []
                break
            parts.append((figure, cell.strip()))
        if len(parts) < 2 or len(parts) > len(heads):
            continue
        total = sum(f.value for f, _ in parts)
        if total <= 100 + _tolerance([f for f, _ in parts], [t for _, t in parts]):
            continue
        yield Finding(
            rule,
            severity,
            f"The probabilities of the scenarios in row {index + 1} of {ctx.places.describe_id(table.id)} "
            f"add up to {_total([f.value for f, _ in parts])}% ({_sum_words([t for _, t in parts])}); "
            "the probabilities of one set of scenarios cannot pass 100%.",
            Ref(section.id, table.id, row=index),
        )


def _whole(text: str, figure: Figure) -> str:
    """The whole a percentage is of ("40% of exports" → "exports"), or ""."""
    match = _WHOLE_AFTER.match(text, figure.end)
    if not match:
        return ""
    words = [w for w in match.group("whole").lower().split() if w not in _STOP_WHOLE]
    return " ".join(words[:1])


#: Pieces of lowered text one of which every percentage has: "%", "per cent", "percent", "por ciento",
#: "Prozent" (the percent units of :func:`~.quantities.parse_figures`).
_PERCENT_PIECES = ("%", "cent", "ciento", "prozent")


def _may_hold_percentages(sentence: str) -> bool:
    """Whether a sentence may hold a percentage, which a split into shares needs: most sentences of a
    paragraph with a "%" have none, and are not searched for a split. The figures' units ignore case,
    so non-ASCII text (where "ı" matches "i") always may."""
    return (
        "%" in sentence or not sentence.isascii() or any(map(sentence.lower().__contains__, _PERCENT_PIECES))
    )


def _prose(ctx: CheckContext, rule: str, severity: Severity) -> Iterator[Finding]:
    previous: tuple[Section, Paragraph | ListBlock] | None = None
    units = {unit.block.id: unit for unit in ctx.units if unit.item is None}
    for section, block in ctx.blocks():
        if isinstance(block, Paragraph):
            if block.id in units and (
                "%" in block.text or "per cent" in block.text or "percent" in block.text
            ):
                yield from _sentences(ctx, rule, severity, units[block.id], block)
        elif isinstance(block, ListBlock) and previous is not None:
            yield from _list(ctx, rule, severity, section, block, previous[1])
        if isinstance(block, Paragraph | ListBlock):
            previous = (section, block)
        else:
            previous = None


def _sentences(
    ctx: CheckContext, rule: str, severity: Severity, unit: TextUnit, block: Paragraph
) -> Iterator[Finding]:
    text = block.text
    for start, end in unit.sentences:
        sentence = text[start:end]
        if not _may_hold_percentages(sentence):
            continue
        split = _SPLIT.search(sentence)
        scenarios = _SCENARIO.search(sentence) and _PROBABILITY.search(sentence)
        if not (split or scenarios) or _NOT_A_SPLIT.search(sentence):
            continue
        figures = [f for f in parse_figures(sentence) if f.unit == "%"]
        if len(figures) < 2 or any(not _percent(f) for f in figures):
            continue
        # Group by the whole each is "of"; a percentage without one belongs to the one before.
        wholes: dict[str, list[Figure]] = {}
        current = ""
        for figure in figures:
            current = _whole(sentence, figure) or current
            wholes.setdefault(current, []).append(figure)
        for whole, group in wholes.items():
            if len(group) < 2:
                continue
            total = sum(f.value for f in group)
            written = [sentence[f.start : f.end] for f in group]
            if total <= 100 + _tolerance(group, written):
                continue
            what = f"the shares of {whole}" if whole else "the shares"
            if scenarios and not split:
                what = "the probabilities of the scenarios"
            yield Finding(
                rule,
                severity,
                f"In {ctx.places.describe_id(block.id)}, {what} add up to "
                f"{_total([f.value for f in group])}% "
                f"({_sum_words(written)}); as parts of one whole they cannot pass 100%.",
                unit.target(start + group[0].start, start + group[-1].end),
            )


_LIST_INTRO = patterns.compile(
    r"\b(?:split|divided|broken\s+down|breakdown|as\s+follows|shares?|allocated|allocation|distributed|"
    r"composition|made\s+up|comprises?|consists?)\b",
    re.IGNORECASE,
)


def _list(
    ctx: CheckContext,
    rule: str,
    severity: Severity,
    section: Section,
    block: ListBlock,
    intro: Paragraph | ListBlock,
) -> Iterator[Finding]:
    """A list introduced as a split or as scenarios, one percentage an item."""
    lead = intro.text if isinstance(intro, Paragraph) else ""
    if not lead.rstrip().endswith(":"):
        return
    last = lead.rstrip()[:-1]
    sentence = last[max(last.rfind(". "), 0) :]
    split = _LIST_INTRO.search(sentence)
    scenarios = (
        _SCENARIO.search(sentence)
        or _SCENARIO.search(section.heading)
        or all(_SCENARIO.search(item.full_text) for item in block.items)
    )
    probabilities = _PROBABILITY.search(sentence) or all(
        _PROBABILITY.search(item.full_text) for item in block.items
    )
    if not (split or (scenarios and probabilities)) or _NOT_A_SPLIT.search(sentence):
        return
    parts: list[tuple[Figure, str]] = []
    for item in block.items:
        text = item.full_text
        figures = [f for f in parse_figures(text) if f.unit == "%"]
        if len(figures) != 1 or not _percent(figures[0]) or _NOT_A_SPLIT.search(text):
            return
        parts.append((figures[0], text[figures[0].start : figures[0].end]))
    if len(parts) < 2:
        return
    total = sum(f.value for f, _ in parts)
    if total <= 100 + _tolerance([f for f, _ in parts], [t for _, t in parts]):
        return
    what = "probabilities of the scenarios" if scenarios and probabilities and not split else "shares"
    yield Finding(
        rule,
        severity,
        f"The {what} listed in {ctx.places.describe_id(block.id)} add up to "
        f"{_total([f.value for f, _ in parts])}% "
        f"({_sum_words([t for _, t in parts])}); as parts of one whole they cannot pass 100%.",
        Ref(section.id, block.id),
    )


#: No fixes: which of the parts is wrong only a person can tell.
ACTIONS: dict[str, object] = {}
CHECKS = [check_shares]

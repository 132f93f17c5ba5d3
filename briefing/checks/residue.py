"""What the generator left behind: reasoning, prompts, agent notes, hedges about "the context", chatter
at the article's edges, made-up data, and texts that are no article at all.

The checks weigh features (:mod:`.register_cues`) rather than match phrases: who speaks (I, you, the
user), in what mood (a bare imperative, a question to the reader), in what shape (``key: value`` with
snake_case keys, timestamps, file names, parameter dicts), where (the first and last blocks, under a
"Query" or "Metadata" heading, before the article begins), against the article's own register (a
sentence to "you" stands out in a third-person article, not in a memo to a minister).

Where the whole block or sentence is residue and carries no fact of the article, removing it is a safe
fix (the change log keeps it verbatim). Where it carries a fact ("The context indicates that the port
reopened") the fix that keeps the fact needs a person. Checks that read a block alone (and its section's
heading) are block checks; the ones that need the block's position or the whole article run on the whole
briefing every round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import patterns
from ..model import ListBlock, Paragraph, Section, Table
from ..refs import HEADER_ROW, Ref
from . import register_cues as rc
from .artifacts import chatter_kind, is_placeholder_only
from .context import CheckContext, TextUnit
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import block_text, context, locate, remove_span_fix, replace_span_fix, unit_text

# --- shared helpers ---------------------------------------------------------------------------------------

_NUMBERING = patterns.compile(r"^(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])[.)]\s+")


@lru_cache(maxsize=8192)
def heading_words(heading: str) -> str:
    """A heading as plain lower-case words: no markup, numbering, emoji or end marks.

    Cached: the residue checks ask for the words of every heading once per block under it."""
    text = "".join(ch for ch in heading if ch.isalnum() or ch in " '’-…" or ch.isspace()).strip()
    text = _NUMBERING.sub("", text.lower().replace("’", "'")).strip(" .…-")
    return " ".join(text.split())


def heading_of(ctx: CheckContext, section: Section) -> str:
    """A section's heading; for a first section without one, the title (import makes the first heading
    the title, so "# Thought process" over the opening paragraphs is their heading)."""
    if section.heading or not ctx.briefing.sections or section is not ctx.briefing.sections[0]:
        return section.heading
    return ctx.briefing.meta.title


def _low(ctx: CheckContext, unit: TextUnit) -> str:
    """The unit's lowered text (see :func:`.register_cues.lowered`), worked out once per run."""
    return rc.unit_lowered(ctx.cache, unit, unit.text)


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _whole(unit: TextUnit, start: int, end: int) -> bool:
    return not unit.text[:start].strip() and not unit.text[end:].strip(" \t\n.,;:–—-*_")


def _place(unit: TextUnit, start: int | None = None, end: int | None = None) -> dict[str, Any]:
    """One place a removal fix takes out: a whole unit, or a span of it, with the text expected there."""
    text = unit.text
    whole = start is None or _whole(unit, start, end or len(text))
    if whole:
        return {"section_id": unit.section.id, "block_id": unit.block.id, "item": unit.item, "expected": text}
    assert start is not None and end is not None
    return {
        "section_id": unit.section.id,
        "block_id": unit.block.id,
        "item": unit.item,
        "start": start,
        "end": end,
        "expected": text[start:end],
        **context(text, start, end),
    }


def _remove_fix(label: str, places: list[dict[str, Any]], safe: bool, note: str, **extra: Any) -> Fix:
    return Fix(label, safe, "residue.remove", {"places": places, "note": note, **extra})


def _finding(rule_id: str, message: str, target: Ref, fixes: list[Fix] | None = None) -> Finding:
    rule = RULES[rule_id]
    return Finding(rule.id, rule.severity, message, target, fixes or [])


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line of ``text``, without its surrounding whitespace."""
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def _words(text: str) -> int:
    return len(text.split())


def _ordered_units(ctx: CheckContext) -> list[TextUnit]:
    return ctx.units


# --- reasoning --------------------------------------------------------------------------------------------


@dataclass
class _Span:
    """A stretch of residue over one or more units: what a finding is about and what its fix removes."""

    places: list[dict[str, Any]]
    first: TextUnit
    start: int | None
    end: int | None
    words: int
    sections: list[str]
    #: The title, when it is the span's heading (cleared with it).
    title: str = ""
    #: Whether removing it may run unattended (a run whose end is a guess may not).
    safe: bool = True
    #: Where the run of a tag never closed ends, in words ("the next heading"); "" for a closed one.
    until: str = ""


def check_reasoning(ctx: CheckContext) -> Iterator[Finding]:
    """A model's reasoning left in the text: ``<think>…</think>`` and its kin, a "Thinking…" or "Thought
    process" section or label, or an opening that talks about what "the user" wants and what "I should"
    write. When most of the text is reasoning, one more finding says so."""
    units = _ordered_units(ctx)
    if not units:
        return
    spans = list(_tagged_reasoning(ctx, units))
    taken = {id(p) for s in spans for p in s.places}
    covered_units = {(s.first.block.id, s.first.item) for s in spans}
    spans += [
        s for s in _labelled_reasoning(ctx, units) if (s.first.block.id, s.first.item) not in covered_units
    ]
    covered_units = {(p["block_id"], p.get("item")) for s in spans for p in s.places}
    spans += [
        s for s in _opening_reasoning(ctx, units) if (s.first.block.id, s.first.item) not in covered_units
    ]
    del taken
    if not spans:
        return
    total = sum(_words(u.text) for u in units) + sum(
        _words(cell) for _, table in ctx.tables for row in [table.header, *table.rows] for cell in row
    )
    reasoning = sum(s.words for s in spans)
    left = total - reasoning
    bulk = total > 0 and reasoning * 2 >= total
    for span in sorted(spans, key=lambda s: ctx.position(s.first.target())):
        target = span.first.target(span.start, span.end)
        count = len({(p["block_id"], p.get("item")) for p in span.places})
        extent = "" if count == 1 else f" ({count} paragraphs and items from here)"
        if span.until and count > 1:
            extent = f" ({count} paragraphs and items from here to {span.until}; its tag is never closed)"
        opening = span.first.text[span.start or 0 : (span.end if count == 1 else None)]
        safe = (left >= 40 or not bulk) and span.safe
        yield _finding(
            "text.reasoning",
            f"This is a model's reasoning, not part of the article{extent}: “{_clip(opening)}”.",
            target,
            [
                _remove_fix(
                    "Remove the reasoning",
                    span.places,
                    safe,
                    "Removed a model's reasoning left in the text.",
                    sections=span.sections,
                    title=span.title,
                )
            ],
        )
    if bulk:
        first = min(spans, key=lambda s: ctx.position(s.first.target()))
        yield _finding(
            "text.reasoning",
            f"Most of this text ({reasoning} of {total} words) is a model's reasoning, not an article"
            + ("; what is left is too short to brief on." if left < 40 else "."),
            first.first.target(),
        )


def _tagged_reasoning(ctx: CheckContext, units: list[TextUnit]) -> Iterator[_Span]:
    index = 0
    while index < len(units):
        unit = units[index]
        text = unit.text
        if "<" not in text and "◁" not in text and "[" not in text:
            index += 1
            continue
        low = text.lower()
        opened = next((m for m in rc.REASONING_TAG.finditer(low) if not _closing(m)), None)
        if opened is None:
            index += 1
            continue
        name = _tag_name(opened)
        closed = _find_close(low, name, opened.end())
        if closed is None and not _starts_line(text, opened.start()):
            index += 1  # a tag named in passing ("blocks such as <think>"), not a block
            continue
        if closed is not None:
            yield _Span(
                [_place(unit, opened.start(), closed)],
                unit,
                opened.start(),
                closed,
                _words(text[opened.start() : closed]),
                [],
            )
            index += 1
            continue
        places = [_place(unit, opened.start(), len(text.rstrip()))]
        words = _words(text[opened.start() :])
        sections: list[str] = []
        end_index = index + 1
        found_close = False
        while end_index < len(units):
            later = units[end_index]
            close = _find_close(later.text.lower(), name, 0)
            if later.section is not unit.section and later.section.id not in sections:
                sections.append(later.section.id)
            if close is not None:
                places.append(_place(later, 0, close))
                words += _words(later.text[:close])
                found_close = True
                break
            places.append(_place(later))
            words += _words(later.text)
            end_index += 1
        safe, until = True, ""
        if not found_close:
            places, words, end_index, safe, until = _unclosed_run(ctx, units, index, opened.start())
            sections = []
        yield _Span(
            places,
            unit,
            opened.start(),
            None if len(places) > 1 else len(text.rstrip()),
            words,
            sections,
            safe=safe,
            until=until,
        )
        index = end_index + 1


def _unclosed_run(
    ctx: CheckContext, units: list[TextUnit], index: int, start: int
) -> tuple[list[dict[str, Any]], int, int, bool, str]:
    """A reasoning tag never closed runs to a clear end: the next heading, or the end of the document.
    ``(places, words, last unit index, safe, where it ends in words)``. Its removal is safe only when
    the run is one block, or ends at a heading with no table inside it (at the end of the document, or
    round a table, where the reasoning stops and the article starts is anyone's guess)."""
    unit = units[index]
    places = [_place(unit, start, len(unit.text.rstrip()))]
    words = _words(unit.text[start:])
    last = index
    while last + 1 < len(units) and units[last + 1].section is unit.section:
        last += 1
        places.append(_place(units[last]))
        words += _words(units[last].text)
    if last == index:
        return places, words, last, True, ""
    sections = ctx.briefing.sections
    at_heading = any(section is unit.section for section in sections[:-1])
    ids = {units[i].block.id for i in range(index, last + 1)}
    blocks = unit.section.blocks
    inside = [i for i, block in enumerate(blocks) if block.id in ids]
    table_inside = any(
        isinstance(block, Table) for block in blocks[min(inside) : max(inside) + 1] if block.id not in ids
    )
    until = "the next heading" if at_heading else "the end of the document"
    return places, words, last, at_heading and not table_inside, until


def _starts_line(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip(" \t*_>`")


def _closing(match: re.Match[str]) -> bool:
    return bool(match.group(1) or match.group(3) or match.group(5))


def _tag_name(match: re.Match[str]) -> str:
    return (match.group(2) or match.group(4) or match.group(6) or "").lower()


def _find_close(low: str, name: str, start: int) -> int | None:
    for match in rc.REASONING_TAG.finditer(low, start):
        if _closing(match) and _tag_name(match) == name:
            return match.end()
    return None


_SPECIFIC_LABEL = patterns.compile(
    r"(?:thinking|thought process|chain[- ]of[- ]thought|scratch ?pad|inner monologue|internal monologue"
    r"|thought for .*|internal reasoning|my reasoning|razonamiento|denkprozess|gedankengang|raisonnement)"
    r"(?:\.\.\.|…)?"
)
_LABEL_LINE = patterns.compile(
    rf"(?:\*\*|__)?(?:{rc.REASONING_LABEL.pattern})(?:\*\*|__)?\s*(?::|\.\.\.|…|\n|$)"
)


def _labelled_reasoning(ctx: CheckContext, units: list[TextUnit]) -> Iterator[_Span]:
    by_section: dict[str, list[TextUnit]] = {}
    for unit in units:
        by_section.setdefault(unit.section.id, []).append(unit)
    sections = ctx.briefing.sections
    for number, section in enumerate(sections):
        words = heading_words(heading_of(ctx, section))
        if not words or not rc.REASONING_LABEL.fullmatch(words):
            continue
        members = by_section.get(section.id, [])
        score = sum(rc.reasoning_score(_low(ctx, u)) for u in members)
        if not members or (score < 2 and not _SPECIFIC_LABEL.fullmatch(words)):
            continue
        following = sections[number + 1] if number + 1 < len(sections) else None
        whole = following is None or following.level <= section.level
        tables = [b for b in section.blocks if isinstance(b, Table)]
        places = [_place(u) for u in members] + [_block_place(section, t) for t in tables]
        yield _Span(
            places,
            members[0],
            None,
            None,
            sum(_words(u.text) for u in members),
            [section.id] if whole and section.heading else [],
            "" if section.heading else ctx.briefing.meta.title,
        )
    for index, unit in enumerate(units):
        if not _LABEL_LINE.match(unit.normalised.lstrip(" *_\"'")):
            continue
        low = _low(ctx, unit)
        label = _LABEL_LINE.match(low.lstrip())
        if label is None:
            continue
        rest = low[label.end() :]
        specific = _SPECIFIC_LABEL.match(low.lstrip(" *_")) is not None
        if rest.strip():
            if rc.reasoning_score(rest) >= (1 if specific else 2):
                yield _Span([_place(unit)], unit, None, None, _words(unit.text), [])
            continue
        # A label alone ("Thinking…"): the reasoning is what follows, while it reads as reasoning.
        places = [_place(unit)]
        count = _words(unit.text)
        for later in units[index + 1 :]:
            if later.section is not unit.section or rc.reasoning_score(_low(ctx, later)) < 1:
                break
            places.append(_place(later))
            count += _words(later.text)
        if len(places) > 1 or specific:
            yield _Span(places, unit, None, None, count, [])


def _block_place(section: Section, block: Table) -> dict[str, Any]:
    return {
        "section_id": section.id,
        "block_id": block.id,
        "item": None,
        "expected": block_text(block),
        "block": True,
    }


_USER_CUE = rc.REASONING_CUES[0][0]


def _opening_reasoning(ctx: CheckContext, units: list[TextUnit]) -> Iterator[_Span]:
    """Reasoning before the article starts: the first blocks, while they talk about "the user" or plan
    in the first person with the marks of thinking aloud."""
    places: list[dict[str, Any]] = []
    words = 0
    first = units[0]
    for unit in units[:6]:
        low = _low(ctx, unit)
        score = rc.reasoning_score(low)
        if not (score >= 3 and (_USER_CUE.search(low) or score >= 4)):
            break
        places.append(_place(unit))
        words += _words(unit.text)
    if places:
        yield _Span(places, first, None, None, words, [])


# --- agent and tool notes ---------------------------------------------------------------------------------

_STRONG_KEY = patterns.compile(
    r"(?:retriever|retrieval)(?: used| method| type| mode)?(?: for [\w ]{1,40})?|embeddings?(?: model)?"
    r"|top[ _-]?[kp]|max(?:imum)?[ _]tokens|tokens? used|token usage|prompt tokens|completion tokens"
    r"|(?:run|session|trace|request|thread|conversation) id|tools? used|tool calls?|function calls?"
    r"|action input|search[ _]params|search parameters|graphrag[ _]model|ranker|chunks?(?: retrieved| size)?"
    r"|sources retrieved|llm(?: used| model| provider)?|generated (?:on|at|using|with|by|via)"
    r"|output (?:file|path|filename)|(?:model|llm) (?:name|id|used|provider|version)"
    r"|informe generado(?: el)?|generado (?:el|por|con)|erstellt (?:am|mit)|g[ée]n[ée]r[ée] (?:le|par|avec)"
    r"|system prompt|prompt(?: used| template)?",
    re.IGNORECASE,
)
_TOOLISH = patterns.compile(
    r"\b(?:workflow|pipeline|agent|llm|script|api|fallback|respaldo|error|tool|retriever|graphrag|prompt"
    r"|model|modelo|modell|mod[eè]le|configured|configurado|konfiguriert|configur[ée])\b|https?://|\]\(",
    re.IGNORECASE,
)


_PAIR_START = patterns.compile(r"(?<=\s)(?=[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*:\s)")


#: A line that opens by saying what made the text ("Generated with …", "Created using …", "Powered by …"): a
#: byline's "Written by" or a credit's "Produced by the ministry" names people, not tools, and is left alone.
_STAMP_START = patterns.compile(
    r"(?:this (?:report|document|summary|note|brief|briefing|article|text|analysis) (?:was|has been|is) )?"
    r"(?:auto(?:matically)?[- ])?(?:generated (?:using|with|by|via|through|on|at|automatically)"
    r"|(?:created|produced|made|built|written|compiled|drafted) (?:with|using|via)|powered by"
    r"|(?:informe |documento |resumen |texto )?generad[oa] (?:autom[áa]ticamente|con|el \d)"
    r"|(?:bericht |dokument |text )?(?:automatisch (?:generiert|erstellt)|(?:generiert|erstellt) mit)"
    r"|(?:rapport |document |r[ée]sum[ée] |texte )?g[ée]n[ée]r[ée]e? (?:automatiquement|avec|par l'ia))\b",
    re.IGNORECASE,
)
#: Words of setting a tool up ("the script is configured to use…", "try with…"), said around a model name.
_SETUP = patterns.compile(
    r"\b(?:configured|configurado|konfiguriert|configur[ée]|script|set up to use|set to use|para usar"
    r"|zu verwenden|pour utiliser|api key|clave api|fallback|respaldo|switch(?:ing)? to|pruebe con|probar con"
    r"|try (?:using|with)|versuchen sie)\b",
    re.IGNORECASE,
)


_PROGRESS_WORDS = (
    "step ",
    "stage ",
    "phase ",
    "paso ",
    "schritt ",
    "tape ",
    "found ",
    "retrieved ",
    "fetched ",
    "returned ",
    "got ",
)
_FILE_WORDS = (
    "saved",
    "written",
    "wrote",
    "export",
    "stored",
    "output",
    "writing",
    "saving",
    "guardado",
    "gespeichert",
    "enregistr",
)
_STAMP_WORDS = (
    "generat",
    "created",
    "produced",
    "made ",
    "built ",
    "written",
    "compiled",
    "drafted",
    "powered",
    "generad",
    "generiert",
    "erstellt",
    "génér",
    "gener",
)
_MODEL_WORDS = ("gpt", "claude", "gemini", "llama", "mistral", "mixtral", "qwen", "deepseek", ":latest")
#: Something every kind of note needs: a line with none of these is article text.
_NOTE_CHARS = (":", "=", "(", "[", "{", "_", "…", "...")
_NOTE_WORDS = (
    "tool",
    "function",
    "api",
    "step ",
    "stage ",
    "found ",
    "retrieved ",
    "fetched ",
    "returned ",
    "got ",
    "gener",
    "génér",
    "erstellt",
    "creat",
    "produc",
    "made ",
    "built ",
    "writ",
    "wrote",
    "compil",
    "draft",
    "power",
    "saved",
    "stored",
    "export",
    "output",
    "gpt",
    "claude",
    "gemini",
    "llama",
    "mistral",
    "mixtral",
    "qwen",
    "deepseek",
    "traceback",
    "paso ",
    "schritt ",
    "tape ",
    "phase ",
)


def _has_note_piece(low: str, short: bool = True) -> bool:
    """Whether ``low`` has a character or word a note needs. Notes without any of the characters are
    short lines ("Generated with …", "found 12 results"), so a long text is searched for words only when
    ``short`` says it is a line-sized one. (Each test is a substring search: far cheaper than a pattern.)"""
    if any(map(low.__contains__, _NOTE_CHARS)):
        return True
    return short and any(map(low.__contains__, _NOTE_WORDS))


def note_kind(line: str, under_notes: bool = False) -> str:
    """What kind of agent or pipeline note one line is ("" for article text).

    Each shape is tried only when the line has a character or word it needs (cheap substring tests
    first: most lines of an article have none of them)."""
    stripped = line.strip().strip("*_ ")
    if not stripped:
        return ""
    low = stripped.lower()
    if not _has_note_piece(low):
        return ""
    count = len(stripped.split())
    if ("_" in line or "export " in line or "Traceback" in line) and rc.SECRET.search(line):
        return "a setup step for the tool that generated it"
    if "_" in line and ":" in line:
        pairs = _PAIR_START.split(line)
        if len(pairs) > 1:  # several "key: value" pairs joined on one line: each must be a note
            kinds = [
                note_kind(pair, under_notes) or ("label" if _label_only(pair) else "")
                for pair in pairs
                if pair.strip()
            ]
            return next((k for k in kinds if k != "label"), "") if all(kinds) else ""
    kv = rc.KEY_VALUE.fullmatch(line) if (":" in line or "=" in line) else None
    if kv is not None and _words(kv.group("key")) <= 6:
        key, value = kv.group("key").strip(), kv.group("value").strip(" *_")
        # A snake_case key alone is any site's front matter ("doc_date: 1979-10-22"); with a value
        # only a machine writes (a dict, a model, a file name) it is a pipeline's. (The value is read
        # only for such keys: "Term: description" list items are many, and their values long.)
        if rc.SNAKE_KEY.fullmatch(key) and _machine_value(value):
            return "a pipeline's settings"
        if _STRONG_KEY.fullmatch(key):
            return (
                "a generator's stamp"
                if key.lower().startswith(("generated", "informe", "generado"))
                else ("a pipeline's settings")
            )
        if rc.PIPELINE_KEY.fullmatch(key) and (
            _machine_value(value) or (rc.TOOL_WORD.search(value) and rc.TOOL_USE.search(value))
        ):
            return "an agent's note"
    if count <= 40 and _may_call_tool(line, low) and rc.TOOL_CALL.search(line):
        return "a tool call"
    if (
        count <= 30
        and ("…" in line or "..." in line or any(map(low.__contains__, _PROGRESS_WORDS)))
        and rc.PROGRESS.match(stripped.lstrip("-•* "))
    ):
        return "an agent's progress log"
    if count <= 16 and "." in line and any(map(low.__contains__, _FILE_WORDS)) and rc.FILE_NOTE.search(line):
        return "a note of where the tool saved its output"
    stamp = count <= 30 and any(map(low.__contains__, _STAMP_WORDS))
    if stamp and count <= 25 and _STAMP_START.match(stripped):
        return "a generator's stamp"
    if (
        stamp
        and rc.GENERATOR.search(line)
        and (_TOOLISH.search(line) or rc.MACHINE_VALUE.search(line) or rc.MODEL_NAME.search(line))
    ):
        return "a generator's stamp"
    if (
        count <= 40
        and any(map(low.__contains__, _MODEL_WORDS))
        and rc.MODEL_NAME.search(line)
        and _SETUP.search(line)
    ):
        return "a note on the model that generated it"
    if under_notes and kv is not None and _words(kv.group("key")) <= 6 and _words(kv.group("value")) <= 12:
        return "a pipeline's settings"  # under "Metadata", any short "key: value" is the pipeline's
    return ""


def _may_call_tool(line: str, low: str) -> bool:
    """Whether :data:`~.register_cues.TOOL_CALL` is worth searching ``line`` for (``low`` is it stripped
    and lowered). A bracket alone is not enough: the call shape needs a snake_case name too, and the
    worded shapes a "tool", "function", "api" or "web search" (an article's links and asides have
    brackets and none of them). The pattern ignores case, so a non-ASCII line with a bracket, where
    "ſ" or "ı" match "s" or "i", is always searched."""
    if "{" in line or "tool" in low or "function" in low or "api" in low:
        return True
    return ("(" in line or "[" in line) and ("_" in line or "web search" in low or not line.isascii())


def _machine_value(value: str) -> bool:
    """Whether a ``key: value`` pair's value is one only a machine writes: a dict, a model, a tool call."""
    return bool(value) and bool(
        rc.MACHINE_VALUE.search(value) or rc.MODEL_NAME.search(value) or rc.TOOL_CALL.search(value)
    )


def _label_only(line: str) -> bool:
    kv = rc.KEY_VALUE.fullmatch(line)
    return kv is not None and not kv.group("value").strip(" *_") and _words(kv.group("key")) <= 4


def check_agent_notes(ctx: CheckContext) -> Iterator[Finding]:
    """Notes of the agent or pipeline that wrote the text: its settings and parameters, model names,
    "Generated on" stamps, output file names, tool calls and progress logs."""
    notes_sections = {section.id for section in ctx.briefing.sections if _under_notes(section)}
    units = [
        u
        for u in ctx.units
        if u.section.id in notes_sections or _has_note_piece(u.normalised, len(u.normalised) <= 300)
    ]
    index = 0
    while index < len(units):
        unit = units[index]
        kinds = [_whole_note(unit)] if unit.item is not None else [""]
        end = index + 1
        while kinds[0] and end < len(units) and _next_item(unit, units[end], end - index):
            kind = _whole_note(units[end]) or (kinds[0] if _field_among_notes(units[end]) else "")
            if not kind:
                break
            kinds.append(kind)
            end += 1
        if end - index > 1:  # several items of one list, all notes: one finding, one fix
            yield _list_notes(units[index:end], kinds)
        else:
            yield from _unit_notes(unit)
        index = end
    yield from _notes_headings(ctx)


def _field_among_notes(unit: TextUnit) -> bool:
    """Whether a definition list's item is a field of the notes above it: a label alone, or a label with
    a short value that holds no figure ("Retrieval backend: dense_hybrid" under a "Generated at" stamp).
    A generator prints its settings together; a field with a figure is data and is never swept along."""
    block = unit.block
    if not isinstance(block, ListBlock) or unit.item is None or any(i.marker for i in block.items):
        return False
    item = block.items[unit.item]
    value = item.text.strip(" *_")
    if not item.term:
        return _label_only(item.text)
    return (
        len(value.split()) <= 3
        and not any(c.isdigit() for c in value)
        and not value.endswith((".", "?", "!"))
    )


def _next_item(first: TextUnit, later: TextUnit, step: int) -> bool:
    """Whether ``later`` is the item ``step`` places after ``first`` in the same list."""
    return later.block is first.block and first.item is not None and later.item == first.item + step


def _under_notes(section: Section) -> bool:
    """Whether a section's heading announces a generator's notes ("Metadata", "Run details")."""
    return bool(section.heading) and bool(rc.NOTES_HEADING.fullmatch(heading_words(section.heading)))


def _whole_note(unit: TextUnit) -> str:
    """The kind of note a unit is when all of it is one ("" otherwise)."""
    under_notes = _under_notes(unit.section)
    lines = _lines(unit.text)
    kinds = [note_kind(unit.text[a:b], under_notes) for a, b in lines]
    if not any(kinds) or not all(
        k or _label_only(unit.text[a:b]) for (a, b), k in zip(lines, kinds, strict=True)
    ):
        return ""
    return next(k for k in kinds if k)


def _short_kind(kind: str) -> str:
    """A note's kind without its article and its "…that generated it" (for a list of kinds)."""
    kind = kind.removeprefix("a ").removeprefix("an ")
    return kind.split(" for the tool")[0].split(" that generated")[0].split(" of the model")[0]


def _list_notes(members: list[TextUnit], kinds: list[str]) -> Finding:
    first = members[0]
    block = first.block
    whole = isinstance(block, ListBlock) and len(members) == len(block.items)
    target = Ref(first.section.id, block.id) if whole else first.target()
    distinct = list(dict.fromkeys(kinds))
    what = (
        distinct[0]
        if len(distinct) == 1
        else "notes of the tool that generated the text (" + ", ".join(_short_kind(k) for k in distinct) + ")"
    )
    return _finding(
        "text.agent-note",
        f"These {len(members)} list items are {what}, not part of the article: “{_clip(first.text)}” …",
        target,
        [
            _remove_fix(
                "Remove the notes",
                [_place(u) for u in members],
                True,
                "Removed notes left by the tool that generated the text.",
            )
        ],
    )


def _unit_notes(unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    under_notes = _under_notes(unit.section)
    lines = _lines(text)
    kinds = [note_kind(text[a:b], under_notes) for a, b in lines]
    if not any(kinds):
        if len(lines) == 1 and len(unit.sentences) > 1:
            yield from _sentence_notes(unit)
        return
    labels = [not k and _label_only(text[a:b]) for (a, b), k in zip(lines, kinds, strict=True)]
    if all(k or label for k, label in zip(kinds, labels, strict=True)):
        kind = next(k for k in kinds if k)
        target = unit.target()
        yield _finding(
            "text.agent-note",
            f"This is {kind}, not part of the article: “{_clip(text)}”.",
            target,
            [
                _remove_fix(
                    "Remove the note",
                    [_place(unit)],
                    True,
                    "Removed a note left by the tool that generated the text.",
                )
            ],
        )
        return
    run: list[int] = []
    for index, kind in enumerate([*kinds, ""]):
        if kind or (run and index < len(labels) and labels[index]):
            run.append(index)
            continue
        if run:
            start, end = lines[run[0]][0], lines[run[-1]][1]
            first = next(kinds[i] for i in run if kinds[i])
            yield _finding(
                "text.agent-note",
                f"This is {first}, not part of the article: “{_clip(text[start:end])}”.",
                unit.target(start, end),
                [
                    remove_span_fix(
                        "Remove the note",
                        unit.target(start, end),
                        text[start:end],
                        True,
                        "Removed a note left by the tool that generated the text.",
                        text=text,
                    )
                ],
            )
            run = []


def _sentence_notes(unit: TextUnit) -> Iterator[Finding]:
    """Notes among the sentences of a one-line unit; a run of them is one finding (and one fix)."""
    text = unit.text
    run: list[tuple[int, int, str]] = []
    for start, end in [*unit.sentences, (-1, -1)]:
        kind = note_kind(text[start:end]) if start >= 0 else ""
        if kind:
            run.append((start, end, kind))
            continue
        if not run:
            continue
        first, last = run[0][0], run[-1][1]
        target = unit.target(first, last)
        what = "These are" if len(run) > 1 else "This is"
        yield _finding(
            "text.agent-note",
            f"{what} {run[0][2]}, not part of the article: “{_clip(text[first:last])}”.",
            target,
            [
                remove_span_fix(
                    "Remove the note",
                    target,
                    text[first:last],
                    True,
                    "Removed a note left by the tool that generated the text.",
                    text=text,
                )
            ],
        )
        run = []


def _notes_headings(ctx: CheckContext) -> Iterator[Finding]:
    """A "Metadata" or "Configuration" heading over nothing but a generator's notes: it goes with them."""
    sections = ctx.briefing.sections
    for number, section in enumerate(sections):
        if not section.heading or not rc.NOTES_HEADING.fullmatch(heading_words(section.heading)):
            continue
        following = sections[number + 1] if number + 1 < len(sections) else None
        if following is not None and following.level > section.level:
            continue
        units = [unit for block in section.blocks for unit in _units_of_block(section, block)]
        if any(isinstance(b, Table) for b in section.blocks):
            continue
        notes = [u for u in units if any(note_kind(u.text[a:b], True) for a, b in _lines(u.text))]
        if len(notes) != len(units):
            continue
        places = [_place(u) for u in units]
        yield _finding(
            "text.agent-note",
            f"The heading “{section.heading}” introduces a generator's notes, not part of the article.",
            Ref(section.id),
            [
                _remove_fix(
                    "Remove the section",
                    places,
                    True,
                    "Removed a section of notes left by the tool that generated the text.",
                    sections=[section.id],
                )
            ],
        )


def _units_of_block(section: Section, block: Any) -> list[TextUnit]:
    if isinstance(block, ListBlock):
        return [TextUnit(section, block, i, item.full_text) for i, item in enumerate(block.items)]
    if isinstance(block, Paragraph):
        return [TextUnit(section, block, None, block.text)]
    return []


# --- hedges about "the context" -----------------------------------------------------------------------------

_SOURCE_NOUN = (
    r"(?:context|contexts|excerpt|excerpts|fragment|snippet|snippets|passage|passages|search results"
    r"|retrieved (?:documents|passages|sources|results|chunks)|provided (?:documents?|sources|materials?|text"
    r"|data|information|transcript)|given (?:documents?|sources|materials?|text|data|information)"
    r"|transcript excerpt|knowledge base)"
)
_CONTEXT_HEDGE = patterns.compile(
    # "No figures on X were provided in the context."
    rf"\b(?:was|were|is|are|has been|have been|being)\s+(?:not\s+)?(?:provided|given|supplied|mentioned"
    rf"|included"
    rf"|available|found|offered|specified|present|detailed|reported|covered)\s+(?:in|by|within"
    rf"|from)\s+(?:the|this"
    rf"|these|any of the)\s+(?:provided\s+|given\s+|available\s+|supplied\s+|retrieved\s+)?{_SOURCE_NOUN}"
    rf"(?:\s+(?:provided|given|supplied|available))?\s*[.!]?\s*$"
    # "The context indicates that …", "The provided documents do not …"
    rf"|^(?:however,\s*|but\s*|also,\s*)?the\s+(?:provided\s+|given\s+|available\s+|retrieved\s+"
    rf"|supplied\s+)?"
    rf"(?:context|excerpts?|fragment|snippets?|passages?|search results|documents provided|sources provided"
    rf"|provided (?:documents?|sources|materials?|text|data|information))\s+(?:also\s+)?(?:indicates?"
    rf"|suggests?"
    rf"|shows?|notes?|mentions?|states?|says|reports?|confirms?|highlights?|describes?|points to|reveals?"
    rf"|does not|doesn't|do not|don't|contains?|lacks?|offers?|provides?|gives?)\b"
    # "According to the context, …", "Based on the provided documents, …"
    rf"|\b(?:according to|based on|from|in|within|per|given)\s+the\s+(?:provided\s+|given\s+|available\s+"
    rf"|supplied\s+|retrieved\s+)?(?:context|excerpts?|snippets?|passages?|search results"
    rf"|provided (?:documents?"
    rf"|sources|materials?|text|data|information))\b(?:\s+(?:provided|given|supplied))?\s*,"
    # Spanish, German, French
    r"|\bno se (?:proporciona|proporcionan|menciona|mencionan|aprecia|aprecian|presenta|presentan|incluye"
    r"|incluyen|da|dan|ofrece|ofrecen|especifica|especifican|identifica|identifican|detalla|detallan"
    r"|observa|observan|encuentra|encuentran)\b[^.]*\b(?:en|de|del)\s+(?:el|este|la|esta|los|las)?\s*"
    r"(?:fragmento|contexto|texto|documento|v[ií]deo|transcripci[óo]n|segmento|extracto|material)\b"
    r"|\b(?:seg[úu]n|en|de acuerdo con) el (?:contexto|fragmento|texto) (?:proporcionado|dado|facilitado)\b"
    r"|\b(?:im|laut|gem[äa]ß dem) (?:bereitgestellten|gegebenen|vorliegenden|mitgelieferten) (?:kontext|text"
    r"|dokument|ausschnitt|material)\b|\bim kontext (?:werden|wird) (?:keine|nicht)\b"
    r"|\bdans (?:le|les) (?:contexte|texte|document|documents|extrait) (?:fourni|fournis|donn[ée]s?"
    r"|disponibles?)\b"
    r"|\bselon le contexte\b"
)
#: A reference whose "source" is the model's own input or knowledge ("[3] Context provided, 2025-05-01").
_PSEUDO_SOURCE = patterns.compile(
    r"(?:^|\n|\[\d+\]\s*|^\d+[.)]\s*)(?P<source>(?:the\s+)?(?:context(?: provided)?|provided context|internal"
    r" knowledge(?: base)?|general knowledge|model knowledge|training data|llm knowledge|ai knowledge"
    r"|(?:web )?search results|retrieved (?:documents|context|passages)|contexto proporcionado"
    r"|base de conocimiento interna|conocimiento general))\b\s*(?:[,.:(–-]|$)",
    re.IGNORECASE,
)
_NEXT_REFERENCE = patterns.compile(r"\s\[\d+\]\s|\n")
_LEAD_IN_CLAUSE = patterns.compile(
    r"^(?P<lead>(?:however,\s*|but\s*|also,\s*)?the\s+(?:provided\s+|given\s+|available\s+)?(?:context"
    r"|excerpts?"
    r"|snippets?|passages?|search results|provided (?:documents?|sources|text|data"
    r"|information))\s+(?:also\s+)?"
    r"(?:indicates?|suggests?|shows?|notes?|mentions?|states?|says|reports?|confirms?|highlights?|reveals?)"
    r"\s+(?:that\s+)?|(?:according to|based on|from|per)\s+the\s+(?:provided\s+|given\s+)?(?:context"
    r"|excerpts?"
    r"|snippets?|passages?|search results|provided (?:documents?|sources|text|data|information))"
    r"(?:\s+(?:provided|given))?\s*,\s*)"
)


#: Words a remark about the model's material needs (substring tests before any pattern).
_HEDGE_PIECES = (
    "context",
    "rovided",
    "given",
    "upplied",
    "etrieved",
    "xcerpt",
    "nippet",
    "assage",
    "ragment",
    "nowledge",
    "search result",
    "texto",
    "ocumento",
    "ranscrip",
    "kontext",
    "bereitgestellt",
    "fourni",
    "proporcion",
)


def check_context_hedges(ctx: CheckContext) -> Iterator[Finding]:
    """Sentences that talk about "the context" or "the provided documents" a model was handed, and
    references whose source is that context (or the model's own knowledge)."""
    for unit in ctx.units:
        text = unit.text
        if not any(map(unit.normalised.__contains__, _HEDGE_PIECES)):
            continue
        low = rc.lowered(text)
        cited = False
        for found in _PSEUDO_SOURCE.finditer(low):
            start = found.start("source")
            following = _NEXT_REFERENCE.search(text, found.end())
            end = len(text.rstrip()) if following is None else following.start()
            if found.group(0)[:1] == "[":
                start = found.start()
            cited = True
            yield _finding(
                "text.context-hedge",
                f"This reference cites the model's own input, not a source a reader can check: "
                f"“{_clip(text[start:end])}”.",
                unit.target(start, end),
            )
        if cited:
            continue
        for start, end in unit.sentences:
            sentence = low[start:end]
            if _CONTEXT_HEDGE.search(sentence) is None:
                continue
            target = unit.target(start, end)
            lead = _LEAD_IN_CLAUSE.match(sentence)
            if lead is not None and lead.end() < len(sentence.rstrip(" .")):
                rest = text[start + lead.end() : end]
                fix = replace_span_fix(
                    "Remove the reference to “the context”",
                    target,
                    text[start:end],
                    rest[:1].upper() + rest[1:],
                    False,
                    "Removed a model's reference to the material it was given.",
                    text=text,
                )
            else:
                fix = remove_span_fix(
                    "Remove the sentence",
                    target,
                    text[start:end],
                    False,
                    "Removed a model's remark on the material it was given.",
                    text=text,
                )
            yield _finding(
                "text.context-hedge",
                f"This speaks of the material a model was given, not of the world: "
                f"“{_clip(text[start:end])}”; say what is known, and from which source.",
                target,
                [fix],
            )


# --- data labelled as made up -------------------------------------------------------------------------------

_FAKE = (
    r"(?:simulated|illustrative|hypothetical|fictional|fictitious|made-up|made up|invented|dummy|mock"
    r"|placeholder)"
)
_DATA = (
    r"(?:data|dataset|data set|figures?|numbers?|values?|statistics|stats|results|estimates|amounts|prices"
    r"|rates|entries|rows|table|chart|projections?|scores|percentages)"
)
_SIMULATED = patterns.compile(
    rf"\b{_FAKE}\s+(?:\w+\s+)?{_DATA}\b"
    rf"|\b{_DATA}\b[^.;]{{0,60}}\b(?:are|is|were|was|remain)\s+(?:purely\s+|only\s+|entirely\s+|just\s+"
    rf"|for now\s+)?"
    rf"(?:illustrative|hypothetical|fictional|fictitious|simulated|made[- ]up|invented|not real|placeholders?"
    rf"|examples?|for illustration)\b"
    r"|\b(?:for|purely for|only for|used for)\s+(?:illustrati(?:ve|on)|demonstration|example)(?:\s+purposes)?"
    r"(?:\s+only)?\b"
    r"|\bpurely illustrative\b|\billustrative only\b|\bnot (?:real|actual|verified) (?:data|figures"
    r"|numbers|values"
    r"|statistics)\b|\breplace(?:d)? (?:these |this |them |the (?:figures|data|values|numbers) )?with (?:real"
    r"|actual|verified|up-to-date) (?:data|figures|numbers|values|statistics)\b"
    r"|\bdatos (?:simulados|ficticios|hipot[ée]ticos|ilustrativos|inventados)\b|\bcon fines ilustrativos\b"
    r"|\bcifras (?:ficticias|ilustrativas|hipot[ée]ticas|inventadas)\b"
    r"|\b(?:fiktive|simulierte|hypothetische|illustrative|erfundene) (?:daten|zahlen|werte)\b"
    r"|\bzur veranschaulichung\b|\bdonn[ée]es (?:fictives|simul[ée]es|hypoth[ée]tiques|illustratives)\b"
    r"|\bchiffres (?:fictifs|illustratifs|hypoth[ée]tiques)\b|\b[àa] titre (?:illustratif|d'exemple)\b"
)
#: Words one of those phrases needs (substring tests on the unit's normalised text, before any pattern).
_FAKE_HINTS = (
    "illustr",
    "ilustr",
    "hypoth",
    "hipot",
    "simul",
    "ficti",
    "fiktiv",
    "made-up",
    "made up",
    "invent",
    "dummy",
    "mock",
    "placeholder",
    "demonstr",
    "not real",
    "not actual",
    "replace",
    "veranschaul",
    "titre",
)


def _may_be_fake(low: str) -> bool:
    return any(map(low.__contains__, _FAKE_HINTS))


def check_simulated_data(ctx: CheckContext) -> Iterator[Finding]:
    """Figures the text itself calls simulated, illustrative, hypothetical or made up."""
    rule = "text.simulated-data"
    for unit in ctx.units:
        if not _may_be_fake(unit.normalised):
            continue
        low = rc.lowered(unit.text)
        for start, end in unit.sentences:
            found = _SIMULATED.search(low, start, end)
            if found is None:
                continue
            yield _finding(
                rule,
                f"The text says its data are not real (“{unit.text[found.start() : found.end()]}”): "
                "find real figures with a source, or leave them out.",
                unit.target(start, end),
            )
    for section, table in ctx.tables:
        if not _may_be_fake((ctx.table_text[table.id] + table.caption).lower()):
            continue
        if table.caption and _SIMULATED.search(table.caption.lower()):
            yield _finding(
                rule,
                f"The table's caption says its data are not real: “{_clip(table.caption)}”.",
                Ref(section.id, table.id),
            )
        for row, cells in enumerate([table.header, *table.rows], start=HEADER_ROW):
            for column, cell in enumerate(cells):
                if cell and _may_be_fake(cell.lower()) and _SIMULATED.search(cell.lower()):
                    yield _finding(
                        rule,
                        f"The cell “{_clip(cell, 40)}” says the table's data are not real.",
                        Ref(section.id, table.id, row=row, column=column),
                    )


# --- prompts ------------------------------------------------------------------------------------------------

_RESEARCH_OBJECT = patterns.compile(
    r"^\S+(?: \S+)? (?:how|why|what|whether|which|who|when|where|to what extent|the extent)\b"
    r"|\b(?:the|its|their|how|why|what|whether|which|who|key|main|recent|current|latest|potential|possible"
    r"|likely|strategic|economic|global)\b[^\n]{0,160}?\b(?:impact|impacts|effect|effects|implications?|consequences?"
    r"|role|state|history|causes?|risks?|outlook|future|situation|relationship|ways?|evolution|developments?"
    r"|trends?|drivers?|dynamics|landscape|options?|prospects?|challenges?|benefits?|costs?|changes?|response"
    r"|responses|policy|policies|strategy|strategies|influence)\b"
    r"|\b(?:of|on|for|in|between) [\w-]+(?: [\w-]+){0,6} (?:on|for|in|between|and) \b"
    r"|\bimpacto|\bimplicaciones|\bauswirkungen|\bfolgen\b|\bcons[ée]quences|\beffets?\b"
)
_LIMIT_NOTE = patterns.compile(
    r"\(\s*(?:(?:≤|<=|<|max(?:imum)?\.?|at most|up to|no more than|hasta|m[áa]x(?:imo)?\.?|h[öo]chstens"
    r"|maximal"
    r"|au plus)\s*\d+\s*(?:words?|palabras|w[öo]rter|mots|characters|caracteres|zeichen|sentences?|frases)"
    r"|\d+\s*(?:words?|palabras|w[öo]rter|mots)\s*(?:max(?:imum)?|or (?:less|fewer)|o menos)\.?)\s*\)",
    re.IGNORECASE,
)


def check_prompts(ctx: CheckContext) -> Iterator[Finding]:
    """The prompt or instructions the text was generated from, left in it: a request standing before the
    article, text under a "Query" or "Prompt" heading or label, a model's role line ("You are a…"),
    instructions to the model, and length limits from the prompt left in labels."""
    units = _ordered_units(ctx)
    if not units:
        return
    prompt_sections = _prompt_sections(ctx)
    done: set[tuple[str, int | None]] = set()
    for section, members, whole in prompt_sections:
        places = [_place(u) for u in members]
        done.update((u.block.id, u.item) for u in members)
        yield _finding(
            "text.prompt",
            f"This is the prompt the text was generated from (under “{heading_of(ctx, section)}”), not "
            f"part of the article: “{_clip(members[0].text)}”.",
            members[0].target(),
            [
                _remove_fix(
                    "Remove the prompt",
                    places,
                    True,
                    "Removed the prompt a model was given.",
                    sections=[section.id] if whole and section.heading else [],
                    title="" if section.heading else ctx.briefing.meta.title,
                )
            ],
        )
    lede = _lede_units(ctx, units)
    prompt_lede = (
        0 < lede <= 3
        and all(_prompt_like(units[i], _low(ctx, units[i])) for i in range(lede))
        and any(rc.IMPERATIVE.match(_low(ctx, units[i]).strip()) for i in range(lede))
    )
    for index, unit in enumerate(units):
        if (unit.block.id, unit.item) in done:
            continue
        head = unit.normalised.lstrip(" *_\"'")
        maybe = (
            (prompt_lede and index < lede)
            or any(map(unit.normalised.__contains__, _MARKER_PIECES))
            or rc.IMPERATIVE.match(head) is not None
            or rc.ROLE_LINE.match(head) is not None
            or rc.PROMPT_LABEL.match(head) is not None
            or rc.QUESTION_LABEL.match(head) is not None
        )
        reference = any(piece in unit.normalised for piece in ("quer", "prompt", "request", "instruction"))
        low = _low(ctx, unit) if maybe or reference else ""
        kind, safe = _prompt_kind(unit, low, index, lede) if maybe else ("", False)
        if not kind and prompt_lede and index < lede:
            kind, safe = "a request to a model standing before the article", True
        if kind:
            yield _finding(
                "text.prompt",
                f"This is {kind}, not part of the article: “{_clip(unit.text)}”.",
                unit.target(),
                [
                    _remove_fix(
                        "Remove the prompt", [_place(unit)], safe, "Removed the prompt a model was given."
                    )
                ],
            )
            continue
        if "(" in unit.text:
            for found in _LIMIT_NOTE.finditer(unit.text):
                target = unit.target(found.start(), found.end())
                yield _finding(
                    "text.prompt",
                    f"“{found.group(0)}” is a length limit from the prompt, left in the text.",
                    target,
                    [
                        remove_span_fix(
                            "Remove the limit",
                            target,
                            found.group(0),
                            True,
                            "Removed a length limit left from the prompt.",
                            text=unit.text,
                        )
                    ],
                )
        if reference:
            for start, end in unit.sentences:
                if rc.PROMPT_REFERENCE.search(low, start, end):
                    yield _finding(
                        "text.prompt",
                        f"This sentence quotes the request the text was written for: "
                        f"“{_clip(unit.text[start:end])}”; say what the article is about instead.",
                        unit.target(start, end),
                    )


def _lede_units(ctx: CheckContext, units: list[TextUnit]) -> int:
    """How many units stand before the article's first heading (at most three count as its opening)."""
    first_heading = next((s for s in ctx.briefing.sections if s.heading), None)
    count = 0
    for unit in units:
        if first_heading is not None and unit.section is first_heading:
            break
        if unit.section.heading:
            break
        count += 1
    return count


_MARKER_PIECES = ("instruc", "prompt", "inst]", "<|im", "<<sys", "###", "note to", "original")


def _prompt_kind(unit: TextUnit, low: str, index: int, lede: int) -> tuple[str, bool]:
    """What kind of prompt a unit is ("" for none) and whether removing it is safe."""
    body = low.strip()
    if not body:
        return "", False
    if any(map(body.__contains__, _MARKER_PIECES)) and rc.PROMPT_MARKER.search(body):
        return "an instruction to the model, left in the text", True
    opening = index < 3
    role = rc.ROLE_LINE.match(body)
    if role is not None:
        rest = body[role.end() :]
        after = next((body[a:b].strip() for a, b in unit.sentences if a >= role.end()), "")
        if rc.ROLE_TASK.search(rest) or rc.TASK.search(rest) or rc.IMPERATIVE.match(after):
            return "the role a model was given (“You are …”)", True
    label = rc.PROMPT_LABEL.match(body)
    if label is not None:
        rest = body[label.end() :]
        if rest and (
            opening
            or rc.TASK.search(rest)
            or rc.SECOND_PERSON.search(rest)
            or rc.IMPERATIVE.match(rest)
            and _RESEARCH_OBJECT.search(rest)
        ):
            return "the prompt the text was generated from", True
    question = rc.QUESTION_LABEL.match(body)
    if question is not None and index < 2 and "?" in body:
        return "the question the text was generated for", False
    imperative = rc.IMPERATIVE.match(body)
    if imperative is None or rc.FIRST_PERSON.search(body):
        return "", False
    task = rc.TASK.search(body)
    if task is not None and (opening or rc.SECOND_PERSON.search(body)):
        return "the prompt the text was generated from", True
    if index < lede and lede <= 2 and index == 0 and _words(body) <= 120 and _RESEARCH_OBJECT.search(body):
        sentences = [body[a:b] for a, b in unit.sentences]
        if all(rc.IMPERATIVE.match(s.strip()) or not s.strip() for s in sentences[:2]):
            return "a request to a model standing before the article", lede == 1
    return "", False


def _prompt_like(unit: TextUnit, low: str) -> bool:
    """Whether a unit reads as part of a prompt: a role line, a bare imperative about the output or a
    research question, a task instruction, a label for the request."""
    body = low.strip()
    if rc.ROLE_LINE.match(body) or rc.PROMPT_LABEL.match(body) or rc.PROMPT_MARKER.search(body):
        return True
    if rc.FIRST_PERSON.search(body):
        return False
    return bool(rc.IMPERATIVE.match(body) and (_RESEARCH_OBJECT.search(body) or rc.TASK.search(body)))


def _prompt_sections(ctx: CheckContext) -> list[tuple[Section, list[TextUnit], bool]]:
    found = []
    sections = ctx.briefing.sections
    by_section: dict[str, list[TextUnit]] = {}
    for unit in ctx.units:
        by_section.setdefault(unit.section.id, []).append(unit)
    for number, section in enumerate(sections):
        words = heading_words(heading_of(ctx, section))
        if not words or not rc.PROMPT_HEADING.fullmatch(words):
            continue
        members = by_section.get(section.id, [])
        if not members or any(isinstance(b, Table) for b in section.blocks):
            continue
        if not all(_reads_as_prompt(_lowered_unit(ctx, u)) for u in members):
            continue
        following = sections[number + 1] if number + 1 < len(sections) else None
        found.append((section, members, following is None or following.level <= section.level))
    return found


def _lowered_unit(ctx: CheckContext, unit: TextUnit) -> str:
    return _low(ctx, unit)


def _reads_as_prompt(low: str) -> bool:
    body = low.strip()
    return bool(
        rc.IMPERATIVE.match(body)
        or rc.TASK.search(body)
        or rc.ROLE_LINE.match(body)
        or (body.endswith("?") and not rc.FIRST_PERSON.search(body))
        or rc.PROMPT_LABEL.match(body)
    )


# --- chatter at the article's edges, and against its register -----------------------------------------------

_REFERENCES = patterns.compile(
    r"(?:sources?|references?|notes|bibliography|further reading|citations|fuentes"
    r"|referencias|quellen|literatur|r[ée]f[ée]rences)"
)


def check_chatter_in_context(ctx: CheckContext) -> Iterator[Finding]:
    """Chatter that only its place gives away: a lead-in, a greeting or an affirmation opening the text,
    a question or suggestion to the reader closing it, a knowledge-cutoff date opening the article, and
    a sentence to "you" about the text itself inside an article that never speaks to its reader."""
    units = _ordered_units(ctx)
    if not units:
        return
    edges = _edges(ctx, units)
    third_person = None
    opening_unit = _first_article_unit(ctx, units)
    for index, unit in enumerate(units):
        at_edge = index in edges
        if not at_edge and "you" not in unit.normalised:
            continue
        low = _low(ctx, unit)
        if not at_edge and (not rc.SECOND_PERSON.search(low)):
            continue
        if third_person is None:
            third_person = _third_person(ctx, units, edges)
        run: list[tuple[int, int, str]] = []
        found = False
        for number, (start, end) in enumerate([*unit.sentences, (-1, -1)]):
            kind = ""
            if start >= 0:
                kind = _context_chatter(low, start, end, at_edge, third_person, index == 0 and number == 0)
            if kind:
                run.append((start, end, kind))
                continue
            if run:
                yield _chatter(unit, run)
                run = []
                found = True
        if at_edge and not found and _edge_unit_is_chatter(ctx, unit, low):
            yield _chatter(unit, [(unit.sentences[0][0], unit.sentences[-1][1], _edge_kind(low))])
        if index == opening_unit and unit.sentences:
            yield from _dated_opening(unit, low)


def _first_article_unit(ctx: CheckContext, units: list[TextUnit]) -> int:
    """The index of the unit the article itself opens with: the first that is not all chatter."""
    for index, unit in enumerate(units[:4]):
        low = _low(ctx, unit)
        if not all(
            chatter_kind(unit.text[a:b]) or _context_chatter(low, a, b, True, False, index == 0 and a == 0)
            for a, b in unit.sentences
        ):
            return index
    return 0


def _edges(ctx: CheckContext, units: list[TextUnit]) -> set[int]:
    """Indexes of the units at the start and the end of the text (the end before trailing references)."""
    edges = {0, 1}
    last = len(units) - 1
    edges.update({last, last - 1})
    for index in range(len(units) - 1, 0, -1):  # the last units before a trailing "Sources" section
        words = heading_words(units[index].section.heading)
        if not _REFERENCES.fullmatch(words or "-"):
            if index != last:
                edges.update({index, index - 1})
            break
    return {i for i in edges if 0 <= i <= last}


def _third_person(ctx: CheckContext, units: list[TextUnit], edges: set[int]) -> bool:
    """Whether the article never speaks to its reader: hardly any block of its body (the edges, where
    chatter sits, left out) says "you"."""
    body = [u for i, u in enumerate(units) if i not in edges]
    if len(body) < 4:
        return False
    speaking = sum(1 for u in body if "you" in u.text.lower() and rc.SECOND_PERSON.search(_low(ctx, u)))
    return speaking * 10 <= len(body)


#: Whom a speech greets ("Good morning, everyone", "Excellencies, ladies and gentlemen"): a speech's
#: opening, not a chatbot's.
_SPEECH = patterns.compile(
    r"\b(?:everyone|everybody|ladies|gentlemen|excellenc\w*|distinguished|honou?red|delegates"
    r"|members|colleagues|friends|all of you)\b"
)


#: "Happy to put that together!": the assistant's "I'm" left out.
_ELLIPTICAL_OFFER = patterns.compile(
    r"(?:(?:more than |very |always )?(?:happy|glad|delighted|pleased)|thrilled) to\b"
)


def _context_chatter(low: str, start: int, end: int, at_edge: bool, third_person: bool, opening: bool) -> str:
    """The kind of chatter ``low[start:end]`` is given where it stands ("" for none, or for chatter the
    block check already reports)."""
    sentence = low[start:end].strip()
    if not sentence or chatter_kind(sentence):
        return ""
    if opening or at_edge:
        body = sentence.lstrip("¡¿ ")
        # "Good morning, everyone." opens a speech too; in an article that never speaks to its reader
        # a greeting can only be the chatbot's.
        if (
            rc.GREETING.match(body)
            and _words(body) <= 14
            and not _SPEECH.search(body)
            and (third_person or opening)
        ):
            return "greeting"
        if rc.SIGN_OFF.match(body) and _words(body) <= 14:
            return "sign-off"
        if at_edge and body.endswith("!") and _words(body) <= 12 and rc.SECOND_PERSON.search(body):
            return "sign-off"
        if opening and _ELLIPTICAL_OFFER.match(body):
            return "lead-in"
        affirmed = rc.AFFIRMATION.match(body)
        if affirmed is not None and opening and _words(body) <= 20:
            return "lead-in"
        if affirmed is not None:
            body = body[affirmed.end() :].lstrip(" !.,:;—–-")
        if rc.LEAD_IN.match(body) and (body.endswith(":") or rc.SECOND_PERSON.search(body) or opening):
            return "lead-in"
    cues = rc.cues(low, start, end)
    if not cues.assistant or not (cues.you or cues.me) or cues.score < 3:
        return ""
    # Three cues of its own, and a place that gives it away: the edge of the text, or a "you" in an
    # article that otherwise never speaks to its reader.
    score = cues.score + at_edge + (third_person and cues.you)
    if score < 4:
        return ""
    if cues.question:
        return "question back to the reader"
    if cues.offer or cues.preference:
        return "offer of more help"
    return "aside to the reader"


def _edge_unit_is_chatter(ctx: CheckContext, unit: TextUnit, low: str) -> bool:
    """A short block at the edge whose sentences share the cues between them ("Curious how this plays
    out? I could sketch a few scenarios for you."): the assistant speaking to the reader, as a whole."""
    if not unit.sentences or len(unit.sentences) > 3 or _words(unit.text) > 60:
        return False
    if any(chatter_kind(unit.text[a:b]) for a, b in unit.sentences):
        return False  # the block check reports it
    cues = rc.cues(low)
    return cues.you and (cues.me or cues.ask_back or cues.offer) and cues.score >= 4


def _edge_kind(low: str) -> str:
    cues = rc.cues(low)
    return "question back to the reader" if cues.question else "offer of more help"


def _chatter(unit: TextUnit, run: list[tuple[int, int, str]]) -> Finding:
    start, end = run[0][0], run[-1][1]
    text = unit.text[start:end]
    target = unit.target(start, end)
    what = "This paragraph is" if _whole(unit, start, end) and unit.item is None else "This is"
    return _finding(
        "text.chatbot",
        f"{what} a chatbot's {run[0][2]}, not part of the article: “{_clip(text)}”.",
        target,
        [
            remove_span_fix(
                "Remove the chatbot text",
                target,
                text,
                True,
                "Removed text left over from a chatbot conversation.",
                text=unit.text,
            )
        ],
    )


def _dated_opening(unit: TextUnit, low: str) -> Iterator[Finding]:
    start, end = unit.sentences[0]
    found = rc.DATED_OPENING.match(low, start, end)
    if found is None or found.end() >= end:
        return
    rest = unit.text[found.end() : end]
    target = unit.target(start, end)
    yield _finding(
        "text.chatbot",
        f"“{unit.text[start : found.end()].strip()}” opening the article is how a chatbot dates what it "
        "knew; the facts need a date from a real source.",
        target,
        [
            replace_span_fix(
                "Remove the hedge",
                target,
                unit.text[start:end],
                rest[:1].upper() + rest[1:],
                False,
                "Removed a chatbot's knowledge-cutoff hedge.",
                text=unit.text,
            )
        ],
    )


# --- no article at all --------------------------------------------------------------------------------------

#: In a text that has placeholders, a block that is all one bracketed phrase is a slot too ("[Point one]").
_LOOSE_SLOT = patterns.compile(r"\[[^\[\]\n]{2,80}\]|<[^<>\n]{2,80}>|\{[^{}\n]{2,80}\}|TB[DCA]\.?")

#: Longer texts are articles, or at least more than a request for input; they are not weighed.
_NO_ARTICLE_MAX_WORDS = 600


def check_no_article(ctx: CheckContext) -> Iterator[Finding]:
    """A text that is no article: a chatbot asking for input, questions for the reader to answer, an
    empty template. One error says so (``convert`` refuses such a text)."""
    units = ctx.units
    total = 0
    for unit in units:
        total += len(unit.words)
        if total > _NO_ARTICLE_MAX_WORDS:
            return
    cells = [cell for _, t in ctx.tables for row in [t.header, *t.rows] for cell in row if cell.strip()]
    total += sum(_words(c) for c in cells)
    if total > _NO_ARTICLE_MAX_WORDS:
        return
    headings = [s.heading for s in ctx.briefing.sections if s.heading.strip()]
    if not units and not cells:
        if (
            len(headings) >= 2
            or any(is_placeholder_only(h) for h in headings)
            or ctx.briefing.meta.title
            and headings
        ):
            yield _finding(
                "text.no-article", "This is no article: there are headings and nothing under them.", Ref()
            )
        return
    article = 0
    asks = 0
    questions = 0
    slots = 0
    residue = 0
    first_ask = ""
    placeholders = sum(1 for u in units if is_placeholder_only(u.text))
    for unit in units:
        low = _low(ctx, unit)
        loose = _LOOSE_SLOT.fullmatch(unit.text.strip()) is not None and placeholders > 0
        if is_placeholder_only(unit.text) or loose:
            slots += 1
            residue += _words(unit.text)
            continue
        for start, end in unit.sentences:
            sentence = low[start:end].strip()
            count = _words(sentence)
            if not sentence:
                continue
            cues = rc.cues(low, start, end)
            asking = rc.REQUEST.search(sentence) or (
                cues.question and (cues.you or unit.item is not None or cues.me)
            )
            if asking:
                asks += 1
                questions += cues.question
                residue += count
                first_ask = first_ask or unit.text[start:end]
            elif (
                chatter_kind(sentence)
                or _context_chatter(low, start, end, True, False, start == unit.sentences[0][0])
                or (cues.assistant and cues.score >= 3)
                or rc.TASK.search(sentence)
            ):
                residue += count
            else:
                article += count
    article += sum(_words(c) for c in cells if not is_placeholder_only(c))
    slots += sum(1 for c in cells if is_placeholder_only(c))
    # Positive evidence is needed: requests for input or empty slots, or nothing at all but residue. A
    # short note with one chatbot line ("The talks resumed. I hope this helps!") is still an article.
    evidence = (
        asks >= 2 or slots >= 2 or (asks + slots >= 1 and article == 0) or (article == 0 and residue > 0)
    )
    if article >= 15 or not evidence:
        return
    if questions >= 3 and asks >= slots:
        why = f"it is a list of {questions} questions for the reader to answer"
    elif asks:
        why = f"it is a chatbot asking for input (“{_clip(first_ask, 60)}”)"
    elif slots:
        why = "it is an empty template: headings and placeholders"
    else:
        why = "it is only a chatbot's talk"
    yield _finding(
        "text.no-article",
        f"This is no article: {why}. There is nothing here to brief on.",
        Ref(),
    )


# --- the fix ------------------------------------------------------------------------------------------------


def remove_places(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove each place still holding the text expected there — whole paragraphs, list items or tables,
    or spans of them — then the sections listed if nothing is left under them."""
    removed: list[str] = []
    first: Ref | None = None
    places = list(params.get("places", []))
    # Later places first within a block, so earlier offsets and item numbers stay right.
    places.sort(
        key=lambda p: (p.get("item") if p.get("item") is not None else -1, p.get("start") or 0), reverse=True
    )
    for place in places:
        block = edit.block(place["block_id"])
        if block is None:
            continue
        where = Ref(place.get("section_id", ""), block.id, item=place.get("item"))
        if place.get("block"):
            if block_text(block) != place["expected"]:
                continue
            edit.remove_block(block.id)
            removed.append(place["expected"])
            first = first or where
            continue
        text = unit_text(block, place.get("item"))
        if text is None:
            continue
        assert isinstance(block, Paragraph | ListBlock)
        if "start" not in place:
            if text != place["expected"]:
                continue
            item = place.get("item")
            if isinstance(block, ListBlock) and item is not None and len(block.items) > 1:
                edit.remove_item(block, item)
            else:
                edit.remove_block(block.id)
            removed.append(text)
            first = first or where
            continue
        span = locate(text, place)
        if span is None:
            continue
        start, end = span
        rest = text[:start] + text[end:]
        if not rest.strip(" \t\n,;:–—-*_"):
            item = place.get("item")
            if isinstance(block, ListBlock) and item is not None and len(block.items) > 1:
                edit.remove_item(block, item)
            else:
                edit.remove_block(block.id)
        else:
            while end < len(text) and text[end] in " \t\n":
                end += 1
            edit.replace_text(block, place.get("item"), start, end, "")
        removed.append(place["expected"])
        first = first or where
    for section_id in params.get("sections", []):
        section = edit.section(section_id)
        if section is None or section.blocks:
            continue
        sections = edit.briefing.sections
        number = sections.index(section)
        following = sections[number + 1] if number + 1 < len(sections) else None
        if following is not None and following.level > section.level:
            continue
        removed.append(section.heading)
        edit.remove_section(section)
        first = first or Ref(section_id)
    title = params.get("title")
    if title and removed and edit.briefing.meta.title == title:
        edit.set_value(Ref("", "", field="meta.title"), "")
        removed.append(title)
    if not removed or first is None:
        return None
    return Outcome(first, "\n".join(reversed(removed)), "", params["note"])


# --- labels a program made from its field names ----------------------------------------------------------

#: Acronyms as a program's title-casing writes them ("us_export_change" → "Us Export Change"), in the
#: languages we read; a person writes "US", "PIB", "BIP".
_MISCASED_ACRONYMS = {
    "Us": "US",
    "Uk": "UK",
    "Eu": "EU",
    "Gdp": "GDP",
    "Imf": "IMF",
    "Usd": "USD",
    "Eur": "EUR",
    "Co2": "CO2",
    "Eeuu": "EE. UU.",
    "Ue": "UE",
    "Pib": "PIB",
    "Fmi": "FMI",
    "Bip": "BIP",
    "Ezb": "EZB",
    "Iwf": "IWF",
}
#: Small words that title-casing capitalises and people do not, inside a label ("Rate Of Change").
_CAPITALISED_SMALL = frozenset(
    "Of And Or For To On In At By The Per Vs De Del La Las Los El Y En Por Para Con Der Die Das Des Und "
    "Von Im Am Zum Zur Für Mit Pro".split()
)


def field_label(text: str) -> tuple[int, str] | None:
    """Where a "Label: value" text's label ends and how a person would write it, when the label is a
    program's field name title-cased: every word capitalised, and an acronym written "Us" or "Pib", or a
    small word capitalised inside it ("Rate Of Change"). ``None`` for a label a person wrote."""
    head, sep, value = text.partition(":")
    if not sep or not value.strip() or len(value.split()) > 12:
        return None
    words = head.strip().split(" ")
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w[1:] == w[1:].lower() for w in words):
        return None
    if not all(w.isalnum() for w in words):
        return None
    acronym = any(w in _MISCASED_ACRONYMS for w in words)
    small = any(w in _CAPITALISED_SMALL for w in words[1:])
    if not (acronym or small):
        return None
    # Only what the title-casing broke is mended: acronyms, and small words inside (German nouns keep
    # their capitals, so other words stay as written).
    fixed = [
        _MISCASED_ACRONYMS.get(w, w.lower() if i and w in _CAPITALISED_SMALL else w)
        for i, w in enumerate(words)
    ]
    return len(head.rstrip()), " ".join(fixed)


def check_field_labels(ctx: CheckContext) -> Iterator[Finding]:
    """List items and short paragraphs labelled with a program's field names ("Us Export Change: -8%"):
    the generator printed its data's keys. The value is data, so nothing is removed; the fix rewrites
    the label as a person would, and is not safe (a label is words the analyst may want otherwise)."""
    for unit in ctx.units:
        text = unit.text
        if ":" not in text or len(text) > 160:
            continue
        found = field_label(text)
        if found is None:
            continue
        end, label = found
        start = len(text) - len(text.lstrip())
        target = unit.target(start, end)
        old = text[start:end]
        yield _finding(
            "text.agent-note",
            f"“{old}” is a field name of the program that generated the text, title-cased, not a label "
            f"a person wrote; it would read “{label}”.",
            target,
            [
                replace_span_fix(
                    f"Write “{label}”",
                    target,
                    old,
                    label,
                    False,
                    "Rewrote a label made from a program's field name.",
                    text=text,
                )
            ],
        )


ACTIONS = {"residue.remove": remove_places}
CHECKS = [
    check_reasoning,
    check_agent_notes,
    check_context_hedges,
    check_simulated_data,
    check_prompts,
    check_chatter_in_context,
    check_no_article,
    check_field_labels,
]
#: The checks that read one block alone (and its section's heading).
BLOCK_CHECKS = [check_agent_notes, check_context_hedges, check_simulated_data, check_field_labels]
REPORTS: dict[Callable[[CheckContext], Iterable[Finding]], frozenset[str]] = {
    check_reasoning: frozenset({"text.reasoning"}),
    check_agent_notes: frozenset({"text.agent-note"}),
    check_context_hedges: frozenset({"text.context-hedge"}),
    check_simulated_data: frozenset({"text.simulated-data"}),
    check_prompts: frozenset({"text.prompt"}),
    check_chatter_in_context: frozenset({"text.chatbot"}),
    check_no_article: frozenset({"text.no-article"}),
    check_field_labels: frozenset({"text.agent-note"}),
}

"""No regular expression that reads user text backtracks catastrophically.

Every compiled pattern at module level in the modules below (found by looking at their globals, so a new
pattern is covered without being listed) and the patterns built at run time is run over adversarial
text: 100,000-character runs of each character regular expressions treat specially, and of the
combinations that used to blow up (``[`` runs, ``{{<`` and ``<p`` runs, ``# a`` + spaces + ``x``).
``findall`` tries every start position, as a failing ``search`` does. Each call must finish within a
generous deadline: a linear pattern takes milliseconds; a quadratic one takes seconds to minutes.

Then the whole import → checks → safe fixes pipeline runs on a few such texts, under a deadline too.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.checks import apply_safe_fixes, people, run_checks
from briefing.checks.leaders import load_leaders
from briefing.importing import import_text

#: Modules whose patterns read article text, project text or cell text. Every checks module that
#: compiles a pattern is here, except the residue ones (register_cues, residue), which
#: tests/core/test_checks_residue_regex.py holds to a tighter deadline on shorter texts;
#: test_every_checks_module_with_patterns_is_tested keeps the list complete.
MODULES = [
    "briefing.checks.artifacts",
    "briefing.checks.preview",
    "briefing.checks.citations",
    "briefing.checks.columns",
    "briefing.checks.consistency",
    "briefing.checks.descriptions",
    "briefing.checks.entities",
    "briefing.checks.events",
    "briefing.checks.quantities",
    "briefing.checks.shares",
    "briefing.checks.context",
    "briefing.checks.duplicates",
    "briefing.checks.imported",
    "briefing.checks.people",
    "briefing.checks.spans",
    "briefing.checks.tables",
    "briefing.checks.text",
    "briefing.checks.values",
    "briefing.editing.runs",
    "briefing.editing.search",
    "briefing.importing.enrich",
    "briefing.importing.lines",
    "briefing.importing.pipe_tables",
    "briefing.importing.plaintext",
    "briefing.places",
    "briefing.kinds",
    "briefing.importing.markdown",
    "briefing.encodings",
    "briefing.export.layout",
    "briefing.export.ooxml",
    "briefing.migration",
    "briefing.validation",
    "briefing.atomic",
    "briefing.safekeeping",
]
LENGTH = 100_000
#: Seconds one pass of one pattern over one text may take (a linear pass takes milliseconds).
DEADLINE = 2.0

#: Characters regular expressions give a meaning to, and the text characters the patterns look for.
CHARACTERS = (
    list("[]{}<>()*_#|:&`!?.,;-+=~^$%/\\'\"’“…") + [" ", "\t", "\n", "\u00a0", "\u200b"] + list("0aAX")
)
#: Runs of these used to cost seconds or more, or exercise one pattern's worst path.
COMBINATIONS = [
    "{{<",
    "<p",
    "[a",
    "[ ",
    "](http://",
    "[a](http://",
    "**a",
    "__a",
    "&#",
    "::a{ ",
    "{%",
    "<<",
    "(a",
    "a ",
    "A. ",
    "Aa ",
    "a-A",
    "a: ",
    "a — ",
    "1,0",
    "1.",
    "- ",
    "| ",
    "\\|",
    "# ",
    "> ",
    "[insert ",
    "[name ",
    "as of my ",
    "if you ",
    "President A",
    "April 5, 2024 ",
    "1 km ",
]


def adversarial() -> Iterator[tuple[str, str]]:
    """``(name, text)`` pairs of about :data:`LENGTH` characters."""
    for character in CHARACTERS:
        yield repr(character), character * LENGTH
    for piece in COMBINATIONS:
        yield repr(piece), piece * (LENGTH // len(piece))
    yield "'# a' + spaces + 'x'", "# a" + " " * LENGTH + "x"
    yield "'a' + spaces + '#'", "a" + " " * LENGTH + "#"
    yield "'.' + spaces + 'a'", "." + " " * LENGTH + "a"
    yield "'- a' + spaces", "- a" + " " * LENGTH


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every pattern to test, with a name for messages."""
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            for index, pattern in enumerate(_compiled(value)):
                yield f"{name}.{attribute}" + (f"[{index}]" if index else ""), pattern
    leaders = load_leaders()
    yield "people._name_pattern", people._name_pattern(leaders)[0]
    yield "people._title_pattern", people._title_pattern(leaders)


def _compiled(value: object) -> list[re.Pattern[str]]:
    """The patterns a module global holds: itself, or those in a list or tuple of (tuples of) them."""
    if isinstance(value, re.Pattern):
        return [value]
    if isinstance(value, list | tuple):
        return [p for item in value for p in _compiled(item) if isinstance(p.pattern, str)]
    return []


PATTERNS = dict(patterns())
TEXTS = list(adversarial())


def test_the_modules_hold_patterns_to_test() -> None:
    """The introspection finds the patterns this test was written against (and whatever came since)."""
    for name in ("briefing.checks.artifacts._MARKUP", "briefing.importing.lines._ATX_OPEN"):
        assert name in PATTERNS
    assert len(PATTERNS) > 50


def test_every_checks_module_with_patterns_is_tested() -> None:
    """A new checks module with a pattern cannot slip past both regex tests."""
    from tests.core.test_checks_residue_regex import MODULES as RESIDUE_MODULES

    package = Path(importlib.import_module("briefing.checks").__file__ or "").parent
    with_patterns = {
        f"briefing.checks.{path.stem}"
        for path in package.glob("*.py")
        if "re.compile(" in path.read_text(encoding="utf-8")
    }
    assert with_patterns, package
    assert with_patterns <= set(MODULES) | set(RESIDUE_MODULES), sorted(
        with_patterns - set(MODULES) - set(RESIDUE_MODULES)
    )


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_pattern_backtracks_on_adversarial_text(name: str) -> None:
    pattern = PATTERNS[name]
    slow = []
    for text_name, text in TEXTS:
        # A bytes pattern (the encoding guesser's, the exporter's) sees the text's bytes.
        subject: str | bytes = (
            text.encode("utf-8", "surrogatepass") if isinstance(pattern.pattern, bytes) else text
        )
        start = time.perf_counter()
        pattern.findall(subject)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        if elapsed > DEADLINE:
            slow.append(f"{text_name}: {elapsed:.1f} s")
    assert not slow, f"{name} backtracks: {slow}"


def test_reported_blow_ups_are_gone() -> None:
    """The cases from the issue, through the functions that met them."""
    from briefing.checks.artifacts import strip_markup
    from briefing.checks.text import tidy_whitespace
    from briefing.importing.lines import markdown_heading

    cases = [
        (markdown_heading, "# a" + " " * LENGTH + "x"),
        (strip_markup, "[" * 500_000),
        (strip_markup, "{{<" * LENGTH),
        (strip_markup, "<p" * LENGTH),
        (tidy_whitespace, "a" + " " * LENGTH + "b"),
    ]
    for function, text in cases:
        start = time.perf_counter()
        function(text)
        assert time.perf_counter() - start < DEADLINE, function.__name__
    assert markdown_heading("# a" + " " * 10 + "x") == (1, "a" + " " * 10 + "x")
    assert markdown_heading("## Background ##") == (2, "Background")


#: Whole articles made of one adversarial run (a few kinds), and how long the pipeline may take on one.
PIPELINE_TEXTS = ["[", "{{<", "<p", "|", " ", "# a" + " " * 50 + "x\n", "**a"]
PIPELINE_DEADLINE = 20.0


@pytest.mark.parametrize("piece", PIPELINE_TEXTS)
@pytest.mark.parametrize("markdown", [False, True])
def test_the_pipeline_stays_fast_on_adversarial_articles(piece: str, markdown: bool) -> None:
    text = "Heading\n" + piece * (LENGTH // len(piece)) + "\nThe end.\n"
    start = time.perf_counter()
    briefing = import_text(text, markdown=markdown)
    run_checks(briefing, text)
    apply_safe_fixes(briefing, source=text)
    run_checks(briefing, text)
    assert time.perf_counter() - start < PIPELINE_DEADLINE

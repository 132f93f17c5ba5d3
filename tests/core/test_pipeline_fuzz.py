"""Fuzzing the whole pipeline: import → checks → safe fixes → project round trip → export.

Articles are stitched together from fragments that make every stage decide something (headings of each
kind, nested lists and quotes, tables with and without delimiter rows, fences, links, images, reference
definitions, chatbot lines, placeholders, citation markers, stray markup), with marker words planted
throughout. Whatever the stitching, no stage may raise, and every marker word must still be somewhere in
the project after the safe fixes: in the text, or in the corrections log that says what a fix removed.
Nothing lost, nothing changed silently.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import project
from briefing.checks import apply_safe_fixes, run_checks
from briefing.export import ExportOptions, export_docx
from briefing.importing import import_text

#: Marker words: upper-case consonants after a Q, so that no key, id or generated text of the project
#: file can contain one by accident.
WORDS = st.text(alphabet="BCDFGHJKLMNPRSTVWXZ", min_size=3, max_size=7).map(lambda s: "Q" + s)

#: Templates for a line; ``{w}`` is replaced by a marker word.
LINES = [
    "{w} is a sentence about the talks.",
    "# {w} Heading",
    "## {w} second level",
    "### {w}",
    "{w} TITLE IN CAPITALS",
    "1. EXECUTIVE {w}",
    "2.1 Background {w}",
    "**{w} Findings**",
    "{w} Underlined",
    "=========",
    "---",
    "- {w} item",
    "  - {w} nested item",
    "      - {w} deeper item",
    "* {w}",
    "-",
    "1.",
    "1. {w} first",
    "2) {w} second",
    "• {w} bullet",
    "> {w} quoted",
    "> > > {w} deep quote",
    "| {w} | 1,100 | >30% |",
    "| Name | Value |",
    "|---|---:|",
    "{w}\t42\t7%",
    "Country {w}    50    Applied",
    "```python",
    "```",
    "    {w} indented four",
    "[{w}](https://example.org/{w})",
    "![{w} chart](https://example.org/{w}.png)",
    "[](https://example.org/{w})",
    '[1]: https://example.org/{w} "{w}"',
    "See the note [1] on {w} [2][3].",
    "<b>{w}</b> &amp; &nbsp; <p",
    "{{<  {w}",
    "[Insert {w} here] and {{name}} TBD XX%",
    "Certainly! Here is the {w} you asked for.",
    "Let me know if you'd like more on {w}!",
    "As of my last update, {w} had not launched.",
    "<think>{w} reasoning</think>",
    "Source: {w} News",
    "Page 2 of 5",
    "{w}: 12%",
    "Date: 2024-04-03",
    "Ã©tÃ© {w} â€™",
    "🚀 {w} launch",
    "\n".join("  " * depth + "- {w} level" for depth in range(14)),
    ">" * 25 + " {w} in a deep quote",
    "",
    "",
]

ARTICLES = st.lists(st.tuples(st.sampled_from(LINES), WORDS), min_size=1, max_size=40)
ENDINGS = st.sampled_from(["\n", "\r\n"])


def _article(lines: list[tuple[str, str]], ending: str) -> tuple[str, set[str]]:
    text = "\n".join(template.replace("{w}", word) for template, word in lines) + "\n"
    text = text.replace("\n", ending)
    planted = {word for template, word in lines if "{w}" in template}
    return text, planted


def _run_pipeline(text: str, planted: set[str], markdown: bool) -> None:
    briefing = import_text(text, markdown=markdown)
    imported = project.dumps(briefing)
    lost = sorted(word for word in planted if word not in imported)
    assert not lost, f"import lost {lost}"

    run_checks(briefing, text)
    apply_safe_fixes(briefing, source=text)
    fixed = project.dumps(briefing)
    lost = sorted(word for word in planted if word not in fixed)
    assert not lost, f"the safe fixes lost {lost} without a word in the corrections log"
    run_checks(briefing, text)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.briefing"
        project.save(briefing, path)
        loaded = project.load(path)
        assert loaded == briefing
        output = Path(folder) / "fuzz.docx"
        export_docx(loaded, output, ExportOptions())
        docx.Document(str(output))  # the package opens


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@FUZZ
@given(ARTICLES, ENDINGS)
def test_plain_text_articles_survive_the_whole_pipeline(lines: list[tuple[str, str]], ending: str) -> None:
    text, planted = _article(lines, ending)
    _run_pipeline(text, planted, markdown=False)


@FUZZ
@given(ARTICLES, ENDINGS)
def test_markdown_articles_survive_the_whole_pipeline(lines: list[tuple[str, str]], ending: str) -> None:
    text, planted = _article(lines, ending)
    _run_pipeline(text, planted, markdown=True)

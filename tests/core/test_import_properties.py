"""Property tests: import never crashes and never loses a character of content."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.importing import import_text
from briefing.importing.lines import markdown_heading
from briefing.importing.pipe_tables import is_delimiter_row
from briefing.importing.structure import bold_heading_markup, is_rule_line
from briefing.model import Briefing, ListBlock, Paragraph, Table
from briefing.textfile import decode_bytes

# Fragments that make the parser's interesting decisions likely: tables, delimiter rows, list items,
# term separators, headings, escapes, blank lines.
FRAGMENTS = st.sampled_from(
    [
        "|",
        " | ",
        "||",
        "|---|---|",
        "---",
        ":--:",
        "- ",
        "* ",
        "• ",
        "1. ",
        "2) ",
        "# ",
        "## ",
        "\\|",
        "-",
        ": ",
        " — ",
        "\n",
        "\n\n",
        "  ",
        "\t",
        "Title Case Line",
        "a sentence.",
        "Term-Word here",
        "x",
        "1,100",
        "“quoted”",
        "Let me know!",
        "**Key Points**",
        "SUMMARY",
        "2.1 Background",
        "\t",
        "  ",
        "Page 2 of 5",
        "TO: Minister",
        "SECRET",
        "=====",
        "Name\tValue",
    ]
)
ARTICLE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=60).map("".join)


def model_text(briefing: Briefing) -> str:
    """Every string the model holds that came from the article's body."""
    parts = [briefing.meta.title]
    for section in briefing.sections:
        parts.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.extend(run.text + run.href for run in block.runs)
            elif isinstance(block, ListBlock):
                parts.extend(item.marker + item.full_text for item in block.items)
            elif isinstance(block, Table):
                parts.append(block.caption)
                parts.extend(block.header)
                parts.extend(cell for row in block.rows for cell in row)
    return "".join(parts)


def content_chars(text: str) -> Counter:
    """The non-whitespace characters import must keep: all but table pipes, delimiter rows,
    the backslash of an escaped pipe, the ``#`` marks of an ATX heading, rule lines and the ``**`` around
    a line that is all bold (markup, as in Markdown)."""
    kept = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if is_delimiter_row(line) or is_rule_line(line):
            continue
        line = bold_heading_markup(line)
        heading = markdown_heading(line)
        if heading is not None:
            line = heading[1]
        kept.append(line.replace("\\|", "").replace("|", ""))
    return Counter(ch for ch in "".join(kept) if not ch.isspace())


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE)
def test_plain_text_import_keeps_every_character(text):
    briefing = import_text(text)
    missing = content_chars(text) - Counter(ch for ch in model_text(briefing) if not ch.isspace())
    assert not missing, f"lost {dict(missing)}"


@settings(max_examples=300)
@given(st.text())
def test_plain_text_import_of_arbitrary_unicode_never_raises(text):
    briefing = import_text(text)
    assert not content_chars(text) - Counter(model_text(briefing))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ARTICLE, st.text()))
def test_markdown_import_never_raises(text):
    briefing = import_text(text, markdown=True)
    assert isinstance(briefing, Briefing)


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_gives_text_or_a_typed_error(data):
    try:
        decoded = decode_bytes(data, "input.txt")
    except InputError as exc:
        assert str(exc).startswith("input.txt: ")
    else:
        assert decoded.text.strip() and "\r" not in decoded.text

"""Markdown import keeps every character that is not markup: deep nesting, reference definitions, image
addresses, empty links, fence languages, empty items, and a property over generated Markdown."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.checks import run_checks
from briefing.cli import main
from briefing.importing import import_file, import_text
from briefing.importing.builder import MAX_LIST_LEVEL
from briefing.importing.markdown import NESTING_BUDGET, cap_nesting
from briefing.model import Briefing, ListBlock, ListItem, Paragraph, Table

from .test_import_properties import model_text


def md(text: str) -> Briefing:
    return import_text(text, markdown=True)


def paragraphs(briefing: Briefing) -> list[Paragraph]:
    return [block for _, block in briefing.blocks() if isinstance(block, Paragraph)]


def items(briefing: Briefing) -> list[ListItem]:
    return [item for _, block in briefing.blocks() if isinstance(block, ListBlock) for item in block.items]


def nested_list(depth: int) -> str:
    return "\n".join("  " * level + f"- item{chr(97 + level % 26)}{level}" for level in range(depth))


# --- Deep nesting -------------------------------------------------------------------------------------


def test_a_list_nested_ten_levels_keeps_everything_after_it() -> None:
    b = md(nested_list(10) + "\n\nA closing paragraph.\n\n# A heading after\n\nMore text.\n")
    assert [item.text for item in items(b)] == [f"item{chr(97 + k)}{k}" for k in range(10)]
    assert [p.text for p in paragraphs(b)] == ["A closing paragraph.", "More text."]
    assert "A heading after" in [s.heading for s in b.sections]


def test_deep_items_are_put_at_the_deepest_level_shown_with_a_note() -> None:
    b = md("# Title\n\n" + nested_list(12) + "\n")
    assert [item.level for item in items(b)] == [*range(MAX_LIST_LEVEL + 1), 8, 8, 8]
    [note] = b.import_notes
    assert note.rule == "import.nesting"
    assert note.message == "A list nested 12 levels deep is shown 9 levels deep."
    assert note.line == 3 + MAX_LIST_LEVEL + 1, "the first item deeper than shown"
    finding = next(f for f in run_checks(b) if f.rule == "import.nesting")
    assert finding.message.startswith(f"Line {note.line}: A list nested 12")


def test_a_list_the_note_can_show_has_no_note() -> None:
    b = md(nested_list(MAX_LIST_LEVEL + 1) + "\n")
    assert items(b)[-1].level == MAX_LIST_LEVEL
    assert b.import_notes == []


def test_a_quote_nested_twenty_levels_keeps_everything_after_it() -> None:
    text = "Intro.\n\n" + "> " * 20 + "deep quoted words\n\nAfter the quote.\n\n## Next\n\nEnd.\n"
    b = md(text)
    assert [p.text for p in paragraphs(b)] == ["Intro.", "deep quoted words", "After the quote.", "End."]
    assert [n.message for n in b.import_notes] == [
        "A block quote nested 20 levels deep is shown as plain paragraphs."
    ]
    assert b.import_notes[0].line == 3


def test_pathological_depth_is_kept_as_text_without_recursion_or_blow_up() -> None:
    for text in (
        ">" * 5000 + " deepest\n\nafter",
        "- " * 5000 + "deepest\n\nafter",
        "> 1. - " * 2000 + "deepest\n\nafter",
        "\n".join("  " * k + f"- k{k}" for k in range(1500)) + "\n\nafter",
    ):
        started = time.perf_counter()
        b = md(text)
        assert time.perf_counter() - started < 10, "tens of milliseconds expected"
        kept = model_text(b)
        assert "deepest" in kept or "k1499" in kept
        assert paragraphs(b)[-1].text == "after"
        assert any("too deeply" in note.message for note in b.import_notes)


def test_the_nesting_budget_bounds_what_a_line_can_open() -> None:
    assert cap_nesting("- plain item") is None
    assert cap_nesting("    " * 39 + "- the fortieth level") is None
    capped = cap_nesting(">" * 200 + " x")
    assert capped == ">" * (NESTING_BUDGET // 2) + "\\" + ">" * (200 - NESTING_BUDGET // 2) + " x"
    assert cap_nesting("1. " * 100 + "x", budget=4) == "1. 1\\. " + "1. " * 98 + "x"
    assert cap_nesting(" " * 300 + "x", budget=10) is None, "indentation alone opens nothing"
    assert cap_nesting(" " * 300 + "- x", budget=10) == " " * 300 + "\\- x"


def test_too_deep_markdown_file_imports_through_the_cli(tmp_path: Path, capsys) -> None:
    article = tmp_path / "deep.md"
    article.write_text(nested_list(30) + "\n\nThe end.\n", encoding="utf-8")
    assert main(["check", str(article)]) in (0, 1)
    out = capsys.readouterr().out
    assert "import.nesting" in out
    assert "The end." in model_text(import_file(article))


# --- Constructs that used to vanish ------------------------------------------------------------------


def test_reference_definitions_are_kept_used_or_not() -> None:
    b = md(
        "See [the report][1] for more.\n\n"
        '[1]: https://example.org/report "The Annual Report"\n'
        "[spare]: <https://example.org/spare> 'Never used'\n"
    )
    first, used, spare = paragraphs(b)
    assert [r.href for r in first.runs if r.href] == ["https://example.org/report"]
    assert used.text == '[1]: https://example.org/report "The Annual Report"'
    assert [r.href for r in used.runs if r.href] == ["https://example.org/report"]
    assert spare.text == '[spare]: https://example.org/spare "Never used"'
    assert [r.href for r in spare.runs if r.href] == ["https://example.org/spare"]


def test_a_reference_defined_before_a_table_serves_links_after_it() -> None:
    b = md("[src]: https://example.org/src\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nRead [this][src].\n")
    assert [r.href for r in paragraphs(b)[-1].runs if r.href] == ["https://example.org/src"]


def test_an_image_keeps_its_address_and_title() -> None:
    b = md('Before ![Chart of imports](https://img.example/c.png "Figure 1") after.\n\n![](local/pic.jpg)\n')
    first, second = paragraphs(b)
    assert first.text == "Before Chart of imports (https://img.example/c.png) (Figure 1) after."
    assert second.text == "local/pic.jpg"
    assert not any(r.href for p in (first, second) for r in p.runs), "an image is not a link"


def test_an_image_inside_a_link_keeps_both_addresses() -> None:
    b = md("[![logo](https://img.example/l.png)](https://example.org)\n")
    [run] = paragraphs(b)[0].runs
    assert (run.text, run.href) == ("logo (https://img.example/l.png)", "https://example.org")


def test_a_link_without_text_shows_its_address() -> None:
    b = md('Read [](https://example.org/a%20b) and [](https://example.org/t "Titled").\n')
    runs = [(r.text, r.href) for r in paragraphs(b)[0].runs]
    assert ("https://example.org/a b", "https://example.org/a%20b") in runs
    assert ("https://example.org/t", "https://example.org/t") in runs
    assert paragraphs(b)[0].text.endswith("(Titled).")


def test_links_in_items_and_headings_keep_their_address() -> None:
    b = md(
        "## See [the plan](https://example.org/plan)\n\n- read [it](https://example.org/it)\n- <https://x.example>\n"
    )
    assert b.sections[-1].heading == "See the plan (https://example.org/plan)"
    assert [item.text for item in items(b)] == ["read it (https://example.org/it)", "https://x.example"]


def test_a_fence_keeps_its_info_string_and_its_code_exactly() -> None:
    code = '  def f(x):\n      return x  # "quoted"\n\n\tindented'
    b = md(f"Intro.\n\n```python title=demo\n{code}\n```\n\n~~~sql\n~~~\n\n```\n\n```\n")
    texts = [p.text for p in paragraphs(b)]
    assert texts == ["Intro.", f"python title=demo\n{code}", "sql"]


def test_code_in_a_list_item_keeps_its_info_string() -> None:
    b = md("- step one\n\n  ```bash\n  make all\n  ```\n")
    assert [item.text for item in items(b)] == ["step one\nbash\nmake all"]


def test_empty_list_items_keep_their_markers() -> None:
    b = md("- first\n-\n- third\n\n1.\n2) \n")
    assert [(i.marker, i.text) for i in items(b)] == [
        ("-", "first"),
        ("-", ""),
        ("-", "third"),
        ("1.", ""),
        ("2)", ""),
    ]


def test_an_item_that_opens_with_a_nested_list_is_kept() -> None:
    b = md("- - inner\n  - sibling\n")
    assert [(i.level, i.text) for i in items(b)] == [(0, ""), (1, "inner"), (1, "sibling")]


def test_other_constructs_land_in_the_model() -> None:
    b = md(
        "Setext heading\n==============\n\n"
        "<div>an <b>html</b> block</div>\n\n"
        "Inline <span>html</span>, &amp; &copy; entities, a hard  \nbreak and <mailto:a@example.org>.\n\n"
        "***\n\n"
        "A footnote-like mark[^1].\n\n[^1]: the footnote text\n\n"
        "- item with a table\n\n  | k | v |\n  |---|---|\n  | x | y |\n"
    )
    assert b.meta.title == "Setext heading"
    texts = [p.text for p in paragraphs(b)]
    assert "<div>an <b>html</b> block</div>" in texts
    assert "Inline <span>html</span>, & © entities, a hard\nbreak and mailto:a@example.org." in texts
    assert "A footnote-like mark[^1]." in texts, "not a reference: CommonMark has no footnotes"
    assert "[^1]: the footnote text" in texts, "not a definition (a title needs quotes): a paragraph"
    [table] = [block for _, block in b.blocks() if isinstance(block, Table)]
    assert table.rows == [["x", "y"]]
    assert items(b)[0].text == "item with a table"


def test_the_bundled_markdown_articles_import_without_notes() -> None:
    articles = Path(__file__).resolve().parent.parent / "data" / "articles"
    for path in sorted(articles.glob("*.md")):
        assert import_file(path).import_notes == [], path.name


# --- Property: every marker word lands --------------------------------------------------------------

#: A slot for a content word; each is replaced by a distinct word (``w`` + letters + ``z``) after drawing.
W = "\x00"

INLINE = st.sampled_from(
    [
        W,
        f"*{W}*",
        f"**{W}**",
        f"_{W}_ {W}",
        f"`{W}`",
        f"[{W}](https://{W}.example/{W})",
        f'[{W}](https://{W}.example "{W}")',
        f"[](https://{W}.example/{W})",
        f"![{W}]({W}.png)",
        f'![{W} *{W}*](https://{W}.example/{W}.png "{W}")',
        f"![](https://{W}.example/{W}.png)",
        f"<https://{W}.example>",
        f"[{W}][first]",
        f"[{W}][nowhere]",
        f"{W} &amp; {W}",
        f"{W}  \n{W}",
        f"<span>{W}</span>",
        f"~~{W}~~",
        f"{W}\\*",
    ]
)
LINE = st.lists(INLINE, min_size=1, max_size=5).map(" ".join)
LEAF = st.one_of(
    LINE,
    st.tuples(st.integers(1, 6), LINE).map(lambda t: "#" * t[0] + " " + t[1]),
    st.tuples(LINE, st.sampled_from(["===", "---"])).map(lambda t: f"{t[0]}\n{t[1]}"),
    st.sampled_from(["```", "~~~"]).flatmap(
        lambda fence: st.lists(LINE, max_size=3).map(lambda body: "\n".join([fence + W, *body, fence]))
    ),
    LINE.map(lambda line: "    " + line.replace("\n", "\n    ")),
    st.sampled_from(["first", "second"]).map(lambda label: f'[{label}]: https://{W}.example/{W} "{W}"'),
    st.just(f"<div>\n{W}\n</div>"),
    st.just("***"),
    st.just(f"| {W} | {W} |\n|---|---|\n| {W} | {W} |"),
)
MARKERS = st.sampled_from(["-", "*", "+", "1.", "2)", "10."])


@st.composite
def nested_lists(draw: st.DrawFn) -> str:
    """A list up to 30 levels deep, mixed markers, empty items, each item indented under its parent."""
    if draw(st.booleans()):
        levels = list(range(draw(st.integers(1, 30))))
    else:
        levels, level = [], 0
        for step in draw(st.lists(st.integers(-3, 1), min_size=1, max_size=25)):
            level = max(0, min(30, level + step)) if levels else 0
            levels.append(level)
    columns: list[int] = []  # content column of the open item at each level
    lines = []
    for level in levels:
        del columns[level:]
        indent = columns[-1] if columns else 0
        marker = draw(MARKERS)
        body = draw(st.one_of(st.just(""), LINE, LINE, LINE))
        pad = " " * indent
        lines.append(f"{pad}{marker} {body}".rstrip(" ") if body else pad + marker)
        columns.append(indent + len(marker) + 1)
        if draw(st.integers(0, 5)) == 0:
            extra = draw(st.one_of(LINE, st.just(f"```{W}\n{W}\n```")))
            inner = " " * columns[-1]
            lines.append("")
            lines.append(inner + extra.replace("\n", "\n" + inner))
    return "\n".join(lines)


def quoted(block: str, depth: int) -> str:
    prefix = "> " * depth
    return "\n".join(prefix + line for line in block.split("\n"))


BLOCK = st.one_of(
    LEAF,
    nested_lists(),
    st.tuples(st.one_of(LEAF, nested_lists()), st.integers(1, 25)).map(lambda t: quoted(*t)),
)
DOCUMENT = st.lists(BLOCK, min_size=1, max_size=8).map("\n\n".join)


def with_words(template: str) -> tuple[str, list[str]]:
    """The template with each slot filled by a distinct word that no other word contains."""
    parts = template.split(W)
    words = ["w" + "".join("abcdefghij"[int(d)] for d in str(n)) + "z" for n in range(len(parts) - 1)]
    text = parts[0] + "".join(word + part for word, part in zip(words, parts[1:], strict=True))
    return text, words


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_every_word_of_generated_markdown_lands_in_the_model(template: str) -> None:
    text, words = with_words(template)
    kept = model_text(md(text))
    missing = [word for word in words if word not in kept]
    assert not missing, f"lost {missing} from:\n{text}"


@settings(max_examples=50, deadline=None)
@given(nested_lists())
def test_generated_lists_never_go_deeper_than_a_note_shows(template: str) -> None:
    text, _ = with_words(template)
    b = md(text)
    assert all(0 <= item.level <= MAX_LIST_LEVEL for item in items(b))
    deep = any(item.level == MAX_LIST_LEVEL for item in items(b))
    if any(n.rule == "import.nesting" for n in b.import_notes):
        assert deep or "too deeply" in b.import_notes[0].message


# --- Cost -------------------------------------------------------------------------------------------


def test_many_headings_import_in_linear_time() -> None:
    """10,000 headings take about a second (markdown-it's own cost, ~0.1 ms a heading); a cost that grew
    with the document (a scan per heading) would take minutes."""
    text = "\n".join(f"## Heading {i}\n\npara {i}" for i in range(10_000))
    started = time.perf_counter()
    b = md(text)
    assert time.perf_counter() - started < 30
    assert len(b.sections) == 10_000 and b.sections[-1].blocks[0].text == "para 9999"


def test_a_heading_indented_under_a_list_item_still_heads_a_section() -> None:
    """Pasted text often indents a heading after a list, which CommonMark puts inside the last item;
    it must stay a heading, with the list above it and what follows below it."""
    text = "- first point\n- second point\n\n   ## Next Steps\n\n   more text\n\n- third point\n"
    briefing = import_text(text, markdown=True)
    assert [s.heading for s in briefing.sections] == ["", "Next Steps"]
    lede, steps = briefing.sections
    assert [i.text for i in lede.blocks[0].items] == ["first point", "second point"]  # type: ignore[union-attr]
    assert steps.blocks[0].text == "more text"  # type: ignore[union-attr]
    assert [i.text for i in steps.blocks[1].items] == ["third point"]  # type: ignore[union-attr]

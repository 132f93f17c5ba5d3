"""Web-page import: the main content without the site's chrome, its structure as blocks, its metadata
in ``meta``; a fragment or a page the extractor finds nothing in is walked whole."""

from __future__ import annotations

from collections import Counter
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.importing import import_article
from briefing.importing.html import import_html
from briefing.model import Briefing, ListBlock, Paragraph, Table

from .test_import_properties import model_text

NAV = "<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8)) + "</ul></nav>"
FOOTER = "<footer><p>Copyright Example Wire. Share this page. Subscribe to our newsletter.</p></footer>"


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"{NAV}<main><article>{body}</article></main>{FOOTER}</body></html>"
    )


ARTICLE = """
<h1>Grain corridor talks resume</h1>
<p>Negotiators met in Geneva on <b>Tuesday</b> and agreed to <i>resume</i> the talks, according to
<a href="https://wire.example.org/grain">Example Wire</a>. The corridor carried most of the region's
wheat exports last year before it was closed in July.</p>
<h2>What was agreed</h2>
<ul><li>Inspections: joint teams at two ports<ul><li>Odesa first</li></ul></li>
<li>Insurance: a state-backed scheme</li></ul>
<ol><li>Reopen the northern route</li><li>Review in thirty days</li></ol>
<h3>Shipments by month</h3>
<table><thead><tr><th>Month</th><th>Tonnes</th></tr></thead>
<tbody><tr><td>May</td><td>1,200,000</td></tr><tr><td>June</td><td>950,000</td></tr></tbody></table>
<p>Officials said a further round is planned for the autumn, once the inspection teams report back on
the first month of shipments through the corridor.</p>
"""
HEAD = (
    "<title>Grain corridor talks resume | Example Wire</title>"
    "<meta property='og:title' content='Grain corridor talks resume'>"
    "<meta property='og:site_name' content='Example Wire'>"
    "<meta name='author' content='Dana Reyes'>"
    "<meta property='article:published_time' content='2026-10-14'>"
)


def blocks(briefing: Briefing) -> list:
    return [block for _, block in briefing.blocks()]


def test_a_page_gives_its_main_content_without_navigation_or_footer() -> None:
    briefing, text = import_html(page(ARTICLE, HEAD))
    assert "Section 3" not in text and "Subscribe" not in text
    assert "Section 3" not in model_text(briefing)
    assert briefing.meta.title == "Grain corridor talks resume"
    assert briefing.meta.source.publisher == "Example Wire"
    assert briefing.meta.source.date == "2026-10-14"
    headings = [(s.heading, s.level) for s in briefing.sections if s.heading]
    assert headings == [("What was agreed", 2), ("Shipments by month", 3)], "the h1 is the title, once"


def test_paragraph_runs_keep_bold_italic_and_links() -> None:
    briefing, _ = import_html(page(ARTICLE, HEAD))
    first = next(b for b in blocks(briefing) if isinstance(b, Paragraph))
    formatted = {(run.text, run.bold, run.italic, run.href) for run in first.runs}
    assert ("Tuesday", True, False, "") in formatted
    assert ("resume", False, True, "") in formatted
    assert ("Example Wire", False, False, "https://wire.example.org/grain") in formatted
    assert "  " not in first.text and "\n" not in first.text, "the page's line breaks are spaces"


def test_lists_keep_nesting_and_order_and_tables_their_header() -> None:
    briefing, _ = import_html(page(ARTICLE, HEAD))
    bullets, numbered = [b for b in blocks(briefing) if isinstance(b, ListBlock)]
    assert [(i.full_text, i.level) for i in bullets.items] == [
        ("Inspections: joint teams at two ports", 0),
        ("Odesa first", 1),
        ("Insurance: a state-backed scheme", 0),
    ]
    assert not bullets.ordered and numbered.ordered
    assert [i.marker for i in numbered.items] == ["1.", "2."]
    [table] = [b for b in blocks(briefing) if isinstance(b, Table)]
    assert table.header == ["Month", "Tonnes"]
    assert table.rows == [["May", "1,200,000"], ["June", "950,000"]]


def test_the_source_map_points_into_the_extracted_text() -> None:
    briefing, text = import_html(page(ARTICLE, HEAD))
    lines = text.split("\n")
    [table] = [b for b in blocks(briefing) if isinstance(b, Table)]
    place = briefing.source_map[table.id]["row=1"]  # "CRC -1@LINE:1 0@3 …"
    line = int(place.split()[1].split("@")[1].split(":")[0])
    assert lines[line - 1] == "| June | 950,000 |"


def test_a_fragment_without_chrome_is_walked_whole() -> None:
    briefing, text = import_html("<p>Short <b>note</b>.</p><ul><li>one</li><li>two</li></ul><p>End.</p>")
    kinds = [b.kind for b in blocks(briefing)]
    assert kinds == ["paragraph", "list", "paragraph"]
    assert text == "Short note.\n\n- one\n- two\n\nEnd.\n"


def test_a_page_the_extractor_finds_nothing_in_still_keeps_its_text() -> None:
    briefing, text = import_html(page("<div>Only <span>three</span> words</div>", "<title>Tiny</title>"))
    assert "Only three words" in model_text(briefing)
    assert briefing.meta.title == "Tiny"


def test_colspans_keep_the_cells_in_their_columns() -> None:
    html = (
        "<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan='2'>wide</td><td>c</td></tr></table>"
    )
    briefing, _ = import_html(html)
    [table] = [b for b in blocks(briefing) if isinstance(b, Table)]
    assert table.rows == [["wide", "", "c"]]


def test_scripts_and_styles_are_not_text() -> None:
    briefing, _ = import_html("<style>p{color:red}</style><script>var x=1;</script><p>Visible.</p>")
    assert model_text(briefing) == "Visible."


def test_a_declared_charset_is_honoured(tmp_path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(
        "<meta charset='windows-1252'><p>Caf\u00e9 cr\u00e8me costs \u20ac3.</p>".encode("cp1252")
    )
    briefing, _ = import_article(path)
    assert "Café crème costs €3." in model_text(briefing)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (bytes(range(256)) * 8, "looks like a binary file"),
        (b"\x89PNG\r\n\x1a\nrest", "is a PNG image"),
        (b"", "is empty"),
        (b" \n\t ", "is empty"),
        (b"<html><body><img src='a.png'><div></div></body></html>", "holds no text to import"),
    ],
)
def test_bad_html_files_get_one_line(tmp_path, data: bytes, problem: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        import_article(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


# --- nothing lost -----------------------------------------------------------------------------------

WORD = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8
)
TEXT = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
INLINE = st.one_of(
    TEXT.map(escape),
    TEXT.map(lambda t: f"<b>{escape(t)}</b>"),
    TEXT.map(lambda t: f"<em>{escape(t)}</em>"),
    TEXT.map(lambda t: f"<a href='https://example.org/'>{escape(t)}</a>"),
    st.just("<br>"),
)
RUNS = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)
BLOCK = st.one_of(
    RUNS.map(lambda r: f"<p>{r}</p>"),
    st.tuples(st.integers(1, 6), TEXT).map(lambda h: f"<h{h[0]}>{escape(h[1])}</h{h[0]}>"),
    st.lists(RUNS, min_size=1, max_size=4).map(
        lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    ),
    st.lists(TEXT, min_size=1, max_size=3).map(
        lambda items: (
            "<ol><li>"
            + escape(items[0])
            + "<ol>"
            + "".join(f"<li>{escape(i)}</li>" for i in items[1:])
            + "</ol></li></ol>"
        )
    ),
    st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=4).map(
        lambda rows: (
            "<table>"
            + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
            + "</table>"
        )
    ),
    RUNS.map(lambda r: f"<div>{r}</div>"),
    RUNS,
)
DOCUMENT = st.lists(BLOCK, min_size=1, max_size=8).map("\n".join)


def chars(text: str) -> Counter:
    """Non-whitespace characters, table pipes aside (the extracted text draws rows with them)."""
    return Counter(ch for ch in text if not ch.isspace() and ch != "|")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT, st.booleans())
def test_html_import_keeps_every_character_of_the_extracted_text(body: str, chrome: bool) -> None:
    html = page(body) if chrome else body
    briefing, text = import_html(html)
    missing = chars(text) - chars(model_text(briefing))
    assert not missing, f"lost {dict(missing)}"
    if not chrome:  # walked whole: every character of the page's text is there
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(encoding="utf-8")
        shown = lxml_html.document_fromstring(html.encode(), parser=parser).text_content()
        assert not chars(shown) - chars(text), "the fragment's text, whole"

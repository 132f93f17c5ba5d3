"""Reading saved web pages (and pasted HTML): the main content, without the site's navigation.

trafilatura finds the article in the page and gives it as a small XML tree (``head``, ``p``, ``list`` and
``item``, ``table``/``row``/``cell``, ``hi`` for bold and italic, ``ref`` for links), which is built into
the briefing here, block by block. When it finds nothing — a tiny page, a fragment copied from a browser —
the whole document is walked instead, so no text is lost. The title, site and date go to ``meta``.

What the checks' lines and columns count in is the extracted text (:mod:`.extracted`), not the HTML.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .. import patterns
from ..model import Briefing, Run
from .extracted import Entry, ExtractedText, clean

_HEADING = patterns.compile(r"h([1-6])$")
#: HTML elements whose text is not shown (the page's fallback walk leaves them out).
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link"})
#: Elements that hold blocks (the fallback walk goes into them; a paragraph never runs across them).
_CONTAINERS = frozenset(
    {
        "html", "body", "main", "article", "section", "div", "header", "footer", "nav", "aside", "figure",
        "figcaption", "blockquote", "quote", "form", "fieldset", "details", "summary", "center", "dl",
        "dd", "dt", "address", "hgroup", "doc", "comments", "li", "item",
    }
)  # fmt: skip
_PARAGRAPHS = frozenset({"p", "pre", "code", "caption", "legend"})
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em", "cite", "dfn", "var"})
_BREAKS = frozenset({"br", "lb", "hr", "wbr"})


def import_html(text: str, title: str = "") -> tuple[Briefing, str]:
    """A briefing from a web page's HTML, and the text extracted from it (the source text).

    ``title`` is a title to use when the page names none (a file name, say); the page's own wins.
    """
    briefing = Briefing()
    out = ExtractedText(briefing)
    tree = _parse(text)
    main, meta = _extract(tree) if tree is not None and _has_chrome(tree) else (None, {})
    xml = main is not None and bool(clean("".join(main.itertext())))
    if not xml:
        main = tree  # no chrome to leave out, or nothing found: walk the whole page
        if tree is not None:
            meta = _page_metadata(tree)
    _fill_meta(briefing, meta)
    page_title = meta.get("title", "") or title
    walker = _Walker(out, page_title, xml)
    if main is not None:
        walker.blocks(main)
    walker.flush()
    walker.before_content()  # a page with a title and no text still has its title
    out.finish()
    return briefing, out.text


def _parse(text: str) -> Any:
    """The page as an lxml tree (``None`` when it holds no element at all)."""
    if not text.strip():
        return None
    try:
        # Bytes, not str: lxml refuses a string that declares its own encoding.
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        return lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


#: What marks page chrome: navigation, banners, sidebars, footers, share and cookie boxes.
_CHROME = (
    "//nav | //header | //footer | //aside | //menu"
    " | //*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary']"
    " | //*[re:test(concat(@class, ' ', @id), '(^|[^a-z])(nav|navbar|menu|sidebar|footer|header|breadcrumbs?"
    "|share|social|cookies?|related|newsletter|comments?|ad|ads|advert\\w*|promo)([^a-z]|$)', 'i')]"
)
_RE = {"re": "http://exslt.org/regular-expressions"}


def _has_chrome(tree: Any) -> bool:
    """Whether the page has navigation or other chrome for the extractor to leave out.

    A page (or a pasted fragment) without any is walked whole: the extractor would have nothing to
    remove, and on short texts it flattens lists and drops formatting.
    """
    return bool(tree.xpath(_CHROME, namespaces=_RE))


def _extract(tree: Any) -> tuple[Any, dict[str, str]]:
    """trafilatura's main content (``<main>`` of its XML) and its metadata, or ``(None, {})``."""
    import trafilatura

    try:
        xml = trafilatura.extract(
            copy.deepcopy(tree),  # trafilatura prunes the tree it is given; the fallback needs it whole
            output_format="xml",
            include_tables=True,
            include_formatting=True,
            include_links=True,
            include_comments=False,
            with_metadata=True,
            # The date a page declares (meta tags, markup); not a search of all its text, which on a
            # 1 MB page took a quarter of the import.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a page the extractor chokes on is walked whole instead
        return None, {}
    if not xml:
        return None, {}
    doc = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(huge_tree=True))
    meta = {key: doc.get(key, "") for key in ("title", "sitename", "date", "url", "author")}
    return doc.find("main"), meta


def _page_metadata(tree: Any) -> dict[str, str]:
    """Title, site, date and address from the page's head (the fallback walk's metadata)."""
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(tree)
    except Exception:  # noqa: BLE001 - metadata is a nicety; the text is what must come through
        found = None
    meta = {key: str(getattr(found, key, "") or "") for key in ("title", "sitename", "date", "url", "author")}
    if not meta["title"]:
        titles = tree.xpath("//title")
        meta["title"] = clean(titles[0].text_content()) if titles else ""
    return meta


def _fill_meta(briefing: Briefing, meta: dict[str, str]) -> None:
    source = briefing.meta.source
    source.publisher = clean(meta.get("sitename", ""))
    source.date = clean(meta.get("date", ""))
    url = clean(meta.get("url", ""))
    source.url = url if url.startswith(("http://", "https://")) else ""


def _tag(element: Any) -> str:
    """An element's tag name in lower case; ``""`` for a comment or processing instruction."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


class _Walker:
    """Turns the blocks of a tree (trafilatura's XML, or a whole HTML page) into the briefing's."""

    def __init__(self, out: ExtractedText, title: str, xml: bool) -> None:
        self.out = out
        #: Hidden tags: in trafilatura's XML ``head`` is a heading, in a page it is the page's head.
        self.hidden = _HIDDEN - {"head"} if xml else _HIDDEN
        self.title = clean(title)
        self.runs: list[Run] = []  # inline text waiting for the end of its paragraph
        self.titled = False

    def flush(self) -> None:
        """End the paragraph being gathered."""
        if any(run.text.strip() for run in self.runs):
            self.before_content()
            self.out.paragraph(self.runs)
        self.runs = []

    def before_content(self) -> None:
        """The page's title opens the text, unless the first heading is the title itself."""
        if not self.titled:
            self.titled = True
            if self.title:
                self.out.title(self.title)

    def blocks(self, element: Any) -> None:
        """Walk an element's children, gathering inline text into paragraphs between blocks."""
        self._inline_text(element.text, False, False, "")
        for child in element:
            tag = _tag(child)
            if tag in self.hidden:
                pass
            elif tag == "head" or _HEADING.match(tag):
                self.flush()
                self._heading(child, tag)
            elif tag in ("list", "ul", "ol", "menu"):
                self.flush()
                self._list(child)
            elif tag == "table":
                self.flush()
                self._table(child)
            elif tag in _PARAGRAPHS:
                self.flush()
                self._inline(child, False, False, "")
                self.flush()
            elif tag in _CONTAINERS:
                self.flush()
                self.blocks(child)
                self.flush()
            elif tag:
                self._inline(child, False, False, "")
            self._inline_text(child.tail, False, False, "")

    def _heading(self, element: Any, tag: str) -> None:
        level_text = element.get("rend", "") if tag == "head" else tag
        match = _HEADING.match(level_text or "")
        level = int(match.group(1)) if match else 2
        text = clean(" ".join(element.itertext()))
        if not text:
            return
        if not self.titled and self.title and text.casefold() == self.title.casefold():
            self.titled = True
            self.out.title(text)  # the page's title, where the page prints it
            return
        self.before_content()
        self.out.heading(text, level)

    def _list(self, element: Any) -> None:
        entries: list[Entry] = []
        ordered = _tag(element) == "ol" or element.get("rend", "") == "ol"
        self._entries(element, 0, entries)
        if entries:
            self.before_content()
            self.out.list_items(entries, ordered)

    def _entries(self, element: Any, level: int, entries: list[Entry]) -> None:
        ordered = _tag(element) == "ol" or element.get("rend", "") == "ol"
        number = 0
        if clean(element.text or ""):
            entries.append(Entry(element.text, level, "-"))
        for child in element:
            tag = _tag(child)
            if tag in ("item", "li"):
                number += 1
                marker = f"{number}." if ordered else "-"
                parts: list[str] = [child.text or ""]
                nested: list[Any] = []
                for sub in child:
                    if _tag(sub) in ("list", "ul", "ol", "menu"):
                        nested.append(sub)
                    elif _tag(sub) not in self.hidden:
                        parts.append(" ".join(sub.itertext()) if _tag(sub) else "")
                    parts.append(" " if _tag(sub) in _BREAKS else "")
                    parts.append(sub.tail or "")
                entries.append(Entry(" ".join(parts), level, marker))
                for sub in nested:
                    self._entries(sub, level + 1, entries)
            elif tag in ("list", "ul", "ol", "menu"):
                self._entries(child, level + 1, entries)
            elif tag and tag not in self.hidden:
                entries.append(Entry(" ".join(child.itertext()), level, "-"))
            if clean(child.tail or ""):
                entries.append(Entry(child.tail, level, "-"))

    def _table(self, element: Any) -> None:
        rows: list[list[str]] = []
        for row in _rows(element):
            cells: list[str] = []
            for cell in row:
                if _tag(cell) in ("cell", "td", "th"):
                    cells.append(" ".join(cell.itertext()))
                    span = cell.get("colspan", "1")
                    cells.extend([""] * (min(int(span), 50) - 1 if span.isdigit() else 0))
            rows.append(cells)
        caption = [" ".join(c.itertext()) for c in element if _tag(c) == "caption"]
        if caption and clean(caption[0]):
            self.before_content()
            self.out.paragraph([Run(caption[0])])
        if any(clean(cell) for row in rows for cell in row):
            self.before_content()
            self.out.table(rows)

    def _inline_text(self, text: str | None, bold: bool, italic: bool, href: str) -> None:
        if text:
            self.runs.append(Run(text, bold, italic, href))

    def _inline(self, element: Any, bold: bool, italic: bool, href: str) -> None:
        """An element's text as runs of the paragraph being gathered (blocks inside it end it)."""
        tag = _tag(element)
        rend = element.get("rend", "") if tag == "hi" else ""
        bold = bold or tag in _BOLD or "#b" in rend
        italic = italic or tag in _ITALIC or "#i" in rend
        if tag in ("ref", "a") and element.get("target" if tag == "ref" else "href"):
            href = element.get("target" if tag == "ref" else "href", "")
        self._inline_text(element.text, bold, italic, href)
        for child in element:
            sub = _tag(child)
            if sub in self.hidden:
                pass
            elif sub in _BREAKS:
                self.runs.append(Run(" ", bold, italic, href))
            elif sub in ("table", "list", "ul", "ol") or _HEADING.match(sub) or sub in _CONTAINERS:
                self.flush()
                self.blocks(_wrap(child))
                self.flush()
            elif sub:
                self._inline(child, bold, italic, href)
            self._inline_text(child.tail, bold, italic, href)


def _wrap(element: Any) -> Any:
    """A block found inside a paragraph, as the one child of a container (so it is walked as a block)."""
    holder = etree.Element("div")
    clone = copy.copy(element)
    clone.tail = None
    holder.append(clone)
    return holder


def _rows(table: Any) -> list[Any]:
    """A table's own rows (those of tables nested in its cells stay in their cells' text)."""
    rows: list[Any] = []

    def visit(element: Any) -> None:
        for child in element:
            tag = _tag(child)
            if tag in ("row", "tr"):
                rows.append(child)
            elif tag in ("thead", "tbody", "tfoot"):
                visit(child)

    visit(table)
    return rows

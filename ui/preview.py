"""Read-only HTML renderings of sections and blocks for the detail pane."""

from __future__ import annotations

from html import escape

from briefing.model import Block, Briefing, ListBlock, Paragraph, Section, Table

STYLE = """
<style>
body { font-family: sans-serif; }
h1 { font-size: 15pt; margin-bottom: 6px; }
h2 { font-size: 13pt; margin-top: 12px; }
table { border-collapse: collapse; margin: 6px 0 10px 0; }
th { background: #dde5ee; font-weight: bold; }
th, td { border: 1px solid #9aa7b4; padding: 3px 6px; }
td.extra { background: #fde8e8; }
p.meta { color: #555; }
</style>
"""


def render_briefing_header(briefing: Briefing) -> str:
    """Title and source as HTML."""
    meta = briefing.meta
    parts = [f"<h1>{escape(meta.title or 'Untitled briefing')}</h1>"]
    source = ", ".join(filter(None, [meta.source.publisher, meta.source.url, meta.source.date]))
    if source:
        parts.append(f"<p class='meta'>Source: {escape(source)}</p>")
    return "".join(parts)


def render_section(section: Section) -> str:
    """A section's heading and all its blocks as HTML."""
    heading = escape(section.heading) if section.heading else "<i>Lede</i>"
    return f"{STYLE}<h2>{heading}</h2>" + "".join(render_block(block) for block in section.blocks)


def render_block(block: Block) -> str:
    """One block as HTML; table cells beyond the header's width are tinted so ragged rows show."""
    if isinstance(block, Paragraph):
        html = []
        for run in block.runs:
            text = escape(run.text).replace("\n", "<br>")
            if run.bold:
                text = f"<b>{text}</b>"
            if run.italic:
                text = f"<i>{text}</i>"
            if run.href:
                text = f"<a href='{escape(run.href, quote=True)}'>{text}</a>"
            html.append(text)
        return f"<p>{''.join(html)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = []
        for item in block.items:
            term = f"<b>{escape(item.term)}</b> — " if item.term else ""
            indent = f" style='margin-left:{item.level * 20}px'" if item.level else ""
            items.append(f"<li{indent}>{term}{escape(item.text)}</li>")
        return f"<{tag}>{''.join(items)}</{tag}>"
    return _render_table(block)


def _render_table(table: Table) -> str:
    width = len(table.header)
    rows = ["<tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in table.header) + "</tr>"]
    for row in table.rows:
        cells = [
            f"<td{' class=extra' if index >= width else ''}>{escape(cell)}</td>"
            for index, cell in enumerate(row)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<p><i>{escape(table.caption)}</i></p>" if table.caption else ""
    return f"{caption}<table>{''.join(rows)}</table>"

"""A read-only rendering of the briefing as it will be exported: banner, header block, sections,
tables, recommendations. Pure string building, so it can be tested without a window."""

from __future__ import annotations

from html import escape

from briefing.kinds import texts
from briefing.model import Block, Briefing, ListBlock, Paragraph, Section, Table

STYLE = """
<style>
body { font-family: 'Carlito', 'Calibri', sans-serif; font-size: 10.5pt; }
h1 { font-size: 14pt; margin: 4px 0 2px 0; }
h2 { font-size: 12pt; margin: 14px 0 4px 0; color: #1f3864; }
p.banner { text-align: center; font-weight: bold; color: #7a1f1f; letter-spacing: 1px; }
table.block { border-collapse: collapse; margin: 6px 0 2px 0; }
table.block th { background: #d9e2f3; font-weight: bold; }
table.block th, table.block td { border: 1px solid #8ea4c8; padding: 3px 6px; }
td.missing { background: #eeeeee; }
td.extra { background: #fde3e3; }
p.caption { font-style: italic; color: #444; margin-top: 0; }
table.head td { padding: 1px 8px 1px 0; }
p.meta { color: #555; }
p.decision { color: #333; }
</style>
"""


def render_document(briefing: Briefing, sections: list[Section] | None = None) -> str:
    """The briefing as HTML, in export order; ``sections`` limits the body (for very large briefings)."""
    meta = briefing.meta
    parts = [STYLE, f"<p class='banner'>{escape(meta.classification or '')}</p>"]
    parts.append(f"<h1>{escape(meta.title or 'Untitled briefing')}</h1>")
    if meta.subtitle:
        parts.append(f"<p class='meta'>{escape(meta.subtitle)}</p>")
    rows = [
        ("For", meta.prepared_for),
        ("From", meta.prepared_by),
        ("Date", meta.date),
        ("Purpose", f"For {meta.purpose}" if meta.purpose else ""),
        ("Decision by", meta.decision_by if meta.purpose == "decision" else ""),
    ]
    head = "".join(f"<tr><td><b>{k}:</b></td><td>{escape(v)}</td></tr>" for k, v in rows if v)
    if head:
        parts.append(f"<table class='head'>{head}</table>")
    parts.append("<h2>Summary</h2>")
    if meta.summary:
        parts.append("<ul>" + "".join(f"<li>{escape(point)}</li>" for point in meta.summary) + "</ul>")
    else:
        lede = next((s for s in briefing.sections if not s.heading), None)
        if lede is not None:
            parts.extend(render_block(block) for block in lede.blocks)
    table_number = 0
    for section in sections if sections is not None else briefing.sections:
        if not section.heading:
            continue
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        for block in section.blocks:
            if isinstance(block, Table):
                table_number += 1
                parts.append(render_table(block, table_number))
            else:
                parts.append(render_block(block))
    if briefing.recommendations:
        parts.append("<h2>Recommendations</h2><ol>")
        for rec in briefing.recommendations:
            note = rec.annotation
            extra = ", ".join(
                f"{label}: {escape(value)}"
                for label, value in (("Owner", note.owner), ("Priority", note.priority), ("Due", note.due))
                if value
            )
            decision = (
                f"<p class='decision'>Decision: <b>{escape(note.decision)}</b></p>"
                if note.decision
                else "<p class='decision'>Approve ____ &nbsp; Disapprove ____ &nbsp; Other ____</p>"
                if meta.purpose == "decision"
                else ""
            )
            parts.append(f"<li>{escape(rec.text)}{f' <i>({extra})</i>' if extra else ''}{decision}</li>")
        parts.append("</ol>")
    source = meta.source
    if source.publisher or source.url:
        text = ", ".join(escape(v) for v in (source.publisher, source.url, source.date) if v)
        parts.append(f"<h2>Sources</h2><p>{text}</p>")
    if briefing.changes:
        parts.append(
            f"<h2>Corrections to the source</h2><p>{len(briefing.changes)} corrections recorded.</p>"
        )
    parts.append(f"<p class='banner'>{escape(meta.classification or '')}</p>")
    return "".join(parts)


def render_block(block: Block) -> str:
    """One block as HTML."""
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
    if isinstance(block, Table):
        return render_table(block, None)
    # A kind without its own rendering yet: its texts, as the block-kind registry lists them.
    return "".join(f"<p>{escape(text)}</p>" for _, text in texts(block) if text)


def render_table(table: Table, number: int | None) -> str:
    """A table with its header row; cells a ragged row lacks, or has beyond the header, are tinted."""
    width = max(table.column_count, 1)
    rows = ["<tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in table.header) + "</tr>"]
    for row in table.rows:
        cells = []
        for index in range(width):
            if index >= len(row):
                cells.append("<td class='missing'></td>")
            else:
                extra = " class='extra'" if index >= len(table.header) else ""
                cells.append(f"<td{extra}>{escape(row[index])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    label = f"Table {number}: " if number else ""
    caption = table.caption or ", ".join(cell for cell in table.header if cell)
    return (
        f"<table class='block' cellspacing='0'>{''.join(rows)}</table>"
        f"<p class='caption'>{escape(label + caption)}</p>"
    )

"""The raw-XML helpers: what python-docx cannot write, written in the order Word's schema demands."""

from __future__ import annotations

from lxml import etree

from briefing.export import ooxml
from briefing.export.ooxml import W_NS, w

NS = f'xmlns:w="{W_NS}"'


def children(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_xml_safe_drops_control_characters_and_lone_surrogates_only():
    text = "a\x00b\x0bc\x0cd\x1be\ufffef\ud800g\tkeep\nlines\r"
    assert ooxml.xml_safe(text) == ("abcdefg\tkeep\nlines\r", 6)
    assert ooxml.xml_safe("plain – “quotes” 北") == ("plain – “quotes” 北", 0)


def test_field_runs_form_one_complex_field_with_a_cached_result():
    paragraph = etree.fromstring(f"<w:p {NS}/>")
    ooxml.append_field(paragraph, "PAGE", "3")
    kinds = [r[0].get(w("fldCharType")) for r in paragraph if r[0].tag == w("fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert ooxml.field_instructions(paragraph) == ["PAGE"]
    assert ooxml.texts([paragraph]) == ["3"]  # the cached result readers show before fields update


def test_field_instructions_sees_simple_fields_too():
    paragraph = etree.fromstring(
        f'<w:p {NS}><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>'
    )
    assert ooxml.field_instructions(paragraph) == ["NUMPAGES"]


def test_repeat_header_goes_after_cant_split_and_before_jc():
    row = etree.fromstring(f"<w:tr {NS}><w:trPr><w:cantSplit/><w:jc w:val='center'/></w:trPr><w:tc/></w:tr>")
    ooxml.set_repeat_header(row)
    ooxml.set_repeat_header(row)  # idempotent
    assert children(row.find(w("trPr"))) == ["cantSplit", "tblHeader", "jc"]


def test_repeat_header_creates_trpr_after_tblprex():
    row = etree.fromstring(f"<w:tr {NS}><w:tblPrEx/><w:tc/></w:tr>")
    ooxml.set_repeat_header(row)
    assert children(row) == ["tblPrEx", "trPr", "tc"]


def test_generated_row_properties_are_in_schema_order():
    tr_pr = etree.fromstring(ooxml.row_properties_xml(header=True).replace("<w:trPr>", f"<w:trPr {NS}>"))
    order = [ooxml.TR_PR_ORDER.index(name) for name in children(tr_pr)]
    assert children(tr_pr) == ["cantSplit", "tblHeader"] and order == sorted(order)
    assert ooxml.row_properties_xml(header=False, cant_split=False) == ""


def test_cell_shading_goes_between_width_and_vertical_alignment_and_replaces_old():
    cell = etree.fromstring(
        f"<w:tc {NS}><w:tcPr><w:tcW w:w='100' w:type='dxa'/><w:shd w:fill='FF0000'/><w:vAlign w:val='top'/>"
        "</w:tcPr><w:p/></w:tc>"
    )
    ooxml.set_cell_shading(cell, "D9E2F3")
    tc_pr = cell.find(w("tcPr"))
    assert children(tc_pr) == ["tcW", "shd", "vAlign"]
    assert tc_pr.find(w("shd")).get(w("fill")) == "D9E2F3"


def test_cell_shading_creates_tcpr_first():
    cell = etree.fromstring(f"<w:tc {NS}><w:p/></w:tc>")
    ooxml.set_cell_shading(cell, "EEEEEE")
    assert children(cell) == ["tcPr", "p"]


def test_generated_table_parses_with_fixed_widths_and_escaped_text():
    widths = [2000, 3000]
    head = [ooxml.cell_open_xml(x, "TableHeading", fill="D9E2F3") for x in widths]
    body = [
        ooxml.cell_open_xml(x, "TableText", align) for x, align in zip(widths, ["", "right"], strict=True)
    ]
    rows = "<w:tr>" + ooxml.row_properties_xml(True)
    rows += "".join(
        o + ooxml.run_xml(t, bold=True) + ooxml.CELL_CLOSE
        for o, t in zip(head, ["A & B", "<n>"], strict=True)
    )
    rows += "</w:tr><w:tr>" + ooxml.row_properties_xml(False)
    rows += "".join(
        o + ooxml.run_xml(t) + ooxml.CELL_CLOSE for o, t in zip(body, ["x\ty\nz", "1,100"], strict=True)
    )
    rows += "</w:tr>"
    table = etree.fromstring(ooxml.table_xml_open("BriefingTable", widths) + rows + "</w:tbl>")
    assert children(table.find(w("tblPr"))) == ["tblStyle", "tblW", "tblLayout", "tblLook"]
    assert table.find(f"{w('tblPr')}/{w('tblLook')}").get(w("firstRow")) == "1"
    headless = etree.fromstring(ooxml.table_xml_open("BriefingTable", widths, header_row=False) + "</w:tbl>")
    assert headless.find(f"{w('tblPr')}/{w('tblLook')}").get(w("firstRow")) == "0"
    assert [int(g.get(w("w"))) for g in table.iter(w("gridCol"))] == widths
    first, second = table.findall(w("tr"))
    assert first.find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert second.find(f"{w('trPr')}/{w('tblHeader')}") is None
    assert ooxml.texts(first.findall(w("tc"))) == ["A & B", "<n>"]
    assert ooxml.texts(second.findall(w("tc"))) == ["xyz", "1,100"]
    cell = second.findall(w("tc"))[0]
    assert [etree.QName(n).localname for n in cell.iter(w("tab"), w("br"))] == ["tab", "br"]
    assert second.findall(w("tc"))[1].find(f"{w('p')}/{w('pPr')}/{w('jc')}").get(w("val")) == "right"


def test_comment_markers_parse_and_pair_up():
    xml = f"<w:p {NS}>{ooxml.comment_start_xml(4)}{ooxml.run_xml('x')}{ooxml.comment_end_xml(4)}</w:p>"
    paragraph = etree.fromstring(xml)
    assert children(paragraph) == ["commentRangeStart", "r", "commentRangeEnd", "r"]
    assert paragraph[-1].find(w("commentReference")).get(w("id")) == "4"


def test_placeholder_split_over_runs_is_replaced_and_field_results_left_alone():
    paragraph = etree.fromstring(
        f"<w:p {NS}><w:r><w:rPr><w:b/></w:rPr><w:t>{{classi</w:t></w:r><w:r><w:t>fication}}</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>{title}</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    )
    assert ooxml.replace_placeholders(paragraph, {"{classification}": "SECRET", "{title}": "T"})
    assert [t.text for t in paragraph.iter(w("t"))] == ["SECRET", "", "{title}"]
    assert paragraph[0].find(f"{w('rPr')}/{w('b')}") is not None  # the first run's formatting is kept
    assert not ooxml.replace_placeholders(
        etree.fromstring(f"<w:p {NS}><w:r><w:t>x</w:t></w:r></w:p>"), {"{a}": ""}
    )


def test_list_definitions_come_before_instances_and_instances_restart():
    numbering = etree.fromstring(
        f"<w:numbering {NS}><w:abstractNum w:abstractNumId='0'/><w:num w:numId='1'>"
        "<w:abstractNumId w:val='0'/></w:num><w:numIdMacAtCleanup w:val='1'/></w:numbering>"
    )
    lists = ooxml.Numbering(numbering)
    bullets = lists.add_abstract(ordered=False)
    numbers = lists.add_abstract(ordered=True)
    first = lists.add_instance(numbers, restart=True)
    second = lists.add_instance(bullets, restart=False)
    assert (bullets, numbers, first, second) == (1, 2, 2, 3)
    assert children(numbering) == ["abstractNum"] * 3 + ["num"] * 3 + ["numIdMacAtCleanup"]
    restart = numbering.find(f"{w('num')}[@{w('numId')}='2']")
    assert restart.find(f"{w('lvlOverride')}/{w('startOverride')}").get(w("val")) == "1"
    assert numbering.find(f"{w('num')}[@{w('numId')}='3']/{w('lvlOverride')}") is None
    definition = numbering.find(f"{w('abstractNum')}[@{w('abstractNumId')}='2']")
    assert [lvl.find(w("numFmt")).get(w("val")) for lvl in definition.findall(w("lvl"))][:3] == [
        "decimal",
        "lowerLetter",
        "lowerRoman",
    ]


def test_list_definitions_stay_before_instances_when_the_template_has_none():
    """An empty ``w:numbering`` (or one with damaged ids): a definition added after an instance still
    goes before every instance, and ids count on from the valid ones."""
    numbering = etree.fromstring(f"<w:numbering {NS}><w:abstractNum w:abstractNumId='x'/></w:numbering>")
    lists = ooxml.Numbering(numbering)
    first = lists.add_abstract(ordered=False)
    instance = lists.add_instance(first)
    second = lists.add_abstract(ordered=True)
    assert (first, instance, second) == (0, 1, 1)
    assert children(numbering) == ["abstractNum"] * 3 + ["num"]


def test_numbering_goes_after_style_and_before_spacing():
    paragraph = etree.fromstring(
        f"<w:p {NS}><w:pPr><w:pStyle w:val='ListBullet'/><w:keepNext/><w:spacing w:after='0'/></w:pPr></w:p>"
    )
    ooxml.set_numbering(paragraph, 7, 1)
    ooxml.set_numbering(paragraph, 8, 2)  # replaces, never duplicates
    p_pr = paragraph.find(w("pPr"))
    assert children(p_pr) == ["pStyle", "keepNext", "numPr", "spacing"]
    assert p_pr.find(f"{w('numPr')}/{w('numId')}").get(w("val")) == "8"


def test_bottom_border_goes_before_tabs_and_spacing():
    p_pr = etree.fromstring(f"<w:pPr {NS}><w:pStyle w:val='X'/><w:tabs/><w:spacing/></w:pPr>")
    ooxml.set_bottom_border(p_pr, "1F3864")
    assert children(p_pr) == ["pStyle", "pBdr", "tabs", "spacing"]


def test_custom_properties_round_trip_and_keep_other_properties():
    first = ooxml.custom_properties_xml({"Classification": "SECRET", "Purpose": "For decision"})
    assert ooxml.read_custom_properties(first) == {"Classification": "SECRET", "Purpose": "For decision"}
    merged = ooxml.custom_properties_xml({"Classification": "PROTECTED A\x0b"}, existing=first)
    assert ooxml.read_custom_properties(merged) == {
        "Purpose": "For decision",
        "Classification": "PROTECTED A",
    }
    root = etree.fromstring(merged)
    assert [p.get("pid") for p in root] == ["2", "3"]
    assert {p.get("fmtid") for p in root} == {ooxml.CUSTOM_FMTID}


def test_custom_properties_ignore_a_damaged_existing_part():
    assert ooxml.read_custom_properties(ooxml.custom_properties_xml({"A": "1"}, existing=b"<not xml")) == {
        "A": "1"
    }


def test_hyperlink_points_at_its_relationship():
    link = ooxml.hyperlink_element("rId9")
    assert link.get(f"{{{ooxml.R_NS}}}id") == "rId9" and link.tag == w("hyperlink")


def test_children_are_put_in_schema_order_with_unknown_ones_last():
    style = etree.fromstring(
        f'<w:style xmlns:w="{W_NS}" xmlns:x="urn:x"><w:pPr/><x:ext/><w:qFormat/><w:name w:val="a"/></w:style>'
    )
    ooxml.in_schema_order(style, ooxml.STYLE_ORDER)
    assert [etree.QName(c).localname for c in style] == ["name", "qFormat", "pPr", "ext"]


def test_content_types_give_every_part_its_type():
    xml = ooxml.content_types_xml(
        [("/word/document.xml", "application/main+xml"), ("/customXml/item1.xml", "application/xml"),
         ("/media/a.png", "image/png"), ("/media/b.png", "image/png")]
    )  # fmt: skip
    root = etree.fromstring(xml)
    defaults = {n.get("Extension"): n.get("ContentType") for n in root if n.get("Extension")}
    overrides = {n.get("PartName"): n.get("ContentType") for n in root if n.get("PartName")}
    assert defaults["png"] == "image/png" and defaults["xml"] == "application/xml" and "rels" in defaults
    assert overrides == {"/word/document.xml": "application/main+xml"}


def test_compatibility_mode_is_set_or_added_in_place():
    settings = etree.fromstring(f'<w:settings xmlns:w="{W_NS}"><w:zoom/><w:rsids/></w:settings>')
    ooxml.set_compatibility_mode(settings)
    assert [etree.QName(c).localname for c in settings] == ["zoom", "compat", "rsids"]
    ooxml.set_compatibility_mode(settings)
    modes = [c.get(w("val")) for c in settings.iter(w("compatSetting"))]
    assert modes == ["15"]

"""The DOCX renderer, read back with python-docx: structure, numbering, tables, properties, bytes."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import pytest
from docx_helpers import (
    W, body_paragraphs, context, expected_body, generated, num_pr, numbering, read, write_png,
)

from docx.shared import Mm

from avtale import layout
from avtale.errors import RenderError
from avtale.render import RenderContext, common, docx as docx_render


def render(agreement, base_dir=None) -> bytes:
    from conftest import AGREEMENTS

    return docx_render.render(agreement, context(base_dir or AGREEMENTS))


@pytest.fixture
def generated_dir(tmp_path):
    write_png(tmp_path / "logo" / "kd.png")
    return tmp_path


@pytest.fixture
def docs(agreement_2014, agreement_2022, generated_dir):
    """(agreement, document) for both real agreements and the generated one."""
    gen = generated()
    return [
        (agreement_2014, read(render(agreement_2014))),
        (agreement_2022, read(render(agreement_2022))),
        (gen, read(render(gen, generated_dir))),
    ]


def style_id(paragraph) -> str | None:
    ppr = paragraph._p.pPr
    return None if ppr is None else ppr.style


# -- headings and text ---------------------------------------------------------


def test_body_paragraphs_follow_the_model_in_order_and_style(docs):
    for agreement, document in docs:
        got = [(style_id(p), p.text) for p in body_paragraphs(document)]
        assert got == expected_body(agreement), agreement.id


def test_title_is_heading_1_and_no_paragraph_uses_the_title_style(agreement_2014):
    document = read(render(agreement_2014))
    first = body_paragraphs(document)[0]
    assert first.style.name == "Heading 1"
    assert first.text == agreement_2014.title
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == [
        s.title for s in agreement_2014.sections
    ]
    assert not [p for p in document.paragraphs if p.style.name in ("Title", "Subtitle")]


def test_heading_styles_are_arial_black_with_sizes_from_the_layout(agreement_2014):
    document = read(render(agreement_2014))
    sizes = layout.load()["size_pt"]
    for name, key in (("Heading 1", "title"), ("Heading 2", "heading"), ("Heading 3", "subheading")):
        style = document.styles[name]
        fonts = style.element.rPr.find(f"{W}rFonts")
        assert fonts.get(f"{W}ascii") == "Arial" and fonts.get(f"{W}asciiTheme") is None, name
        assert style.font.size.pt == sizes[key], name
        assert style.font.bold is True
        assert str(style.font.color.rgb) == "000000"
        assert style.font.color.theme_color is None


def test_text_is_inserted_as_text_not_markup(generated_dir):
    hostile = "<script>alert(1)</script> & <w:p/>"
    agreement = generated(preamble=[hostile], title="Tittel </w:t>")
    data = render(agreement, generated_dir)
    document = read(data)
    texts = [p.text for p in document.paragraphs]
    assert hostile in texts and "Tittel </w:t>" in texts
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script>" not in xml


def test_characters_xml_cannot_hold_are_dropped_not_fatal(generated_dir):
    agreement = generated(preamble=["før\x0better\x01"])
    document = read(render(agreement, generated_dir))
    assert "føretter" in [p.text for p in document.paragraphs]


# -- numbering -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "first", "second"),
    [("1.", "%1.", "%1.%2"), ("1", "%1", "%1.%2"), ("§ 1", "§ %1", "%1.%2")],
)
def test_section_numbering_is_word_numbering_linked_to_the_heading_styles(generated_dir, style, first, second):
    document = read(render(generated(numbering=style), generated_dir))
    nums = numbering(document)
    headings = [p for p in document.paragraphs if style_id(p) in ("Heading2", "Heading3")]
    ids = {num_pr(p)[0] for p in headings}
    assert len(ids) == 1
    num_id = ids.pop()
    assert nums[num_id]["levels"][0] == ("decimal", first, "Heading2")
    assert nums[num_id]["levels"][1] == ("decimal", second, "Heading3")
    assert [num_pr(p)[1] for p in headings] == [0 if style_id(p) == "Heading2" else 1 for p in headings]
    for name, ilvl in (("Heading 2", 0), ("Heading 3", 1)):
        style_numpr = document.styles[name].element.pPr.find(f"{W}numPr")
        assert int(style_numpr.find(f"{W}numId").get(f"{W}val")) == num_id
        assert int(style_numpr.find(f"{W}ilvl").get(f"{W}val")) == ilvl
    # the title is never numbered
    assert num_pr(document.paragraphs[0]) is None
    assert document.styles["Heading 1"].element.pPr.find(f"{W}numPr") is None


def test_numbering_none_leaves_headings_unnumbered(generated_dir):
    document = read(render(generated(numbering="none"), generated_dir))
    headings = [p for p in document.paragraphs if style_id(p) in ("Heading2", "Heading3")]
    assert headings and all(num_pr(p) is None for p in headings)
    for name in ("Heading 2", "Heading 3"):
        ppr = document.styles[name].element.pPr
        assert ppr.find(f"{W}numPr") is None
    assert all(n["levels"][0][2] is None for n in numbering(document).values())


def test_each_numbered_list_has_its_own_num_restarting_at_one(generated_dir):
    agreement = generated()
    document = read(render(agreement, generated_dir))
    nums = numbering(document)
    lists, current, last = [], None, None
    for p in document.paragraphs:
        if style_id(p) != "ListParagraph":
            last = None
            continue
        num_id = num_pr(p)[0]
        if num_id != last:
            current = [num_id, 0]
            lists.append(current)
        current[1] += 1
        last = num_id
    numbered = [(n, count) for n, count in lists if nums[n]["levels"][0][0] != "bullet"]
    # preamble a) [2], section 2 a) [3], 2.1 1) [2], 2.2 1. [1]
    assert [count for _, count in numbered] == [2, 3, 2, 1]
    assert len({n for n, _ in numbered}) == 4, "every numbered list has its own w:num"
    assert all(nums[n]["start"] == 1 for n, _ in numbered)
    formats = [nums[n]["levels"][0][:2] for n, _ in numbered]
    assert formats == [("lowerLetter", "%1)"), ("lowerLetter", "%1)"), ("decimal", "%1)"), ("decimal", "%1.")]
    # the two a) lists share a definition but not a num: the second starts again at a
    assert nums[numbered[0][0]]["abstract"] == nums[numbered[1][0]]["abstract"]


def test_the_eleven_items_of_2022_are_one_list_numbered_1_to_11(agreement_2022):
    document = read(render(agreement_2022))
    items = [p for p in document.paragraphs if style_id(p) == "ListParagraph"]
    assert len(items) == 11
    ids = {num_pr(p) for p in items}
    assert len(ids) == 1
    num_id, ilvl = ids.pop()
    entry = numbering(document)[num_id]
    assert ilvl == 0 and entry["start"] == 1 and entry["levels"][0][:2] == ("decimal", "%1.")


def test_bullets_are_word_bullets(agreement_2014):
    document = read(render(agreement_2014))
    nums = numbering(document)
    items = [p for p in document.paragraphs if style_id(p) == "ListParagraph"]
    assert len(items) == 2 + 17
    for p in items:
        fmt, text, _ = nums[num_pr(p)[0]]["levels"][0]
        assert fmt == "bullet" and text == "\u2022"
        assert not p.text.startswith("\u2022"), "the bullet is numbering, not typed"


# -- tables ------------------------------------------------------------------------


def _layout_table_checks(table):
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(f"{W}tblLook")
    assert look.get(f"{W}firstRow") == "0", "a layout table has no header row"
    assert all(tr.trPr is None or tr.trPr.find(f"{W}tblHeader") is None for tr in table._tbl.tr_lst)
    borders = tbl_pr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"nil"}


def test_letterhead_has_one_cell_per_party_with_name_or_logo(docs):
    for agreement, document in docs:
        letterhead = document.tables[0]
        _layout_table_checks(letterhead)
        cells = letterhead.rows[0].cells
        assert len(cells) == len(agreement.parties)
        for party, cell in zip(agreement.parties, cells):
            pictures = cell._tc.xpath(".//pic:pic")
            if party.logo:
                assert len(pictures) == 1 and cell.text == ""
                doc_pr = cell._tc.xpath(".//wp:docPr")[0]
                assert doc_pr.get("descr") == party.logo.alt
            else:
                assert not pictures and cell.text == party.name
    # the body starts with the letterhead, then the title
    body = docs[0][1].element.body
    assert body[0].tag == f"{W}tbl" and body[1].tag == f"{W}p"


def test_logo_keeps_its_height_from_the_layout(generated_dir):
    document = read(render(generated(), generated_dir))
    shape = document.inline_shapes[0]
    assert round(shape.height.mm, 1) == layout.load()["letterhead"]["logo_height_mm"]
    assert round(shape.width / shape.height, 2) == 1.5  # 90 x 60 pixels


def test_a_wide_logo_is_scaled_down_to_its_cell(generated_dir):
    write_png(generated_dir / "logo" / "kd.png", width=400, height=40)
    document = read(render(generated(), generated_dir))
    shape = document.inline_shapes[0]
    cell_width = document.tables[0].rows[0].cells[0].width
    gap = Mm(layout.load()["letterhead"]["gap_mm"])
    # the plan (render.letterhead_plan) lowers every logo so the widest fills its column up to the gap
    assert abs(shape.width - (cell_width - gap)) <= 635, "the logo fills its column up to the gap (within a twip)"
    assert round(shape.width / shape.height, 1) == 10.0


def test_signature_table_has_a_row_per_line_of_the_block_in_rows_of_three(docs):
    cfg = layout.load()["signature"]
    for agreement, document in docs:
        if not agreement.signing:
            assert len(document.tables) == 1
            continue
        table = document.tables[-1]
        _layout_table_checks(table)
        columns = common.signature_columns(agreement, layout.load())
        expected = []
        for i in range(0, len(columns), 3):  # party, room to sign, name under the line, title (own place/date)
            row = columns[i:i + 3]
            expected += [[c.label for c in row], [""] * len(row), [c.name for c in row], [c.title for c in row]]
            if any(c.place_date for c in row):
                expected.append([c.place_date for c in row])
        trs = table._tbl.tr_lst
        assert [[tc_text(tc) for tc in tr.findall(f"{W}tc")] for tr in trs] == expected
        assert all(tr.trPr.find(f"{W}cantSplit") is not None for tr in trs)
        rooms = [tr for tr in trs if tr.trPr.find(f"{W}trHeight") is not None]
        assert len(rooms) == (len(columns) + 2) // 3
        assert {(h.get(f"{W}val"), h.get(f"{W}hRule")) for tr in rooms for h in tr.trPr.findall(f"{W}trHeight")} \
            == {(str(round(cfg["space_above_line_mm"] * 1440 / 25.4)), "exact")}
        lined = [p for p in table._tbl.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None]
        assert [tc_text(p) for p in lined] == [c.name for c in columns], "a line over each name only"
        assert all(p.find(f"{W}pPr/{W}pBdr/{W}top").get(f"{W}val") == "single" for p in lined)
        place = document.paragraphs[-2]
        assert place.paragraph_format.keep_with_next is True
        assert document.paragraphs[-3].paragraph_format.keep_with_next is True, "text goes with the signatures"
        body = document.element.body
        assert body[-3] is table._tbl and body[-2] is document.paragraphs[-1]._p
        end = document.paragraphs[-1]
        assert end.text == "" and end.paragraph_format.line_spacing.pt == 1


def tc_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))


def test_place_and_date_in_norwegian_form(agreement_2014):
    document = read(render(agreement_2014))
    assert document.paragraphs[-2].text == "Oslo, 7. november 2014"


# -- page, language, properties ----------------------------------------------------------


def test_page_is_a4_with_margins_from_the_layout(agreement_2014):
    section = read(render(agreement_2014)).sections[0]
    page = layout.load()["page"]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == page["margin_left_mm"]
    assert round(section.top_margin.mm) == page["margin_top_mm"]


@pytest.mark.parametrize(("language", "tag"), [("nb", "nb-NO"), ("nn", "nn-NO")])
def test_document_language_and_typeface_in_the_style_defaults(generated_dir, language, tag):
    document = read(render(generated(language=language), generated_dir))
    rpr = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr.find(f"{W}lang").get(f"{W}val") == tag
    fonts = rpr.find(f"{W}rFonts")
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs")} == {"Arial"}
    assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    assert document.core_properties.language == tag


def test_layout_drives_the_sizes(agreement_2014):
    changed = copy.deepcopy(layout.load())
    changed["size_pt"]["body"] = 12.5
    changed["page"]["margin_left_mm"] = 30
    from conftest import AGREEMENTS

    data = docx_render.render(agreement_2014, RenderContext(base_dir=AGREEMENTS, layout=changed))
    document = read(data)
    sz = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    assert sz.get(f"{W}val") == "25"
    assert round(document.sections[0].left_margin.mm) == 30


def test_core_properties_come_from_the_agreement(agreement_2014, agreement_2022):
    props = read(render(agreement_2014)).core_properties
    assert props.title == agreement_2014.title
    assert props.author == "Kunnskapsdepartementet; KS"
    assert props.subject == "Avtale mellom Kunnskapsdepartementet og KS"
    assert props.created == props.modified == dt.datetime(2014, 11, 7, tzinfo=dt.timezone.utc)  # signing date
    assert props.last_modified_by == "Kunnskapsdepartementet; KS"
    assert props.revision == 1 and props.comments == "" and props.last_printed is None
    # no signing, no start: the end of the period
    assert read(render(agreement_2022)).core_properties.created == dt.datetime(2025, 12, 31, tzinfo=dt.timezone.utc)


def test_nothing_from_the_python_docx_template_is_left(agreement_2014):
    data = render(agreement_2014)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "customXml/item1.xml"} & names
    for name in names:
        blob = archive.read(name)
        assert b"python-docx" not in blob and b"Macintosh" not in blob, name
    # every style a paragraph names exists
    document = read(data)
    ids = {s.style_id for s in document.styles}
    assert {style_id(p) for p in document.paragraphs} - {None} <= ids


# -- bytes ----------------------------------------------------------------------------------


def test_same_agreement_gives_byte_identical_docx(agreement_2014, generated_dir):
    assert render(agreement_2014) == render(agreement_2014)
    assert render(generated(), generated_dir) == render(generated(), generated_dir)


def test_zip_entries_have_fixed_times_and_a_stable_order(agreement_2014):
    archive = zipfile.ZipFile(io.BytesIO(render(agreement_2014)))
    infos = archive.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"] and names[2:] == sorted(names[2:])
    assert archive.testzip() is None


# -- logos that cannot be used ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "message"),
    [("logo/none.png", "not found"), ("../outside.png", "outside"), ("logo/text.png", "not a PNG or JPEG")],
)
def test_unusable_logo_is_a_render_error(generated_dir, file, message):
    write_png(generated_dir.parent / "outside.png")
    (generated_dir / "logo" / "text.png").write_text("not an image")
    parties = [
        {"id": "kd", "name": "Kunnskapsdepartementet", "logo": {"file": file, "alt": "Logo"}},
        {"id": "ks", "name": "KS"},
        {"id": "udir", "name": "Utdanningsdirektoratet"},
    ]
    with pytest.raises(RenderError, match=message) as info:
        render(generated(parties=parties), generated_dir)
    assert "\n" not in str(info.value) and "kd" in str(info.value)


def test_signature_type_shrinks_only_when_a_word_would_not_fit(agreement_2014, generated_dir):
    two = read(render(agreement_2014)).tables[-1]
    assert not list(two._tbl.iter(f"{W}sz")), "two signatories: the body size"
    five = read(render(generated(), generated_dir)).tables[-1]  # columns of 47 mm: every word fits
    assert not list(five._tbl.iter(f"{W}sz"))
    people = [{"party": "kd", "name": "Per Moe", "title": "Distriktsnæringsutviklingsministerassistent"}] * 3
    small = read(render(generated(signing={"place": "Oslo", "date": "2024-01-05", "signatories": people}),
                        generated_dir)).tables[-1]
    runs = list(small._tbl.iter(f"{W}r"))
    sizes = {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in runs}
    assert len(sizes) == 1 and 16 <= int(sizes.pop()) < 2 * layout.load()["size_pt"]["body"], "one size for all"


@pytest.mark.parametrize("hyphenate", [False, True])
def test_word_hyphenates_only_where_the_layout_hyphenates_the_pdf(agreement_2014, hyphenate):
    """`hyphenate` in the layout turns on Word's automatic hyphenation, as the PDF's; off by default."""
    custom = copy.deepcopy(layout.load())
    assert custom["hyphenate"] is False
    custom["hyphenate"] = hyphenate
    data = docx_render.render(agreement_2014, RenderContext(layout=custom))
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert ("<w:autoHyphenation/>" in settings) is hyphenate
    if hyphenate:
        assert settings.index("<w:defaultTabStop") < settings.index("<w:autoHyphenation/>")

"""The DOCX signature block as a grid (issue 16, point 1): its XML, and LibreOffice's layout of it.

XML: a table row per line of the block (party, room to sign, name under its line, title, own place and
date), fixed widths from `signature_grid`, no borders but the lines, one type size, no hyphenation, never
split. LibreOffice (its PDF read with `pdftotext -bbox-layout`): for 2, 3, 5, 8 and 12 parties with long
names, each line of a row of signatories stands at one height in every column, no word of a party, name
or title is broken, the block stands on one page with the place and date and the last paragraph, and a
short row stands where the layout says.
"""

from __future__ import annotations

import copy
import html
import io
import re
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool
from docx_helpers import W
from lxml import etree
from render_samples import agreement

from avtale import layout
from avtale.render import RenderContext, common, signature_grid
from avtale.render import docx as docx_render

MINISTRIES = ["Arbeids- og inkluderingsdepartementet", "Kommunal- og distriktsdepartementet",
              "Samferdselsdepartementet", "Kunnskapsdepartementet", "KS"]
GIVEN = ["Anne-Kristine", "Bjørn-Magnus", "Karianne", "Ole-Gunnar", "Siv-Merete", "Tor-Arne", "Inger-Lise",
         "Hans-Petter", "Mari-Ann", "Per-Øyvind", "Liv-Torill", "Jan-Erik", "Eva-Britt", "Knut-Ivar", "Unni-Lene",
         "Geir-Atle"]
TITLES = ["Kommunal- og distriktsminister", "Arbeids- og inkluderingsminister", "Statsråd"]
LAST = "Siste avsnitt går med underskriftene."
TWIPS = 1440 / 25.4
PT = 72 / 25.4


def signed(n: int, electronic: bool = False, own: dict | None = None, filler: int = 0):
    """`n` parties with long names, one signatory each («Anne-Kristine Bjørnstad-Haugland» …)."""
    parties = [{"id": f"p{i}", "name": MINISTRIES[i % 5] + ("" if i < 5 else f" {i}")} for i in range(n)]
    people = [{"party": f"p{i}", "name": f"{GIVEN[i]} Bjørnstad-Haugland", "title": TITLES[i % 3]} for i in range(n)]
    for i, fields in (own or {}).items():
        people[i].update(fields)
    blocks = [f"Avsnitt {k} fyller siden med tekst som ikke betyr noe for underskriftene." for k in range(filler)]
    return agreement(parties=parties, sections=[{"title": "Formål", "blocks": [*blocks, LAST]}],
                     signing={"place": "Oslo", "date": "2026-03-01", "electronic": electronic, "signatories": people})


def layout_with(**signature) -> dict:
    changed = copy.deepcopy(layout.load())
    changed["signature"].update(signature)
    return changed


def build(a, lay=None) -> bytes:
    return docx_render.render(a, RenderContext(base_dir=Path("."), layout=lay or layout.load()))


def body(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


def signature_table(root):
    return next(t for t in root.findall(f"{W}tbl")
                if t.find(f"{W}tblPr/{W}tblCaption[@{W}val='Underskrifter']") is not None)


def text(element) -> str:
    return "".join(t.text or "" if t.tag == f"{W}t" else "-" for t in element.iter(f"{W}t", f"{W}noBreakHyphen"))


def cells(tbl) -> list[list[str]]:
    return [[text(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]


def margin(tc, side: str) -> int:
    found = tc.find(f"{W}tcPr/{W}tcMar/{W}{side}")
    return 0 if found is None else int(found.get(f"{W}w"))


# -- the XML -------------------------------------------------------------------------------------------------


def test_five_parties_are_rows_of_lines_three_and_two_with_fixed_widths_and_lines_only():
    a = signed(5)
    lay = layout.load()
    grid = signature_grid.grid(a, lay)
    tbl = signature_table(body(build(a)))
    columns = common.signature_columns(a, lay)
    first, short = columns[:3], columns[3:]
    assert cells(tbl) == [
        [c.label for c in first], ["", "", ""], [c.name for c in first], [c.title for c in first],
        [c.label for c in short], ["", ""], [c.name for c in short], [c.title for c in short],
    ]
    width = round(grid.column_mm * TWIPS) * 3 + round(grid.gap_mm * TWIPS) * 2
    assert abs(width - round(160 * TWIPS)) <= 2, "the block is the text's width"
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == str(width)
    assert {b.get(f"{W}val") for b in tbl.find(f"{W}tblPr/{W}tblBorders")} == {"nil"}
    grid_cols = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid_cols) == width
    for tr in tbl.findall(f"{W}tr"):
        tcs = tr.findall(f"{W}tc")
        assert sum(int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tcs) == width
        assert sum(int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) if tc.find(f"{W}tcPr/{W}gridSpan")
                   is not None else 1 for tc in tcs) == len(grid_cols)
        room = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) - margin(tc, "left") - margin(tc, "right") for tc in tcs]
        assert room == [round(grid.column_mm * TWIPS)] * len(tcs), "every column as wide, in every row"
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
        assert tr.find(f"{W}trPr/{W}gridBefore") is None and tr.find(f"{W}trPr/{W}gridAfter") is None
    assert not list(tbl.iter(f"{W}tcBorders"))
    rooms = [tr for tr in tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}trHeight") is not None]
    assert [(h.get(f"{W}val"), h.get(f"{W}hRule")) for tr in rooms for h in tr.iter(f"{W}trHeight")] == [
        (str(round(lay["signature"]["space_above_line_mm"] * TWIPS)), "exact")] * 2
    lined = [p for p in tbl.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None]
    assert [text(p) for p in lined] == [c.name for c in columns]
    for p in lined:
        assert [(b.tag, b.get(f"{W}val"), b.get(f"{W}sz")) for b in p.find(f"{W}pPr/{W}pBdr")] == [
            (f"{W}top", "single", str(round(lay["signature"]["line_weight_pt"] * 8)))]
        indent = int(p.find(f"{W}pPr/{W}ind").get(f"{W}right"))
        assert round(grid.column_mm * TWIPS) - indent == pytest.approx(grid.line_mm * TWIPS, abs=1), "line_mm long"


def test_every_paragraph_unhyphenated_and_kept_with_the_next_but_the_last_row():
    root = body(build(signed(5)))
    tbl = signature_table(root)
    rows = tbl.findall(f"{W}tr")
    for tr in rows:
        for p in tr.iter(f"{W}p"):
            assert p.find(f"{W}pPr/{W}suppressAutoHyphens") is not None
            assert (p.find(f"{W}pPr/{W}keepNext") is not None) == (tr is not rows[-1])
    place, before = tbl.getprevious(), tbl.getprevious().getprevious()
    assert text(place) == "Oslo, 1. mars 2026" and place.find(f"{W}pPr/{W}keepNext") is not None
    assert text(before) == LAST and before.find(f"{W}pPr/{W}keepNext") is not None, "the last paragraph goes along"


def test_hyphens_inside_names_do_not_break_and_read_back_as_hyphens():
    data = build(signed(3))
    tbl = signature_table(body(data))
    name = next(p for p in tbl.iter(f"{W}p") if text(p) == "Anne-Kristine Bjørnstad-Haugland")
    assert len(name.findall(f"{W}r/{W}noBreakHyphen")) == 2
    import docx

    table = docx.Document(io.BytesIO(data)).tables[-1]
    assert "Anne-Kristine Bjørnstad-Haugland" in [c.text for r in table.rows for c in r.cells]
    label = next(p for p in tbl.iter(f"{W}p") if text(p).startswith("For Arbeids"))
    assert not label.findall(f".//{W}noBreakHyphen"), "«Arbeids- og»: a hyphen before a space stays a hyphen"


def test_a_short_row_stands_left_or_in_the_middle_by_its_cells_margins():
    a = signed(5)
    for short, offset in (("left", 0.0), ("center", None)):
        lay = layout_with(short_row=short)
        grid = signature_grid.grid(a, lay)
        tbl = signature_table(body(build(a, lay)))
        last = tbl.findall(f"{W}tr")[-1].findall(f"{W}tc")
        expected = grid.offset_mm(grid.rows[1]) if offset is None else offset
        assert margin(last[0], "left") == round(expected * TWIPS)
    assert signature_grid.grid(a, layout_with(short_row="center")).offset_mm([1, 2]) > 0


def test_one_type_size_for_the_whole_block_only_where_a_word_would_not_fit():
    assert not list(signature_table(body(build(signed(2)))).iter(f"{W}sz")), "every word fits at the body size"
    for a in (signed(5), signed(3, own={1: {"title": "Distriktsnæringsutviklingsministerassistent"}})):
        tbl = signature_table(body(build(a)))  # «inkluderingsdepartementet» in a column of 47 mm
        size = signature_grid.grid(a, layout.load()).size_pt
        assert 8 <= size < layout.load()["size_pt"]["body"]
        assert {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in tbl.iter(f"{W}r")} == {str(round(size * 2))}
        assert {p.find(f"{W}pPr/{W}rPr/{W}sz").get(f"{W}val") for p in tbl.iter(f"{W}p")} == {str(round(size * 2))}


def test_electronic_signing_has_no_room_and_no_lines():
    a = signed(5, electronic=True, own={1: {"date": "2026-03-04"}})
    tbl = signature_table(body(build(a)))
    assert not list(tbl.iter(f"{W}pBdr")) and not list(tbl.iter(f"{W}trHeight"))
    columns = common.signature_columns(a, layout.load())
    assert cells(tbl)[:4] == [[c.label for c in columns[:3]], [c.name for c in columns[:3]],
                              [c.title for c in columns[:3]], ["", "4. mars 2026", ""]]
    assert len(cells(tbl)) == 7


def test_more_than_five_rows_may_part_between_rows_only():
    tbl = signature_table(body(build(signed(16))))
    rows = tbl.findall(f"{W}tr")
    ends = [k for k, tr in enumerate(rows) if tr.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext") is None]
    assert ends == [3, 7, 11, 15, 19, 23], "each row of signatories whole; a page may end after one"


# -- LibreOffice ---------------------------------------------------------------------------------------------

CASES = {f"p{n}": (signed(n), None) for n in (2, 3, 5, 8, 12)}
CASES["p5-center"] = (signed(5), layout_with(short_row="center"))
CASES["p8-center-own"] = (signed(8, own={1: {"place": "Tromsø"}, 7: {"place": "Bodø"}}), layout_with(short_row="center"))
CASES["p5-electronic"] = (signed(5, electronic=True, own={4: {"date": "2026-03-04"}}), None)
PAGE_END = {f"end{k}": (signed(5, filler=k), None) for k in range(14, 40, 3)}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """name -> pages of (x, y, word) of LibreOffice's PDF of each case's DOCX (one soffice run)."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    out = tmp_path_factory.mktemp("sig-docx")
    for name, (a, lay) in {**CASES, **PAGE_END}.items():
        (out / f"{name}.docx").write_bytes(build(a, lay))
    profile = tmp_path_factory.mktemp("lo") / uuid.uuid4().hex
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *sorted(map(str, out.glob("*.docx")))],
                   check=True, capture_output=True, timeout=300)
    pages = {}
    for name in {**CASES, **PAGE_END}:
        xml = subprocess.run([pdftotext, "-bbox-layout", str(out / f"{name}.pdf"), "-"], check=True,
                             capture_output=True, text=True).stdout
        pages[name] = [[(float(m[1]), float(m[2]), html.unescape(m[5])) for m in WORD.finditer(page)]
                       for page in xml.split("<page ")[1:]]
    return pages


def columns_x(a, lay) -> list[float]:
    """Where each signatory's column starts on the page, in points."""
    grid = signature_grid.grid(a, lay)
    left = lay["page"]["margin_left_mm"]
    return [(left + grid.offset_mm(row) + k * (grid.column_mm + grid.gap_mm)) * PT
            for row in grid.rows for k in range(len(row))]


def tops(pages, a, lay):
    """(page, label top, name top, title top) of each signatory: the first word of each at its column."""
    out = []
    used = set()
    for column, x in zip(common.signature_columns(a, lay), columns_x(a, lay)):
        found = []
        for words, want in ((("For",), "label"), ((column.name.split()[0],), "name"), ((column.title.split()[0],), "title")):
            hits = [(p, y) for p, page in enumerate(pages) for wx, y, w in page
                    if w in words and abs(wx - x) < 1.5 and (p, y, want, round(x)) not in used
                    and (not found or (p, y) > found[-1])]
            assert hits, f"{want} of {column.name} not found at x={x:.1f}"
            first = min(hits)
            used.add((*first, want, round(x)))
            found.append(first)
        assert len({p for p, _y in found}) == 1
        out.append((found[0][0], *(y for _p, y in found)))
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_line_of_a_row_stands_at_one_height_in_every_column(laid_out, name):
    a, lay = CASES[name]
    lay = lay or layout.load()
    grid = signature_grid.grid(a, lay)
    found = tops(laid_out[name], a, lay)
    at = 0
    for row in grid.rows:
        mine = found[at:at + len(row)]
        at += len(row)
        for line in (1, 2, 3):  # party, name (the line a fixed distance above it), title
            heights = [t[line] for t in mine]
            assert max(heights) - min(heights) <= 1.0, (name, line, heights)
        if not grid.electronic:
            assert mine[0][2] - mine[0][1] >= lay["signature"]["space_above_line_mm"] * PT, "room to sign"


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_word_of_a_party_name_or_title_is_broken(laid_out, name):
    a, lay = CASES[name]
    words = {w for page in laid_out[name] for _x, _y, w in page}
    for column in common.signature_columns(a, lay or layout.load()):
        for part in (column.label, column.name, column.title, column.place_date):
            missing = [w for w in part.split() if w not in words]
            assert not missing, (name, part, missing)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_block_stands_on_one_page_with_place_date_and_the_last_paragraph(laid_out, name):
    a, lay = CASES[name]
    pages = laid_out[name]
    block = {t[0] for t in tops(pages, a, lay or layout.load())}
    assert len(block) == 1
    at = block.pop()
    words = {w for _x, _y, w in pages[at]}
    if name == "p12":
        # twelve long parties: the table and the place and date above it are together taller than a page, so
        # the table stands whole on a page of its own and the place and date end the page before it
        assert "Oslo," not in words and at > 0 and "Oslo," in {w for _x, _y, w in pages[at - 1]}
    else:
        assert {"Oslo,", "Siste", "underskriftene."} <= words


@pytest.mark.parametrize("name", ["p5", "p5-center", "p8", "p8-center-own"])
def test_a_short_row_stands_where_the_layout_says(laid_out, name):
    a, lay = CASES[name]
    lay = lay or layout.load()
    grid = signature_grid.grid(a, lay)
    found = tops(laid_out[name], a, lay)  # found at the x the grid gives; check that x itself
    xs = columns_x(a, lay)
    full = xs[0]
    short = xs[len(found) - len(grid.rows[-1])]
    if grid.short_row == "left":
        assert short == pytest.approx(full)
    else:
        assert short == pytest.approx(full + (grid.column_mm + grid.gap_mm) / 2 * PT)


def test_a_block_at_a_page_end_moves_whole_with_the_last_paragraph(laid_out):
    moved = 0
    for name, (a, _lay) in PAGE_END.items():
        pages = laid_out[name]
        block = {t[0] for t in tops(pages, a, layout.load())}
        assert len(block) == 1, name
        page = block.pop()
        words = [w for _x, _y, w in sorted(pages[page], key=lambda t: (t[1], t[0]))]
        assert "Oslo," in words and "Siste" in words, name
        moved += page > 0 and "Siste" in words[:3]  # the last paragraph went over with the block
    assert moved >= 1, "one of the fillers puts the block at a page end"

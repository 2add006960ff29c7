"""The PDF's signature block as a grid (issue 16): for 2, 3, 5, 8 and 12 parties with long names, measured
from the PDF itself (pdftotext -bbox for the words, the signature fields that stand over the lines).

Every line of the block — «For <party>», the signature line, the name, the title — stands at the same height
across a row of signatories whatever wraps; the columns are equal; no word is broken or hyphenated; the
whole block is set in one type size and stands on one page; a short row stands at the left or in the middle
as the layout says."""

from __future__ import annotations

import copy
import io

import pytest
from pypdf import PdfReader
from render_samples import agreement, context
from test_pdf_signing import widgets, words

from avtale import layout as layout_mod
from avtale.render import pdf, signature_grid

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MM = 72 / 25.4
MINISTRIES = [
    "Arbeids- og inkluderingsdepartementet", "Kommunal- og distriktsdepartementet", "Samferdselsdepartementet",
    "Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "Barne- og familiedepartementet",
    "Klima- og miljødepartementet", "Landbruks- og matdepartementet", "Nærings- og fiskeridepartementet",
    "Justis- og beredskapsdepartementet", "Kultur- og likestillingsdepartementet", "KS",
]
PEOPLE = ["Anne-Kristine Bjørnstad-Haugland", "Bjørn Arild Gram", "Kari Nordmann"]
TITLES = ["Kommunal- og distriktsminister", "Statsråd", "Arbeids- og inkluderingsminister"]


def many(n: int, electronic: bool = False, last: list | None = None):
    """`n` parties with long names; names and titles that wrap to different numbers of lines in one row."""
    sections = None
    if last is not None:
        sections = [{"title": "Formål", "blocks": ["Første avsnitt."]}, {"title": "Slutt", "blocks": last}]
    return agreement(
        parties=[{"id": f"p{i}", "name": MINISTRIES[i]} for i in range(n)],
        signing={"place": "Oslo", "date": "2020-03-02", "electronic": electronic, "signatories": [
            {"party": f"p{i}", "name": PEOPLE[i % 3], "title": TITLES[(i // 2) % 3]} for i in range(n)]},
        **({"sections": sections} if sections else {}),
    )


def layout_with(**signature) -> dict:
    out = copy.deepcopy(layout_mod.load())
    out["signature"].update(signature)
    return out


def build(a, layout: dict | None = None) -> bytes:
    ctx = context()
    return pdf.render(a, ctx if layout is None else ctx.replaced(layout=layout))


def block_words(data: bytes, tmp_path, place: str = "Oslo,") -> tuple[int, list]:
    """(page, words) of the signature block: the words after its place and date, above the footer."""
    pages = words(data, tmp_path)
    found = [(n, w) for n, ws in pages.items() for w in ws if w[0] == place]
    assert len(found) == 1, f"the block's place and date stand once: {found}"
    page, start = found[0]
    height = float(PdfReader(io.BytesIO(data)).pages[page - 1].mediabox.top)
    return page, [w for w in pages[page] if w[2] > start[2] + 1 and w[4] < height - 25 * MM]


def parts_by_column(grid, block: list) -> list[list[dict]]:
    """Each signatory's label, name and title as laid out: the top of each and the words it is set in,
    read down its column, so a word broken or hyphenated at a line's end shows as a word not in the source."""
    left = 25 * MM
    width = (grid.column_mm + grid.gap_mm) * MM
    streams: dict[int, list] = {}
    for w in block:
        k = int((w[1] - left + 1) // width)
        streams.setdefault(k, []).append(w)
    for k, ws in streams.items():  # read down the column, line by line (a line's words share their top)
        ws.sort(key=lambda w: (round(w[2]), w[1]))
    out = []
    for row in grid.rows:
        found = []
        for k, column in enumerate(row):
            stream = streams.get(k, [])
            parts = {}
            for part, text in (("label", column.label), ("name", column.name), ("title", column.title)):
                expected = text.split()
                got, stream = stream[:len(expected)], stream[len(expected):]
                assert [w[0] for w in got] == expected, f"{part} of {column.field} set whole"
                parts[part] = got[0][2]
                parts.setdefault("heights", set()).update(round(w[4] - w[2], 1) for w in got)
            streams[k] = stream
            found.append(parts)
        out.append(found)
    return out


@pytest.mark.parametrize("n", [2, 3, 5, 8, 12])
def test_every_line_of_a_row_stands_level_and_no_word_breaks(n, tmp_path):
    a = many(n)
    grid = signature_grid.grid(a, layout_mod.load())
    data = build(a)
    fields = widgets(data)
    assert [name for name, _, _ in fields] == [c.field for row in grid.rows for c in row]
    assert len({page for _, page, _ in fields}) == 1, "the block stands on one page"
    page, block = block_words(data, tmp_path)
    assert {p for _, p, _ in fields} == {page}
    assert not any("\u00ad" in w[0] or w[0].endswith("-") and w[0] not in " ".join(MINISTRIES + PEOPLE + TITLES).split()
                   for w in block), "no word hyphenated at a line's end"
    rects = iter([[float(v) for v in w["/Rect"]] for _, _, w in fields])
    step = (grid.column_mm + grid.gap_mm) * MM
    for row, parts in zip(grid.rows, parts_by_column(grid, block)):
        lines = [next(rects) for _ in row]
        for part in ("label", "name", "title"):
            tops = [p[part] for p in parts]
            assert max(tops) - min(tops) < 1, f"{part}s of a row stand level: {tops}"
        assert max(r[1] for r in lines) - min(r[1] for r in lines) < 1, "signature lines of a row stand level"
        for r, p in zip(lines, parts):  # the line between the label and the name (from the top: 297 mm less)
            assert p["label"] + 30 < 297 * MM - r[1] < p["name"], "room to sign, then the line, then the name"
        for k, r in enumerate(lines):
            assert abs(r[0] - (25 * MM + k * step)) < 0.5, "equal columns, from the left margin"
            assert abs(r[2] - r[0] - grid.line_mm * MM) < 0.5, "every line as long as the grid says"
    sizes = {h for row in parts_by_column(grid, block) for p in row for h in p["heights"]}
    assert len(sizes) == 1, f"one type size for the whole block: {sizes}"


def test_the_whole_block_is_set_in_the_grids_one_size(tmp_path):
    """Three long ministries: «inkluderingsdepartementet» does not fit a third of the line at 11 pt, so the
    whole block (not only that column) goes down to the grid's size, and only the block."""
    a = many(3)
    grid = signature_grid.grid(a, layout_mod.load())
    assert grid.size_pt < 11
    data = build(a)
    page, block = block_words(data, tmp_path)
    body = [w for w in words(data, tmp_path)[page] if w[0] == "Innledning."]
    block_height = {round(w[4] - w[2], 2) for w in block}
    assert len(block_height) == 1
    assert abs(block_height.pop() / (body[0][4] - body[0][2]) - grid.size_pt / 11) < 0.01


def test_titles_stand_level_under_names_that_wrap_differently(tmp_path):
    """«Anne-Kristine Bjørnstad-Haugland» takes two lines, «Bjørn Arild Gram» one: the titles still stand
    level, and so do the rows' own places and dates beneath them."""
    a = many(3)
    signing = a.signing.model_copy(update={"signatories": [
        s.model_copy(update={"place": "Bergen", "date": a.signing.date}) for s in a.signing.signatories]})
    a = a.model_copy(update={"signing": signing.model_copy(update={"place": None, "date": None})})
    data = build(a)
    pages = words(data, tmp_path)
    text = [w for ws in pages.values() for w in ws]
    names = {w[0]: w[2] for w in text if w[0] in ("Anne-Kristine", "Bjørnstad-Haugland", "Bjørn", "Kari")}
    assert names["Bjørnstad-Haugland"] > names["Anne-Kristine"] + 5, "the long name wraps"
    assert abs(names["Bjørn"] - names["Anne-Kristine"]) < 1
    own = [w[2] for w in text if w[0] == "Bergen,"]
    assert len(own) == 3 and max(own) - min(own) < 1, "own places and dates stand level"
    titles = [w[2] for w in text if w[0] in ("Kommunal-", "Statsråd") and w[2] > names["Anne-Kristine"]]
    assert len(titles) == 3 and max(titles) - min(titles) < 1, "titles stand level"
    assert min(own) > max(titles) + 20, "under titles of two lines"


@pytest.mark.parametrize("short_row", ["left", "center"])
def test_a_short_row_stands_where_the_layout_says(short_row):
    layout = layout_with(short_row=short_row)
    a = many(5)
    grid = signature_grid.grid(a, layout)
    rects = [[float(v) for v in w["/Rect"]] for _, _, w in widgets(build(a, layout))]
    shift = (grid.column_mm + grid.gap_mm) * MM / 2 if short_row == "center" else 0
    assert abs(rects[3][0] - rects[0][0] - shift) < 0.5 and abs(rects[4][0] - rects[1][0] - shift) < 0.5
    assert rects[3][1] < rects[0][1] - 50, "the short row stands under the full one"


def test_electronic_signing_has_no_lines_and_stays_level(tmp_path):
    a = many(5, electronic=True)
    grid = signature_grid.grid(a, layout_mod.load())
    data = build(a)
    assert "/AcroForm" not in PdfReader(io.BytesIO(data)).trailer["/Root"]
    _, block = block_words(data, tmp_path)
    assert block[0][0] == "Avtalen", "the note stands first"
    body = [w for w in block if w[2] > block[0][4]]
    for parts in parts_by_column(grid, body):
        for part in ("label", "name", "title"):
            tops = [p[part] for p in parts]
            assert max(tops) - min(tops) < 1, part


FILLER = "Et avsnitt som fyller siden med tekst, linje etter linje, helt til det ikke er plass. " * 6
LAST = "Dette er avsnittet rett over underskriftene[^n]."


@pytest.mark.parametrize("n, carried", [(8, True), (12, False)])
def test_the_block_moves_whole_to_the_next_page_with_the_last_paragraph(n, carried, tmp_path):
    """The block does not fit under the text: it moves to the next page whole, and the last paragraph with
    it — unless the paragraph and twelve signatories together are taller than a page; then the paragraph
    stays behind and the block still stands whole."""
    # twelve signatories and a long last paragraph are together taller than a page
    a = many(n, last=[FILLER] * 5 + [LAST if carried else FILLER + LAST]).model_copy(update={"footnotes": {"n": "Noten."}})
    data = build(a)
    pages = words(data, tmp_path)
    fields = widgets(data)
    page = fields[0][1]
    assert page > 1 and {p for _, p, _ in fields} == {page}, "the signatories stand on one page"
    last = [n for n, ws in pages.items() for w in ws if w[0] == "underskriftene"]
    assert last == ([page] if carried else [page - 1])

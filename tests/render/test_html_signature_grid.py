"""The HTML signature block as a CSS grid (issue 16), measured in headless Chromium: on screen from the DOM
(each signatory's label, line, name, title and own date, and every word's boxes), in print from Chromium's
PDF (pdftotext -bbox), for 2, 3, 5, 8 and 12 parties with long names.

Every line of the block stands at the same height across a row, the columns are equal, no word is broken
or hyphenated, the block has one type size, a short row stands where the layout says, and in print the
text is as wide as the PDF's (160 mm), the block stays on one page and takes the last paragraph with it."""

from __future__ import annotations

import json

import pytest
from render_samples import context
from test_html import chromium
from test_pdf_signature_grid import FILLER, LAST, MM, block_words, layout_with, many, parts_by_column
from test_pdf_signing import words

from avtale import layout as layout_mod
from avtale.render import html, signature_grid

from conftest import require_tool

PX_MM = 96 / 25.4  # CSS pixels in a millimetre
PROBE = """<script>
window.addEventListener("load", () => {
  const lines = p => { const range = document.createRange(); range.selectNodeContents(p);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; };
  const top = (s, sel) => { const e = s.querySelector(sel); return e ? e.getBoundingClientRect().top : null; };
  const rows = [...document.querySelectorAll(".signature-row")].map(row => [...row.querySelectorAll(".signatory")].map(s => {
    const r = s.getBoundingClientRect();
    const line = s.querySelector(".line");
    const broken = [], sizes = [];
    for (const p of s.querySelectorAll("p")) {
      sizes.push(getComputedStyle(p).fontSize);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const re = /\\S+/g;
        let m;
        while ((m = re.exec(n.data))) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          if (range.getClientRects().length !== 1) broken.push(m[0]);
        }
      }
    }
    return {left: r.left, width: r.width, party: top(s, ".party"), line: top(s, ".line"), name: top(s, ".name"),
            role: top(s, ".role"), own: top(s, ".place-date"), lineWidth: line ? line.getBoundingClientRect().width : null,
            nameLines: lines(s.querySelector(".name")),
            broken: broken, sizes: sizes};
  }));
  const place = document.querySelector(".signing > p:last-of-type");
  document.body.setAttribute("data-probe", JSON.stringify({rows: rows, place: place.getBoundingClientRect().bottom}));
});
</script>"""


def page(a, layout: dict | None = None) -> str:
    ctx = context() if layout is None else context().replaced(layout=layout)
    return html.render(a, ctx).decode("utf-8")


def probe(a, tmp_path, layout: dict | None = None, width: int = 1000) -> dict:
    from lxml import html as lxml_html

    path = tmp_path / "probe.html"
    path.write_text(page(a, layout).replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dom = chromium(tmp_path, path.as_uri(), f"--window-size={width},900", "--dump-dom").stdout
    return json.loads(lxml_html.fromstring(dom).body.get("data-probe"))


def printed(a, tmp_path) -> bytes:
    path = tmp_path / "print.html"
    path.write_text(page(a), encoding="utf-8")
    out = tmp_path / "print.pdf"
    chromium(tmp_path, path.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={out}")
    return out.read_bytes()


def level(values: list, what: str) -> None:
    assert max(values) - min(values) <= 1, f"{what} of a row stand level: {values}"


@pytest.mark.parametrize("n", [2, 3, 5, 8, 12])
def test_on_screen_every_line_of_a_row_stands_level_in_equal_columns(n, tmp_path):
    a = many(n)
    grid = signature_grid.grid(a, layout_mod.load())
    found = probe(a, tmp_path)
    assert [len(r) for r in found["rows"]] == [len(r) for r in grid.rows]
    everyone = [s for row in found["rows"] for s in row]
    widths = [s["width"] for s in everyone]
    assert max(widths) - min(widths) < 0.5, f"equal columns: {widths}"
    step = everyone[1]["left"] - everyone[0]["left"]
    assert abs(step - widths[0] - grid.gap_mm * PX_MM) < 1, "the layout's gap between columns"
    for row in found["rows"]:
        for part in ("party", "line", "name", "role"):
            level([s[part] for s in row], part)
        assert [round(s["left"] - row[0]["left"]) for s in row] == [round(k * step) for k in range(len(row))]
        for s in row:
            assert s["party"] < s["line"] < s["name"] < s["role"]
            assert abs(s["lineWidth"] / s["width"] - min(1, grid.line_mm / grid.column_mm)) < 0.01
    assert not [w for s in everyone for w in s["broken"]], "no word broken across lines"
    assert len({size for s in everyone for size in s["sizes"]}) == 1, "one type size for the whole block"
    if n >= 3:
        assert len({s["nameLines"] for s in everyone}) > 1, "names that wrap differently (the test means something)"
    room = layout_mod.load()["signature"]["space_above_line_mm"] / 2 * PX_MM
    assert everyone[0]["party"] - found["place"] >= room - 1, "room between the place and date and the labels"


def test_own_places_and_dates_stand_level_under_titles_that_wrap(tmp_path):
    a = many(3)
    signing = a.signing.model_copy(update={"place": None, "date": None, "signatories": [
        s.model_copy(update={"place": "Bergen", "date": a.signing.date}) for s in a.signing.signatories]})
    found = probe(a.model_copy(update={"signing": signing}), tmp_path)
    (row,) = found["rows"]
    level([s["own"] for s in row], "own places and dates")
    assert all(s["own"] > s["role"] for s in row)


@pytest.mark.parametrize("short_row", ["left", "center"])
def test_a_short_row_stands_where_the_layout_says(short_row, tmp_path):
    layout = layout_with(short_row=short_row)
    found = probe(many(5), tmp_path, layout)
    first, short = found["rows"]
    step = first[1]["left"] - first[0]["left"]
    shift = step / 2 if short_row == "center" else 0
    assert abs(short[0]["left"] - first[0]["left"] - shift) < 1 and abs(short[1]["left"] - first[1]["left"] - shift) < 1
    assert short[0]["width"] == first[0]["width"]


def test_electronic_signing_has_no_lines_and_stays_level(tmp_path):
    found = probe(many(5, electronic=True), tmp_path)
    for row in found["rows"]:
        assert all(s["line"] is None for s in row)
        for part in ("party", "name", "role"):
            level([s[part] for s in row], part)


def test_on_a_phone_signatories_stand_one_under_another(tmp_path):
    found = probe(many(3), tmp_path, width=400)
    lefts = {round(s["left"]) for s in found["rows"][0]}
    assert len(lefts) == 1, "one column"
    assert not [w for s in found["rows"][0] for w in s["broken"]]


@pytest.mark.parametrize("n", [5, 12])
def test_in_print_the_grid_is_the_pdfs(n, tmp_path):
    """Chromium's print of the page: text 160 mm wide (columns where the PDF has them), labels, names and titles
    level across a row, words whole, one type size, the block on one page."""
    require_tool("pdftotext")
    a = many(n)
    grid = signature_grid.grid(a, layout_mod.load())
    data = printed(a, tmp_path)
    page_no, block = block_words(data, tmp_path)
    step = (grid.column_mm + grid.gap_mm) * MM
    labels = sorted({round(w[1], 1) for w in block if w[0] == "For"})
    assert len(labels) == min(n, 3) and all(abs(x - (25 * MM + k * step)) < 1 for k, x in enumerate(labels)), labels
    found = parts_by_column(grid, block)  # every word whole, in its column, in order
    for row in found:
        for part in ("label", "name", "title"):
            level([p[part] for p in row], part)
    assert len({h for row in found for p in row for h in p["heights"]}) == 1, "one type size"
    names = [n for n, ws in words(data, tmp_path).items() for w in ws if w[0] == "Anne-Kristine"]
    assert set(names) == {page_no}, "the block stands on one page"


def test_in_print_the_last_paragraph_goes_with_the_block(tmp_path):
    require_tool("pdftotext")
    a = many(8, last=[FILLER] * 5 + [LAST]).model_copy(update={"footnotes": {"n": "Noten."}})
    pages = words(printed(a, tmp_path), tmp_path)
    block = {n for n, ws in pages.items() for w in ws if w[0] in ("Anne-Kristine", "Oslo,")}
    last = {n for n, ws in pages.items() for w in ws if w[0] == "underskriftene"}
    assert len(block) == 1 and min(block) > 1, "the block moved to the next page whole"
    assert last == block, "and the last paragraph with it"


def test_the_page_names_each_signatory_as_a_group(tmp_path):
    text = page(many(2))
    for field, label in (("sig-p0", "For Arbeids- og inkluderingsdepartementet"), ("sig-p1", "For Kommunal- og "
                                                                                            "distriktsdepartementet")):
        assert (f'<div class="signatory" role="group" aria-labelledby="signatory_{field}"><p class="party" '
                f'id="signatory_{field}">{label}</p><div class="line" aria-hidden="true"></div>') in text
    assert '<span class="word">Anne-Kristine</span> <span class="word">Bjørnstad-Haugland</span>' in text

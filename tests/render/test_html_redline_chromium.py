"""The HTML redline in headless Chromium: a screenshot, and from the laid-out page every change has a visible
mark — each ins/del has a size and its underline or strike-through, each change-list target is on the page."""

from __future__ import annotations

import json

import lxml.html
from conftest import AGREEMENTS
from test_html import chromium
from test_html_redline import edited_example, page

from avtale import agreements

# run in a copy of the page only (the page itself has no script): what the browser laid out, as JSON
PROBE = """<script>
addEventListener("load", () => {
  const marks = [...document.querySelectorAll("article ins, article del, article .format, .before-after ins, .before-after del")]
    .map(e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
      return {tag: e.tagName.toLowerCase(), cls: e.className, text: e.textContent, width: r.width, height: r.height,
              line: s.textDecorationLine, style: s.textDecorationStyle, color: s.color, display: s.display,
              visibility: s.visibility}; });
  const targets = [...document.querySelectorAll(".changes a")].map(a => {
    const t = document.getElementById(a.getAttribute("href").slice(1)), r = t ? t.getBoundingClientRect() : null;
    return {href: a.getAttribute("href"), found: !!t, height: r ? r.height : 0}; });
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({marks, targets});
  document.body.appendChild(out);
});
</script>"""

EXPECTED_LINE = {("ins", ""): ("underline", "solid"), ("del", ""): ("line-through", "solid"),
                 ("ins", "moved"): ("underline", "double"), ("del", "moved"): ("line-through", "double")}


def probe(tmp_path, html: str, name: str) -> dict:
    path = tmp_path / f"{name}-probe.html"
    path.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dumped = chromium(tmp_path, path.as_uri(), "--window-size=1000,1400", "--dump-dom").stdout
    return json.loads(lxml.html.document_fromstring(dumped).get_element_by_id("probe").text_content())


def check_marks(result: dict, expected_count: int) -> None:
    marks = result["marks"]
    assert len(marks) == expected_count
    for m in marks:
        assert m["display"] != "none" and m["visibility"] == "visible", m
        if m["text"].strip():
            assert m["width"] > 0 and m["height"] > 0, m
        if m["tag"] in ("ins", "del"):
            line, style = EXPECTED_LINE[(m["tag"], m["cls"])]
            assert m["line"] == line and m["style"] == style, m
        else:
            assert m["line"] == "underline" and m["style"] == "dotted", m
        assert m["color"] != "rgb(0, 0, 0)", m  # coloured as well as lined
    assert result["targets"] and all(t["found"] and t["height"] > 0 for t in result["targets"])


def test_every_change_has_a_visible_mark_in_chromium(tmp_path):
    pairs = [("real", AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"),
             ("example", AGREEMENTS / "eksempel-2026-2029.yaml", edited_example(tmp_path))]
    for name, old_path, new_path in pairs:
        html = page(agreements.read(old_path), agreements.read(new_path))
        d = lxml.html.document_fromstring(html)
        count = len(d.xpath("//article//ins | //article//del | //article//*[@class='format']"
                            " | //table[@class='before-after']//ins | //table[@class='before-after']//del"))
        check_marks(probe(tmp_path, html, name), count)
        shot = tmp_path / f"{name}.png"
        page_path = tmp_path / f"{name}.html"
        page_path.write_text(html, encoding="utf-8")
        chromium(tmp_path, page_path.as_uri(), "--window-size=1000,2400", f"--screenshot={shot}")
        assert shot.stat().st_size > 10_000


def test_moves_have_double_lines_in_chromium(tmp_path):
    from test_html_redline import moved_tree, with_sections

    from avtale import layout
    from avtale.render import html_redline

    new = with_sections()
    html = html_redline.render(moved_tree(new), new, new, layout.load())
    result = probe(tmp_path, html, "moves")
    check_marks(result, 5)
    assert sorted((m["tag"], m["style"]) for m in result["marks"] if m["cls"] == "moved") == [
        ("del", "double"), ("del", "double"), ("ins", "double"), ("ins", "double")]


def test_prints_with_the_change_list_first_and_colours_kept(tmp_path):
    """Printed (Chromium's print to PDF): the change list on its own first page(s), then the agreement with
    the marks' backgrounds on paper (the page asks for them with print-color-adjust: exact)."""
    import subprocess

    from conftest import require_tool

    html = page(agreements.read(AGREEMENTS / "2014-2017.yaml"), agreements.read(AGREEMENTS / "2022-2025.yaml"))
    path = tmp_path / "print.html"
    path.write_text(html, encoding="utf-8")
    pdf = tmp_path / "print.pdf"
    chromium(tmp_path, path.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    first = next(i for i, p in enumerate(pages) if "Avtale om kvalitetsutvikling i barnehagen" in p
                 and "Kunnskapsdepartementet" in p and "Endringer fra" not in p)
    assert "Endringer fra 2014-2017" in pages[0] and "Slik er endringene merket" in pages[0]
    assert first >= 1 and all("Endringer fra" not in p for p in pages[first:])
    assert "Formålet med avtalen" in "".join(pages[first:])
    png = subprocess.run([require_tool("pdftoppm"), "-png", "-r", "40", "-f", str(first + 1), "-l", str(first + 1),
                          str(pdf)], capture_output=True, check=True).stdout
    from render_samples import read_png

    from avtale.render.html_redline import COLOURS

    width, height, rows, channels = read_png(png)
    backgrounds = {name: tuple(int(bg[i:i + 2], 16) for i in (1, 3, 5)) for name, (_fg, bg) in COLOURS.items()}
    found = {name: sum(1 for row in rows for x in range(0, len(row) - channels + 1, channels)
                       if all(abs(row[x + k] - rgb[k]) <= 3 for k in range(3)))
             for name, rgb in backgrounds.items()}
    assert found["ins"] > 100 and found["del"] > 100, found  # the marks' backgrounds are printed

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

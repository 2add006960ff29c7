"""What a PDF says of a run of text beyond its characters: bold or italic by its font, a link over it, a
footnote number set as a superscript. For `pdf_rows.page_rows`, which keeps these per piece of a row's text
(`Row.marks`), and `pdf_rich`, which makes a paragraph's inline marks of them.

Reads: a run's font dictionary, the page's /Annots, the runs' baselines and sizes. Writes: `Attrs` per run.

- Bold and italic come from the font's name (/BaseFont, else the descriptor's /FontName): «…-Bold»,
  «…Italic», «…Oblique», «…BoldItalic» (PostScript names say the weight and slant; the descriptor's
  /Flags are often wrong in subset fonts). Heavy, Black and Semibold count as bold.
- A link is a /Link annotation whose /Rect covers the middle of the run: an /URI action gives the url; a
  GoTo to a named destination «avtale-annex-ID» (avtale's PDF names its annex headings so) gives «#ID».
  A GoTo to an explicit place (a footnote and its back-link) is no link of the text.
- A superscript is a short run of digits set at most 0.8 of the size of a run on a baseline up to
  0.6 of that size below it, touching it on the left or right: a footnote's number. It is moved onto that
  baseline, so it does not make a line of its own, and marked `note`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD = re.compile(r"bold|heavy|black|semibold|demibold", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
ANNEX_DEST = "avtale-annex-"


@dataclass(frozen=True)
class Attrs:
    bold: bool = False
    italic: bool = False
    link: str | None = None
    note: bool = False


PLAIN = Attrs()


def font_style(font) -> tuple[bool, bool]:
    """(bold, italic) by the font's PostScript name, the subset prefix («ABCDEF+») aside."""
    try:
        font = font.get_object() if font is not None else None
        name = str(font.get("/BaseFont", "") or "") if font is not None else ""
        if not name and font is not None and "/FontDescriptor" in font:
            name = str(font["/FontDescriptor"].get_object().get("/FontName", ""))
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return False, False
    name = name.split("+", 1)[-1]
    return bool(BOLD.search(name)), bool(ITALIC.search(name))


def page_links(page) -> list[tuple[float, float, float, float, str]]:
    """(x0, y0, x1, y1, target) for each /Link on the page with an url or an annex's named destination."""
    out = []
    try:
        annots = page.get("/Annots") or []
        for ref in list(annots)[:5000]:
            a = ref.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            action = a.get("/A")
            action = action.get_object() if action is not None else None
            target = None
            if action is not None and action.get("/URI") is not None:
                target = str(action.get("/URI"))
            else:
                dest = action.get("/D") if action is not None else a.get("/Dest")
                if dest is not None and not isinstance(dest.get_object() if hasattr(dest, "get_object") else dest, list):
                    name = str(dest)
                    if name.startswith(ANNEX_DEST):
                        target = "#" + name[len(ANNEX_DEST):]
            if target:
                x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
                out.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), target))
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return out
    return out


def link_at(links, x: float, end: float, y: float, size: float = 10.0) -> str | None:
    """The target of the smallest link over the run. A link's box taller than a line holds a link the line
    broke: on its top line it covers the run that ends at the box's right edge, on its bottom line the run that
    starts at its left edge, every run on the lines between."""
    mid = (x + end) / 2
    best = None
    for x0, y0, x1, y1, target in links:
        if not (x0 - 0.5 <= mid <= x1 + 0.5 and y0 - 1.0 <= y <= y1 + 1.0):
            continue
        if y1 - y0 > 1.8 * size:
            top, bottom = y > y1 - 1.4 * size, y < y0 + 1.4 * size
            if top and end < x1 - 2.0 or bottom and x > x0 + 2.0:
                continue
        area = (x1 - x0) * (y1 - y0)
        if best is None or area < best[0]:
            best = (area, target)
    return best[1] if best else None


def lift_superscripts(runs: list[list]) -> set[int]:
    """Runs of digits set small and raised beside a larger run move onto its baseline (the module's docstring).
    `runs` are lists [y, x, text, size, end, ...]; returns the indexes of the runs lifted. Runs are looked up by
    baseline (sorted), so a page costs the digits' neighbours, not its runs squared."""
    import bisect

    order = sorted(range(len(runs)), key=lambda k: runs[k][0])
    ys = [runs[k][0] for k in order]
    lifted = set()
    for i, r in enumerate(runs):
        if not (r[2].strip().isdigit() and len(r[2].strip()) <= 3):
            continue
        y0, size = r[0], r[3]
        lo, hi = bisect.bisect_left(ys, y0 - 1.0 * size / 0.8 * 0.6 - 0.01), bisect.bisect_left(ys, y0 - 0.5)
        for k in order[lo:hi][:200]:
            o = runs[k]
            if o is r or o[3] * 0.8 < size or not (0.5 < y0 - o[0] <= 0.6 * o[3]):
                continue
            if abs(o[4] - r[1]) <= 2.0 or abs(r[4] - o[1]) <= 2.5:
                r[0] = o[0]
                lifted.add(i)
                break
    return lifted

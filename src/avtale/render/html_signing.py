"""The HTML signature block's style: the grid of render/signature_grid.py drawn with CSS grid.

Each row of signatories is a grid of equal columns (the grid's column share of the line, its gap); each
signatory is one element spanning six row tracks through `subgrid` — «For <party>», the room to sign, the
line, the name, the title, their own place and date — so every line stands at the same height across a row
whatever wraps above it, while a screen reader still meets each signatory as one group, in order. A short row
stands at the left or in the middle (`justify-content`). Names, titles and party names wrap at spaces only.
In print the block is not split and takes the last paragraph with it; the page's text is as wide as the
PDF's (the page's margins), so the columns are as wide as in the PDF.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from avtale.render import signature_grid

# a break the browser may make inside a word: after a hyphen, a dash or a slash («Bjørnstad-|Haugland»)
INNER_BREAK = re.compile(r"[-\u2010\u2013\u2014/]\w")
NARROW_REM = 43  # below this window width a column would be narrower, for its type, than in print: one column


def whole_words(text: str) -> Markup:
    """`text` escaped, each word that holds a break opportunity of its own in a `<span class="word">` that
    does not wrap: a name, a title or a party's name wraps at its spaces only."""
    return Markup(" ").join(Markup('<span class="word">{}</span>').format(w) if INNER_BREAK.search(w) else escape(w)
                            for w in text.split(" "))


def rows(grid: signature_grid.Grid) -> list[list[dict]]:
    """The grid's rows of signatories for the template: field, and label, name, title and own place and date
    as markup that wraps at spaces only."""
    return [[{"field": c.field, "label": whole_words(c.label), "name": whole_words(c.name),
              "title": whole_words(c.title), "place_date": whole_words(c.place_date) if c.place_date else ""}
             for c in row] for row in grid.rows]


def css(layout: dict, grid: signature_grid.Grid | None, em) -> str:
    """The signing rules; `em` turns a size in points into ems of the body's size."""
    sig, space = layout["signature"], layout["spacing"]
    per = grid.per_row if grid else int(sig.get("per_row", 3))
    gap = grid.gap_mm if grid else float(sig["column_gap_mm"])
    # the line's share of its column, as in print (all of it but where the layout's line is shorter)
    line_share = 100 * min(1.0, grid.line_mm / grid.column_mm) if grid else 100.0
    size = grid.size_pt if grid else float(layout["size_pt"]["body"])
    justify = "center" if grid and grid.short_row == "center" else "start"
    room = float(sig["space_above_line_mm"])
    column = f"calc((100% - {gap * (per - 1):g}mm) / {per})"
    weight = float(sig.get("line_weight_pt", 0.75))
    return f"""
.signing {{ margin-top: {sig["place_date_before_mm"]:g}mm; font-size: {em(size)}; break-inside: avoid; }}
.signing p {{ margin: 0; hyphens: manual; overflow-wrap: normal; word-break: keep-all; }}
.signing .word {{ white-space: nowrap; }}
.signing > p + .signature-row {{ margin-top: {room / 2:g}mm; }}
.signature-row {{ display: grid; grid-auto-flow: column; grid-auto-columns: {column}; column-gap: {gap:g}mm; row-gap: 0;
  grid-template-rows: auto {room:g}mm auto auto auto auto; justify-content: {justify}; margin-top: {space["heading_before_pt"]:g}pt;
  break-inside: avoid; }}
.signed-electronically .signature-row {{ grid-template-rows: auto 0 0 auto auto auto; }}
.signatory {{ display: grid; grid-row: 1 / span 6; grid-template-rows: subgrid; min-width: 0; }}
.signatory > .party {{ grid-row: 1; }}
.signatory > .line {{ grid-row: 3; align-self: start; border-top: {weight:g}pt solid #000; width: {line_share:.2f}%; }}
.signatory > .name {{ grid-row: 4; padding-top: 2pt; }}
.signatory > .role {{ grid-row: 5; }}
.signatory > .place-date {{ grid-row: 6; padding-top: 2pt; }}
@media (max-width: {NARROW_REM}rem) {{
  .signature-row {{ grid-auto-flow: row; grid-template-columns: 100%; grid-template-rows: none; }}
  .signatory {{ grid-row: auto; grid-template-rows: auto {room / 2:g}mm auto auto auto auto; margin-bottom: 1em; }}
  .signed-electronically .signatory {{ grid-template-rows: auto 0 0 auto auto auto; }}
}}
@media print {{
  article > section:has(+ .signing), article > section:has(+ .signing) > p:last-child {{ break-after: avoid; }}
}}
"""

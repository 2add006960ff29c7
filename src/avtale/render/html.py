"""HTML: one self-contained, semantic page (the page around the body: `html_page`; the body: `html_body`).

`lang` set, the title as h1, sections as h2, subsections as h3, real ol/ul,
the signature block as a table. Styles are generated from the shared layout
(templates/layout.yaml), readable on a phone and printable on A4; logos are
embedded as data: URIs, so the page loads nothing from elsewhere.
"""

from __future__ import annotations

import base64

from avtale import assets
from avtale import layout as layout_mod
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement
from avtale.render import (common, draft, html_body, html_page, html_signing, letterhead_plan, list_levels,
                           signature_grid)

SIGNING_LABEL = {"nb": "Underskrifter", "nn": "Underskrifter"}


def css(layout: dict, plan: letterhead_plan.Plan | None = None, grid: signature_grid.Grid | None = None) -> str:
    """The page's style sheet, from the layout definition (lengths in mm, sizes in pt), the letterhead's plan
    and the signature block's grid (their columns and type sizes differ between agreements)."""
    if plan is None:
        plan = letterhead_plan.plan([], layout)
    page, size, space = layout["page"], layout["size_pt"], layout["spacing"]
    table = {"size_pt": layout["size_pt"]["body"], "cell_padding_mm": 1.5, **(layout.get("table") or {})}
    weight = "bold" if layout.get("heading", {}).get("bold", True) else "normal"
    body = size["body"]
    em = lambda pt: f"{pt / body:.3f}em"  # noqa: E731 - sizes relative to the body size
    rules = f"""
html {{ font-family: {layout["font"]["html"]}; font-size: 100%; line-height: {space["line"] + 0.25}; color: #000; background: #fff; }}
body {{ margin: 0; }}
main {{ max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
{letterhead_css(layout, plan, em)}
h1, h2, h3, h4 {{ font-weight: {weight}; line-height: 1.25; hyphens: manual; }}
h1 {{ font-size: {em(size["title"])}; margin: 0 0 {space["title_after_pt"]}pt; }}
h2 {{ font-size: {em(size["heading"])}; margin: {space["heading_before_pt"]}pt 0 {space["heading_after_pt"]}pt; }}
h3 {{ font-size: {em(size["subheading"])}; margin: {space["heading_before_pt"] * 0.8:g}pt 0 {space["heading_after_pt"]}pt; }}
h4 {{ font-size: {em(size["body"])}; margin: {space["heading_before_pt"] * 0.6:g}pt 0 {space["heading_after_pt"]}pt; }}
.number {{ margin-right: 0.4em; }}
p, ul, ol {{ margin: 0 0 {space["paragraph_after_pt"]}pt; hyphens: auto; overflow-wrap: break-word; }}
{list_css(layout)}
li {{ margin-bottom: {space["paragraph_after_pt"] / 2:g}pt; }}
li > ul, li > ol {{ margin: {space["paragraph_after_pt"] / 2:g}pt 0 0; }}
table.data {{ border-collapse: collapse; width: 100%; margin: 0 0 {space["paragraph_after_pt"]}pt; font-size: {em(table["size_pt"])}; }}
table.data caption {{ text-align: left; font-weight: bold; margin-bottom: 0.3em; }}
table.data th, table.data td {{ border: 1px solid #000; padding: {table["cell_padding_mm"]}mm; text-align: left; vertical-align: top; }}
table.data th {{ font-weight: bold; }}
table.data .align-right {{ text-align: right; }}
table.data .align-center {{ text-align: center; }}
sup {{ line-height: 0; }}
.notes {{ margin-top: 2em; border-top: 1px solid #000; font-size: {em(layout.get("footnotes", {}).get("size_pt", body))}; }}
.annex {{ margin-top: 3em; }}
@media (max-width: 36rem) {{
  .letterhead {{ grid-template-columns: minmax(0, 1fr); }}
  .letterhead > .party:nth-child(n) {{ text-align: left; padding-right: 0; align-items: flex-start; }}
}}
@page {{ size: {page.get("size", "A4")}; margin: {page["margin_top_mm"]}mm {page["margin_right_mm"]}mm {page["margin_bottom_mm"]}mm {page["margin_left_mm"]}mm; }}
@media print {{
  html {{ font-size: {body}pt; line-height: {space["line"] + 0.1:g}; }}
  main {{ max-width: none; padding: 0; }}
  h1, h2, h3, h4 {{ break-after: avoid; }}
  .annex {{ break-before: page; margin-top: 0; }}
  table.data thead {{ display: table-header-group; }}
  table.data tr {{ break-inside: avoid; }}
  li, p {{ orphans: 2; widows: 2; }}
}}
""" + html_signing.css(layout, grid, em)
    if "</" in rules:
        raise RenderError(_("the layout's font stack may not contain «</»"))
    return rules.strip()


def letterhead_css(layout: dict, plan: letterhead_plan.Plan, em) -> str:
    """The letterhead as a CSS grid of the plan's columns (`letterhead_plan`, the DOCX's and the PDF's too): the
    same fractions of the line (160 mm in print, as on paper), type size and logo height, names never
    hyphenated, so that the names break where they do on paper."""
    head = layout["letterhead"]
    columns = " ".join(f"minmax(0, {w:.4f}fr)" for w in plan.widths_mm) or "minmax(0, 1fr)"
    rules = [
        f".letterhead {{ display: grid; grid-template-columns: {columns}; align-items: center; "
        f"row-gap: {plan.gap_mm:g}mm; font-size: {em(plan.size_pt)}; font-weight: bold; line-height: 1.15; "
        f"hyphens: manual; overflow-wrap: normal; word-break: normal; margin-bottom: {head['after_mm']}mm; }}",
        f".letterhead img {{ display: block; height: {plan.logo_height_mm:.3f}mm; width: auto; }}",
        ".letterhead > .party { min-width: 0; }",
    ]
    count = plan.columns
    for cell in plan.cells[:count]:
        place = "flex-start" if cell.align == "left" else "flex-end" if cell.align == "right" else "center"
        rules.append(f".letterhead > .party:nth-child({count}n+{cell.column + 1}) {{ text-align: {cell.align}; "
                     f"padding-right: {plan.gap_after(cell.column):g}mm; display: flex; flex-direction: column; "
                     f"align-items: {place}; }}")
    return "\n".join(rules)


MARKERS = {  # a list's class (render/html_body.py) -> the marker of its items
    "list-dot": 'counter(list-item) "."',
    "list-paren": 'counter(list-item) ")"',
    "list-alpha": 'counter(list-item, lower-alpha) ")"',
    "list-roman": 'counter(list-item, lower-roman) ")"',
}


def list_css(layout: dict) -> str:
    """Lists indented per level as the layout's `lists.levels` says (render/list_levels.py), as DOCX and PDF:
    each list's text where its level's text starts, the marker (set here, left-aligned) hanging in front of it
    at the level's marker position. The endnotes keep the browser's own numbering."""
    levels = list_levels.levels(layout)
    bullet = (layout.get("lists") or {}).get("bullet", "\u2022")
    bullet = '"' + "".join(ch if ch.isalnum() else f"\\{ord(ch):06x}" for ch in bullet) + '"'
    rules = ["ul, ol { list-style: none; padding-left: 0; }", "li { position: relative; }",
             "li::before { position: absolute; text-align: left; white-space: nowrap; }",
             f"ul > li::before {{ content: {bullet}; }}"]
    rules += [f"ol.{cls} > li::before {{ content: {marker}; }}" for cls, marker in MARKERS.items()]
    outer = 0.0
    for n, level in enumerate(levels, 1):
        lists = ", ".join(f"{'li ' * (n - 1)}{tag}" for tag in ("ul", "ol")).replace("li ul", "li > ul").replace(
            "li ol", "li > ol")
        rules.append(f"{lists} {{ padding-left: {level.text_mm - outer:g}mm; }}")
        rules.append(f"{'li ' * (n - 1)}li::before {{ left: -{level.hanging_mm:g}mm; width: {level.hanging_mm:g}mm; }}")
        outer = level.text_mm
    rules.append(".notes ol { list-style: decimal; padding-left: 2em; } .notes li::before { content: none; }")
    return "\n".join(rules)


def draft_css(layout: dict, word: str) -> str:
    """The draft mark's style: a line over the letterhead on screen; printed, the word in the top margin of every
    page (the page's top-centre margin box) or, as a watermark, a large light word along the page's diagonal
    behind the text (a fixed element, which repeats on every printed page)."""
    d = draft.settings(layout)
    mark = f".draft-mark {{ margin: 0 0 1em; text-align: center; font-weight: bold; letter-spacing: 0.1em; color: {d['header_colour']}; }}"
    word = '"' + draft.css_string(word) + '"'
    if d["style"] == "watermark":
        printed = (f".draft-mark {{ position: fixed; top: 50%; left: 50%; margin: 0; z-index: -1; white-space: nowrap; "
                   f"transform: translate(-50%, -50%) rotate(-{draft.angle(layout):g}deg); "
                   f"font-size: {d['watermark_size_pt']}pt; line-height: 1; color: {d['watermark_colour']}; }}")
    else:
        printed = (f".draft-mark {{ display: none; }}\n  @page {{ @top-center {{ content: {word}; vertical-align: bottom; "
                   f"font-family: {layout['font']['html']}; font-size: {d['header_size_pt']}pt; font-weight: bold; "
                   f"letter-spacing: 0.1em; color: {d['header_colour']}; }} }}")
    return f"\n{mark}\n@media print {{\n  {printed}\n}}\n"


def data(agreement: Agreement, context) -> dict:
    layout = context.layout or layout_mod.load()
    parties = []
    for p in agreement.parties:
        logo = alt = None
        if p.logo is not None:
            image = assets.read_logo(p.logo.file, context.base_dir, p.id)
            encoded = base64.b64encode(image).decode("ascii")
            logo, alt = f"data:{assets.mime_type(image)};base64,{encoded}", p.logo.alt
        parties.append({"name": p.name, "logo": logo, "alt": alt, "id": p.id, "short": p.short})
    grid = signature_grid.grid(agreement, layout)
    signing = None
    if grid is not None:
        signing = {
            "label": SIGNING_LABEL[agreement.language],
            "place_date": common.place_and_date(agreement),
            "electronic": common.electronic_note(agreement, layout),
            "rows": html_signing.rows(grid),
        }
    mark = draft.mark(agreement, layout)
    return {
        "language": agreement.language,
        "title": agreement.title,
        "meta_title": draft.title(agreement, layout),
        "draft_mark": mark,
        "authors": [p.name for p in agreement.parties],
        "date": common.document_date(agreement).isoformat(),
        "parties": parties,
        **html_body.body(agreement, layout),
        "signing": signing,
        "css": css(layout, letterhead_plan.for_agreement(agreement, context.base_dir, layout), grid)
        + (draft_css(layout, mark) if mark else ""),
    }


def render(agreement: Agreement, context) -> bytes:
    from markupsafe import Markup

    values = data(agreement, context)
    values["css"] = Markup(values["css"])  # generated from the layout file, never from agreement text
    return html_page.page(values).encode("utf-8")

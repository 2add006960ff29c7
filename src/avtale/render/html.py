"""HTML through jinja2 (autoescape on): one self-contained, semantic page.

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
from avtale.render import common, draft, html_body

TEMPLATE = "agreement.html.j2"
SIGNING_LABEL = {"nb": "Underskrifter", "nn": "Underskrifter"}
SIGNATURES_PER_ROW = 3  # the signature block is a grid that wraps at three columns


def css(layout: dict) -> str:
    """The page's style sheet, from the layout definition (lengths in mm, sizes in pt)."""
    page, size, space = layout["page"], layout["size_pt"], layout["spacing"]
    sig, head = layout["signature"], layout["letterhead"]
    table = {"size_pt": layout["size_pt"]["body"], "cell_padding_mm": 1.5, **(layout.get("table") or {})}
    weight = "bold" if layout.get("heading", {}).get("bold", True) else "normal"
    body = size["body"]
    em = lambda pt: f"{pt / body:.3f}em"  # noqa: E731 - sizes relative to the body size
    rules = f"""
html {{ font-family: {layout["font"]["html"]}; font-size: 100%; line-height: {space["line"] + 0.25}; color: #000; background: #fff; }}
body {{ margin: 0; }}
main {{ max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
.letterhead {{ display: flex; justify-content: space-between; align-items: center; gap: {sig["column_gap_mm"]}mm;
  font-size: {em(size["letterhead"])}; font-weight: bold; margin-bottom: {head["after_mm"]}mm; }}
.letterhead img {{ height: {head["logo_height_mm"]}mm; width: auto; max-width: 100%; }}
h1, h2, h3, h4 {{ font-weight: {weight}; line-height: 1.25; hyphens: manual; }}
h1 {{ font-size: {em(size["title"])}; margin: 0 0 {space["title_after_pt"]}pt; }}
h2 {{ font-size: {em(size["heading"])}; margin: {space["heading_before_pt"]}pt 0 {space["heading_after_pt"]}pt; }}
h3 {{ font-size: {em(size["subheading"])}; margin: {space["heading_before_pt"] * 0.8:g}pt 0 {space["heading_after_pt"]}pt; }}
h4 {{ font-size: {em(size["body"])}; margin: {space["heading_before_pt"] * 0.6:g}pt 0 {space["heading_after_pt"]}pt; }}
.number {{ margin-right: 0.4em; }}
p, ul, ol {{ margin: 0 0 {space["paragraph_after_pt"]}pt; hyphens: auto; overflow-wrap: break-word; }}
ul, ol {{ padding-left: {space["list_indent_mm"]}mm; }}
li {{ margin-bottom: {space["paragraph_after_pt"] / 2:g}pt; }}
ol.list-paren > li::marker {{ content: counter(list-item) ") "; }}
ol.list-alpha > li::marker {{ content: counter(list-item, lower-alpha) ") "; }}
ol.list-roman > li::marker {{ content: counter(list-item, lower-roman) ") "; }}
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
.signing {{ margin-top: {sig["place_date_before_mm"]}mm; break-inside: avoid; }}
.signing table {{ width: 100%; border-collapse: separate; border-spacing: {sig["column_gap_mm"]}mm 0; margin: 0 -{sig["column_gap_mm"]}mm; }}
.signing th {{ font-weight: normal; text-align: left; vertical-align: top; }}
.signing td {{ vertical-align: top; padding-top: {sig["space_above_line_mm"]}mm; }}
.signing .line {{ border-top: 1px solid #000; max-width: {sig["line_width_mm"]}mm; margin-bottom: 0.3em; }}
.signing p {{ margin: 0; }}
.signing .electronic {{ margin-bottom: 1em; }}
.signing td .place-date {{ margin-bottom: 0.3em; }}
@media (max-width: 36rem) {{
  .letterhead {{ flex-wrap: wrap; }}
  .signing table, .signing thead, .signing tbody, .signing tr {{ display: block; margin: 0; }}
  .signing thead, .signing tr.labels {{ display: none; }}
  .signing td {{ display: block; padding-top: {sig["space_above_line_mm"] / 2:g}mm; }}
  .signing td::before {{ content: attr(data-party); display: block; margin-bottom: {sig["space_above_line_mm"] / 2:g}mm; }}
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
"""
    if "</" in rules:
        raise RenderError(_("the layout's font stack may not contain «</»"))
    return rules.strip()


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
    signing = None
    if agreement.signing is not None:
        columns = common.signature_columns(agreement, layout)
        signing = {
            "label": SIGNING_LABEL[agreement.language],
            "place_date": common.place_and_date(agreement),
            "electronic": common.electronic_note(agreement, layout),
            "rows": [columns[i:i + SIGNATURES_PER_ROW] for i in range(0, len(columns), SIGNATURES_PER_ROW)],
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
        "css": css(layout) + (draft_css(layout, mark) if mark else ""),
    }


def render(agreement: Agreement, context) -> bytes:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(layout_mod.templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    values = data(agreement, context)
    values["css"] = Markup(values["css"])  # generated from the layout file, never from agreement text
    return env.get_template(TEMPLATE).render(**values).encode("utf-8")

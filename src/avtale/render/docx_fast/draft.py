"""word/header1.xml for a draft: «UTKAST» in the page header, or Word's watermark (as `docx_draft.add`).

Reads the agreement and the layout's `draft` settings (`render.draft`); writes the header part's bytes, or
None for a signed agreement.
"""

from __future__ import annotations

from avtale.render import draft
from avtale.render.docx_fast import units
from avtale.render.docx_fast.inline import docx_run_text
from avtale.render.docx_fast.roots import HEADER
from avtale.render.docx_fast.xml import DECLARATION, RPR, E, attr

# Word's WordArt shape type for plain text on a path (o:spt 136), as Word writes it for a watermark
TEXT_SHAPE_TYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
    '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)
LETTER_WIDTH = 0.72  # a capital's advance in Arial Bold, in em: the shape's width for the word at its size


def header(agreement, layout: dict) -> bytes | None:
    word = draft.mark(agreement, layout)
    if not word:
        return None
    settings = draft.settings(layout)
    p = E("w:p")
    ppr = p.add("w:pPr")
    if settings["style"] == "watermark":
        body = p.xml()[:-len("</w:p>")] + watermark(word, settings, layout) + "</w:p>"
    else:
        ppr.add("w:jc", val="center")
        run = p.add("w:r")
        docx_run_text(run, word)
        rpr = E("w:rPr")
        run.kids.insert(0, rpr)
        rpr.get_or_add("w:b", RPR)
        rpr.get_or_add("w:sz", RPR).attrs["w:val"] = str(units.half_points(units.pt(settings["header_size_pt"])))
        rpr.get_or_add("w:color", RPR).attrs["w:val"] = _hex(settings["header_colour"])
        fonts = rpr.get_or_add("w:rFonts", RPR)
        fonts.attrs["w:ascii"] = fonts.attrs["w:hAnsi"] = layout["font"]["docx"]
        body = p.xml()
    return (DECLARATION + HEADER + body + "</w:hdr>").encode("utf-8")


def shape_style(word: str, settings: dict, layout: dict) -> str:
    """The watermark shape's VML style: as wide as the word at its size, centred on the page, turned along the
    page's diagonal, behind the text."""
    size = float(settings["watermark_size_pt"])
    width, height = len(word) * LETTER_WIDTH * size, size
    turn = round(360 - draft.angle(layout))
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;height:{height:.1f}pt;rotation:{turn};"
             "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:page;"
             "mso-position-vertical:center;mso-position-vertical-relative:page")
    return style


def watermark(word: str, settings: dict, layout: dict) -> str:
    style = shape_style(word, settings, layout)
    font = layout["font"]["docx"]
    path_style = f"font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold"
    return (f'<w:r><w:rPr><w:noProof/></w:rPr><w:pict>{TEXT_SHAPE_TYPE}'
            f'<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" style="{attr(style)}" '
            f'o:allowincell="f" fillcolor="#{attr(_hex(settings["watermark_colour"]))}" stroked="f">'
            f'<v:textpath style="{attr(path_style)}" string="{attr(word)}"/>'
            '<w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>')


def _hex(colour: str) -> str:
    """«#B00000» → «B00000» (a colour as Word writes it; `draft.settings` has checked its form)."""
    return str(colour).lstrip("#").upper()

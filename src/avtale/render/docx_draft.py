"""A draft's mark in the DOCX: «UTKAST» in the page header of every page, or as Word's watermark.

A draft (`status: draft`, `render.draft`) must not pass for the signed agreement on any page. The layout's
`draft.style` chooses:

* `header`: the word, bold and coloured, centred in the page header (one header part, on every page; it
  stands in the top margin, so the body's pages break as they would without it);
* `watermark`: Word's own watermark (Design › Watermark), a VML text shape in the page header placed behind
  the text, centred on the page, light grey and diagonal; Word and LibreOffice show it on every page.

The document's title property carries the mark too («UTKAST – …», `docx_package.set_properties`).
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from xml.sax.saxutils import quoteattr

from avtale.render import draft
from avtale.render.docx_fast.draft import TEXT_SHAPE_TYPE, _hex, shape_style

VML = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" '
       'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"')


def add(document, agreement, layout: dict) -> None:
    """The mark in the header of every page of a draft; nothing for a signed agreement."""
    word = draft.mark(agreement, layout)
    if not word:
        return
    settings = draft.settings(layout)
    section = document.sections[0]
    paragraph = section.header.paragraphs[0]
    ppr = paragraph._p.pPr
    if ppr is not None:
        for style in ppr.findall(qn("w:pStyle")):  # python-docx's «Header» style is not in the pruned template
            ppr.remove(style)
    if settings["style"] == "watermark":
        paragraph._p.append(watermark(word, settings, layout))
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(word)
    run.bold = True
    run.font.size = Pt(settings["header_size_pt"])
    run.font.color.rgb = RGBColor.from_string(_hex(settings["header_colour"]))
    run.font.name = layout["font"]["docx"]


def watermark(word: str, settings: dict, layout: dict):
    """A run holding Word's watermark shape: the word on a text path, centred on the page behind the text,
    turned along the page's diagonal, filled light grey without an outline."""
    style = shape_style(word, settings, layout)
    font = layout["font"]["docx"]
    return parse_xml(
        f'<w:r {VML}><w:rPr><w:noProof/></w:rPr><w:pict>{TEXT_SHAPE_TYPE}'
        f'<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" style="{style}" '
        f'o:allowincell="f" fillcolor="#{_hex(settings["watermark_colour"])}" stroked="f">'
        f'<v:textpath style={quoteattr(f"font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold")} '
        f'string={quoteattr(word)}/><w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>'
    )

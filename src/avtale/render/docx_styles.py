"""Styles for the DOCX renderer, all taken from the layout definition.

The document starts from python-docx's default template; this module makes its
styles the official layout: Arial everywhere (no theme fonts, which would fall
back to Calibri/Cambria), black headings, sizes and spacing from
templates/layout.yaml, and the document language in the defaults.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from avtale.render import docx_numbering

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO"}
BLACK = RGBColor(0, 0, 0)


def set_fonts(rpr, font: str) -> None:
    """Name the typeface in every script slot, dropping theme fonts (which win over names)."""
    rfonts = rpr.get_or_add_rFonts()
    rfonts.attrib.clear()
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), font)


def set_size(rpr, points: float) -> None:
    """w:sz and w:szCs, in half-points."""
    half_points = str(round(points * 2))
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.insert_element_before(element, "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                                      "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                                      "w:specVanish", "w:oMath")
        element.set(qn("w:val"), half_points)


def apply(document, layout: dict, language: str, heading_num_id: int | None) -> None:
    """Configure the document's styles and settings for one agreement."""
    font = layout["font"]["docx"]
    sizes = layout["size_pt"]
    spacing = layout["spacing"]
    lang = LANGUAGES[language]
    styles = document.styles

    _defaults(styles.element, font, sizes["body"], lang, spacing)

    title = styles["Heading 1"]
    _heading(title, font, sizes["title"], layout["letterhead"]["after_mm"] * 72 / 25.4, spacing["title_after_pt"])
    section = styles["Heading 2"]
    _heading(section, font, sizes["heading"], spacing["heading_before_pt"], spacing["heading_after_pt"])
    subsection = styles["Heading 3"]
    _heading(subsection, font, sizes["subheading"], spacing.get("subheading_before_pt", spacing["heading_before_pt"]),
             spacing["heading_after_pt"])
    levels = [(section, 0), (subsection, 1)]
    if document.element.body.xpath('.//w:pStyle[@w:val="Heading4"]'):  # headings 2.1.1: only where used
        levels.append((_heading4(styles, font, sizes["subheading"], spacing), 2))
    if heading_num_id is not None:
        for style, ilvl in levels:
            docx_numbering.apply(style.element.get_or_add_pPr(), heading_num_id, ilvl)

    items = styles["List Paragraph"]
    ppr = items.element.get_or_add_pPr()
    for tag in ("w:ind", "w:contextualSpacing"):
        for element in ppr.findall(qn(tag)):
            ppr.remove(element)
    items.paragraph_format.space_after = Pt(spacing.get("list_item_after_pt", spacing["paragraph_after_pt"]))

    footer = styles["Footer"]
    set_size(footer.element.get_or_add_rPr(), sizes["footer"])
    page = layout["page"]
    text_width = Mm(page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"])
    tabs = footer.paragraph_format.tab_stops
    tabs.clear_all()
    tabs.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
    tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)

    if layout.get("hyphenate"):
        _auto_hyphenation(document.settings.element)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.attrib.clear()
        theme_lang.set(qn("w:val"), lang)


def _auto_hyphenation(settings) -> None:
    """Word's automatic hyphenation (`w:autoHyphenation`), where the layout hyphenates the PDF's body text."""
    element = OxmlElement("w:autoHyphenation")
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.addnext(element)
    else:
        settings.insert(0, element)


def _defaults(styles_element, font: str, body_pt: float, lang: str, spacing: dict) -> None:
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    rfonts = OxmlElement("w:rFonts")
    rpr.append(rfonts)
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), font)
    kern = OxmlElement("w:kern")  # pair kerning at every size, as the PDF sets its text: lines hold alike
    kern.set(qn("w:val"), "1")
    rpr.append(kern)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(body_pt * 2)))
        rpr.append(element)
    lang_element = OxmlElement("w:lang")
    lang_element.set(qn("w:val"), lang)
    rpr.append(lang_element)

    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    line_spacing = OxmlElement("w:spacing")
    line_spacing.set(qn("w:after"), str(round(spacing["paragraph_after_pt"] * 20)))
    line_spacing.set(qn("w:line"), str(round(240 * spacing["line"])))
    line_spacing.set(qn("w:lineRule"), "auto")
    ppr.append(line_spacing)


def _heading(style, font: str, size_pt: float, before_pt: float, after_pt: float) -> None:
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, font)
    set_size(rpr, size_pt)
    for color in rpr.findall(qn("w:color")):
        rpr.remove(color)
    style.font.color.rgb = BLACK
    style.font.bold = True
    fmt = style.paragraph_format
    fmt.space_before = Pt(before_pt)
    fmt.space_after = Pt(after_pt)
    fmt.keep_with_next = True
    fmt.keep_together = True


def _heading4(styles, font: str, size_pt: float, spacing: dict):
    """Heading 4, for 2.1.1 (the template's was pruned): as Heading 3, at outline level 4."""
    style = styles.add_style("Heading 4", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.quick_style = True
    _heading(style, font, size_pt, spacing.get("subheading_before_pt", spacing["heading_before_pt"]),
             spacing["heading_after_pt"])
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "3")
    style.element.get_or_add_pPr().insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                                         "w:pPrChange")
    return style

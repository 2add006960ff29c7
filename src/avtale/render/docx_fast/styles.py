"""styles.xml and settings.xml: the base template's parts (`templates/docx/`) with the layout's values.

Reads `templates/docx/styles.xml` and `settings.xml` (the pruned template's parts as python-docx saves them,
with `{name}` where `docx_styles.apply` and `docx_notes.add_styles` change them) and the layout. Writes the
two parts' bytes as the python-docx writer leaves them: defaults (font, kern, size, language, spacing), the
footer's tabs and size, Heading 1–3 (font, size, black, bold, spacing, keep with next; 2–3 numbered where
headings are), List Paragraph's spacing, and the styles only some documents have (footnotes, Hyperlink,
Heading 4), each value from `layout`.
"""

from __future__ import annotations

from avtale.render.docx_fast import units
from avtale.render.docx_fast.package import template

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO"}


def _fonts(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'


def _size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _spacing(before_pt: float, after_pt: float) -> str:
    return (f'<w:spacing w:before="{units.tw(units.pt(before_pt))}" '
            f'w:after="{units.tw(units.pt(after_pt))}"/>')


def _num(heading_num: int | None, level: int) -> str:
    if heading_num is None:
        return ""
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{heading_num}"/></w:numPr>'


def _heading(style_id: str, name: str, extra: str, num: str, spacing: str, outline: int, rpr_b: str,
             font: str, size_pt: float) -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:uiPriority w:val="9"/>{extra}<w:qFormat/><w:rsid w:val="00FC693F"/>'
            f'<w:pPr><w:keepNext/><w:keepLines/>{num}{spacing}<w:outlineLvl w:val="{outline}"/></w:pPr>'
            f'<w:rPr>{_fonts(font)}{rpr_b}<w:color w:val="000000"/>{_size(size_pt)}</w:rPr></w:style>')


def styles_xml(layout: dict, language: str, heading_num: int | None, *, heading4: bool, notes: bool,
               links: bool) -> bytes:
    font = layout["font"]["docx"]
    sizes = layout["size_pt"]
    spacing = layout["spacing"]
    lang = LANGUAGES[language]
    sub_before = spacing.get("subheading_before_pt", spacing["heading_before_pt"])
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(font)}<w:kern w:val="1"/>'
                f'<w:sz w:val="{round(sizes["body"] * 2)}"/><w:szCs w:val="{round(sizes["body"] * 2)}"/>'
                f'<w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
                f'<w:spacing w:after="{round(spacing["paragraph_after_pt"] * 20)}" w:line="{round(240 * spacing["line"])}"'
                f' w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>')
    page = layout["page"]
    text_width = units.mm(page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"])
    footer = ('<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
              '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rsid w:val="00E618BF"/><w:pPr><w:tabs>'
              f'<w:tab w:pos="{units.tw(text_width // 2)}" w:val="center"/>'
              f'<w:tab w:pos="{units.tw(text_width)}" w:val="right"/></w:tabs>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
              f'<w:rPr>{_size(sizes["footer"])}</w:rPr></w:style>')
    bold = "<w:b/><w:bCs/>"
    heading1 = _heading("Heading1", "heading 1", "", "",
                        _spacing(layout["letterhead"]["after_mm"] * 72 / 25.4, spacing["title_after_pt"]), 0, bold,
                        font, sizes["title"])
    heading2 = _heading("Heading2", "heading 2", "<w:unhideWhenUsed/>", _num(heading_num, 0),
                        _spacing(spacing["heading_before_pt"], spacing["heading_after_pt"]), 1, bold, font,
                        sizes["heading"])
    heading3 = _heading("Heading3", "heading 3", "<w:unhideWhenUsed/>", _num(heading_num, 1),
                        _spacing(sub_before, spacing["heading_after_pt"]), 2, bold, font, sizes["subheading"])
    items_after = units.tw(units.pt(spacing.get("list_item_after_pt", spacing["paragraph_after_pt"])))
    list_paragraph = ('<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
                      '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:rsid w:val="00FC693F"/>'
                      f'<w:pPr><w:spacing w:after="{items_after}"/></w:pPr></w:style>')
    added = []
    if notes:
        added.append('<w:style w:type="paragraph" w:customStyle="1" w:styleId="FootnoteText">'
                     '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr>'
                     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                     f'<w:rPr>{_size(layout.get("footnotes", {}).get("size_pt", 9))}</w:rPr></w:style>'
                     '<w:style w:type="character" w:customStyle="1" w:styleId="FootnoteReference">'
                     '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
                     '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')
    if links:
        added.append('<w:style w:type="character" w:customStyle="1" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
                     '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/>'
                     '</w:rPr></w:style>')
    if heading4:
        added.append('<w:style w:type="paragraph" w:customStyle="1" w:styleId="Heading4"><w:name w:val="heading 4"/>'
                     '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
                     f'{_num(heading_num, 2)}{_spacing(sub_before, spacing["heading_after_pt"])}'
                     f'<w:outlineLvl w:val="3"/></w:pPr><w:rPr>{_fonts(font)}<w:b/><w:color w:val="000000"/>'
                     f'{_size(sizes["subheading"])}</w:rPr></w:style>')
    base = template("styles.xml").decode("utf-8")
    return base.format(defaults=defaults, footer=footer, heading1=heading1, heading2=heading2, heading3=heading3,
                       list_paragraph=list_paragraph, added="".join(added)).encode("utf-8")


def settings_xml(layout: dict, language: str) -> bytes:
    hyphenation = "<w:autoHyphenation/>" if layout.get("hyphenate") else ""
    base = template("settings.xml").decode("utf-8")
    return base.format(lang=LANGUAGES[language], hyphenation=hyphenation).encode("utf-8")

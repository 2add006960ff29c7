"""Footnotes and the character styles of marks, for the DOCX renderer.

python-docx has no footnotes: the part (`word/footnotes.xml`, related from the document part) is built
here, with Word's two separator notes (ids -1 and 0) and one `w:footnote` per note of the tree, its id the
note's number. Each note's paragraph is in the FootnoteText style (the size from `layout.footnotes.size_pt`)
and starts with the `w:footnoteRef` mark in the FootnoteReference style (superscript), as Word writes them.
A note's id (`oppvekst`), which the page cannot show, is carried as an empty bookmark named by it at the
note's start (bookmark ids from `NOTE_BOOKMARK_BASE` on, apart from the annexes' 1, 2 …), so that `avtale
extract` gives the id back; Word and LibreOffice keep bookmarks and show none.

The styles are added only to documents that use them, so an agreement without notes or links has the
same styles part as before.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from avtale.render import docx_styles
from avtale.render.docx_inline import NOTE_REFERENCE_STYLE, Inline, run_properties

NOTE_TEXT_STYLE = "FootnoteText"
NOTE_BOOKMARK_BASE = 10_000  # w:id of a note's bookmark: this plus the note's number
_EMPTY = f"<w:footnotes {nsdecls('w', 'r')}/>"


def footnotes_part(document):
    """A new, empty footnotes part related from the document part (separators only)."""
    element = parse_xml(_EMPTY)
    for note_id, kind, mark in (("-1", "separator", "w:separator"), ("0", "continuationSeparator",
                                                                     "w:continuationSeparator")):
        note = OxmlElement("w:footnote")
        note.set(qn("w:type"), kind)
        note.set(qn("w:id"), note_id)
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
        ppr.append(spacing)
        p.append(ppr)
        run = OxmlElement("w:r")
        run.append(OxmlElement(mark))
        p.append(run)
        note.append(p)
        element.append(note)
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def new_note(number: int):
    """(w:footnote, its paragraph): the note numbered `number`, its paragraph styled and opening with the
    note's own number mark (`w:footnoteRef`), ready for its text."""
    element = OxmlElement("w:footnote")
    element.set(qn("w:id"), str(number))
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), NOTE_TEXT_STYLE)
    ppr.append(style)
    p.append(ppr)
    mark = OxmlElement("w:r")
    mark.append(run_properties(style=NOTE_REFERENCE_STYLE))
    mark.append(OxmlElement("w:footnoteRef"))
    p.append(mark)
    element.append(p)
    return element, p


def write(document, notes: list[dict], inline: Inline) -> None:
    """The footnotes part holding every note of the tree (`{"n", "runs"}` or `{"n", "url"}`), in order."""
    if not notes:
        return
    part = footnotes_part(document)
    inline.url_notes = {note["n"]: note["url"] for note in notes if "url" in note}
    for note in notes:
        if note["n"] in inline.inlined:  # a link's url inside a note: printed there in parentheses
            continue
        element, p = new_note(note["n"])
        if note.get("id"):
            for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
                bookmark = OxmlElement(tag)
                bookmark.set(qn("w:id"), str(NOTE_BOOKMARK_BASE + note["n"]))
                if tag == "w:bookmarkStart":
                    bookmark.set(qn("w:name"), note["id"])
                p.append(bookmark)
        inline.plain_text(p, " ")
        if "url" in note:
            inline.plain_text(p, note["url"])
        else:
            inline.add(p, note["runs"], part, in_note=True)
        part.element.append(element)


def add_styles(document, layout: dict, *, notes: bool, links: bool) -> None:
    """FootnoteText and FootnoteReference (with notes), Hyperlink (with links), from the layout."""
    styles = document.styles
    if notes:
        text = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        text.element.set(qn("w:styleId"), NOTE_TEXT_STYLE)
        text.base_style = styles["Normal"]
        docx_styles.set_size(text.element.get_or_add_rPr(), layout.get("footnotes", {}).get("size_pt", 9))
        fmt = text.paragraph_format
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        reference = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        reference.element.set(qn("w:styleId"), NOTE_REFERENCE_STYLE)
        reference.base_style = styles["Default Paragraph Font"]
        reference.font.superscript = True
    if links:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.element.set(qn("w:styleId"), "Hyperlink")
        link.base_style = styles["Default Paragraph Font"]
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True

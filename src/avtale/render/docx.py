"""DOCX: the agreement as a Word document in the official layout.

The writer sets the document tree (`render/tree.py`: numbers, list markers, inline runs, footnotes and
annexes resolved once for every format) as Word structures: title, preamble, numbered sections down to
2.1.1 (Heading 2-4, linked to Word's heading numbering), lists with real (multi-level) numbering, tables,
place and date, the signature block, and annexes, each on a new page under a Heading 1 «Vedlegg N: …»
with a bookmark named by its id. XML that python-docx has no API for is built apart: inline runs
(bold, italic, hyperlinks, footnote references) in `docx_inline`, footnotes in `docx_notes`, tables in
`docx_table`, numbering in `docx_numbering`, styles in `docx_styles`, the letterhead and the signatures in
`docx_letterhead` and `docx_signing`, the package (properties, parts, reproducible zip) in
`docx_package`, a draft's mark on every page in `docx_draft`, what the page cannot show (party ids and short names) in `docx_meta`. Every size and distance comes from the one layout definition (`context.layout`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from avtale.model import Agreement
from avtale.render import (
    RenderContext, docx_draft, docx_inline, docx_meta, docx_notes, docx_numbering, docx_package, docx_styles, docx_table,
    list_levels, tree,
)
from avtale.render import docx_letterhead
from avtale.render.docx_fast.writer import list_format, list_shape
from avtale.render.docx_frame import twips
from avtale.render.docx_letterhead import LetterheadMixin
from avtale.render.docx_package import clean
from avtale.render.docx_signing import SigningMixin

def render(agreement: Agreement, context: RenderContext) -> bytes:
    """The agreement as DOCX bytes; the same agreement and layout always give the same bytes."""
    layout = context.layout
    if not layout:
        from avtale import layout as layout_module

        layout = layout_module.load()
    return _Writer(agreement, context.base_dir, layout).write()



def add_text(paragraph, text: str) -> None:
    """Append `text` as one run of text (escaped by lxml, never parsed as markup).

    python-docx's `add_run` turns tabs and line breaks into <w:tab/>/<w:br/> one
    character at a time; plain text (nearly all of it) skips that walk.
    """
    text = clean(text)
    if "\t" in text or "\n" in text or "\r" in text:
        paragraph.add_run(text)
        return
    run = _RUN.__copy__()  # a deep copy; python-docx's add_r().add_t(text) makes the same XML, ten times slower
    run[0].text = text
    if len(text.strip()) < len(text):
        run[0].set(_XML_SPACE, "preserve")
    paragraph._p.append(run)


_RUN = OxmlElement("w:r")
_RUN.append(OxmlElement("w:t"))
_XML_SPACE = qn("xml:space")


class _Writer(LetterheadMixin, SigningMixin):
    def __init__(self, agreement: Agreement, base_dir: Path, layout: dict):
        self.agreement = agreement
        self.base_dir = Path(base_dir)
        self.layout = layout
        self.document = Document(io.BytesIO(docx_package.base_template()))
        page = layout["page"]
        self.text_width = Mm(page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"])
        self.numbering = docx_numbering.Numbering(
            levels=[(twips(lv.text_mm), twips(lv.hanging_mm)) for lv in list_levels.levels(layout)],
            heading_indent=twips(layout["heading"].get("number_indent_mm", 10)),
            font=layout["font"]["docx"],
            bullet=layout.get("lists", {}).get("bullet", "\u2022"),
        )
        self.heading_num = self.numbering.headings(agreement.numbering)
        self._body_end = self.document.element.body.sectPr  # new paragraphs go just before it
        self._shapes: dict[tuple, object] = {}
        self.print_urls = (layout.get("links") or {}).get("print_urls", "parentheses")
        self.inline = docx_inline.Inline(lambda p, text: add_text(Paragraph(p, None), text), self.print_urls)

    def _new_paragraph(self, style_id: str | None = None, num_id: int | None = None, level: int = 0) -> Paragraph:
        """An empty paragraph at the end of the body, in style `style_id`, numbered by `num_id`.

        python-docx's `add_paragraph` looks for the body's `w:sectPr` among all its children on every call,
        so a document of n paragraphs cost n²; this keeps the `w:sectPr` and puts each paragraph before it.
        The paragraph properties are built once for each style and numbering, then copied."""
        key = (style_id, num_id, level)
        shape = self._shapes.get(key)
        if shape is None:
            shape = OxmlElement("w:p")
            if style_id:
                shape.style = style_id
            if num_id is not None:
                shape.get_or_add_pPr().append(docx_numbering.num_pr(num_id, level))
            self._shapes[key] = shape
        p = shape.__copy__()  # lxml copies the whole element
        self._body_end.addprevious(p)
        return Paragraph(p, self.document._body)

    def write(self) -> bytes:
        a = self.agreement
        lang = docx_styles.LANGUAGES[a.language]
        doc = tree.document(a, self.layout, self.print_urls)
        self._page()
        self._letterhead()
        self._paragraph(a.title, "Heading1")
        self._tree_blocks(doc["preamble"])
        for part in doc["sections"]:
            self._part(part)
        if a.signing:
            # the last lines of text go with the signatures: no page of signatures alone
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True
            self._signing()
        for annex in doc["annexes"]:
            self._annex(annex)
        if self._body_end.getprevious() is not None and self._body_end.getprevious().tag == qn("w:tbl"):
            self._end_paragraph()
        self._footer()
        docx_draft.add(self.document, a, self.layout)
        docx_notes.write(self.document, doc["notes"], self.inline)
        if doc["notes"]:
            docx_letterhead.lead_paragraph(self.document)
        docx_notes.add_styles(self.document, self.layout, notes=bool(doc["notes"]), links=self.inline.links)
        docx_styles.apply(self.document, self.layout, a.language, self.heading_num)
        self.numbering.write(self.document.part.numbering_part.element)
        docx_package.set_properties(self.document, a, lang, self.layout)
        docx_meta.write(self.document, a)
        out = io.BytesIO()
        self.document.save(out)
        return docx_package.reproducible(out.getvalue())

    # -- page ---------------------------------------------------------------

    def _page(self) -> None:
        page = self.layout["page"]
        section = self.document.sections[0]
        section.page_width = Mm(page["width_mm"])
        section.page_height = Mm(page["height_mm"])
        section.top_margin = Mm(page["margin_top_mm"])
        section.bottom_margin = Mm(page["margin_bottom_mm"])
        section.left_margin = Mm(page["margin_left_mm"])
        section.right_margin = Mm(page["margin_right_mm"])

    def _footer(self) -> None:
        footer = self.layout.get("footer", {})
        if not footer.get("page_numbers"):
            return
        text = footer.get(f"text_{self.agreement.language}") or "{page}"
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for piece in re.split(r"(\{pages?\})", text):
            if piece in ("{page}", "{pages}"):
                field = OxmlElement("w:fldSimple")
                field.set(qn("w:instr"), " PAGE " if piece == "{page}" else " NUMPAGES ")
                run = OxmlElement("w:r")
                text_el = OxmlElement("w:t")
                text_el.text = "1"
                run.append(text_el)
                field.append(run)
                paragraph._p.append(field)
            elif piece:
                paragraph.add_run(piece)

    # -- body ---------------------------------------------------------------

    def _paragraph(self, text: str, style_id: str | None = None, num_id: int | None = None, level: int = 0):
        """A body paragraph holding `text` as text (never markup), in style `style_id`, numbered by `num_id`."""
        paragraph = self._new_paragraph(style_id, num_id, level)
        add_text(paragraph, text)
        return paragraph

    def _heading(self, title: str, level: int) -> None:
        """A section (level 0), subsection (1) or sub-subsection (2) heading: Heading 2, 3 or 4."""
        if level >= 2:
            self.numbering.heading_depth = 3
        self._paragraph(title, f"Heading{level + 2}", self.heading_num, level)

    def _blocks(self, blocks) -> None:
        """Blocks of the model (the redline's unchanged blocks): set through the document tree."""
        self._tree_blocks(tree.Document(self.agreement, self.layout, self.print_urls).blocks(blocks))

    # -- the document tree --------------------------------------------------

    def _part(self, part: dict) -> None:
        self._heading(part["title"], part["level"] - 1)
        self._tree_blocks(part["blocks"])
        for sub in part["subsections"]:
            self._part(sub)

    def _annex(self, annex: dict) -> None:
        """«Vedlegg 1: Title» on a new page (Heading 1, bookmarked by the annex's id where it has one: references
        link to it, and `avtale extract` reads it back), then its content."""
        heading = self._new_paragraph("Heading1")
        heading.paragraph_format.page_break_before = True
        named = self.agreement.annexes[annex["n"] - 1].id is not None  # an annex without an id has no bookmark
        if named:
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(annex["n"]))
            start.set(qn("w:name"), annex["id"])
            heading._p.append(start)
        add_text(heading, f"{annex['label']}: {annex['title']}")
        if named:
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(annex["n"]))
            heading._p.append(end)
        self._tree_blocks(annex["blocks"])
        for sub in annex["subsections"]:
            self._annex_part(sub)

    def _annex_part(self, part: dict) -> None:
        """An annex's subsection: numbered within the annex (1, 1.1) as text, the section numbering off."""
        title = f"{part['number']} {part['title']}" if part["number"] else part["title"]
        self._paragraph(title, f"Heading{part['level']}", 0 if self.heading_num is not None else None)
        self._tree_blocks(part["blocks"])
        for sub in part["subsections"]:
            self._annex_part(sub)

    def _tree_blocks(self, blocks: list[dict]) -> None:
        for block in blocks:
            if block["kind"] == "paragraph":
                self._runs(self._new_paragraph(), block["runs"], block["text"])
            elif block["kind"] == "table":
                self._table(block)
            else:
                last = self._list(block)
                last.paragraph_format.space_after = Pt(self.layout["spacing"]["paragraph_after_pt"])

    def _runs(self, paragraph, runs: list[dict], text: str = "") -> None:
        if not runs:
            add_text(paragraph, text)  # an empty paragraph holds an empty run, as it always did
            return
        self.inline.add(paragraph._p, runs, self.document.part)

    def _list(self, block: dict, num_id: int | None = None, shape: tuple | None = None):
        """The list's items (and the lists in them) as numbered paragraphs; returns the last paragraph.

        A list without lists in its items keeps its single-level numbering; a nested list gets a multilevel
        one (`docx_numbering.Numbering.nested_list`), where each list inside an item is a level of it."""
        if num_id is None:
            if not any(item["list"] for item in block["items"]):
                num_id = (self.numbering.bullets() if block["kind"] == "bullets"
                          else self.numbering.numbered_list(block["style"]))
            else:
                shape = list_shape(block)
                num_id = self.numbering.nested_list(shape, 0)
        level = block["level"] - 1
        last = None
        for item in block["items"]:
            last = self._new_paragraph("ListParagraph", num_id, level)
            self._runs(last, item["runs"], item["text"])
            sub = item["list"]
            if sub is not None:
                sub_level = sub["level"] - 1
                if shape[sub_level] == list_format(sub):
                    last = self._list(sub, num_id, shape)
                else:
                    own = shape[:sub_level] + list_shape(sub)[sub_level:]
                    last = self._list(sub, self.numbering.nested_list(own, sub_level), own)
        return last

    def _table(self, block: dict) -> None:
        previous = self._body_end.getprevious()
        if block["caption"]:
            caption = self._new_paragraph()
            caption.paragraph_format.keep_with_next = True
            before, after = tree.caption_frame(self.layout, self.agreement.language, block["n"])
            if before:
                add_text(caption, before)
            self.inline.add(caption._p, block["caption_runs"], self.document.part)
            if after:
                add_text(caption, after)
        elif previous is not None and previous.tag == qn("w:tbl"):
            self._end_paragraph()  # two tables in a row would be one table in Word
        width = round(self.text_width / 635)
        tbl = docx_table.table(
            block, width, self.layout,
            lambda p, runs, bold, size_pt: self.inline.add(p, runs, self.document.part, bold=bold, size_pt=size_pt),
            caption=clean(docx_table.plain_caption(block, self.layout, self.agreement.language)),
        )
        self._body_end.addprevious(tbl)

    def _end_paragraph(self) -> None:
        """A minimal paragraph after a table (Word adds a full-size one after a table that ends the body)."""
        end = self._new_paragraph()
        end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
        end.paragraph_format.line_spacing = Pt(1)
        end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY

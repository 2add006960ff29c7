"""DOCX: the agreement as a Word document in the official layout.

The layout logic lives here: letterhead, title, preamble, numbered sections,
lists, place and date, signature block. XML that python-docx has no API for
is built apart: numbering in `docx_numbering`, styles in `docx_styles`, the
package (properties, parts, reproducible zip) in `docx_package`. Every size
and distance comes from the one layout definition (`context.layout`).
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from avtale import assets, dates
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement, Bullets, Party, list_style
from avtale.render import RenderContext, common, docx_columns, docx_numbering, docx_package, docx_styles
from avtale.render.docx_package import clean

CAPTIONS = {
    "nb": ("Avtaleparter", "Underskrifter"),
    "nn": ("Avtalepartar", "Underskrifter"),
}


def render(agreement: Agreement, context: RenderContext) -> bytes:
    """The agreement as DOCX bytes; the same agreement and layout always give the same bytes."""
    layout = context.layout
    if not layout:
        from avtale import layout as layout_module

        layout = layout_module.load()
    return _Writer(agreement, context.base_dir, layout).write()


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


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


class _Writer:
    def __init__(self, agreement: Agreement, base_dir: Path, layout: dict):
        self.agreement = agreement
        self.base_dir = Path(base_dir)
        self.layout = layout
        self.document = Document(io.BytesIO(docx_package.base_template()))
        page = layout["page"]
        self.text_width = Mm(page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"])
        self.numbering = docx_numbering.Numbering(
            indent=twips(layout["spacing"]["list_indent_mm"]),
            heading_indent=twips(layout["heading"].get("number_indent_mm", 10)),
            font=layout["font"]["docx"],
            bullet=layout.get("lists", {}).get("bullet", "\u2022"),
        )
        self.heading_num = self.numbering.headings(agreement.numbering)
        self._body_end = self.document.element.body.sectPr  # new paragraphs go just before it
        self._shapes: dict[tuple, object] = {}

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
        self._page()
        self._letterhead()
        self._paragraph(a.title, "Heading1")
        self._blocks(a.preamble)
        for section in a.sections:
            self._heading(section.title, 0)
            self._blocks(section.blocks)
            for sub in section.subsections:
                self._heading(sub.title, 1)
                self._blocks(sub.blocks)
        if a.signing:
            # the last lines of text go with the signatures: no page of signatures alone
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True
            self._signing()
        self._footer()
        docx_styles.apply(self.document, self.layout, a.language, self.heading_num)
        self.numbering.write(self.document.part.numbering_part.element)
        docx_package.set_properties(self.document, a, lang)
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

    # -- letterhead ---------------------------------------------------------

    def _letterhead(self) -> None:
        parties = self.agreement.parties
        cfg = self.layout["letterhead"]
        page = self.layout["page"]
        logos = {p.id: self._logo_width_mm(p, cfg["logo_height_mm"]) for p in parties if p.logo}
        items = [docx_columns.Item(logo_mm=logos[p.id]) if p.logo else docx_columns.Item(text=clean(p.name))
                 for p in parties]
        gap_mm = cfg.get("gap_mm", 6)
        widths_mm, size_pt = docx_columns.plan(
            items, page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"],
            self.layout["size_pt"]["letterhead"], gap_mm,
        )
        widths = [Emu(twips(w) * 635) for w in widths_mm]
        table = self.document.add_table(rows=1, cols=len(parties))
        _layout_table(table, widths, gap=0, caption=CAPTIONS[self.agreement.language][0])
        last = len(parties) - 1
        shapes: dict[int, object] = {}  # a finished name cell of each place (first, middle, last)
        for i, (party, cell) in enumerate(zip(parties, table.rows[0].cells)):
            place = 0 if i == 0 else 2 if i == last else 1
            if not party.logo and place in shapes and not _BREAKS.search(clean(party.name)):
                _copy_cell(shapes[place], cell, widths[i], clean(party.name))
                continue
            if not party.logo:
                shapes[place] = cell._tc
            if i < last:
                _cell_gap(cell, twips(gap_mm))
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if i == last and i > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif i > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run()
            if party.logo:
                room = widths[i] - (Mm(gap_mm) if i < last else 0)
                self._logo(run, party, Mm(cfg["logo_height_mm"]), room)
            else:
                run.text = clean(party.name)
                run.bold = True
                run.font.size = Pt(math.floor(size_pt * 2) / 2)

    def _logo_width_mm(self, party: Party, height_mm: float) -> float:
        """The logo's width at the letterhead's height, from its pixel size."""
        path = self._asset(party)
        try:
            image = DocxImage.from_file(str(path))
        except (UnrecognizedImageError, OSError, ValueError) as exc:
            raise RenderError(_("logo of party «{party}» ({file}) cannot be read as an image: {reason}")
                              .format(party=party.id, file=party.logo.file, reason=exc))
        return height_mm * image.px_width / max(image.px_height, 1)

    def _logo(self, run, party: Party, height: int, max_width: int) -> None:
        path = self._asset(party)
        try:
            shape = run.add_picture(str(path), height=height)
        except (UnrecognizedImageError, OSError, ValueError) as exc:
            raise RenderError(_("logo of party «{party}» ({file}) cannot be read as an image: {reason}")
                              .format(party=party.id, file=party.logo.file, reason=exc))
        if shape.width > max_width:
            shape.height = Emu(round(shape.height * max_width / shape.width))
            shape.width = Emu(max_width)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(party.logo.alt))
        doc_pr.set("name", f"Logo {party.id}")

    def _asset(self, party: Party) -> Path:
        return assets.resolve_logo(party.logo.file, self.base_dir, party.id)

    # -- body ---------------------------------------------------------------

    def _paragraph(self, text: str, style_id: str | None = None, num_id: int | None = None, level: int = 0):
        """A body paragraph holding `text` as text (never markup), in style `style_id`, numbered by `num_id`."""
        paragraph = self._new_paragraph(style_id, num_id, level)
        add_text(paragraph, text)
        return paragraph

    def _heading(self, title: str, level: int) -> None:
        self._paragraph(title, "Heading2" if level == 0 else "Heading3", self.heading_num, level)

    def _blocks(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, str):
                self._paragraph(block)
                continue
            if isinstance(block, Bullets):
                num_id, items = self.numbering.bullets(), block.bullets
            else:
                num_id, items = self.numbering.numbered_list(list_style(block.style, 1)), [common._item_text(i) for i in block.numbered]
            for item in items:
                paragraph = self._paragraph(item, "ListParagraph", num_id)
            paragraph.paragraph_format.space_after = Pt(self.layout["spacing"]["paragraph_after_pt"])

    # -- place, date and signatures ------------------------------------------

    def _signing(self) -> None:
        signing = self.agreement.signing
        cfg = self.layout["signature"]
        place = self._paragraph(f"{signing.place}, {dates.format_date(signing.date)}")
        place.paragraph_format.space_before = Mm(cfg["place_date_before_mm"])
        place.paragraph_format.keep_with_next = True

        people = signing.signatories
        table = self.document.add_table(rows=1, cols=len(people))
        widths = _split(self.text_width, len(people))
        # the gap between columns shrinks with many signatories, so that names keep room
        gap = Emu(min(Mm(cfg["column_gap_mm"]), round(widths[0] * 0.15 / 635) * 635))
        _layout_table(table, widths, gap=gap, caption=CAPTIONS[self.agreement.language][1])
        row = table.rows[0]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        # long titles («Kunnskapsminister») in five columns: smaller type rather than a word broken in two
        body_pt = self.layout["size_pt"]["body"]
        columns = common.signature_columns(self.agreement, self.layout)
        size = docx_columns.fitting_size([t for c in columns for t in (c.label, c.name, c.title)],
                                         (widths[0] - gap) / Mm(1), body_pt)
        for person, column, cell, width in zip(people, columns, row.cells, widths):
            room = width - gap
            line = min(Mm(cfg["line_width_mm"]), room)
            label = cell.paragraphs[0]  # «For Kunnskapsdepartementet», as in every format
            add_text(label, column.label)
            label.paragraph_format.space_before = Mm(cfg["space_above_line_mm"] / 2)  # as in the PDF
            label.paragraph_format.space_after = Pt(0)
            label.paragraph_format.keep_with_next = True
            name = cell.add_paragraph()
            add_text(name, person.name)
            fmt = name.paragraph_format
            fmt.space_before = Mm(cfg["space_above_line_mm"])
            fmt.space_after = Pt(0)
            fmt.right_indent = Emu(room - line)
            fmt.keep_with_next = True
            _top_border(name, cfg.get("line_weight_pt", 0.75))
            title = cell.add_paragraph()
            add_text(title, person.title)
            title.paragraph_format.space_after = Pt(0)
            if size < body_pt:
                for run in (*label.runs, *name.runs, *title.runs):
                    run.font.size = Pt(math.floor(size * 2) / 2)
        # Word wants a paragraph after a table that ends the body, and adds a full-size one
        # (which can spill onto a page of its own) when there is none: give it a minimal one
        end = self._new_paragraph()
        end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
        end.paragraph_format.line_spacing = Pt(1)
        end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY


_BREAKS = re.compile("[\t\n\r]")  # what python-docx writes as tabs and breaks, not as text


def _copy_cell(shape, cell, width: int, name: str) -> None:
    """Put a copy of the finished name cell `shape` in `cell`'s place, with its width and `name`: the same
    XML as python-docx's setters make, which cost a millisecond a cell (a letterhead of many parties)."""
    tc = shape.__copy__()
    cell._tc.addnext(tc)
    cell._tc.getparent().remove(cell._tc)
    _Cell(tc, cell._parent).width = width
    text = next(tc.iter(qn("w:t")))
    text.text = name
    if len(name.strip()) < len(name):
        text.set(_XML_SPACE, "preserve")
    else:
        text.attrib.pop(_XML_SPACE, None)


def _split(total: int, parts: int) -> list[int]:
    """`total` EMU in `parts` equal widths (whole twips, so Word's grid adds up)."""
    each = Emu(round(total / parts / 635) * 635)
    return [each] * parts


def _layout_table(table, widths: list[int], *, gap: int, caption: str) -> None:
    """A borderless layout table: fixed column widths, no header row, no banding, a caption for screen readers."""
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    total = sum(widths)
    _add(tbl_pr, "w:tblW", w=str(round(total / 635)), type="dxa")
    _add(tbl_pr, "w:tblInd", w="0", type="dxa")
    borders = _add(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _add(borders, f"w:{side}", val="nil")
    _add(tbl_pr, "w:tblLayout", type="fixed")
    margins = _add(tbl_pr, "w:tblCellMar")
    for side, value in (("top", 0), ("left", 0), ("bottom", 0), ("right", round(gap / 635))):
        _add(margins, f"w:{side}", w=str(value), type="dxa")
    _add(tbl_pr, "w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="1", noVBand="1")
    _add(tbl_pr, "w:tblCaption", val=caption)


def _cell_gap(cell, right_twips: int) -> None:
    """Room between this cell's text and the next cell (w:tcMar, before w:vAlign in w:tcPr)."""
    margins = OxmlElement("w:tcMar")
    _add(margins, "w:right", w=str(right_twips), type="dxa")
    cell._tc.get_or_add_tcPr().insert_element_before(margins, "w:textDirection", "w:tcFitText", "w:vAlign",
                                                     "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                                                     "w:cellMerge", "w:tcPrChange")


def _top_border(paragraph, weight_pt: float) -> None:
    """The signature line: a rule above the name (the space above it stays outside the border)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    _add(borders, "w:top", val="single", sz=str(round(weight_pt * 8)), space="2", color="000000")
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                              "w:rPr", "w:sectPr", "w:pPrChange")


def _add(parent, tag: str, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    parent.append(element)
    return element

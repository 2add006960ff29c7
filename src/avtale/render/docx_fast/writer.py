"""The document body and the package, as `render.docx._Writer` writes them, without python-docx.

Reads the agreement, the layout (`context.layout`) and its logos; writes the DOCX's bytes: the body
(`word/document.xml`) built as an `E` tree in the reference writer's order (letterhead, title, preamble,
sections, signatures, annexes), then the parts that depend on it (numbering, styles, settings, footer,
header, footnotes, properties) and the zip. Every value comes from the layout at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

from avtale.model import list_style
from avtale.render import list_levels, tree
from avtale.render.docx_fast import draft, letterhead, notes, package, signing, styles, units, zip
from avtale.render.docx_fast.inline import Inline, add_text, docx_run_text
from avtale.render.docx_fast.numbering import BULLET, Numbering, num_pr
from avtale.render.docx_fast.roots import DOCUMENT, FOOTER
from avtale.render.docx_fast.table import plain_caption, table
from avtale.render.docx_fast.xml import DECLARATION, PPR, E


class Writer:
    def __init__(self, agreement, base_dir: Path, layout: dict):
        self.agreement = agreement
        self.base_dir = Path(base_dir)
        self.layout = layout
        page = layout["page"]
        self.text_width = units.mm(page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"])
        self.numbering = Numbering(
            levels=[(units.twips(lv.text_mm), units.twips(lv.hanging_mm)) for lv in list_levels.levels(layout)],
            heading_indent=units.twips(layout["heading"].get("number_indent_mm", 10)),
            font=layout["font"]["docx"],
            bullet=layout.get("lists", {}).get("bullet", "\u2022"),
        )
        self.heading_num = self.numbering.headings(agreement.numbering)
        self.body: list = []
        self.print_urls = (layout.get("links") or {}).get("print_urls", "parentheses")
        self.inline = Inline(self.print_urls)
        self.rels = package.document_rels()
        self.media: dict = {}
        self.shape_id = 0
        self._shapes: dict = {}

    def new_paragraph(self, style_id: str | None = None, num_id: int | None = None, level: int = 0) -> E:
        key = (style_id, num_id, level)
        shape = self._shapes.get(key)
        if shape is None:
            shape = E("w:p")
            if style_id or num_id is not None:
                ppr = shape.add("w:pPr")
                if style_id:
                    ppr.add("w:pStyle", val=style_id)
                if num_id is not None:
                    ppr.append(num_pr(num_id, level))
            self._shapes[key] = shape
        p = shape.copy()
        self.body.append(p)
        return p

    def paragraph(self, value: str, style_id: str | None = None, num_id: int | None = None, level: int = 0) -> E:
        p = self.new_paragraph(style_id, num_id, level)
        add_text(p, value)
        return p

    def end_paragraph(self) -> None:
        spacing = self.new_paragraph().ppr().get_or_add("w:spacing", PPR)
        spacing.attrs.update({"w:before": "0", "w:after": "0", "w:line": "20", "w:lineRule": "exact"})

    def write(self) -> bytes:
        a = self.agreement
        lang = styles.LANGUAGES[a.language]
        doc = tree.document(a, self.layout, self.print_urls)
        letterhead.letterhead(self)
        self.paragraph(a.title, "Heading1")
        self.tree_blocks(doc["preamble"])
        for part in doc["sections"]:
            self.part(part)
        if a.signing:
            last = next(k for k in reversed(self.body) if k.tag == "w:p")
            last.ppr().get_or_add("w:keepNext", PPR)
            signing.signing(self)
        for annex in doc["annexes"]:
            self.annex(annex)
        if self.body and self.body[-1].tag == "w:tbl":
            self.end_paragraph()
        footer = self.footer()
        footer_id = self.rels.add(package.RT_FOOTER, "footer1.xml") if footer else None
        header = draft.header(a, self.layout)
        header_id = self.rels.add(package.RT_HEADER, "header1.xml") if header else None
        parts: dict[str, bytes] = {}
        if doc["notes"]:
            notes_xml, notes_rels = notes.footnotes(doc["notes"], self.inline)
            self.rels.add(package.RT_FOOTNOTES, "footnotes.xml")
            parts["word/footnotes.xml"] = notes_xml
            if notes_rels.items:
                parts["word/_rels/footnotes.xml.rels"] = notes_rels.xml()
            lead = E("w:p")
            lead.add("w:pPr").add("w:spacing", before="0", after="0", line="20", lineRule="exact")
            self.body.insert(0, lead)
        heading4 = any(style.attrs.get("w:val") == "Heading4" for k in self.body for style in k.iter("w:pStyle")
                       if isinstance(k, E))  # as docx_styles.apply: the style only where a paragraph uses it
        parts["word/styles.xml"] = styles.styles_xml(self.layout, a.language, self.heading_num, heading4=heading4,
                                                     notes=bool(doc["notes"]), links=self.inline.links)
        parts["word/settings.xml"] = styles.settings_xml(self.layout, a.language)
        parts["word/numbering.xml"] = self.numbering.xml()
        parts["word/document.xml"] = self.document_xml(footer_id, header_id)
        if footer:
            parts["word/footer1.xml"] = footer
        if header:
            parts["word/header1.xml"] = header
        parts["word/_rels/document.xml.rels"] = self.rels.xml()
        for target, _name, blob in self.media.values():
            parts["word/" + target] = blob
        parts["docProps/core.xml"] = package.core_xml(a, lang, self.layout)
        parts["docProps/app.xml"] = package.APP_XML
        top = package.package_rels()
        custom = package.custom_xml(a)
        if custom is not None:
            parts["docProps/custom.xml"] = custom
            top.add(package.RT_CUSTOM, "docProps/custom.xml")
        parts["_rels/.rels"] = top.xml()
        for name in ("fontTable.xml", "webSettings.xml"):
            parts["word/" + name] = package.template(name)
        parts["word/theme/theme1.xml"] = package.template("theme1.xml")
        partnames = ["/" + n for n in parts if not n.endswith(".rels")]
        parts["[Content_Types].xml"] = package.content_types(partnames)
        first = ["[Content_Types].xml", "_rels/.rels"]
        order = first + sorted(n for n in parts if n not in first)
        return zip.archive([(n, parts[n]) for n in order])

    def document_xml(self, footer_id: str | None, header_id: str | None) -> bytes:
        page = self.layout["page"]
        refs = ""
        if footer_id:
            refs += f'<w:footerReference w:type="default" r:id="{footer_id}"/>'
        if header_id:
            refs += f'<w:headerReference w:type="default" r:id="{header_id}"/>'
        tw = lambda key: units.tw(units.mm(page[key]))  # noqa: E731
        sect = (f'<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">{refs}'
                f'<w:pgSz w:w="{tw("width_mm")}" w:h="{tw("height_mm")}"/>'
                f'<w:pgMar w:top="{tw("margin_top_mm")}" w:right="{tw("margin_right_mm")}" '
                f'w:bottom="{tw("margin_bottom_mm")}" w:left="{tw("margin_left_mm")}" w:header="720" w:footer="720" '
                'w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>')
        out = [DECLARATION, DOCUMENT, "<w:body>"]
        for element in self.body:
            element.write(out)
        out += [sect, "</w:body></w:document>"]
        return "".join(out).encode("utf-8")

    def footer(self) -> bytes | None:
        footer = self.layout.get("footer", {})
        if not footer.get("page_numbers"):
            return None
        text = footer.get(f"text_{self.agreement.language}") or "{page}"
        p = E("w:p")
        ppr = p.add("w:pPr")
        ppr.add("w:pStyle", val="Footer")
        ppr.add("w:jc", val="center")
        for piece in re.split(r"(\{pages?\})", text):
            if piece in ("{page}", "{pages}"):
                field = p.add("w:fldSimple", instr=" PAGE " if piece == "{page}" else " NUMPAGES ")
                field.add("w:r").append(E("w:t", None, "1"))
            elif piece:
                run = p.add("w:r")
                docx_run_text(run, piece)
        return (DECLARATION + FOOTER + p.xml() + "</w:ftr>").encode("utf-8")

    # -- the document tree --------------------------------------------------

    def part(self, part: dict) -> None:
        level = part["level"] - 1
        if level >= 2:
            self.numbering.heading_depth = 3
        self.paragraph(part["title"], f"Heading{level + 2}", self.heading_num, level)
        self.tree_blocks(part["blocks"])
        for sub in part["subsections"]:
            self.part(sub)

    def annex(self, annex: dict) -> None:
        heading = self.new_paragraph("Heading1")
        heading.ppr().get_or_add("w:pageBreakBefore", PPR)
        named = self.agreement.annexes[annex["n"] - 1].id is not None
        if named:
            heading.append(E("w:bookmarkStart", {"w:id": str(annex["n"]), "w:name": annex["id"]}))
        add_text(heading, f"{annex['label']}: {annex['title']}")
        if named:
            heading.append(E("w:bookmarkEnd", {"w:id": str(annex["n"])}))
        self.tree_blocks(annex["blocks"])
        for sub in annex["subsections"]:
            self.annex_part(sub)

    def annex_part(self, part: dict) -> None:
        title = f"{part['number']} {part['title']}" if part["number"] else part["title"]
        self.paragraph(title, f"Heading{part['level']}", 0 if self.heading_num is not None else None)
        self.tree_blocks(part["blocks"])
        for sub in part["subsections"]:
            self.annex_part(sub)

    def tree_blocks(self, blocks: list[dict]) -> None:
        for block in blocks:
            if block["kind"] == "paragraph":
                self.runs(self.new_paragraph(), block["runs"], block["text"])
            elif block["kind"] == "table":
                self.table(block)
            else:
                last = self.list(block)
                after = units.tw(units.pt(self.layout["spacing"]["paragraph_after_pt"]))
                last.ppr().get_or_add("w:spacing", PPR).attrs["w:after"] = str(after)

    def runs(self, p: E, runs: list[dict], text: str = "") -> None:
        if not runs:
            add_text(p, text)
            return
        self.inline.add(p, runs, self.rels)

    def list(self, block: dict, num_id: int | None = None, shape: tuple | None = None) -> E:
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
            last = self.new_paragraph("ListParagraph", num_id, level)
            self.runs(last, item["runs"], item["text"])
            sub = item["list"]
            if sub is not None:
                sub_level = sub["level"] - 1
                if shape[sub_level] == list_format(sub):
                    last = self.list(sub, num_id, shape)
                else:
                    own = shape[:sub_level] + list_shape(sub)[sub_level:]
                    last = self.list(sub, self.numbering.nested_list(own, sub_level), own)
        return last

    def table(self, block: dict) -> None:
        previous = self.body[-1] if self.body else None
        if block["caption"]:
            caption = self.new_paragraph()
            caption.ppr().get_or_add("w:keepNext", PPR)
            before, after = tree.caption_frame(self.layout, self.agreement.language, block["n"])
            if before:
                add_text(caption, before)
            self.inline.add(caption, block["caption_runs"], self.rels)
            if after:
                add_text(caption, after)
        elif previous is not None and previous.tag == "w:tbl":
            self.end_paragraph()
        width = round(self.text_width / 635)
        self.body.append(table(
            block, width, self.layout,
            lambda p, runs, bold, size_pt: self.inline.add(p, runs, self.rels, bold=bold, size_pt=size_pt),
            caption=package.clean(plain_caption(block, self.layout, self.agreement.language)),
        ))


def list_format(block: dict) -> str:
    """A list's format in a nested list's shape: its style, or BULLET."""
    return block["style"] if block["kind"] == "numbered" else BULLET


def list_shape(block: dict) -> tuple[str, ...]:
    """The formats of levels 0-2 of a nested list: each level as its first list there, else 1. → a) → i)."""
    levels: list[str | None] = [None, None, None]

    def walk(b: dict) -> None:
        at = min(b["level"], 3) - 1
        if levels[at] is None:
            levels[at] = list_format(b)
        for item in b["items"]:
            if item["list"] is not None:
                walk(item["list"])

    walk(block)
    return tuple(f if f is not None else list_style(None, i + 1) for i, f in enumerate(levels))




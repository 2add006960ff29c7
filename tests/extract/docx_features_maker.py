"""Word files with issue 15's structures, written as Word and LibreOffice write them (python-docx + oxml).

Not avtale's renderer: the reader must read what any Word file holds. Real footnotes (a footnotes part),
real hyperlinks (`w:hyperlink` with `r:id`, or `w:anchor` to a bookmark), real numbering levels (one
abstractNum, levels «%1.», «%2)» lowerLetter, «%3)» lowerRoman, bullets at level 3), real tables (`w:tblGrid`,
`w:tblHeader` on the header row, `w:jc` in cells), annex headings in Heading 1 with «page break before» and a
bookmark named by the annex id.
"""

from __future__ import annotations

import copy

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
LEVELS = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3)"), ("bullet", "•")]


class Maker:
    def __init__(self):
        self.doc = docx.Document()
        self.doc.styles["Normal"].font.size = Pt(11)
        self._notes = None
        self._bookmark = 100
        self._num = None

    # -- paragraphs and runs ------------------------------------------------------------------------------
    def title(self, text: str):
        return self.doc.add_paragraph(text, style="Title")

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level)

    def para(self, *parts, style: str | None = None):
        """Parts: a str (plain run), ("b"|"i"|"bi", text), ("link", text, url), ("anchor", text, bookmark),
        ("note", text of the footnote)."""
        p = self.doc.add_paragraph(style=style)
        self.fill(p, parts)
        return p

    def fill(self, p, parts):
        for part in parts:
            if isinstance(part, str):
                p.add_run(part)
            elif part[0] in ("b", "i", "bi"):
                run = p.add_run(part[1])
                run.bold = "b" in part[0] or None
                run.italic = "i" in part[0] or None
            elif part[0] == "link":
                rid = self.doc.part.relate_to(part[2], RT.HYPERLINK, is_external=True)
                p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:rPr>'
                                      f'<w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{part[1]}'
                                      '</w:t></w:r></w:hyperlink>'))
            elif part[0] == "anchor":
                p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="{part[2]}"><w:r>'
                                      f'<w:t xml:space="preserve">{part[1]}</w:t></w:r></w:hyperlink>'))
            elif part[0] == "note":
                self.footnote(p, part[1])
        return p

    def footnote(self, p, text: str) -> int:
        if self._notes is None:
            xml = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                   '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                   '<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')
            self._notes = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, b"", self.doc.part.package)
            self._notes_el = parse_xml(xml)
            self.doc.part.relate_to(self._notes, RT.FOOTNOTES)
        n = len(self._notes_el) - 1
        self._notes_el.append(parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                              f'<w:footnoteReference w:id="{n}"/></w:r>'))
        return n

    # -- lists --------------------------------------------------------------------------------------------
    def _numbering(self) -> str:
        if self._num is None:
            numbering = self.doc.part.numbering_part.element
            levels = "".join(
                f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (k + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
                for k, (fmt, text) in enumerate(LEVELS))
            numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                                          f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
            self._count = getattr(self, "_count", 0)
            self._num = "90"
        self._count += 1
        num_id = str(900 + self._count)
        self.doc.part.numbering_part.element.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'))
        return num_id

    def numbered(self, items, bullet_list: bool = False):
        """Items: a text (or a tuple of parts) at level 0, or (level, text) deeper; a fresh list (numbered from 1)."""
        num_id = self._numbering()
        for item in items:
            level, content = item if isinstance(item, tuple) and isinstance(item[0], int) else (0, item)
            p = self.doc.add_paragraph(style="List Paragraph")
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
            self.fill(p, [content] if isinstance(content, str) else content)

    # -- tables -------------------------------------------------------------------------------------------
    def table(self, header, rows, widths=None, aligns=None, header_repeat: bool = True):
        t = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        t.style = self.doc.styles["Table Grid"]
        for r, values in enumerate([header] + rows):
            for k, value in enumerate(values):
                cell = t.rows[r].cells[k]
                parts = [value] if isinstance(value, str) else value
                self.fill(cell.paragraphs[0], parts)
                if aligns and aligns[k] != "left" and r > 0:
                    cell.paragraphs[0]._p.get_or_add_pPr().append(
                        parse_xml(f'<w:jc {nsdecls("w")} w:val="{aligns[k]}"/>'))
        if header_repeat:
            t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        if widths:
            for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
                col.set(qn("w:w"), str(w))
        return t

    # -- signature block and annexes ----------------------------------------------------------------------
    def signatures(self, signers, place_date: str | None = "Oslo, 12. januar 2026", electronic: bool = False,
                   columns: int = 2):
        """Signers: (party, name, title, own place and date or None). A borderless table, «For <party>» rows."""
        if electronic:
            self.doc.add_paragraph("Avtalen er signert elektronisk.")
        if place_date:
            self.doc.add_paragraph(place_date)
        for start in range(0, len(signers), columns):
            group = signers[start:start + columns]
            own = any(s[3] for s in group)
            t = self.doc.add_table(rows=3 + own, cols=len(group))
            for k, (party, name, title, when) in enumerate(group):
                t.rows[0].cells[k].text = f"For {party}"
                t.rows[1].cells[k].text = name
                t.rows[2].cells[k].text = title
                if own:
                    t.rows[3].cells[k].text = when or ""

    def annex(self, n: int, title: str, bookmark: str | None):
        p = self.doc.add_heading(f"Vedlegg {n}: {title}", 1)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:pageBreakBefore {nsdecls("w")}/>'))
        if bookmark:
            self._bookmark += 1
            p._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{self._bookmark}" w:name="{bookmark}"/>'))
            p._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{self._bookmark}"/>'))
        return p

    def save(self, path):
        if self._notes is not None:
            self._notes._blob = self._notes_el.xml.encode() if hasattr(self._notes_el, "xml") else None
            from lxml import etree

            self._notes._blob = etree.tostring(self._notes_el, xml_declaration=True, encoding="UTF-8",
                                               standalone=True)
        self.doc.save(str(path))
        return path


def skeleton(m: Maker, body, *, signers=None, electronic=False, place_date="Oslo, 12. januar 2026", annexes=()):
    """A small agreement between KD and KS around `body(m)`: title, preamble, section 1 (the body), section 2
    with the period, the signature block, then `annexes(m)`."""
    m.title("Avtale om samarbeid om prøving 2026–2029")
    m.para("Avtalen er inngått mellom Kunnskapsdepartementet og KS.")
    m.heading("1. Formål", 1)
    body(m)
    m.heading("2. Varighet", 1)
    m.para("Avtalen gjelder fra 1. januar 2026 fram til 31. desember 2029.")
    m.signatures(signers or [("Kunnskapsdepartementet", "Kari Nordmann", "Kunnskapsminister", None),
                             ("KS", "Ola Hansen", "Styreleder", None)], place_date=place_date, electronic=electronic)
    for add in annexes:
        add(m)
    return m


__all__ = ["Maker", "skeleton", "copy"]

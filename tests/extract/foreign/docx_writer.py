"""Write (agreement, manner) as a Word document with python-docx, the way an office would.

Independent of avtale's renderers: nothing here imports `avtale.render`. Automatic numbers
(headings, lists) are definitions appended to the template's numbering.xml, as Word makes
them; logos are PNG images Typst draws with the ministry's name as image text.
"""

from __future__ import annotations

import io
import random
import re
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

from avtale.model import Agreement, Bullets

from .content import long_date
from .manners import Manner

UNDERSCORES = "_" * 28
ELECTRONIC = "Avtalen er signert elektronisk."
# The electronic-signing notes (`Manner.note`) by language: the ministries' standard sentence, and the short one
NOTES = {
    "signert": {"nb": ELECTRONIC, "nn": ELECTRONIC},
    "godkjent": {"nb": "Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.",
                 "nn": "Dokumentet er elektronisk godkjent og har difor ikkje handskrivne signaturar."},
}
FOOTERS = {"side": ["Side ", "PAGE", " av ", "NUMPAGES"], "dash": ["- ", "PAGE", " -"], "bare": ["PAGE"],
           "paren": ["Side ", "PAGE", " (", "NUMPAGES", ")"], "paren-bare": ["PAGE", " (", "NUMPAGES", ")"]}
BULLET_FONT = {"o": "Courier New"}
LABEL = {"1.": "{n}.", "1)": "{n})", "a)": "{a})"}
FIELD = (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> {{}} </w:instrText>'
         '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r>')
LINK = (f'<w:hyperlink {nsdecls("w", "r")} r:id="{{}}"><w:r><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/>'
        '</w:rPr><w:t>{}</w:t></w:r></w:hyperlink>')


def _el(parent, tag: str, **attrs):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    if parent is not None:
        parent.append(el)
    return el


@lru_cache(maxsize=64)
def logo_png(name: str, color: str, shape: str) -> bytes:
    """A letterhead logo: a shape and the party's name in two lines, drawn by Typst."""
    import typst

    if name == "KS":
        mark = f'box(fill: rgb("#{color}"), inset: 2.5mm, radius: 1mm, text(fill: white, size: 15pt)[KS])'
        words = "Kommunesektorens \\ organisasjon"
    else:
        mark = (f'polygon(fill: rgb("#{color}"), (0mm, 1mm), (12mm, 1mm), (12mm, 11mm), (6mm, 17mm), (0mm, 11mm))'
                if shape == "shield" else f'circle(radius: 7mm, fill: rgb("#{color}"))')
        words = name.replace(" og ", " og \\ ", 1)
    source = ('#set page(width: 64mm, height: 20mm, margin: 0pt, fill: none)\n'
              '#set text(font: "Liberation Sans", size: 9pt, weight: "bold")\n'
              f'#grid(columns: (16mm, 1fr), column-gutter: 3mm, align: horizon, {mark}, [{words}])\n')
    return typst.compile(source.encode(), format="png", ppi=170)


def write(agreement: Agreement, manner: Manner, path: Path | str) -> Path:
    """Write the agreement in the manner to `path` (.docx); returns the path."""
    path = Path(path)
    _Writer(agreement, manner).doc.save(str(path))
    return path


class _Writer:
    def __init__(self, a: Agreement, m: Manner):
        self.a, self.m, self.rnd = a, m, random.Random(m.seed)
        self.doc = doc = docx.Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left", "right", "top", "bottom"):
            setattr(section, f"{side}_margin", Mm(25))
        self.numbering = doc.part.numbering_part.element
        self.nums: dict = {}
        self.n_lists = sum(not isinstance(b, str) for b in self._all_blocks())
        self.break_list = self.rnd.randrange(self.n_lists) if m.page_break == "list" and self.n_lists else -1
        self.break_section = self.rnd.randrange(1, len(a.sections)) if m.page_break == "section" else -1
        self.list_index = 0
        self._styles()
        self._letterhead()
        self._title()
        for block in a.preamble:
            self._block(block)
        for i, s in enumerate(a.sections):
            if i == self.break_section:
                self._page_break()
            self._heading(s.title, 1, str(i + 1))
            for block in s.blocks:
                self._block(block)
            for j, sub in enumerate(s.subsections):
                self._heading(sub.title, 2, f"{i + 1}.{j + 1}")
                for block in sub.blocks:
                    self._block(block)
        if a.signing:
            self._signing()
        self._header_footer()

    def _all_blocks(self):
        yield from self.a.preamble
        for s in self.a.sections:
            yield from s.blocks + [b for u in s.subsections for b in u.blocks]

    # --- styles and numbering.xml ---------------------------------------------------------
    def _font(self, style, size: float, bold: bool | None = None, color: str | None = None):
        rpr = style.element.get_or_add_rPr()
        for old in rpr.findall(qn("w:rFonts")):  # theme fonts would win over the font named
            rpr.remove(old)
        rpr.insert(0, _el(None, "w:rFonts", ascii=self.m.font, hAnsi=self.m.font, cs=self.m.font, eastAsia=self.m.font))
        style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold
        if color:
            style.font.color.rgb = RGBColor.from_string(color)

    def _styles(self):
        m, st = self.m, self.doc.styles
        self._font(st["Normal"], m.size)
        fmt = st["Normal"].paragraph_format
        fmt.space_after = Pt(0 if m.spacing else 6)
        fmt.line_spacing = 1.08
        for name in ("List Bullet", "List Number", "List Paragraph", "Header", "Footer"):
            self._font(st[name], m.size if "List" in name else 9)
        self._font(st["Title"], m.size + 7, True, "000000")
        for level, grow in ((1, 3), (2, 1.5), (3, 0.5)):
            self._font(st[f"Heading {level}"], m.size + grow, True, m.color)
        if m.numbers == "auto":
            self.heading_num = self._num(self._abstract(self._heading_levels()))
            if m.headings == "styles":
                first = 2 if m.title == "heading" else 1
                for ilvl in (0, 1):
                    numpr = st[f"Heading {first + ilvl}"].element.get_or_add_pPr().get_or_add_numPr()
                    numpr.get_or_add_ilvl().val = ilvl
                    numpr.get_or_add_numId().val = self.heading_num

    def _heading_levels(self) -> list[dict]:
        top = {"1.": "%1.", "1": "%1", "§ 1": "§ %1"}[self.m.numbering]
        style = (lambda k: f"Heading{k + (self.m.title == 'heading')}") if self.m.headings == "styles" else None
        return [{"fmt": "decimal", "text": text, "style": style and style(k), "left": ind, "hanging": ind}
                for k, text, ind in ((1, top, 567), (2, "%1.%2", 709))]

    def _abstract(self, levels: list[dict]) -> int:
        aid = 1 + max(int(e.get(qn("w:abstractNumId"))) for e in self.numbering.findall(qn("w:abstractNum")))
        el = _el(None, "w:abstractNum", abstractNumId=aid)
        _el(el, "w:multiLevelType", val="multilevel" if len(levels) > 1 else "hybridMultilevel")
        for i, lv in enumerate(levels):
            lvl = _el(el, "w:lvl", ilvl=i)
            _el(lvl, "w:start", val=1)
            _el(lvl, "w:numFmt", val=lv["fmt"])
            if lv.get("style"):
                _el(lvl, "w:pStyle", val=lv["style"])
            _el(lvl, "w:suff", val=lv.get("suff", "tab" if self.m.gap == "tab" or lv["fmt"] == "bullet" else "space"))
            _el(lvl, "w:lvlText", val=lv["text"])
            _el(lvl, "w:lvlJc", val="left")
            _el(_el(lvl, "w:pPr"), "w:ind", left=lv.get("left", 720), hanging=lv.get("hanging", 360))
            if lv.get("font"):
                _el(_el(lvl, "w:rPr"), "w:rFonts", ascii=lv["font"], hAnsi=lv["font"], hint="default")
        first_num = self.numbering.find(qn("w:num"))
        first_num.addprevious(el) if first_num is not None else self.numbering.append(el)
        return aid

    def _num(self, aid: int, restart: bool = False) -> int:
        nid = 1 + max(int(e.get(qn("w:numId"))) for e in self.numbering.findall(qn("w:num")))
        el = _el(self.numbering, "w:num", numId=nid)
        _el(el, "w:abstractNumId", val=aid)
        if restart:
            _el(_el(el, "w:lvlOverride", ilvl=0), "w:startOverride", val=1)
        return nid

    def _list_num(self, kind: str) -> int:
        """numId for a bullet list or a numbered list of a style; a new one per list unless numbered on."""
        if kind not in self.nums:
            if kind == "bullet":
                levels = [dict(fmt="bullet", text=self.m.bullet, font=BULLET_FONT.get(self.m.bullet, self.m.font))]
            else:
                fmt = "lowerLetter" if kind == "a)" else "decimal"
                levels = [dict(fmt=fmt, text="%1" + kind[-1], suff="tab")]
            self.nums[kind] = (self._abstract(levels), None)
        aid, nid = self.nums[kind]
        if nid is None or (kind != "bullet" and not self.m.numbered_on):
            nid = self._num(aid, restart=kind != "bullet")
            self.nums[kind] = (aid, nid)
        return nid

    @staticmethod
    def _numpr(p, num_id: int, ilvl: int = 0):
        numpr = p._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = ilvl
        numpr.get_or_add_numId().val = num_id

    # --- the text ---------------------------------------------------------------------------
    def _para(self, text: str = "", style: str | None = None, body: bool = True):
        p = self.doc.add_paragraph(style=style)
        if text:
            self._runs(p, text, body)
        if body and self.m.justified:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    def _runs(self, p, text: str, body: bool, breaks: bool = True):
        """The text as runs: maybe a manual break (not in list items), bold or italic words, hyperlinks."""
        rnd, m = self.rnd, self.m
        parts = [text]
        if body and breaks and m.soft_break and rnd.random() < 0.4:
            cut = re.search(r"\. (?=[A-ZÆØÅ])", text)
            parts = [text[:cut.start() + 1], text[cut.end():]] if cut else parts
        for k, part in enumerate(parts):
            if k:
                p.add_run().add_break()
            for piece in re.split(r"\b((?:ks|regjeringen)\.no)\b", part):
                if not piece:
                    continue
                if body and m.inline and piece.endswith(".no"):
                    self._hyperlink(p, piece)
                elif body and m.inline and rnd.random() < 0.3 and len(piece.split()) > 6:
                    words = piece.split(" ")
                    i = rnd.randrange(1, len(words) - 3)
                    span = rnd.randint(1, 3)
                    p.add_run(" ".join(words[:i]) + " ")
                    run = p.add_run(" ".join(words[i:i + span]))
                    run.bold, run.italic = (True, None) if rnd.random() < 0.5 else (None, True)
                    p.add_run(" " + " ".join(words[i + span:]))
                else:
                    p.add_run(piece)

    def _hyperlink(self, p, text: str):
        rid = p.part.relate_to(f"https://{text}", RT.HYPERLINK, is_external=True)
        p._p.append(parse_xml(LINK.format(rid, text)))

    def _spacer(self):
        if self.m.spacing:
            self.doc.add_paragraph()

    def _page_break(self, p=None):
        (p or self.doc.add_paragraph()).add_run().add_break(WD_BREAK.PAGE)

    def _letterhead(self):
        m, parties = self.m, self.a.parties
        if m.letterhead == "none":
            return
        rnd = random.Random(m.seed ^ 0x1090)
        n = len(parties)
        if m.letterhead in ("logos", "names"):
            cells = self.doc.add_table(rows=1, cols=n).rows[0].cells
            targets = [c.paragraphs[0] for c in cells]
        elif m.letterhead == "logo-row":
            targets = [self.doc.add_paragraph()] * n
        else:
            targets = [self.doc.add_paragraph() for _ in parties]
        for party, p in zip(parties, targets):
            if m.letterhead.startswith("logo"):
                png = logo_png(party.name, rnd.choice(["A01C20", "1F3864", "2E6B30", "5B2C6F", "B35900"]),
                               rnd.choice(["shield", "circle"]))
                if p.runs:
                    p.add_run("  ")
                p.add_run().add_picture(io.BytesIO(png), width=Mm(min(45, 160 // n - 3)))
            else:
                run = p.add_run(party.name)
                run.bold, run.font.size = True, Pt(9)
                p.paragraph_format.space_after = Pt(0)
        self.doc.add_paragraph()

    def _title(self):
        m, title = self.m, self.a.title
        if m.title in ("style", "heading"):
            self._para(title, "Title" if m.title == "style" else "Heading 1", body=False)
        else:
            p = self.doc.add_paragraph()
            parts = [title]
            if m.title == "break":
                words = title.split(" ")
                half = len(words) // 2
                parts = [" ".join(words[:half]), " ".join(words[half:])]
            for k, part in enumerate(parts):
                run = p.add_run(part)
                run.bold, run.font.size = True, Pt(m.size + 4)
                run.font.all_caps = m.title == "caps" or None
                if k < len(parts) - 1:
                    run.add_break()
            if m.title != "bold":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._spacer()

    def _heading(self, title: str, level: int, number: str):
        m = self.m
        label = ""
        if m.numbers == "typed":
            label = ("§ " if m.numbering == "§ 1" else "") + number + ("." if m.numbering == "1." and level == 1 else "")
            label += "\t" if m.gap == "tab" else " "
        if m.headings == "styles":
            p = self._para(label + title, f"Heading {level + (m.title == 'heading')}", body=False)
        else:
            p = self.doc.add_paragraph(style="List Paragraph" if m.headings == "list" else None)
            run = p.add_run(label + title)
            run.bold, run.font.size = True, Pt(m.size + (2 if level == 1 else 1))
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(12 if level == 1 else 8)
            if m.numbers == "auto":
                self._numpr(p, self.heading_num, level - 1)
        self._spacer()

    def _block(self, block):
        if isinstance(block, str):
            self._para(block)
            self._spacer()
            return
        bullets = isinstance(block, Bullets)
        items = block.bullets if bullets else block.numbered
        style = None if bullets else block.style
        mode = self.m.bullets if bullets else self.m.lists
        if mode == "style" and style not in (None, "1."):
            mode = "auto"
        num_id = self._list_num("bullet" if bullets else style) if mode == "auto" else None
        breaks_here = self.list_index == self.break_list
        self.list_index += 1
        for k, item in enumerate(items):
            p = self.doc.add_paragraph(style=("List Bullet" if bullets else "List Number") if mode == "style" else None)
            p.paragraph_format.space_after = Pt(2)
            if breaks_here and k == max(1, len(items) // 2):
                self._page_break(p)
            if mode == "typed":
                label = self.m.bullet if bullets else LABEL[style].format(n=k + 1, a="abcdefghij"[k])
                p.add_run(label).add_tab()
                p.paragraph_format.left_indent = Twips(567)
                p.paragraph_format.first_line_indent = Twips(-340)
                p.paragraph_format.tab_stops.add_tab_stop(Twips(567))
            elif mode == "auto":
                self._numpr(p, num_id)
            self._runs(p, item, body=True, breaks=False)
        self._spacer()

    # --- place, date and signatures ---------------------------------------------------------
    def _place_date(self):
        s, form, nn = self.a.signing, self.m.place_date, self.a.language == "nn"
        lines = {"comma": [f"{s.place}, {long_date(s.date)}"],
                 "numeric": [f"{s.place} {s.date:%d.%m.%Y}"],
                 "labels": [f"{'Stad' if nn else 'Sted'}: {s.place}", f"Dato: {long_date(s.date)}"],
                 "den": [f"{s.place} den {long_date(s.date)}"],
                 "joined": [f"{'Stad' if nn else 'Sted'} og dato: {s.place}, {long_date(s.date)}"]}[form]
        self.doc.add_paragraph()
        for line in lines:
            self.doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
        self.doc.add_paragraph()

    def _rows(self, signatory) -> list[tuple[str, str]]:
        """(kind, text) lines of one signature: For-row, room to sign, line, name, title."""
        m = self.m
        party = self.a.party(signatory.party).name
        rows = [("for", f"For {party}")] if m.for_rows else []
        if m.lines:
            rows.append(("line", UNDERSCORES))
        elif not m.electronic:
            rows.append(("room", ""))
        if m.signatures == "inline":  # «Kari Nordmann, kunnskapsminister» on one line
            return rows + [("name", f"{signatory.name}, {signatory.title}")]
        return rows + [("name", signatory.name), ("title", signatory.title)]

    def _sig_line(self, p, kind: str, text: str):
        run = p.add_run(text)
        run.bold = kind == "head" or None
        if self.m.tight:
            p.paragraph_format.space_after = Pt(0)
        if kind in ("line", "room"):
            p.paragraph_format.space_before = Pt(30)
        return p

    def _signing(self):
        m, sigs = self.m, self.a.signing.signatories
        if m.page_break == "signatures":
            self._page_break()
        if not m.place_date_after:
            self._place_date()
        if m.electronic:
            self.doc.add_paragraph(NOTES[m.note]["nn" if self.a.language == "nn" else "nb"])
            self.doc.add_paragraph()
        layout = "table" if m.signatures in ("row", "headed") and len(sigs) > 3 else m.signatures
        blocks = [self._rows(s) for s in sigs]
        if layout == "headed":  # a row of party names, then one table row per line of the signatures
            blocks = [[("head", self.a.party(s.party).name)] + [r for r in b if r[0] != "for"]
                      for s, b in zip(sigs, blocks)]
            table = self.doc.add_table(rows=len(blocks[0]), cols=len(sigs))
            for j in range(len(blocks[0])):
                for k, b in enumerate(blocks):
                    self._sig_line(table.rows[j].cells[k].paragraphs[0], *b[j])
        elif layout in ("table", "row"):
            cols = 2 if layout == "table" else len(sigs)
            table = self.doc.add_table(rows=-(-len(sigs) // cols), cols=cols)
            for k, b in enumerate(blocks):
                cell = table.rows[k // cols].cells[k % cols]
                for j, row in enumerate(b):
                    self._sig_line(cell.paragraphs[0] if j == 0 else cell.add_paragraph(), *row)
                cell.add_paragraph()
        elif layout == "tabs":
            for pair in (blocks[k:k + 2] for k in range(0, len(blocks), 2)):
                for j in range(len(pair[0])):
                    p = self._sig_line(self.doc.add_paragraph(), pair[0][j][0], "\t".join(c[j][1] for c in pair))
                    p.paragraph_format.tab_stops.add_tab_stop(Twips(4819))
                self.doc.add_paragraph()
        else:
            for b in blocks:
                for kind, text in b:
                    last = kind == "title" or m.signatures == "inline" and kind == "name"
                    self._sig_line(self.doc.add_paragraph(), kind, text).paragraph_format.keep_with_next = not last
                self.doc.add_paragraph()
        if m.place_date_after:
            self._place_date()

    # --- running header and footer ----------------------------------------------------------
    def _header_footer(self):
        m, section = self.m, self.doc.sections[0]
        if m.header != "none":
            words = self.a.title.split(" ")
            text = self.a.title if m.header == "title" else " ".join(words[:3] + [w for w in words[3:] if "–" in w])
            p = section.header.paragraphs[0]
            p.text, p.alignment, p.style = text, WD_ALIGN_PARAGRAPH.RIGHT, self.doc.styles["Header"]
        if m.footer != "none":
            p = section.footer.paragraphs[0]
            p.style, p.alignment = self.doc.styles["Footer"], WD_ALIGN_PARAGRAPH.CENTER
            for part in FOOTERS[m.footer]:  # PAGE and NUMPAGES are Word fields
                p._p.append(parse_xml(FIELD.format(part)) if part.isupper() else p.add_run(part)._r)

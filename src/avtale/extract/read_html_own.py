"""Read stage for avtale's own HTML (`<meta name="generator" content="avtale">`): the page's structure read exactly.

Reads: the parsed page (`read_html.parse`, bounded as every page is). Writes: an `OwnDoc` for `own_build`, or
None where the page is not avtale's or does not have the shape avtale writes (then the page is read as any
other page is, line by line).

What is read: the h1 title; the sections (`<section>` with h2, h3, h4: the numbering from the number in
the first heading); paragraphs, `<ul>`/`<ol>` (nested in list items; the style from the class avtale
writes: list-dot 1., list-paren 1), list-alpha a), list-roman i)), `<table class="data">` (caption without
its «Tabell N: » label, `<colgroup>` with `data-width`, alignment from the header cells' class); inline
`<strong>`, `<em>`, `<a href>` (a link to `#id` whose words are the annex's reference label is a reference
`[#id]`), note references `<sup><a href="#fn-ID" role="doc-noteref">`; the signature block (the electronic
note, the place and date, each signatory's «For …» label, name, title and own place and date, from the grid of
`div.signatory` or the table earlier versions wrote); annexes
(`<section class="annex" id>`); the endnotes (`<li id="fn-ID">`, the back link left out); the letterhead's
party ids and short names (`data-party`, `data-short`).
"""

from __future__ import annotations

import re

from avtale import inline
from avtale.dates import parse_date
from avtale.extract.own_build import OwnDoc, OwnSigner
from avtale.extract.read_own_inline import link, source
from avtale.model import Annex, Column, Item, Section, Subsection, Table, list_style

STYLES = {"list-dot": "1.", "list-paren": "1)", "list-alpha": "a)", "list-roman": "i)"}
FOR = re.compile(r"^(?:for\s+og\s+på\s+vegne\s+av|på\s+vegne\s+av|for)\s+(?P<party>\S.*?)\s*:?$", re.IGNORECASE)


class NotOwn(Exception):
    """The page is not in the shape avtale writes."""


def is_own(doc) -> bool:
    return bool(doc.xpath("/html/head/meta[@name='generator' and @content='avtale']"))


def read(doc, layout: dict | None = None) -> OwnDoc | None:
    if not is_own(doc):
        return None
    try:
        return _Reader(doc, layout).read()
    except NotOwn:
        return None


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _text(el) -> str:
    return " ".join(el.text_content().split())


def place_and_date(text: str):
    """«Bodø, 15. januar 2026» -> ('Bodø', date); «12. januar 2026» -> (None, date); «Oslo» -> ('Oslo', None)."""
    text = " ".join(text.split())
    if not text:
        return None, None
    date = parse_date(text)
    if date:
        return None, date
    if ", " in text:
        place, tail = text.rsplit(", ", 1)
        date = parse_date(tail)
        if date:
            return place, date
    return text, None


class _Reader:
    def __init__(self, doc, layout):
        from avtale import layout as layout_mod
        from avtale.render import tree

        self.doc = doc
        self.layout = layout or layout_mod.load()
        self.language = doc.get("lang") or "nb"
        annexes = doc.xpath("//article/section[contains(concat(' ', @class, ' '), ' annex ')]")
        self.annex_labels = {a.get("id"): tree.annex_reference(self.layout, self.language, n)
                             for n, a in enumerate(annexes, 1) if a.get("id")}

    def read(self) -> OwnDoc:
        article = next(iter(self.doc.xpath("//main/article")), None)
        if article is None:
            raise NotOwn
        h1 = article.find("h1")
        if h1 is None:
            raise NotOwn
        out = OwnDoc(title=_text(h1))
        out.letterhead = [(_text(p.find("span")) if p.find("span") is not None else None, p.get("data-party"),
                           p.get("data-short")) for p in self.doc.xpath("//header[@class='letterhead']/div")]
        first_number = None
        for el in article:
            if not isinstance(el.tag, str) or el is h1:
                continue
            classes = _classes(el)
            if el.tag == "section" and "signing" in classes:
                self.signing(el, out)
            elif el.tag == "section" and "annex" in classes:
                out.annexes.append(self.annex(el))
            elif el.tag == "section" and el.get("role") == "doc-endnotes":
                out.footnotes = self.notes(el)
            elif el.tag == "section":
                heading = el.find("h2")
                if first_number is None and heading is not None:
                    span = heading.find("span")
                    first_number = _text(span) if span is not None and "number" in _classes(span) else ""
                out.sections.append(self.part(el, Section))
            elif not out.sections:
                out.preamble.append(self.block(el))
            else:
                raise NotOwn
        out.numbering = {"1.": "1.", "1": "1", "§ 1": "§ 1", "": "none"}.get(first_number or "", "none")
        return out

    # -- parts ---------------------------------------------------------------------------------------------

    def part(self, el, cls):
        heading = el[0] if len(el) and el[0].tag in ("h2", "h3", "h4", "h5", "h6") else None
        if heading is None:
            raise NotOwn
        blocks, subs = [], []
        for child in el[1:]:
            if child.tag == "section":
                subs.append(self.part(child, Subsection))
            elif subs:
                raise NotOwn
            else:
                blocks.append(self.block(child))
        return cls(title=self.title(heading), blocks=blocks, subsections=subs)

    def title(self, heading) -> str:
        texts = [heading.text or ""]
        for child in heading:
            if child.tag != "span" or not {"number", "label"} & set(_classes(child)):
                texts.append(child.text_content())
            texts.append(child.tail or "")
        return " ".join("".join(texts).split())

    def annex(self, el) -> Annex:
        part = self.part(el, Subsection)
        return Annex(id=el.get("id"), title=part.title, blocks=part.blocks, subsections=part.subsections)

    # -- blocks --------------------------------------------------------------------------------------------

    def block(self, el):
        if el.tag == "p":
            return self.prose(el)
        if el.tag in ("ul", "ol"):
            block = self.list(el, 1)
            return {"bullets": block["items"]} if el.tag == "ul" else {"numbered": block["items"], "style": block["style"]}
        if el.tag == "table" and "data" in _classes(el):
            return self.table(el)
        raise NotOwn

    def list(self, el, level: int) -> dict:
        style = None
        if el.tag == "ol":
            style = next((STYLES[c] for c in _classes(el) if c in STYLES), "1.")
            style = el.get("data-style") or (None if style == list_style(None, level) else style)
        items = []
        for li in el:
            if li.tag != "li":
                raise NotOwn
            nested = [c for c in li if c.tag in ("ul", "ol")]
            text = self.prose(li)
            if not nested:
                items.append(text)
                continue
            sub = self.list(nested[0], level + 1)
            key = "bullets" if nested[0].tag == "ul" else "numbered"
            items.append(Item.model_validate({"text": text, key: sub["items"],
                                              **({"style": sub["style"]} if key == "numbered" else {})}))
        return {"items": items, "style": style}

    def table(self, el) -> Table:
        caption = el.find("caption")
        header = el.xpath("./thead/tr/th")
        rows = [[self.prose(td) for td in tr.xpath("./td")] for tr in el.xpath("./tbody/tr")]
        columns = None
        cols = el.xpath("./colgroup/col")
        if cols:
            columns = []
            for k, col in enumerate(cols):
                width = col.get("data-width")
                align = next((c[6:] for c in _classes(header[k]) if c.startswith("align-")), "left") if k < len(header) else "left"
                columns.append(Column(width=float(width) if width else None, align=align))
        return Table.model_validate({"table": {
            "caption": self.prose(caption) if caption is not None else None, "columns": columns,
            "header": [self.prose(th) for th in header], "rows": rows}})

    # -- inline --------------------------------------------------------------------------------------------

    def prose(self, el) -> str:
        return source(self.nodes(el))

    def nodes(self, el) -> list:
        out: list = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                out.append(child.tail or "")
                continue
            tag = child.tag
            if tag in ("ul", "ol") or (tag == "span" and "label" in _classes(child)):
                pass
            elif tag == "a" and child.get("role") == "doc-backlink":
                pass
            elif tag in ("strong", "b"):
                out.append(inline.Mark("bold", tuple(self.nodes(child))))
            elif tag in ("em", "i"):
                out.append(inline.Mark("italic", tuple(self.nodes(child))))
            elif tag == "sup" and child.find("a") is not None and child.find("a").get("role") == "doc-noteref":
                out.append(inline.Mark("note", (), (child.find("a").get("href") or "").removeprefix("#fn-")))
            elif tag == "a" and child.get("href"):
                out.append(link(self.nodes(child), child.get("href"), self.annex_labels))
            else:
                out += self.nodes(child)
            out.append(child.tail or "")
        return out

    # -- signing and notes ---------------------------------------------------------------------------------

    def signing(self, el, out: OwnDoc) -> None:
        out.electronic = bool(el.xpath("./p[@class='electronic']"))
        for p in el.xpath("./p[@class='place-date']"):
            out.place, out.date = place_and_date(_text(p))
        out.signers = []
        # the grid avtale writes: rows of signatories, each one element with its label, name, title and own date
        for box in el.xpath("./div[@class='signature-row']/div[@class='signatory']"):
            label = box.xpath("./p[@class='party']")
            m = FOR.match(_text(label[0])) if label else None
            own = box.xpath("./p[@class='place-date']")
            place, date = place_and_date(_text(own[0])) if own else (None, None)
            name, role = box.xpath("./p[@class='name']"), box.xpath("./p[@class='role']")
            out.signers.append(OwnSigner(m.group("party") if m else (_text(label[0]) if label else ""),
                                         _text(name[0]) if name else "", _text(role[0]) if role else "", place, date))
        # the table written before the grid (pages built by earlier versions)
        labels: list[str] = []
        for tr in el.xpath("./table/thead/tr | ./table/tbody/tr"):
            ths, tds = tr.xpath("./th"), tr.xpath("./td")
            if ths:
                labels = [_text(th) for th in ths]
                continue
            for k, td in enumerate(tds):
                label = labels[k] if k < len(labels) else ""
                m = FOR.match(label)
                own = td.xpath("./p[@class='place-date']")
                place, date = place_and_date(_text(own[0])) if own else (None, None)
                name, role = td.xpath("./p[@class='name']"), td.xpath("./p[@class='role']")
                out.signers.append(OwnSigner(m.group("party") if m else label, _text(name[0]) if name else "",
                                             _text(role[0]) if role else "", place, date))

    def notes(self, el) -> dict:
        notes = {}
        for li in el.xpath("./ol/li"):
            key = (li.get("id") or "").removeprefix("fn-")
            if key:
                notes[key] = self.prose(li)
        return notes

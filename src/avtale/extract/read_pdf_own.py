"""Read stage for avtale's own PDF (named destinations «avtale-party-…»): its tag tree read as it was written.

Reads: the PDF's structure tree with the text of each piece (`pdf_tags`) and its named destinations
(`render.pdf_dests`). Writes: an `OwnDoc` for `own_build`, or None where the PDF is not avtale's or its tree
does not have the shape avtale's template writes (then it is read line by line, as any other PDF).

PDF/UA-1 tags everything avtale prints: the letterhead (Div with a Span per party), H1 the title, H2 a
section or an annex («Vedlegg 1: …», an annex heading carries the named destination «avtale-annex-ID»), H3 and
H4 subsections, P paragraphs, L/LI/Lbl/LBody lists (a list in an item follows the item), Table with an
optional Caption, THead/TH and TBody/TD, Strong, Em, Link (an url or an annex's destination), and a footnote
as a Lbl holding a Link (its number) followed by the Note. So the structure is read from the tags, and the
text of each tag exactly from the page (every space is a glyph, a hyphen Typst adds at a line break is a soft
hyphen), never guessed from positions. What the print cannot show comes from the named destinations: the
parties' ids and short names (by the order of their letterhead cells), each note's id (the destination at
its first reference), a table's own column settings, and where the signature block starts; without them a
note is n1, n2 … and a table has no column settings.

A link's url that the PDF prints after its words (« (https://…)», `links.print_urls: parentheses`) is left out.
The inline text (marks, links, footnotes) is read by `pdf_own_inline`, the rest of the tree here.
"""

from __future__ import annotations

import re

from avtale.extract import carried
from avtale.extract.own_build import OwnDoc, OwnSigner
from avtale.extract.pdf_own_inline import ANNEX, InlineReader, NotOwn, _tidy
from avtale.extract.pdf_tags import Elem, Run, join_runs
from avtale.extract.read_html_own import FOR, place_and_date
from avtale.extract.read_own_inline import source
from avtale.model import Annex, Item, Section, Subsection, Table, list_style
from avtale.render import pdf_dests

NUMBER = re.compile(r"^(?:§ )?\d+(?:\.\d+)*\.?$")
STYLE_OF = [(re.compile(r"^\d+\.$"), "1."), (re.compile(r"^\d+\)$"), "1)"), (re.compile(r"^i\)$"), "i)"),
            (re.compile(r"^[a-z]+\)$"), "a)")]


def is_own(dests: dict) -> bool:
    return any(name.startswith(pdf_dests.PARTY) for name in dests)


def read(tree: Elem | None, dests: dict, layout: dict | None = None, language: str = "nb") -> OwnDoc | None:
    """`dests`: {name: (page index, left, top)}; `language`: the document's (/Lang), for its labels."""
    if tree is None or not is_own(dests):
        return None
    try:
        return _Reader(tree, dests, layout, language).read()
    except NotOwn:
        return None


def _after(run: Run, place) -> bool:
    """Whether a run stands at or below a destination's place (page, top)."""
    page, top = place
    return run.page > page or run.page == page and run.y < top


class _Reader(InlineReader):
    def __init__(self, tree: Elem, dests: dict, layout: dict | None, language: str = "nb"):
        from avtale import layout as layout_mod

        self.layout = layout or layout_mod.load()
        self.dests = dests
        documents = tree.find("Document")
        self.top = documents[0].kids if documents else tree.kids
        annexes = sorted((v[0], v[2] * -1, name[len(ANNEX):]) for name, v in dests.items()
                         if name.startswith(ANNEX) and carried.SLUG.fullmatch(name[len(ANNEX):]))
        self.annex_ids = [a[2] for a in annexes]
        self.tables = {}
        for name in dests:
            parsed = pdf_dests.parse_table(name)
            if parsed:
                self.tables[parsed[0]] = parsed[1]
        self.table_count = 0
        self.signing_at = (dests[pdf_dests.SIGNING][0], dests[pdf_dests.SIGNING][2]) if pdf_dests.SIGNING in dests else None
        notes = [(v[0], v[1], v[2], name[len(pdf_dests.NOTE):]) for name, v in dests.items()
                 if name.startswith(pdf_dests.NOTE) and carried.SLUG.fullmatch(name[len(pdf_dests.NOTE):])]
        self.note_places = notes
        self.note_ids: dict[str, str] = {}  # printed number -> id
        self.footnotes: dict[str, str] = {}
        self.language = language if language in ("nb", "nn") else "nb"

    # -- the document ------------------------------------------------------------------------------------

    def read(self) -> OwnDoc:
        elems = [k for k in self.top if isinstance(k, Elem) and k.tag not in ("Form", "Artifact")]
        h1 = next((i for i, e in enumerate(elems) if e.tag == "H1"), None)
        if h1 is None:
            raise NotOwn
        out = OwnDoc(title=" ".join(elems[h1].text().split()))
        out.letterhead = self.letterhead(elems[:h1])
        h2s = [i for i, e in enumerate(elems) if e.tag == "H2"]
        annex_starts = h2s[len(h2s) - len(self.annex_ids):] if self.annex_ids else []
        if len(annex_starts) != len(self.annex_ids):
            raise NotOwn
        body_end = annex_starts[0] if annex_starts else len(elems)
        signing = [i for i in range(h1 + 1, body_end) if self.signing_at is not None and elems[i].runs()
                   and _after(elems[i].runs()[0], self.signing_at)]
        if signing and signing != list(range(signing[0], body_end)):
            raise NotOwn
        text_end = signing[0] if signing else body_end
        numbers: list[str] = []
        stack: list = []  # the open parts: (level, part data)
        for el in elems[h1 + 1:text_end]:
            if el.tag in ("H2", "H3", "H4"):
                level = int(el.tag[1]) - 1
                number, title = self.heading(el)
                if level == 1:
                    numbers.append(number)
                part = {"title": title, "blocks": [], "subsections": []}
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if level == 1:
                    out.sections.append(part)
                elif stack and stack[-1][0] == level - 1:
                    stack[-1][1]["subsections"].append(part)
                else:
                    raise NotOwn
                stack.append((level, part))
            elif stack:
                stack[-1][1]["blocks"].append(self.block(el))
            else:
                out.preamble.append(self.block(el))
        if signing:
            self.signing([elems[i] for i in signing], out)
        for n, start in enumerate(annex_starts):
            end = annex_starts[n + 1] if n + 1 < len(annex_starts) else len(elems)
            out.annexes.append(self.annex(elems[start:end], n + 1, self.annex_ids[n]))
        first = numbers[0] if numbers else ""
        out.numbering = {"1.": "1.", "1": "1", "§ 1": "§ 1", "": "none"}.get(first, "none")
        out.sections = [Section.model_validate(_clean(s)) for s in out.sections]
        out.footnotes = self.footnotes
        return out

    def letterhead(self, elems: list[Elem]) -> list[tuple[str | None, str | None, str | None]]:
        cells = []
        for el in elems:
            for cell in el.kids:
                if not isinstance(cell, Elem):
                    continue
                if cell.find("Figure") or cell.tag == "Figure":
                    cells.append(None)
                else:
                    cells.append(" ".join(cell.text().split()) or None)
        parties = sorted((v[0], -v[2], v[1], name) for name, v in self.dests.items() if name.startswith(pdf_dests.PARTY))
        found = [pdf_dests.parse_party(p[3]) for p in parties]
        if len(found) != len(cells) or None in found:
            return [(name, None, None) for name in cells]
        return [(name, pid, short) for name, (pid, short) in zip(cells, found)]

    def heading(self, el: Elem) -> tuple[str, str]:
        """(number, title): the number is the heading's first piece where it stands in its own box."""
        runs = el.runs()
        if len(runs) > 1 and NUMBER.match(runs[0].text.strip()):
            return runs[0].text.strip(), " ".join(join_runs(runs[1:]).split())
        return "", " ".join(join_runs(runs).split())

    def annex(self, elems: list[Elem], n: int, annex_id: str) -> Annex:
        from avtale.render import tree

        heading = " ".join(elems[0].text().split())
        label = tree.annex_label(self.layout, self.language, n) + ": "
        title = heading[len(label):] if heading.startswith(label) else heading
        part = {"title": title, "blocks": [], "subsections": []}
        stack = [(1, part)]
        for el in elems[1:]:
            if el.tag in ("H3", "H4"):
                level = int(el.tag[1]) - 1
                _, sub_title = self.heading(el)
                sub = {"title": sub_title, "blocks": [], "subsections": []}
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if not stack or stack[-1][0] != level - 1:
                    raise NotOwn
                stack[-1][1]["subsections"].append(sub)
                stack.append((level, sub))
            else:
                stack[-1][1]["blocks"].append(self.block(el))
        return Annex.model_validate({"id": annex_id, **_clean(part)})

    # -- blocks ------------------------------------------------------------------------------------------

    def block(self, el: Elem):
        if el.tag == "P":
            return self.prose(el.kids)
        if el.tag == "L":
            items, style, bullets = self.list(el, 1)
            return {"bullets": items} if bullets else {"numbered": items, "style": style}
        if el.tag == "Table":
            return self.table(el)
        raise NotOwn

    def list(self, el: Elem, level: int) -> tuple[list, str | None, bool]:
        items: list = []
        labels: list[str] = []
        for kid in el.kids:
            if not isinstance(kid, Elem):
                continue
            if kid.tag == "LI":
                lbl, body = kid.find("Lbl"), kid.find("LBody")
                if not body:
                    raise NotOwn
                labels.append(lbl[0].text().strip() if lbl else "")
                paras = body[0].find("P")
                items.append(self.prose(paras[0].kids if paras else body[0].kids))
            elif kid.tag == "L" and items:
                sub, style, bullets = self.list(kid, level + 1)
                key = "bullets" if bullets else "numbered"
                items[-1] = Item.model_validate({"text": items[-1], key: sub,
                                                 **({} if bullets else {"style": style})})
            else:
                raise NotOwn
        numbering = str(el.attrs.get("ListNumbering", ""))
        bullets = numbering in ("/Circle", "/Disc", "/Square") or not any(
            pattern.match(labels[0]) for pattern, _ in STYLE_OF) if labels else True
        style = None
        if not bullets:
            style = next((s for pattern, s in STYLE_OF if pattern.match(labels[0])), "1.")
            style = None if style == list_style(None, level) else style
        return items, style, bullets

    def table(self, el: Elem) -> Table:
        self.table_count += 1
        caption = None
        header: list[str] = []
        rows: list[list[str]] = []
        for kid in el.kids:
            if not isinstance(kid, Elem):
                continue
            if kid.tag == "Caption":
                caption = self.caption(kid)
            elif kid.tag in ("THead", "TBody", "TFoot"):
                for tr in kid.find("TR"):
                    cells = [c for c in tr.kids if isinstance(c, Elem) and c.tag in ("TH", "TD")]
                    texts = [self.cell(c) for c in cells]
                    if kid.tag == "THead" and not header:
                        header = texts
                    elif kid.tag != "THead":
                        rows.append(texts)
            else:
                raise NotOwn
        return Table.model_validate({"table": {"caption": caption, "columns": self.tables.get(self.table_count),
                                               "header": header, "rows": rows}})

    def cell(self, el: Elem) -> str:
        paras = el.find("P")
        return self.prose(paras[0].kids if len(paras) == 1 and len(el.kids) == 1 else el.kids)

    def caption(self, el: Elem) -> str:
        """The caption without its «Tabell N: » (the layout's pattern)."""
        from avtale.render import tree

        pattern = tree.caption_pattern(self.layout, self.language)
        nodes = self.nodes(el.kids)
        nodes = _tidy(nodes)
        before, _, after = pattern.partition("{caption}")
        before_re = re.compile("^" + re.escape(before).replace(re.escape("{n}"), r"\d+"))
        if nodes and isinstance(nodes[0], str):
            nodes[0] = before_re.sub("", nodes[0], count=1)
        if after and nodes and isinstance(nodes[-1], str) and nodes[-1].endswith(after):
            nodes[-1] = nodes[-1][: -len(after)]
        return source(nodes)

    # -- signing -------------------------------------------------------------------------------------------

    def signing(self, elems: list[Elem], out: OwnDoc) -> None:
        notes = {v for k, v in (self.layout.get("signature") or {}).items() if k.startswith("electronic_note")}
        notes.add("Avtalen er signert elektronisk.")
        out.signers = []
        for el in elems:
            if el.tag == "P":
                text = " ".join(el.text().split())
                if text in notes:
                    out.electronic = True
                elif text:
                    out.place, out.date = place_and_date(text)
            elif el.tag == "Table":
                labels: list[str] = []
                for part in el.kids:
                    if not isinstance(part, Elem):
                        continue
                    for tr in part.find("TR"):
                        cells = [c for c in tr.kids if isinstance(c, Elem) and c.tag in ("TH", "TD")]
                        if part.tag == "THead":
                            labels = [" ".join(c.text().split()) for c in cells]
                            continue
                        for k, cell in enumerate(cells):
                            label = labels[k] if k < len(labels) else ""
                            m = FOR.match(label)
                            paras = [" ".join(p.text().split()) for p in cell.find("P")]
                            place, date = place_and_date(paras[2]) if len(paras) > 2 else (None, None)
                            out.signers.append(OwnSigner(m.group("party") if m else label, paras[0] if paras else "",
                                                         paras[1] if len(paras) > 1 else "", place, date))
            else:
                raise NotOwn


def _clean(part: dict) -> dict:
    return {"title": part["title"], "blocks": part["blocks"],
            "subsections": [Subsection.model_validate(_clean(s)) for s in part["subsections"]]}

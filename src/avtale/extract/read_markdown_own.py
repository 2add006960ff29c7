"""Read stage for avtale's own Markdown (`render.md`): its structure read exactly, or None.

Reads: the text of a .md file that starts with `# title`. Writes: an `OwnDoc` for `own_build`, or None at the
first thing avtale does not write (HTML other than its anchors and comments, code, images, a heading out of
place …): the file is then read line by line as any Markdown is.

What is read: `#` title, `##` sections (numbering from the first one's number), `###`/`####` subsections;
paragraphs with their marks (`**`, `*`, links, `[^id]` notes, `[vedlegg 1](#id)` annex references); lists
nested by indentation («- a\\) …» and «- i\\) …» items are lettered and roman lists); pipe tables with the
caption line over them («Tabell 1: …»), the alignment row and the widths comment; the signature block (the
electronic note, place and date, tables of «For …» labels, own place and date, names and titles); annexes
(`<a id="…"></a>` then `## Vedlegg N: …`); footnote definitions `[^id]: …` at the end; the parties' ids and short
names from the comment above the signatures (`<!-- parties: […] -->`), used where they name the parties build
finds.
"""

from __future__ import annotations

import re

from avtale import inline
from avtale.extract.own_build import OwnDoc, OwnSigner
from avtale.extract.read_html_own import FOR, place_and_date
from avtale.extract.read_own_inline import link, source
from avtale.model import Annex, Column, Item, Section, Table, list_style
from avtale.render import common, tree

NOTE_DEF = re.compile(r"^\[\^([a-z0-9][a-z0-9-]*)\]: (.*)$", re.MULTILINE)
NOTE_REF = re.compile(r"(?<!\\)\[\^([a-z0-9][a-z0-9-]*)\]")
NOTE_MARK = re.compile("\ue000([a-z0-9-]+)\ue001")
ANCHOR = re.compile(r'^<a id="([a-z0-9][a-z0-9-]*)"></a>$')
WIDTHS = re.compile(r"^<!-- column widths: ([0-9.\- ]+) -->\s*$")
UNDERSCORES = re.compile(r"^_+$")
PARTIES = re.compile(r"^<!-- parties: (\[.*\]) -->$")


class NotOwn(Exception):
    pass


def _parties(data: str) -> list[tuple[str, str | None, str | None]]:
    """The parties' (name, id, short name) from the comment under the title (`render.md.parties_comment`);
    [] where it does not read as that (the parties are then derived from the text)."""
    import json

    try:
        parties = json.loads(data)
    except ValueError:
        return []
    ok = isinstance(parties, list) and all(
        isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and isinstance(p[1], str)
        and isinstance(p[2], (str, type(None))) for p in parties)
    return [tuple(p) for p in parties] if ok else []


def read(text: str, layout: dict | None = None) -> OwnDoc | None:
    from avtale import layout as layout_mod

    try:
        return _Reader(layout or layout_mod.load()).read(text)
    except NotOwn:
        return None


class _Reader:
    def __init__(self, layout: dict):
        self.layout = layout
        annex = layout.get("annex") or {}
        labels = {annex.get("label_nb", "Vedlegg {n}"), annex.get("label_nn", "Vedlegg {n}")}
        self.annex_head = re.compile("^(?:" + "|".join(re.escape(x).replace(r"\{n\}", r"(\d+)") for x in labels)
                                     + r"): (.+)$")
        captions = {tree.caption_pattern(layout, k).split("{caption}")[0] for k in ("nb", "nn")}
        self.caption = re.compile("^(?:" + "|".join(re.escape(c.strip()).replace(r"\{n\}", r"\d+") for c in captions)
                                  + r") ")
        signature = layout.get("signature") or {}
        self.notes_text = {signature.get(f"electronic_note_{k}") for k in ("nb", "nn")} - {None}
        self.annex_labels: dict[str, str] = {}

    def read(self, text: str) -> OwnDoc:
        from markdown_it import MarkdownIt

        notes = {}
        for m in NOTE_DEF.finditer(text):
            notes[m.group(1)] = m.group(2)
        body = NOTE_DEF.sub("", text)
        body = NOTE_REF.sub(lambda m: f"\ue000{m.group(1)}\ue001", body)
        self.md = MarkdownIt("commonmark").enable("table")
        tokens = self.md.parse(body)
        self.tokens, self.i = tokens, 0
        self._annex_labels(tokens)
        out = OwnDoc(title="")
        head = self.next()
        if head.type != "heading_open" or head.tag != "h1":
            raise NotOwn
        out.title = self.plain(self.next())
        self.next()
        container, stack = out.preamble, []  # stack: (level, node dict)
        anchor, widths, caption = None, None, None
        annex_mode, first_number = False, None
        while self.i < len(tokens):
            t = self.next()
            if t.type == "heading_open":
                level = int(t.tag[1])
                title = self.plain(self.next())
                self.next()
                m = self.annex_head.match(title)
                if level == 2 and m and (anchor is not None or annex_mode) and out.sections:
                    annex_mode = True
                    node = {"id": anchor, "title": m.group(2), "blocks": [], "subsections": []}
                    out.annexes.append(node)
                    stack = [(2, node)]
                    anchor = None
                elif level == 2 and not annex_mode:
                    if first_number is None:
                        first_number = _number(title)
                        out.numbering = {"1.": "1.", "1": "1", "§ 1": "§ 1"}.get(first_number, "none")
                    node = {"title": _strip_number(title, out.numbering, level=2), "blocks": [], "subsections": []}
                    out.sections.append(node)
                    stack = [(2, node)]
                elif level in (3, 4, 5) and stack and stack[-1][0] >= level - 1:
                    while stack[-1][0] >= level:
                        stack.pop()
                    node = {"title": _strip_number(title, out.numbering, level), "blocks": [], "subsections": []}
                    stack[-1][1]["subsections"].append(node)
                    stack.append((level, node))
                else:
                    raise NotOwn
                container = stack[-1][1]["blocks"]
            elif t.type == "paragraph_open":
                inl = self.next()
                self.next()
                children = inl.children or []
                if [c.type for c in children] == ["html_inline", "html_inline"] and ANCHOR.match(
                        children[0].content + children[1].content):
                    anchor = ANCHOR.match(children[0].content + children[1].content).group(1)
                    continue
                if self.peek_table() and self.caption.match(self.plain(inl, strict=False)):
                    caption = self.prose_after_caption(inl)
                    continue
                container.append(self.prose(inl))
            elif t.type == "html_block":
                m = WIDTHS.match(t.content.strip())
                if m:
                    widths = [None if w == "-" else float(w) for w in m.group(1).split()]
                elif PARTIES.match(t.content.strip()) and not out.letterhead:
                    out.letterhead = _parties(PARTIES.match(t.content.strip()).group(1))
                elif t.content.strip() != "<!-- -->":
                    raise NotOwn
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                container.append(self.list(t, 1))
            elif t.type == "table_open":
                head, rows, aligns = self.table()
                if head and all(h is not None and FOR.match(self.plain(h, strict=False)) for h in head) and caption is None and rows:
                    self.signing(out, container, head, rows)
                    continue
                columns = None
                if any(a is not None for a in aligns) or widths:
                    columns = [Column(width=(widths[k] if widths and k < len(widths) else None), align=a or "left")
                               for k, a in enumerate(aligns)]
                container.append(Table.model_validate({"table": {
                    "caption": caption, "columns": columns, "header": [self.cell(h) for h in head],
                    "rows": [[self.cell(c) for c in row] for row in rows]}}))
                caption, widths = None, None
            else:
                raise NotOwn
        out.sections = [Section.model_validate(_model(s)) for s in out.sections]
        out.annexes = [Annex.model_validate(_model(a)) for a in out.annexes]
        for key, raw in notes.items():
            out.footnotes[key] = self.prose(self.md.parseInline(NOTE_REF.sub(
                lambda m: f"\ue000{m.group(1)}\ue001", raw))[0])
        return out

    # -- tokens --------------------------------------------------------------------------------------------

    def next(self):
        t = self.tokens[self.i]
        self.i += 1
        return t

    def peek_table(self) -> bool:
        k = self.i
        while k < len(self.tokens) and self.tokens[k].type == "html_block" and WIDTHS.match(self.tokens[k].content.strip()):
            k += 1
        return k < len(self.tokens) and self.tokens[k].type == "table_open"

    def _annex_labels(self, tokens) -> None:
        n = 0
        anchor = None
        for k, t in enumerate(tokens):
            if t.type == "inline" and tokens[k - 1].type == "paragraph_open" and t.children and \
                    len(t.children) == 2 and ANCHOR.match(t.children[0].content + t.children[1].content):
                anchor = ANCHOR.match(t.children[0].content + t.children[1].content).group(1)
            elif t.type == "inline" and tokens[k - 1].type == "heading_open" and tokens[k - 1].tag == "h2" \
                    and self.annex_head.match(t.content.replace("\\", "")) and (anchor or n):
                n += 1
                if anchor:
                    self.annex_labels[anchor] = tree.annex_reference(self.layout, "nb", n)
                anchor = None

    # -- inline --------------------------------------------------------------------------------------------

    def plain(self, inl, strict: bool = True) -> str:
        out = []
        for c in inl.children or []:
            if c.type == "text":
                out.append(c.content)
            elif c.type == "softbreak":
                out.append(" ")
            elif strict:
                raise NotOwn
        return " ".join("".join(out).split())

    def prose(self, inl) -> str:
        return source(self.nodes(inl.children or []))

    def prose_after_caption(self, inl) -> str:
        nodes = self.nodes(inl.children or [])
        m = self.caption.match(nodes[0]) if nodes and isinstance(nodes[0], str) else None
        if not m:
            raise NotOwn
        nodes[0] = nodes[0][m.end():]
        return source(nodes)

    def nodes(self, children) -> list:
        stack: list = [["", "", []]]
        for c in children:
            if c.type == "text":
                pos = 0
                for m in NOTE_MARK.finditer(c.content):
                    stack[-1][2].append(c.content[pos:m.start()])
                    stack[-1][2].append(inline.Mark("note", (), m.group(1)))
                    pos = m.end()
                stack[-1][2].append(c.content[pos:])
            elif c.type in ("softbreak", "hardbreak"):
                stack[-1][2].append(" ")
            elif c.type in ("strong_open", "em_open", "link_open"):
                stack.append([c.type, c.attrGet("href") or "", []])
            elif c.type in ("strong_close", "em_close", "link_close"):
                kind, target, nodes = stack.pop()
                if kind != c.type.replace("_close", "_open"):
                    raise NotOwn
                if kind == "link_open":
                    stack[-1][2].append(link(nodes, target, self.annex_labels))
                else:
                    stack[-1][2].append(inline.Mark("bold" if kind == "strong_open" else "italic", tuple(nodes)))
            else:
                raise NotOwn
        if len(stack) != 1:
            raise NotOwn
        return stack[0][2]

    def cell(self, inl) -> str:
        return self.prose(inl) if inl is not None and inl.children else ""

    # -- blocks --------------------------------------------------------------------------------------------

    def list(self, open_token, level: int):
        ordered = open_token.type == "ordered_list_open"
        if ordered and int(open_token.attrGet("start") or 1) != 1:
            raise NotOwn
        close = open_token.type.replace("_open", "_close")
        items = []  # (nodes, nested or None)
        while True:
            t = self.next()
            if t.type == close:
                break
            if t.type != "list_item_open":
                raise NotOwn
            nodes, nested = None, None
            while True:
                t = self.next()
                if t.type == "list_item_close":
                    break
                if t.type == "paragraph_open" and nodes is None:
                    nodes = self.nodes(self.next().children or [])
                    self.next()
                elif t.type in ("bullet_list_open", "ordered_list_open") and nested is None:
                    nested = self.list(t, level + 1)
                else:
                    raise NotOwn
            items.append((nodes or [], nested))
        style = (open_token.markup[-1:] == ")" and "1)" or "1.") if ordered else _lettered(items)
        out = []
        for nodes, nested in items:
            if style in ("a)", "i)") and not ordered:
                nodes = list(nodes)
                nodes[0] = nodes[0].split(") ", 1)[1]
            text = source(nodes)
            if nested is None:
                out.append(text)
            else:
                key, values, sub_style = nested
                data = {"text": text, key: values}
                if key == "numbered":
                    data["style"] = sub_style
                out.append(Item.model_validate(data))
        own_style = None if style is None or style == list_style(None, level) else style
        if style is None:
            return ("bullets", out, None) if level > 1 else {"bullets": out}
        return ("numbered", out, own_style) if level > 1 else {"numbered": out, "style": own_style}

    def table(self):
        head, rows, aligns, row, in_head = [], [], [], None, False
        while True:
            t = self.next()
            if t.type == "table_close":
                return head, rows, aligns
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                if in_head:
                    head = row
                else:
                    rows.append(row)
            elif t.type in ("th_open", "td_open"):
                if in_head:
                    style = t.attrGet("style") or ""
                    aligns.append(style.split(":")[1] if "text-align:" in style else None)
                inl = self.next()
                row.append(inl if inl.type == "inline" else None)
                if inl.type != "inline":
                    self.i -= 1

    def signing(self, out: OwnDoc, container: list, head, rows) -> None:
        if out.signers is None:
            out.signers = []
            if container and isinstance(container[-1], str):
                place, date = place_and_date(inline.plain(container[-1]))
                if date or (place and len(container) > 1 and container[-2] in self.notes_text):
                    out.place, out.date = place, date
                    container.pop()
            if container and isinstance(container[-1], str) and container[-1] in self.notes_text:
                out.electronic = True
                container.pop()
        texts = [[self.plain(c) if c is not None else "" for c in row] for row in rows]
        texts = [r for r in texts if not all(UNDERSCORES.match(c) for c in r)]
        own = texts.pop(0) if len(texts) == 3 else [""] * len(head)
        if len(texts) != 2:
            raise NotOwn
        for k, label in enumerate(self.plain(h) for h in head):
            place, date = place_and_date(own[k])
            out.signers.append(OwnSigner(FOR.match(label).group("party"), texts[0][k], texts[1][k], place, date))


def _lettered(items) -> str | None:
    """«- a\\) …», «- b\\) …» is a lettered list, «- i\\) …», «- ii\\) …» a roman one; else bullets."""
    firsts = [nodes[0] if nodes and isinstance(nodes[0], str) else "" for nodes, _ in items]
    for style, label in (("a)", common.letters), ("i)", tree.roman)):
        if all(f.startswith(f"{label(n)}) ") for n, f in enumerate(firsts, 1)):
            return style
    return None


def _number(title: str) -> str:
    m = re.match(r"^(§ 1|1\.|1) ", title)
    return m.group(1) if m else ""


def _strip_number(title: str, numbering: str, level: int) -> str:
    if numbering == "none":
        return title
    pattern = {"1.": r"^\d+\. ", "1": r"^\d+ ", "§ 1": r"^§ \d+ "}[numbering] if level == 2 else r"^\d+(?:\.\d+)* "
    return re.sub(pattern, "", title, count=1)


def _model(node: dict) -> dict:
    return {**node, "subsections": [_model(s) for s in node["subsections"]]}

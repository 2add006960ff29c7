"""The body of the HTML page from the document tree (`render.tree`): prose with its marks, lists, tables,
headings, annexes and endnotes, as escaped HTML.

Built in Python rather than in the template because marks nest (a bold piece inside a link) and lists
nest in list items. Prose is written from the inline syntax's nodes (`inline.parse`), so marks nest as typed
and read back as typed; the tree gives the numbers, markers, labels and note numbers. Every text goes
through `markupsafe.escape`, and a link's address is used only when it is one the inline syntax allows
(https, http, mailto or #annex), so no agreement text can become markup or a script. What a reader needs to read the page back exactly and cannot see is carried in
attributes: a footnote's id (`id="fn-<id>"`), a table's relative column widths (`data-width`), a list's
numbering where the YAML sets it rather than leaving it to the level (`data-style`).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from avtale import inline
from avtale.render import tree

OL_TYPE = {"1.": "1", "1)": "1", "a)": "a", "i)": "i"}
OL_CLASS = {"1.": "list-dot", "1)": "list-paren", "a)": "list-alpha", "i)": "list-roman"}


class Body:
    """HTML of the blocks, parts and notes of one document tree."""

    def __init__(self, agreement, layout: dict):
        self.agreement, self.layout = agreement, layout or {}
        self.refs: dict[int, int] = {}  # note number -> references made so far
        self.note_ids: dict[int, str] = {}
        self.note_numbers: dict[str, int] = {}
        self.annexes: dict[str, int] = {}

    def note_id(self, n: int) -> str:
        return self.note_ids.get(n, str(n))

    # -- inline --------------------------------------------------------------------------------------------

    def prose(self, text: str) -> str:
        """HTML of a text with marks, nested as typed (`**fet *og kursiv***`)."""
        return self._nodes(inline.parse(text).nodes)

    def _nodes(self, nodes) -> str:
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(str(escape(node)))
            elif node.kind == "bold":
                out.append(f"<strong>{self._nodes(node.children)}</strong>")
            elif node.kind == "italic":
                out.append(f"<em>{self._nodes(node.children)}</em>")
            elif node.kind == "link":
                words = self._nodes(node.children)
                out.append(f'<a href="{escape(node.target)}">{words}</a>' if inline.allowed_url(node.target) else words)
            elif node.kind == "note":
                n = self.note_numbers.get(node.target)
                if n is not None:
                    out.append(self.note_ref(n))
            elif node.kind == "ref":
                n = self.annexes.get(node.target)
                label = tree.annex_reference(self.layout, self.agreement.language, n) if n else node.target
                out.append(f'<a href="#{escape(node.target)}">{escape(label)}</a>')
        return "".join(out)

    def note_ref(self, n: int) -> str:
        key = self.note_id(n)
        self.refs[n] = self.refs.get(n, 0) + 1
        own = f"fnref-{key}" + (f"-{self.refs[n]}" if self.refs[n] > 1 else "")
        return (f'<sup><a href="#fn-{escape(key)}" id="{escape(own)}" role="doc-noteref">{n}</a></sup>')

    # -- blocks --------------------------------------------------------------------------------------------

    def blocks(self, blocks: list[dict]) -> str:
        out = []
        for b in blocks:
            if b["kind"] == "paragraph":
                out.append(f"\n<p>{self.prose(b['text'])}</p>")
            elif b["kind"] == "table":
                out.append("\n" + self.table(b))
            else:
                out.append("\n" + self.list(b))
        return "".join(out)

    def list(self, b: dict, indent: str = "") -> str:
        if b["kind"] == "bullets":
            head, tail = "<ul>", "</ul>"
        else:
            own = f' data-style="{escape(b["own_style"])}"' if b.get("own_style") else ""
            head = f'<ol type="{OL_TYPE[b["style"]]}" class="{OL_CLASS[b["style"]]}"{own}>'
            tail = "</ol>"
        items = []
        for item in b["items"]:
            inner = self.prose(item["text"])
            if item["list"] is not None:
                inner += "\n" + self.list(item["list"], indent + "  ") + "\n" + indent + "  "
            items.append(f"\n{indent}  <li>{inner}</li>")
        return head + "".join(items) + "\n" + indent + tail

    def table(self, b: dict, model_columns=None) -> str:
        out = ['<table class="data">']
        if b["caption"]:
            label = tree.caption_frame(self.layout, self.agreement.language, b["n"])[0]
            out.append(f'<caption><span class="label">{escape(label)}</span>{self.prose(b["caption"])}</caption>')
        if b.get("model_columns") is not None:
            cols = []
            for column, model in zip(b["columns"], b["model_columns"]):
                width = f' data-width="{model.width:g}"' if model is not None and model.width is not None else ""
                cols.append(f'<col style="width: {column["share"] * 100:.2f}%"{width}>')
            out.append("<colgroup>" + "".join(cols) + "</colgroup>")
        aligns = [c["align"] for c in b["columns"]]
        out.append("<thead>\n<tr>" + "".join(
            f'<th scope="col"{_align(a)}>{self.prose(cell)}</th>' for cell, a in zip(b["header_text"], aligns)) + "</tr>\n</thead>")
        rows = ["<tr>" + "".join(f"<td{_align(a)}>{self.prose(cell)}</td>" for cell, a in zip(row, aligns)) + "</tr>"
                for row in b["rows_text"]]
        out.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
        out.append("</table>")
        return "\n".join(out)

    # -- parts ---------------------------------------------------------------------------------------------

    def part(self, p: dict, level: int) -> str:
        number = f'<span class="number">{escape(p["number"])}</span> ' if p["number"] else ""
        h = f"h{min(level, 6)}"
        out = [f"\n<section>\n<{h}>{number}{escape(p['title'])}</{h}>", self.blocks(p["blocks"])]
        out += [self.part(sub, level + 1) for sub in p["subsections"]]
        out.append("\n</section>")
        return "".join(out)

    def annex(self, a: dict, has_id: bool) -> str:
        ident = f' id="{escape(a["id"])}"' if has_id else ""
        out = [f'\n<section class="annex"{ident}>\n<h2><span class="label">{escape(a["label"])}:</span> '
               f'{escape(a["title"])}</h2>', self.blocks(a["blocks"])]
        out += [self.part(sub, 3) for sub in a["subsections"]]
        out.append("\n</section>")
        return "".join(out)

    def notes(self, notes: list[dict], label: str) -> str:
        if not notes:
            return ""
        items = []
        for note in notes:
            key = escape(self.note_id(note["n"]))
            text = self.agreement.footnotes.get(note.get("id"), "") if "id" in note else inline.escape(note["url"])
            items.append(f'\n  <li id="fn-{key}">{self.prose(text)} '
                         f'<a href="#fnref-{key}" role="doc-backlink" aria-label="{escape(label)}">↩</a></li>')
        return (f'\n<section class="notes" role="doc-endnotes">\n<ol>{"".join(items)}\n</ol>\n</section>')


def _align(align: str) -> str:
    return "" if align == "left" else f' class="align-{align}"'


def body(agreement, layout: dict) -> dict:
    """The page's parts as markup: preamble, sections, annexes and notes."""
    doc = tree.Document(agreement, layout, print_urls="none")
    t = doc.build()
    writer = Body(agreement, layout)
    writer.note_ids = {n["n"]: n["id"] for n in t["notes"] if "id" in n}
    writer.note_numbers = {n["id"]: n["n"] for n in t["notes"] if "id" in n}
    writer.annexes = doc.annexes
    _attach_model(agreement, t)
    preamble = writer.blocks(t["preamble"])
    sections = "".join(writer.part(s, 2) for s in t["sections"])
    annexes = "".join(writer.annex(a, model.id is not None) for a, model in zip(t["annexes"], agreement.annexes))
    label = "Tilbake til teksten" if agreement.language == "nb" else "Tilbake til teksten"
    notes = writer.notes(t["notes"], label)
    return {k: Markup(v) for k, v in
            {"preamble": preamble, "sections": sections, "annexes": annexes, "notes": notes}.items()}


def _attach_model(agreement, t: dict) -> None:
    """Give the tree's tables their model's `columns` (None where the YAML gives none) and its numbered lists
    the style the YAML sets (None: by level), walking the model and the tree side by side."""
    from avtale.model import Table

    def blocks(model_blocks, tree_blocks):
        for m, b in zip(model_blocks, tree_blocks):
            if isinstance(m, Table):
                count = len(b["columns"])
                columns = m.table.columns
                b["model_columns"] = None if columns is None else (list(columns) + [None] * count)[:count]
            elif b["kind"] in ("bullets", "numbered"):
                listing(m, b)

    def listing(m, b):
        b["own_style"] = getattr(m, "style", None)
        for item, entry in zip(m.items, b["items"]):
            if entry["list"] is not None:
                listing(item, entry["list"])

    def part(m, p):
        blocks(m.blocks, p["blocks"])
        for sub, entry in zip(m.subsections, p["subsections"]):
            part(sub, entry)

    blocks(agreement.preamble, t["preamble"])
    for m, p in zip(agreement.sections, t["sections"]):
        part(m, p)
    for m, p in zip(agreement.annexes, t["annexes"]):
        part(m, p)

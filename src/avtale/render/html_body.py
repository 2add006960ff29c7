"""The body of the HTML page from the document tree (`render.tree`): prose with its marks, lists, tables,
headings, annexes and endnotes, as escaped HTML.

Built in Python rather than in the template because inline runs nest (a bold piece inside a link) and
lists nest in list items; every text goes through `markupsafe.escape`, and a link's address is used only
when it is one the inline syntax allows (https, http, mailto or #annex), so no agreement text can become
markup or a script. What a reader needs to read the page back exactly and cannot see is carried in
attributes: a footnote's id (`id="fn-<id>"`), a table's relative column widths (`data-width`).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from avtale.render import tree

SAFE_LINK = ("https://", "http://", "mailto:", "#")
OL_TYPE = {"1.": "1", "1)": "1", "a)": "a", "i)": "i"}
OL_CLASS = {"1.": "list-dot", "1)": "list-paren", "a)": "list-alpha", "i)": "list-roman"}


def caption_label(layout: dict, language: str, n: int) -> str:
    """«Tabell 1: » (the layout's `table.caption_*` up to the caption)."""
    table = (layout or {}).get("table") or {}
    pattern = table.get(f"caption_{language}", table.get("caption_nb", "Tabell {n}: {caption}"))
    return pattern.replace("{n}", str(n)).split("{caption}")[0]


class Body:
    """HTML of the blocks, parts and notes of one document tree."""

    def __init__(self, agreement, layout: dict):
        self.agreement, self.layout = agreement, layout or {}
        self.refs: dict[int, int] = {}  # note number -> references made so far
        self.note_ids: dict[int, str] = {}

    def note_id(self, n: int) -> str:
        return self.note_ids.get(n, str(n))

    # -- inline --------------------------------------------------------------------------------------------

    def runs(self, runs: list[dict]) -> str:
        out, k = [], 0
        while k < len(runs):
            run = runs[k]
            if "note" in run:
                out.append(self.note_ref(run["note"]))
                k += 1
                continue
            link = run["link"]
            group = []
            while k < len(runs) and "text" in runs[k] and runs[k]["link"] == link:
                group.append(runs[k])
                k += 1
            inner = "".join(_marked(r) for r in group)
            if link and link.startswith(SAFE_LINK):
                out.append(f'<a href="{escape(link)}">{inner}</a>')
            else:
                out.append(inner)
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
                out.append(f"\n<p>{self.runs(b['runs'])}</p>")
            elif b["kind"] == "table":
                out.append("\n" + self.table(b))
            else:
                out.append("\n" + self.list(b))
        return "".join(out)

    def list(self, b: dict, indent: str = "") -> str:
        if b["kind"] == "bullets":
            head, tail = "<ul>", "</ul>"
        else:
            head = f'<ol type="{OL_TYPE[b["style"]]}" class="{OL_CLASS[b["style"]]}">'
            tail = "</ol>"
        items = []
        for item in b["items"]:
            inner = self.runs(item["runs"])
            if item["list"] is not None:
                inner += "\n" + self.list(item["list"], indent + "  ") + "\n" + indent + "  "
            items.append(f"\n{indent}  <li>{inner}</li>")
        return head + "".join(items) + "\n" + indent + tail

    def table(self, b: dict, model_columns=None) -> str:
        out = ['<table class="data">']
        if b["caption"]:
            label = caption_label(self.layout, self.agreement.language, b["n"])
            out.append(f'<caption><span class="label">{escape(label)}</span>{self.runs(b["caption_runs"])}</caption>')
        if b.get("model_columns") is not None:
            cols = []
            for column, model in zip(b["columns"], b["model_columns"]):
                width = f' data-width="{model.width:g}"' if model is not None and model.width is not None else ""
                cols.append(f'<col style="width: {column["share"] * 100:.2f}%"{width}>')
            out.append("<colgroup>" + "".join(cols) + "</colgroup>")
        aligns = [c["align"] for c in b["columns"]]
        out.append("<thead>\n<tr>" + "".join(
            f'<th scope="col"{_align(a)}>{self.runs(cell)}</th>' for cell, a in zip(b["header"], aligns)) + "</tr>\n</thead>")
        rows = ["<tr>" + "".join(f"<td{_align(a)}>{self.runs(cell)}</td>" for cell, a in zip(row, aligns)) + "</tr>"
                for row in b["rows"]]
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
            runs = note["runs"] if "runs" in note else [
                {"text": note["url"], "bold": False, "italic": False, "link": note["url"]}]
            items.append(f'\n  <li id="fn-{key}">{self.runs(runs)} '
                         f'<a href="#fnref-{key}" role="doc-backlink" aria-label="{escape(label)}">↩</a></li>')
        return (f'\n<section class="notes" role="doc-endnotes">\n<ol>{"".join(items)}\n</ol>\n</section>')


def _marked(run: dict) -> str:
    text = escape(run["text"])
    if run["italic"]:
        text = f"<em>{text}</em>"
    if run["bold"]:
        text = f"<strong>{text}</strong>"
    return text


def _align(align: str) -> str:
    return "" if align == "left" else f' class="align-{align}"'


def body(agreement, layout: dict) -> dict:
    """The page's parts as markup: preamble, sections, annexes and notes."""
    doc = tree.Document(agreement, layout, print_urls="none")
    t = doc.build()
    writer = Body(agreement, layout)
    writer.note_ids = {n["n"]: n["id"] for n in t["notes"] if "id" in n}
    _attach_columns(agreement, t)
    preamble = writer.blocks(t["preamble"])
    sections = "".join(writer.part(s, 2) for s in t["sections"])
    annexes = "".join(writer.annex(a, model.id is not None) for a, model in zip(t["annexes"], agreement.annexes))
    label = "Tilbake til teksten" if agreement.language == "nb" else "Tilbake til teksten"
    notes = writer.notes(t["notes"], label)
    return {k: Markup(v) for k, v in
            {"preamble": preamble, "sections": sections, "annexes": annexes, "notes": notes}.items()}


def _attach_columns(agreement, t: dict) -> None:
    """Give each table block of the tree its model's `columns` (None where the YAML gives none), in order."""
    from avtale.model import Table

    tables = []

    def blocks(items):
        for block in items:
            if isinstance(block, Table):
                tables.append(block.table.columns)

    def part(node):
        blocks(node.blocks)
        for sub in node.subsections:
            part(sub)

    blocks(agreement.preamble)
    for s in agreement.sections:
        part(s)
    for a in agreement.annexes:
        part(a)
    found = []

    def walk_blocks(items):
        for b in items:
            if b["kind"] == "table":
                found.append(b)

    def walk_part(p):
        walk_blocks(p["blocks"])
        for sub in p["subsections"]:
            walk_part(sub)

    walk_blocks(t["preamble"])
    for s in t["sections"]:
        walk_part(s)
    for a in t["annexes"]:
        walk_part(a)
    for b, columns in zip(found, tables):
        count = len(b["columns"])
        b["model_columns"] = None if columns is None else (list(columns) + [None] * count)[:count]

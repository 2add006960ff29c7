"""The Markdown of the blocks of the document tree: prose with its marks, nested lists, pipe tables, footnotes.

Prose is written from the inline syntax's nodes (`inline.parse`), not from the tree's flat runs, so that
marks nest as typed (`**fet *og kursiv***`). Each piece of text is escaped as `md.escape` escapes a line
(every character Markdown reads as markup gets its backslash); the marks are written as Markdown writes
them. A link whose address the inline syntax does not allow is written as its words only.

What GFM cannot show but a reader needs to read the file back exactly is in an HTML comment, invisible
where the Markdown is shown: a table's relative column widths (`<!-- column widths: 3 1 1 -->`).
"""

from __future__ import annotations

import re

from avtale import inline
from avtale.render import tree

WIDTHS_COMMENT = "<!-- column widths: {widths} -->"
DELIMITER = {"left": ":---", "center": ":---:", "right": "---:"}


class Body:
    def __init__(self, agreement, layout: dict):
        self.agreement, self.layout = agreement, layout
        self.doc = tree.Document(agreement, layout, print_urls="none")
        self.tree = self.doc.build()
        self.columns = _model_columns(agreement)

    # -- inline --------------------------------------------------------------------------------------------

    def prose(self, text: str) -> str:
        """One line of Markdown for a text with marks."""
        from avtale.mdtext import _LINE_START, _ORDERED_START

        line = " ".join(self._nodes(inline.parse(text).nodes).split())
        line = _LINE_START.sub(r"\1\\\2", line)
        return _ORDERED_START.sub(r"\1\\\2", line)

    def _nodes(self, nodes) -> str:
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(_piece(node))
            elif node.kind == "bold":
                out.append(f"**{self._nodes(node.children)}**")
            elif node.kind == "italic":
                out.append(f"*{self._nodes(node.children)}*")
            elif node.kind == "link":
                words = self._nodes(node.children)
                out.append(f"[{words}]({node.target})" if inline.allowed_url(node.target) else words)
            elif node.kind == "note":
                out.append(f"[^{node.target}]")
            elif node.kind == "ref":
                n = self.doc.annexes.get(node.target)
                label = tree.annex_reference(self.layout, self.agreement.language, n) if n else node.target
                out.append(f"[{_piece(label)}](#{node.target})")
        return "".join(out)

    # -- blocks --------------------------------------------------------------------------------------------

    def blocks(self, blocks: list[dict]) -> list[str]:
        out = []
        for i, b in enumerate(blocks):
            if i and b["kind"] in ("bullets", "numbered") and blocks[i - 1]["kind"] in ("bullets", "numbered"):
                out.append("<!-- -->")  # two lists in a row would otherwise merge into one
            if b["kind"] == "paragraph":
                out.append(self.prose(b["text"]))
            elif b["kind"] == "table":
                out += self.table(b)
            else:
                out.append("\n".join(self.list(b, "")))
        return out

    def list(self, b: dict, indent: str) -> list[str]:
        lines = []
        for n, item in enumerate(b["items"], 1):
            if b["kind"] == "bullets":
                marker, text = "-", self.prose(item["text"])
            elif b["style"] in ("a)", "i)"):
                # GFM has no lettered or roman lists: a bulleted list keeps the letters as labels
                marker, text = "-", tree.list_marker(b["style"], n)[:-1] + "\\) " + self.prose(item["text"])
            else:
                marker, text = tree.list_marker(b["style"], n), self.prose(item["text"])
            lines.append(f"{indent}{marker} {text}")
            if item["list"] is not None:
                lines += self.list(item["list"], indent + " " * (len(marker) + 1))
        return lines

    def table(self, b: dict) -> list[str]:
        out = []
        columns = self.columns.pop(0) if self.columns else None
        if b["caption"]:
            label = tree.caption_frame(self.layout, self.agreement.language, b["n"])[0]
            out.append(_piece(label).strip() + " " + self.prose(b["caption"]))
        if columns is not None and any(c.width is not None for c in columns):
            out.append(WIDTHS_COMMENT.format(widths=" ".join(f"{c.width:g}" if c.width is not None else "-"
                                                                for c in columns)))
        count = len(b["header_text"])
        if columns is None:
            delimiter = ["---"] * count
        else:
            aligns = [c.align for c in columns] + ["left"] * (count - len(columns))
            delimiter = [DELIMITER[a] for a in aligns[:count]]
        rows = [[self.prose(c) if c else "" for c in b["header_text"]], delimiter]
        rows += [[self.prose(c) if c else "" for c in row] for row in b["rows_text"]]
        out.append("\n".join("| " + " | ".join(row) + " |" for row in rows))
        return out

    def notes(self) -> list[str]:
        """The footnotes' definitions, in the order of their numbers."""
        out = []
        for note in self.tree["notes"]:
            if "id" in note:
                text = self.agreement.footnotes.get(note["id"])
                out.append(f"[^{note['id']}]: " + (self.prose(text) if text else ""))
        return out


def _piece(text: str) -> str:
    """A piece of prose escaped as `md.escape` escapes a line, keeping its spaces at either end."""
    from avtale.mdtext import _EMOJI, _INLINE

    text = re.sub(r"\s+", " ", text)
    text = _INLINE.sub(r"\\\1", text)
    return _EMOJI.sub(r"\\:", text)


def _model_columns(agreement) -> list:
    """The `columns` of every table of the agreement (None where the YAML gives none), in reading order."""
    from avtale.model import Table

    out = []

    def part(node):
        for block in node.blocks:
            if isinstance(block, Table):
                out.append(block.table.columns)
        for sub in node.subsections:
            part(sub)

    for block in agreement.preamble:
        if isinstance(block, Table):
            out.append(block.table.columns)
    for s in agreement.sections:
        part(s)
    for a in agreement.annexes:
        part(a)
    return out

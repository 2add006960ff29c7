"""The agreement as every renderer sets it: numbers, list markers, inline runs, footnotes and annexes resolved.

Numbers are never typed in the YAML. Headings (2, 2.1, 2.1.1), list markers by level (1. → a) → i)),
footnote numbers (in order of first use, in reading order) and annex numbers all follow from order, and are
computed here once, so the DOCX, PDF, HTML and Markdown cannot disagree.

Prose is given twice: `text`, as typed (with its marks), and `runs`, a flat list of pieces to set:

    {"text": "…", "bold": bool, "italic": bool, "link": url or None}   a piece of text
    {"note": 3}                                                        a footnote's reference mark

An annex reference `[#id]` is a piece with the annex's label («vedlegg 2») and `link` "#id"; a link to a
url printed in a format that cannot be clicked carries `"url": n` when the layout prints urls as footnotes
(`links.print_urls: footnote`; the note is in `notes` with its url).

Blocks are dicts with `kind`: `paragraph` (text, runs), `bullets` or `numbered` (level, style, items: each
with marker, text, runs and `list`, a nested list block or None) and `table` (caption, columns with a
`share` of the line and `align`, header and rows of cells, each cell a list of runs).
"""

from __future__ import annotations

from avtale import inline
from avtale.numbering import list_marker, roman  # noqa: F401  (roman: for the renderers)
from avtale.model import Agreement, Annex, Bullets, Numbered, Subsection, Table, list_style
from avtale.render import common


def heading_number(numbering: str, path: tuple[int, ...]) -> str:
    """'2.' (or '2', '§ 2') for section 2; '2.1' and '2.1.3' below it; '' when headings are not numbered."""
    if numbering == "none":
        return ""
    if len(path) == 1:
        return common.section_number(numbering, path[0])
    return ".".join(str(i + 1) for i in path)


def annex_label(layout: dict, language: str, n: int) -> str:
    """'Vedlegg 2' (from the layout, per language)."""
    annex = (layout or {}).get("annex") or {}
    return annex.get(f"label_{language}", annex.get("label_nb", "Vedlegg {n}")).replace("{n}", str(n))


def annex_reference(layout: dict, language: str, n: int) -> str:
    """'vedlegg 2': how `[#id]` prints in the text."""
    annex = (layout or {}).get("annex") or {}
    return annex.get(f"reference_{language}", annex.get("reference_nb", "vedlegg {n}")).replace("{n}", str(n))


def caption_pattern(layout: dict, language: str) -> str:
    """«Tabell {n}: {caption}»: how a captioned table's caption prints (the layout's `table.caption_*`)."""
    table = (layout or {}).get("table") or {}
    return table.get(f"caption_{language}", table.get("caption_nb", "Tabell {n}: {caption}"))


def caption_frame(layout: dict, language: str, n: int) -> tuple[str, str]:
    """What stands before and after the caption of table `n`: ('Tabell 2: ', '')."""
    before, _, after = caption_pattern(layout, language).replace("{n}", str(n)).partition("{caption}")
    return before, after


class Document:
    """The tree of one agreement for one format. `print_urls` is what the format does with a link's url:
    "parentheses", "footnote" or "none" (HTML and Markdown, where links are clicked, pass "none")."""

    def __init__(self, agreement: Agreement, layout: dict | None = None, print_urls: str = "none"):
        self.agreement = agreement
        self.layout = layout or {}
        self.print_urls = print_urls
        self.annexes = {a.id: n for n, a in enumerate(agreement.annexes, 1) if a.id}
        self.notes: list[dict] = []  # in order: {"n", "id", "runs"} or {"n", "url"}
        self._note_numbers: dict[str, int] = {}
        self._tables = 0

    # -- prose ---------------------------------------------------------------------------------------------

    def runs(self, text: str) -> list[dict]:
        """The pieces of `text` to set, its notes numbered in order of first use."""
        out: list[dict] = []
        self._runs(inline.parse(text).nodes, False, False, None, out)
        return out

    def _runs(self, nodes, bold: bool, italic: bool, link, out: list) -> None:
        for node in nodes:
            if isinstance(node, str):
                if out and "text" in out[-1] and (out[-1]["bold"], out[-1]["italic"], out[-1]["link"]) == (
                        bold, italic, link):
                    out[-1]["text"] += node
                else:
                    out.append({"text": node, "bold": bold, "italic": italic, "link": link})
            elif node.kind == "bold":
                self._runs(node.children, True, italic, link, out)
            elif node.kind == "italic":
                self._runs(node.children, bold, True, link, out)
            elif node.kind == "link":
                self._runs(node.children, bold, italic, node.target, out)
                if self.print_urls == "footnote" and not node.target.startswith("#"):
                    n = len(self.notes) + 1
                    self.notes.append({"n": n, "url": node.target})
                    out.append({"note": n})
            elif node.kind == "note":
                out.append({"note": self._note(node.target)})
            elif node.kind == "ref":
                n = self.annexes.get(node.target)
                label = annex_reference(self.layout, self.agreement.language, n) if n else node.target
                out.append({"text": label, "bold": bold, "italic": italic, "link": f"#{node.target}"})

    def _note(self, key: str) -> int:
        if key not in self._note_numbers:
            n = len(self.notes) + 1
            self._note_numbers[key] = n
            entry = {"n": n, "id": key, "runs": []}
            self.notes.append(entry)
            text = self.agreement.footnotes.get(key)
            if text is not None:
                entry["runs"] = self.runs(text)
        return self._note_numbers[key]

    # -- blocks --------------------------------------------------------------------------------------------

    def blocks(self, items) -> list[dict]:
        out = []
        for block in items:
            if isinstance(block, str):
                out.append({"kind": "paragraph", "text": block, "runs": self.runs(block)})
            elif isinstance(block, Table):
                out.append(self.table(block))
            else:
                out.append(self.list(block, 1))
        return out

    def list(self, block, level: int) -> dict:
        numbered = isinstance(block, Numbered) or (not isinstance(block, Bullets) and block.numbered is not None)
        style = list_style(block.style, level) if numbered else None
        items = []
        for n, item in enumerate(block.bullets if isinstance(block, Bullets) else (
                block.numbered if isinstance(block, Numbered) else block.items), 1):
            text = item if isinstance(item, str) else item.text
            entry = {
                "marker": list_marker(style, n) if numbered else None,
                "text": text,
                "runs": self.runs(text),
                "list": None if isinstance(item, str) else self.list(item, level + 1),
            }
            items.append(entry)
        return {"kind": "numbered" if numbered else "bullets", "level": level, "style": style, "items": items}

    def table(self, block: Table) -> dict:
        t = block.table
        count = len(t.header)
        columns = list(t.columns or [])[:count]
        widths = [(c.width if c.width is not None else None) for c in columns] + [None] * (count - len(columns))
        known = [w for w in widths if w is not None]
        fill = (sum(known) / len(known)) if known else 1.0
        widths = [w if w is not None else fill for w in widths]
        total = sum(widths)
        aligns = [c.align for c in columns] + ["left"] * (count - len(columns))
        if t.caption:
            self._tables += 1
        return {
            "kind": "table",
            "n": self._tables if t.caption else None,  # captioned tables are numbered «Tabell 1» …
            "caption": t.caption,
            "caption_runs": self.runs(t.caption) if t.caption else [],
            "columns": [{"share": w / total, "align": a} for w, a in zip(widths, aligns)],
            "header": [self.runs(cell) if cell else [] for cell in t.header],
            "header_text": list(t.header),
            "rows": [[self.runs(cell) if cell else [] for cell in row] for row in t.rows],
            "rows_text": [list(row) for row in t.rows],
        }

    # -- parts ---------------------------------------------------------------------------------------------

    def part(self, path: tuple[int, ...], node) -> dict:
        """A section or subsection with its number, blocks and subsections (recursively)."""
        return {
            "number": heading_number(self.agreement.numbering, path),
            "level": len(path),
            "title": node.title,
            "blocks": self.blocks(node.blocks),
            "subsections": [self.part((*path, j), sub) for j, sub in enumerate(node.subsections)],
        }

    def annex(self, n: int, annex: Annex) -> dict:
        return {
            "number": "",
            "level": 1,
            "title": annex.title,
            "blocks": self.blocks(annex.blocks),
            # subsections of an annex are numbered within it: 1, 1.1 … (without the annex's number)
            "subsections": [self._annex_sub((j,), sub) for j, sub in enumerate(annex.subsections)],
            "id": annex.id or f"vedlegg-{n}",
            "n": n,
            "label": annex_label(self.layout, self.agreement.language, n),
        }

    def _annex_sub(self, path: tuple[int, ...], sub: Subsection) -> dict:
        number = "" if self.agreement.numbering == "none" else ".".join(str(i + 1) for i in path)
        return {"number": number, "level": len(path) + 1, "title": sub.title, "blocks": self.blocks(sub.blocks),
                "subsections": [self._annex_sub((*path, j), s) for j, s in enumerate(sub.subsections)]}

    def build(self) -> dict:
        """The whole tree: preamble, sections, annexes and notes (in that reading order)."""
        preamble = self.blocks(self.agreement.preamble)
        sections = [self.part((i,), s) for i, s in enumerate(self.agreement.sections)]
        annexes = [self.annex(n, a) for n, a in enumerate(self.agreement.annexes, 1)]
        return {"preamble": preamble, "sections": sections, "annexes": annexes, "notes": self.notes}


def document(agreement: Agreement, layout: dict | None = None, print_urls: str = "none") -> dict:
    """The tree of `agreement` (see the module's docstring)."""
    return Document(agreement, layout, print_urls).build()

"""Inline runs of the document tree as WordprocessingML, as `docx_inline` writes them.

Reads the tree's runs (`render/tree.py`); writes `w:r` / `w:hyperlink` / footnote references into the `E`
paragraph it is given, relating urls through the part's `Rels`. Plain text goes through `add_text`, the
writer's one way of writing text.
"""

from __future__ import annotations

from avtale.render.docx_fast.package import RT_HYPERLINK, clean
from avtale.render.docx_fast.xml import E, run_text

HYPERLINK_STYLE = "Hyperlink"
NOTE_REFERENCE_STYLE = "FootnoteReference"


def add_text(p: E, value: str) -> None:
    """`value` as one run (python-docx's `add_run` where it holds tabs or line breaks)."""
    value = clean(value)
    run = E("w:r")
    if "\t" in value or "\n" in value or "\r" in value:
        docx_run_text(run, value)
    else:
        run.append(run_text(value))
    p.append(run)


def docx_run_text(run: E, value: str) -> None:
    """python-docx's `run.text = value`: `w:t` pieces, `w:tab` for a tab, `w:br` for \\n or \\r."""
    piece = []
    for char in value:
        if char == "\t" or char in "\r\n":
            if piece:
                run.append(run_text("".join(piece)))
                piece = []
            run.append(E("w:tab" if char == "\t" else "w:br"))
        else:
            piece.append(char)
    if piece:
        run.append(run_text("".join(piece)))


def append_run(parent: E, value: str, rpr: E | None) -> None:
    """docx_inline._append_run."""
    value = clean(value)
    run = E("w:r")
    if rpr is not None:
        run.append(rpr)
    piece = ""
    for char in value:
        if char in "\t\n\r":
            if piece:
                run.append(run_text(piece))
                piece = ""
            run.append(E("w:tab" if char == "\t" else "w:br"))
        else:
            piece += char
    if piece or len(run.kids) == (0 if rpr is None else 1):
        run.append(run_text(piece))
    parent.append(run)


def run_properties(*, style: str | None = None, bold: bool = False, italic: bool = False,
                   size_pt: float | None = None) -> E | None:
    if not (style or bold or italic or size_pt):
        return None
    rpr = E("w:rPr")
    if style:
        rpr.add("w:rStyle", val=style)
    if bold:
        rpr.append(E("w:b"))
    if italic:
        rpr.append(E("w:i"))
    if size_pt:
        half = str(round(size_pt * 2))
        rpr.add("w:sz", val=half)
        rpr.add("w:szCs", val=half)
    return rpr


class Inline:
    """Writes runs into paragraphs; remembers referenced notes and whether links were used."""

    def __init__(self, print_urls: str = "parentheses"):
        self.print_urls = print_urls
        self.referenced: set[int] = set()
        self.links = False
        self.url_notes: dict[int, str] = {}
        self.inlined: set[int] = set()

    def add(self, p: E, runs: list[dict], rels, *, bold: bool = False, size_pt: float | None = None,
            in_note: bool = False) -> None:
        for i, run in enumerate(runs):
            if "note" in run:
                n = run["note"]
                if in_note and n in self.url_notes:
                    self.inlined.add(n)
                    append_run(p, f" ({shown_url(self.url_notes[n])})", None)
                else:
                    self._note(p, n, printed=in_note)
                continue
            link = run["link"]
            is_bold, italic = run["bold"] or bold, run["italic"]
            if link is None:
                if not (is_bold or italic or size_pt):
                    add_text(p, run["text"])
                else:
                    append_run(p, run["text"], run_properties(bold=is_bold, italic=italic, size_pt=size_pt))
                continue
            self.links = True
            hyperlink = E("w:hyperlink")
            if link.startswith("#"):
                hyperlink.attrs["w:anchor"] = link[1:]
            else:
                hyperlink.attrs["r:id"] = rels.add(RT_HYPERLINK, link, external=True)
            hyperlink.attrs["w:history"] = "1"
            append_run(hyperlink, run["text"], run_properties(style=HYPERLINK_STYLE, bold=is_bold, italic=italic,
                                                              size_pt=size_pt))
            p.append(hyperlink)
            following = runs[i + 1] if i + 1 < len(runs) else None
            if (self.print_urls == "parentheses" and not link.startswith("#") and run["text"].strip() != link
                    and not (following and following.get("link") == link)):
                append_run(p, f" ({shown_url(link)})", run_properties(size_pt=size_pt))

    def _note(self, p: E, n: int, printed: bool = False) -> None:
        run = E("w:r")
        run.append(run_properties(style=NOTE_REFERENCE_STYLE))
        if n in self.referenced or printed:
            run.append(run_text(str(n)))
        else:
            self.referenced.add(n)
            run.append(E("w:footnoteReference", {"w:id": str(n)}))
        p.append(run)


def shown_url(url: str) -> str:
    """The url as printed: `mailto:` dropped (an address reads as itself)."""
    return url[len("mailto:"):] if url.startswith("mailto:") else url


def text_of(runs: list[dict]) -> str:
    """The runs' text as printed without notes (for a table's caption property and the like)."""
    return "".join(r.get("text", "") for r in runs)

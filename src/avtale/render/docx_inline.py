"""Inline runs of the document tree (`render/tree.py`) as WordprocessingML: what a paragraph holds.

A piece of text becomes a `w:r`, bold and italic as run properties (`w:b`, `w:i`), so that Word shows
them as formatting (and the redline can show a change of it). A link becomes a real `w:hyperlink`: to an
external relationship for a url, to a bookmark (`w:anchor`) for an annex reference `#id`. Where the url
is printed in parentheses (`layout.links.print_urls`), « (url)» follows the link text as a plain run; as
footnotes, the tree has already made the note. A footnote mark becomes a `w:footnoteReference`; Word
numbers the notes itself, in the order of their references, which is the tree's order of first use.
A note referred to a second time cannot have a second reference in Word: its number is printed in the
FootnoteReference style instead. Nor can a footnote hold a footnote: inside a note, the url of a link is
printed in parentheses (whatever the layout says) and a reference to another note prints its number.

Plain text goes through `add_text`, the renderer's one way of writing text, so that a paragraph without
marks is the same XML as before marks existed.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from avtale.render.docx_package import clean
from avtale.render.docx_fast.inline import HYPERLINK_STYLE, NOTE_REFERENCE_STYLE, shown_url
from avtale.render.docx_fast.inline import text_of  # noqa: F401  (the runs' text, without notes)

_XML_SPACE = qn("xml:space")


def plain_run(parent, text: str) -> None:
    """Append `text` to `parent` (a `w:p` or `w:hyperlink`) as one run, tabs and line breaks as Word's."""
    _append_run(parent, text, None)


def _append_run(parent, text: str, rpr) -> None:
    text = clean(text)
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(rpr)
    piece = ""
    for char in text:
        if char in "\t\n\r":
            if piece:
                _t(run, piece)
                piece = ""
            run.append(OxmlElement("w:tab" if char == "\t" else "w:br"))
        else:
            piece += char
    if piece or len(run) == (0 if rpr is None else 1):
        _t(run, piece)
    parent.append(run)


def _t(run, text: str) -> None:
    t = OxmlElement("w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")
    run.append(t)


def run_properties(*, style: str | None = None, bold: bool = False, italic: bool = False,
                   size_pt: float | None = None):
    """A `w:rPr` (children in the schema's order: rStyle, b, i, sz, szCs), or None when it would be empty."""
    if not (style or bold or italic or size_pt):
        return None
    rpr = OxmlElement("w:rPr")
    if style:
        _val(rpr, "w:rStyle", style)
    if bold:
        rpr.append(OxmlElement("w:b"))
    if italic:
        rpr.append(OxmlElement("w:i"))
    if size_pt:
        for tag in ("w:sz", "w:szCs"):
            _val(rpr, tag, str(round(size_pt * 2)))
    return rpr


def _val(parent, tag: str, value: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    parent.append(element)
    return element


class Inline:
    """Writes runs into paragraphs of one document; remembers which notes were referenced and whether links
    (and so the Hyperlink style) were used. `plain_text(paragraph, text)` is the writer's plain-text path."""

    def __init__(self, plain_text, print_urls: str = "parentheses"):
        self.plain_text = plain_text
        self.print_urls = print_urls
        self.referenced: set[int] = set()
        self.links = False
        self.url_notes: dict[int, str] = {}  # the notes that hold a link's url (print_urls: footnote)
        self.inlined: set[int] = set()  # url notes printed in parentheses inside a note: not written as notes

    def add(self, paragraph_element, runs: list[dict], part, *, bold: bool = False,
            size_pt: float | None = None, in_note: bool = False) -> None:
        """Append `runs` to the `w:p` `paragraph_element`; `part` owns the hyperlinks' relationships
        (the document part, or the footnotes part). `bold` and `size_pt` apply to every run (table header);
        `in_note`: the paragraph is a footnote's."""
        for i, run in enumerate(runs):
            if "note" in run:
                n = run["note"]
                if in_note and n in self.url_notes:
                    self.inlined.add(n)
                    _append_run(paragraph_element, f" ({shown_url(self.url_notes[n])})", None)
                else:
                    self._note(paragraph_element, n, size_pt, printed=in_note)
                continue
            link = run["link"]
            is_bold, italic = run["bold"] or bold, run["italic"]
            if link is None:
                if not (is_bold or italic or size_pt):
                    self.plain_text(paragraph_element, run["text"])
                else:
                    _append_run(paragraph_element, run["text"],
                                run_properties(bold=is_bold, italic=italic, size_pt=size_pt))
                continue
            self.links = True
            hyperlink = OxmlElement("w:hyperlink")
            if link.startswith("#"):
                hyperlink.set(qn("w:anchor"), link[1:])
            else:
                hyperlink.set(qn("r:id"), part.relate_to(link, RT.HYPERLINK, is_external=True))
            hyperlink.set(qn("w:history"), "1")
            _append_run(hyperlink, run["text"], run_properties(style=HYPERLINK_STYLE, bold=is_bold, italic=italic,
                                                                size_pt=size_pt))
            paragraph_element.append(hyperlink)
            following = runs[i + 1] if i + 1 < len(runs) else None
            if (self.print_urls == "parentheses" and not link.startswith("#") and run["text"].strip() != link
                    and not (following and following.get("link") == link)):
                _append_run(paragraph_element, f" ({shown_url(link)})", run_properties(size_pt=size_pt))

    def _note(self, paragraph_element, n: int, size_pt: float | None, printed: bool = False) -> None:
        run = OxmlElement("w:r")
        run.append(run_properties(style=NOTE_REFERENCE_STYLE))
        if n in self.referenced or printed:
            _t(run, str(n))  # Word gives a note one reference; a second one prints its number
        else:
            self.referenced.add(n)
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(n))
            run.append(reference)
        paragraph_element.append(run)

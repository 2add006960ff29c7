"""`avtale extract`: recover an agreement as canonical YAML from text, DOCX, PDF, HTML, Markdown or scanned pages.

One pipeline of small named stages, each its own module:

    read (read_text | read_docx | read_pdf | read_ocr | read_html | read_markdown) -> annexes.split -> clean
    -> signing -> unwrap -> recognise -> build (+ validate)

A reader of a structured source attaches to a line what it knows for certain (marks, notes, a table, nested
list items: `rich`); the stages between decide from the text alone, and build takes the payloads by source line.
Annexes a reader marked (`annexes`) are split off first, so that the signature block ends the text.

HTML and Markdown that avtale wrote itself take a shorter way: their structure is read as it was written
(`read_html_own`, `read_markdown_own`) and `own_build` derives the rest as `build` does.

Every stage adds to one `Notes`: what was dropped as noise and each uncertain decision,
with source line numbers (for OCR also the words Tesseract was unsure of).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract.lines import Line, Notes
from avtale.extract.outline import Outline
from avtale.i18n import _
from avtale.model import Agreement

TEXT_SUFFIXES = {".txt", ".text", ".plain"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass
class Extraction:
    agreement: Agreement
    outline: Outline
    notes: Notes
    todos: list[tuple[tuple, str]] = field(default_factory=list)
    kind: str = "text"

    def yaml(self, source: str = "") -> str:
        return extracted_yaml(self.agreement, self.todos, source)


def extracted_yaml(agreement: Agreement, todos: list[tuple[tuple, str]], source: str = "") -> str:
    """Canonical YAML with a `# TODO` comment on each line the drafter must look at, and the source named at the top."""
    from avtale.agreements import canonical_yaml

    lines = canonical_yaml(agreement, todos=todos).splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server") else 0
    head = [_("# extracted by `avtale extract` from {source}").format(source=source) + "\n"] if source else []
    return "".join(lines[:at] + head + lines[at:])


def kind_of(path: Path) -> str:
    """text, docx, pdf, image, html or markdown, by suffix, else (no suffix or an unknown one) by the first bytes."""
    import re

    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    from avtale.extract import guard

    head = guard.read_head(path)  # a FIFO or a device is refused here, never opened for a read that blocks
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    start = re.sub(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*", b"", head.removeprefix(b"\xef\xbb\xbf"), flags=re.S).lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_source(path: Path, notes: Notes, jobs: int | None = None) -> tuple[list[Line], str]:
    path = Path(path)
    if not os.path.lexists(path):  # a dangling link or a name too long is said by the reader, not here
        raise ExtractError(_("no such file"), Position(path))
    kind = kind_of(path)
    if kind == "docx":
        from avtale.extract import read_docx

        return read_docx.read(path, notes), kind
    if kind == "pdf":
        from avtale.extract import read_pdf

        lines = read_pdf.read(path, notes)
        if lines is not None:
            return lines, kind
        from avtale.extract import read_ocr

        return read_ocr.read_pdf(path, notes, jobs), "scan"
    if kind == "image":
        from avtale.extract import read_ocr

        read_ocr.check_image(path)
        return read_ocr.read_images([path], notes, jobs), "scan"
    if kind == "html":
        from avtale.extract import read_html

        return read_html.read(path, notes), kind
    if kind == "markdown":
        from avtale.extract import read_markdown

        return read_markdown.read(path, notes), kind
    from avtale.extract import read_text

    return read_text.read_any(path, notes)


def _read_own(path: Path, notes: Notes):
    """(OwnDoc, kind) where the source is an HTML page, Markdown file or PDF avtale wrote, else None."""
    if not os.path.lexists(path):
        return None
    kind = kind_of(path)
    if kind == "html":
        from avtale.extract import read_html

        return read_html.read_own(path, notes)
    if kind == "markdown":
        from avtale.extract import read_markdown

        return read_markdown.read_own(path, notes)
    if kind == "pdf":
        from avtale.extract import read_pdf

        return read_pdf.read_own(path, notes)
    return None


def pipeline(lines: list[Line], notes: Notes, source: str = "<source>", *, id: str | None = None,
             start: dt.date | None = None, end: dt.date | None = None, kind: str = "text") -> tuple[Agreement, Outline, list]:
    from avtale.extract import annexes, build, clean, draft_mark, recognise, signing, unwrap

    rich = {ln.no: ln.rich for ln in lines if ln.rich is not None}  # a structured reader's payloads (`rich`)
    lines = draft_mark.take(lines, notes)  # «UTKAST» at the top of the document or of a page: a draft
    lines, annex_lines = annexes.split(lines)
    kept, orgs = clean.clean(lines, notes)
    body, signed = signing.split(kept, notes)
    paras = unwrap.unwrap(body, notes, plain_text=kind == "text", ocr_text=kind == "ocr")
    if not paras:
        raise ExtractError(_("no text found"), Position(source))
    outline = recognise.recognise(paras, notes, signed)
    outline.annexes = annexes.read(annex_lines, notes)
    agreement, todos = build.build(outline, orgs, notes, id=id, start=start, end=end, source=source,
                                   column_read=kind == "ocr", rich=rich)
    return agreement, outline, todos


def extract(path: Path | str, *, id: str | None = None, start: dt.date | None = None,
            end: dt.date | None = None, jobs: int | None = None) -> Extraction:
    path = Path(path)
    notes = Notes()
    own = _read_own(path, notes)  # avtale's own HTML or Markdown: its structure read exactly
    if own is not None:
        from avtale.extract import own_build

        agreement, outline, todos = own_build.build(own[0], notes, id=id, start=start, end=end, source=str(path))
        return Extraction(agreement, outline, notes, todos, own[1])
    lines, kind = read_source(path, notes, jobs)
    agreement, outline, todos = pipeline(lines, notes, str(path), id=id, start=start, end=end, kind=kind)
    if kind == "docx":  # party ids and short names a DOCX carries in its properties (avtale's own: `docx_parties`)
        from avtale.extract import docx_parties, guard

        agreement = docx_parties.apply(agreement, docx_parties.carried(guard.read_source(path)), notes)
    return Extraction(agreement, outline, notes, todos, kind)

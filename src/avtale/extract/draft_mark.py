"""The draft mark («UTKAST») read back: a source that carries it is a draft, and the mark is no text of it.

avtale marks a draft (`render.draft`) on every page of the PDF and DOCX, at the top of the HTML and Markdown and
before the title in the metadata. Its own readers leave the mark out of the text (a page header and a PDF
artifact are not read; the HTML's `draft-mark` paragraph and the Markdown's `**UTKAST**` line are skipped) and
say they saw it (`Notes.draft_mark`); build then sets `status: draft`, however full the signature block.

For any other source, one named heuristic (`take`, «a draft mark at the top»): a line that is the word alone
(«UTKAST», «Utkast», the layout's word; in bold or capitals as the source sets it), standing first in the
document or first on a page (a page header as a text export writes it), is the mark: the line is dropped
(noted) and the source read as a draft. The word anywhere else is the agreement's own text.
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line, Notes
from avtale.i18n import _
from avtale.render import draft


def words(layout: dict | None = None) -> set[str]:
    """The marks, casefolded: the layout's words and «utkast»."""
    if layout is None:
        from avtale import layout as layout_mod

        layout = layout_mod.load()
    return {w.casefold() for w in draft.marks(layout)} | {draft.MARK.casefold()}


def is_mark(text: str, layout: dict | None = None) -> bool:
    """Whether a line is the mark alone: «UTKAST», «Utkast», «**UTKAST**», « UTKAST »."""
    bare = re.sub(r"^[\s*_#>]+|[\s*_]+$", "", text or "")
    return bool(bare) and bare.casefold() in words(layout)


def seen(notes: Notes, word: str) -> None:
    """A reader saw the mark: the source is a draft (build sets `status: draft`)."""
    if notes.draft_mark is None:
        notes.draft_mark = word
        notes.meta(_("the source is marked «{mark}»: read as a draft").format(mark=word))


def take(lines: list[Line], notes: Notes) -> list[Line]:
    """The lines with the top-of-document and top-of-page marks blanked; `notes.draft_mark` set where any was."""
    out = list(lines)
    pages_with_text: set[int] = set()  # the pages whose first line of text has gone by
    for i, line in enumerate(out):
        if line.blank():
            continue
        if line.page not in pages_with_text and is_mark(line.text):
            notes.dropped(line.no, line.text, _("the draft mark"))
            seen(notes, line.text.strip().strip("*_# "))
            out[i] = Line(line.no, "", line.page, None, line.page_start)
            continue
        pages_with_text.add(line.page)
    return out


def markdown_head(text: str, notes: Notes) -> str:
    """avtale's own Markdown without the mark over its title (`**UTKAST**` and a blank line); noted as seen."""
    head, sep, rest = text.partition("\n")
    if sep and is_mark(head) and head.startswith("**") and rest.lstrip("\n").startswith("# "):
        seen(notes, head.strip("* "))
        return rest.lstrip("\n")
    return text


VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
MAX_HEADER_TEXTS = 200  # paragraphs and shapes looked at in one header (a header is a line or two)


def docx_headers(document, notes: Notes) -> None:
    """A Word file whose page header is the mark alone («UTKAST» as a paragraph of the header, or as the text of
    Word's watermark, a VML text shape) is a draft: `notes.draft_mark` set. The headers are never text."""
    for section in document.sections[:50]:
        for header in (section.header, section.first_page_header, section.even_page_header):
            if header.is_linked_to_previous:
                continue
            element = header._element
            texts = ["".join(t.text or "" for t in p.iter(W_T)) for p in element.iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]
            texts += [shape.get("string") or "" for shape in element.iter(VML_TEXTPATH)]
            for text in texts[:MAX_HEADER_TEXTS]:
                if is_mark(text):
                    seen(notes, text.strip())
                    return

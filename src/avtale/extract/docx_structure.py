"""Structure of a Word file the reader passes on whole: annex headings, list levels under an item, tables.

Reads: the document body (python-docx elements), the numbering definitions, the run reader. Writes: the
reader's items for these, each with its payload (`rich.Rich`).

- *Annex headings* (`annex_headings`): a paragraph reading «Vedlegg N: Title» (or «Vedlegg N – Title») that is
  a heading (a heading or title style) or starts a page (a page break before it, or «page break before»),
  numbered 1, 2 … in order from the first. Its id is the name of a bookmark on it where that is an id (a slug,
  as avtale's own DOCX names them), else `vedlegg-N` where it has bookmarks at all (Word's hidden `_Ref…`
  bookmarks, which cross-references point to), else none. Everything from the first annex heading on is the
  annexes' (the pipeline splits them off before the signature block is looked for at the text's end).
- *Nested list items* (`Nesting`): a list paragraph at a level below 0, not in a heading style, whose level
  text shows its own counter only («a)», «%2.», «i)», a bullet — not «%1.%2», an outline numbering such as
  2.1, which is a heading's) and that follows a top-level list item with nothing but such paragraphs
  between, goes under that item, at a depth by its level (at most `MAX_LIST_DEPTH`). Its kind and style come
  from the level's format: bullet → bullets; decimal → «1.» or «1)» by its level text; lowerLetter → «a)»;
  lowerRoman → «i)».
- *Tables*: see `docx_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from avtale.extract import docx_tables
from avtale.extract.rich import Nested, Rich
from avtale.model import MAX_LIST_DEPTH

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ANNEX = re.compile(r"^\s*Vedlegg\s+(\d{1,3})\s*[:.–-]\s*(\S.*?)\s*$")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


@dataclass
class AnnexHeading:
    n: int
    title: str
    id: str | None
    bookmarks: list[str] = field(default_factory=list)


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t")).replace("\u00a0", " ")


def _starts_page(p) -> bool:
    if p.find(f"{W}pPr/{W}pageBreakBefore") is not None:
        return True
    prev = p.getprevious()
    if prev is not None and prev.tag == f"{W}p":
        brs = prev.findall(f".//{W}br")
        return bool(brs) and brs[-1].get(f"{W}type") == "page" and not _text(prev).strip()
    for r in p.findall(f"{W}r"):  # a page break at the paragraph's start
        br = r.find(f"{W}br")
        if br is not None and br.get(f"{W}type") == "page":
            return True
        if r.find(f"{W}t") is not None:
            break
    return False


def annex_headings(body, heading_level) -> dict:
    """Paragraph element -> `AnnexHeading` (the module's docstring)."""
    out: dict = {}
    for p in body.iterchildren(f"{W}p"):
        m = ANNEX.match(_text(p))
        if not m or int(m.group(1)) != len(out) + 1:
            continue
        if heading_level(p) is None and not _starts_page(p):
            continue
        names = [bm.get(f"{W}name") or "" for bm in p.iter(f"{W}bookmarkStart")]
        prev = p.getprevious()
        while prev is not None and prev.tag == f"{W}bookmarkStart":
            names.append(prev.get(f"{W}name") or "")
            prev = prev.getprevious()
        own = next((n for n in names if SLUG.fullmatch(n)), None)
        annex_id = own or (f"vedlegg-{len(out) + 1}" if names else None)
        out[p] = AnnexHeading(len(out) + 1, m.group(2), annex_id, [n for n in names if n])
    return out


def _style(fmt: str, lvl_text: str) -> tuple[str, str]:
    if fmt == "bullet":
        return "bullets", ""
    if fmt in ("lowerLetter", "upperLetter"):
        return "numbered", "a)"
    if fmt in ("lowerRoman", "upperRoman"):
        return "numbered", "i)"
    return "numbered", "1)" if ")" in lvl_text else "1."


class Nesting:
    """The open top-level list item and the levels under it (the module's docstring)."""

    def __init__(self, numbering: dict):
        self.numbering = numbering
        self.parent: Rich | None = None
        self.stack: list[int] = []

    def reset(self) -> None:
        self.parent = None

    def open(self, num: tuple[str, int], rich: Rich | None, runs, element) -> Rich:
        """A top-level list item: the payload that levels under it will join."""
        if rich is None:
            rich = Rich(pieces=runs.pieces(element))
        self.parent, self.stack = rich, [num[1]]
        return rich

    def nested(self, num: tuple[str, int], text: str, runs, element, items: list) -> bool:
        """Whether this list paragraph goes under the open item (and then it is in its payload)."""
        if self.parent is None or num[1] <= self.stack[0]:
            return False
        fmt, lvl_text, _start = self.numbering[num]
        if fmt != "bullet" and set(re.findall(r"%([1-9])", lvl_text)) != {str(num[1] + 1)}:
            return False
        while len(self.stack) > 1 and self.stack[-1] >= num[1]:
            self.stack.pop()
        self.stack.append(num[1])
        depth = min(len(self.stack) - 1, MAX_LIST_DEPTH - 1)
        kind, style = _style(fmt, lvl_text)
        pieces = runs.pieces(element)
        self.parent.items.append(Nested(depth, kind, style, text, pieces))
        for p in pieces:
            if p.kind == "note":
                self.parent.notes[p.target] = runs.note_texts[p.target]
        items.append(["", None, "gone", None])
        return True


def data_table(element, runs, items: list) -> bool:
    """A data table becomes one item with its payload (its caption paragraph, just before it, is taken in)."""
    from docx.text.paragraph import Paragraph

    if not docx_tables.is_data_table(element, lambda tc: [Paragraph(p, None).text for p in tc.iterchildren(f"{W}p")]):
        return False
    prev = element.getprevious()
    caption = None
    if prev is not None and prev.tag == f"{W}p" and items and items[-1][2] == "p" and items[-1][0].strip() \
            and docx_tables.is_caption(prev, items[-1][0], runs.styles):
        caption = docx_tables.caption_pieces(runs.pieces(prev))
        items[-1] = ["", None, "gone", None]
    rich, text = docx_tables.table(element, runs, caption)
    items.append([text, None, "table", rich])
    return True

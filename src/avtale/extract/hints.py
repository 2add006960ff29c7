"""Hints for the blocks a marked-up source (HTML, Markdown) is read into: title, heading levels, signature lines.

Reads: `Item`s (one block each: a paragraph, a heading with its level, a list item with its
label, a table row, a letterhead). Writes: `Line`s with the hints read_docx gives, so the
stages after read need no change: the title and heading levels decided as for Word, the
lines after the last place-and-date line marked `signature`, and whatever stands before
the title (but a letterhead) dropped with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from avtale.dates import MONTHS
from avtale.extract.lines import Line, Notes
from avtale.i18n import _

PLACE_DATE = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ'-]+(?:\s+(?:i|på|[A-ZÆØÅ][\wæøåÆØÅ'-]+)){0,2}\s*(?:,\s*|\s+)(?:den\s+)?(?:\d{1,2}\.\s*(?i:"
                        + "|".join(MONTHS) + r")\s+\d{4}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2})\s*\.?$")
LETTER = re.compile(r"[^\W_]")


@dataclass
class Item:
    """One block read from the source, before hints: kind p, h, bullet, numbered, row or letterhead."""

    text: str
    line: int
    kind: str = "p"
    level: int = 0
    listed: bool = False  # written by a list (an item, or a heading numbered by one)


def lines_from(items: list[Item], notes: Notes, title: tuple[str, int] | None = None) -> list[Line]:
    """Hints for the items: title and heading levels (as read_docx decides them), signature lines.

    What stands before the title (but a letterhead, or organisation names clean takes for one) is dropped with a note.
    """
    from avtale.extract.letterhead import columns, is_organisation

    heads = [it for it in items if it.kind == "h"]
    top = next((it for it in heads if it.level == 0), None)
    h1s = [it for it in heads if it.level == 1]
    lead = next((i for i, it in enumerate(items) if it.kind != "letterhead" and not (
        it.kind == "p" and all(is_organisation(c) for c in columns(it.text)))), len(items))
    first = items[lead] if lead < len(items) and items[lead].kind == "p" and not items[lead].listed else None
    if first and heads and lead > next(i for i, it in enumerate(items) if it is heads[0]):
        first = None  # a paragraph after the first heading is no title
    if top is None and len(h1s) == 1:
        top = h1s[0]
    if top is None and first and (  # a title set as a paragraph: the <title>, or a line like a heading (Word, pandoc)
            (title and " ".join(first.text.split()).casefold() == title[0].casefold())
            or (len(first.text) <= 150 and not re.search(r"[.:;,]$", first.text))):
        top = first
    if top is None and h1s and title is None:
        top = h1s[0]
    if top is None and title is None and heads and [h.level for h in heads].count(heads[0].level) == 1:
        top = heads[0]
    levels = sorted({h.level for h in heads if h is not top})
    hints = {"row": None, "letterhead": "letterhead", "bullet": "bullet", "numbered": "numbered", "p": "para"}
    out: list[Line] = []
    if top is None and title is not None:
        items = items[:lead] + [Item(title[0], title[1], "title")] + items[lead:]
        notes.uncertain(title[1], _("no single h1; the page's <title> is taken as the title: «{title}»")
                                  .format(title=title[0][:60]))
    last_place = max((i for i, it in enumerate(items) if it.kind == "p" and PLACE_DATE.match(it.text)), default=None)
    seen_title = not any(it is top or it.kind == "title" for it in items)
    no = 0
    for i, it in enumerate(items):
        no = max(no, it.line or 0)
        if it is top or it.kind == "title":
            hint, seen_title = "title", True
        elif it.kind == "h":
            rank = levels.index(it.level)
            hint = ("heading", "subheading")[rank] if rank < 2 else "para"
        else:
            hint = hints[it.kind]
            if last_place is not None and i > last_place and it.kind in ("p", "row"):
                hint = "signature"
        if not seen_title and it.kind != "letterhead" and not all(is_organisation(c) for c in columns(it.text)):
            notes.dropped(no, it.text[:60], _("before the title"))
            out.append(Line(no, ""))
            continue
        out.append(Line(no, it.text, hint=hint))
    return out

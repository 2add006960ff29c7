"""GitHub-flavoured Markdown, for reading an agreement in a pull request.

A draft's mark (`**UTKAST**`, `render.draft`) on the first line, then `# title`, `## 1. Section`, `### 2.1 Subsection`, `#### 2.1.1 …`, real lists (nested by indentation),
pipe tables with their alignment row and a caption line over them, the signature block as tables of at
most three columns, annexes after it (`## Vedlegg 1: …`, with an anchor `<a id="…"></a>` that annex
references `[vedlegg 1](#id)` link to) and footnotes as GFM footnotes (`[^id]`, defined at the end). Above the
signature tables (whose «For …» row names the parties), an HTML comment, invisible where Markdown is shown,
carries the parties' ids and short names.

Every agreement text is escaped, so nothing a drafter types becomes markup (emphasis, links, HTML, math,
headings, lists) but the marks of the inline syntax (`avtale.inline`), which are Markdown's own: bold,
italic, links to the addresses it allows, footnotes and annex references. The document tree
(`render.tree`) gives the numbers, markers and labels.
"""

from __future__ import annotations

import json
import re

from avtale.mdtext import _LINE_START, _ORDERED_START, escape  # noqa: F401  (one copy, below diff and render)
from avtale.model import Agreement
from avtale import layout as layout_mod
from avtale.render import common, draft, md_body, signature_grid

PARTIES_COMMENT = "<!-- parties: {parties} -->"


def _heading(level: int, number: str, title: str) -> str:
    return "#" * level + " " + (f"{number} " if number else "") + escape(title)  # numbers are generated, never markup


def markdown(agreement: Agreement, layout: dict | None = None) -> str:
    writer = md_body.Body(agreement, layout or {})
    t = writer.tree
    mark = draft.mark(agreement, layout)
    parts = [f"**{escape(mark)}**"] if mark else []  # a draft's mark first, over the title (render.draft)
    parts.append(_heading(1, "", agreement.title))
    parts += writer.blocks(t["preamble"])
    for s in t["sections"]:
        parts += _part(writer, s, 2)
    parts += _signing(agreement, layout)
    for annex, model in zip(t["annexes"], agreement.annexes):
        if model.id is not None:
            parts.append(f'<a id="{model.id}"></a>')  # an id is a slug: nothing to escape
        parts.append("## " + escape(f"{annex['label']}: {annex['title']}"))
        parts += writer.blocks(annex["blocks"])
        for sub in annex["subsections"]:
            parts += _part(writer, sub, 3)
    parts += writer.notes()
    return "\n\n".join(parts) + "\n"


def parties_comment(agreement: Agreement) -> str:
    """The parties' names, ids and short names, which Markdown has no letterhead to show (and a short name the
    text never uses cannot be read from it), in an HTML comment Markdown viewers do not show, above the signatures:
    `<!-- parties: [["Kunnskapsdepartementet", "kd", "KD"], ["KS", "ks", null]] -->`, in the agreement's order.
    JSON on one line; a «-» before another is written `\\u002d`, so no «-->» in a name can end the comment."""
    data = json.dumps([[p.name, p.id, p.short] for p in agreement.parties], ensure_ascii=False)
    return PARTIES_COMMENT.format(parties=re.sub("-(?=-)", lambda m: "\\u002d", data))


def _part(writer, p: dict, level: int) -> list[str]:
    out = [_heading(min(level, 6), p["number"], p["title"])]
    out += writer.blocks(p["blocks"])
    for sub in p["subsections"]:
        out += _part(writer, sub, level + 1)
    return out


def _signing(agreement: Agreement, layout: dict | None) -> list[str]:
    """The place and date (or the note of electronic signing), then the signatories in tables of up to three."""
    columns = common.signature_columns(agreement, layout)
    if not columns:
        return []
    out = []
    note = common.electronic_note(agreement, layout)
    if note:
        out.append(escape(note))
    place_date = common.place_and_date(agreement)
    if place_date or not note:
        out.append(escape(place_date))
    out.append(parties_comment(agreement))
    for row_of in signature_grid.grid(agreement, layout or layout_mod.load()).rows:  # rows as in every format
        rows = [[escape(c.label) for c in row_of], ["---"] * len(row_of)]
        if any(c.place_date for c in row_of):
            rows.append([escape(c.place_date) for c in row_of])
        if not note:
            rows.append(["\\_" * 24] * len(row_of))
        rows.append([escape(c.name) for c in row_of])
        rows.append([escape(c.title) for c in row_of])
        out.append("\n".join("| " + " | ".join(row) + " |" for row in rows))
    return out


def render(agreement: Agreement, context) -> bytes:
    return markdown(agreement, context.layout).encode("utf-8")

"""Word tables that are tables of the agreement's text (not a letterhead or a signature block).

Reads: a `w:tbl` element and the run reader (`docx_runs.Runs`). Writes: whether the table is a data table,
and its `rich.Rich` payload with `table` (caption, columns, header, rows as sources with marks).

- *A data table*, for certain: its first row is marked as a header row repeated on every page (`w:tblHeader`),
  or it has two rows or more and two cell paragraphs or more that are no part of a signature block (`signature_parts.classify`:
  prose, a number, a date alone is not). Letterheads (one row of logos or names) and signature tables
  (names, titles, «For …» rows, lines, place and date) stay rows of text for the letterhead and signing stages.
- *Header*: the first row (the first of the rows marked `w:tblHeader`; the model has one header row). Bold over
  the whole header row is the header's look (avtale's DOCX sets it, as table styles do), not the drafter's mark.
- *Cells*: a cell's paragraphs joined by a space, with marks; a cell spanning columns (`w:gridSpan`) is followed
  by empty cells, so every row has as many cells as the widest.
- *Columns* (`w:tblGrid`/`w:gridCol`): widths relative to the narrowest, rounded to a tenth; alignment of a
  column from its body cells' paragraphs (`w:jc`), where they agree. `columns` is written only where the
  widths are not all equal or an alignment is not left (as a drafter would write it).
- *Caption*: a paragraph just before the table in Word's Caption style or reading «Tabell N: …» (its label
  taken off); the reader leaves that paragraph out of the text.
"""

from __future__ import annotations

import re

from avtale.extract.rich import Piece, Rich, normalise, plain, source
from avtale.extract.signature_parts import classify

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CAPTION = re.compile(r"^\s*Tabell\s*\d*\s*[:.–-]\s*(?=\S)")
ALIGN = {"left": "left", "start": "left", "both": "left", "distribute": "left", "center": "center",
         "right": "right", "end": "right"}


def _rows(tbl) -> list:
    return list(tbl.iterchildren(f"{W}tr"))


def _cells(tr) -> list:
    out = []
    for tc in tr.iterchildren(f"{W}tc"):
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        n = int(span.get(f"{W}val")) if span is not None and (span.get(f"{W}val") or "").isdigit() else 1
        out.append(tc)
        out += [None] * (min(n, 64) - 1)
    return out


def is_header(tr) -> bool:
    el = tr.find(f"{W}trPr/{W}tblHeader")
    return el is not None and el.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def is_data_table(tbl, text_of) -> bool:
    """The module's docstring; `text_of(tc)` is the plain texts of a cell's paragraphs (each classified alone,
    as the signing stage reads a cell's lines)."""
    rows = _rows(tbl)
    if not rows:
        return False
    if is_header(rows[0]) and len(rows) >= 2:
        return True
    if len(rows) < 2:
        return False
    texts = [" ".join(t.split()) for tr in rows for tc in tr.iterchildren(f"{W}tc") for t in text_of(tc)]
    return sum(1 for t in texts if t and classify(t) == "") >= 2


def is_caption(p_el, text: str, styles: dict) -> bool:
    ppr = p_el.find(f"{W}pPr")
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    sid = (style.get(f"{W}val") if style is not None else "") or ""
    el = styles.get(sid)
    name_el = el.find(f"{W}name") if el is not None else None
    name = (name_el.get(f"{W}val") if name_el is not None else "") or ""
    return bool(CAPTION.match(text)) or sid.lower() == "caption" or name.lower() == "caption"


def _cell(tc, runs) -> tuple[list[Piece], str]:
    pieces: list[Piece] = []
    for p in tc.iterchildren(f"{W}p"):
        got = runs.pieces(p)
        if got and pieces:
            pieces.append(Piece(" "))
        pieces += got
    pieces = normalise(pieces)
    return pieces, source(pieces)


def _align(tc) -> str:
    for p in tc.iterchildren(f"{W}p"):
        jc = p.find(f"{W}pPr/{W}jc")
        if jc is not None:
            return ALIGN.get(jc.get(f"{W}val"), "left")
    return "left"


def _widths(tbl, count: int) -> list[float] | None:
    cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
    widths = []
    for c in cols[:count]:
        w = c.get(f"{W}w") or ""
        if not w.isdigit() or int(w) <= 0:
            return None
        widths.append(int(w))
    if len(widths) != count:
        return None
    least = min(widths)
    out = [round(w / least, 1) for w in widths]
    return [int(w) if w == int(w) else w for w in out]


def table(tbl, runs, caption: list[Piece] | None) -> tuple[Rich, str]:
    """The table's payload and a plain text of it (its cells, for the text stages: words and language)."""
    rows = _rows(tbl)
    grid = [_cells(tr) for tr in rows]
    count = max(len(r) for r in grid)
    notes: dict[str, str] = {}
    read = []
    for r in grid:
        cells = []
        for tc in r + [None] * (count - len(r)):
            if tc is None:
                cells.append(("", []))
                continue
            pieces, src = _cell(tc, runs)
            cells.append((src, pieces))
            for p in pieces:
                if p.kind == "note":
                    notes[p.target] = runs.note_texts[p.target]
        read.append(cells)
    read[0] = _plain_header(read[0])
    header = [c[0] for c in read[0]]
    body = [[c[0] for c in row] for row in read[1:]]
    aligns = []
    for k in range(count):
        found = {_align(r[k]) for r in grid[1:] if k < len(r) and r[k] is not None and "".join(r[k].itertext()).strip()}
        aligns.append(found.pop() if len(found) == 1 else "left")
    widths = _widths(tbl, count)
    content: dict = {"header": header, "rows": body}
    if caption:
        cap = caption
        content = {"caption": source(cap), **content}
        for p in cap:
            if p.kind == "note":
                notes[p.target] = runs.note_texts[p.target]
    if (widths and len(set(widths)) > 1) or any(a != "left" for a in aligns):
        content["columns"] = [{**({"width": widths[k]} if widths and len(set(widths)) > 1 else {}),
                               **({"align": aligns[k]} if aligns[k] != "left" else {})} for k in range(count)]
    text = " ".join(plain(pieces) for row in read for _src, pieces in row if pieces)
    return Rich(table=content, notes=notes), text or "(tabell)"


def _plain_header(cells: list[tuple[str, list[Piece]]]) -> list[tuple[str, list[Piece]]]:
    """A header row bold throughout is the header's look (a renderer sets it, or the table style), not a mark."""
    texts = [p for _src, pieces in cells for p in pieces if p.kind == "text" and p.text.strip()]
    if not texts or not all(p.bold for p in texts):
        return cells
    from dataclasses import replace

    out = []
    for _src, pieces in cells:
        pieces = [replace(p, bold=False) for p in pieces]
        out.append((source(pieces), pieces))
    return out


def caption_pieces(pieces: list[Piece]) -> list[Piece]:
    """The caption's pieces without «Tabell N:»."""
    m = CAPTION.match(plain(pieces))
    if not m:
        return pieces
    from avtale.extract.rich import cut

    return cut(pieces, m.end())

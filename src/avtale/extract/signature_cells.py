"""Signature cells a reader wrapped, joined or set apart, made whole again (used by `signing`).

Reads: the rows of cells of a signature block (`signature_parts.row_cells`, after `split_runs`).
Writes: the cells in reading order, each wrapped cell made one. The heuristics are listed in
`signing`'s docstring («Wrapped cells are joined first»): an open end («Kultur- og»,
«Administrerende») goes on in the next cell of its column; a lower-case word that makes the cell
above a title, or one capitalised word that makes the name above a longer name, goes on without
an open end; a rest at the margin finishes the last cell of a tabbed line above it; a rest read
apart (alone, or glued after the whole cell beside it) joins the nearest unfinished cell it makes
whole.
"""

from __future__ import annotations

import re

from avtale.extract.signature_parts import (
    FOR, OPEN_END, PARTY_NAME, REST_WORD, Cell, broken_word, classify, name_like, one_title,
)


def join_wrapped(rows: list[list[Cell]]) -> list[Cell]:
    """Cells in reading order, a wrapped cell («Kultur- og» / «likestillingsminister») made one."""
    out: list[Cell] = []
    pending: dict[int, Cell] = {}  # column → an open cell waiting for its rest
    last: dict[int, Cell] = {}  # column → the cell read last in it
    wide: list[Cell] = []  # the column stops: the last row with the most cells, or a row of column heads
    prev_row: list[Cell] = []
    for row in rows:
        if len(row) > 1 and (len(row) >= len(wide) or all(classify(c.text) in ("for", "party") for c in row)):
            wide = row
        line_end = prev_row[-1] if len(prev_row) > 1 else None  # where the line above ended
        prev_row = row
        for c in row:
            col = c.col
            if line_end is not None and c is row[0] and line_end.joined and len(row) == 1 and _goes_on(line_end, c):
                line_end.text += " " + c.text  # a row the text flow joined wraps in its last cell
                continue
            if len(row) < len(wide) and len(wide) > 1 and "\t" not in c.text:
                col = min(wide, key=lambda w: abs(w.offset - c.offset)).col  # a continuation under a column
            if len(row) == 1 and len(pending) == 1 and c.text[:1].islower():
                col = next(iter(pending))  # the only open cell goes on (text wrapped across the columns)
            if col in pending and (len(row) > 1 or len(wide) > 1 or pending[col] is out[-1]) \
                    and (c.text[:1].islower() or classify(c.text) in ("", "open", "rest", "party")):  # not a part of its own
                head = pending.pop(col)
                glue = "" if head.text.endswith("-") and not re.match(r"(?:og|eller)\b", c.text) else " "
                head.text = f"{head.text}{glue}{c.text}"
                if OPEN_END.search(head.text):
                    pending[col] = head
                continue
            above = last.get(col)
            if above is not None and broken_word(above.text, c.text):
                above.text += c.text  # «For Arbeids- og inkluderingsdepartemente» / «t»: a column too narrow for a word
                continue
            if above is not None and _goes_on(above, c):
                above.text = f"{above.text} {c.text}"
                continue
            if line_end is not None and c is row[0] and c.text[:1].islower() and _goes_on(line_end, c):
                line_end.text = f"{line_end.text} {c.text}"  # a tabbed line wrapped back to the margin
                continue
            c.col = col
            last[col] = c
            out.append(c)
            if OPEN_END.search(c.text) and classify(c.text) in ("open", "title", "party", "for"):
                pending[col] = c
    return out


REST = re.compile(rf"^(?P<title>.*\S)\s+(?P<rest>{REST_WORD.pattern})$")


def rehome_rests(cells: list[Cell]) -> list[Cell]:
    """The lower-case rest of a wrapped title or party that a reader set apart from its cell goes back to it: a
    rest cell alone («utdanningsminister», read before the «Forskings- og høgare» it ends), or one a reader glued
    to the end of the whole title or «For» party beside it («Digitaliserings- og forvaltningsminister
    utdanningsminister», «For Kunnskapsdepartementet distriktsdepartementet»), joins the nearest unfinished cell
    (no kind, or open at its end) within three cells that it makes whole. A rest alone further on (a page broke
    the row after its title's first line, «Kultur- og» / … / «likestillingsminister» on the next page) joins the
    one unfinished cell before it that it makes whole, where there is only one."""
    out = list(cells)
    for c in list(out):
        m = REST.match(c.text)
        if REST_WORD.fullmatch(c.text):
            rest, keep = c.text, None
        elif m and _whole(m.group("title")):
            rest, keep = m.group("rest"), m.group("title")
        else:
            continue
        at = out.index(c)
        near = sorted((x for x in out[max(0, at - 3) : at + 4] if x is not c and _unfinished(x)
                       and _whole(f"{x.text} {rest}")), key=lambda x: abs(out.index(x) - at))
        if not near and keep is None:  # a rest alone far from its cell: a page broke the row («Kultur- og» / …)
            near = [x for x in out[:at] if _unfinished(x) and _whole(f"{x.text} {rest}")]
            near = near if len(near) == 1 else []
        if not near:
            continue
        near[0].text = f"{near[0].text} {rest}"
        if keep is None:
            out.remove(c)
        else:
            c.text = keep
    return out


def _whole(text: str) -> bool:
    """A whole title, «For» party or party name (nothing open at its end)."""
    m = FOR.match(text)
    return one_title(text) or bool(PARTY_NAME.match(m.group("party") if m else text))


def _unfinished(cell: Cell) -> bool:
    return classify(cell.text) in ("", "open") or bool(OPEN_END.search(cell.text))


def _goes_on(above: Cell, c: Cell) -> bool:
    """The rest of a cell wrapped in its column, where the cell's end does not show it open: a lower-case
    word that makes the unclassified cell above a title («Forsknings- og høyere» / «utdanningsminister»), or
    one capitalised word, no part by itself (no title, party or place), that makes the name above a longer
    name («Torbjørn Kristian» / «Bråten»)."""
    joined = f"{above.text} {c.text}"
    if c.text[:1].islower() and classify(above.text) in ("", "open") and classify(joined) == "title":
        return True
    return len(c.text.split()) == 1 and classify(c.text) == "" and classify(above.text) == "name" and name_like(joined)

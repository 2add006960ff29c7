"""Rows of a signature table that a reader broke at its wrapped cells, gathered again (used by
`signature_parts.split_runs` before it cuts joined rows into columns).

Reads: the rows of cells of a signature block (stacked cells already taken apart). Writes: the same rows, a
broken row made one row of one cell again (its cells joined with single spaces, as the reader joins the cells
it keeps on one line), for `split_runs` to cut into columns.

pypdf joins the cells of a table row with single spaces but starts a new line wherever the text moves up or
down: a cell that wraps («Energiminister Kommunal- og» / «distriktsminister») ends the line, and the cells
after it come on a line of their own («Administrerende direktør»), though they stand in the same row. In a
narrow column every cell wraps, and a row comes one cell (or one piece of a cell) a line.

Heuristics, each with the evidence it takes:

- *A word a narrow cell broke is whole again.* Word breaks a long word that does not fit its cell without a
  hyphen («forvaltningsdepartem» / «entet»): a line of one lower-case word after a line ending in a long
  lower-case word with no known ending, the two making a word with one («…departementet», «…minister»,
  «…direktoratet»), is that word (`signature_parts.broken_word`; a rest that is such a word itself,
  «høyere» / «utdanningsminister», is a word of its own). `clean` keeps a single letter so left
  («…departemente» / «t»), which it would otherwise drop as logo text, and `signature_cells` joins one set
  under its column.
- *A lone lower-case rest goes back to the joined row above it* where that row ends open («… Digitaliserings-
  og») or the two make a row of whole titles or party names: a line of joined cells the text flow wrapped.
- *A table row broken at a wrapped cell goes on.* A piece of a row is a line and the rest of its last cell
  where that cell wrapped (an open end, «Kultur- og», «Administrerande», «Styreleiar i», and a lower-case rest
  below it, or a rest that ends a title or a party). After a piece that wrapped, the next piece joins the row
  where the row then cuts into as many whole titles (party names) as the pieces hold: that many more. The
  wrap is the evidence: a line break between two cells of one row comes only after a wrapped cell, and a title
  next to a title, no name between them, is no layout of its own. A piece after a blank line is no part of
  the row (pdftotext's plain text sets each cell of a column apart by blank lines).
- *A row of names broken so goes on too.* A line of capitalised words and one capitalised word alone below it
  (no part by itself: the surname of the last name, wrapped) is a wrapped row of names; the names on the next
  lines join it, and the whole is kept only where a row of titles beside it (`titles_near`) shows how many
  names it holds and it cuts into that many.
"""

from __future__ import annotations

import re

from avtale.extract.signature_parts import (
    NAME_WORD, OPEN_END, PARTY_NAME, REST_WORD, TITLE_WORD, Cell, broken_word, classify, cut_names, cut_parties,
    cut_titles, one_title, titles_near,
)


def gather_broken_rows(rows: list[list[Cell]], after_blank: frozenset[int] = frozenset()) -> list[list[Cell]]:
    """The rows, each a reader broke at a wrapped cell made one again (the module's docstring). `after_blank`:
    the source lines a blank line stands over."""
    rows, wrapped = _rejoin_rests(_join_broken_words(rows))
    return _gather_names(_gather(rows, wrapped, after_blank))


def _one(rows: list[list[Cell]], i: int) -> str | None:
    """The text of row i where it is a row of one cell, else None."""
    return rows[i][0].text if 0 <= i < len(rows) and len(rows[i]) == 1 else None


def _join_broken_words(rows: list[list[Cell]]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for row in rows:
        below = row[0].text if len(row) == 1 else ""
        above = _one(out, len(out) - 1)
        if above and broken_word(above, below):  # a line filled by one word
            out[-1][0].text = above + below
            continue
        out.append(row)
    return out


def _rejoin_rests(rows: list[list[Cell]]) -> tuple[list[list[Cell]], set[int]]:
    """A row of one cell, alone a lower-case rest («forvaltningsminister»), goes back to the row of one cell above
    it where that row ends open («… Digitaliserings- og») or the two make a row of whole titles or party names.
    Also the cells a rest went back to (evidence that the row wrapped)."""
    out: list[list[Cell]] = []
    wrapped: set[int] = set()
    for row in rows:
        if out and len(row) == 1 and len(out[-1]) == 1 and REST_WORD.fullmatch(row[0].text):
            above = out[-1][0]
            joined = f"{above.text} {row[0].text}"
            if len(above.text.split()) >= 2 and (OPEN_END.search(above.text) and classify(above.text) != "open"
                                                 or cut_titles(joined) or cut_parties(joined)):
                above.text = joined
                wrapped.add(id(above))
                continue
        out.append(row)
    return out, wrapped


def _piece(rows: list[list[Cell]], i: int, wrapped: set[int]) -> tuple[str, int, bool]:
    """The piece of a row starting at row i: its line and the rest of its last cell where that cell wrapped.
    Returns the text, the index after it and whether it wrapped."""
    text, j = rows[i][0].text, i + 1
    broke = id(rows[i][0]) in wrapped
    while (nxt := _one(rows, j)) is not None and OPEN_END.search(text) and (
            nxt[:1].islower() or re.search(r"\si$", text) and PARTY_NAME.match(nxt)):
        text, j, broke = f"{text} {nxt}", j + 1, True
    return text, j, broke


def _count(text: str, kind: str) -> int:
    """How many whole titles (party names) the text cuts into; 0 where it does not."""
    if kind == "title":
        return 1 if one_title(text) else len(cut_titles(text) or [])
    return 1 if PARTY_NAME.match(text) else len(cut_parties(text) or [])


def _gather(rows: list[list[Cell]], wrapped: set[int], after_blank: frozenset[int]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        if _one(rows, i) is None:
            out.append(rows[i])
            i += 1
            continue
        text, j, broke = _piece(rows, i, wrapped)
        kind = next((k for k in ("title", "party") if _count(text, k)), None)
        pieces = 1
        while kind and broke and _one(rows, j) is not None and rows[j][0].line not in after_blank:
            more, after, broke = _piece(rows, j, wrapped)  # a blank line between: cells read one after another
            n = _count(more, kind)
            joined = f"{text} {more}"
            whole = cut_titles(joined, _count(text, kind) + n) if kind == "title" else cut_parties(joined)
            if not n or not whole or len(whole) != _count(text, kind) + n:
                break
            text, j, pieces = joined, after, pieces + 1
        out.append(rows[i])
        if pieces > 1:
            rows[i][0].text = text
        i = j if pieces > 1 else i + 1
    return out


def _names_words(text: str) -> bool:
    return all(NAME_WORD.match(w) for w in text.split()) and not TITLE_WORD.search(text)


def _gather_names(rows: list[list[Cell]]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        text = _one(rows, i)
        nxt = _one(rows, i + 1)
        if text is None or nxt is None or len(text.split()) < 2 or not _names_words(text) \
                or len(nxt.split()) != 1 or not _names_words(nxt) or classify(nxt) != "":
            out.append(rows[i])
            i += 1
            continue
        text, j = f"{text} {nxt}", i + 2  # the last name's surname, wrapped
        while (more := _one(rows, j)) is not None and classify(more) == "name":
            text, j = f"{text} {more}", j + 1
        texts = [_one(rows, k) or "" for k in range(len(rows))]
        texts[i : j] = [text]
        n = titles_near(texts, i)
        whole = n > 1 and bool(cut_names(text, n))
        out.append(rows[i])
        if whole:
            rows[i][0].text = text
        i = j if whole else i + 1
    return out

"""A region of a PDF page set in columns (a letterhead, the signature table), read cell by cell, for `pdf_lines`.

Reads: the rows of the region (`pdf_rows.Row`: baseline, size, segments and where each ends). Writes: one
line per row of cells, the cells separated by tabs. Where every row starts at the left and every row of cells holds as many, the k-th cell is
column k (a long first cell pushes the next to a later tab stop); else columns are horizontal spans (segments whose extents
overlap share one); a line a paragraph set with tabs wrapped to the margin goes with its last column
(`_tab_wraps`); the lines of a column, split at gaps larger than the line pitch or where a line does not
go on with the one above (`goes_on`, `overflows`), make its cells, and a cell's lines are joined
(`join_cell`).
"""

from __future__ import annotations

import bisect
import re

from avtale.extract import glyphs
from avtale.extract.growing import Growing


def join_cell(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """A cell's lines as one text. A word a narrow cell broke without a hyphen («inkluderingsdepart» + «ementet»)
    is whole again where the whole word is in the document (`vocabulary`)."""
    out = Joined()
    for line in lines:
        out.join(line, vocabulary)
    return out.text()


class Joined(Growing):
    """A cell's text as `join_cell` builds it (`Growing`: each line joined costs its own length and what the
    rules read at the end of the text so far, not the whole text)."""

    def __init__(self) -> None:
        super().__init__()
        self._hard = 0  # pieces whose soft hyphens `harden` has made hyphens

    def join(self, line: str, vocabulary: frozenset[str] = frozenset()) -> None:
        """One step of the fold: a hyphen or soft hyphen at the end divides a word (except before «og»/«eller»),
        a word broken without one is whole again where the document has the whole word, and «2030–» + «2033»
        is a span of years; else a space joins the line."""
        line = line.strip()
        if not self.size:
            self.append(line)
        elif re.search(r"[a-zæøå]$", self.tail(3)) and line[:1].islower() and \
                (self.last_word() + line.split()[0]).casefold().strip(".,;:") in vocabulary:
            self.append(line)
        elif re.search(r"\d[–—]$", self.tail(4)) and line[:1].isdigit():
            self.append(line)  # «2030–» + «2033»: a span of years broken at its dash
        elif self.tail(1) in ("\u00ad", "-"):
            word = line.split()[0] if line.split() else ""
            before = self.tail(2)
            if word.casefold() in ("og", "eller"):
                self.drop_last()
                self.append("- " + line)
            elif before.endswith("\u00ad") or (len(before) == 2 and before[0].islower() and line[:1].islower()):
                self.drop_last()
                self.append(line)
            else:
                self.append(line)
        else:
            self.append(" " + line)

    def text(self) -> str:
        return super().text().replace("\u00ad", "-")

    def rstrip(self) -> None:
        self._settle()
        while self.parts and self.parts[-1][-1:].isspace():
            part = self.parts.pop()
            kept = part.rstrip()
            self.size -= len(part) - len(kept)
            if kept:
                self.parts.append(kept)
        self._hard = min(self._hard, len(self.parts))

    def harden(self) -> None:
        """Soft hyphens become hyphens in what was joined so far (as `join_cell`'s result has them)."""
        self._settle()
        self._hard = min(self._hard, len(self.parts))
        for k in range(self._hard, len(self.parts)):
            self.parts[k] = self.parts[k].replace("\u00ad", "-")
        self._hard = len(self.parts)


RULE = re.compile(r"^[_.…\s]{3,}$")


def goes_on(before: str, text: str) -> bool:
    """Inside a cell, a line goes on with the one above when that one is cut short (a hyphen, «og», a
    comma) or this one starts in lower case; a rule of underscores goes on only with a rule. Else it is a
    line of its own: the line to sign on, the name and the title under it are three lines."""
    before, text = before.strip(), text.strip()
    if RULE.match(before) or RULE.match(text):
        return bool(RULE.match(before) and RULE.match(text))
    last = before.split()[-1].casefold() if before.split() else ""
    return (before.endswith(("-", "\u00ad", ",")) or last in ("og", "eller", "i", "for", "til", "av", "&")
            or text[:1].islower())


def overflows(above: tuple[float, float], text: str, x: float, end: float, right: float) -> bool:
    """A line alone on its row of a table that a cell wrapped: its first word would not have fitted after the
    line above it within the column («Torbjørn Kristian» / «Bråten» under a rule as wide as the cell). The
    first word's width is its share of the line's measured width."""
    words = text.split()
    if not words or not text.strip():
        return False
    first = (end - x) * glyphs.width(words[0]) / max(1.0, glyphs.width(text.strip()))
    return above[1] + first > right + 0.5


def column_spans(rows: list) -> list[tuple[float, float]]:
    """Columns as horizontal spans: segments whose estimated extents overlap share a column."""
    spans = sorted((x, max(x + 1, end)) for r in rows for (x, _), end in zip(r.segs, r.ends))
    out: list[list[float]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


CUT_SHORT = re.compile(r"(?:[-\u00ad,]|\s(?:og|eller))$")


def _tab_wraps(rows: list, pitch: dict[float, float], vocabulary: frozenset[str]) -> list:
    """A paragraph whose columns tabs set apart wraps to the margin: «For Barne- og familiedepartementet⇥For
    Justis- og» over «beredskapsdepartementet». A row of one segment at the first column's start, a line below
    a row whose last cell is cut short («og», a hyphen, a comma) and whose first is not, goes on with the last
    cell, not the first. The lines a cell gathers are joined as `join_cell` joins two at a time, once, at the end."""
    out: list = []
    joined: dict[int, tuple[object, Joined]] = {}  # a row whose last cell gathers lines -> (row, its text)
    for r in rows:
        above = out[-1] if out else None
        if (above is not None and len(above.segs) > 1 and len(r.segs) == 1 and abs(r.segs[0][0] - above.segs[0][0]) <= 1.0
                and above.y - r.y <= pitch.get(r.size, r.size * 1.2) + 1.0
                and CUT_SHORT.search(_end(above, joined)) and not CUT_SHORT.search(above.segs[0][1].rstrip())):
            if id(above) not in joined:
                joined[id(above)] = (above, Joined())
                joined[id(above)][1].join(above.segs[-1][1], vocabulary)
            else:
                joined[id(above)][1].rstrip()  # `join_cell` strips the text it is given
            cell = joined[id(above)][1]
            cell.join(r.segs[0][1], vocabulary)
            cell.harden()
            continue
        out.append(r)
    for row, cell in joined.values():
        row.segs[-1] = (row.segs[-1][0], cell.text())
    return out


def _end(row, joined: dict) -> str:
    """The end of a row's last cell, stripped: enough of it for `CUT_SHORT`."""
    if id(row) not in joined:
        return row.segs[-1][1].rstrip()
    cell = joined[id(row)][1]
    n = 16
    while True:
        tail = cell.tail(n).rstrip()
        if len(tail) >= 8 or n >= cell.size:
            return tail
        n *= 4


MAX_COLUMNS = 64  # a region of more columns is read row by row (its rows' segments set apart by tabs): no
# table of an agreement has that many, and the rows of cells of so many columns would cost their product


def table(rows: list, pitch: dict[float, float], vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """Rows of a region set in columns -> one line per row of cells, cells separated by tabs."""
    rows = _tab_wraps(rows, pitch, vocabulary)
    counts = {len(r.segs) for r in rows if len(r.segs) > 1}
    left = min(r.segs[0][0] for r in rows)
    if max(counts, default=1) > MAX_COLUMNS:
        return [r.text() for r in rows]
    if len(counts) == 1 and all(abs(r.segs[0][0] - left) <= 1.0 for r in rows):
        # every row holds the same number of cells: the k-th is column k, even where a long first cell pushed
        # the next to a later tab stop («For Digitaliserings- og forvaltningsdepartementet⇥For Nærings- og»)
        n = counts.pop()
        spans = [(min(r.segs[k][0] for r in rows if len(r.segs) == n),
                  max(r.ends[k] for r in rows if len(r.segs) > k)) for k in range(n)]

        def column(x: float, k: int, r) -> int:
            return k
    else:
        spans = column_spans(rows)
        starts = [a for a, _ in spans]

        def column(x: float, k: int, r) -> int:  # the last span starting at x or before
            return max(0, bisect.bisect_right(starts, x + 0.5) - 1) if x == x else 0
    if len(spans) > MAX_COLUMNS:
        return [r.text() for r in rows]
    columns: list[list[tuple[float, float, str, float, float, bool]]] = [[] for _ in spans]
    for r in rows:
        for k, ((x, text), end) in enumerate(zip(r.segs, r.ends)):
            columns[column(x, k, r)].append((r.y, r.size, text, x, end, len(r.segs) == 1))
    cells: list[list[str]] = []
    for (_, right), col in zip(spans, columns):
        out: list[list[str]] = []
        above = None
        for y, size, text, x, end, alone in col:
            if above is None or above[0] - y > pitch.get(size, size * 1.2) + 1.0 or len(spans) > 1 and not (
                    goes_on(out[-1][-1], text) or alone and overflows(above, text, x, end, right)):
                out.append([])
            out[-1].append(text)
            above = (y, end)
        cells.append([join_cell(c, vocabulary) for c in out])
    height = max(len(c) for c in cells)
    return ["\t".join(c[k] if k < len(c) else "" for c in cells).rstrip("\t") for k in range(height)]

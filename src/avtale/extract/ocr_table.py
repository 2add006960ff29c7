"""Restoring stage for a Tesseract text export: a signature table whose columns differ in height.

Reads: the lines of a Tesseract text export (after `ocr_text.even_out` and the other mending
stages), all pages. Writes: the same lines, as many and in the same order, with a signature
table set as rows of tab-separated cells, and (line index, note) pairs.

A table of signatures sets each party's signature in a column, top-aligned: «For Kommunal- og»
/ «distriktsdepartementet» / «Per Lyngstad» / «Kommunal- og» / «distriktsminister» beside
«For KS» / «Nils Fuglesang» / «Administrerende» / «direktør». Tesseract's text export reads
such a table row by row across the columns and joins each row's lines with single spaces; as
the columns hold different numbers of lines, a row mixes parts of different kinds
(«distriktsdepartementet fiskeridepartementet Nils Fuglesang»), and neither `signing` nor
`ocr_columns.restore_columns` can tell the cells apart.

The columns are rebuilt from what each must hold next. The first row of the block (after the
last sentence, the place and date, the note of an electronic signature) gives the columns: a
row of «For …» cells, or of party names (a ministry's name may be cut: «Arbeids- og»). Each
column then takes, one line at a time: the rest of its head while that is open («… og»,
a word cut: «inkluderingsdeparte» / «mentet»), a name, a title, and the rest of the title
while that is open («Kommunal- og» / «distriktsminister», «Administrerende» / «direktør»). A
column whose title is whole is done. Each row must cut into the open columns' next parts, in
order, each of its kind (a rest: one word in lower case; a name: `name_like`; a title: a
capital and a title word or an open end); where several cuts fit, the names decide
(`signature_parts.cut_names`' order), then the shorter titles (a surname is not the start of
a title). A row that does not cut so, or a column left without a
name and a title, leaves the block as it is. The table is written as three rows (heads, names,
titles), tab-separated, on the lines of its first three rows; its other lines are left blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from avtale.extract.letterhead import is_organisation
from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.signature_parts import FOR, FOR_SPLIT, GIVEN, OPEN_END, TITLE_WORD, classify, cuts, name_like
from avtale.i18n import _

REST = re.compile(r"^[a-zæøå][\wæøå-]*$")  # the rest of a cell broken over lines: one word in lower case
HALF = re.compile(r"^[A-ZÆØÅ][\wæøå]*-,?\s*og$")  # «Arbeids- og»: a party's name broken after «og»


@dataclass
class Column:
    head: str
    name: str = ""
    title: str = ""

    def wants(self) -> str:
        """What the column's next line holds: «rest» of the head or title, «name», «title» or nothing («»)."""
        if not self.name:
            if self.head == "For":
                return "party"  # «For» over a long name that went to the next line
            return "rest" if _open(self.head) else "name"
        if not self.title:
            return "title"
        return "rest" if _open(self.title) else ""

    def take(self, part: str) -> None:
        kind = self.wants()
        if kind == "party":
            self.head = f"For {part}"
        elif kind == "name":
            self.name = part
        elif kind == "title":
            self.title = part
        elif not self.name:
            self.head = _join(self.head, part)
        else:
            self.title = _join(self.title, part)


def _open(cell: str) -> bool:
    """A cell going on below: ending in «og», «i», a hyphen or a title adjective, or a ministry's name cut short."""
    text = FOR.sub(r"\g<party>", cell) if FOR.match(cell) else cell
    if OPEN_END.search(text) or text.endswith("-"):
        return True
    last = text.split()[-1] if text.split() else ""
    return bool(re.search(r"dep(?:a(?:r(?:t(?:e(?:m(?:e(?:n(?:t(?:e)?)?)?)?)?)?)?)?)?$", last))  # «…departe»


def _join(cell: str, rest: str) -> str:
    """«inkluderingsdeparte» + «mentet» is one word; «Kommunal- og» + «distriktsminister» two."""
    if re.search(r"[a-zæøå]$", cell) and not re.search(r"\s(?:og|i)$", cell) and not OPEN_END.search(cell):
        return cell + rest
    return f"{cell} {rest}"


def _fits(part: str, kind: str) -> bool:
    if kind == "party":
        return bool(HALF.match(part)) or classify(part) == "party" or is_organisation(part)
    if kind == "rest":
        return bool(REST.match(part))
    if kind == "name":
        return name_like(part)
    if kind == "title":
        return part[:1].isupper() and (bool(TITLE_WORD.search(part)) or bool(OPEN_END.search(part))
                                        or part.endswith("-")) and not name_like(part)
    return False


def _heads(text: str) -> list[str] | None:
    """The first row's cells: «For A For B For KS», or party names, some broken after «og»."""
    if FOR.match(text):
        heads = FOR_SPLIT.split(text)
        return heads if len(heads) >= 2 else None
    words = text.split()
    best = None
    for k in range(min(5, len(words)), 1, -1):
        for parts in cuts(words, k):
            if all(HALF.match(p) or classify(p) == "party" or is_organisation(p) for p in parts):
                best = best or parts
        if best:
            return best
    return None


def _cut(text: str, kinds: list[str]) -> list[str] | None:
    """The row cut into one part of each kind, in order; among several, the names decide."""
    words = text.split()
    if len(words) < len(kinds):
        return None
    best, best_key = None, None
    for parts in cuts(words, len(kinds)):
        if all(_fits(p, k) for p, k in zip(parts, kinds)):
            names = [p for p, k in zip(parts, kinds) if k == "name"]
            titles = [p for p, k in zip(parts, kinds) if k == "title"]
            key = (sum(p.split()[0] in GIVEN for p in names), -sum(p.split()[-1] in GIVEN for p in names),
                   -sum(len(p.split()) for p in titles))  # a surname is not the start of a title
            if best_key is None or key > best_key:
                best, best_key = parts, key
    return best


def restore_table(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The signature tables rebuilt column by column (the module's docstring)."""
    from collections import Counter

    from avtale.extract import signing

    start = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if re.search(r"[.!?;:]['»\")]*$", text) and signing.classify(text) not in ("esign", "place_date", "date"):
            start = i + 1
    repeated = Counter(ln.strip() for ln in lines)
    rows = [i for i in range(start, len(lines)) if lines[i].strip() and "\t" not in lines[i]
            and not PAGE_NUMBER.match(lines[i].strip())
            and not (repeated[lines[i].strip()] >= 2 and not TITLE_WORD.search(lines[i]))  # a running header
            and classify(lines[i].strip()) not in ("esign", "place_date", "date", "place")]
    out, notes = list(lines), []
    while len(rows) >= 3:
        heads = _heads(lines[rows[0]].strip())
        found = heads and (_dealt(lines, rows, heads, False) or _dealt(lines, rows, heads, True))
        if not found:
            break
        columns, used = found
        for i in used:
            out[i] = ""
        table = ["\t".join(c.head for c in columns), "\t".join(c.name for c in columns),
                 "\t".join(c.title for c in columns)]
        for i, row in zip(used, table):
            out[i] = row
        notes.append((used[0], _("signature table of {n} columns rebuilt from rows Tesseract read across them: {columns}")
                               .format(n=len(columns), columns=" | ".join(f"{c.head}, {c.name}, {c.title}" for c in columns))))
        rows = rows[len(used) :]
    return out, notes


def _dealt(lines: list[str], rows: list[int], heads: list[str], synced: bool) -> tuple[list[Column], list[int]] | None:
    """The rows after the heads dealt to the columns, each row cut into the next part of the columns it feeds.

    Not `synced`: columns top-aligned, each going on at its own pace (a row holds the next part of every column
    not done). `synced`: a table of rows (heads, names, titles) whose cells start together; the rests of its open
    cells follow, and a new row of the table starts in every column."""
    columns = [Column(h) for h in heads]
    used = [rows[0]]
    for i in rows[1:]:
        kinds = [c.wants() for c in columns]
        open_ = [c for c, k in zip(columns, kinds) if k in ("rest", "party")] if synced else []
        active = open_ or [c for c, k in zip(columns, kinds) if k]
        if not active:
            break
        if synced and not open_ and len(active) < len(columns):
            return None
        parts = _cut(lines[i].strip(), [c.wants() for c in active])
        if parts is None:
            return None
        for column, part in zip(active, parts):
            column.take(part)
        used.append(i)
    return (columns, used) if all(c.name and c.title and not c.wants() for c in columns) else None

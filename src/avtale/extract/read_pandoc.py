"""Read stage for pandoc's plain text (`pandoc -t plain`): its paragraphs, list items and tables as lines.

Reads: the `Line`s of a text export (`read_text.lines_of`). Writes: the same text with each
paragraph on one line (as LibreOffice's text export has it), blank lines kept between the
blocks, and each table row as a line of cells set apart by wide gaps at the table's own
column offsets; the source line numbers are kept (a joined paragraph has its first line's).

pandoc plain is recognised by what its writer always does (`is_plain`): it wraps every
paragraph greedily at 72 characters (no line is longer, and a line ends early only at a
manual line break), and sets every block apart by a blank line; it shows no pages (which tells it from a PDF's
text export set in a face wide enough to keep its lines under 72 characters). So, in such a text:

- *A block is one paragraph.* A line break inside a block is a wrap where the line was full
  (the next word would not have fitted in 72 columns); a break after a line that was not
  full is a manual line break (Shift+Enter). That one joins too where a sentence ends and
  prose starts (a paragraph with a line break, which the agreement holds as one paragraph),
  but not where either line is a signature part or a heading-like line (a name over a
  title, «For KS» over a name): those stay lines of their own.
- *A list item is one line.* pandoc sets a list label in a field of four columns («1.  »,
  «-   », «a)  ») and the item's further lines under its text; they are joined into it.
- *Tables are read by their rules.* A grid table («+---+---+», «| … | … |») has its column
  bounds at the «+» of its rules; a simple or multiline table («------ ------») at the runs
  of dashes of the rule under its head. A cell's lines are one paragraph (pandoc wraps a
  cell's text at the column's width, inside a word only where the word is longer than the
  column: a line as wide as the column goes on the line above without a space, «be» +
  «redskapsdepartementet», unless the line above ends in a hyphen or a joining word, «Kultur- og» /
  «likestillingsminister», a word exactly as wide as the column); in a grid table a blank line in the cell starts the next paragraph. Each row becomes as many lines as its tallest cell has
  paragraphs, each paragraph at its column's offset, at least three spaces from the one
  before (`letterhead.COLUMN_GAP`), so the signature stage reads the columns as it reads
  `pdftotext -layout`.
- *Heading numbers pandoc restarted are numbered on* (`_list_headings`). Word's automatic
  numbers on headings that are not in a Heading style (bold Normal or List Paragraph
  paragraphs) reach pandoc as list items, and pandoc starts a list again at 1 after every
  paragraph between («1.  Barn og unge» after «2.  Tiltak»; a heading straight under its
  parent is even a nested list, «    1.  …»). A numbered item is a heading when it is
  heading-like (a capital first, ten words at most, no closing mark) and stands alone: the
  block after it is no item of its list (not the next number at its indent). Where the text
  has two such headings or more, they are marked `heading` and numbered 1, 2, 3 … in order.
- *Headings stacked one over another are headings in this order* (`_stacked_headings`). Where
  pandoc dropped the numbers (Word's Heading styles), a section that holds only subsections
  stands straight over its first subsection: two or more unnumbered heading-like one-line
  blocks (not a signature part) in a row, after the first sentence of the text and before a
  paragraph of prose, are all marked `heading`. pandoc keeps the document's order, so they
  are not a PDF text flow's stack whose text must be dealt out (`recognise`).
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line
from avtale.extract.markers import TERMINAL

WIDTH = 72  # pandoc's default --columns
ITEM = re.compile(r"^(?P<indent> *)(?P<label>\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-*+•·–o])(?P<pad> +)(?=\S)")
GRID_RULE = re.compile(r"^ *\+(?:[-=:]+\+)+ *$")
DASH_RULE = re.compile(r"^ *-{3,}(?: +-{3,})* *$")
NUMBERED = re.compile(r"^(?P<indent> *)(?P<n>\d{1,2})\.(?P<pad> +)(?P<text>\S.*)$")


def is_plain(lines: list[Line]) -> bool:
    """pandoc's plain text: no line outside a table longer than 72 characters, some lines clearly wrapped at
    72 (the next word would not have fitted: three or more), and hardly a line ending early with a lower-case
    word next (what a wrap at another width or a PDF's text flow gives; pandoc breaks early only at a manual
    line break). pandoc sets every block apart by a blank line and shows no pages (Word's page numbers are fields
    of a footer, which pandoc leaves out): a text that shows its pages (a form feed, which pdftotext puts after every
    page; a folio «Side 1 av 3») or has fewer blank lines than one in ten of its lines (pypdf writes none) is a PDF's
    text export, however narrow a face set it."""
    if any(ln.page > 1 for ln in lines) or sum(ln.blank() for ln in lines) * 10 < len(lines):
        return False
    full = early = 0
    tables = _table_lines(lines)
    texts = ["" if k in tables else ln.text.rstrip() for k, ln in enumerate(lines)]
    for a, b in zip(texts, texts[1:]):
        if not a.strip() or not b.strip():
            continue
        if len(a) > WIDTH:
            return False
        if ITEM.match(b) and not ITEM.match(b).group("indent"):
            continue
        if len(a) + 1 + len(b.split()[0]) > WIDTH:
            full += 1
        elif b.strip()[:1].islower():
            early += 1
    if any(len(t) > WIDTH for t in texts):
        return False
    return full >= 3 and early <= max(1, full // 10)


def _table_lines(lines: list[Line]) -> set[int]:
    """The indexes of the lines of tables (set by their rules, as wide as their columns need)."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        end = _table_end(lines, i)
        if end is None:
            i += 1
            continue
        out.update(range(i, end))
        i = end
    return out


def read(lines: list[Line]) -> list[Line]:
    """The text with each paragraph, list item and table row on one line (the module's docstring)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].blank():
            out.append(lines[i])
            i += 1
            continue
        end = _table_end(lines, i)
        if end is not None:
            out += _table(lines[i:end])
            i = end
            continue
        j = i
        while j < len(lines) and not lines[j].blank() and (j == i or _table_end(lines, j) is None):
            j += 1
        out += _block(lines[i:j])
        i = j
    return _stacked_headings(_list_headings(out))


def _item(text: str) -> bool:
    """A pandoc list item: its label in a field of four columns («1.  », «-   », «10. »)."""
    m = ITEM.match(text)
    return m is not None and len(m.group("label")) + len(m.group("pad")) == 4


def _block(block: list[Line]) -> list[Line]:
    """A block's lines joined into its paragraphs and list items (the module's docstring). Each paragraph's lines
    are gathered and joined once (joined one at a time, a paragraph of many lines cost their square)."""
    from avtale.extract.signature_parts import classify

    out: list[tuple[Line, list[str], bool]] = [(block[0], [block[0].text.rstrip()], _item(block[0].text))]
    last = block[0].text.rstrip()  # the last source line of out[-1]: its length says whether it was full
    for b in block[1:]:
        a, pieces, item = out[-1]
        text = b.text.strip()
        if _item(b.text):
            join = False  # the next item of a tight list
        elif len(last) + 1 + len(text.split()[0]) > WIDTH:
            join = True  # wrapped: the next word did not fit
        elif item and b.text.startswith(" "):
            join = True  # set under the item's text: the item goes on
        else:  # a manual line break: one paragraph where a sentence ends and prose goes on
            join = (bool(TERMINAL.search(last)) and text[:1].isupper()
                    and classify(last.strip()) == "" and classify(text) == "")
        if join:
            pieces.append(text)
            if len(pieces) == 2:  # a list item's label, pad and first word are all in its first two lines now
                out[-1] = (a, pieces, _item(f"{pieces[0].rstrip()} {text}"))
        else:
            out.append((b, [b.text], _item(b.text)))
        last = b.text.rstrip()
    return [a if len(pieces) == 1 else Line(a.no, " ".join(p.rstrip() if k == 0 else p for k, p in enumerate(pieces)),
                                            a.page, a.hint, a.page_start)
            for a, pieces, _ in out]


def _table_end(lines: list[Line], i: int) -> int | None:
    """The end (exclusive) of a table starting at line i, or None where none starts."""
    text = lines[i].text.rstrip()
    if GRID_RULE.match(text):
        j = i + 1
        while j < len(lines) and lines[j].text.strip()[:1] in ("+", "|"):
            j += 1
        return j if j > i + 1 else None
    if not DASH_RULE.match(text):
        return None
    # a simple or multiline table: a rule of runs under the head (or on top, headerless), closed by a rule
    cols = next((k for k in range(i, min(i + 8, len(lines))) if len(_runs(lines[k].text)) >= 2), None)
    if cols is None:
        return None
    if len(_runs(text)) == 1 or cols > i:  # a multiline table: up to the closing rule
        for k in range(cols + 1, len(lines)):
            if DASH_RULE.match(lines[k].text.rstrip()):
                return k + 1
        return None
    k = cols + 1
    while k < len(lines) and not lines[k].blank() and not DASH_RULE.match(lines[k].text.rstrip()):
        k += 1
    return k + 1 if k < len(lines) and DASH_RULE.match(lines[k].text.rstrip()) else k


def _runs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-{3,}", text)] if DASH_RULE.match(text.rstrip()) else []


def _table(rows_lines: list[Line]) -> list[Line]:
    """A table's rows as lines of cells at their columns' offsets (the module's docstring)."""
    first = rows_lines[0].text.rstrip()
    if GRID_RULE.match(first):
        bounds = [m.start() for m in re.finditer(r"\+", first)]
        starts = [b + 1 for b in bounds[:-1]]
        ends = bounds[1:]
        widths = [e - st - 2 for st, e in zip(starts, ends)]  # a space of padding either side
        rows, row = [], []
        for ln in rows_lines[1:]:
            if GRID_RULE.match(ln.text.rstrip()):
                if row:
                    rows.append(row)
                row = []
            else:
                row.append(ln)
        if row:
            rows.append(row)
        grid = True
    else:
        cols_line = next(ln for ln in rows_lines if len(_runs(ln.text)) >= 2)
        runs = _runs(cols_line.text)
        starts = [s for s, _ in runs]
        ends = starts[1:] + [10**6]
        widths = [e - st for st, e in runs]
        rows, row = [], []
        multiline = len(_runs(first)) == 1 or any(ln.blank() for ln in rows_lines)
        for ln in rows_lines:
            if DASH_RULE.match(ln.text.rstrip()) or ln.blank():
                if row:
                    rows.append(row)
                row = []
            elif multiline:
                row.append(ln)
            else:
                rows.append([ln])
        if row:
            rows.append(row)
        grid = False
    out: list[Line] = []
    for row in rows:
        cells = _cells(row, starts, ends, widths, grid)
        depth = max((len(c) for c in cells), default=0)
        present: list[list[int]] = [[] for _ in range(depth)]  # the columns holding a paragraph p
        for k, c in enumerate(cells):
            for p in range(len(c)):
                present[p].append(k)
        for p in range(depth):
            pieces: list[str] = []
            length = 0
            for k in present[p]:
                at = max(starts[k], length + 3) if pieces else starts[k]
                if at > length:
                    pieces.append(" " * (at - length))
                    length = at
                pieces.append(cells[k][p])
                length += len(cells[k][p])
            text = "".join(pieces)
            if text.strip():
                out.append(Line(row[0].no + p, text.rstrip(), row[0].page))
    out.append(Line(rows_lines[-1].no, "", rows_lines[-1].page))
    return out


# a whole word after which a line of a cell goes on with a word of its own, however wide («Kultur- og», «For»)
CUT_AFTER = re.compile(r"(?:-|\b(?:og|eller|i|for|av|and|of))$", re.IGNORECASE)


def _cells(row: list[Line], starts: list[int], ends: list[int], widths: list[int], grid: bool) -> list[list[str]]:
    """Each column's paragraphs in one row of a table. Read line by line, each line as far as it reaches (a
    rule as wide as any line costs no more), a cell's pieces joined once."""
    paras: list[list[list[str]]] = [[] for _ in starts]  # per column, per paragraph: its pieces
    filled = [-2] * len(starts)  # the last line at which each column had text (a gap: any line since without)
    for t, ln in enumerate(row):
        for k, (s, e, width) in enumerate(zip(starts, ends, widths)):
            if s >= len(ln.text):
                break
            piece = ln.text[s:e].strip()
            if not piece:
                continue
            gap = filled[k] != t - 1
            if not paras[k] or gap and grid:  # a blank line inside a grid cell starts its next paragraph
                paras[k].append([piece])
            else:
                # a word longer than the column, cut at its width; not after a whole word that joins
                # («Kultur- og» / «likestillingsminister», a word exactly as wide as the column)
                last = paras[k][-1]
                cut = len(piece) >= width and not CUT_AFTER.search("".join(last[-8:])[-8:])
                last.append(("" if cut else " ") + piece)
            filled[k] = t
    return [["".join(p) for p in col] for col in paras]


def _list_headings(lines: list[Line]) -> list[Line]:
    """Numbered items that are headings, numbered on (the module's docstring)."""
    blocks = [k for k, ln in enumerate(lines) if not ln.blank()]
    found = []
    for pos, k in enumerate(blocks):
        m = NUMBERED.match(lines[k].text)
        if not m or not _item(lines[k].text) or lines[k].hint is not None or not _heading_like(m.group("text")):
            continue
        nxt = lines[blocks[pos + 1]].text if pos + 1 < len(blocks) else ""
        n = NUMBERED.match(nxt)
        if n and _item(nxt) and n.group("indent") == m.group("indent") and int(n.group("n")) == int(m.group("n")) + 1:
            continue  # the next item of its list
        if pos + 1 >= len(blocks):
            continue
        found.append(k)
    if len(found) < 2:
        return lines
    out = list(lines)
    for number, k in enumerate(found, start=1):
        ln = lines[k]
        text = NUMBERED.match(ln.text).group("text")
        out[k] = Line(ln.no, f"{number}. {text}", ln.page, "heading", ln.page_start)
    return out


def _heading_like(text: str) -> bool:
    return text[:1].isupper() and len(text.split()) <= 10 and not re.search(r"[.:;,!?]['»\")]*$", text)


def _stacked_headings(lines: list[Line]) -> list[Line]:
    """Unnumbered headings straight over one another, marked (the module's docstring)."""
    from avtale.extract.markers import marker
    from avtale.extract.signature_parts import classify

    blocks = [k for k, ln in enumerate(lines) if not ln.blank()]

    def head(k: int) -> bool:
        text = lines[k].text.strip()
        return (lines[k].hint is None and _heading_like(text) and marker(text).kind == "none" and classify(text) == ""
                and not lines[k].text.startswith(" "))

    out = list(lines)
    prose_before = False
    pos = 0
    while pos < len(blocks):
        end = pos
        while end < len(blocks) and head(blocks[end]):
            end += 1
        after = lines[blocks[end]].text.strip() if end < len(blocks) else ""
        if prose_before and end - pos >= 2 and TERMINAL.search(after) and marker(after).kind == "none":
            for k in blocks[pos:end]:
                ln = lines[k]
                out[k] = Line(ln.no, ln.text, ln.page, "heading", ln.page_start)
        if end < len(blocks) and TERMINAL.search(lines[blocks[end]].text.strip()):
            prose_before = True
        pos = end + 1 if end == pos else end
    return out

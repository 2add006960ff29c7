"""Lines of a PDF page from the rows of its text (`pdf_rows`), for the PDF read stage.

Reads: pypdf page objects, each page's rows read by `pdf_rows.page_rows`. Writes: per page, a list of
(text, hint) lines:

- a page's rows come from `pdf_rows`: text runs on one baseline form a line, and a run far to the
  right of the one before starts a new column, written after a tab;
- a vertical gap larger than the font's usual line pitch (`_line_pitch`) is a paragraph break: a blank
  line. When the document shows such gaps, every line that continues the block above
  gets the hint `wrap`, so unwrap joins it without guessing; a line that starts with a
  list or heading marker never does. Where the document shows no such gaps, a line at the margin ends
  its paragraph (a blank line) when the next line's first word would have fitted after it, and goes on
  (`wrap`) when it would not (`_ended`);
- columns set side by side (a letterhead, the signature table) are read cell by cell:
  the lines of one column, split at paragraph gaps, make the cells, and row k of the
  output holds the k-th cell of every column, separated by tabs. A cell's lines are
  joined here (a soft hyphen or a hyphen at a line end divides the word, except before
  «og»/«eller»); a line alone on its row whose first word would not have fitted after the line above in
  its column is that cell wrapped (`pdf_table`);
- font sizes above the body's mark the title, headings and subheadings (hints `title`,
  `heading`, `subheading`), so unnumbered headings are told from subsections;
- the first line of a page continues the paragraph that ended the page before when that
  one ended in a hyphen, or ended full and without a full stop; a running header or footer (a page's
  first or last line, digits aside, that opens or ends another page too) is passed over.
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract import glyphs
from avtale.extract.pdf_budget import Budget
from avtale.extract.pdf_rows import Row, page_rows
from avtale.extract.pdf_table import table as _table
from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.markers import LONE_LABEL as LONE
from avtale.extract.markers import TERMINAL, marker, starts_structure


class Pitch(dict):
    """The usual distance between baselines per font size; other sizes scale the body's."""

    ratio = 1.2

    def get(self, size, default=None):
        return super().get(size) or size * self.ratio


def pitches(pages: list[list[Row]]) -> Pitch:
    """The usual gap between baselines inside a paragraph, per font size (never less than the size itself)."""
    gaps: dict[float, Counter] = {}
    for rows in pages:
        for a, b in zip(rows, rows[1:]):
            if a.size == b.size and a.size <= a.y - b.y < 3 * a.size:
                gaps.setdefault(a.size, Counter())[round(a.y - b.y, 1)] += 1
    out = Pitch({size: _line_pitch(c) for size, c in gaps.items()})
    if gaps:
        body = max(gaps, key=lambda size: sum(gaps[size].values()))
        out.ratio = out[body] / body
    return out


def _line_pitch(gaps: Counter) -> float:
    """The distance between the lines of one paragraph. Gaps a rounding apart (14.4, 14.5, 14.6) count as one.
    The most common gap, unless a smaller one is common too (a twentieth of the gaps, and at least two) and
    smaller by a fifth or more: where most paragraphs are one or two lines long, the most common gap is a line
    and the space after a paragraph (or an empty paragraph); a gap only a little smaller is a tighter block
    (a signature set with no space), not the body's."""
    clusters: list[Counter] = []
    for gap in sorted(gaps):
        if clusters and gap - min(clusters[-1]) <= 0.3:
            clusters[-1][gap] = gaps[gap]
        else:
            clusters.append(Counter({gap: gaps[gap]}))
    counted = [(c.most_common(1)[0][0], sum(c.values())) for c in clusters]
    total = sum(n for _, n in counted)
    most = max(counted, key=lambda gn: (gn[1], -gn[0]))[0]
    smaller = [g for g, n in counted if n >= max(2, total / 20) and g * 1.2 <= most]
    return min(smaller) if smaller else most


def page_lines(rows: list[Row], pitch: dict[float, float], margin: float, gapped: bool, vocabulary=frozenset(),
               levels: dict[float, str] | None = None, right: float = 0.0,
               sources: list | None = None) -> list[tuple[str, str | None]]:
    """(text, hint) lines of one page, blank lines at paragraph gaps, tables cell by cell. `sources`, where
    given, gets what each line was read from, in step with the lines: its `Row`, the table region's rows (a
    tuple) on the region's first line, else None."""
    blocks: list[list[Row]] = []
    for r in rows:
        if blocks and _same_block(blocks[-1][-1], r, pitch):
            blocks[-1].append(r)
        else:
            blocks.append([r])
    out: list[tuple[str, str | None]] = []
    for i, block in enumerate(_regions(blocks, pitch, margin)):
        if i:
            out.append(("", None))
        if isinstance(block, tuple):
            cells = _table(block[1], pitch, vocabulary)
            out.extend((t, None) for t in cells)
            if sources is not None:
                sources.extend([None] * (len(out) - len(sources)))
                sources[len(out) - len(cells)] = tuple(block[1])
            continue
        level = levels.get(block[0].size) if levels else None  # a title or heading set larger: its lines go on
        for k, r in enumerate(block):
            text = r.text().strip()
            hint = "wrap" if (gapped or level) and k and not starts_structure(text) and not _after_item(block, k) else None
            ended = _ended(block[k - 1], r, right, margin) if k and not (gapped or level) and right else None
            if ended:
                out.append(("", None))
            elif ended is False and not starts_structure(text) and not _after_item(block, k):
                hint = "wrap"
            if not k and level:
                hint = level
            out.append((text, hint))
            if sources is not None:
                sources.extend([None] * (len(out) - 1 - len(sources)))
                sources.append(r)
    if sources is not None:
        sources.extend([None] * (len(out) - len(sources)))
    return out


def _ended(above: Row, row: Row, right: float, margin: float) -> bool | None:
    """Where no gaps set paragraphs apart: a line at the margin ended its paragraph when the next line's first
    word would have fitted after it (a typesetter fills a line before it breaks one; `right` is where the
    text column ends), and did not when the word would not have fitted. A hyphen at its end divides a word;
    a line off the margin (centred) or set in columns tells nothing (None)."""
    if len(above.segs) > 1 or len(row.segs) > 1 or above.segs[0][0] > margin + 3 * above.size:
        return None
    last, text = above.segs[0][1], row.segs[0][1].strip()
    if last.rstrip().endswith(("-", "\u00ad")) or not text:
        return False
    space = 0.28 * above.size
    end = above.ends[-1] - (space if last.endswith(" ") else 0.0)
    word = text.split()[0]
    first = (row.ends[0] - row.segs[0][0]) * glyphs.width(word) / max(1.0, glyphs.width(text))
    return end + space + first <= right - 1.0


def _after_item(block: list[Row], k: int) -> bool:
    """Row k is set left of the list item above it: the paragraph after the list, even where no gap sets it
    apart (the item's own lines go on under its text). Left of the item's label where the row above starts the
    item; left of the item's text where the rows above go on under it (a hanging indent: every row between the
    label and row k at one indent, right of row k), as a typed bullet's wrapped item stands over the paragraph
    after it at the margin."""
    x = block[k].segs[0][0]
    above = block[k - 1]
    if starts_structure(above.text().strip()):
        return x < above.segs[0][0] - 1.0
    indent = above.segs[0][0]
    if x >= indent - 1.0:
        return False
    j = k - 1
    while j > 0 and not starts_structure(block[j].text().strip()):
        if abs(block[j].segs[0][0] - indent) > 1.0:
            return False  # rows at other indents (a first-line indent): no item's hanging text
        j -= 1
    return starts_structure(block[j].text().strip())


def _same_block(a: Row, b: Row, pitch: dict[float, float]) -> bool:
    return a.size == b.size and a.y - b.y <= pitch.get(a.size, a.size * 1.2) + 1.0


def _regions(blocks: list[list[Row]], pitch, margin: float):
    """Blocks, with neighbouring blocks set in columns merged into one table region (tagged tuple)."""
    out: list = []
    for block in blocks:
        _mend_justified(block, margin)
        columnar = any(len(r.segs) > 1 or r.segs[0][0] > margin + 3 * r.size for r in block)
        if columnar and out and isinstance(out[-1], tuple) and out[-1][1][-1].y - block[0].y <= 2 * block[0].size:
            out[-1][1].extend(block)
        elif columnar:
            out.append(("table", list(block)))
        else:
            out.append(block)
    return [b if not isinstance(b, tuple) or _really_columns(b[1], margin) else b[1] for b in out]


def _mend_justified(block: list[Row], margin: float) -> None:
    """In a paragraph of three lines or more at the margin, one line split in two is a justified line whose
    stretched spaces made a word look far off (pypdf gives a run's start, not the word spacing that widened
    it): its parts are one text again."""
    split = [r for r in block if len(r.segs) > 1]
    if len(block) < 3 or len(split) != 1 or any(abs(r.segs[0][0] - margin) > 1.5 for r in block):
        return
    row = split[0]
    row.segs = [(row.segs[0][0], " ".join(t.strip() for _, t in row.segs))]
    row.ends = [row.ends[-1]]


def _really_columns(rows: list[Row], margin: float) -> bool:
    """A single line off the margin (a centred page number) is no table, nor is a list set in (`_indented_list`)."""
    return (len(rows) > 1 or len(rows[0].segs) > 1) and not _indented_list(rows, margin)


def _indented_list(rows: list[Row], margin: float) -> bool:
    """A list set in from the margin, not a table: its only runs side by side are a label and its item's text
    («–⇥Statlige tiltak …», «1.⇥…»), and every line far off the margin is an item's wrapped text, set under the item
    within a hanging indent of it. Read as a table, the list's items would be joined into one cell."""
    items = False
    for above, row in zip([None, *rows], rows):
        if len(row.segs) > 1:
            if not LONE.match(row.segs[0][1].strip()):
                return False
            items = True
        elif row.segs[0][0] > margin + 3 * row.size:
            if above is None or not (starts_structure(above.text().strip()) or above.segs[0][0] > margin + 3 * row.size) \
                    or abs(row.segs[0][0] - above.segs[0][0]) > 3 * row.size:
                return False
        items = items or starts_structure(row.text().strip())
    return items


def _levels(pages: list[list[Row]]) -> dict[float, str]:
    """Font sizes above the body's: the title (the largest, used once), then heading and subheading."""
    count = Counter(r.size for page in pages for r in page if len(r.segs) == 1)
    if not count:
        return {}
    body = count.most_common(1)[0][0]
    larger = sorted((size for size in count if size > body + 0.2), reverse=True)
    out: dict[float, str] = {}
    first = next((r for page in pages for r in page if r.size in larger and len(r.segs) == 1), None)
    if larger and first is not None and first.size == larger[0]:
        out[larger.pop(0)] = "title"
    for size, hint in zip(larger, ("heading", "subheading")):
        out[size] = hint
    return out


def _running(pages: list[list[tuple[str, str | None]]]) -> set[tuple[int, int]]:
    """(page, line) of running headers and footers: a page's first or last line (a page number beside it
    aside) whose text, digits aside, is the first or last line of another page too. A paragraph going on
    over the page break goes on past them («… og resultatene skal» / header / «deles med kommunene.»)."""
    where: dict[str, list[tuple[int, int]]] = {}
    for number, page in enumerate(pages):
        filled = [k for k, (t, _) in enumerate(page) if t.strip()]
        for ends in (filled[:2], filled[::-1][:2]):
            for k in ends:
                text = page[k][0].strip()
                if not PAGE_NUMBER.match(text):
                    if len(text.split()) <= 16:
                        where.setdefault(" ".join(re.sub(r"\d+", "#", text).split()), []).append((number, k))
                    break
    return {at for spots in where.values() if len({n for n, _ in spots}) >= 2 for at in spots}


def _item_ends(page: list[tuple[str, str | None]], at: int | None) -> bool:
    """The line at `at` ends a list item: its paragraph (back to a blank line) opens with a list label."""
    if at is None:
        return False
    k = at
    while k > 0 and page[k - 1][0].strip() and page[k][1] == "wrap" and not starts_structure(page[k][0]):
        k -= 1
    return marker(page[k][0]).kind in ("bullet", "letter", "number")


def document_lines(pages: list, budget: Budget | None = None, sources: list | None = None) -> list[list[tuple[str, str | None]]]:
    """(text, hint) lines for every page of a pypdf reader's pages, read under `budget` (`pdf_budget`); `sources`,
    where given, gets per page what each line was read from (`page_lines`)."""
    budget = budget or Budget()
    rows = [page_rows(p, budget, number) for number, p in enumerate(pages, start=1)]
    pitch = pitches(rows)
    xs = Counter(round(r.segs[0][0]) for page in rows for r in page)
    margin = min((x for x, n in xs.items() if n >= max(2, xs.most_common(1)[0][1] // 4)), default=0)
    gaps = sum(1 for page in rows for a, b in zip(page, page[1:])
               if a.size == b.size and pitch.get(a.size, 99) + 1.0 < a.y - b.y < 3 * a.size)
    gapped = gaps >= 3
    vocabulary = frozenset(w.casefold() for page in rows for r in page for _, t in r.segs for w in re.findall(r"[\wæøåÆØÅ]+", t))
    body_ends = sorted(r.ends[0] for page in rows for r in page if len(r.segs) == 1 and abs(r.segs[0][0] - margin) <= 1.5)
    right = body_ends[int(len(body_ends) * 0.97)] if len(body_ends) >= 10 else 0.0
    levels = _levels(rows)
    out = []
    for page in rows:
        src: list | None = [] if sources is not None else None
        out.append(page_lines(page, pitch, margin, gapped, vocabulary, levels, right, src))
        if sources is not None:
            sources.append(src)
    if gapped:
        _join_pages(out)
    return out


def _join_pages(out: list[list[tuple[str, str | None]]]) -> None:
    """The first line of a page goes on with the paragraph that ended the page before (hint `wrap`) when that
    one ended in a hyphen, or ended full and without a full stop; running headers and footers (`_running`)
    and page numbers between them are passed over. A title or heading (a line set larger, with its hint) goes on
    with nothing above it. After a list item, a line starting with a capital is the
    paragraph after the list (unless the item ends in a hyphen or a comma)."""
    body = [len(t) for page in out for t, _ in page if t and "\t" not in t]
    full = sorted(body)[int(len(body) * 0.9)] * 0.8 if body else 0
    furniture = _running(out)
    for number, (prev, page) in enumerate(zip(out, out[1:])):
        at = next((k for k, (t, _) in reversed(list(enumerate(prev)))
                   if t and not PAGE_NUMBER.match(t.strip()) and (number, k) not in furniture), None)
        last = prev[at][0] if at is not None else ""
        first = next((k for k, (t, _) in enumerate(page) if t and (number + 1, k) not in furniture), None)
        if first is not None and _item_ends(prev, at) and page[first][0][:1].isupper() and not last.endswith(("-", ",")):
            continue  # a capital after a list item: the paragraph after the list
        if first is not None and not starts_structure(page[first][0]) and page[first][1] is None:
            ends_hyphen = last.endswith(("\u00ad", "-"))
            if ends_hyphen or (not TERMINAL.search(last) and len(last) >= full and "\t" not in last):
                page[first] = (page[first][0], "wrap")

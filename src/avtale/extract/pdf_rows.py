"""Rows of a PDF page from the positions of its text (pypdf), for `pdf_lines`.

Reads: a pypdf page object. Writes: its `Row`s, top to bottom: per row its baseline, the font size most of its
characters are set in (a list label is often set larger than its item), its segments (one per column) and
where each ends, and each segment's text in pieces with their marks (`pdf_runs`).

Text runs on one baseline form a row, sorted left to right; a run far to the right of the one before (more
than 1.5 em after its end, or more than a quarter em where a column starts on other rows: `_stops`) starts a new
column, written after a tab — except after a heading number or list
label alone («1», «§ 2», «•»). A run ends where the font's own widths, a TJ array's offsets and the word
spacing put its last glyph (`glyphs.Spans`: a justified line's stretched spaces are not a column gap); where
the font gives no widths, the end is estimated (`glyphs.width`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from avtale.extract import glyphs
from avtale.extract.pdf_budget import Budget
from avtale.extract.pdf_marks import ActualText
from avtale.extract.pdf_runs import PLAIN, Attrs, font_style, lift_superscripts, link_at, page_links
from avtale.extract.markers import LONE_LABEL as LONE


@dataclass
class Row:
    y: float
    size: float
    segs: list[tuple[float, str]] = field(default_factory=list)  # (x, text) per column
    chars: Counter = field(default_factory=Counter)  # characters per font size
    ends: list[float] = field(default_factory=list)  # where each column's text ends (estimated, `glyphs`)
    marks: list[list[tuple[str, Attrs]]] = field(default_factory=list)  # per column, its text in pieces (`pdf_runs`)

    def text(self) -> str:
        return "\t".join(t.strip() for _, t in self.segs)


LABEL_MAX = 64  # a list label or heading number set alone («1.», «§ 2», «•») is never longer, spaces and all


def page_rows(page, budget: Budget | None = None, number: int = 1) -> list[Row]:
    """The rows of one page. `budget` counts what reading it costs (`pdf_budget`); each row's segments are
    gathered as lists of parts and joined once, so a row of many runs costs their length, not its square."""
    runs: list[tuple[float, float, str, float, int]] = []
    fonts: dict[int, tuple[float | None, set[str]]] = {}
    styles: dict[int, tuple[bool, bool]] = {}
    budget = budget or Budget()
    budget.page(number)

    actual = ActualText()

    def visit(text, cm, tm, font, size):
        text = actual.text(text, cm, tm)
        if not text or not text.strip("\n"):
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or 1.0
        if id(font) not in fonts:
            if id(font) not in budget.means:  # (the font is kept: an id is unique only while it lives)
                budget.means[id(font)] = (font, glyphs.mean_width(font))
            fonts[id(font)] = (budget.means[id(font)][1], set())
            styles[id(font)] = font_style(font)
        text = text.replace("\n", "")
        fonts[id(font)][1].update(text)
        runs.append((round(y, 1), x, text, float(size) * scale, id(font)))

    spans = glyphs.Spans(page, budget.widths)

    def operator(op, args, cm, tm):
        budget.visit(op, args)
        actual.visit(op, args, cm, tm)
        spans.visit(op, args, cm, tm)

    with budget.parsing():
        page.extract_text(visitor_text=visit, visitor_operand_before=operator)
    scales = {k: glyphs.scale(chars, mean) for k, (mean, chars) in fonts.items()}
    lines: list[list[tuple]] = []  # runs on one baseline, left to right: (y, x, text, size, end, attrs)
    ordered = sorted(runs, key=lambda r: (-r[0], r[1]))
    ends = spans.index()
    placed: list[list] = []
    for k, (y, x, text, size, font) in enumerate(ordered):
        after = ordered[k + 1] if k + 1 < len(ordered) else None
        until = after[1] if after is not None and abs(after[0] - y) < 1.0 else float("inf")
        end = ends.end(y, x, until)
        if end is None or end <= x:
            end = x + glyphs.width(text) / 1000 * size * scales[font]
        placed.append([y, x, text, size, end, font])
    notes = lift_superscripts(placed)
    links = page_links(page)
    for k, (y, x, text, size, end, font) in sorted(enumerate(placed), key=lambda kr: (-kr[1][0], kr[1][1])):
        if not lines or abs(lines[-1][0][0] - y) >= 1.0:
            lines.append([])
        bold, italic = styles.get(font, (False, False))
        attrs = Attrs(bold, italic, link_at(links, x, end, y, size) if links else None, k in notes)
        lines[-1].append((y, x, text, size, end, attrs))
    stops = _stops(lines)
    rows: list[Row] = []
    for line in lines:
        row = Row(line[0][0], line[0][3])
        rows.append(row)
        parts: list[list[str]] = []  # each segment's text, in the pieces it was set in
        sizes: list[int] = []  # and its length
        for _, x, shown, size, end, attrs in line:
            text = "" if attrs.note else shown  # a footnote's number is no part of the text: it stays in `marks`
            if not attrs.note:
                row.chars[size] += len(text.strip())
            if parts and attrs.note:
                row.marks[-1].append((shown, attrs))
                row.ends[-1] = max(row.ends[-1], end)
                continue
            if parts and not text.strip(" \u00ad-"):  # a space or hyphen set on its own (a tab, a justified
                parts[-1].append(text)  # line's end, a division) goes with the text before it
                row.marks[-1].append((text, PLAIN))
                sizes[-1] += len(text)
                continue
            if parts:
                gap = x - row.ends[-1]
                if (gap > 1.5 * size or gap > 0.25 * size and round(x) in stops) and not _lone(parts[-1], sizes[-1]):
                    row.segs.append((x, ""))
                    parts.append([text])
                    row.marks.append([(shown, attrs)])
                    sizes.append(len(text))
                    row.ends.append(end)
                    continue
                last = parts[-1][-1]
                glue = "" if last.endswith((" ", "\u00ad", "-")) or re.match(r"[\s\u00ad\-.,;:!?)»]", text) \
                    or attrs.note else " "
                before = row.marks[-1][-1][1]
                row.marks[-1] += [(glue, before if before == attrs else PLAIN), (text, attrs)]
                parts[-1].append(glue + text)
                sizes[-1] += len(glue) + len(text)
                row.ends[-1] = max(row.ends[-1], end)
            else:
                row.segs.append((x, ""))
                parts.append([text])
                row.marks.append([(shown, attrs)])
                sizes.append(len(text))
                row.ends.append(end)
        row.segs = [(x, "".join(pieces)) for (x, _), pieces in zip(row.segs, parts)]
    for r in rows:  # the size most of the row is set in (a list label may be set larger)
        r.size = max(r.chars, key=lambda s: (r.chars[s], s)) if r.chars else r.size
    return [r for r in rows if r.text().strip()]


def _lone(pieces: list[str], size: int) -> bool:
    """A segment that is a list label or heading number alone (`LONE`); a long one never is."""
    return size <= LABEL_MAX and bool(LONE.match("".join(pieces).strip()))


def _stops(lines: list[list[tuple]]) -> set[int]:
    """Column stops: where runs that follow another run on their line start, on three lines or more (the
    columns of a table or a letterhead; a bold word inside a sentence starts where it happens to), or on two rows
    one under the other, each run an em or more after the run before it (a row of names over their titles: no
    sentence's space is so wide on two lines at one place)."""
    count = Counter(x for line in lines for x in {round(run[1]) for run in line[1:] if run[2].strip()})
    near = Counter()
    for x, n in count.items():
        for d in (-1, 0, 1):
            near[x + d] += n
    stops = {x for x in count if near[x] >= 3}
    for a, b in zip(lines, lines[1:]):  # two rows, one under the other, each with a run an em or more after the one
        if a and b and abs(a[0][0] - b[0][0]) <= 2.5 * a[0][3]:  # before it at one place: a table's column
            starts = [{round(r[1]) for r, before in zip(line[1:], line) if r[2].strip() and r[1] - before[4] > r[3]}
                      for line in (a, b)]
            stops |= {x for x in starts[0] if any(abs(x - y) <= 1 for y in starts[1])}
    return stops

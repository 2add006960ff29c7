"""Lone labels: list labels and heading numbers a PDF's text export set apart from their text.

Reads: cleaned `Line`s. Writes: the same lines with each lone label joined to the start of its text (the label's
line left blank, or, joined to the next line, taking that line's place).

pdftotext (without -layout) follows the page's text flow, which reads a block's left column before its right one:
a heading's number («1.», «§ 3», «2.1») and a list's labels («•», «o», «a)», «1.») come out on lines of their own,
apart from their text. Three readings, tried in this order:

- A label column (`pair_label_column`): two labels or more one under another (blank lines between allowed), then
  their texts in the same order. The labels fall into groups: bullets of one kind, letters or numbers counting on
  («1.», «2.», «3.»; a blank line between two labels ends a group) are one list; a number left alone is a heading's.
  The lines after the column are dealt out in order: a heading's number takes one heading-like line (a capital, ten
  words at most, no closing mark); a list of n takes a block of lines without a blank inside that reads as n items
  (`_item_starts`), the next group taking what follows; n lines starting with a capital are read first, from the
  longest block down (a paragraph after the list may follow its last item without a blank line); where the first
  item starts in lower case, blocks that end before the first line starting with a capital are tried first (the
  paragraph after a list of lower-case items starts with one). When the column opens with a heading's number and the rest
  deals out without it, the number goes with a heading-like line just above the column (pdftotext may set the
  heading's text above its number: «Tiltak» / «1.» / «·» / «·» / «2.»); else, when it deals out as the column's
  last label, it heads the heading-like line after the list (pdftotext may read a heading's number before the
  labels of the list above it: «3.» / «1.» … «4.» / the four items / «Virkeområde»). When no dealing fits, nothing
  is joined.
- A heading's number after its text (`_after_its_heading`): «Virkeområde» / «§1» / «Direktoratet skal …»: the
  number goes with the heading-like line above when the line after it is no heading (it ends in a closing mark or
  is long) or is a heading with a number of its own under it («Utfordringar» / «3.» / «Kunnskapsgrunnlag» /
  «3.1»: a section straight over its first subsection, `_numbered_under`), and the line above stands after a
  blank line or a sentence's end, numbered by nothing else.
- A lone «-» may be a whole column of them (`_joined_dashes`): pdftotext takes a line ending in a hyphen for a word
  broken at the line's end and joins the next line to it, so the labels «-» / «-» / «-» of typed «-<tab>» items come
  out as one «-». Under a lead-in ending «:» (or an item of its list, over a page break), over lower-case lines
  that read as two items or more (a line that is not full ends its item; a line starting with a capital ends the
  list), each item gets its «-». Where the first item starts with a capital, every line of the block is an item
  only where none is full, all end alike and a blank line follows the block (`_capital_items`).
- Otherwise a lone label joins the next non-blank line (three blank lines between at most): «1.» / «» / «Formålet».
"""

from __future__ import annotations

from avtale.extract.lines import Line
from avtale.extract.markers import LONE_LABEL, TERMINAL, marker, starts_structure
from avtale.extract.measure import first_word, width

HEADING_NUMBERS = ("number", "section", "subsection", "bare")
MAX_BLANKS = 3  # blank lines between a label and its text, or between the labels of a column


def _label(line: Line) -> bool:
    return bool(LONE_LABEL.match(line.text.strip())) and line.hint in (None, "para")


def _kind(label: str):
    """The label's marker, read as if text followed it («1.» → number 1, «§3» → section 3, «o» → bullet)."""
    return marker(f"{label.strip()} X")


def _heading_text(text: str) -> bool:
    """A line that can be a heading: a capital first, ten words at most, no closing mark, not a label."""
    text = text.strip()
    return (text[:1].isupper() and len(text.split()) <= 10 and not TERMINAL.search(text) and not text.endswith(",")
            and not starts_structure(text) and not LONE_LABEL.match(text))


def _groups(labels: list[tuple[int, Line]], lines: list[Line]) -> list[list[int]]:
    """The column's labels (as indexes into `lines`) in groups: a list's labels together, a heading's number alone."""
    groups: list[list[int]] = []
    for k, (at, line) in enumerate(labels):
        m = _kind(line.text)
        if groups:
            prev_at = groups[-1][-1]
            p = _kind(lines[prev_at].text)
            gap = at - prev_at > 1
            same = not gap and p.kind == m.kind and (
                (m.kind == "bullet" and p.style == m.style)
                or (m.kind in ("number", "letter") and p.style == m.style and m.number == p.number + 1))
            if same:
                groups[-1].append(at)
                continue
        groups.append([at])
    return groups


def _heading_group(group: list[int], lines: list[Line]) -> bool:
    return len(group) == 1 and _kind(lines[group[0]].text).kind in HEADING_NUMBERS


def pair_label_column(lines: list[Line]) -> list[Line]:
    """Deal each label of a column of lone labels to its text (module docstring); lines without a fitting reading
    stay as they are."""
    out = list(lines)
    full = width(lines) * 0.82
    i = 0
    while i < len(out):
        if not _label(out[i]):
            i += 1
            continue
        labels, j, blanks = [], i, 0
        while j < len(out) and blanks <= MAX_BLANKS:
            if out[j].blank():
                blanks += 1
            elif _label(out[j]):
                labels.append((j, out[j]))
                blanks = 0
            else:
                break
            j += 1
        last = labels[-1][0]
        if len(labels) < 2:
            out = _joined_dashes(out, last, full)
            i = last + 1
            continue
        texts = _texts_after(out, last + 1)
        groups = _groups(labels, out)
        dealt = _deal(groups, texts, out, full)
        if dealt is None and _heading_group(groups[0], out):
            above = _heading_above(out, i)
            rest = _deal(groups[1:], texts, out, full) if above is not None else None
            if rest is not None:
                dealt = [[above]] + rest
            else:  # the heading's number read before the column of the list above it: it heads what follows the list
                rest = _deal(groups[1:] + groups[:1], texts, out, full)
                if rest is not None:
                    groups, dealt = groups[1:] + groups[:1], rest
        if dealt is None:
            i = last + 1
            continue
        for group, starts in zip(groups, dealt):
            for at, start in zip(group, starts):
                text = out[start]
                out[start] = Line(text.no, f"{out[at].text.strip()} {text.text.strip()}", text.page, text.hint, text.page_start)
                out[at] = Line(out[at].no, "", out[at].page, None, out[at].page_start)
        i = last + 1
    return out


def _joined_dashes(lines: list[Line], i: int, full: float) -> list[Line]:
    """A lone «-» under a lead-in «…:» (or under a «-» item: the list goes on over a page break) over lower-case
    lines that read as two items or more (a line that is not full ends an item): the column of «-» labels pdftotext
    made one (module docstring); each item gets its «-»."""
    if lines[i].text.strip() != "-":
        return lines
    above = next((k for k in range(i - 1, max(-1, i - 2 - MAX_BLANKS), -1) if not lines[k].blank()), None)
    if above is None or not (lines[above].text.rstrip().endswith(":") or lines[above].text.startswith("- ")):
        return lines  # under a lead-in, or under an item of the list going on (over a page break)
    texts = _texts_after(lines, i + 1)
    if not texts or texts[0] - i - 1 > MAX_BLANKS:
        return lines
    block: list[int] = []
    capital = lines[texts[0]].text.strip()[:1].isupper()
    for k in texts:  # the lines in lower case (or all starting with a capital) that follow without a blank between
        if block and k != block[-1] + 1 or not (capital or lines[k].text.strip()[:1].islower()):
            break
        block.append(k)
    starts = [k for n, k in enumerate(block)
              if n == 0 or len(lines[block[n - 1]].text.strip()) + 1 + len(first_word(lines[k].text)) <= full / 0.82]
    if capital and not _capital_items(lines, block, starts):
        return lines
    if len(starts) < 2:
        return lines
    out = list(lines)
    for k in starts:
        out[k] = Line(lines[k].no, f"- {lines[k].text.strip()}", lines[k].page, lines[k].hint, lines[k].page_start)
    out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
    return out


def _capital_items(lines: list[Line], block: list[int], starts: list[int]) -> bool:
    """Items starting with a capital («Felles mål for arbeidet.» / «Forenkling av …»): a capital starts the
    paragraph after a list too, so the block reads as items only where every line is an item of its own (none
    full), all end alike (each with a closing mark, or none), and a blank line (or the text's end) follows it."""
    if len(block) < 2 or starts != block:
        return False
    after = block[-1] + 1
    if after < len(lines) and not lines[after].blank():
        return False
    return len({bool(TERMINAL.search(lines[k].text.strip())) for k in block}) == 1


def _texts_after(lines: list[Line], start: int, limit: int = 80) -> list[int]:
    """Indexes of the non-blank lines after a label column, up to a line that is a label or opens a structure."""
    out = []
    for k in range(start, min(len(lines), start + limit)):
        line = lines[k]
        if line.blank():
            continue
        if _label(line) or starts_structure(line.text) or line.hint not in (None, "para"):
            break
        out.append(k)
    return out


def _deal(groups: list[list[int]], texts: list[int], lines: list[Line], full: float, g: int = 0, p: int = 0):
    """For groups[g:], the start lines of their texts from texts[p:] on (one list of starts per group), or None."""
    if g == len(groups):
        return []
    if p >= len(texts):
        return None
    group = groups[g]
    if _heading_group(group, lines):
        if not _heading_text(lines[texts[p]].text):
            return None
        rest = _deal(groups, texts, lines, full, g + 1, p + 1)
        return None if rest is None else [[texts[p]]] + rest
    n = len(group)
    end = p + 1
    while end < len(texts) and texts[end] == texts[end - 1] + 1:
        end += 1  # a list's items stand in lines without a blank between
    stops = list(range(end, p + n - 1, -1))
    if lines[texts[p]].text.strip()[:1].islower():  # items in lower case: a capital after them starts the text after
        capital = next((q for q in range(p + 1, end) if lines[texts[q]].text.strip()[:1].isupper()), end)
        stops = [q for q in stops if q <= capital] + [q for q in stops if q > capital]
    for read in (_capital_starts, _item_starts):  # items that each start with a capital, the text after them aside, first
        for stop in stops:
            block = [lines[k] for k in texts[p:stop]]
            starts = read(block, n, full)
            if starts is None:
                continue
            rest = _deal(groups, texts, lines, full, g + 1, stop)
            if rest is not None:
                return [[texts[p + s] for s in starts]] + rest
    return None


def _capital_starts(block: list[Line], n: int, full: float) -> list[int] | None:
    """The block's lines that start with a capital, when there are n of them and the first line is one: n items
    (a line in lower case goes on with the item above)."""
    caps = [k for k, x in enumerate(block) if x.text.strip()[:1].isupper()]
    return caps if len(caps) == n and caps[0] == 0 else None


def _heading_above(lines: list[Line], i: int) -> int | None:
    """The line just above line i (blank lines between), when it is an unnumbered heading-like line after a blank
    line or a sentence's end."""
    k = i - 1
    while k >= 0 and lines[k].blank():
        k -= 1
    if k < 0 or lines[k].hint not in (None, "para") or not _heading_text(lines[k].text) or marker(lines[k].text).kind != "none":
        return None
    before = lines[k - 1] if k > 0 else None
    if before is None or before.blank() or TERMINAL.search(before.text.strip()):
        return k
    return None


def _item_starts(block: list[Line], n: int, full: float) -> list[int] | None:
    """Where each of n items starts in the lines after a column of n labels: every line when there are n;
    else the lines that start with a capital, when the first does and there are n of them; else the lines
    after a line that was not full (an item's wrapped line is). None when no reading gives n items."""
    texts = [x.text.strip() for x in block]
    if len(texts) == n:
        return list(range(n))
    if len(texts) < n or not texts:
        return None
    if texts[0][:1].isupper():
        caps = [k for k, t in enumerate(texts) if t[:1].isupper()]
        if len(caps) == n and caps[0] == 0:
            return caps
    for share in (1.0, 0.91, 0.82):  # an item's lines are set narrower than the text: the first measure giving n
        ends = [0] + [k for k in range(1, len(texts))
                      if len(texts[k - 1]) + 1 + len(first_word(texts[k])) <= full / 0.82 * share]
        if len(ends) == n:
            return ends
    return None


def _after_its_heading(lines: list[Line], out: list[Line], i: int, j: int | None) -> int | None:
    """Where in `out` the heading sits that the lone heading number lines[i] belongs to, set above it
    (module docstring); None when the number goes with the line after it as usual."""
    if _kind(lines[i].text).kind not in HEADING_NUMBERS:
        return None
    if j is not None and not _prose(lines, j) and not _numbered_under(lines, j):
        return None  # the line after may be a heading: the number's own
    k = len(out) - 1
    while k >= 0 and out[k].blank():
        k -= 1
    if k < 0 or k == len(out) - 1 or out[k].hint not in (None, "para") or not _heading_text(out[k].text):
        return None  # a heading's text stands apart from its number by a blank line
    before = out[k - 1] if k > 0 else None
    if before is None or before.blank() or TERMINAL.search(before.text.strip()):
        return k
    return None


def _numbered_under(lines: list[Line], j: int) -> bool:
    """lines[j] has a heading's number of its own under it (blank lines between): «Utfordringar» / «3.» /
    «Kunnskapsgrunnlag» / «3.1» / …: the text sets each number under its heading, so «3.» is not the next line's."""
    k = j + 1
    while k < len(lines) and lines[k].blank() and k - j <= MAX_BLANKS:
        k += 1
    return (k < len(lines) and _label(lines[k]) and _kind(lines[k].text).kind in HEADING_NUMBERS
            and lines[k].page == lines[j].page)


def _prose(lines: list[Line], j: int) -> bool:
    """lines[j] starts a paragraph, not a heading: it ends in a closing mark, runs past ten words, or goes on in
    lower case on the next line (a wrapped sentence: «Partene skal prioritere … innenfor gjeldende» /
    «budsjettrammer.»)."""
    text = lines[j].text.strip()
    if TERMINAL.search(text) or len(text.split()) > 10:
        return True
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return (nxt is not None and not nxt.blank() and nxt.hint in (None, "para") and nxt.text.strip()[:1].islower()
            and len(text.split()) >= 4)


def attach_lone_markers(lines: list[Line]) -> list[Line]:
    """«1.» / «» / «Formålet» becomes «1. Formålet» (the text keeps the marker's line number); a column of labels
    is dealt out first, and a heading's number set under its heading goes back to it (module docstring)."""
    lines = pair_label_column(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _label(line):
            j = i + 1
            while j < len(lines) and lines[j].blank() and j - i <= MAX_BLANKS:
                j += 1
            nxt = j if j < len(lines) and not lines[j].blank() else None
            above = _after_its_heading(lines, out, i, nxt)
            if above is not None:
                head = out[above]
                out[above] = Line(head.no, f"{line.text.strip()} {head.text.strip()}", head.page, head.hint, head.page_start)
                out.append(Line(line.no, "", line.page, None, line.page_start))
                i += 1
                continue
            if nxt is not None and not LONE_LABEL.match(lines[j].text.strip()) \
                    and lines[j].hint in (None, "para") and not starts_structure(lines[j].text):
                out.append(Line(line.no, f"{line.text.strip()} {lines[j].text.strip()}", line.page, line.hint, line.page_start))
                i = j + 1
                continue
        out.append(line)
        i += 1
    return out

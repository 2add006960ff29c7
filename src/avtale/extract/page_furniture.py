"""Page furniture in a text: page numbers, for the clean stage.

Reads: the `Line`s clean keeps. Writes: the same lines with the furniture blanked (each noted):

- page numbers: «Side 2 av 4», «- 2 -», «2/4», «Page 2 of 4», «2 (4)» and «Side 2 (4)» (the state's letter template
  counts its pages so: a number in brackets after a number is the page count, no heading's or list's number looks
  like it, so it goes as «2/4» does), a bare number (`PAGE_NUMBER`), but not a bare
  number that is a heading's (pdftotext sets a heading's number «1» on a line of its own; `heading_number`):
  alone before a heading-like line away from a page break, a blank line under a heading over its prose, or at the
  foot of a column of list labels (the text flow reads a heading's number with the labels of the list above);
  at a page break, only when the number goes on from the heading above and the break has its folio already or
  the number is far from the page's own, or a sentence of its page ends just above it. A number next to a running header or footer is a page's even so
  (pypdf runs the pages together, folio of one and header of the next).

Running headers and footers are `running_headers`' (it asks `near_page_break` and `neighbour` of this module).
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line, Notes
from avtale.extract.markers import BULLET, LONE_LABEL
from avtale.i18n import _

MAX_BLANKS = 3  # blank lines between a heading's number and the line it belongs with

PAGE_NUMBER = re.compile(
    r"^(?:(?:side|sida|page)\s+\d{1,3}(?:\s*(?:av|of|/)\s*\d{1,3}|\s*\(\s*\d{1,3}\s*\))?|[-–—]\s*\d{1,3}\s*[-–—]"
    r"|\d{1,3}\s*(?:/|av|of)\s*\d{1,3}|\d{1,3}\s*\(\s*\d{1,3}\s*\)|\d{1,3})$",
    re.IGNORECASE,
)


def norm(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text).split()).casefold()


class Facts:
    """What the page-number rules ask of the whole text, found once for it (asked again for every bare number, it
    cost the square of the text's length): whether it shows pages, its first and last lines of text, the run of
    folios that ends it, and the lines that open with each number («4», «4.», «§ 4 Tiltak»)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        filled = [j for j, ln in enumerate(lines) if not ln.blank()]
        self.first = filled[0] if filled else len(lines)
        self.last = filled[-1] if filled else -1
        self.paged = len({ln.page for ln in lines}) > 1
        self._folios: set[int] | None = None
        self._labels: dict[str, list[int]] | None = None
        self._numbered: dict[str, int] | None = None

    def folios(self) -> set[int]:
        if self._folios is None:
            self._folios = _folio_run(self.lines, self.last)
        return self._folios

    def labelled(self, number: int) -> list[int]:
        """The lines that `LABELLED` matches for this number N («N», «N.», «§ N Tiltak»), in order."""
        if self._labels is None:
            self._labels = {}
            for j, ln in enumerate(self.lines):
                m = LABELLED.match(ln.text.strip())
                if m:
                    self._labels.setdefault(m.group(1), []).append(j)
        return self._labels.get(str(number), [])

    def numbered_before(self, number: int, i: int) -> bool:
        """A line above i is «N» alone or «N» and a heading-like text (`_numbered_on`)."""
        if self._numbered is None:
            self._numbered = {}
            for j, ln in enumerate(self.lines):
                m = NUMBERED.match(ln.text.strip())
                if m and m.group(1) not in self._numbered and (m.group(2) is None or _heading_like(m.group(2))):
                    self._numbered[m.group(1)] = j
        return self._numbered.get(str(number), len(self.lines)) < i


LABELLED = re.compile(r"^(?:§\s*)?(\d+)(?:[.)]?\s+[A-ZÆØÅ]|\.?$)")
NUMBERED = re.compile(r"^(\d+)(?:\s+(\S.*))?$")


def heading_number(lines: list[Line], i: int, facts: Facts | None = None) -> bool:
    """A bare «3» alone that is a heading's number, not a page's: not at a page break, and followed (after blank
    lines) by a short capitalised line without a full stop, a number of its own or a lower-case line going on after
    it (`_over_heading`); or set under its heading (`_under_heading`) or at the foot of a column of list labels
    (`_after_label_column`), where pdftotext's text flow puts a heading's number that stands in a column of its own.
    At a page break, a number over a heading is a heading's when it goes on from a heading's number above
    (`_numbered_on`) and the page break has its folio already (`_folio_beside`) or the number is too far from the
    page's index to be its folio (`_not_this_pages`), or when a sentence of its page ends just above it
    (`_after_prose`: a folio stands at the page's edge). Where the text shows
    no page breaks (pypdf), it must be one of a numbering too: a «2» or a «4» stands elsewhere, not as the text's
    last line nor in the run of folios «1», «2», «3» that ends the text (`_folio_run`). A lone «1» over the one
    heading of a text whose headings have no numbers is the folio of a page pypdf ran into the next (and the «2» at
    the end the last page's)."""
    if not re.fullmatch(r"\d{1,2}", lines[i].text.strip()):
        return False
    facts = facts or Facts(lines)
    if near_page_break(lines, i, facts):
        if not (_over_heading(lines, i) and (_after_prose(lines, i) or _numbered_on(lines, i, facts) and (
                _folio_beside(lines, i) or _not_this_pages(lines, i)))):
            return False
    elif not (_over_heading(lines, i) or _under_heading(lines, i) or _after_label_column(lines, i)):
        return False
    if facts.paged:
        return True  # the text shows its page breaks: a folio stands next to one
    n = int(lines[i].text.strip())
    folios = facts.folios()
    if i in folios:
        return False
    for m in (n - 1, n + 1):
        if m > 0 and any(j not in (i, facts.last) and j not in folios for j in facts.labelled(m)):
            return True
    return False


def _folio_run(lines: list[Line], last: int) -> set[int]:
    """The bare numbers of a text without page breaks that count 1, 2, 3 … in order and end it (the last page's
    folio is the text's last line): the pages' folios, which pypdf runs in with the text. A heading's number
    never ends a text, so such a run is no numbering of headings, wherever its numbers stand."""
    bare = [j for j, ln in enumerate(lines) if re.fullmatch(r"\d{1,3}", ln.text.strip())]
    if len(bare) < 2 or bare[-1] != last or [int(lines[j].text) for j in bare] != list(range(1, len(bare) + 1)):
        return set()
    return set(bare)


def neighbour(lines: list[Line], i: int, step: int) -> int | None:
    """The nearest line to i that is not blank, `step` -1 (above) or 1 (below), over three blank lines at most."""
    k = i + step
    while 0 <= k < len(lines) and lines[k].blank() and abs(k - i) <= MAX_BLANKS:
        k += step
    return k if 0 <= k < len(lines) and not lines[k].blank() else None


def _heading_like(text: str) -> bool:
    """A capital first, ten words at most, no closing mark nor comma, not a list label or a number."""
    text = text.strip()
    return (text[:1].isupper() and len(text.split()) <= 10 and not re.search(r"[.!?:;,]['»\")]*$", text)
            and not LONE_LABEL.match(text) and not re.match(r"(?:§\s*)?\d", text) and not BULLET.match(text))


def _prose_at(lines: list[Line], j: int) -> bool:
    """lines[j] opens a paragraph of prose: it ends in a closing mark, runs past ten words, or a lower-case line
    goes on after it (a wrapped sentence)."""
    text = lines[j].text.strip()
    if re.search(r"[.!?:;]['»\")]*$", text) or len(text.split()) > 10:
        return True
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return nxt is not None and bool(re.match(r"[a-zæøå]", nxt.text.strip())) and len(text.split()) >= 4


def _under_heading(lines: list[Line], i: int) -> bool:
    """«Økonomi» / «» / «2» / «» / «Partane dekkjer …»: a number set a blank line under a heading-like line (which
    stands after a blank line or a sentence's end) and over prose is the heading's, read after it (pdftotext reads
    the column of heading numbers after the headings' text); `lone_labels` gives it back to the heading. A page's
    number stands at a page break, never between a heading and its text."""
    above, below = neighbour(lines, i, -1), neighbour(lines, i, 1)
    if above is None or below is None or above == i - 1 or lines[above].hint is not None:
        return False
    if not _heading_like(lines[above].text) or lines[above].page != lines[i].page or lines[below].page != lines[i].page:
        return False
    before = lines[above - 1] if above > 0 else None
    if before is not None and not before.blank() and not re.search(r"[.!?:;]['»\")]*$", before.text.strip()):
        return False
    return _prose_at(lines, below)


def _after_label_column(lines: list[Line], i: int) -> bool:
    """«Partane skal:» / «•» / «•» / «» / «3» / «at …»: a number under a column of two list labels or more (bullets,
    «1.», «a)»; blank lines between) is the next heading's number, which pdftotext reads in the labels' column
    before their items; `lone_labels` deals it to the heading after the list."""
    above = neighbour(lines, i, -1)
    count = 0
    while above is not None and _list_label(lines[above].text) and lines[above].hint is None:
        count += 1
        above = neighbour(lines, above, -1)
    return count >= 2


def _list_label(text: str) -> bool:
    """A list's label alone: a bullet, «1.», «1)», «a)»; not a bare number (another heading's, or a folio)."""
    text = text.strip()
    return bool(LONE_LABEL.match(text)) and not re.fullmatch(r"\d{1,3}", text) and not text.startswith("§")


def _folio_beside(lines: list[Line], i: int) -> bool:
    """The page break over line i (at the top of its page) has its page number already: the last line of the page
    before, or another of the first lines of i's page, is one (a page has one folio: «-1-» at the foot of page 1
    leaves the «5» at the top of page 2 to a heading)."""
    top = i
    while top > 0 and lines[top - 1].page == lines[i].page and i - top <= 6:
        top -= 1
    if top == 0 or i - top > 6:
        return False
    near = [k for k in (neighbour(lines, top, -1), neighbour(lines, top - 1, 1)) if k is not None and k != i]
    return any(PAGE_NUMBER.match(lines[k].text.strip()) and lines[k].text.strip() != lines[i].text.strip() for k in near)


def _not_this_pages(lines: list[Line], i: int) -> bool:
    """A bare number three or more away from the index of its page (a «6» at the top of page 2) is no folio of that
    page nor of the one before (a cover page aside, a page's number is its index, or one less)."""
    return abs(int(lines[i].text.strip()) - lines[i].page) >= 3


def _after_prose(lines: list[Line], i: int) -> bool:
    """A sentence of the page's text ends just above line i, on its page: i is no folio at the page's top (nor under a
    running header, which ends in no full stop), however near the page break."""
    above = neighbour(lines, i, -1)
    return (above is not None and lines[above].page == lines[i].page and not lines[i].page_start
            and bool(re.search(r"[.!?]['»\")]*$", lines[above].text.strip())) and len(lines[above].text.split()) >= 4)


def _numbered_on(lines: list[Line], i: int, facts: Facts | None = None) -> bool:
    """A number «N» goes on from a heading's number above: «N-1» alone on a line or opening a heading-like line."""
    return (facts or Facts(lines)).numbered_before(int(lines[i].text.strip()) - 1, i)


def _over_heading(lines: list[Line], i: int) -> bool:
    """The line after `i` (blank lines aside, on its page) looks like a heading."""
    at = next((k for k in range(i + 1, min(i + 4, len(lines))) if not lines[k].blank()), None)
    if at is None or lines[at].page != lines[i].page:
        return False
    text = lines[at].text.strip()
    after = lines[at + 1].text.strip() if at + 1 < len(lines) else ""
    return (text[:1].isupper() and len(text.split()) <= 16 and not re.search(r"[.:;,]$", text)
            and not re.match(r"\d", text)  # «6 Bakgrunn» has its number: the «1» above is a page's
            and not re.match(r"[a-zæøå]", after))  # a line going on in lower case: a sentence, not a heading


def drop_folios_by_running(before: list[Line], after: list[Line], notes: Notes, raw: list[Line] | None = None) -> list[Line]:
    """A bare page number («3», «- 3 -», «Side 3») kept as a heading's number (`heading_number`) is a folio
    after all when the line next to it (blank lines aside) was just dropped as a running header or footer:
    a page's number and its running header sit together at the page break. pypdf joins the pages without a
    break, so the footer «1» of one page and the header of the next are the only sign of where it was. Not a bare
    number that numbers on from a heading's where the page break has its folio already or the number is none of
    its page's (`heading_number`): «1» / page break / running header / «3» / «Ansvaret til partane» (`raw`: the
    lines as read, line for line with `before`)."""
    out = list(after)
    facts = Facts(before)
    for i, line in enumerate(after):
        if line.blank() or not PAGE_NUMBER.match(line.text.strip()):
            continue
        shown = raw or before  # the lines as read, the folios clean dropped still in them
        if re.fullmatch(r"\d{1,2}", line.text.strip()) and _numbered_on(before, i, facts) and (
                _folio_beside(shown, i) or _not_this_pages(before, i)):
            continue  # the page break has its folio, or this is none of its page's: a heading's number under a header
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(after) and before[j].blank():
                j += step
            if 0 <= j < len(after) and after[j].blank() and not before[j].blank():
                notes.dropped(line.no, line.text, _("page number, next to a running header or footer"))
                out[i] = Line(line.no, "", line.page, None, line.page_start)
                break
    return out


def near_page_break(lines: list[Line], i: int, facts: Facts | None = None) -> bool:
    if i <= (facts.first if facts is not None else next((j for j, ln in enumerate(lines) if not ln.blank()), len(lines))):
        return True  # the top of the first page
    for j in range(max(0, i - 2), min(len(lines), i + 3)):
        if lines[j].page_start or lines[j].page != lines[i].page:
            return True
    return False

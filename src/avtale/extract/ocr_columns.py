"""Restoring stage for a Tesseract text export: what its text renderer lost that the word boxes held.

Reads: the lines of a Tesseract text export (after `ocr_text.even_out`), all pages. Writes:
the same lines, as many and in the same order (so source line numbers hold), with two
losses made good, and a list of (line index, note) for the `ocr` notes:

- `restore_bullets`: Tesseract drops a small bullet («–», «·») as noise at 200 dpi, and
  the text export keeps no trace of it. A line that starts with a lower-case letter
  (Norwegian sentences and paragraphs start with a capital) and no list label, right
  under a lead-in ending «:» or under a bullet, is an item whose bullet was lost, unless
  it goes on the line above: that line is full (the first word would not have fitted on
  it: `full`), or ends in a division, «,» or a word that cannot end an item («og», «i»),
  or the line is one word under a line longer than 0.6 of a full one (what a wrap leaves),
  or the item above opened a sentence (a capital after its bullet) that the line above
  has not ended and this line ends («- Fylkeskommunene skal samarbeide om et godt
  kunnskapsgrunnlag» / «for tiltakene.»: an item's lines are narrower than the page's by
  its hanging indent, so its wrap does not look full; items of one list share one case).
  A page number or a capitalised line that comes again elsewhere unpunctuated (a running
  header) between items is a page break: the list goes on past it.
- `restore_columns`: the text renderer joins the cells of a row with single spaces,
  where our own reader sets a tab for the gap. In the signature block (the tail after
  the last sentence), a row of titles that cuts into k ≥ 2 titles each with a title noun
  («Barne- og familieminister Leiar i KS»; one cell may be the broken first half of a
  title whose rest stands alone on the next line: «Kultur- og» / «likestillingsminister»;
  the rest is moved into that cell and its line left blank)
  and the row of names above it that cuts into the same k names (the cut that starts
  most names with a common given name and ends fewest with one: `signature_parts.cut_names`)
  get tabs between their cells; so does a row of
  party names above those names (the column heads). A row that does not cut into the
  same k is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract import signing
from avtale.extract.letterhead import is_organisation
from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.markers import TERMINAL, marker
from avtale.extract.signature_parts import cut_names, cuts
from avtale.i18n import _

LOWER_START = re.compile(r"^[a-zæøå]")
GOES_ON = re.compile(r"(?:[-\u00ad,]|\b(?:og|eller|i|på|av|for|til|med|om|som|at|en|ei|et|ein|eit|de|dei|den|det))$")
SENTENCE_END = re.compile(r"[.!?]['»\")]*$")
# the first half of a cell broken over two lines: «Kultur- og», «Leiar i», «Forsknings- og høyere»
OPEN_CELL = re.compile(r"^[A-ZÆØÅ].*(?:\w-|\s(?:og|i)|\w- og \w+)$")


def full(lines: list[str]) -> float:
    """The length a line has when the text wrapped it: 0.92 of the 95th percentile of line lengths (proportional
    fonts put a few more or fewer letters on a line)."""
    lengths = sorted(len(ln.strip()) for ln in lines if len(ln.split()) >= 4)
    if not lengths:
        return 0.0
    return 0.92 * lengths[min(len(lengths) - 1, int(len(lengths) * 0.95))]


def restore_bullets(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Items whose bullet Tesseract dropped, marked «• » (the module's docstring)."""
    width = full(lines)
    out, notes = list(lines), []
    above: str | None = None  # the line above (None after a blank line)
    context = False  # under a lead-in or in a bulleted list
    sentence = False  # the item above opened a sentence (a capital after its bullet) that has not ended
    repeated = Counter(ln.strip() for ln in lines)
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            above = None
            continue
        if PAGE_NUMBER.match(text) or (repeated[text] >= 2 and text[:1].isupper()
                                             and not TERMINAL.search(text)):
            continue  # page furniture between a list's items: the list goes on past the page break
        kind = marker(text).kind
        if kind == "bullet":
            context = True
            sentence = marker(text).text[:1].isupper()
        elif kind in ("number", "letter", "section", "subsection"):
            context = False
        elif LOWER_START.match(text):
            goes_on = above is not None and (len(above) + 1 + len(text.split()[0]) > width or bool(GOES_ON.search(above))
                                             or (len(text.split()) == 1 and len(above) > 0.6 * width)
                                             or (sentence and not TERMINAL.search(above) and SENTENCE_END.search(text)))
            if context and not goes_on:
                out[i] = "• " + text
                notes.append((i, _("«{text}» read as a list item whose bullet Tesseract dropped").format(text=text[:30])))
                sentence = False
        else:
            context = False
        if text.endswith(":"):
            context = True
        above = text
    return out, notes


def restore_columns(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Tabs between the cells of the signature block's rows (the module's docstring)."""
    out, notes = list(lines), []
    start = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if re.search(r"[.!?;:]['»\")]*$", text) and signing.classify(text) not in ("esign", "place_date", "date"):
            start = i + 1
    rows = [i for i in range(start, len(lines)) if lines[i].strip() and "\t" not in lines[i]]
    for n, i in enumerate(rows):
        rest = _rest_below(lines, rows, n)
        titles = _cuts(lines[i], lambda p: _title(p), rest)
        if not titles or n == 0:
            continue
        names_at = rows[n - 1]
        best = None
        for parts in titles:
            names = cut_names(lines[names_at], len(parts))
            if names and (best is None or len(parts) > len(best[0])):
                best = (parts, names)
        if best is None:
            continue
        done = [(i, _merged(best[0], _title, lines, rows, n, out, notes)), (names_at, best[1])]
        m = n - 2
        if m >= 1 and _rest_below(lines, rows, m - 1):
            m -= 1  # the column heads' broken cell: «Kultur- og» / «likestillingsdepartementet»
        if m >= 0:
            heads = [p for p in _cuts(lines[rows[m]], _party, _rest_below(lines, rows, m)) if len(p) == len(best[0])]
            if heads:
                done.append((rows[m], _merged(heads[0], lambda p: _party(p) and not OPEN_CELL.search(p), lines, rows, m,
                                               out, notes)))
        for at, parts in done:
            out[at] = "\t".join(parts)
            notes.append((at, _("«{text}» read as {n} columns: {columns}")
                              .format(text=lines[at].strip(), n=len(parts), columns=" | ".join(parts))))
    return out, notes


def _merged(parts: list[str], good, lines: list[str], rows: list[int], n: int, out: list[str],
            notes: list[tuple[int, str]]) -> list[str]:
    """The row's one open cell with the rest of it from the row below («Kultur- og» + «likestillingsminister»); that
    row is left blank. A text export has no positions to tell which column a lone word below stands in."""
    opened = [k for k, p in enumerate(parts) if not good(p)]
    if len(opened) != 1 or not _rest_below(lines, rows, n):
        return parts
    at = rows[n + 1]
    parts = list(parts)
    parts[opened[0]] += " " + lines[at].strip()
    out[at] = ""
    notes.append((at, _("«{text}» read as the rest of «{cell}», broken over two lines")
                      .format(text=lines[at].strip(), cell=parts[opened[0]])))
    return parts


def _rest_below(lines: list[str], rows: list[int], n: int) -> bool:
    """The row below holds one lower-case word: the rest of a cell broken over two lines."""
    if n + 1 >= len(rows):
        return False
    words = lines[rows[n + 1]].split()
    return len(words) == 1 and bool(LOWER_START.match(words[0]))


def _title(part: str) -> bool:
    """A title's cell: title-like with a title noun, starting with a capital and not ending in «-» or a word that
    goes on («Styreleder i» is the start of «Styreleder i KS»)."""
    return (signing.title_like(part) and bool(signing.TITLE_NOUN.search(part))
            and part[:1].isupper() and not part.endswith("-") and not re.search(r"\s(?:og|i|for|av)$", part))


def _party(part: str) -> bool:
    return bool(signing.PARTY_NAME.match(part)) or (is_organisation(part) and not re.match(r"(?:og|i)\b", part))


def _cuts(line: str, good, rest: bool) -> list[list[str]]:
    """Every cut of `line` into two to five cells that are all `good`, or one open cell when a rest follows."""
    words = line.split()
    if len(words) < 2 or len(words) > 16:
        return []
    found = []
    for k in range(2, min(5, len(words)) + 1):
        for parts in cuts(words, k):
            opened = [p for p in parts if not good(p)]
            if not opened or (rest and len(opened) == 1 and OPEN_CELL.search(opened[0]) and len(opened[0].split()) <= 3):
                found.append(parts)
    return found

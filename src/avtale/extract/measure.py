"""How the lines of a text measure: its width, its first and last words, a row of columns, and whether a line was
full (`Room`: where the text's lines wrap, `capacity`).

Reads: `Line`s or one line's text. Writes: nothing (numbers and words for unwrap and lone_labels).
A count of characters stands for a line's width (plain text keeps no positions); where a text was wrapped by a
proportional face (a PDF's text), the widths of an average face (`glyphs`) measure it better (`line_measure`).
"""

from __future__ import annotations

import re
from itertools import repeat

from avtale.extract.letterhead import COLUMN_GAP
from avtale.extract.lines import Line
from avtale.extract.markers import TERMINAL, marker, starts_structure

FUNCTION_WORDS = {
    "til", "og", "i", "på", "for", "med", "om", "av", "fra", "frå", "en", "et", "ei", "ein", "eit", "den", "det",
    "de", "dei", "som", "at", "å", "eller", "samt", "mellom", "etter", "under", "ved", "hos", "mot", "innen", "gjennom",
}
LOWER_START = re.compile(r"^[a-zæøåäöéü(]")


def width(lines: list[Line]) -> int:
    """The text's width in characters: its longest line, or (over twenty lines) the 95th percentile, rows left out."""
    return _Measures(lines).width()


# Words of running prose no cell of a signature row, letterhead or title holds («Leder i KS», «For og på vegne av KS»)
PROSE_WORDS = frozenset({"er", "skal", "som", "at", "vil", "kan", "har", "blir", "mellom", "gjeld", "gjelder", "men",
                         "hos", "der", "slik", "det", "dei", "den", "eit", "ein", "et", "en", "å", "ligger", "ligg",
                         "gir", "gjev", "får", "fortsatt", "framleis", "også", "òg", "ikke", "ikkje"})
# A word no cell stands of alone: a justified line's last word set far right («og                    KS.»)
LONE_WORDS = frozenset({"og", "eller", "i", "til", "av", "med", "om", "på"})


def is_row(text: str) -> bool:
    """Columns set side by side (signatures), not the gap after a list marker («-   item») nor a justified line
    with one wide gap (pdftotext -layout: «… mellom regjeringen                     og», «Avtalen er ein del av
    konsultasjonsordninga           mellom regjeringa og»): a cell of a row holds a name, a title or a date, never
    a clause of seven words or more, nor a verb or «mellom» of running prose (`PROSE_WORDS`), nor is it a lone
    «og» (`LONE_WORDS`: «… Forsvarsdepartementet» / «og                    KS.»)."""
    m = marker(text)
    body = m.text if m.kind in ("bullet", "number", "letter") else text.strip()
    cells = COLUMN_GAP.split(body)
    return (len(cells) > 1 and max(len(c.split()) for c in cells) < 7
            and not any(PROSE_WORDS & set(c.casefold().split()) or c.strip().casefold() in LONE_WORDS for c in cells))


def last_word(text: str) -> str:
    parts = text.split()
    return parts[-1].casefold() if parts else ""


def first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""



# Advance widths (thousandths of an em) of a proportional text face, the mean of Helvetica's and Times's metrics
# (Arial, Liberation, Calibri and DejaVu keep close proportions): a narrow «i», «l», «t» against a wide «m», «w»
# and capitals. Characters not listed count as a lower-case «n».
_NARROW = {" ": 264, "i": 250, "j": 250, "l": 250, "t": 278, "f": 306, "r": 333, ".": 264, ",": 264, ":": 278,
           ";": 278, "!": 306, "'": 200, "|": 250, "(": 333, ")": 333, "-": 333, "/": 278, "I": 306, "J": 444,
           "«": 500, "»": 500, "\u00ad": 333}
_WIDE = {"m": 806, "w": 722, "M": 861, "W": 944, "æ": 778, "Æ": 944, "%": 861, "&": 722, "@": 930, "—": 1000}
_LOWER = {"a": 500, "b": 528, "c": 472, "d": 528, "e": 500, "g": 528, "h": 528, "k": 500, "n": 528, "o": 528,
          "p": 528, "q": 528, "s": 444, "u": 528, "v": 500, "x": 500, "y": 500, "z": 472, "ø": 555, "å": 500}
_UPPER = {"A": 694, "B": 667, "C": 694, "D": 722, "E": 639, "F": 583, "G": 750, "H": 722, "K": 694, "L": 583,
          "N": 722, "O": 750, "P": 611, "Q": 750, "R": 694, "S": 611, "T": 611, "U": 722, "V": 694, "X": 694,
          "Y": 694, "Z": 611, "Ø": 750, "Å": 694}
_ADVANCE = {**_LOWER, **_UPPER, **_NARROW, **_WIDE}
_MEAN = 500  # an average character of Norwegian prose, spaces counted


def glyphs(text: str) -> float:
    """The text's width as set in a proportional face, in average characters (`_ADVANCE`): «Kommunesektoren
    vil» is wider than «til tjenestene i» of as many characters. Digits are as wide as «n»."""
    return sum(map(_ADVANCE.get, text, repeat(528))) / _MEAN  # (map: a line's characters summed in C)


def _spans(lines: list[Line], measure=len) -> list[float]:
    """Over the lines a lower-case word certainly continues, (line + space + the next word) by `measure`, sorted.
    A line shorter than half the text's width did not end for lack of room (a manual break, a title set larger)."""
    return _Measures(lines).spans(measure)


def capacity(lines: list[Line], measure=len) -> float | None:
    """Where the text's lines really wrap: the 10th percentile of `_spans` (by `measure`: characters or `glyphs`);
    None with fewer than five. A span under four fifths of the median is no line of body text (a title set
    larger, a narrower list item): left out."""
    return _Measures(lines).capacity(measure)


def line_measure(lines: list[Line]):
    """How to measure this text's lines: `glyphs` (a proportional face's widths: a PDF's text, where a line of
    «m» and «w» holds fewer characters than one of «i» and «l»), or `len` where lines were wrapped at a count of
    characters (pandoc's 72 columns, a typewriter face). Evidence: the measure under which the lines a lower-case
    word continues come out more even (the spread of `_spans`, 90th over 10th percentile) is the one the text was
    wrapped by; `len` with too few such lines to tell."""
    return _Measures(lines).line_measure()


class _Measures:
    """The measures of one text, each found once: a `Room` asks for the same spans and rows several times, and
    each asking read every line again (a text of a megabyte took seconds for each)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._rows: list[bool] | None = None
        self._width: int | None = None
        self._spans: dict = {}

    def rows(self) -> list[bool]:
        if self._rows is None:
            self._rows = [is_row(ln.text) for ln in self.lines]
        return self._rows

    def width(self) -> int:
        if self._width is None:
            lengths = sorted(len(ln.text.strip()) for ln, row in zip(self.lines, self.rows()) if not ln.blank() and not row)
            self._width = (0 if not lengths else lengths[max(0, int(len(lengths) * 0.95) - 1)] if len(lengths) > 20
                           else lengths[-1])
        return self._width

    def spans(self, measure, function_words: bool = False) -> list[float]:
        """`_spans`; with `function_words`, lines ending on «og», «til» … too (they wrapped, but a title or a
        row of names may end on one)."""
        key = (measure, function_words)
        if key not in self._spans:
            lines, rows, half = self.lines, self.rows(), self.width() / 2
            self._spans[key] = sorted(
                measure(a.text.strip() + " " + first_word(b.text.strip()))
                for a, b, row in zip(lines, lines[1:], rows)
                if not a.blank() and not b.blank() and not a.hint and not b.hint and LOWER_START.match(b.text.strip())
                and not TERMINAL.search(a.text.strip()) and not row and not starts_structure(b.text)
                and (function_words or last_word(a.text) not in FUNCTION_WORDS)
                and not a.text.rstrip().endswith(("-", "\u00ad")) and len(a.text.strip()) >= half)
        return self._spans[key]

    def widest(self, measure) -> float:
        return max((measure(ln.text.strip()) for ln, row in zip(self.lines, self.rows()) if not row), default=0)

    def body_spans(self, measure) -> list[float]:
        spans = self.spans(measure)
        if len(spans) < 5:
            return []
        return [x for x in spans if x >= 0.8 * spans[len(spans) // 2]]

    def capacity(self, measure) -> float | None:
        spans = self.body_spans(measure)
        return spans[len(spans) // 10] if spans else None

    def line_measure(self):
        spread = {}
        for m in (len, glyphs):
            spans = self.body_spans(m)
            if not spans:
                return len
            spread[m] = spans[int(len(spans) * 0.9) - 1] / spans[len(spans) // 10]
        return glyphs if spread[glyphs] < spread[len] else len

    def turn(self, measure) -> float | None:
        """`capacity`, never above the widest line but one (a space) by `measure`; «>» then means «at least»."""
        at = self.capacity(measure)
        if at is None:
            return None
        return min(at, self.widest(measure) + 1) - 0.5


class Room:
    """Whether a line was full: the next line's first word would not have fitted after it. Measured by the text's
    own `line_measure` against its `capacity`, never above its widest line (pandoc wraps at exactly 72 columns).

    By `glyphs`, a span between the widest line set and the narrowest wrap seen is undecided (the face's widths
    are estimates of a face not known): there the count of characters, a second estimate, decides."""

    def __init__(self, lines: list[Line]):
        measures = _Measures(lines)
        self.measure = measures.line_measure()
        self.chars = measures.turn(len)
        self.at = measures.turn(self.measure) if self.measure is not len else self.chars
        if self.measure is not len and self.at is not None:
            self.widest = measures.widest(glyphs)
            self.narrowest = measures.capacity(glyphs)

    def full(self, line: str, nxt: str) -> bool:
        """`line` (stripped) had no room for the first word of `nxt`."""
        span = line + " " + first_word(nxt)
        if self.measure is len:
            return len(span) > self.chars
        w = glyphs(span)
        if self.widest < w < self.narrowest:
            return len(span) > self.chars
        return w > self.at


class Bounds:
    """Whether a line was full, in a text with too few wraps for `Room` (a short agreement read by OCR from a
    page a proportional face set): every line fitted, so the widest bounds the line's room from below; every line
    a lower-case word goes on from lacked room for that word, so the narrowest such span bounds it from above (by
    `glyphs`). A span at or over that bound did not fit; one no wider than the widest line did; between, the text
    does not say (None). A justified paragraph's line cut short by a long next word («… gjennom faste møter.» /
    «Departementet …») looks short once its stretch is gone; its span shows it was full."""

    def __init__(self, lines: list[Line]):
        measures = _Measures(lines)
        spans = measures.spans(glyphs, function_words=True)
        self.widest = measures.widest(glyphs)
        self.above = spans[0] if spans and spans[0] > self.widest else None

    def full(self, line: str, nxt: str) -> bool | None:
        w = glyphs(line + " " + first_word(nxt))
        if self.above is not None and w >= self.above:
            return True
        return False if w <= self.widest else None

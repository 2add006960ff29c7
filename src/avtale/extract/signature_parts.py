"""The parts of a signature block, and the rows an exporter joined cut back into columns.

Used by `signing` (which reads the block) and `ocr_columns` (which restores Tesseract's
columns). Reads: the text of one cell or row. Writes: its kind (`classify`: a place and date,
a line, a «For» row, a party, a name, a title, …) or its cells.

Heuristics, each because exporters differ:

- *A name is two to five capitalised words without a title word; a title holds a title noun*
  («…minister», «leder/leiar», «direktør», …) or a title adjective («Administrerende»).
- *Stacked cells are taken apart.* A PDF reader may join a cell's lines into one
  («____ Marte Lien Bakke Arbeids- og inkluderingsminister»): the underscore line, the
  longest name that leaves a title, and the title become rows of their own.
- *A name and its title may share a line.* Offices write «Kari Nordmann, kunnskapsminister» or «Ola Hansen,
  styreleder i KS»: a name, a comma, a title (`name_title_pairs`). The line is a name and a title, in rows of
  their own, the title as typed (lower case too); a comma never ends a name, so the cut is the first comma. A row
  of such cells an exporter joined with single spaces («Kari Nordmann, kunnskapsminister Ola Hansen, styreleder
  i KS») is cut at each comma, and between a title and the next name where that name starts with a given name
  (`GIVEN`), else is longest (a name holds no title word, so the title's last word is never the name's first).
- *A sign mark is a line to sign on.* «(sign.)» or «sign.» where the signature was, alone or after the name
  (`signature_manners.SIGN_MARK`), is a «line» row before the name, and no part of the name: a signed copy shows it
  where the original has the signature.
- *Columns joined with single spaces are cut back.* pandoc's plain text and pypdf set one
  space where the document had a tab or a table cell («Anne Hatlevik Liv Haugen» /
  «Kommunal- og distriktsminister Klima- og miljøminister»). The number of columns k comes
  from the nearest row that shows it: a row of k underscore lines, a row of k cells (tabs,
  wide gaps, «For A For B»), or a row that cuts into k titles, each starting with a capital,
  holding exactly one title noun and not ending open («Kultur- og», «Administrerende»): one
  title seldom holds two nouns, and a title never starts in lower case, so the cut is
  unique. A names row beside such a titles row (just above or below it) is cut into the same
  k names (the titles row is the evidence: «Sigrid Fuglesang Stein Strand» over «Forsvarsminister
  Administrerende direktør»). Where k comes only from an earlier row of k cells, one plausible
  long name (five words or fewer) is cut only where every part starts with a common given name
  (`GIVEN`). Rows a reader broke at a wrapped cell are first made one again (`signature_rows`: a
  lone lower-case rest goes back to the joined row above it, a row pypdf broke after a wrapped cell
  goes on), and a row of titles that cuts into fewer titles than the k columns (a column's title a
  line higher, the others set tight by pdftotext -layout) is cut so, each title at its offset.
  A row that cuts into party names in one way only («Kunnskapsdepartementet KS») is a
  row of column heads, k of them. Among the cuts the one wins that starts most names with
  a given name, then ends fewest with one (a name ends in a surname: «Jon Hatlevik | Unni
  Kristian Hatlevik Tangen», not «Jon Hatlevik Unni | …»), then starts fewest with a word ending as
  Norwegian surnames do (`SURNAME`: «Marit Bråten Lyngstad | Stein Ravndal», not «Marit Bråten |
  Lyngstad Stein Ravndal»), then the most even.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from avtale.dates import MONTHS
from avtale.extract.letterhead import COLUMN_GAP
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import marker
from avtale.extract.signature_names import GIVEN, SURNAME
from avtale.extract.signature_manners import (
    DATE_LABEL_FIRST, LABEL, LABEL_ALONE, SIGN_MARK, SIGN_ONLY, esign_note, has_mark, without_mark,
)
from avtale.i18n import _

MONTH = "(?:" + "|".join(MONTHS) + ")"
DATE = rf"(?:den\s+)?(?:\d{{1,2}}\.\s*(?i:{MONTH})\s+\d{{4}}|\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
PLACE = r"[A-ZÆØÅ][\wæøåÆØÅ'-]+(?:\s+(?:i|på|[A-ZÆØÅ][\wæøåÆØÅ'-]+)){0,2}"
PLACE_DATE = re.compile(rf"^(?:{LABEL})?(?P<place>{PLACE})\s*(?:,\s*|\s+)(?P<date>{DATE})\s*\.?$")
DATE_FIRST = re.compile(rf"^(?:{DATE_LABEL_FIRST})?(?P<date>{DATE})\s*,?\s+(?:i\s+)?(?P<place>{PLACE})\s*\.?$")
PLACE_LABEL = re.compile(rf"^(?:sted|stad)\s*:\s*(?P<place>{PLACE})\s*$", re.IGNORECASE)
DATE_LABEL = re.compile(rf"^(?:dato)\s*:\s*(?P<date>{DATE})\s*$", re.IGNORECASE)
DATE_ONLY = re.compile(rf"^(?P<date>{DATE})\s*$")
PLACE_ONLY = re.compile(rf"^(?P<place>{PLACE}),$")
ESIGN = re.compile(r"\b(?:signert|signed|underskreve?n?|underteikna?)\b.*\belektronisk\b|\belektronisk\w*\s+(?:signert|signed|underskrev\w*)", re.IGNORECASE)
LINE = re.compile(r"^[_.…\s]{5,}$")
FOR = re.compile(r"^(?:for\s+og\s+på\s+vegne\s+av|på\s+vegne\s+av|for)\s+(?P<party>\S.*?)\s*:?$", re.IGNORECASE)
FOR_SPLIT = re.compile(r"\s+(?=(?:For|På vegne av)\s)")
BLOCK_HEADING = re.compile(r"^(?:underskrift(?:er)?|signatur(?:er)?|signering|underskrifter\s+og\s+dato)\s*:?$", re.IGNORECASE)
TITLE_NOUN = re.compile(
    r"(?:minister|statsråd|statssekretær|sekretær|leder|leiar|direktør|ordfører|president|sjef|rådmann|rådgjevar|"
    r"rådgiver|generalsekretær|styremedlem|formann|nestleder|nestleiar|fullmektig)\b",
    re.IGNORECASE,
)
TITLE_ADJECTIVE = r"\b(?:administrerende|administrerande|fungerende|fungerande|konstituert|assisterende|assisterande)\b"
TITLE_WORD = re.compile(f"{TITLE_NOUN.pattern}|{TITLE_ADJECTIVE}", re.IGNORECASE)  # a word no name holds
PARTY_NAME = re.compile(r"^(?:[A-ZÆØÅ][\wæøå-]*(?:,\s+[\wæøå-]+)*(?:\s+og\s+[\wæøå]+)?(?:departementet|direktoratet)|KS|[A-ZÆØÅ]{2,6})$")
ORGANISATION_WORD = re.compile(r"(?:departement|direktorat)(?:et)?$")
NAME_WORD = re.compile(r"^(?:[A-ZÆØÅ][a-zæøåäöéüá'’]+(?:-[A-ZÆØÅ][a-zæøåäöéüá'’]+)?|[A-ZÆØÅ]\.)$")
OPEN_END = re.compile(rf"(?:\w-|\s(?:og|i|for|and|of)|{TITLE_ADJECTIVE})$", re.IGNORECASE)  # a cell going on below


@dataclass
class Cell:
    text: str
    line: int
    row: int
    col: int
    offset: int
    kind: str = ""
    wide: bool = False  # one of several cells in its row
    apart: bool = False  # a place and date (or a note) stands between it and the part before
    joined: bool = False  # cut from a row an exporter joined with single spaces (its offset says nothing)


REST_WORD = re.compile(r"[a-zæøå][\wæøå-]*(?:minister|departementet|direktoratet)")  # a title's or party's end


def broken_word(above: str, rest: str) -> bool:
    """Word breaks a word too long for its table cell without a hyphen: `rest`, lower-case letters alone, ends the
    word `above` ends, the two making a word with a known ending (`REST_WORD`: «…departemente» + «t») that the
    first lacks, where `rest` is no such word itself («høyere» / «utdanningsminister» are two words)."""
    word = re.search(r"(?:^|\s)([a-zæøå]{6,})$", above)
    return bool(word and re.fullmatch(r"[a-zæøå]+", rest) and not REST_WORD.fullmatch(word.group(1))
                and not REST_WORD.fullmatch(rest)
                and REST_WORD.fullmatch(word.group(1) + rest))


def name_like(text: str) -> bool:
    """«Gunn Marit Helgesen», «Anne K. Hansen»: two to five capitalised words, none a party's name
    («Forsvarsdepartementet Kunnskapsdepartementet» is two column heads)."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(NAME_WORD.match(w) or w in ("van", "von", "de", "af") for w in words) \
        and not TITLE_WORD.search(text) and not any(ORGANISATION_WORD.search(w) for w in words)


def title_like(text: str) -> bool:
    return bool(TITLE_WORD.search(text)) and len(text.split()) <= 8 and not re.search(r"[.;:!?]$", text)


def classify(text: str) -> str:
    """The kind of a signature part, or «» for prose."""
    t = " ".join(text.split())
    if LINE.match(t) or SIGN_ONLY.match(t):
        return "line"  # an underscore line, or the sign mark of a signed copy where the signature was
    if has_mark(t):
        t = without_mark(t)  # «Kari Nordmann (sign.)»: a name (`_stack` sets the mark apart)
    if PLACE_DATE.match(t) or DATE_FIRST.match(t):
        return "place_date"
    if PLACE_LABEL.match(t):
        return "place"
    if DATE_LABEL.match(t) or DATE_ONLY.match(t):
        return "date"
    if PLACE_ONLY.match(t):
        return "place"
    if ESIGN.search(t) and len(t.split()) <= 8 or esign_note(t):
        return "esign"
    if BLOCK_HEADING.match(t) or LABEL_ALONE.match(t):
        return "heading"
    if FOR.match(t) and len(t.split()) <= 8 and not re.search(r"[.;!?]$", t):
        return "for"
    if PARTY_NAME.match(t):
        return "party"
    if title_like(t):
        return "title"
    if name_like(t):
        return "name"
    if OPEN_END.search(t) and len(t.split()) <= 3 and marker(t).kind == "none":
        return "open"
    if re.fullmatch(r"[a-zæøå][\wæøå-]*(?:departementet|minister|direktoratet)", t):
        return "rest"  # the second half of a wrapped cell
    return ""


def part_kinds(text: str) -> set[str]:
    """The kinds of a cell's parts where one line holds more than one: a name beside a sign mark (a «line»),
    «Name, title» (a name and a title); else the cell's kind (`classify`)."""
    kinds = {classify(text)}
    if has_mark(text) and kinds != {""}:
        kinds.add("line")
    if name_title_pairs(without_mark(text)):
        kinds |= {"name", "title"}
    return kinds


def name_title_pairs(text: str) -> list[tuple[str, str]] | None:
    """«Kari Nordmann, kunnskapsminister» as [(name, title)]; a row of them an exporter joined with single spaces
    («Kari Nordmann, kunnskapsminister Ola Hansen, styreleder i KS») as one pair each, each name where it starts
    with a common given name (`GIVEN`), then the longest; else the first comma cuts («Kari Nordmann, statssekretær,
    Kunnskapsdepartementet»). None where the text is no name and title."""
    chunks = re.split(r",\s+", text.strip())
    if len(chunks) < 2 or not name_like(chunks[0]):
        return None
    names, titles = [chunks[0]], []
    for mid in chunks[1:-1]:
        words = mid.split()
        cuts = [n for n in range(2, min(5, len(words) - 1) + 1)
                if name_like(" ".join(words[-n:])) and title_like(" ".join(words[:-n]))]
        if not cuts:
            names, titles = names[:1], []
            break
        n = max(cuts, key=lambda n: (words[-n] in GIVEN, n))
        titles.append(" ".join(words[:-n]))
        names.append(" ".join(words[-n:]))
    else:
        titles.append(chunks[-1])
        if all(title_like(t) for t in titles):
            return list(zip(names, titles))
    rest = text.strip()[len(chunks[0]):].lstrip(", ")
    return [(chunks[0], rest)] if title_like(rest) else None


def row_cells(line: Line, row: int) -> list[Cell]:
    out, pos, text = [], 0, line.text.rstrip()
    parts = COLUMN_GAP.split(text)
    for part in parts:
        at = text.find(part, pos) if part else pos
        if part.strip():
            lead = len(part) - len(part.lstrip())
            pieces = FOR_SPLIT.split(part.strip()) if FOR.match(part.strip()) else [part]
            for k, piece in enumerate(pieces):  # «For KD For KS»: two cells, joined by the exporter
                out.append(Cell(" ".join(piece.split()), line.no, row, 0, at + lead + k, joined=len(pieces) > 1))
        pos = at + len(part)
    for i, c in enumerate(out):
        c.col, c.wide = i, len(out) > 1
    return out


def prose(text: str) -> bool:
    """A line no signature block holds: a sentence, a long line, a list item."""
    t = " ".join(text.split())
    return len(t.split()) > 8 or bool(re.search(r"[.!?:;]['»\")]*$", t)) or marker(t).kind not in ("none", "bare")


def split_runs(rows: list[list[Cell]], notes: Notes, after_blank: frozenset[int] = frozenset()) -> list[list[Cell]]:
    """Stacked cells taken apart, and rows whose columns an exporter joined with single spaces cut into their
    cells (the module's docstring). `after_blank`: the source lines a blank line stands over."""
    from avtale.extract.signature_rows import gather_broken_rows

    rows = gather_broken_rows([r for row in rows for r in _unstack(row)], after_blank)
    texts = [r[0].text if len(r) == 1 else "" for r in rows]  # each row's text where it is one cell (`titles_near`)
    k = 0
    out = []
    for i, row in enumerate(rows):
        kind = classify(row[0].text) if len(row) == 1 else ""
        if len(row) == 1 and kind == "line" and _lines_in(row[0].text) > 1:
            c = row[0]
            k = _lines_in(c.text)
            row = [Cell("_" * 10, c.line, c.row, i, c.offset + i, wide=True) for i in range(k)]
        elif len(row) > 1:
            k = len(row)
        elif kind in ("line", "for"):
            k = 1  # one signatory's block: nothing to split until the next row of columns
        elif kind == "" and cut_parties(row[0].text):
            c, parts = row[0], cut_parties(row[0].text)
            k = len(parts)
            notes.uncertain(c.line, _("«{text}» read as {n} column heads: {columns}")
                                    .format(text=c.text, n=k, columns=" | ".join(parts)))
            row = [Cell(t, c.line, c.row, j, c.offset + j, wide=True, joined=True) for j, t in enumerate(parts)]
        elif kind in ("", "title", "name"):
            near = titles_near(texts, i)  # a row of joined titles beside it shows how many signatories it holds
            if near > 1 and (k <= 1 or near == k):
                n, parts = near, cut_titles(row[0].text, near) or cut_names(row[0].text, near)
            else:
                n, parts = k, cut_row(row[0].text, k) if k > 1 else None
                fewer = cut_titles(row[0].text) if k > 2 and not parts else None
                if fewer and len(fewer) < k:  # a row of titles with a column empty (pdftotext -layout set it tight)
                    c, at = row[0], 0
                    notes.uncertain(c.line, _("«{text}» read as {n} columns: {columns}")
                                            .format(text=c.text, n=len(fewer), columns=" | ".join(fewer)))
                    cells = []
                    for j, t in enumerate(fewer):
                        at = c.text.index(t, at)
                        cells.append(Cell(t, c.line, c.row, j, c.offset + at, wide=True))  # offsets under their heads
                    out.append(cells)
                    continue
            if parts:
                c = row[0]
                notes.uncertain(c.line, _("«{text}» read as {n} columns: {columns}")
                                        .format(text=c.text, n=n, columns=" | ".join(parts)))
                row = [Cell(t, c.line, c.row, j, c.offset + j, wide=True, joined=True) for j, t in enumerate(parts)]
        out.append(row)
    return out


def _lines_in(text: str) -> int:
    """The underscore lines (or sign marks) in a row of them."""
    return len(re.findall(r"[_.…]{4,}", text)) if LINE.match(text) else len(SIGN_MARK.findall(text))


def titles_near(texts: list[str], i: int) -> int:
    """The number of titles a row of joined titles at i, or just below or above it, cuts into (0: none)."""
    for j in (i, i + 1, i - 1, i + 2):
        if 0 <= j < len(texts) and texts[j] and classify(texts[j]) in ("", "title"):
            parts = cut_titles(texts[j])
            if parts:
                return len(parts)
    return 0


def joined_names(texts: list[str], i: int) -> list[str] | None:
    """Row i cut into as many names as a row of joined titles beside it shows, or None."""
    n = titles_near(texts, i)
    return cut_names(texts[i], n) if n > 1 else None


def cut_row(text: str, k: int) -> list[str] | None:
    """A row cut into k titles, or into k names (a plausible long name only where every part starts with a given
    name)."""
    parts = cut_titles(text, k) or cut_names(text, k)
    if parts and classify(text) == "name" and not all(p.split()[0] in GIVEN for p in parts):
        return None  # one long name stays one name unless every part starts with a given name
    return parts


def one_title(part: str) -> bool:
    """A whole title in a row of titles: a capital first, one title noun, not open at its end."""
    return (title_like(part) and len(TITLE_NOUN.findall(part)) == 1 and part[:1].isupper()
            and not part.endswith("-") and not OPEN_END.search(part) and not re.search(TITLE_ADJECTIVE + "$", part, re.I))


def cut_titles(text: str, k: int | None = None) -> list[str] | None:
    """`text` cut into k (or, without k, two to five) whole titles, the most even cut; None where none is."""
    words = text.split()
    if len(words) < 2 or len(words) > 16:
        return None
    best, best_key = None, None
    for n in ([k] if k else range(2, min(5, len(words)) + 1)):
        for parts in cuts(words, n):
            if all(one_title(p) for p in parts):
                key = (n, -max(map(len, parts)))
                if best_key is None or key > best_key:
                    best, best_key = parts, key
    return best


def cut_parties(text: str) -> list[str] | None:
    """A row of two to five party names an exporter joined with single spaces («Kunnskapsdepartementet KS»: the
    heads of a table's columns), where exactly one cut makes every part a party's name; else None."""
    words = text.split()
    if len(words) < 2 or len(words) > 16 or PARTY_NAME.match(" ".join(words)):
        return None
    found = [parts for n in range(2, min(5, len(words)) + 1) for parts in cuts(words, n)
             if all(PARTY_NAME.match(p) for p in parts)]
    return found[0] if len(found) == 1 else None


def cut_names(text: str, k: int) -> list[str] | None:
    """`text` cut into k names: most starting with a given name, fewest ending with one, fewest starting with a
    surname (`SURNAME`), then the most even."""
    words = text.split()
    if len(words) < k or len(words) > 16:
        return None
    best, best_key = None, None
    for parts in cuts(words, k):
        if all(name_like(p) for p in parts):
            sizes = [len(p.split()) for p in parts]
            key = (sum(p.split()[0] in GIVEN for p in parts), -sum(p.split()[-1] in GIVEN for p in parts),
                   -sum(p.split()[0] not in GIVEN and bool(SURNAME.search(p.split()[0])) for p in parts), min(sizes) - max(sizes))
            if best_key is None or key > best_key:
                best, best_key = parts, key
    return best


def cuts(words: list[str], k: int):
    """Every cut of the words into k non-empty runs, as texts."""
    for sizes in compositions(len(words), k):
        parts, at = [], 0
        for n in sizes:
            parts.append(" ".join(words[at : at + n]))
            at += n
        yield parts


def _stack(text: str) -> list[str]:
    """The parts of one cell a reader joined into a line: «For X», an underscore line, a name, a title."""
    parts = []
    if LINE.match(text) or SIGN_ONLY.match(text.strip()):
        return [text]
    m = re.match(r"^(.*?)\s*([_.…]{4,})\s*(.*)$", text)
    if m and m.group(1) and FOR.match(m.group(1)):
        parts.append(m.group(1))
        text = f"{m.group(2)} {m.group(3)}".strip()
    m = re.match(r"^([_.…]{4,})\s+(\S.*)$", text)
    if m:
        parts.append(m.group(1))
        text = m.group(2)
    if has_mark(text):  # «Kari Nordmann (sign.)»: the mark where the signature was, then the name
        parts.append("(sign.)")
        text = without_mark(text)
    pairs = name_title_pairs(text)  # «Kari Nordmann, kunnskapsminister» (or several, joined by an exporter)
    if pairs:
        return parts + [x for pair in pairs for x in pair]
    if classify(text) not in ("name", "party", "for"):
        words = text.split()
        for cut in range(min(5, len(words) - 1), 1, -1):  # the longest name that leaves a title
            name, title = " ".join(words[:cut]), " ".join(words[cut:])
            if name_like(name) and title_like(title):
                return parts + [name, title]
    return parts + [text]


def _unstack(row: list[Cell]) -> list[list[Cell]]:
    """A row whose every cell holds the same number of stacked parts becomes that many rows."""
    stacks = [_stack(c.text) for c in row]
    if len({len(st) for st in stacks}) > 1 and any(has_mark(c.text) for c in row):
        stacks = [_stack(without_mark(c.text)) for c in row]  # a mark in some cells only: the others' rows
        row = [replace(c, text=without_mark(c.text)) for c in row]
    n = len(stacks[0]) if stacks else 0
    if n < 2 or any(len(st) != n for st in stacks):
        return [row]
    return [[Cell(st[i], c.line, c.row + i, c.col, c.offset, wide=c.wide) for c, st in zip(row, stacks)] for i in range(n)]


def compositions(n: int, k: int):
    """Every way of cutting n words into k non-empty runs, as run lengths."""
    if k == 1:
        yield (n,)
        return
    for first in range(1, n - k + 2):
        for rest in compositions(n - first, k - 1):
            yield (first, *rest)


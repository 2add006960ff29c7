"""Signing stage: find the signature block at the end of the text and read it.

Reads: cleaned `Line`s. Writes: the body lines (the block taken out) and a
`SigningOut` (place, date, signatories with the party a «For …» row or a column
header names), or None; a note for each guess.

Heuristics, each because writers and exporters differ:

- *The block is the tail of signature-like lines.* Read backwards from the end, every
  line whose cells (tabs or wide gaps split them) are all signature parts belongs to
  the block; the first line of prose ends it. Signature parts: a place and date in any
  common form («Oslo, 12. mars 2024», «Oslo 12.03.2024», «Sted: Oslo», «Dato: …»), an
  electronic-signing note («Avtalen er signert elektronisk.»: a note, not a signatory),
  an underscore or dotted line, a «For <party>» row, a party's name alone (a column
  header), a person's name, a title («…minister», «Styreleder i KS»), and the broken
  half of a wrapped cell («Kultur- og» / «likestillingsminister»). A block must hold a
  place and date, or names under lines or «For» rows, so that a list at the end of a
  draft is never taken for signatures.
- *Wrapped cells are joined first.* A cell ending in «-» or «og»/«i» goes on in the next
  cell of its column: below it in the same column (by tab index, or by character
  offset where runs of spaces set the columns), or on the next line when read down.
- *Stacked cells are taken apart.* A PDF reader may join a cell's lines into one
  («____ Marte Lien Bakke Arbeids- og inkluderingsminister»): the underscore line, the
  longest name that leaves a title, and the title become rows of their own; an exporter
  may join the columns of a row with single spaces (pandoc): after a row of k underscore
  lines, a row is cut into k names or titles (a word list of given names decides).
- *Runs fill slots.* Exporters read a table row by row (names of a row, then their
  titles), cell by cell (name, title, name, title) or as columns. Consecutive parts of
  one kind form a run; a run opens a band of as many signatories as it has parts, and
  the next runs of other kinds fill the band's slots in order. A kind a band already
  has opens the next band. This reads 2 + 2 + 1 tables, one-under-another blocks,
  tab-separated columns and «names, then titles» alike, in reading order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from avtale.dates import MONTHS
from avtale.extract.clean import COLUMN_GAP
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import marker
from avtale.extract.outline import Signer, SigningOut

MONTH = "(?:" + "|".join(MONTHS) + ")"
DATE = rf"(?:den\s+)?(?:\d{{1,2}}\.\s*(?i:{MONTH})\s+\d{{4}}|\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
PLACE = r"[A-ZÆØÅ][\wæøåÆØÅ'-]+(?:\s+(?:i|på|[A-ZÆØÅ][\wæøåÆØÅ'-]+)){0,2}"
PLACE_DATE = re.compile(rf"^(?P<place>{PLACE})\s*(?:,\s*|\s+)(?P<date>{DATE})\s*\.?$")
DATE_FIRST = re.compile(rf"^(?P<date>{DATE})\s*,?\s+(?:i\s+)?(?P<place>{PLACE})\s*\.?$")
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
NAME_WORD = re.compile(r"^(?:[A-ZÆØÅ][a-zæøåäöéüá'’]+(?:-[A-ZÆØÅ][a-zæøåäöéüá'’]+)?|[A-ZÆØÅ]\.)$")
OPEN_END = re.compile(r"(?:\w-|\s(?:og|i|for|and|of))$")


@dataclass
class Cell:
    text: str
    line: int
    row: int
    col: int
    offset: int
    kind: str = ""
    wide: bool = False  # one of several cells in its row


def name_like(text: str) -> bool:
    """«Gunn Marit Helgesen», «Anne K. Hansen»: two to five capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(NAME_WORD.match(w) or w in ("van", "von", "de", "af") for w in words) \
        and not TITLE_WORD.search(text)


def title_like(text: str) -> bool:
    return bool(TITLE_WORD.search(text)) and len(text.split()) <= 8 and not re.search(r"[.;:!?]$", text)


def classify(text: str) -> str:
    """The kind of a signature part, or «» for prose."""
    t = " ".join(text.split())
    if LINE.match(t):
        return "line"
    if PLACE_DATE.match(t) or DATE_FIRST.match(t):
        return "place_date"
    if PLACE_LABEL.match(t):
        return "place"
    if DATE_LABEL.match(t) or DATE_ONLY.match(t):
        return "date"
    if PLACE_ONLY.match(t):
        return "place"
    if ESIGN.search(t) and len(t.split()) <= 8:
        return "esign"
    if BLOCK_HEADING.match(t):
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


def _cells(line: Line, row: int) -> list[Cell]:
    out, pos, text = [], 0, line.text.rstrip()
    parts = COLUMN_GAP.split(text)
    for part in parts:
        at = text.find(part, pos) if part else pos
        if part.strip():
            lead = len(part) - len(part.lstrip())
            for k, piece in enumerate(FOR_SPLIT.split(part.strip()) if FOR.match(part.strip()) else [part]):
                out.append(Cell(" ".join(piece.split()), line.no, row, 0, at + lead + k))  # «For KD For KS»: two cells
        pos = at + len(part)
    for i, c in enumerate(out):
        c.col, c.wide = i, len(out) > 1
    return out


def _prose(text: str) -> bool:
    """A line no signature block holds: a sentence, a long line, a list item."""
    t = " ".join(text.split())
    return len(t.split()) > 8 or bool(re.search(r"[.!?:;]['»\")]*$", t)) or marker(t).kind not in ("none", "bare")


def _tail_start(lines: list[Line]) -> int | None:
    """Index of the first line of the signature block, or None."""
    start, kinds = None, set()
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.blank():
            continue
        if line.hint in ("title", "heading", "subheading", "bullet", "numbered"):
            break
        cells = _cells(line, 0)
        found = [classify(c.text) for c in cells]
        if "" in found and any(_prose(c.text) for c in cells):
            break
        kinds |= set(found)
        start = i
    if start is None:
        return None
    if not ({"place_date", "date"} & kinds or ({"name", "title"} <= kinds and {"line", "for", "party", "esign"} & kinds)):
        return None
    while lines[start].blank() or all(classify(c.text) == "" for c in _cells(lines[start], 0)):
        start += 1  # a short line of the body just above the block
    return start


def split(lines: list[Line], notes: Notes) -> tuple[list[Line], SigningOut | None]:
    """The body lines and the signature block read from the tail."""
    start = _tail_start(lines)
    if start is None:
        return lines, None
    block = [ln for ln in lines[start:] if not ln.blank()]
    signing = read_block(block, notes)
    if signing is None:
        return lines, None
    return lines[:start], signing


def read_block(block: list[Line], notes: Notes) -> SigningOut | None:
    cells = _join_wrapped(_split_runs([_cells(ln, r * 10) for r, ln in enumerate(block)], notes))  # room for unstacked rows
    place, date, first = None, None, block[0].no
    parts: list[Cell] = []
    for c in cells:
        c.kind = classify(c.text)
        t = " ".join(c.text.split())
        if c.kind == "place_date":
            m = PLACE_DATE.match(t) or DATE_FIRST.match(t)
            place, date = m.group("place"), _date(m.group("date"))
        elif c.kind == "place":
            place = (PLACE_LABEL.match(t) or PLACE_ONLY.match(t)).group("place")
        elif c.kind == "date":
            date = _date((DATE_LABEL.match(t) or DATE_ONLY.match(t)).group("date"))
        elif c.kind == "esign":
            notes.meta(f"«{t}»: signed electronically; the note is not a signatory")
        elif c.kind == "heading":
            pass
        elif c.kind in ("", "open", "rest"):
            notes.uncertain(c.line, f"«{c.text}» in the signature block is neither a name nor a title; left out")
        else:
            parts.append(c)
    if date is None:
        notes.uncertain(first, "a signature block without a date; signing left out")
        return None
    if place is None:
        notes.uncertain(first, "a signature block without a place; «(sted)» is a placeholder")
        place = "(sted)"
    out = SigningOut(place, date, first)
    out.signers = _fill(parts, notes)
    if len(out.signers) > 5:
        notes.uncertain(out.signers[5].line, f"{len(out.signers)} signatories; only five are kept")
        out.signers = out.signers[:5]
    return out


# Common Norwegian given names: where an exporter turned the tab between two names into a space
# («Jon Ivar Sæle Astrid Bergset»), a second name starts at one of these.
GIVEN = set("""
Sigrid Sofie Johanne Elise Tone Unni Ragnhild Astrid Håkon Eirik Ingvild Kristine Karoline Emilie Nora Emma Sara
Thea Ingrid Maja Julie Hanna Helene Marthe Stine Lise Anette Cecilie Linn Vibeke Merete Gunhild Randi Oddny Signe
Live Åshild Torunn Solfrid Bodil Jorunn Eldbjørg Magnhild Dagny Frida Guri Tuva Vilde Mathilde Ane Kaja Jenny
Ola Knut Olav Sigmund Gustav Leif Kåre Arild Frode Roar Dag Asbjørn Ståle Halvor Tor Are Atle Eivind Endre Fredrik
Jakob Johannes Mathias Sondre Simon Tobias Sander Daniel Markus Emil Henrik Oskar Elias Filip Adrian Kristoffer
Christian Alexander Sebastian Thomas Torstein Bård Vegard Haakon Ove Yngve Rolf Egil Reidar Ragnar Sverre Torgeir

Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida Nina Maria Elisabeth
Kristin Bente Heidi Silje Hanne Gunn Tone Line Wenche Camilla Ellen Mari Trine Lene Ingeborg Sissel Aud Guro Sunniva
Ragnhild Tove Elin Grethe Torill Unni Siri Monica Kirsten Turid Karin Åse Gro Laila Kjersti Vigdis Hege Marte Synnøve
Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Andreas John Anders
Rune Trond Harald Jon Olav Tore Espen Håkon Sindre Eirik Oddvar Trygve Jonas Magnus Sverre Sigurd Gunnar Nils Stian
Torbjørn Jens Einar Petter Øystein Kristian Henrik Tormod Helge Audun Jørgen Aksel Vidar Ivar Even Steinar Øyvind
""".split())


def _split_runs(rows: list[list[Cell]], notes: Notes) -> list[list[Cell]]:
    """Columns an exporter joined with single spaces (pandoc): a row of k underscore lines, then rows of k names
    or titles in one cell, split where every part reads as a name (or a title)."""
    k = 0
    out = []
    for row in [r for row in rows for r in _unstack(row)]:
        if len(row) == 1 and LINE.match(row[0].text) and len(re.findall(r"[_.…]{4,}", row[0].text)) > 1:
            c = row[0]
            k = len(re.findall(r"[_.…]{4,}", c.text))
            row = [Cell("_" * 10, c.line, c.row, i, c.offset + i, wide=True) for i in range(k)]
        elif len(row) > 1:
            k = len(row)
        elif classify(row[0].text) in ("line", "for"):
            k = 1  # one signatory's block: nothing to split until the next row of columns
        elif k > 1 and len(row) == 1 and classify(row[0].text) in ("", "title", "name"):
            parts = _split_cell(row[0].text, k)
            if parts and classify(row[0].text) == "name" and not all(p.split()[0] in GIVEN for p in parts):
                parts = None  # one long name stays one name unless every part starts with a given name
            if parts:
                c = row[0]
                notes.uncertain(c.line, f"«{c.text}» read as {k} columns: " + " | ".join(parts))
                row = [Cell(t, c.line, c.row, i, c.offset + i, wide=True) for i, t in enumerate(parts)]
        out.append(row)
    return out


def _stack(text: str) -> list[str]:
    """The parts of one cell a reader joined into a line: «For X», an underscore line, a name, a title."""
    parts = []
    if LINE.match(text):
        return [text]
    m = re.match(r"^(.*?)\s*([_.…]{4,})\s*(.*)$", text)
    if m and m.group(1) and FOR.match(m.group(1)):
        parts.append(m.group(1))
        text = f"{m.group(2)} {m.group(3)}".strip()
    m = re.match(r"^([_.…]{4,})\s+(\S.*)$", text)
    if m:
        parts.append(m.group(1))
        text = m.group(2)
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
    n = len(stacks[0]) if stacks else 0
    if n < 2 or any(len(st) != n for st in stacks):
        return [row]
    return [[Cell(st[i], c.line, c.row + i, c.col, c.offset, wide=c.wide) for c, st in zip(row, stacks)] for i in range(n)]


def _split_cell(text: str, k: int) -> list[str] | None:
    words = text.split()
    if len(words) < k or len(words) > 16:
        return None
    best, best_key = None, None
    for cuts in _compositions(len(words), k):
        parts, at = [], 0
        for n in cuts:
            parts.append(" ".join(words[at : at + n]))
            at += n
        if all(name_like(p) for p in parts):
            key = (1, sum(p.split()[0] in GIVEN for p in parts), -max(cuts) + min(cuts))
        elif all(title_like(p) and TITLE_NOUN.search(p) and not re.match(r"(?:og|i|for)\b", p) and not p.endswith("-")
                 for p in parts):
            key = (0, 0, -max(cuts) + min(cuts))
        else:
            continue
        if best_key is None or key > best_key:
            best, best_key = parts, key
    return best


def _compositions(n: int, k: int):
    """Every way of cutting n words into k non-empty runs, as run lengths."""
    if k == 1:
        yield (n,)
        return
    for first in range(1, n - k + 2):
        for rest in _compositions(n - first, k - 1):
            yield (first, *rest)


def _date(text: str) -> dt.date | None:
    text = re.sub(r"^den\s+", "", text.strip())
    m = re.fullmatch(rf"(\d{{1,2}})\.\s*({MONTH})\s+(\d{{4}})", text, re.IGNORECASE)
    try:
        if m:
            return dt.date(int(m.group(3)), MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
        m = re.fullmatch(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _join_wrapped(rows: list[list[Cell]]) -> list[Cell]:
    """Cells in reading order, a wrapped cell («Kultur- og» / «likestillingsminister») made one."""
    out: list[Cell] = []
    pending: dict[int, Cell] = {}  # column → an open cell waiting for its rest
    wide: list[Cell] = []  # the last row with several cells (for offsets)
    for row in rows:
        for c in row:
            col = c.col
            if len(row) < len(wide) and len(wide) > 1 and "\t" not in c.text:
                col = min(wide, key=lambda w: abs(w.offset - c.offset)).col  # a continuation under a column
            if len(row) == 1 and len(pending) == 1 and c.text[:1].islower():
                col = next(iter(pending))  # the only open cell goes on (text wrapped across the columns)
            if col in pending and (len(row) > 1 or len(wide) > 1 or pending[col] is out[-1]):
                head = pending.pop(col)
                glue = "" if head.text.endswith("-") and not re.match(r"(?:og|eller)\b", c.text) else " "
                head.text = f"{head.text}{glue}{c.text}"
                if OPEN_END.search(head.text):
                    pending[col] = head
                continue
            c.col = col
            out.append(c)
            if OPEN_END.search(c.text) and classify(c.text) in ("open", "title", "party", "for"):
                pending[col] = c
        if len(row) > 1:
            wide = row
    return out


def _fill(parts: list[Cell], notes: Notes) -> list[Signer]:
    """Runs of one kind fill the slots of a band (see the module's docstring)."""
    runs: list[list[Cell]] = []
    for c in parts:
        kind = _slot(c.kind)
        last = runs[-1][-1] if runs else None
        if last is not None and _slot(last.kind) == kind and (c.row == last.row or not (c.wide or last.wide)):
            runs[-1].append(c)
        else:
            runs.append([c])
    bands: list[list[dict]] = []
    for run in runs:
        kind = _slot(run[0].kind)
        band = bands[-1] if bands else None
        if band is None or any(kind in s for s in band) or _opens_band(kind, band) or len(run) > len(band):
            band = [{} for _ in run]
            bands.append(band)
        for slot, c in zip(band, run):
            slot[kind] = c
    signers: list[Signer] = []
    for band in bands:
        for slot in band:
            name = slot.get("name")
            if name is None:
                if "title" in slot or "party" in slot:
                    what = slot.get("title") or slot.get("party")
                    notes.uncertain(what.line, f"«{what.text}» has no name beside it; left out")
                continue
            title = slot.get("title")
            if title is None:
                notes.uncertain(name.line, f"no title under «{name.text}»")
            party = slot.get("party")
            signers.append(Signer(name.text, title.text if title else "", name.line, _party_text(party) if party else None))
    return signers


def _slot(kind: str) -> str:
    return {"for": "party", "party": "party", "line": "line", "name": "name"}.get(kind, "title")


def _opens_band(kind: str, band: list[dict]) -> bool:
    """A line or a «For» row after a name belongs to the next signatory."""
    return kind in ("line", "party") and any("name" in s for s in band)


def _party_text(cell: Cell) -> str:
    m = FOR.match(cell.text)
    return (m.group("party") if m else cell.text).strip()

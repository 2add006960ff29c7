"""Signing stage: find the signature block at the end of the text and read it.

Reads: cleaned `Line`s. Writes: the body lines (the block taken out) and a
`SigningOut` (place, date, signatories with the party a «For …» row or a column
header names), or None; a note for each guess.

Heuristics, each because writers and exporters differ:

- *The block is the tail of signature-like lines.* Read backwards from the end, every
  line whose cells (tabs or wide gaps split them) are all signature parts belongs to
  the block; the first line of prose ends it (a long row that cuts into whole titles, or of
  capitalised words only, names joined, is no prose). Signature parts: a place and date in any
  common form («Oslo, 12. mars 2024», «Oslo 12.03.2024», «Sted: Oslo», «Dato: …», «Sted og dato:
  Oslo, 12. mars 2024»), an electronic-signing note («Avtalen er signert elektronisk.», the state's
  «Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.», `signature_manners`:
  a note, not a signatory; it sets `electronic`), an underscore or dotted line or a sign mark
  («(sign.)»), a «For <party>» row, a party's name alone (a column header), a person's name, a title
  («…minister», «Styreleder i KS»), a name and its title on one line («Kari Nordmann, kunnskapsminister»),
  and the broken half of a wrapped cell («Kultur- og» / «likestillingsminister»). A block must hold a
  place and date, or names under lines or «For» rows, so that a list at the end of a
  draft is never taken for signatures. A note a PDF export wrapped over lines is found and read as one
  line (`signature_manners.join_wrapped_notes`); the body keeps its lines as they were.
- *A signatory's own place and date* stands in their column under the name (a row of such cells, or a table
  row whose other cells are empty, a tab before it): it is that signatory's, in the column the tabs before it
  count, and not the block's. The block's place and date is a line of its own; a block may have none where
  every signatory has their own.
- *Wrapped cells are joined first.* A cell ending in «-» or «og»/«i» goes on in the next
  cell of its column: below it in the same column (by tab index, or by character
  offset where runs of spaces set the columns), or on the next line when read down. A cell goes on
  too where its end does not show it: a lower-case word below that makes the cell a title
  («Forsknings- og høyere» / «utdanningsminister»), or one capitalised word that is no part by
  itself below a name («Torbjørn Kristian» / «Bråten»; after a row pypdf joined, in its last cell).
  A lower-case rest at the start of a line may also finish the last cell of the line above: a line of
  tab-separated cells that wrapped goes on at the margin («… forvaltningsminister → Forskings- og
  høgare» / «utdanningsminister»). A rest a reader set apart (alone, or glued after the whole title
  beside it) joins the nearest unfinished cell it makes a title (`signature_cells.rehome_rests`).
- *Stacked cells and joined columns are cut apart* (`signature_parts`: the underscore line,
  name and title a PDF reader joined into one line; a row of names or titles an exporter
  joined with single spaces, cut into as many columns as the nearest row shows).
- *Columns are read by their heads.* pdftotext -layout may set a cell a line lower than its
  neighbour («Tone Østby» under the row «Jon Olav Tangen … Åse Solvang Østby»), so reading
  order mixes the columns. Where a row of k ≥ 2 «For» or party cells heads a group, every
  cell below it goes to the head nearest its offset (the stops of the widest row, not of a
  narrower row below), and the group is read column by column, up to the next row of heads
  or a «For» row under a name. A wrapped underscore line counts once. Under heads an exporter joined
  into one line (pypdf) offsets say nothing: where every cell below stands on a line of its own, the
  columns come one after another, cut where the first cell's kind comes again (`_deal_joined`);
  otherwise the text comes row by row, in reading order.
- *Runs fill slots.* Exporters read a table row by row (names of a row, then their
  titles), cell by cell (name, title, name, title) or as columns. Consecutive parts of
  one kind form a run; a run opens a band of as many signatories as it has parts, and
  the next runs of other kinds fill the band's slots in order. A kind a band already
  has opens the next band. This reads 2 + 2 + 1 tables, one-under-another blocks,
  tab-separated columns and «names, then titles» alike, in reading order. A place and
  date between two parts ends a run. A row of k titles after k signatories read without
  titles («For A» / name / «For B» / name / «title A title B»: pypdf reading a table whose
  cells it stacked) gives them their titles, and so do k titles one under another at the top of
  the next page (a row of names broken from its titles by a page, as pdftotext reads it).
- *Each kind in its own order* (`signature_pairs.in_order`). Where the runs leave a signatory
  without the title or party the others have, but the block holds as many titles (parties) as
  names, the k-th of each go together: a reader that mixes rows and columns still keeps the
  columns' order within each kind.
- *A title goes with the party it names* (`signature_pairs.titles_to_their_parties`). Where the
  titles of signatories with «For» parties name exactly those parties but not each its own, the
  title moves to its party where a page broke it from its name, else the party moves to the name
  and title that stand together. Titles naming no party («Administrerande direktør») keep their
  order and go with the parties the others leave.
- *Columns read one after another come back row by row* (`signature_pairs.rows_first`). Where the
  place and date stand between the signatories, as many before as after, and no row shows its
  cells, the halves are a two-column table's columns (pdftotext's plain text reads the left
  column, the line below the table, the right column).
- *A stray title finds its name.* pdftotext may move a title line past the place and date.
  A title with no name beside it goes to the signatory without a title whose «For» party it
  names (a minister's title names the ministry), else, where the counts match, to the
  untitled signatories in order.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from avtale.extract.lines import Line, Notes
from avtale.extract.outline import Signer, SigningOut
from avtale.extract.signature_cells import join_wrapped, rehome_rests
from avtale.extract.signature_pairs import in_order, party_text, place_stray_titles, rows_first, slot_of, titles_to_their_parties
from avtale.extract.signature_parts import (  # noqa: F401  (the vocabulary other stages use from here)
    DATE_FIRST, DATE_LABEL, DATE_ONLY, FOR, GIVEN, LINE, MONTH, MONTHS, NAME_WORD, OPEN_END, PARTY_NAME, PLACE_DATE,
    PLACE_LABEL, PLACE_ONLY, TITLE_NOUN, TITLE_WORD, Cell, classify, cut_parties, cut_titles, joined_names,
    name_like, name_title_pairs, part_kinds, prose, row_cells, split_runs, title_like,
)
from avtale.extract.signature_manners import join_wrapped_notes, without_mark
from avtale.i18n import _


def _tail_start(lines: list[Line]) -> int | None:
    """Index of the first line of the signature block, or None."""
    start, kinds = None, set()
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.blank():
            continue
        if line.hint in ("title", "heading", "subheading", "subsubheading", "bullet", "numbered", "table"):
            break
        cells = row_cells(line, 0)
        found = [classify(c.text) for c in cells]
        if "" in found and any(prose(c.text) and not cut_titles(c.text) and not _names_row(c.text)
                               and not name_title_pairs(without_mark(c.text)) for c in cells):
            break  # prose ends the block; a row of titles, names or «Name, title» cells joined is long but no prose
        kinds |= {k for c in cells for k in part_kinds(c.text)}
        start = i
    if start is None:
        return None
    if not ({"place_date", "date"} & kinds or ({"name", "title"} <= kinds and {"line", "for", "party", "esign"} & kinds)):
        return None
    texts = [" ".join(ln.text.split()) if not ln.blank() and len(row_cells(ln, 0)) == 1 else "" for ln in lines]
    rows = [k for k in range(start, len(lines)) if not lines[k].blank()]
    while lines[start].blank() or all(classify(c.text) == "" for c in row_cells(lines[start], 0)):
        if not lines[start].blank() and (joined_names([texts[k] for k in rows], rows.index(start))
                                         or cut_parties(texts[start])):
            break  # names or column heads an exporter joined (with titles beside the names, joined as well)
        start += 1  # a short line of the body just above the block
    return start


def _names_row(text: str) -> bool:
    """Names an exporter joined: six to sixteen capitalised words and nothing else (no prose has no lower-case
    word)."""
    words = text.split()
    return 6 <= len(words) <= 16 and all(NAME_WORD.match(w) for w in words) and not TITLE_WORD.search(text)


def split(lines: list[Line], notes: Notes) -> tuple[list[Line], SigningOut | None]:
    """The body lines and the signature block read from the tail."""
    read = join_wrapped_notes(lines)  # a note a PDF export wrapped, one line again (the body keeps its lines)
    start = _tail_start(read)
    if start is None:
        return lines, None
    block = [ln for ln in read[start:] if not ln.blank()]
    signing = read_block(block, notes)
    if signing is None:
        return lines, None
    return lines[:start], signing


def read_block(block: list[Line], notes: Notes) -> SigningOut | None:
    after_blank = frozenset(b.no for a, b in zip(block, block[1:]) if b.no > a.no + 1)  # blank (or dropped) lines between
    rows = [row_cells(ln, r * 10) for r, ln in enumerate(block)]  # room for unstacked rows
    cells = rehome_rests(join_wrapped(split_runs(rows, notes, after_blank)))
    place, date, first = None, None, block[0].no
    parts: list[Cell] = []
    apart = electronic = False
    dated: list[int] = []  # the lines of the place and date
    texts = {ln.no: ln.text for ln in block}
    own: dict[int, tuple[str | None, object]] = {}  # id of a signatory's own place-and-date cell -> (place, date)
    for c in cells:
        c.kind = classify(c.text)
        t = " ".join(c.text.split())
        if c.kind in ("place_date", "place", "date"):
            when = _place_date(c.kind, t)
            if _own(c, texts.get(c.line, ""), parts):
                own[id(c)] = when
                c.kind, c.apart, apart = "own", apart, False
                parts.append(c)
                continue
            dated.append(c.line)
            if c.kind != "date":
                place = when[0]
            if c.kind != "place":
                date = when[1]
        elif c.kind == "esign":
            electronic = True
            notes.meta(_("«{text}»: signed electronically; the note is not a signatory").format(text=t))
        elif c.kind == "heading":
            pass
        elif c.kind in ("", "open", "rest"):
            notes.uncertain(c.line, _("«{text}» in the signature block is neither a name nor a title; left out")
                                    .format(text=c.text))
        else:
            c.apart, apart = apart, False
            parts.append(c)
            continue
        apart = bool(parts)  # a part after a place and date (or a note) starts a run of its own
    if date is None and not any(when[1] for when in own.values()):
        notes.uncertain(first, _("a signature block without a date; signing left out"))
        return None
    if place is None and date is not None:
        notes.uncertain(first, _("a signature block without a place; «(sted)» is a placeholder"))
        place = "(sted)"
    out = SigningOut(place, date, first)
    set_apart = any(c.wide for c in parts)  # a row shows its cells (before `_read_columns` stacks them)
    out.signers = _fill(_read_columns(parts), notes, {ln.no: ln.page for ln in block}, own)
    if not set_apart:
        out.signers = rows_first(out.signers, dated, notes)
    out.electronic = electronic
    out.stacked = not set_apart
    return out


MAX_HEADS = 64  # a row of more «For …» cells heads no group of columns: no agreement has so many signatories


def _read_columns(parts: list[Cell]) -> list[Cell]:
    """Each column of a headed group read top to bottom (the module's docstring). The cells of a row are found
    by an index of rows (`_Rows`), not by a look through all the cells after each one; a row of more than
    MAX_HEADS cells heads no group."""
    out: list[Cell] = []
    rows = _Rows(parts)
    i = 0
    while i < len(parts):
        head = rows.after(parts[i].row, i) if rows.count_after(parts[i].row, i) <= MAX_HEADS else []
        k = len(head)
        if k < 2 or any(c.kind not in ("for", "party") for c in head) or sorted(c.col for c in head) != list(range(k)):
            out.append(parts[i])
            i += 1
            continue
        group, named = list(head), set()
        j = i + k
        while j < len(parts):
            c = parts[j]
            if c.col >= k or c.row == parts[j - 1].row and c.col <= parts[j - 1].col:
                break
            if c.kind in ("for", "party") and (c.col in named or c.wide and all(x.kind in ("for", "party") for x in
                                                                                rows.after(c.row, j))):
                break  # the next group's heads
            if c.kind == "name":
                named.add(c.col)
            group.append(c)
            j += 1
        if any(c.joined for c in head) and not _deal_joined(group[k:], k):
            out += group  # heads joined into a line, rows below too: the text comes row by row
            i = j
            continue
        columns: list[Cell] = []
        for col in range(k):
            for c in group:
                if c.col == col and not (c.kind == "line" and columns and columns[-1].kind == "line"
                                         and columns[-1].col == col):
                    columns.append(c)
        for n, c in enumerate(columns):
            rows.move(c, parts[i].row * 1000 + n)  # one under another now
            c.wide = False
        out += columns
        i = j
    return out


class _Rows:
    """Where the cells of each row stand among `parts`, kept as rows change (`move`)."""

    def __init__(self, parts: list[Cell]) -> None:
        self.parts = parts
        self.at: dict[int, list[int]] = {}  # cell id -> its places in parts
        self.rows: dict[int, list[int]] = {}  # row -> the places of its cells, in order
        for n, c in enumerate(parts):
            self.at.setdefault(id(c), []).append(n)
            self.rows.setdefault(c.row, []).append(n)

    def count_after(self, row: int, i: int) -> int:
        places = self.rows.get(row, [])
        return len(places) - bisect.bisect_left(places, i)

    def after(self, row: int, i: int) -> list[Cell]:
        """The cells of `row` at place i or after, in order (`[c for c in parts[i:] if c.row == row]`)."""
        places = self.rows.get(row, [])
        return [self.parts[n] for n in places[bisect.bisect_left(places, i):]]

    def move(self, cell: Cell, row: int) -> None:
        if cell.row == row:
            return
        for n in self.at[id(cell)]:
            self.rows[cell.row].remove(n)
            bisect.insort(self.rows.setdefault(row, []), n)
        cell.row = row


def _deal_joined(cells: list[Cell], k: int) -> bool:
    """Under heads an exporter joined into one line (pypdf), each column's cells stacked one after another: the
    cells cut into k runs at each return of the first cell's kind, each run the column of its head. False (and
    nothing changed) where a row of several cells is among them or the runs are not k."""
    if not cells or any(c.wide for c in cells):
        return False
    starts = [n for n, c in enumerate(cells) if c.kind == cells[0].kind]
    if len(starts) != k:
        return False
    for col, (a, b) in enumerate(zip(starts, starts[1:] + [len(cells)])):
        for c in cells[a:b]:
            c.col = col
    return True


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


def _place_date(kind: str, t: str) -> tuple[str | None, object]:
    """(place, date) of a place-and-date cell of `kind`, either None where the cell does not say it."""
    if kind == "place_date":
        m = PLACE_DATE.match(t) or DATE_FIRST.match(t)
        return m.group("place"), _date(m.group("date"))
    if kind == "place":
        return (PLACE_LABEL.match(t) or PLACE_ONLY.match(t)).group("place"), None
    return None, _date((DATE_LABEL.match(t) or DATE_ONLY.match(t)).group("date"))


def _own(c: Cell, text: str, parts: list[Cell]) -> bool:
    """A place and date in a signatory's column, under a name: in a row of cells (several cells, or a table row
    whose other cells are empty: a tab before it, or only tabs after it in a short last row), after a name. Its
    column is then counted by the tabs before it, so that a row with one date in the middle column gives it to
    that column's signatory."""
    alone_first = "\t" in text and not text[:c.offset].strip() and not text[c.offset + len(c.text):].strip()
    if not any(p.kind == "name" for p in parts) or not (c.wide or "\t" in text[:c.offset] or alone_first):
        return False
    if not c.wide or "\t" in text:
        c.col = text[:c.offset].count("\t")
    return True


def _slot(kind: str) -> str:
    return "own" if kind == "own" else slot_of(kind)


def _turned(a: Cell, b: Cell, pages: dict[int, int] | None) -> bool:
    """Cells a and b stand on different pages (where the reader knows its pages)."""
    return bool(pages) and pages.get(a.line) is not None and pages.get(a.line) != pages.get(b.line)


def _fill(parts: list[Cell], notes: Notes, pages: dict[int, int] | None = None,
          own: dict[int, tuple] | None = None) -> list[Signer]:
    """Runs of one kind fill the slots of a band (see the module's docstring); `own`: a signatory's own place
    and date by its cell."""
    runs: list[list[Cell]] = []
    slot_of = _slot
    for c in parts:
        kind = slot_of(c.kind)
        last = runs[-1][-1] if runs else None
        if last is not None and slot_of(last.kind) == kind and not c.apart and (c.row == last.row or not (c.wide or last.wide)):
            runs[-1].append(c)
        else:
            runs.append([c])
    bands: list[list[dict]] = []
    flat: list[dict] = []  # the slots of all the bands so far, in order
    for run in runs:
        kind = slot_of(run[0].kind)
        band = bands[-1] if bands else None
        if band is not None and kind == "title" and len(band) < len(run) <= len(flat) \
                and all("name" in s and "title" not in s for s in flat[-len(run):]) \
                and (len({c.row for c in run}) == 1 or _turned(run[0], flat[-1]["name"], pages)):
            # a row of titles under stacked «For»/name cells; or the titles of a row broken across a page, one
            # under another at the next page's top
            for slot, c in zip(flat[-len(run):], run):
                slot[kind] = c
            continue
        if band is None or any(kind in s for s in band) or _opens_band(kind, band) or len(run) > len(band):
            band = [{} for _ in run]
            bands.append(band)
            flat += band
        for slot, c in zip(band, run):
            slot[kind] = c
    slots = [s for b in bands for s in b]
    place_stray_titles(slots, notes)
    slots = in_order(parts, slots, notes)
    titles_to_their_parties(slots, notes, pages or {})
    signers: list[Signer] = []
    for slot in slots:
        name = slot.get("name")
        if name is None:
            if "title" in slot or "party" in slot:
                what = slot.get("title") or slot.get("party")
                notes.uncertain(what.line, _("«{text}» has no name beside it; left out")
                                           .format(text=what.text))
            continue
        title = slot.get("title")
        if title is None:
            notes.uncertain(name.line, _("no title under «{name}»").format(name=name.text))
        party = slot.get("party")
        place, date = (own or {}).get(id(slot["own"]), (None, None)) if "own" in slot else (None, None)
        signers.append(Signer(name.text, title.text if title else "", name.line, party_text(party) if party else None,
                              place, date))
    return signers


def _opens_band(kind: str, band: list[dict]) -> bool:
    """A line or a «For» row after a name belongs to the next signatory."""
    return kind in ("line", "party") and any("name" in s for s in band)

"""Clean stage: drop export debris, keeping every line of the agreement itself.

Reads: `Line`s from a reader. Writes: the kept `Line`s (same numbers), the
organisation names seen in letterheads and logos (hints for the parties), and a
note for every line or marker dropped:

- table borders («+----+», «-----»); a grid table (pandoc) is read cell by cell, a cell's wrapped lines
  joined, and its cells become columns;
- a bullet set in the Symbol or Wingdings font (a private-use code point in PDF text) becomes «•»;
- a justified line whose spaces pdftotext -layout stretched (`_stretched`) gets single spaces, so it is
  not read as columns;
- characters that cannot stand in an agreement (`characters.REFUSED`: control characters, which no YAML file
  can hold, bidirectional controls, noncharacters; each noted by its code point);
- bookmark markers such as `[bookmark: _GoBack]` (the rest of the line stays);
- image file names and image placeholders (`image1.jpeg`, `[image: …]`, `![](media/…)`);
- page furniture (`page_furniture`): page numbers («Side 2 av 4», «- 2 -», a bare number, but not a
  heading's number pdftotext set on a line of its own), and running headers and footers;
- lines with no letter or digit («— ——», «________»), and single stray letters (text read off a logo;
  but not «o» with another «o» alone within four lines: bullets set apart from their items, nor «i» or «å»,
  words of one letter);
- a letterhead before the title and logo text after the end (`letterhead`);
- list labels and bullets an exporter glued to their items get their space back («10.eit …», «11.regelverk …»;
  «–gjennomgå …», «–støtte …»), where two or more in a list show it (`_space_glued_labels`, `_space_glued_bullets`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from avtale.characters import REFUSED, char_name
from avtale.extract.letterhead import COLUMN_GAP, columns, drop_letterhead, drop_trailing_logos
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import BULLET_CHARS, SYMBOL_BULLETS
from avtale.extract.signature_parts import PARTY_NAME, broken_word, classify, row_cells
from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.page_furniture import drop_folios_by_running as _drop_folios_by_running
from avtale.extract.running_headers import drop_header_over_wrapped_title as _drop_header_over_wrapped_title
from avtale.extract.running_headers import drop_header_without_pages as _drop_header_without_pages
from avtale.extract.running_headers import drop_running as _drop_running
from avtale.extract.page_furniture import Facts, neighbour
from avtale.extract.page_furniture import heading_number as _heading_number
from avtale.i18n import N_, _

# What cannot stand in an agreement (`characters.REFUSED`: control characters, bidirectional controls,
# noncharacters …), which covers all a YAML file cannot hold
CONTROL = REFUSED
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
IMAGE = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|gif|emf|wmf|tiff?|bmp|svg)|\[(?:image|bilde)[^\]]*\]|!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?|\[\])$",
    re.IGNORECASE,
)
SYMBOL_BULLET = re.compile(r"^(\s*)[" + SYMBOL_BULLETS + r"](?=\s|$)")
TABLE_ROW = re.compile(r"^\|.*\|$")


ONE_LETTER_WORDS = {"i", "å"}  # Norwegian words of one letter: a justified line's word pdftotext set apart
STRETCH_WORDS = {"og", "i", "til", "for", "av", "med", "om", "på", "er", "skal", "som", "at", "eller", "frå", "fra"}


def _stretched(text: str, full: int = 0) -> bool:
    """A justified line whose spaces an exporter stretched (pdftotext -layout: «miljødepartementet,       Forsvars-
    departementet,       Nærings-         og»; pypdf: «Denne  avtalen  er  inngått  mellom …»): three gaps or more
    of two spaces or more, about as wide as each other, two in three gaps or more so wide, a word of prose among
    the words and no line to sign on. A line that reaches the text's right edge (`full`, in characters) may have
    gaps of any widths: pdftotext -layout sets each word in the character cell nearest its place, so a line of
    few long words stretched far gets gaps of 2 to 9. Columns set side by side have single spaces inside a cell
    («Kari Nordmann      Ola Hansen»). A typesetter stretches every line of a justified paragraph but its last, so the line after a
    stretched line goes on with it (`Line.goes_on`)."""
    gaps = [len(g) for g in re.findall(r"(?<=\S) +(?=\S)", text.strip())]
    wide = [g for g in gaps if g >= 2]
    even = bool(wide) and (max(wide) - min(wide) <= 3 or 0 < full <= len(text.rstrip()))
    return (len(wide) >= 3 and len(wide) * 3 >= len(gaps) * 2 and even and "_" not in text
            and "\t" not in text and any(w.casefold() in STRETCH_WORDS for w in text.split()))


# Words of running prose that never stand alone as a cell of a row (a name, a title, a date, a logo's name)
LONE_PROSE_WORDS = STRETCH_WORDS | {"mellom", "hos", "de", "dei", "det", "den", "en", "ein", "et", "eit", "å", "vil",
                                    "kan", "ved", "etter", "mot", "samt", "gjennom", "innen", "innan", "slik"}
WIDE_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def _stretched_prose(text: str, full: int = 0) -> bool:
    """A justified line pdftotext -layout set with uneven gaps, which `_stretched` does not take for evenly
    stretched («omsorgsdepartementet,          Forsvarsdepartementet,     Justis-      og»; «Kommunane       skal
    arbeide for  eit godt   samarbeid  mellom»: a line in runs of differing fonts is placed run by run): three gaps
    of two spaces or more, and a word of prose such as «og», «mellom» or «å» alone between two of them or after the
    last. A row of columns (signatures, a letterhead's logos) has names, titles and dates in its cells: «Kultur- og»
    keeps its «og» at a single space, and no cell is a lone «og» or «mellom». Fewer gaps do where the line reaches
    the text's right edge (`full`) and ends in the lone word («… Helse-                       og»): a typesetter
    stretched it; a logo's «Kultur-   og» is short. A «for» before a capital opens a signature's cell («for      KS»)."""
    pieces = WIDE_GAP.split(text.strip())
    if "\t" in text or "_" in text or len(pieces) < 2:
        return False
    lone = [k for k, p in enumerate(pieces) if k > 0 and p.casefold() in LONE_PROSE_WORDS
            and not (p.casefold() == "for" and pieces[k + 1 : k + 2] and pieces[k + 1][:1].isupper())]  # «for   KS»: a party's cell
    if len(pieces) >= 4:
        return bool(lone)
    return 0 < full <= len(text.rstrip()) + 2 and len(pieces) - 1 in lone


def _unstretch_prose(lines: list[Line], shown: list[Line], full: int = 0) -> list[Line]:
    """Lines of prose set with uneven gaps (`_stretched_prose`) get single spaces and go on (`Line.goes_on`, as
    a stretched line); run after the letterhead and trailing logos are gone, and never under a row of columns
    (a logo's name broken over lines: «Barne- og      Kunnskapsdep» over «familiedeparte   artementet   og»), as
    `shown` has the lines before anything was blanked. So does a line that goes on with the prose above it
    (`_goes_on_with_prose`), however few its words. A line above read as prose here is no row."""
    out: list[Line] = []
    above = {ln.no: prev for prev, ln in zip(shown, shown[1:])}
    prose: set[int] = set()
    for ln in lines:
        up = above.get(ln.no)
        under_row = up is not None and up.no not in prose and len(columns(up.text)) >= 2
        if ln.hint is None and not ln.goes_on and not under_row and (
                _stretched_prose(ln.text, full) or bool(out) and _goes_on_with_prose(out[-1], ln)):
            text = ln.text[: len(ln.text) - len(ln.text.lstrip())] + " ".join(ln.text.split())
            ln = Line(ln.no, text, ln.page, ln.hint, ln.page_start, True)
            prose.add(ln.no)
        out.append(ln)
    return out


def _goes_on_with_prose(above: Line, line: Line) -> bool:
    """A line of a justified paragraph, stretched before a manual line break («evalueres          underveis.»
    under «Staten vil støtte kvaliteten i de kommunale tjenestene, og arbeidet skal»): it starts in lower case
    right under a line of prose (six words or more, no columns) that ends no sentence, so it goes on with that
    sentence and is no row of columns, which never starts in the middle of a sentence."""
    at, text = above.text.strip(), line.text.strip()
    return (bool(re.match(r"[a-zæøå]", text)) and bool(COLUMN_GAP.search(text)) and "\t" not in line.text
            and "_" not in text and above.hint is None and above.page == line.page and not line.page_start
            and len(at.split()) >= 6 and len(columns(at)) == 1 and not re.search(r"[.!?:;]['»\")]*$", at))


def _full_width(lines: list[Line]) -> int:
    """How long a full line of the text is, in characters: the median length of the lines a lower-case word
    certainly continues (they ended for lack of room), less one; 0 with fewer than five such lines. Lines with
    runs of spaces are left out (they may be stretched, or columns)."""
    lengths = sorted(len(a.text.rstrip()) for a, b in zip(lines, lines[1:])
                     if not a.blank() and re.match(r"[a-zæøå]", b.text.strip()) and "\t" not in a.text
                     and not re.search(r"\S\s{2,}\S", a.text.strip()))
    return lengths[len(lengths) // 2] - 1 if len(lengths) >= 5 else 0


def _goes_on_after_stretched(lines: list[Line], stretched: set[int]) -> list[Line]:
    """A stretched line is marked `goes_on`: the line after it continues its paragraph."""
    return [Line(ln.no, ln.text, ln.page, ln.hint, ln.page_start, True) if ln.no in stretched else ln for ln in lines]


GLUED_LABEL = re.compile(r"^(\s*)(\d{1,2})([.)])(?=[a-zæøåA-ZÆØÅ]{2})")


def _space_glued_labels(lines: list[Line], notes: Notes) -> list[Line]:
    """List labels an exporter glued to their items («10.eit godt kunnskapsgrunnlag», where Word's tab after a
    two-digit number had no room left) get their space back, where two lines or more in a row (blank lines
    aside) count on from each other: «10.eit …», «11.regelverk …». A single «1.januar» is left alone."""
    out = list(lines)
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2:
            for i in run:
                line = out[i]
                notes.uncertain(line.no, _("list label glued to its item: «{text}…» read with a space")
                                         .format(text=line.text.strip()[:20]))
                out[i] = Line(line.no, GLUED_LABEL.sub(r"\1\2\3 ", line.text, count=1), line.page, line.hint,
                              line.page_start, line.goes_on)
        run.clear()

    for i, line in enumerate(lines):
        if line.blank():
            continue
        m = GLUED_LABEL.match(line.text)
        if m and run and int(m.group(2)) == int(GLUED_LABEL.match(lines[run[-1]].text).group(2)) + 1:
            run.append(i)
            continue
        close()
        if m:
            run.append(i)
    close()
    return out


GLUED_BULLET = re.compile(r"^(\s*)([–—•·▪◦●■])(?=[a-zæøåA-ZÆØÅ]{2})")


def _space_glued_bullets(lines: list[Line], notes: Notes) -> list[Line]:
    """Bullets an exporter glued to their items («–gjennomgå veiledning …»: pdftotext -layout, where the bullet's
    tab was narrow) get their space back, where two lines or more start with the same glued bullet and no more
    than two lines (an item's wrapped rest) stand between them. One dash glued to a word is left alone."""
    found = [(i, m.group(2)) for i, ln in enumerate(lines) if not ln.blank() and (m := GLUED_BULLET.match(ln.text))]
    keep = set()
    for (i, a), (j, b) in zip(found, found[1:]):
        if a == b and sum(1 for ln in lines[i + 1 : j] if not ln.blank()) <= 2:
            keep |= {i, j}
    out = list(lines)
    for i in sorted(keep):
        line = out[i]
        notes.uncertain(line.no, _("list label glued to its item: «{text}…» read with a space")
                                 .format(text=line.text.strip()[:20]))
        out[i] = Line(line.no, GLUED_BULLET.sub(r"\1\2 ", line.text, count=1), line.page, line.hint,
                      line.page_start, line.goes_on)
    return out


def clean(lines: list[Line], notes: Notes) -> tuple[list[Line], list[str]]:
    """Drop debris; returns the kept lines and the organisation names seen in letterheads and logos."""
    orgs: list[str] = []
    kept: list[Line] = []
    stretched: set[int] = set()
    lines = _broken_names(grid_tables(lines), notes)
    full = _full_width(lines)
    facts = Facts(lines)
    for index, line in enumerate(lines):
        text = line.text
        if CONTROL.search(text):
            for c in sorted(set(CONTROL.findall(text))):
                why = _("control character") if unicodedata.category(c) == "Cc" else char_name(c)
                notes.dropped(line.no, f"U+{ord(c):04X}", why)
            text = CONTROL.sub("", text)
        if BOOKMARK.search(text):
            for m in BOOKMARK.finditer(text):
                notes.dropped(line.no, m.group(0), _("bookmark marker"))
            text = BOOKMARK.sub("", text)
            if not text.strip():
                kept.append(Line(line.no, "", line.page, line.hint, line.page_start))
                continue
        if SYMBOL_BULLET.match(text):
            text = SYMBOL_BULLET.sub(r"\1•", text)
        if line.hint is None and _stretched(text, full):
            text = text[: len(text) - len(text.lstrip())] + " ".join(text.split())
            stretched.add(line.no)
        if TABLE_ROW.match(text.strip()):  # a grid-table row (pandoc): cells become columns
            text = "\t".join(c.strip() for c in text.strip()[1:-1].split("|"))
            if not text.strip():
                kept.append(Line(line.no, "", line.page, line.hint, line.page_start))
                continue
        stripped = text.strip()
        why = _debris(stripped) if line.hint in (None, "para", "footer") else None
        if why == "page number" and _heading_number(lines, index, facts):
            why = None
        if why and stripped == "o" and _o_bullet(lines, index):
            why = None  # bullets set apart from their items (pdftotext: «o» / item), not logo text
        if why and _ends_broken_word(kept, stripped):
            why = None  # «inkluderingsdepartemente» / «t»: a word broken in a narrow table cell, not logo text
        if line.hint in ("footer", "header"):
            why = why or N_("running header or footer")
        if why:
            notes.dropped(line.no, stripped, _(why))
            kept.append(Line(line.no, "", line.page, None, line.page_start))
            continue
        kept.append(Line(line.no, text, line.page, line.hint, line.page_start, line.goes_on))
    kept = _goes_on_after_stretched(kept, stretched)
    kept = _space_glued_bullets(_space_glued_labels(kept, notes), notes)
    unrun = kept
    kept = _drop_running(kept, notes)
    kept = _drop_header_without_pages(kept, notes)
    kept = _drop_folios_by_running(unrun, kept, notes, lines)
    kept = _drop_header_over_wrapped_title(kept, notes)
    kept = drop_letterhead(kept, notes, orgs)
    kept = drop_trailing_logos(kept, notes, orgs)
    kept = _unstretch_prose(kept, unrun, full)
    return kept, orgs


def _broken_names(lines: list[Line], notes: Notes) -> list[Line]:
    """A party's name too long for its table cell, broken inside the word without a hyphen («Samferdselsdeparteme» /
    «ntet»; «Samferdselsdepartemente» / «t»), made one again: a line of one lower-case piece of five letters or
    fewer that is no part of its own joins the line above where the two make a party's name («…departementet»,
    «…direktoratet») that the line above alone is not. A «For» alone over a party's name (the cell broke after it)
    is one «For …» row with it."""
    out: list[Line] = []
    for ln in lines:
        out.append(ln)
        while len(out) >= 2 and (joined := _rejoined(out[-2], out[-1], notes)) is not None:
            out[-2:] = [joined]
    return out


def _rejoined(above: Line, line: Line, notes: Notes) -> Line | None:
    piece, head = line.text.strip(), above.text.rstrip()
    if re.fullmatch(r"(?i:for|på vegne av)", head.strip()) and PARTY_NAME.match(piece):
        return replace(above, text=f"{head} {piece}")
    if not re.fullmatch(r"[a-zæøå]{1,5}", piece) or classify(piece) not in ("", "rest", "open") \
            or len(row_cells(above, 0)) != 1 or not head.split():
        return None
    word = head.split()[-1]
    if PARTY_NAME.match(word + piece) and not PARTY_NAME.match(word):
        notes.uncertain(line.no, _("«{word}» + «{piece}»: a party's name broken in its cell, read as one word")
                                 .format(word=word, piece=piece))
        return replace(above, text=head + piece)
    return None


GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def grid_tables(lines: list[Line]) -> list[Line]:
    """pandoc's grid tables: the lines of one row (between border lines) are read cell by cell, a cell's
    wrapped lines joined and its paragraphs (set apart by an empty cell line) kept apart; row k of the
    output holds the k-th paragraph of every cell, tab-separated. Border lines become blank."""
    out = list(lines)
    i = 0
    while i < len(lines):
        if not GRID_BORDER.match(lines[i].text):
            i += 1
            continue
        border = lines[i].text
        cuts = [k for k, c in enumerate(border) if c == "+"]
        j = i + 1
        rows = []
        while j < len(lines) and TABLE_ROW.match(lines[j].text.strip()) and not GRID_BORDER.match(lines[j].text):
            rows.append(lines[j])
            j += 1
        if rows and len(cuts) >= 2:
            cells: list[list[list[str]]] = [[[]] for _ in cuts[:-1]]
            filled: set[int] = set()  # columns whose last paragraph has text
            for row in rows:
                for k in range(len(cuts) - 1):  # (no copy of the cuts for each row)
                    a, b = cuts[k], cuts[k + 1]
                    if a + 1 >= len(row.text):
                        break  # the cells past the row's end are empty (a border as wide as any row costs no more)
                    text = row.text[a + 1 : b].strip(" |")
                    if text:
                        cells[k][-1].append(text)
                        filled.add(k)
                    elif k in filled:
                        cells[k].append([])
                        filled.discard(k)
                for k in [k for k in filled if cuts[k] + 1 >= len(row.text)]:
                    cells[k].append([])
                    filled.discard(k)
            paras = [[" ".join(p) for p in col if p] for col in cells]
            height = max((len(p) for p in paras), default=0)
            last = [0] * height  # the last column holding a paragraph of row r of the output
            for k, p in enumerate(paras):
                for r in range(len(p)):
                    last[r] = k
            for r, row in enumerate(rows):
                text = "\t".join(p[r] if r < len(p) else "" for p in paras[: last[r] + 1]).rstrip("\t") if r < height else ""
                out[i + 1 + r] = Line(row.no, text, row.page, row.hint, row.page_start)
        out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
        i = j if rows else i + 1
    return out


O_NEAR = 12  # lines either side of a lone «o» searched for another: pdftotext sets each bullet and its item
# apart by blank lines, and a page's foot and folio may stand between two items


def _o_bullet(lines: list[Line], index: int) -> bool:
    """A lone «o» is a bullet, not logo text, where another lone «o» or an «o …» item stands near it (`O_NEAR`),
    or right under a lead-in ending in «:» with a lower-case line after it («Partane skal:» / «o» / «bidra til …»)."""
    if any(0 <= j < len(lines) and re.match(r"o(?:$|\s+\w)", lines[j].text.strip())
           for j in range(index - O_NEAR, index + O_NEAR + 1) if j != index):
        return True
    above, below = (neighbour(lines, index, step) for step in (-1, 1))
    return (above is not None and below is not None and lines[above].text.rstrip().endswith(":")
            and lines[below].text.strip()[:1].islower())


def _ends_broken_word(kept: list[Line], text: str) -> bool:
    """`text`, a lower-case letter, ends the word the last line kept ends with (`broken_word`)."""
    above = neighbour(kept, len(kept), -1)
    return above is not None and broken_word(kept[above].text.strip(), text)


def _debris(text: str) -> str | None:
    """Why a line is debris, in English (marked for translation where it is shown), or None."""
    if not text:
        return None
    if IMAGE.match(text):
        return N_("image file name")
    if re.match(r"^: \S", text):
        return N_("table caption (pandoc)")
    if PAGE_NUMBER.match(text):
        return N_("page number")
    if not re.search(r"\w", text):
        return None if text in BULLET_CHARS else N_("no letters (rule or logo)")
    if len(text) == 1 and text.isalpha() and text not in ONE_LETTER_WORDS:
        return N_("single letter (logo text)")
    return None


def summary(lines: list[Line]) -> Counter:
    return Counter("blank" if ln.blank() else "text" for ln in lines)

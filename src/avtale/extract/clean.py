"""Clean stage: drop export debris, keeping every line of the agreement itself.

Reads: `Line`s from a reader. Writes: the kept `Line`s (same numbers), the
organisation names seen in letterheads and logos (hints for the parties), and a
note for every line or marker dropped:

- table borders («+----+», «-----»); a grid table (pandoc) is read cell by cell, a cell's wrapped lines
  joined, and its cells become columns;
- a bullet set in the Symbol or Wingdings font (a private-use code point in PDF text) becomes «•»;
- a justified line whose spaces pdftotext -layout stretched (`_stretched`) gets single spaces, so it is
  not read as columns;
- control characters, which no YAML file can hold (each noted by its code point);
- bookmark markers such as `[bookmark: _GoBack]` (the rest of the line stays);
- image file names and image placeholders (`image1.jpeg`, `[image: …]`, `![](media/…)`);
- page furniture (`page_furniture`): page numbers («Side 2 av 4», «- 2 -», a bare number, but not a
  heading's number pdftotext set on a line of its own), and running headers and footers;
- lines with no letter or digit («— ——», «________»), and single stray letters (text read off a logo;
  but not «o» over «o», a column of bullets, nor «i» or «å», words of one letter);
- a letterhead before the title (lines naming organisations only, one per column, or the
  halves of names a logo breaks over two lines: «Kultur- og» / «likestillingsdepartementet») and logo
  text after the last line with lower-case letters (all capitals, «KUNNSKAPSDEPARTEMENTET»).
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract.lines import Line, Notes
from avtale.extract.markers import BULLET_CHARS, SYMBOL_BULLETS
from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.page_furniture import drop_folios_by_running as _drop_folios_by_running
from avtale.extract.page_furniture import drop_header_over_wrapped_title as _drop_header_over_wrapped_title
from avtale.extract.page_furniture import drop_header_without_pages as _drop_header_without_pages
from avtale.extract.page_furniture import drop_running as _drop_running
from avtale.extract.page_furniture import heading_number as _heading_number

# What a YAML file cannot hold (YAML's printable set, tabs and line breaks aside): C0 and C1
# controls, lone surrogates, U+FFFE and U+FFFF.
CONTROL = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
IMAGE = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|gif|emf|wmf|tiff?|bmp|svg)|\[(?:image|bilde)[^\]]*\]|!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?|\[\])$",
    re.IGNORECASE,
)
ORG_SPLIT = re.compile(r"(?:(?<=departementet)|(?<=direktoratet))\s+")
SYMBOL_BULLET = re.compile(r"^(\s*)[" + SYMBOL_BULLETS + r"](?=\s|$)")
# A ministry's name broken over two lines of a logo: «Kultur- og» above «likestillingsdepartementet».
ORG_HALF = re.compile(r"^(?:[A-ZÆØÅ][\wæøå]*-,?\s*(?:[\wæøå]+-,?\s+)*og|[a-zæøå]+departementet)$")
TABLE_ROW = re.compile(r"^\|.*\|$")
COLUMN_GAP = re.compile(r"\t+|\s{3,}")
ORGANISATION = re.compile(r"(?:departementet|direktoratet|\bKS|kommune|fylkeskommune|[Kk]ommunesektorens organisasjon)$")


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
                notes.uncertain(line.no, f"list label glued to its item: «{line.text.strip()[:20]}…» read with a space")
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


def columns(text: str) -> list[str]:
    """The parts of a line set side by side (tabs or runs of three or more spaces)."""
    return [c.strip() for c in COLUMN_GAP.split(text.strip()) if c.strip()]


def clean(lines: list[Line], notes: Notes) -> tuple[list[Line], list[str]]:
    """Drop debris; returns the kept lines and the organisation names seen in letterheads and logos."""
    orgs: list[str] = []
    kept: list[Line] = []
    stretched: set[int] = set()
    lines = grid_tables(lines)
    full = _full_width(lines)
    for index, line in enumerate(lines):
        text = line.text
        if CONTROL.search(text):
            for c in sorted(set(CONTROL.findall(text))):
                notes.dropped(line.no, f"U+{ord(c):04X}", "control character")
            text = CONTROL.sub("", text)
        if BOOKMARK.search(text):
            for m in BOOKMARK.finditer(text):
                notes.dropped(line.no, m.group(0), "bookmark marker")
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
        if why == "page number" and _heading_number(lines, index):
            why = None
        if why and stripped == "o" and any(0 <= j < len(lines) and lines[j].text.strip() == "o" for j in (index - 1, index + 1)):
            why = None  # «o» over «o»: a column of bullets (pdftotext sets a list's labels apart), not logo text
        if line.hint in ("footer", "header"):
            why = why or "running header or footer"
        if why:
            notes.dropped(line.no, stripped, why)
            kept.append(Line(line.no, "", line.page, None, line.page_start))
            continue
        kept.append(Line(line.no, text, line.page, line.hint, line.page_start))
    kept = _goes_on_after_stretched(kept, stretched)
    kept = _space_glued_labels(kept, notes)
    unrun = kept
    kept = _drop_running(kept, notes)
    kept = _drop_header_without_pages(kept, notes)
    kept = _drop_folios_by_running(unrun, kept, notes)
    kept = _drop_header_over_wrapped_title(kept, notes)
    kept = _drop_letterhead(kept, notes, orgs)
    kept = _drop_trailing_logos(kept, notes, orgs)
    return kept, orgs


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
            for row in rows:
                for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
                    text = row.text[a + 1 : b].strip(" |")
                    if text:
                        cells[k][-1].append(text)
                    elif cells[k][-1]:
                        cells[k].append([])
            paras = [[" ".join(p) for p in col if p] for col in cells]
            height = max((len(p) for p in paras), default=0)
            for r, row in enumerate(rows):
                text = "\t".join(p[r] if r < len(p) else "" for p in paras).rstrip("\t") if r < height else ""
                out[i + 1 + r] = Line(row.no, text, row.page, row.hint, row.page_start)
        out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
        i = j if rows else i + 1
    return out


def _debris(text: str) -> str | None:
    if not text:
        return None
    if IMAGE.match(text):
        return "image file name"
    if re.match(r"^: \S", text):
        return "table caption (pandoc)"
    if PAGE_NUMBER.match(text):
        return "page number"
    if not re.search(r"\w", text):
        return None if text in BULLET_CHARS else "no letters (rule or logo)"
    if len(text) == 1 and text.isalpha() and text not in ONE_LETTER_WORDS:
        return "single letter (logo text)"
    return None



def _drop_letterhead(lines: list[Line], notes: Notes, orgs: list[str]) -> list[Line]:
    """Lines before the title holding only names of one to three words per column; a name a narrow
    logo cell broke over lines («Forsvarsdeparteme» / «ntet») is read whole."""
    out = list(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank():
            i += 1
            continue
        if line.hint not in (None, "para", "letterhead", "wrap"):
            break
        cols = columns(line.text)
        if line.hint == "letterhead" or (cols and all(is_organisation(c) for c in cols)) or _logo_words(line.text):
            orgs.extend(_org_name(o) for c in cols for o in ORG_SPLIT.split(c) if o.strip())
            notes.dropped(line.no, line.text, "letterhead")
            out[i] = Line(line.no, "", line.page, None, line.page_start)
            i += 1
            continue
        end = i
        while end < len(lines) and not lines[end].blank() and end - i < 4 and lines[end].hint in (None, "para", "wrap"):
            end += 1
        whole = _join_broken([ln.text.strip() for ln in lines[i:end]])
        if end - i < 2 or "\t" in whole or not is_organisation(whole):
            break
        orgs.append(_org_name(whole))
        for k in range(i, end):
            notes.dropped(lines[k].no, lines[k].text, "letterhead")
            out[k] = Line(lines[k].no, "", lines[k].page, None, lines[k].page_start)
        i = end
    return out


def _join_broken(parts: list[str]) -> str:
    """«Kommunal- og» + «distriktsdeparteme» + «ntet» → «Kommunal- og distriktsdepartementet»."""
    out = ""
    for part in parts:
        if out and re.search(r"[a-zæøå]$", out) and part[:1].islower() and not out.endswith(" og"):
            out += part
        else:
            out = f"{out} {part}".strip()
    return out


def _drop_trailing_logos(lines: list[Line], notes: Notes, orgs: list[str]) -> list[Line]:
    """Lines after the last line with a lower-case letter: text set in logos."""
    last = max((i for i, ln in enumerate(lines) if re.search(r"[a-zæøåäöéü]", ln.text)), default=-1)
    out = list(lines)
    for i in range(last + 1, len(lines)):
        if lines[i].blank():
            continue
        text = lines[i].text.strip()
        for c in columns(text):
            if ORGANISATION.search(c) or len(c) >= 2:
                orgs.append(_org_name(c))
        notes.dropped(lines[i].no, text, "text in a logo after the end of the agreement")
        out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
    return out


LOGO_WORD = re.compile(r"^(?:[A-ZÆØÅ][\wæøå]*-,?|og|KS|[\wæøå]*departemen\w*|[\wæøå]*direktorat\w*|Kommunesektorens|organisasjon)$")


def _logo_words(text: str) -> bool:
    """A line of logo names read without their columns (OCR): «Justis- og Kommunal- og Helse- og KS»."""
    words = text.split()
    return len(words) >= 2 and all(LOGO_WORD.match(w) for w in words) and any(w == "KS" or "departemen" in w for w in words)


def is_organisation(text: str) -> bool:
    """«Kunnskapsdepartementet», «Helse- og omsorgsdepartementet», «KS», «KUNNSKAPSDEPARTEMENTET»."""
    words = text.split()
    return 0 < len(words) <= 4 and (bool(ORGANISATION.search(text) or ORG_HALF.match(text)) or (text.isupper() and len(words) <= 2))


def _org_name(text: str) -> str:
    """«KUNNSKAPSDEPARTEMENTET» -> «Kunnskapsdepartementet»; acronyms («KS») stay."""
    text = " ".join(text.split())
    if text.isupper() and len(text) > 4:
        return text[0] + text[1:].lower()
    return text


def summary(lines: list[Line]) -> Counter:
    return Counter("blank" if ln.blank() else "text" for ln in lines)

"""Mending stage for text Tesseract read: our own OCR reading (`read_ocr`) and a Tesseract text export (`read_text`).

Reads: the lines of one document as Tesseract wrote them, page by page (lines of words,
a blank line between paragraphs). Writes: the same lines with Tesseract's usual slips
mended, in named stages:

- `even_out` (both readers, page by page). Tesseract's Norwegian model has no «•», «§» or
  «–», so it writes what looks nearest: a bullet read as «*», «»», «-—» or «* —» (the bullet
  and the tab after it), or as «e», «.», «o», «O» or «&» («v» or «/» for «✓», «m» or «=» for «▪»;
  an «=» read off the mark's edge may stick to the item) beside another bullet or such line or
  right under a lead-in ending «:» (`bullets`), becomes «• », and so does a line of «[o]» alone (the
  mark read with its rim); «8 1 Formål» (or «5 1», «S 1», «$ 1») is «§ 1 Formål» when two or more short lines
  read so (`paragraph_signs`, counted over the whole document: a lone «8 1 …» may be a
  number); a dash between a label and its text («2. — Bakgrunn») is the tab and goes; a
  dash between two years is «–», and so is a spaced «—» or «-—» between words (Norwegian
  sets «–»); a hyphen at a line end before a lower-case word (not «og»/«eller», which
  follow a compound's hyphen) is the typesetter's division (a soft hyphen); «2026-» at a line
  end over «2030» is «2026–»; «Fr» before a consonant at a word's start is «Er» (no Norwegian
  word starts so: «Frfaringane»); «8$ 1» is «§ 1» as «8 1» is; a «—» glued to the word after a space
  («mellom —Utenriksdepartementet») is a justified line's wide space and goes; a page's first or last line
  «103)» is its folio «1 (3)», the bracket read as «0», when the page's number is no more than the count, and
  «20)» is the folio «2», the count lost (`_folio`).
- `rejoin_wraps` (both readers, page by page, before `even_out`): a blank line Tesseract set
  inside a sentence (a new block where a bullet's hanging indent breaks the lines' alignment)
  moves below the sentence's rest.
- `mend_document` (both readers, all pages): a capital word read apart («NA V-kontoret»)
  is joined where the whole word stands elsewhere in the document (`join_capitals`); a
  compound's first half that lost its hyphen («Kommunal og distriktsdepartementet») gets it
  back where the document has it elsewhere (`lost_hyphens`);
  «51 Bakgrunn», «52 …» counting 1, 2, … are «§ 1 Bakgrunn», …, and so is one such heading
  whose number follows the «§» heading above it, or «81 …» first over «§ 2 …» (`ocr_signs.glued_signs`);
  a letter label read as a digit between two letters of its list («f)», «8)», «h)») is the letter
  between them (`ocr_signs.letter_labels`); a heading
  «. Oppfølging» between «4. …» and «6. …» is «5. Oppfølging», and the number read as a
  block of its own just above it («[91]») goes (`heading_numbers`); a stray letter glued
  before a word («xgjennom»), a lone «ø» for «i» and a capital inside a sentence («arbeidet
  Skal») are mended by the document's own words (`ocr_words`).
- `is_export` (text export only): whether a plain text is Tesseract's text output, from
  the text: none of the signs the model cannot write («•», «§», «–») and no tab, and one
  of its slips («* —» bullets, two «*» or two «— » bullets, «8 1 Formål» headings,
  «2024—2026»); a name with «ocr» or «tesseract» in it is a hint only: it lets a text
  with no slip pass when nothing speaks against it (no indented line).
- `headers_to_top` (both readers, all pages): a running header Tesseract read in the middle
  of a later page (its column finder set the header's block after a signature table's) is
  moved to the page's top, where `clean` finds running headers.
- `mend_export` (text export only): `even_out` page by page (pages split at form feeds),
  then `ocr_logos.drop_logos` (the text read off logos above the title, first page),
  `ocr_lists.lost_labels` (list labels and bullets Tesseract lost, by the items' form),
  `restore_bullets`, `ocr_table.restore_table` (a signature table whose columns differ in
  height, rebuilt column by column) and `restore_columns` (module `ocr_columns`) for what the text
  renderer lost that our own reader keeps from the word boxes: «–» bullets dropped as
  noise, and the gaps between the columns of a signature table.
"""

from __future__ import annotations

import re

from avtale.i18n import _

# «*e» (a bullet read twice), «e —» (a bullet and its tab: no Norwegian line starts «e —») and «Oo» (a round bullet
# read twice) are bullets alone
BULLET_OCR = re.compile(r"^\s*(?:[*»«°•·®©]\s*)(?:[—–.,-]\s+|[eo]\s+(?:[—–-]\s+)?)?|^\s*(?:-\s?[—–]|[—–]-?)\s+"
                        r"|^\s*[eo]\s+—\s+(?=[A-ZÆØÅa-zæøå])|^\s*Oo\s+(?:[—–-]\s*)?(?=[A-ZÆØÅa-zæøå])")
# «e», «.», «o», «0» or «&» read for a bullet, «v» for «✓», «m» or «=» for «▪»: one only where the line above or below
# is a bullet or another such line (no Norwegian line starts with one of these alone)
# (an «=» read off the bullet's edge may stick to the item: «o =erfaringsdeling»)
BULLET_BESIDE = re.compile(r"^\s*[e.oO0vm=/&](?:\s+[—–-])?\s+=?(?=[A-ZÆØÅa-zæøå])")
LONE_MARK = re.compile(r"^\s*[\[(][oO0][\])]\s*$")  # «[o]»: a bullet alone on its line, read with its rim
# «v v yy y», «o 00 o»: a column of «►» or «✓» read mark by mark, a line of its own (`ocr_lists.bullet_column`)
MARKS_ONLY = re.compile(r"^\s*(?:[vyoO0*»•·=]{1,3}\s+)+[vyoO0*»•·=]{1,3}\s*$")
LABEL_DASH = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)])\s+(?:[—–-]\s+|[—–](?=[A-ZÆØÅ]))(?=[A-ZÆØÅa-zæøå])")  # «2. — Bakgrunn»: the tab
PARAGRAPH_SIGN = re.compile(r"^(?:[85S$]|[85S]\$|\$[85S])\s(\d{1,3}\.?\s+[A-ZÆØÅ])")  # «§ 1 Formål» read «8 1», «8$ 1»
F_FOR_E = re.compile(r"\bFr(?=[bcdfghjklmnpqrstvwxz])")  # «Frfaringane»: no Norwegian word starts «Fr» + consonant
YEAR_BROKEN = re.compile(r"\b((?:19|20)\d\d)\s?[-—]$")  # «2026-» at a line end, «2030» starting the next
YEARS = re.compile(r"\b((?:19|20)\d\d)\s?[-—]\s?((?:19|20)\d\d)\b")
# «mellom —Utenriksdepartementet»: a justified line's wide space read as «—» glued to the next word (Norwegian
# spaces a dash on both sides, and the model never writes the «–» it uses)
GLUED_DASH = re.compile(r"(?<=[\w,] )—(?=[A-ZÆØÅa-zæøå])")
SPACED_DASH = re.compile(r"(?<=\S) (?:-—|—-|—|--) (?=\S)")  # «NAV -— status»: the spaced «–» of Norwegian text
LOST_HYPHEN = re.compile(r"\b(\w+) og (\w+)")  # «Kommunal og distriktsdepartementet»: the compound's hyphen lost
SPLIT_CAPITALS = re.compile(r"\b([A-ZÆØÅ]{1,5}) ([A-ZÆØÅ]{1,5})\b(?!\.)")  # «NA V-kontoret»: a kerned pair read apart
NUMBER_LOST = re.compile(r"^\. ([A-ZÆØÅ][^.:;!?]{0,70})$")  # «. Oppfølging»: a heading whose number was read apart
NUMBER_DEBRIS = re.compile(r"^[\[\](){}|!Il1-9]{1,5}$")  # «[91]»: that number, read as a block of its own
SIGN_HEADING = re.compile(r"^§ (\d{1,3})\.?\s+[A-ZÆØÅ][^.:;!?]{0,70}$")
HEADING_NUMBER = re.compile(r"^(\d{1,2})\.\s+[A-ZÆØÅ][^.:;!?]{0,70}$")
SOFT_BEFORE = re.compile(r"^[a-zæøå]")
FOLIO_MISREAD = re.compile(r"^(\d{1,2})\s?[0OC(\[{]\s?(\d{1,2})\)$")  # «103)»: the folio «1 (3)»
FOLIO_CUT = re.compile(r"^([1-9])\s?[0OC(\[{]\)$")  # «20)»: the folio «2 (3)», its count lost
NOT_SOFT_BEFORE = re.compile(r"^(?:og|eller)\b")

# Signs of Tesseract's text (`is_export`)
MISSING = re.compile(r"[•§\u2013]")  # the Norwegian model never writes these
STAR_DASH = re.compile(r"^[*»«°®©]\s*[—-]\s+\S", re.M)  # a bullet and its tab read as «* —»
STAR = re.compile(r"^[*»«°®©]\s+\S", re.M)
DASH_ITEM = re.compile(r"^—\s+[a-zæøåA-ZÆØÅ]", re.M)  # «–» read as «—»
DASH_YEARS = re.compile(r"\b(?:19|20)\d\d\s?—\s?(?:19|20)\d\d\b")
NAME_HINT = re.compile(r"ocr|tesseract", re.IGNORECASE)


def even_out(lines: list[str], paragraph_signs: bool = False) -> list[str]:
    """One page's lines with bullets, «§», year spans and line-end divisions mended (the module's docstring)."""
    out = []
    for line, bullet in zip(lines, bullets(lines)):
        if bullet:
            line = (BULLET_OCR if BULLET_OCR.match(line) else BULLET_BESIDE).sub("• ", line)
        elif LONE_MARK.match(line):
            line = "•"
        if paragraph_signs and len(line) < 80:
            line = PARAGRAPH_SIGN.sub(r"§ \1", line)
        line = LABEL_DASH.sub(r"\1 ", line)
        line = YEARS.sub("\\1\u2013\\2", line)
        line = F_FOR_E.sub("Er", line)
        line = SPACED_DASH.sub(" \u2013 ", line)
        line = GLUED_DASH.sub("", line)
        nxt = lines[len(out) + 1] if len(out) + 1 < len(lines) else ""
        if YEAR_BROKEN.search(line) and re.match(r"(?:19|20)\d\d\b", nxt.strip()):
            line = YEAR_BROKEN.sub("\\1\u2013", line)
        if re.search(r"[a-zæøå]-$", line) and SOFT_BEFORE.match(nxt) and not NOT_SOFT_BEFORE.match(nxt):
            line = line[:-1] + "\u00ad"
        out.append(line)
    return _folio(out)


def _folio(lines: list[str]) -> list[str]:
    """A page's first or last line «103)» is its folio «1 (3)» with the opening bracket read as «0» (or «O», «C»,
    «[»): the page's number, then the count of pages, no smaller. «20)», the count lost with it, is the folio «2»."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in filled[:1] + filled[-1:]:
        m = FOLIO_MISREAD.match(lines[i].strip())
        if m and 0 < int(m.group(1)) <= int(m.group(2)):
            lines[i] = f"{m.group(1)} ({m.group(2)})"
        elif m := FOLIO_CUT.match(lines[i].strip()):
            lines[i] = m.group(1)
    return lines


def mend_document(lines: list[str]) -> list[str]:
    """The whole document's lines (all pages, as many as given) with the slips only the whole shows mended:
    `join_capitals`, `lost_hyphens`, `glued_signs`, `letter_labels`, `heading_numbers`, then letters misread
    inside words (`ocr_words.mend`)."""
    from avtale.extract import ocr_signs, ocr_words

    signs = ocr_signs.letter_labels(ocr_signs.glued_signs(lost_hyphens(join_capitals(lines))))
    return ocr_words.mend(heading_numbers(signs))


def lost_hyphens(lines: list[str]) -> list[str]:
    """«For Kommunal og distriktsdepartementet» is «For Kommunal- og distriktsdepartementet» where the document has
    «Kommunal- og» elsewhere (Tesseract drops the short hyphen of a compound's first half): for a capitalised first
    half that is enough, for a lower-case one the same pair must stand elsewhere («helse- og omsorgstenestene»)."""
    text = "\n".join(lines)
    halves = set(re.findall(r"\b(\w+)- og\b", text))
    pairs = set(re.findall(r"\b(\w+)- og (\w+)", text))

    def mend(m: re.Match) -> str:
        first, second = m.group(1), m.group(2)
        if first in halves and (first[:1].isupper() or (first, second) in pairs):
            return f"{first}- og {second}"
        return m.group(0)

    return [LOST_HYPHEN.sub(mend, ln) if " og " in ln else ln for ln in lines]


def join_capitals(lines: list[str]) -> list[str]:
    """«NA V-kontoret» is «NAV-kontoret» where «NAV» is a word elsewhere in the document (Tesseract reads the
    letters of a kerned pair such as «AV» apart)."""
    words = {w for ln in lines for w in re.findall(r"\b[A-ZÆØÅ]{2,}\b", ln)}

    def join(m: re.Match) -> str:
        whole = m.group(1) + m.group(2)
        return whole if whole in words else m.group(0)

    return [SPLIT_CAPITALS.sub(join, ln) for ln in lines]


def heading_numbers(lines: list[str]) -> list[str]:
    """«. Oppfølging» after the heading «4. Prioriterte områder» is «5. Oppfølging»: Tesseract read the bold number
    apart, as a block of its own («[91]») just above, which goes (left blank)."""
    out = list(lines)
    last = None
    for i, line in enumerate(lines):
        text = line.strip()
        m = HEADING_NUMBER.match(text)
        if m:
            last = int(m.group(1))
            continue
        m = NUMBER_LOST.match(text)
        if m and last is not None:
            ahead = next((int(h.group(1)) for ln in lines[i + 1 :] if (h := HEADING_NUMBER.match(ln.strip()))), None)
            if ahead in (None, last + 2):
                last += 1
                out[i] = f"{last}. {m.group(1)}"
                above = [j for j in range(max(0, i - 3), i) if lines[j].strip()]
                if above and NUMBER_DEBRIS.match(lines[above[-1]].strip()):
                    out[above[-1]] = ""
    return out


def rejoin_wraps(lines: list[str], width: float) -> list[str]:
    """One page's lines with the blank line Tesseract set inside a sentence moved below the sentence's rest.

    Tesseract starts a new block (a blank line) where a paragraph's lines do not line up, as under a bullet's
    hanging indent: «• Kommunene skal følge opp kvaliteten i de kommunale tjenestene,» / «» / «og arbeidet …». The
    line under the blank goes on the line above when it starts in lower case with no list label and the line above
    goes on (it is full, `width` being a full line's length, so the first word would not have fitted; or it ends in
    a division, «,» or a word that cannot end a sentence: `ocr_columns.GOES_ON`). The blank lines move below that
    paragraph's lines, so the lines stay as many, on the same page."""
    return [lines[i] for i in rejoin_order(lines, width)]


def rejoin_order(lines: list[str], width: float) -> list[int]:
    """The page's line indices in the order `rejoin_wraps` sets them (its docstring)."""
    from avtale.extract.markers import marker
    from avtale.extract.ocr_columns import GOES_ON

    out = list(range(len(lines)))
    i = 0
    while i < len(out):
        text = lines[out[i]].strip()
        k = i + 1
        while k < len(out) and not lines[out[k]].strip():
            k += 1
        if text and k > i + 1 and k < len(out):
            nxt = lines[out[k]].strip()
            if (re.match(r"[a-zæøå]", nxt) and marker(nxt).kind == "none" and not BULLET_BESIDE.match(nxt)
                    and (len(text) + 1 + len(nxt.split()[0]) > width or GOES_ON.search(text))):
                end = k
                while end + 1 < len(out) and lines[out[end + 1]].strip():
                    end += 1
                out[i + 1 : end + 1] = out[k : end + 1] + out[i + 1 : k]
                continue  # the line under may go on again
        i += 1
    return out


def headers_to_top(pages: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """Each page's lines with the running header moved back to the page's top where Tesseract read it out of place.

    Tesseract reads a page in the order its column finder sets the blocks; on a page with columns (a signature
    table) the running header can come in the middle of the page. The header is the first page's first line, short
    (at most 12 words, no full stop, not a line of names: `ocr_logos.logo_like`) and on every later page too, in the
    same text (digits aside: a page number); a later page's such line standing alone between blank lines is moved to that page's top, with a blank line under it, so `clean` sees it at the page
    break as on every other page. The other lines keep their order. Returns the pages and (page, line index, note)."""
    orders = header_orders(pages)
    return [[page[i] for i in order] for page, order in zip(pages, orders)], header_notes(pages, orders)


def header_notes(pages: list[list[str]], orders: list[list[int]]) -> list[tuple[int, int, str]]:
    """(page, line index, note) for each running header `header_orders` moved."""
    notes = []
    for number, (page, order) in enumerate(zip(pages, orders)):
        top = next((k for k, i in enumerate(order) if i != k), None)  # where the header now stands
        if top is not None:
            notes.append((number, top, _("running header «{text}» read in the middle of the page; moved to the page's top")
                                       .format(text=page[order[top]].strip()[:40])))
    return notes


def header_orders(pages: list[list[str]]) -> list[list[int]]:
    """Each page's line indices in the order `headers_to_top` sets them (its docstring)."""
    from avtale.extract.ocr_logos import logo_like

    orders = [list(range(len(page))) for page in pages]
    first = next((ln.strip() for ln in pages[0] if ln.strip()), "") if pages else ""
    if not first or len(first.split()) > 12 or first.endswith(".") or logo_like(first):
        return orders  # a letterhead's names may come again over the signatures
    key = re.sub(r"\d+", "#", first)
    if not all(any(re.sub(r"\d+", "#", ln.strip()) == key for ln in page) for page in pages[1:]):
        return orders  # a running header stands on every page
    for page, order in zip(pages[1:], orders[1:]):
        top = next((i for i, ln in enumerate(page) if ln.strip()), None)
        at = next((i for i, ln in enumerate(page) if re.sub(r"\d+", "#", ln.strip()) == key), None)
        if top is not None and at is not None and at > top + 1 and not page[at - 1].strip() and (
                at + 1 == len(page) or not page[at + 1].strip()):
            order.pop(at)
            order.pop(at - 1)  # the blank line above it goes with it
            order[top:top] = [at, at - 1]
    return orders


def paragraph_signs(lines: list[str]) -> bool:
    """Two or more short lines read «8 1 Formål»: the document numbers its sections «§ 1»."""
    return sum(1 for ln in lines if PARAGRAPH_SIGN.match(ln) and len(ln) < 80) >= 2


def bullets(lines: list[str]) -> list[bool]:
    """Which lines are bullets: read as one, or read as «e», «.», «o», «v», «m» … (`BULLET_BESIDE`) beside a bullet
    or another such line (above or below, past blank lines), or right under a lead-in ending «:»."""
    bullet = [bool(BULLET_OCR.match(ln)) and len(ln) > 3 for ln in lines]
    misread = [bool(BULLET_BESIDE.match(ln)) and not MARKS_ONLY.match(ln) for ln in lines]
    for i in range(len(lines)):  # two such lines one after the other, or one under a lead-in: no Norwegian line starts so
        if not misread[i]:
            continue
        near = nearest(lines, i)  # the line above (if any) comes first
        lead_in = bool(near) and near[0] < i and lines[near[0]].rstrip().endswith(":")
        if lead_in or any(misread[j] for j in near):
            bullet[i] = True
    changed = True
    while changed:  # until no more: a run of misread bullets beside a real one
        changed = False
        for i, line in enumerate(lines):
            if not bullet[i] and misread[i] and any(bullet[j] for j in nearest(lines, i)):
                bullet[i] = changed = True
    return bullet


def nearest(lines: list[str], i: int) -> list[int]:
    """The nearest non-blank line above and below line `i`, the first line of the paragraph above (a bullet
    whose text wrapped: its last line is the nearest, its bullet is on the first), and, where line `i`'s own text
    wraps, the first line of the paragraph after it."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if 0 <= j < len(lines):
            out.append(j)
            if step < 0:
                while j > 0 and lines[j - 1].strip():
                    j -= 1
                out.append(j)
            elif j == i + 1:  # the item's text wrapped: the next item starts past the blank line below it
                while j < len(lines) and lines[j].strip():
                    j += 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines):
                    out.append(j)
    return out


def is_export(text: str, name: str = "") -> bool:
    """Whether `text` reads as Tesseract's text output (`tesseract … -l nor`); see the module's docstring."""
    if MISSING.search(text) or "\t" in text:
        return False
    lines = text.replace("\f", "\n").split("\n")
    slips = (len(STAR_DASH.findall(text)) + len(DASH_YEARS.findall(text)) + 2 * paragraph_signs(lines)
             + (len(STAR.findall(text)) >= 2) + (len(DASH_ITEM.findall(text)) >= 2))
    if slips:
        return True
    return bool(NAME_HINT.search(name)) and not re.search(r"^ ", text, re.M)  # Tesseract never indents a line


def mend_export(text: str) -> tuple[str, list[tuple[int, str]]]:
    """A Tesseract text export mended as our own OCR reading is (`even_out`, page by page), then the bullets and
    signature columns its renderer lost restored; and the notes, by source line number."""
    from avtale.extract import ocr_columns, ocr_lists, ocr_logos, ocr_table

    text = text.replace("\r\n", "\n")
    pages, moved = headers_to_top([page.split("\n") for page in text.split("\f")])
    signs = paragraph_signs([ln for page in pages for ln in page])
    width = ocr_columns.full([ln for page in pages for ln in page])
    flat, numbers, no = [], [], 1
    for page in pages:
        flat += even_out(rejoin_wraps(page, width), signs)
        numbers += range(no, no + len(page))
        no += len(page) - 1  # a page's last line and the next page's first share a line (the form feed between)
    flat = mend_document(flat)
    first, logo_notes = ocr_logos.drop_logos(flat[: len(pages[0])])
    flat = first + flat[len(pages[0]) :]
    flat, list_notes = ocr_lists.lost_labels(flat, width)
    flat, bullet_notes = ocr_columns.restore_bullets(flat)
    flat, table_notes = ocr_table.restore_table(flat)
    flat, column_notes = ocr_columns.restore_columns(flat)
    out, at, starts = [], 0, []
    for page in pages:
        starts.append(at)
        out.append("\n".join(flat[at : at + len(page)]))
        at += len(page)
    moved_notes = [(starts[p] + i, note) for p, i, note in moved]
    return "\f".join(out), [(numbers[i], note) for i, note in moved_notes + logo_notes + list_notes + bullet_notes
                                                   + table_notes + column_notes]

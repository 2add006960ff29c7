"""Unwrap stage: rejoin hard-wrapped lines into paragraphs.

Reads: cleaned `Line`s. Writes: `Para`s, each with its first and last source line.

A text is *hard-wrapped* (PDF exports, pandoc) when lines often continue with a
lower-case word; otherwise each line is a paragraph (Word exports). In a wrapped
text a line joins the one before when it starts in lower case, or when the line
before was full (the next word would not have fitted). A line a reader marked `wrap` (PDF: no paragraph gap above it) always joins. In any text a line never
joins when it starts a list item, a numbered heading or a row of columns, and a
paragraph ends at a blank line. A number followed by a month («31. desember
2025») is a date, not a list number, so it joins like any other word.

After a list item's line, a line starting with a capital is the paragraph after the
list (unless the item's line ends in «,», a hyphen or a word such as «og»), and so is
a line set left of the item's text where the source keeps indents (pdftotext -layout);
a line set under the item's text (a hanging indent, as pandoc writes) goes on with it.

A lead-in («Partene skal:» over a list) that starts after a sentence's end is a
paragraph of its own, and so is a short line starting with a capital and without a closing
mark (a heading, where the text has no blank lines: pypdf). Where a sentence ends at a line end and the next line starts with a capital, the line
goes on only when it is full by the text's own measure (`capacity`: where lines that
a lower-case word continues really wrap), lines measured as a proportional face sets them (`measure.glyphs`)
unless the text was wrapped at a count of characters (`line_measure`). A line that shows no stretch over one an
exporter showed stretched (pypdf's runs of spaces in a justified line), no wider and with no more spaces, ends its
paragraph: Word justifies every line but a paragraph's last (`_unstretched_over_stretched`).

In plain text whose paragraphs are set apart by blank lines (`blank_separated`), two
adjacent lines of prose where a sentence ends and the next begins are one paragraph
with a manual line break (Shift+Enter). So in Tesseract's text export (`ocr_text`), which sets its paragraphs apart
by blank lines, except in a block Tesseract began with a heading and the paragraph under it (no blank line after
the heading): there it kept paragraphs together, and the line's measure decides. A short Tesseract text with too
few wraps for `capacity` is measured by what its lines still show (`measure.Bounds`).

The first paragraph (the title, often set larger, so its line length says nothing)
takes a following line only when it starts in lower case or with a digit, or the
title's line ends in a hyphen or a word such as «og», or both are set in capitals.

A marker alone on a line («1.», «§ 1», «2.1», «•», «a)»; pdftotext sets a heading's
number and a list label in a column of their own) is first joined to its text (`lone_labels`).

A compound's hyphen an exporter lost («Kulturog likestillingsdepartementet») comes back (`compound_hyphens`).
A hyphen or soft hyphen at a line end divides a word or binds a compound as `divisions` decides.

A paragraph grows as pieces (`Growing`), and the rules read its start and its end, never all of it again: a
paragraph of many lines costs their length.
"""

from __future__ import annotations

import re

from avtale.extract.divisions import NAME_ENDS, WORD_MAX, is_hyphenated, join_line
from avtale.extract.growing import Growing
from avtale.extract.lines import Line, Notes, Para
from avtale.extract.lone_labels import attach_lone_markers
from avtale.extract.measure import first_word as _first_word
from avtale.extract.measure import is_row as _is_row
from avtale.extract.measure import last_word as _last_word
from avtale.extract.measure import FUNCTION_WORDS, LOWER_START, Bounds, Room, glyphs, width
from avtale.extract.stretched import restore_stretched
from avtale.extract.markers import TERMINAL, marker, starts_structure
from avtale.i18n import _

WORD_AT = re.compile(r"\s*(\S+)")
INDENTED = re.compile(r"^ {2,}\S")  # a line set in from the margin: the text keeps the page's layout


def is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped when at least two lines continue the line before with a lower-case word."""
    count = 0
    for a, b in zip(lines, lines[1:]):
        if b.hint == "wrap":
            count += 1
            continue
        if a.blank() or b.blank() or a.hint or b.hint:
            continue
        if LOWER_START.match(b.text.strip()) and not a.text.rstrip().endswith(":") and not starts_structure(b.text):
            count += 1
    return count >= 2


# «Kulturog likestillingsdepartementet»: a compound's first part glued to «og» (pdftotext joins a word divided at
# a line end, taking «Kultur-» + «og» for one word).
GLUED_OG = re.compile(r"(?<![\w-])([A-ZÆØÅa-zæøå][a-zæøå]{2,})og(?=\s+[a-zæøå]|\s*$)")
GLUED_OG_CAPS = re.compile(r"(?<![\w-])([A-ZÆØÅ]{3,})OG(?=\s+[A-ZÆØÅ]{2,})")  # «HELSEOG OMSORGSTENESTENE», in a line in capitals
MINISTRY = re.compile(r"(?:departementet|minister)[,.]?$")  # «Kommunal- og distriktsdepartementet»: a compound name
# (a match starts where a run of letters does: tried inside a run too, a long run cost its square)
FIRST_PART = re.compile(r"(?<![A-ZÆØÅa-zæøå])([A-ZÆØÅa-zæøå]+)-\s+(?:og|eller)\b")


def compound_hyphens(lines: list[Line], notes: Notes) -> list[Line]:
    """«Kulturog likestillingsdepartementet» becomes «Kultur- og likestillingsdepartementet» (`GLUED_OG`): a word
    glued to «og» and followed by a lower-case word (on the same line or the next) is a compound's first part whose
    hyphen the exporter took for a word division. Norwegian words end in «-log», «-gog» and «-tog» (dialog, katalog,
    pedagog, opptog): a stem ending in «l», «g» or «t» is a first part only where the text writes it so elsewhere
    («Kommunal- og distriktsminister») or a ministry's name follows («Kommunalog distriktsdepartementet»).
    In a line set in capitals (a title: «… TIL HELSEOG OMSORGSTENESTENE») a word glued to «OG» before another word
    in capitals is read so too (`GLUED_OG_CAPS`), a stem ending in «K» (BARSKOG) kept as well."""
    out = list(lines)
    parts = {m.group(1).casefold() for ln in lines for m in FIRST_PART.finditer(ln.text)}
    for k, line in enumerate(out):
        if line.hint not in (None, "para") or "og" not in line.text.casefold():
            continue
        nxt = next((x.text.strip() for x in out[k + 1 : k + 2] if not x.blank()), "")

        def fix(m: re.Match) -> str:
            if m.end() == len(line.text.rstrip()) and not LOWER_START.match(nxt):
                return m.group(0)
            after = _word_at(line.text, m.end()) or _word_at(nxt, 0) or ""
            if m.group(1)[-1] in "lgt" and m.group(1).casefold() not in parts and not MINISTRY.search(after):
                return m.group(0)
            return f"{m.group(1)}- og"

        def fix_caps(m: re.Match) -> str:
            after = _word_at(line.text, m.end()).casefold()
            if m.group(1)[-1] in "LGTK" and m.group(1).casefold() not in parts and not MINISTRY.search(after):
                return m.group(0)  # «KATALOG», «OPPTOG», «BARSKOG»
            return f"{m.group(1)}- OG"

        glued = GLUED_OG_CAPS if _caps(line.text) else GLUED_OG
        text = glued.sub(fix_caps if glued is GLUED_OG_CAPS else fix, line.text)
        if text != line.text:
            notes.uncertain(line.no, _("«{word}» read as a compound with its hyphen lost: «{text}»")
                                     .format(word=glued.search(line.text).group(0), text=text.strip()[:60]))
            out[k] = Line(line.no, text, line.page, line.hint, line.page_start, line.goes_on)
    return out


def unwrap(lines: list[Line], notes: Notes, plain_text: bool = True, ocr_text: bool = False) -> list[Para]:
    lines = attach_lone_markers(compound_hyphens(restore_stretched(lines, notes), notes))
    wrapped = is_wrapped(lines)
    full_at = width(lines) * 0.82 if wrapped else None
    room = Room(lines) if wrapped else None
    room = room if room is not None and room.at is not None else None  # too few wrapped lines to measure
    bounds = Bounds(lines) if wrapped and room is None and ocr_text else None  # what an OCR page still shows
    spaced = (plain_text or ocr_text) and blank_separated(lines, room, wrapped)  # a reader of PDF positions or Word paragraphs knows better
    vocabulary = {w.casefold() for ln in lines for w in re.findall(r"[\wæøåÆØÅ-]+", ln.text) if len(w) <= WORD_MAX} | NAME_ENDS
    hyphenated = is_hyphenated(lines, vocabulary)
    leads = lead_ins(lines)
    paras: list[Para] = []
    growing = Growing()  # the text of paras[-1], joined a line at a time
    prev: Line | None = None
    blank_before = True
    block = 0  # the first paragraph since the last blank line
    for k, line in enumerate(lines):
        if line.blank():
            prev = None
            blank_before = True
            block = len(paras)
            continue
        across = prev is None and _continues_across_blank(paras, growing, line, full_at)
        if across:
            notes.uncertain(line.no, _("«{text}» continues the paragraph above across a blank line")
                                     .format(text=line.text.strip()[:30]))
        first = prev is not None and paras and paras[-1].first == prev.no
        title = len(paras) == 1 and not any(p.hint for p in paras)
        item = bool(paras) and _kind(growing) in ("bullet", "number", "letter")
        if item and prev is not None:
            item = _indent_relation(prev, line, paras[-1]) or item
        # a lead-in («… skal:» over a list) after a sentence's end is a paragraph of its own
        lead = k in leads and prev is not None and TERMINAL.search(prev.text.strip()) and not item
        if not lead and (across or (prev is not None and (_joins(prev, line, full_at, first, title, item, room or bounds)
                                                          or spaced and _manual_break(prev, line, item)
                                                          and not (ocr_text and len(paras) - 1 > block)))):
            para = paras[-1]
            join_line(growing, line.text.strip(), vocabulary, line.no, notes, hyphenated)
            para.last = line.no
            if prev is not None and (prev.page != line.page or line.page_start):
                notes.uncertain(line.no, _("joined across a page break: «…{text}»").format(text=growing.tail(40)))
        else:
            if paras:
                paras[-1].text = growing.text()
            growing = Growing(line.text.strip())
            paras.append(Para(growing.text(), line.no, line.no, line.hint, blank_before, line.page_start))
        prev = line
        blank_before = False
    if paras:
        paras[-1].text = growing.text()
    return paras


MARKER_SPAN = 200  # a paragraph's label, the space after it and the word after that lie within its start


def _kind(text: Growing) -> str:
    """`marker(text).kind` of a paragraph being joined, read from its start (`MARKER_SPAN`): the label, the space
    after it and the word after that decide it (a month makes a date of «31.»)."""
    return marker(text.head(MARKER_SPAN)).kind


def _sentence_turn(a: Line, b: Line) -> bool:
    """A sentence ends at the end of `a` and prose starts `b` (a long line, or one ending in punctuation: not a
    heading, a list item or a row)."""
    at, bt = a.text.strip(), b.text.strip()
    return (bool(TERMINAL.search(at)) and bt[:1].isupper() and (len(bt.split()) >= 6 or bool(TERMINAL.search(bt)))
            and a.hint in (None, "para")
            and b.hint in (None, "para") and not starts_structure(at) and not starts_structure(bt)
            and not _is_row(a.text) and not _is_row(b.text))


def lead_ins(lines: list[Line]) -> set[int]:
    """Indexes of one-line lead-ins: a line starting with a capital and ending in «:», short (eight words at
    most: «Departementa skal:») or with a list item next."""
    out = set()
    for k, line in enumerate(lines):
        text = line.text.strip()
        if text[:1].isupper() and text.endswith(":") and not starts_structure(text):
            nxt = next((x for x in lines[k + 1 : k + 4] if not x.blank()), None)
            if len(text.split()) <= 8 or nxt is not None and marker(nxt.text.strip()).kind in ("bullet", "number", "letter"):
                out.add(k)  # short, or over a list whose labels the exporter kept
    return out


def blank_separated(lines: list[Line], room: Room | None = None, wrapped: bool = True) -> bool:
    """A text whose blocks are set apart by blank lines (Word's empty paragraphs, or spacing an exporter
    shows): of the lines of prose that start after a sentence's end (not a heading or a list item) on the same
    page, at least two, and as many as start right under one, follow a blank line; in wrapped text a line that
    was full does not count. Half is enough: a text with paragraph gaps may have a manual break (Shift+Enter)
    in every other paragraph, while a text without them seldom shows a blank line inside a page, and then
    fewer than the paragraphs it runs on under each other (turns at a page break do not count). A text that
    keeps the page's layout (indented lines: pdftotext -layout) shows every gap the page has, where plain
    text from a PDF shows some and drops others: there a third is enough (a manual break in most paragraphs). Where every paragraph is one line
    (LibreOffice's text), every block but a list item counts (four or more, two in three: a manual line break may stand in every other paragraph)."""
    across = adjacent = 0
    prev, gap = None, False
    for line in lines:
        if line.blank():
            gap = prev is not None
            continue
        text = line.text.strip()
        if prev is not None and not wrapped and marker(text).kind not in ("bullet", "number", "letter") \
                and not _is_row(line.text) and line.hint in (None, "para"):
            across, adjacent = across + gap, adjacent + (not gap)  # a line a paragraph: count every block
        elif prev is not None and wrapped and _sentence_turn(prev, line) and prev.page == line.page and not line.page_start:
            if gap:
                across += 1
            elif room is None or not room.full(prev.text.strip(), text):
                adjacent += 1
        prev, gap = line, False
    if wrapped:  # a text set out as on the page (pdftotext -layout: indented lines) shows every gap: a third will do
        laid_out = any(INDENTED.match(line.text) for line in lines)
        return across >= 2 and across * (2 if laid_out else 1) >= adjacent
    return across >= 4 and across >= 2 * adjacent


def _manual_break(a: Line, b: Line, item) -> bool:
    """In a blank-separated text, a sentence turn on adjacent lines is a line break inside the paragraph (Shift+Enter)."""
    return not item and _sentence_turn(a, b)


COMMA_WORDS = 6  # words on a line ending in a comma that goes on, in a text too little wrapped to measure
ROW_MAX = 1_000  # a row of columns (names, titles, dates side by side) is short: a longer paragraph is none


def _continues_across_blank(paras: list[Para], above: Growing, b: Line, full_at: float | None) -> bool:
    """In a wrapped text, a lower-case line after a blank (a page break) continues an unfinished paragraph; so does
    any line (a name: «KS.») after a paragraph of prose that ends on «og», «til» … or a comma, which no paragraph,
    heading or title ends on (the title aside: it may be set apart from the rest of itself). A numbered heading
    («3. Utfordringar») goes on across a blank line only at a page break or after a word such as «og»: a word
    pdftotext set apart on the page (a justified line's word, «beredskapsdepartementet,») is not its.
    `above` is the paragraph above, read at its ends (`Growing`)."""
    if b.hint == "wrap" and paras:
        return True  # a reader saw the paragraph go on (PDF positions)
    if full_at is None or not paras or b.hint or paras[-1].hint:
        return False
    bt = b.text.strip()
    if starts_structure(bt) or _terminal(above) or above.size <= ROW_MAX and _is_row(above.text()):
        return False
    last = above.last_word().casefold()
    if _numbered_heading_start(above) and not b.page_start and last not in FUNCTION_WORDS:
        return False  # a numbered heading takes no word from across a blank line on its page (a stray word)
    if LOWER_START.match(bt):
        return True
    return len(paras) > 1 and above.words >= 6 and (last in FUNCTION_WORDS or above.tail(1) == ",")


def _terminal(text: Growing) -> bool:
    """`TERMINAL.search(text)`: a sentence's end, closing quotes and brackets after it aside, read from the end."""
    n = 16
    while True:
        tail = text.tail(n)
        core = tail.rstrip("'»\")")
        if core or n >= text.size:
            return bool(TERMINAL.search(tail)) if core else False
        n *= 4


def _numbered_heading_start(text: Growing) -> bool:
    """`_numbered_heading` of a paragraph being joined: one of more than ten words has more than eight after its
    number, and a heading is short (`ROW_MAX`), so only a short one is read whole."""
    return text.words <= 10 and text.size <= ROW_MAX and _numbered_heading(text.text())


def _indent_relation(a: Line, b: Line, para: Para) -> str | None:
    """Where the source keeps indents: «in» for a line set under the text of the list item above
    (a hanging indent: the item goes on), «out» for one set left of the item (a paragraph after the list)."""
    if a.no != para.first:
        return None
    indent = len(b.text) - len(b.text.lstrip())
    item_indent = len(a.text) - len(a.text.lstrip())
    text_at = item_indent + len(a.text.strip()) - len(marker(a.text.strip()).text) if a.text.strip() else 0
    if indent > 0 and indent >= text_at - 1:
        return "in"
    if item_indent >= 2 and indent < item_indent:
        return "out"
    return None


def _joins(a: Line, b: Line, full_at: float | None, first: bool = False, title: bool = False, item=False,
           room: Room | Bounds | None = None) -> bool:
    if b.hint == "wrap":
        return True  # a reader knows the line continues the block above (PDF positions)
    if a.goes_on and b.hint in (None, "para") and a.page == b.page and not b.page_start and not starts_structure(b.text):
        return True  # a justified line an exporter stretched is not its paragraph's last
    if a.hint or b.hint:
        return False
    at, bt = a.text.strip(), b.text.strip()
    if _is_row(a.text) or _is_row(b.text):
        return False
    if starts_structure(bt):
        return False
    if item == "out":
        return False  # the text goes on at the margin, left of the item's: a paragraph after the list
    if item == "in" and not starts_structure(bt) and marker(bt).kind != "bare":
        return True  # a hanging indent: the item goes on
    if re.search(r"\w[-\u00ad]$", at):
        return True
    if item and bt[:1].isupper() and not re.search(r"[,]$", at) and _last_word(at) not in FUNCTION_WORDS:
        return False  # a capital after a list item's line starts the paragraph after the list
    if LOWER_START.match(bt) and (full_at is not None or not TERMINAL.search(at)):
        return True
    if _last_word(at) in FUNCTION_WORDS:
        return True  # no paragraph or heading ends on «til», «og», «i» …
    if at.endswith(",") and not title and not item and (full_at is not None or len(at.split()) >= COMMA_WORDS):
        return True  # no paragraph ends in a comma: «… Forsvarsdepartementet,» + «Kultur- og …» (a line of
        # prose, where the text shows too few wraps to tell its width: a short line may be a row of names)
    if title and _caps(at) and _caps(bt) and not TERMINAL.search(at):
        return True  # a title in capitals goes on with a line in capitals («… OM DET LOKALE» + «FOLKEHELSEARBEIDET»)
    if title and not (LOWER_START.match(bt) or bt[:1].isdigit()):
        return False  # the title (set larger) goes on only with a lower-case word or a year; a capital starts the text
    if _unstretched_over_stretched(a, b):
        return False  # a justified paragraph stretches every line but its last: this one was its last
    if first and marker(at).kind in ("number", "section", "subsection", "bare") and not TERMINAL.search(at):
        return False  # a numbered heading (set larger) is not a full line of body text
    if full_at is not None and bt[:1].isdigit() and not TERMINAL.search(at) and not _numbered_heading(bt):
        return True  # «… fram til» + «31. desember 2025, …»
    if full_at is not None and TERMINAL.search(at) and _heading_like(bt, full_at):
        return False  # after a sentence's end, a short line without a closing mark ends no paragraph: a heading
    if full_at is not None and marker(bt).kind != "bare":
        if TERMINAL.search(at) and bt[:1].isupper() and room is not None:
            full = room.full(at, bt)  # a sentence ends at the line end: a really full line goes on
            if full is not None:
                return full
        if TERMINAL.search(at) and bt[:1].isupper():
            full_at = full_at / 0.82 * 0.97
        return len(at) + 1 + len(_first_word(bt)) > full_at
    return False


def _unstretched_over_stretched(a: Line, b: Line) -> bool:
    """A sentence ends at the end of `a`, which shows no stretch, and the next line `b` was shown stretched (an
    exporter that sets a justified line's wide spaces as runs of spaces: pypdf), though `a` is no wider and has no
    more spaces (by `glyphs`), so it lacked as much room per space or more: had `a` been justified, its spaces would
    show the stretch too. Word justifies every line of a paragraph but its last, so `a` ends its paragraph, however
    long the next line's first word. The same holds where `b` goes on by the space it broke at (pypdf's ragged
    text, `read_text.wrapped_at_a_space`) and `a` shows none: `a` did not wrap."""
    at, bt = a.text.strip(), b.text.strip()
    if not b.goes_on or a.goes_on or not TERMINAL.search(at) or at.endswith(":") or not bt[:1].isupper():
        return False
    if re.search(r"\S {2,}\S", at):
        return False  # a stretch shown, though too little for clean to read the line as stretched
    if a.page != b.page or b.page_start:
        return False
    return len(at.split()) <= len(bt.split()) and glyphs(at) <= glyphs(bt)


def _heading_like(text: str, full_at: float) -> bool:
    """A line that can only be a heading where a sentence ended before it: it starts with a capital, has no
    closing punctuation (a paragraph's last line ends in one) and is short (a middle line is full)."""
    return (text[:1].isupper() and not TERMINAL.search(text) and not text.endswith(",") and len(text.split()) <= 10
            and len(text) < full_at * 0.75 and not _is_row(text))


def _numbered_heading(text: str) -> bool:
    """«6 Bakgrunn», «4. Verkeområde»: a number and a short capitalised text without a closing mark."""
    m = marker(text)
    return (m.kind in ("bare", "number", "section") and m.text[:1].isupper() and len(m.text.split()) <= 8
            and not TERMINAL.search(m.text))


def _caps(text: str) -> bool:
    """A line set in capitals: letters, all upper case, at least four of them."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _word_at(text: str, at: int) -> str | None:
    """The first word of `text[at:]` (`text[at:].split()[0]`), or None."""
    m = WORD_AT.match(text, at)
    return m.group(1) if m else None

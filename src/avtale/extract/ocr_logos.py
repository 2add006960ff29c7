"""Mending stage for text Tesseract read: the text it read off the logos above the title.

Reads: the lines of one document as Tesseract wrote them (after `ocr_text.even_out`), all
pages. Writes: the same lines, as many and in the same order, with the text Tesseract read
off a row of logos at the top of the first page left blank, and (line index, note) pairs.

A logo sets a party's name in two or three short lines («Kultur- og» over
«likestillingsdepartementet», «Kommunesektorens» over «organisasjon»); logos side by side are
read row by row across them, so their words come mixed («Kultur- og Landbruks- og
organisasjon»), names are cut («Finansdeparte» / «mentet»), and the emblems read as debris
(«IKS |», «Kl», «jeslet»). A DOCX or PDF holds the logos as images, so none of this is the
agreement's text; left in, it is taken for the title.

The words of such a line (`logo_like`) are of the names only: a compound's first half
(«Helse-», «Barne-og», «lærings- og» for «Nærings- og»), «og», «KS», a word with «depa» or
«departement» in it or cut from one («omsorgsdep:», «Forsvarsdepanementt», «mentet»),
«Kommunesektorens» and «organisasjon» or their start; debris is any other word with a
letter (a mark with none counts neither way). Two more kinds of name word take care:
- a cut piece (`cut_piece`): a logo's narrow cell cuts a name anywhere («Digitaliseri» of
  «Digitaliserings-», «inkluderingsde» of «inkluderingsdepartementet»), so a word of five
  letters or more that starts or ends a name's word the document itself uses below the
  logos (the preamble names the parties), two letters short of it or more, is a piece of it;
- a misread (`misread`): a logo's small type is read with a letter or two wrong
  («Kommunesektørens»), so a word of letters within two edits of «Kommunesektorens» (strong
  as it) or «organisasjon», with the same first letter and not a real shorter form
  («Kommunesektoren»), is that word.
A line is logo-like when it has a name's word no sentence holds (a ministry, «KS»,
«Kommunesektorens») and no more debris than names, or when it is a row of cells our own
reader set apart by wide gaps, each of three words or fewer (`logo_row`: a scan's logos, read
worse). Only lines above the first sentence of the first page count (a title or running
header above is skipped; a row of logos' cells ending in «!» or «.» is debris read off an
emblem, no sentence), and only a run of logo-like lines (blank lines between allowed) with at
most a third debris over the run, or of rows of cells only, is left blank; one or two short
words of small letters standing apart under the run («om»: the rest of an emblem's text,
`crumbs`) go with it, and so do the lines over the run in its paragraph (no blank line
between: the logos' first row, read too badly to count) unless one holds «avtale» or ends a
sentence; a line with no word of three letters in a row and a letter glued to a mark or digit
(«p— O0-— OQ=-»: `emblems`, logos whose small type was not read) goes by itself; the marks
at a word's ends («(ommunal-») are left off, and a name cut and misread at once counts as a
name (`misread_piece`); a run under a line that goes on («… og», «… -») is the rest of a
title; and a run whose every line is a clean letterhead (each column an organisation:
`letterhead.is_organisation`) is left for `clean`, which keeps the names as hints for the parties.
"""

from __future__ import annotations

import re

from avtale.extract.letterhead import columns, is_organisation
from avtale.i18n import _

NAME_WORD = re.compile(
    r"^(?:[A-ZÆØÅa-zæøå][a-zæøå]*-(?:og)?|og|KS|\w*dep(?:a|:)\w*:?|\w*partement\w*|\w*direktorat\w*"
    r"|Kommunesektorens|organisa\w*)$")
STRONG = re.compile(r"^(?:KS|\w*dep(?:a|:)\w*:?|\w*partement\w*|\w*direktorat\w*|Kommunesektorens)$")
SENTENCE = re.compile(r"[.:;!?]$|\.\s+[A-ZÆØÅ]")
GOES_ON = re.compile(r"(?:\bog|\bi|\bom|\bmed|-)$")
AGREEMENT = re.compile(r"\w*avtal[ea]\b", re.IGNORECASE)  # «Avtale …», «Samarbeidsavtale …»: a title's word
# A whole name's word as the document writes it: a ministry's, a compound's first half, KS's long name.
FULL_NAME = re.compile(r"^(?:\w+(?:departementet|direktoratet)|[A-ZÆØÅ]\w+-|Kommunesektorens|organisasjon)$")
# Words a logo's small type is misread from, and whether they are strong.
MISREAD_FROM = {"Kommunesektorens": True, "organisasjon": False}
MOST_DEBRIS = 1 / 3
EMBLEM = re.compile(r"[^\W\d_](?:[^\w\s]|\d)|(?:[^\w\s]|\d)[^\W\d_]")  # «O0-—»: a letter glued to a mark or digit
EDGES = "()[]{}|\"'«»“”"  # marks Tesseract reads at an emblem's edge, by a name's word
TOP = 20  # lines: the logos stand above the title, the title above the first sentence
PIECE = 5  # letters: a cut piece shorter than this could be any word's start
CRUMB = 3  # letters: an emblem's crumbs («om», «an») are no longer than this


def _name_word(word: str, known: frozenset[str] = frozenset()) -> bool:
    """A word of a name set in a logo, or the end of one cut («mentet», «et» of «departementet»), or a piece of a
    name the document uses (`cut_piece`), or a name's word misread (`misread`)."""
    return (bool(NAME_WORD.match(word)) or (len(word) >= 2 and "departementet".endswith(word))
            or cut_piece(word, known) or misread(word) is not None or misread_piece(word, known))


def name_words(lines: list[str]) -> frozenset[str]:
    """The whole names' words the lines use («Digitaliserings», «inkluderingsdepartementet»), a compound's hyphen
    and the punctuation around a word left off: what a logo's cut pieces are matched to."""
    words = (w.strip(",.;:()«»") for line in lines for w in line.split())
    return frozenset(w.rstrip("-") for w in words if FULL_NAME.match(w))


def cut_piece(word: str, known: frozenset[str]) -> bool:
    """A word of letters, five or more, that starts or ends one of the known names' words with two letters or more
    left over: a logo's narrow cell cut the name («Digitaliseri» of «Digitaliserings-»); a word one letter short
    («Digitalisering» of «Digitaliserings-») is a word of its own."""
    if len(word) < PIECE or not word.isalpha():
        return False
    return any(len(name) - len(word) >= 2 and (name.startswith(word) or name.endswith(word)) for name in known)


def misread_piece(word: str, known: frozenset[str]) -> bool:
    """A word of letters, five or more, within an edit of the start or end of a known name's word as long as it (give
    or take a letter), two edits from eight letters on: a logo's small type cut and misread at once («felse» for
    «Helse», «Kumskapsd» for «Kunnskapsd…»)."""
    word = word.rstrip("-").lower()
    if len(word) < PIECE or not word.isalpha():
        return False
    most = 1 if len(word) < 8 else 2
    for name in known:
        name = name.lower()
        for size in range(len(word) - 1, min(len(word) + 1, len(name)) + 1):
            if _within(word, name[:size], most) or _within(word, name[-size:], most):
                return True
    return False


def misread(word: str) -> str | None:
    """The name's word (`MISREAD_FROM`) a word of letters is within two edits of, with the same first letter and not
    a start of it («Kommunesektoren» is a word of its own): a logo's small type read with a letter or two wrong
    («Kommunesektørens»); or, eight letters or more, starting as the name's second letter does and within an edit
    of the name without its first, which Tesseract took with the emblem beside it («ommunesektorens»)."""
    if not word.isalpha():
        return None
    for name in MISREAD_FROM:
        if word != name and word[0] == name[0] and not name.startswith(word) and _within(word, name, 2):
            return name
        if len(word) >= 8 and word[0] == name[1] and _within(word, name[1:], 1):
            return name
    return None


def _within(a: str, b: str, most: int) -> bool:
    """Whether a and b are at most `most` edits (a letter put in, left out or changed) apart."""
    if abs(len(a) - len(b)) > most:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return False
    return row[-1] <= most


def _counts(line: str, known: frozenset[str] = frozenset()) -> tuple[int, float, int]:
    """(name words, debris, strong name words) of a line; a debris word of three letters or fewer (an emblem read as
    «Kl», «IKS», «O») counts half, a mark with no letter not at all. Brackets, bars and quotes at a word's ends are
    left off (the edge of an emblem beside the name, «(ommunal-» for «Kommunal-»)."""
    names, debris, strong = 0, 0.0, 0
    for word in line.split():
        word = word.replace("\xad", "-").strip(EDGES)  # an emblem's edge read as a mark by the word («(ommunal-»)
        if not re.search(r"[^\W\d_]", word):
            continue
        if _name_word(word, known):
            names += 1
            strong += bool(STRONG.match(word)) or bool(MISREAD_FROM.get(misread(word) or ""))
        else:
            debris += 0.5 if len(word) <= 3 else 1.0
    return names, debris, strong


def logo_like(line: str, known: frozenset[str] = frozenset()) -> bool:
    """A line of names read off logos (the module's docstring): a strong name's word and no more debris than names,
    or names with at most a short word of debris; or a row of logos as our own reader sets it (`logo_row`).
    `known`: the names' words the document uses (`name_words`), for the pieces a logo cut."""
    names, debris, strong = _counts(line, known)
    return logo_row(line, known) or (names > 0 and (debris <= names if strong else debris <= 0.5))


def logo_row(line: str, known: frozenset[str] = frozenset()) -> bool:
    """Cells set apart by wide gaps (tabs: our own reader's), each of three words or fewer, one of them holding a
    strong name's word or names outweighing debris: logos side by side, however badly their words were read."""
    cells = [c for c in line.split("\t") if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > 3 for c in cells):
        return False
    names, debris, strong = _counts(line, known)
    return strong > 0 or (names > 0 and names >= debris)


def crumbs(line: str) -> bool:
    """A line of one or two short words of small letters and nothing else («om», «an»): no title or heading reads so;
    standing apart under logos it is the rest of an emblem's text."""
    words = line.split()
    return 0 < len(words) <= 2 and all(w.isalpha() and w.islower() and len(w) <= CRUMB for w in words)


def emblems(line: str) -> bool:
    """A line with no word of three letters in a row, and a letter glued to a mark or a digit («p— O0-— O0-— OQ=-»):
    the emblems of a row of logos whose small type Tesseract could not read. No title or heading reads so."""
    return not re.search(r"[^\W\d_]{3}", line) and bool(EMBLEM.search(line))


def _clean_letterhead(line: str) -> bool:
    cols = columns(line)
    return bool(cols) and all(is_organisation(c) for c in cols)


def drop_logos(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The logo text above the title left blank, and a note for each line (the module's docstring)."""
    out, notes = list(lines), []
    run: list[int] = []
    above = ""  # the last line above the run that is not logo-like
    blocks = _blocks(lines[:TOP])
    first = next((b[0] for b in blocks if _sentence(lines, b)), min(TOP, len(lines)))
    known = name_words(lines[first:])

    def drop(i: int) -> None:
        out[i] = ""
        notes.append((i, _("«{text}» dropped: text read off a logo above the title").format(text=lines[i].strip()[:40])))

    def close() -> None:
        if not run:
            return
        counts = [_counts(lines[i], known) for i in run]
        names, debris = sum(c[0] for c in counts), sum(c[1] for c in counts)
        if (any(c[2] for c in counts) and not GOES_ON.search(above)
                and (debris <= MOST_DEBRIS * (names + debris) or all(logo_row(lines[i], known) or crumbs(lines[i])
                                                                     for i in run))
                and not all(_clean_letterhead(lines[i]) for i in run)):
            block = next(b for b in blocks if run[0] in b)
            head = block[:block.index(run[0])]  # lines over the run in its block: the logos' first row, read worse
            if not any(AGREEMENT.search(lines[i]) or SENTENCE.search(lines[i].strip()) for i in head):
                run[:0] = head
            for i in run:
                drop(i)
        run.clear()

    for block in blocks:
        if _sentence(lines, block):
            break
        whole = _logo_block(lines, block, known)
        for i in block:
            text = lines[i].strip()
            if emblems(text):
                drop(i)
                continue
            if whole or logo_like(text, known) or (run and crumbs(text)):
                run.append(i)
                continue
            close()
            above = text
        if not run:
            above = ""
    close()
    return out, sorted(notes)


BLOCK_WORDS = 5  # words at most on each line of a block of logos read whole (a title has more)


def _logo_block(lines: list[str], block: list[int], known: frozenset[str]) -> bool:
    """A block (no blank line inside) of short lines (`BLOCK_WORDS`), one of them logo-like with a strong name's
    word: logos side by side whose emblems Tesseract read as words of their own («cs fig ku», «nunes uttur- og»)
    over the names' last halves. The whole block is one run; `close` still weighs its debris against its names.
    A line with «avtale» in a word («Avtale om …», «Samarbeidsavtale mellom …») is a title's, never a logo's."""
    texts = [lines[i].strip() for i in block]
    return (len(block) > 1 and all(len(t.split()) <= BLOCK_WORDS and not AGREEMENT.search(t) for t in texts)
            and any(logo_like(t, known) and _counts(t, known)[2] for t in texts))


def _sentence(lines: list[str], block: list[int]) -> bool:
    """A paragraph with a line that ends a sentence, but for a row of logos' cells (debris read «ganses!»)."""
    return any(SENTENCE.search(lines[i].strip()) and not logo_row(lines[i]) for i in block)


def _blocks(lines: list[str]) -> list[list[int]]:
    """The indexes of the lines of each paragraph (lines between blank lines); none past a form feed."""
    blocks: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line:
            break
        if line.strip():
            blocks[-1].append(i)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]

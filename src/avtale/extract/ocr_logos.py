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
letter (a mark with none counts neither way). A line is logo-like when it has a name's word
no sentence holds (a ministry, «KS», «Kommunesektorens») and no more debris than names, or
when it is a row of cells our own reader set apart by wide gaps, each of three words or
fewer (`logo_row`: a scan's logos, read worse). Only lines above the first sentence of the
first page count (a title or running header above is skipped), and only a run of logo-like
lines (blank lines between allowed) with at most a third debris over the run, or of rows of
cells only, is left blank; a run under a line that goes on («… og», «… -») is the rest of a
title; and a run whose every line is a clean letterhead (each column an organisation:
`letterhead.is_organisation`) is left for `clean`, which keeps the names as hints for the parties.
"""

from __future__ import annotations

import re

from avtale.extract.letterhead import columns, is_organisation

NAME_WORD = re.compile(
    r"^(?:[A-ZÆØÅa-zæøå][a-zæøå]*-(?:og)?|og|KS|\w*dep(?:a|:)\w*:?|\w*partement\w*|\w*direktorat\w*"
    r"|Kommunesektorens|organisa\w*)$")
STRONG = re.compile(r"^(?:KS|\w*dep(?:a|:)\w*:?|\w*partement\w*|\w*direktorat\w*|Kommunesektorens)$")
SENTENCE = re.compile(r"[.:;!?]$|\.\s+[A-ZÆØÅ]")
GOES_ON = re.compile(r"(?:\bog|\bi|\bom|\bmed|-)$")
MOST_DEBRIS = 1 / 3
TOP = 20  # lines: the logos stand above the title, the title above the first sentence


def _name_word(word: str) -> bool:
    """A word of a name set in a logo, or the end of one cut («mentet», «et» of «departementet»)."""
    return bool(NAME_WORD.match(word)) or (len(word) >= 2 and "departementet".endswith(word))


def _counts(line: str) -> tuple[int, float, int]:
    """(name words, debris, strong name words) of a line; a debris word of three letters or fewer (an emblem read as
    «Kl», «IKS», «O») counts half, a mark with no letter not at all."""
    names, debris, strong = 0, 0.0, 0
    for word in line.split():
        if not re.search(r"[^\W\d_]", word):
            continue
        if _name_word(word):
            names += 1
            strong += bool(STRONG.match(word))
        else:
            debris += 0.5 if len(word) <= 3 else 1.0
    return names, debris, strong


def logo_like(line: str) -> bool:
    """A line of names read off logos (the module's docstring): a strong name's word and no more debris than names,
    or names with at most a short word of debris; or a row of logos as our own reader sets it (`logo_row`)."""
    names, debris, strong = _counts(line)
    return logo_row(line) or (names > 0 and (debris <= names if strong else debris <= 0.5))


def logo_row(line: str) -> bool:
    """Cells set apart by wide gaps (tabs: our own reader's), each of three words or fewer, one of them holding a
    strong name's word or names outweighing debris: logos side by side, however badly their words were read."""
    cells = [c for c in line.split("\t") if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > 3 for c in cells):
        return False
    names, debris, strong = _counts(line)
    return strong > 0 or (names > 0 and names >= debris)


def _clean_letterhead(line: str) -> bool:
    cols = columns(line)
    return bool(cols) and all(is_organisation(c) for c in cols)


def drop_logos(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The logo text above the title left blank, and a note for each line (the module's docstring)."""
    out, notes = list(lines), []
    run: list[int] = []
    above = ""  # the last line above the run that is not logo-like

    def close() -> None:
        if not run:
            return
        counts = [_counts(lines[i]) for i in run]
        names, debris = sum(c[0] for c in counts), sum(c[1] for c in counts)
        if (any(c[2] for c in counts) and not GOES_ON.search(above)
                and (debris <= MOST_DEBRIS * (names + debris) or all(logo_row(lines[i]) for i in run))
                and not all(_clean_letterhead(lines[i]) for i in run)):
            for i in run:
                out[i] = ""
                notes.append((i, f"«{lines[i].strip()[:40]}» dropped: text read off a logo above the title"))
        run.clear()

    for block in _blocks(lines[:TOP]):
        if any(SENTENCE.search(lines[i].strip()) for i in block):
            break
        for i in block:
            text = lines[i].strip()
            if logo_like(text):
                run.append(i)
                continue
            close()
            above = text
        if not run:
            above = ""
    close()
    return out, notes


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

"""Manners of a signature block beyond a place, a date, lines, names and titles: notes and marks.

Used by `signature_parts` (which classifies and takes apart a block's parts) and `signing` (which finds the
block). Reads: the text of one part, or the lines at the end of a text. Writes: whether a text is such a
manner, and what it holds.

Heuristics, each because offices write signature blocks differently:

- *An electronic-signing note is one short sentence of fixed words* (`ESIGN_NOTE`): an optional subject
  («Avtalen», «Avtala», «Dokumentet», «Denne avtalen» + «er», «vart», «ble», …), a verb of signing or approving
  («signert», «underskrevet», «underteikna», «godkjent», «godkjend») with «elektronisk» or «digitalt» before or
  after it, optionally «av partene», and optionally the reason the state's letter template gives («og har derfor
  ikke håndskrevne signaturer», nynorsk «og har difor ikkje handskrivne signaturar»). Norwegian ministries close
  with «Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.», twelve words: too long for
  the loose rule of eight words that `classify` keeps for other short notes, so the whole sentence must match,
  word for word, from its first word to its last. An ordinary sentence that mentions «elektronisk» («Kommunene
  skal ta i bruk elektronisk signering …») never does.
- *A note wrapped over two or three lines is one note* (`join_wrapped_notes`). A PDF's text export breaks the long
  note at the width of the page («… og har derfor ikke håndskrevne» / «signaturer.»); lines that, joined, make a
  whole note (and of which the later ones make none by themselves) are read as one. Only for finding and reading
  the block: the body keeps its lines as they were.
- *A sign mark stands for a signature* (`SIGN_MARK`). A signed copy of a document that is not the original shows
  «(sign.)» or «sign.» where the signature was, alone on its line or after the name («Kari Nordmann (sign.)»).
  The mark is the evidence of signing an underscore line is (`classify`: a «line»), and never part of the name.
- *A place and date may stand behind one label* (`PLACE_DATE_LABEL`): «Sted og dato: Oslo, 12. mars 2024»
  («Stad og dato:», «Sted/dato:», «Sted, dato:»); the label alone on a line, its value below, is a heading of the
  block.
"""

from __future__ import annotations

import re
from dataclasses import replace

from avtale.extract.lines import Line

_SUBJECT = (r"(?:(?:denne\s+|dette\s+)?(?:avtalen|avtala|avtale|dokumentet|dokument|protokollen)\s+"
            r"(?:er|vart|ble|blei|har\s+(?:blitt|vorte|vore)|er\s+(?:blitt|vorte))\s+)?")
_VERB = (r"(?:signert|signerte|signed|underskrevet|underskreven|underskriven|underteikna|underteiknet|godkjent|"
         r"godkjend|approved)")
_WAY = r"(?:elektronisk|digitalt|electronically|digitally)"
_BY = r"(?:\s+av\s+(?:partene|partane|begge\s+parter|begge\s+partar|alle\s+parter|alle\s+partar))?"
_WHY = (r"(?:,?\s+og\s+har\s+(?:derfor|difor|dermed)\s+(?:ikke|ikkje|ingen)\s+"
        r"(?:håndskrevne|håndskrevet|handskrivne|handskrevne)\s+(?:signaturer|signaturar|underskrifter))?")
ESIGN_NOTE = re.compile(rf"^{_SUBJECT}(?:{_WAY}\s+{_VERB}|{_VERB}\s+{_WAY}){_BY}{_WHY}\s*\.?$", re.IGNORECASE)

_MARK = r"(?:\(\s*(?:sign|signert|sign\.)\s*\)|(?<![\w(])sign\.(?![\w)]))"
SIGN_MARK = re.compile(_MARK, re.IGNORECASE)
SIGN_ONLY = re.compile(rf"^(?:{_MARK}\s*)+$", re.IGNORECASE)  # one mark, or a row of them (joined columns)

LABEL = r"(?i:(?:sted|stad)\s*(?:og|/|,|&)\s*dato)\s*:\s*"  # before a place and date on one line
LABEL_ALONE = re.compile(r"^(?:sted|stad)\s*(?:og|/|,|&)\s*dato\s*:?$", re.IGNORECASE)
DATE_LABEL_FIRST = r"(?i:dato\s*(?:og|/|,|&)\s*(?:sted|stad))\s*:\s*"  # «Dato og sted: 12. mars 2024, Oslo»


def esign_note(text: str) -> bool:
    """A whole electronic-signing note (`ESIGN_NOTE`)."""
    return bool(ESIGN_NOTE.match(" ".join(text.split())))


def without_mark(text: str) -> str:
    """The text with its sign marks taken out: «Kari Nordmann (sign.)» → «Kari Nordmann»."""
    return " ".join(SIGN_MARK.sub(" ", text).split()).strip(" ,")


def has_mark(text: str) -> bool:
    return bool(SIGN_MARK.search(text))


def join_wrapped_notes(lines: list[Line]) -> list[Line]:
    """The lines with a note wrapped over two or three lines made one (the first line holds the note, the others
    are blank); the same list where there is none."""
    out: list[Line] | None = None
    for i, line in enumerate(lines):
        if line.blank() or not re.search(r"(?i)elektronisk|digitalt|electronically|digitally", line.text) \
                or esign_note(line.text) and not _goes_on(lines, i):
            continue
        text = line.text.strip()
        for j in range(i + 1, min(i + 3, len(lines))):
            if lines[j].blank() or esign_note(lines[j].text):
                break
            text = f"{text} {lines[j].text.strip()}"
            if esign_note(text):
                out = out if out is not None else list(lines)
                out[i] = replace(line, text=text)
                for k in range(i + 1, j + 1):
                    out[k] = replace(lines[k], text="")
                break
    return out if out is not None else lines


def _goes_on(lines: list[Line], i: int) -> bool:
    """A whole note whose next line goes on with it («Dokumentet er elektronisk godkjent» / «og har derfor …»)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and not nxt.blank() and bool(re.match(r"\s*(?:og|av)\s", nxt.text))

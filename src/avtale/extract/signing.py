"""Recognise the signature block: place and date, then one to five signatories.

Reads: the paragraphs after the body (`Para`s). Writes: a `SigningOut`, or None.

The block starts at a line «Oslo, 7. november 2014» (also «Oslo den …»,
«Oslo 7. november 2014»). Signatories stand side by side in columns (tabs or
runs of spaces: a row of names, then a row of titles) or one under another
(name, then title). A row «For Kunnskapsdepartementet   For KS» names the party
of each column.
"""

from __future__ import annotations

import re

from avtale.dates import MONTHS, parse_date
from avtale.extract.clean import columns
from avtale.extract.lines import Notes, Para
from avtale.extract.outline import Signer, SigningOut

PLACE_DATE = re.compile(
    r"^(?P<place>[A-ZÆØÅ][\wæøåÆØÅ'-]+(?:\s+(?:i|på|[A-ZÆØÅ][\wæøåÆØÅ'-]+)){0,2})\s*(?:,\s*|\s+)(?:den\s+)?(?P<date>\d{1,2}\.\s*(?i:"
    + "|".join(MONTHS)
    + r")\s+\d{4})\s*\.?$"
)
FOR_PARTY = re.compile(r"^(?:for|på vegne av)\s+(.+)$", re.IGNORECASE)
FOR_SPLIT = re.compile(r"\s+(?=(?:For|På vegne av)\s)")
NAME_WORD = re.compile(r"^[A-ZÆØÅ][a-zæøåäöéü'’]+(?:-[A-ZÆØÅ][a-zæøåäöéü'’]+)?\.?$")


def find_place_date(paras: list[Para]) -> int | None:
    """Index of the last paragraph that is a place-and-date line."""
    for i in range(len(paras) - 1, -1, -1):
        if PLACE_DATE.match(" ".join(paras[i].text.split())):
            return i
    return None


def parse(paras: list[Para], notes: Notes) -> SigningOut | None:
    if not paras:
        return None
    head = " ".join(paras[0].text.split())
    m = PLACE_DATE.match(head)
    if not m:
        return None
    date = parse_date(" ".join(m.group("date").replace(".", ". ").split()).lower())
    if date is None:
        notes.uncertain(paras[0].first, f"«{m.group('date')}» is not a valid date; signing left out")
        return None
    out = SigningOut(m.group("place").strip(), date, paras[0].first)
    rows = [(p.first, columns(p.text)) for p in paras[1:]]
    rows = [(no, cols) for no, cols in rows if cols]
    groups: list[list[str]] = []  # runs of «For X» rows, in order
    body: list[tuple[int, list[str]]] = []
    after_for = False
    for no, cols in rows:
        if len(cols) == 1 and FOR_PARTY.match(cols[0]):
            cols = [c for c in FOR_SPLIT.split(cols[0]) if c.strip()]  # «For Kunnskapsdepartementet For KS»
        fors = [FOR_PARTY.match(c) for c in cols]
        if all(fors):  # «For X» rows one under another (a column read down) add up
            found = [f.group(1).strip() for f in fors]
            if after_for:
                groups[-1] += found
            else:
                groups.append(found)
            after_for = True
        else:
            body.append((no, cols))
            after_for = False
    if any(len(cols) > 1 for _, cols in body):
        signers = _side_by_side(body, notes)
    else:
        signers = _one_under_another(body, notes)
    # «For X» rows name the columns in order, whether in one row, read down, or cell by cell
    # («For KD», name, title, «For KS», name, title); more names than signers: a repeated header
    parties = [name for group in groups for name in group]
    if len(parties) > len(signers) and groups:
        parties = groups[-1]
    for i, s in enumerate(signers):
        if i < len(parties):
            s.party = parties[i]
    if len(signers) > 5:
        notes.uncertain(signers[5].line, f"{len(signers)} signatories; only five are kept")
        signers = signers[:5]
    out.signers = signers
    return out


def _side_by_side(rows: list[tuple[int, list[str]]], notes: Notes) -> list[Signer]:
    signers: list[Signer] = []
    i = 0
    while i < len(rows):
        no, names = rows[i]
        titles = rows[i + 1][1] if i + 1 < len(rows) else []
        if len(titles) != len(names):
            notes.uncertain(no, f"{len(names)} name(s) but {len(titles)} title(s) in the signature columns")
        for k, name in enumerate(names):
            signers.append(Signer(name, titles[k] if k < len(titles) else "", no))
        i += 2
    return signers


def name_like(text: str) -> bool:
    """«Gunn Marit Helgesen»: two to five capitalised words, no acronym («Leder KS» is a title)."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(NAME_WORD.match(w) or w in ("van", "von", "de") for w in words)


def _one_under_another(rows: list[tuple[int, list[str]]], notes: Notes) -> list[Signer]:
    """Name, title, name, title … (a column read down), or names first, then titles (columns read across)."""
    lines = [(no, " ".join(cols)) for no, cols in rows]
    kinds = [name_like(t) for _, t in lines]
    half = len(lines) // 2
    if len(lines) % 2 == 0 and half > 1 and all(kinds[:half]) and not any(kinds[half:]):
        notes.uncertain(lines[0][0], f"{half} names before {half} titles: paired by position")
        return [Signer(lines[k][1], lines[half + k][1], lines[k][0]) for k in range(half)]
    if len(lines) % 2:
        notes.uncertain(lines[-1][0], f"odd number of signature lines; «{lines[-1][1]}» has no title")
    return [Signer(lines[k][1], lines[k + 1][1] if k + 1 < len(lines) else "", lines[k][0]) for k in range(0, len(lines), 2)]

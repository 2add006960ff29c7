"""Letterheads: the organisations' names set above the title, and logo text after the end.

Reads: the `Line`s clean has kept. Writes: the same lines with the letterhead's and the trailing
logo text's lines blanked (each noted as dropped), and the organisation names they show, in their
order (evidence for the parties; the parties themselves come from the preamble and signatures).

A letterhead belongs to nobody's text: not the title, not the preamble.
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line, Notes

COLUMN_GAP = re.compile(r"\t+|\s{3,}")
ORG_SPLIT = re.compile(r"(?:(?<=departementet)|(?<=direktoratet))\s+")
# A ministry's name broken over two lines of a logo: «Kultur- og» above «likestillingsdepartementet».
ORG_HALF = re.compile(r"^(?:[A-ZÆØÅ][\wæøå]*-,?\s*(?:[\wæøå]+-,?\s+)*og|[a-zæøå]+departementet)$")
ORGANISATION = re.compile(r"(?:departementet|direktoratet|\bKS|kommune|fylkeskommune|[Kk]ommunesektorens organisasjon)$")


def columns(text: str) -> list[str]:
    """The parts of a line set side by side (tabs or runs of three or more spaces)."""
    return [c.strip() for c in COLUMN_GAP.split(text.strip()) if c.strip()]


def drop_letterhead(lines: list[Line], notes: Notes, orgs: list[str]) -> list[Line]:
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


def drop_trailing_logos(lines: list[Line], notes: Notes, orgs: list[str]) -> list[Line]:
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

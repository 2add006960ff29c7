"""Letterheads: the organisations' names set above the title, and logo text after the end.

Reads: the `Line`s clean has kept. Writes: the same lines with the letterhead's and the trailing
logo text's lines blanked (each noted as dropped), and the organisation names they show, in their
order (evidence for the parties; the parties themselves come from the preamble and signatures).

A letterhead belongs to nobody's text: not the title, not the preamble.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from avtale.extract.lines import Line, Notes
from avtale.extract.parties import mentions, ministry_of
from avtale.i18n import _

COLUMN_GAP = re.compile(r"\t+|\s{3,}")
ORG_SPLIT = re.compile(r"(?:(?<=departementet)|(?<=direktoratet))\s+")
# A ministry's name broken over two lines of a logo: «Kultur- og» above «likestillingsdepartementet».
ORG_HALF = re.compile(r"^(?:[A-ZÆØÅ][\wæøå]*-,?\s*(?:[\wæøå]+-,?\s+)*og|[a-zæøå]+departementet)$")
ORGANISATION = re.compile(r"(?:departementet|direktoratet|\bKS|kommune|fylkeskommune|[Kk]ommunesektorens organisasjon)$")
# A ministry's formal name as its logo sets it, on one line or two: «Det kongelige» over «kunnskapsdepartement»
# (nynorsk «Det kongelege»; often in capitals).
ROYAL = re.compile(r"^(?:det\s+kongel[ie]ge(?:\s+(?:[\wæøå]+-,?\s+og\s+)?[\wæøå]+departement)?|(?:[\wæøå]+-,?\s+og\s+)?[\wæøå]+departement)$",
                   re.IGNORECASE)
ROYAL_NAME = re.compile(r"\bdet\s+kongel[ie]ge\s+((?:[\wæøå]+-,?\s+og\s+)?[\wæøå]+departement)\b", re.IGNORECASE)


def columns(text: str) -> list[str]:
    """The parts of a line set side by side (tabs or runs of three or more spaces)."""
    return [c.strip() for c in COLUMN_GAP.split(text.strip()) if c.strip()]


def drop_letterhead(lines: list[Line], notes: Notes, orgs: list[str]) -> list[Line]:
    """Lines before the title that hold only organisation names (`_span`), blanked; the names they show go
    to `orgs` in the letterhead's order (`_names_shown`)."""
    known = _known_names(lines)
    taken, shown = _span(lines, 0, known)
    out = list(lines)
    for k in taken:
        notes.dropped(lines[k].no, lines[k].text, _("letterhead"))
        out[k] = Line(lines[k].no, "", lines[k].page, None, lines[k].page_start)
    orgs.extend(_names_shown(shown, known))
    return out


def after_letterhead(lines: list[Line], i: int) -> int:
    """Where the text goes on after a letterhead that starts at line i (i itself where none does): a running
    header set over the letterhead has the title under the letterhead, not right under it."""
    taken = _span(lines, i, _known_names(lines))[0]
    return taken[-1] + 1 if taken else i


def _span(lines: list[Line], i: int, known: list[Name]) -> tuple[list[int], list[str]]:
    """The letterhead's lines from line i on (blank lines skipped), and its texts: lines of one to four
    words a column that name an organisation (`is_organisation`), logo names read without their columns
    (`_logo_words`), a name a narrow cell broke over lines («Forsvarsdeparteme» / «ntet», read whole), or
    lines made only of pieces of the names the document names (`_name_line`). It ends at the first
    other line."""
    taken: list[int] = []
    shown: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.blank():
            i += 1
            continue
        if line.hint not in (None, "para", "letterhead", "wrap"):
            break
        cols = columns(line.text)
        if (line.hint == "letterhead" or (cols and all(is_organisation(c) for c in cols)) or _logo_words(line.text)
                or _name_line(line.text, known, bool(taken))):
            shown.append(line.text)
            taken.append(i)
            i += 1
            continue
        end = i
        while end < len(lines) and not lines[end].blank() and end - i < 4 and lines[end].hint in (None, "para", "wrap"):
            end += 1
        parts = [ln.text.strip() for ln in lines[i:end]]
        whole = next((w for w in (_join_broken(parts), " ".join(parts)) if is_organisation(w)), "")  # broken word or not
        if end - i < 2 or "\t" in "".join(parts) or not whole:
            break
        shown.append(whole)
        taken.extend(range(i, end))
        i = end
    return taken, shown


def _known_names(lines: list[Line]) -> list[Name]:
    """The organisations the document names anywhere (ministries and KS, `parties.mentions`; not in a line
    that opens two names or more without a comma: a row of a letterhead or signature table), each as
    its casefolded words: «Justis- og beredskapsdepartementet» → [«justis-», «og», «beredskapsdepartementet»]."""
    # a name goes on over lines, not across columns, nor out of a row of names read without its columns
    # (OCR: «Nærings- og Barne- og Kommunal- og» over «fiskeridepartementet familiedepartementet …»)
    text = "\n".join("|" if _name_starts(ln.text) >= 2 and not re.search(r"[,.;:]", ln.text) else " | ".join(columns(ln.text))
                     for ln in lines)
    flat = " ".join(text.split())
    names = dict.fromkeys(n for n in dict.fromkeys(" ".join(n.split()) for _, n in mentions(text))
                          if n in flat)  # as written, not «-departement» (each name looked for once)
    # a minister's title names the ministry («Justis- og beredskapsminister»); not a title's wrapped tail («likestillingsminister»)
    names.update(dict.fromkeys(n for ln in lines for c in columns(ln.text) if c[:1].isupper() and (n := ministry_of(c))))
    return [Name(n, n.casefold().split()) for n in names]


class Name(NamedTuple):
    spelled: str  # as the text writes it
    words: list[str]  # casefolded


# The word every ministry's name ends in; a letterhead cell too narrow for it breaks it («Kunnskapsdep» / «artementet»).
MINISTRY_WORD = "departementet"
WORD = re.compile(r"^[A-ZÆØÅa-zæøåäöéü]+(?:-,?)?$")


ONE_LETTER_WORDS = {"i", "å", "o"}  # Norwegian words of one letter, and the «o» of a bullet


def _piece(word: str, known: list[Name]) -> str | None:
    """How a word of a letterhead line can be part of an organisation's name: «strong» (a name's own first
    word, a whole word of a name, KS, or a long piece of a word a narrow cell broke: «beredskapsdepartemen»,
    «Kunnskapsdep»), «weak» («og», the tail of a broken word: «mentet», «tet»; «X-» of a name the text does
    not name) or None. A capitalised piece must open a name («Helse» is no piece of «Helse- og …»: a cell
    keeps the hyphen), a lower-case one the start of a word of it; tails are weak, since short tails
    («et», «tet») are words of prose too."""
    if not WORD.match(word):
        return None
    w = word.casefold()
    if w == "og":
        return "weak"
    if word == "KS" or ORGANISATION.search(word) or w.endswith(MINISTRY_WORD):
        return "strong"
    capital = word[:1].isupper()
    lower = word[:1].islower() or word.isupper()
    for _kind, name in known:
        if capital and (w == name[0] or (len(w) >= 8 and name[0].startswith(w))):
            return "strong"
        for part in name[1:] if not word.isupper() else name:
            if lower and part != "og" and (w == part or (len(w) >= 8 and part.startswith(w))):
                return "strong"
    at = w.find("dep")
    if at > 0 and len(w) >= 8 and MINISTRY_WORD.startswith(w[at:]):
        return "strong"  # «Kunnskapsdep», «Samferdselsdeparteme»
    if lower and (len(w) >= 2 or w not in ONE_LETTER_WORDS) and any(part.endswith(w) and part != w for _, name in known
                                                                 for part in name):
        return "weak"  # a tail; one letter too («Finansdepartemente» / «t»), but not a word of one letter («i», «å»)
    if lower and len(w) >= 3 and MINISTRY_WORD.endswith(w):
        return "weak"
    if capital and word.endswith("-"):
        return "weak"
    return None


def _name_line(text: str, known: list[Name], after_letterhead: bool) -> bool:
    """Heuristic *name pieces*: a line every word of which is a piece of an organisation's name (`_piece`),
    with one strong piece at least, or right under letterhead lines (the tails of broken words: «ntet»,
    «mentet»). This holds however an exporter orders a table's cells and wherever Word broke a word inside
    a narrow cell: pdftotext -layout's rows («Justis- og   Barne- og   Samferdselsdeparteme   KS» over
    «beredskapsdepartemen   familiedepartementet   ntet»), pypdf's and pdftotext's cell lines one under
    another. A line with a word of prose («Avtale», «om»), a full stop or a comma after a word is no
    letterhead (the preamble names the parties too, but in a sentence)."""
    words = text.split()
    if not words or len(words) > 16:
        return False
    kinds = [_piece(w, known) for w in words]
    return None not in kinds and _og_joins_halves(words, after_letterhead) and ("strong" in kinds or after_letterhead)


def _og_joins_halves(words: list[str], after_letterhead: bool = False) -> bool:
    """Every «og» of a line of names joins a compound's halves («Justis- og»; or opens the line under one
    whose cell broke after the hyphen); after a whole name it joins a sentence's list («Helse- og
    omsorgsdepartementet og» / «Kunnskapsdepartementet inngår …»: a preamble without a title)."""
    return all(w.casefold() != "og" or (k > 0 and re.search("-,?$", words[k - 1])) or (k == 0 and after_letterhead)
               for k, w in enumerate(words))


def _names_shown(texts: list[str], known: list[Name]) -> list[str]:
    """The names a letterhead's lines show, in its order.

    - A name the document names is shown where a word opens it (its first word, or a long piece of it
      a narrow cell broke off) if its last word is shown too (whole or a long piece), and its place is
      that word's (`_placed_words`): pdftotext -layout's columns, pypdf's and pdftotext's cells one after
      another, so either way the order of the opening words is the letterhead's.
    - Names the document does not name otherwise, after those: where the lines are cells one under
      another (one column a line), the lines joined, a word a narrow cell broke joined again
      (`_join_broken`: «Samferdselsdeparteme» + «ntet»), name them; and a column (or a part of one ending
      in «-departementet») that is a name as it stands («KUNNSKAPSDEPARTEMENTET» → «Kunnskapsdepartementet»).
    """
    tokens = _placed_words(texts)
    words = [w for _, w in tokens]

    def opens(w: str, first: str) -> bool:
        return w == first or (len(w) >= 8 and first.startswith(w))

    found: list[tuple[tuple[int, ...], str]] = []
    for spelled, name in known:
        starts = [at for at, w in tokens if opens(w, name[0])]
        if starts and (len(name) == 1 or any(opens(w, name[-1]) for w in words)):
            found.append((min(starts), spelled))
    out = [n for _, n in sorted(found, key=lambda f: f[0])]
    if all(len(columns(t)) <= 1 and _name_starts(t) <= 1 for t in texts):
        out += [n for _, n in mentions(_join_broken([t.strip() for t in texts]))]
    out += [_org_name(o) for t in texts for c in columns(t) for o in ORG_SPLIT.split(c)
            if is_organisation(o) and o[:1].isupper() and not ROYAL.match(" ".join(o.split()))]  # not a half: «familiedepartementet»
    out += [_royal(m.group(1)) for m in ROYAL_NAME.finditer(_join_broken([t.strip() for t in texts]))]
    return list(dict.fromkeys(out))


def _name_starts(text: str) -> int:
    """How many names a line opens: «X-» heads, whole «…departementet» words and KS. A cell's line opens one
    at most; more are a row read without its columns (OCR: «Nærings- og Barne- og Kommunal- og»)."""
    return sum(1 for w in text.split() if w == "KS" or re.fullmatch(r"[A-ZÆØÅ][\wæøå]*-,?|[A-ZÆØÅ][\wæøå]*departementet", w))


def _placed_words(texts: list[str]) -> list[tuple[tuple[int, ...], str]]:
    """The letterhead's words (casefolded), each with a place that orders the names: where its lines are
    rows of columns, the column first (pdftotext -layout's offset from the margin; a tab-separated row's
    column number), so a name whose first word stands in the second row («Det kongelige» over
    «kunnskapsdepartement») keeps its column's place; else the reading order."""
    out: list[tuple[tuple[int, ...], str]] = []
    tabbed = any("\t" in t for t in texts)
    rows = any(len(columns(t)) > 1 for t in texts)
    for li, t in enumerate(texts):
        for k, m in enumerate(re.finditer(r"\S+", t)):
            column = t[: m.start()].count("\t") if tabbed else m.start()
            out.append(((column, li, k) if rows else (li, k), m.group(0).casefold()))
    return out


def _royal(name: str) -> str:
    """«KUNNSKAPSDEPARTEMENT» (of «Det kongelige …») → «Kunnskapsdepartementet»."""
    name = " ".join(name.split()).lower()
    return name[0].upper() + name[1:] + "et"


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
        notes.dropped(lines[i].no, text, _("text in a logo after the end of the agreement"))
        out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
    return out


LOGO_WORD = re.compile(r"^(?:[A-ZÆØÅ][\wæøå]*-,?|og|KS|[\wæøå]*departemen\w*|[\wæøå]*direktorat\w*|Kommunesektorens|organisasjon"
                       r"|[Dd]et|DET|kongel[ie]ge|KONGEL[IE]GE)$")


def _logo_words(text: str) -> bool:
    """A line of logo names read without their columns (OCR): «Justis- og Kommunal- og Helse- og KS»."""
    words = text.split()
    return (len(words) >= 2 and all(LOGO_WORD.match(w) for w in words) and _og_joins_halves(words)
            and any(w == "KS" or "departemen" in w.casefold() or "kongel" in w.casefold() for w in words))


def is_organisation(text: str) -> bool:
    """«Kunnskapsdepartementet», «Helse- og omsorgsdepartementet», «KS», «KUNNSKAPSDEPARTEMENTET», «Det kongelige
    helse- og omsorgsdepartement»."""
    words = text.split()
    if ROYAL.match(" ".join(words)):
        return True
    return 0 < len(words) <= 4 and (bool(ORGANISATION.search(text) or ORG_HALF.match(text)) or _capitals_name(words))


def _capitals_name(words: list[str]) -> bool:
    """Logo text in capitals: an acronym («KS», «NAV») or a name in capitals («KUNNSKAPSDEPARTEMENTET»,
    «KOMMUNESEKTORENS ORGANISASJON»); a title in capitals («SAMARBEIDSAVTALE») is none."""
    text = " ".join(words)
    return (text.isupper() and len(words) <= 2
            and (all(len(w) <= 5 for w in words) or bool(ORGANISATION.search(text.lower()) or ORG_HALF.match(text.capitalize()))))


def _org_name(text: str) -> str:
    """«KUNNSKAPSDEPARTEMENTET» -> «Kunnskapsdepartementet»; acronyms («KS») stay."""
    text = " ".join(text.split())
    if text.isupper() and len(text) > 4:
        return text[0] + text[1:].lower()
    return text

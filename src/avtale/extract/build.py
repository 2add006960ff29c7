"""Build stage: the outline becomes an `Agreement`, then it is validated.

Reads: an `Outline`, the organisation names clean saw in letterheads and logos, the
payloads a structured reader attached to its lines (`rich`, by source line: marks, footnotes, tables,
nested list items; see `build_blocks`), and the options (id, start, end). Writes: a valid `Agreement` and the to-dos for the
drafter (a path in the YAML and what the source could not hold there), written as
`# TODO` comments on those lines.

Derived from the text: language (bokmål or nynorsk, by marker words); the parties
and each signatory's party (see `parties`); the end of the period («fram til 31.
desember 2017», «fra 1. januar 2025 til 31. desember 2029») and its start («gjelder fra
1. januar 2025», «gjeld frå …»); a title in capitals is put in sentence case (`sentence_case`). Not derivable: the id and the start
date (from options, else a placeholder and a comment), and whether it was signed
(`signed` when there is a signature block, else `draft`, with a comment; `draft` wherever the source carries a
draft's mark, «UTKAST», `draft_mark`).

No section headings at all (recognise found none, numbered or not): the text is still read as an agreement
when it shows itself to be one — it has body text after the title and either a signature block or a title
that names an agreement («…avtale…», «Avtale om …») — and its body becomes one section with a guessed
title («Innhold», nynorsk «Innhald») and a to-do; a note says so. Anything else (a shopping list, a
README, a line of text) is refused: «this does not look like an agreement».
The to-dos recognise left in the outline (its guesses, e.g. stacked headings) are passed on.

Signatories in a Tesseract text export (`column_read`): Tesseract's column finder reads a signature
table's cells column by column (of «For A | For B» over «For C», it writes A, C, B), so the order of
the signatures in its text is not the order on the page. Where every party signs once, the
signatories are set in the order the text names the parties (the order agreements sign in), with
a note; anywhere else the order read is kept. pdftotext's plain text reads a table so too, and
shows nothing of the table: in a block whose every part stands on a line of its own (no row of cells
side by side), an order read that is exactly a two- or three-column table of the parties in their
order, read column by column (`_read_down_columns`), is set so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from pydantic import ValidationError

from avtale.dates import find_dates, format_date
from avtale.errors import ExtractError, Position
from avtale.extract import parties
from avtale.extract.lines import Notes
from avtale.extract.build_blocks import Blocks
from avtale.extract.outline import Outline, Part
from avtale.i18n import _
from avtale.model import Agreement, Annex, Period, Section, Signatory, Signing, Subsection

NYNORSK = {"ikkje", "eit", "ein", "frå", "kva", "vere", "berre", "dei", "korleis", "saman", "kommunane", "partane", "avtalepartane", "heile", "hjå", "vidare", "nokre", "mykje", "einige", "òg", "opplæringa", "barnehagane", "skulen", "skulane"}
BOKMAL = {"ikke", "et", "en", "fra", "hva", "være", "bare", "de", "hvordan", "sammen", "kommunene", "partene", "avtalepartene", "hele", "hos", "videre", "noen", "mye", "enige"}
START_PHRASE = re.compile(r"(?:gjelder|gjeld|løper|trer\s+i\s+kraft|tek\s+til\s+å\s+gjelde|tar\s+til\s+å\s+gjelde)\s+(?:fra|frå)(?:\s+og\s+med)?\s+$|(?:gjelder|gjeld)\s+f\.o\.m\.\s+$", re.IGNORECASE)
FROM_TO = re.compile(r"(?:fra|frå)\s+\d{1,2}\.\s+\w+\s+\d{4}\s+(?:og\s+)?til\s+$", re.IGNORECASE)
END_PHRASE = re.compile(r"(?:fram|frem)\s+til(?:\s+og\s+med)?\s+$|til\s+og\s+med\s+$|ut\s+$", re.IGNORECASE)
PLACEHOLDER_ID = "fyll-inn-id"
AGREEMENT_WORD = re.compile(r"avtale", re.IGNORECASE)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
TITLE_YEARS = re.compile(r"\b(?:19|20)\d\d\s?[–—-]\s?((?:19|20)\d\d)\b")  # «… 2026–2028» in the title


def body_texts(outline: Outline) -> list[str]:
    out = [outline.title]
    for blocks in [outline.preamble] + [s.blocks for s in outline.sections] + [b.blocks for s in outline.sections for b in s.subsections]:
        for b in blocks:
            out.extend(b.items)
    out += [s.title for s in outline.sections]
    return out


def sentence_case(title: str, texts: list[str]) -> str:
    """A title in capitals (Word's All caps, or typed so) in sentence case, keeping the forms the text
    uses for its words («NAV-KONTORET» → «NAV-kontoret»; «NAVKONTORET», with the hyphen lost, too), an acronym
    even where it opens a sentence («KS, Klima- og …»). A compound's
    first part («KLIMA- OG ENERGIARBEID») keeps a capital only where the text has it before the same words:
    «Klima- og miljødepartementet» is a name, «klima- og energiarbeid» is not."""
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 8 or any(c.islower() for c in letters):
        return title
    forms: dict[str, str] = {}
    for text in texts:
        for m in re.finditer(r"\b[\wæøåÆØÅ][\wæøåÆØÅ-]*", text):
            word = m.group(0)
            opens = m.start() == 0 or re.fullmatch(r"[.!?:]\s", text[m.start() - 2:m.start()])
            acronym = len(word.rstrip("-")) > 1 and word.rstrip("-").isupper()  # «KS» opening a sentence is still «KS»
            if (acronym or not opens) and word != word.lower():
                if word.endswith("-"):  # «Klima- og miljødepartementet»: the capital is the name's, so it
                    rest = " ".join(text[m.end():].split()[:2]).casefold()  # counts only before the same words
                    forms.setdefault(f"{word.casefold()} {rest}", word)
                    continue
                forms.setdefault(word.casefold(), word)
                forms.setdefault(word.replace("-", "").casefold(), word)
    out = []
    words = title.split()
    for k, word in enumerate(words):
        core = word.strip(".,:;«»\"()")
        if core.endswith("-"):
            form = forms.get(f"{core.casefold()} {' '.join(words[k + 1:k + 3]).casefold()}")
        else:
            form = forms.get(core.casefold()) or forms.get(core.replace("-", "").casefold())
        new = form if form else core.lower()
        if k == 0:
            new = new[:1].upper() + new[1:]
        out.append(word.replace(core, new))
    return " ".join(out)


def language(texts: list[str]) -> str:
    words = Counter(w.casefold() for t in texts for w in re.findall(r"[\wæøåÆØÅ]+", t))
    nn = sum(words[w] for w in NYNORSK)
    nb = sum(words[w] for w in BOKMAL)
    return "nn" if nn > nb else "nb"


def end_date(outline: Outline, notes: Notes, todos: list) -> dt.date | None:
    """The date after «fram til», «til og med» or «ut»; else after «fra … til»; else the latest date; else the
    end of the last year of a span in the title («… 2026–2028»); else the end of the last year the text names; the
    last three with a to-do. None where the text names no year at all."""
    candidates: list[dt.date] = []
    weak: list[dt.date] = []
    for text in body_texts(outline):
        for pos, d in find_dates(text):
            before = text[max(0, pos - 60) : pos]
            if END_PHRASE.search(before[-20:]):
                return d
            if FROM_TO.search(before):
                weak.append(d)
            candidates.append(d)
    if weak:
        return weak[0]
    if candidates:
        notes.meta(_("no «fram til …» in the text; the period ends on the latest date found, {date}")
                   .format(date=max(candidates)))
        todos.append((("period", "end"), _("a guess: the latest date in the text (it says no «fram til …»)")))
        return max(candidates)
    years = TITLE_YEARS.search(outline.title)
    if years:  # an export broke the sentence that says it (pdftotext's order at a page break)
        end = dt.date(int(years.group(1)), 12, 31)
        notes.meta(_("no date in the text says when the period ends; it ends with the title's last year, {date}")
                   .format(date=end))
        todos.append((("period", "end"), _("a guess: the end of the last year in the title (the text gives no end date)")))
        return end
    found = [int(y) for text in body_texts(outline) for y in YEAR.findall(text)]
    if found:  # an export scattered the sentence that says it, word by word (pdftotext, a justified line)
        end = dt.date(max(found), 12, 31)
        notes.meta(_("no date in the text says when the period ends; it ends with the last year the text names, {date}")
                   .format(date=end))
        todos.append((("period", "end"), _("a guess: the end of the last year the text names (it gives no end date)")))
        return end
    return None


def start_date(outline: Outline) -> dt.date | None:
    """The date after «gjelder fra», «gjeld frå», «fra og med» or «f.o.m.» where the text says when the agreement starts."""
    for text in body_texts(outline):
        for pos, d in find_dates(text):
            if START_PHRASE.search(text[max(0, pos - 40) : pos]):
                return d
    return None


def _subsections(parts: list[Part], made: Blocks) -> list[Subsection]:
    return [Subsection(title=p.title, blocks=made.lead(p.line) + made.blocks(p.blocks),
                       subsections=_subsections(p.subsections, made)) for p in parts]


def _one_section(outline: Outline, notes: Notes, todos: list) -> Outline:
    """The whole body as one section under a guessed title, for a text with no headings at all (module docstring)."""
    title = "Innhald" if language(body_texts(outline)) == "nn" else "Innhold"
    line = outline.preamble[0].line
    notes.uncertain(line, _("no section headings found: the whole text is one section titled «{title}» (a guess); "
                            "split it into sections and give each its title").format(title=title))
    todos.append((("sections", 0, "title"), _("a guess: the source shows no section headings; the whole text is this "
                                              "one section: split it into sections and title each")))
    return replace(outline, preamble=[], sections=[Part(title, line, list(outline.preamble))])


def _in_party_order(signers: list, which: list, parties: int, notes: Notes, scan: bool) -> tuple[list, list]:
    """The signatories in the order the parties are named, where each party signs once (the module's docstring)."""
    if sorted(k for k in which if k is not None) != list(range(parties)) or len(which) != parties or which == sorted(which):
        return signers, which
    order = sorted(range(len(which)), key=lambda i: which[i])
    if scan:
        notes.uncertain(signers[0].line, _("the signatures are set in the order the text names the parties: a text "
                                           "export of a scan reads a signature table column by column"))
    else:
        notes.uncertain(signers[0].line, _("the signatures are set in the order the text names the parties: read as "
                                           "they stand, they are a table of them read column by column"))
    return [signers[i] for i in order], [which[i] for i in order]


def _read_down_columns(which: list) -> bool:
    """The parties sign in an order that is exactly a table of two or three columns, filled row by row in the
    order the text names them, read column by column (pdftotext's plain text of «A | B» over «C | D» reads A, C,
    B, D; of «A | B» over «C»: A, C, B)."""
    n = len(which)
    if n < 3 or None in which or sorted(which) != list(range(n)) or which == sorted(which):
        return False
    for columns in (2, 3):
        rows = -(-n // columns)
        down = [r * columns + c for c in range(columns) for r in range(rows) if r * columns + c < n]
        if which == down:
            return True
    return False


def build(outline: Outline, orgs: list[str], notes: Notes, *, id: str | None = None,
          start: dt.date | None = None, end: dt.date | None = None, source: str = "<source>",
          column_read: bool = False, rich: dict | None = None) -> tuple[Agreement, list[tuple[tuple, str]]]:
    todos: list[tuple[tuple, str]] = list(outline.todos)
    made = Blocks(rich)
    one_section = not outline.sections
    if one_section and not (outline.preamble and (outline.signing is not None or AGREEMENT_WORD.search(outline.title))):
        raise ExtractError(_("no numbered or marked section headings found; this does not look like an agreement"),
                           Position(source))
    signers = outline.signing.signers if outline.signing else []
    preamble = [t for b in outline.preamble for t in b.items]
    party_list, which = parties.find(body_texts(outline), preamble, signers, orgs, notes)
    stacked = outline.signing is not None and outline.signing.stacked  # no row of cells shown side by side
    if column_read or stacked and _read_down_columns(which):
        signers, which = _in_party_order(signers, which, len(party_list), notes, column_read)
    if one_section:
        outline = _one_section(outline, notes, todos)
    if id is None:
        id = PLACEHOLDER_ID
        todos.append((("id",), _("«{id}» is a placeholder: rename it to the file name (e.g. 2014-2017)")
                               .format(id=PLACEHOLDER_ID)))
    if end is None:
        end = end_date(outline, notes, todos)
    if end is None:
        raise ExtractError(_("no end date in the text («fram til 31. desember 2025»); give one with --end YYYY-MM-DD"),
                           Position(source))
    if start is None:
        start = start_date(outline)
    if start is None:
        todos.append((("period",), _("the text gives no start date: add «start: YYYY-MM-DD» if known")))
    signing = None
    if signers:
        signatories = []
        for i, (s, k) in enumerate(zip(signers, which)):
            pid = party_list[k if k is not None else min(i, len(party_list) - 1)].id
            if k is None:
                todos.append((("signing", "signatories", i, "party"),
                              _("a guess: nothing in the source says which party «{name}» signs for").format(name=s.name)))
            if not s.title:
                notes.uncertain(s.line, _("no title under «{name}»").format(name=s.name))
                todos.append((("signing", "signatories", i, "title"), _("the source has no title under the name: write it")))
            signatories.append(Signatory(party=pid, name=s.name, title=s.title or "(tittel)", place=s.place, date=s.date))
        signing = Signing(place=outline.signing.place, date=outline.signing.date, signatories=signatories,
                          electronic=outline.signing.electronic)
        seen: dict[str, int] = {}
        for i, sig in enumerate(signatories):
            if sig.party in seen:
                todos.append((("signing", "signatories", i, "party"),
                              _("«{party}» signs already (signatory {number}); each party signs once: which party "
                                "does «{name}» sign for?")
                              .format(party=sig.party, number=seen[sig.party] + 1, name=sig.name)))
            seen.setdefault(sig.party, i)
        if signing.place == "(sted)":
            todos.append((("signing", "place"), _("a placeholder: the source gives no place of signing")))
    status = "signed" if signing and notes.draft_mark is None else "draft"  # marked «UTKAST»: a draft (`draft_mark`)
    if not signing and outline.signing:
        g = outline.signing
        todos.append((("status",), _("draft: the source is signed ({place}, {date}) but no signatory could be read; "
                                     "add signing").format(place=g.place, date=format_date(g.date))))
    elif not signing and notes.draft_mark is None:  # a source marked as a draft says so itself
        todos.append((("status",), _("draft because the source has no signature block: set «signed» if it was signed")))
    try:
        agreement = Agreement(
            id=id,
            title=sentence_case(outline.title, body_texts(outline)[1:]),
            language=language(body_texts(outline)),
            parties=party_list,
            period=Period(start=start, end=end),
            status=status,
            numbering=outline.numbering,
            preamble=made.blocks(outline.preamble),
            sections=[Section(title=s.title, blocks=made.lead(s.line) + made.blocks(s.blocks),
                              subsections=_subsections(s.subsections, made))
                      for s in outline.sections],
            signing=signing,
            annexes=[Annex(id=a.id, title=a.title, blocks=made.lead(a.line) + made.blocks(a.blocks),
                           subsections=_subsections(a.subsections, made)) for a in outline.annexes],
            footnotes=made.notes,
        )
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ExtractError(_("the extracted agreement is not valid: `{where}`: {problem}")
                           .format(where=where, problem=err["msg"]), Position(source)) from None
    for i, p in enumerate(party_list):
        if re.fullmatch(r"Part \d", p.name):
            todos.append((("parties", i, "name"),
                          _("a placeholder: the text names no more parties; write the party's full name")))
    return agreement, todos

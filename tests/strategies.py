"""Hypothesis strategies for agreements that use every part of the format, shared by every area's tests.

`agreements()` draws a valid agreement (it passes `avtale validate` with no error): tables with marks in
their cells, nested lists three levels deep of mixed kinds and styles, three heading levels, annexes with ids
and references to them, footnotes referred to and defined, bold, italic and links with escapes, literal
asterisks, 1–12 parties and signatories (at least 2 parties, as the model asks), electronic and paper signing
with signatories' own places and dates. `plain_texts()` draws texts full of mark characters, written as typed;
`marked_texts()` draws texts with marks (as a drafter types them).

Words come from small vocabularies so that no rule trips by chance: no «til» before a date (AV301), no
numeric dates (AV304), no double spaces (AV302), cell words short enough for any drawn column (AV313).
"""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st

from avtale import inline
from avtale.model import Agreement

WORDS = ["avtalen", "partene", "skal", "samarbeide", "om", "kommunene", "staten", "barn", "unge", "tjenester",
         "kvalitet", "og", "i", "med", "for", "oppfølging", "veiledning", "rapportering", "økonomi", "ansvar",
         "på", "tiltak", "nye", "felles", "årlig", "gjennomgang", "innsats", "skolen", "barnehagen", "helse"]
CELL_WORDS = ["KD", "KS", "BFD", "mål", "frist", "alle", "skole", "120", "80", "2026", "ja", "nei", "tiltak",
              "ansvar", "plan", "sum", "rapport", "møte"]
URLS = ["https://lovdata.no/lov", "https://www.regjeringen.no/no/id1/", "http://ks.no", "mailto:post@ks.no",
        "https://example.no/a_(b)"]
TITLE_WORDS = ["Formål", "Samarbeid", "Økonomi", "Oppfølging", "Rapportering", "Mandat", "Plan", "Kompetanse",
               "Tidsramme", "Evaluering", "Ansvar", "Tiltak", "Styring", "Innsats"]
ORGS = ["Kunnskapsdepartementet", "Barne- og familiedepartementet", "Helse- og omsorgsdepartementet",
        "Kommunal- og distriktsdepartementet", "Justis- og beredskapsdepartementet", "KS", "Fylkesmannen",
        "Statsforvalteren", "Utdanningsdirektoratet", "Helsedirektoratet", "Bufdir", "Husbanken"]
PLACES = ["Oslo", "Bodø", "Bergen", "Tromsø", "Trondheim"]
ANNEX_IDS = ["mandat", "plan", "budsjett", "rutiner", "vedlegg-a"]
NOTE_IDS = ["oppvekst", "kostra", "meld-st-6", "lov", "n1"]

# Strategies are made once and reused: hypothesis validates every new strategy object, and making them afresh
# for each word drawn cost most of the time of every test that draws agreements.
@functools.lru_cache(maxsize=None)
def _sampled(values: tuple) -> st.SearchStrategy:
    return st.sampled_from(values)


def _pick(values) -> st.SearchStrategy:
    return _sampled(tuple(values))


@functools.lru_cache(maxsize=None)
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@functools.lru_cache(maxsize=None)
def _lists(element: st.SearchStrategy, min_size: int = 0, max_size: int | None = None,
           unique: bool = False) -> st.SearchStrategy[list]:
    return st.lists(element, min_size=min_size, max_size=max_size, unique=unique)


_BOOLS = st.booleans()


# what a plain text holds to try the escaping: every mark character, alone and in runs
MARK_CHARS = _pick(["*", "**", "***", "[", "]", "\\", "\\*", "(", ")", "[^x]", "[#y]", "[a](b)", "_",
                              "#", "^", " ", "a", "ø", "Ord", "5 * 3", "C:\\mapper", "x*", "*x"])


def plain_texts() -> st.SearchStrategy[str]:
    """Texts as typed by someone who means no marks: asterisks, brackets and backslashes anywhere."""
    return st.lists(MARK_CHARS, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip() == t and t)


@st.composite
def _span(draw, notes: list[str], annexes: list[str], words=WORDS, links: bool = True) -> str:
    """One word of running text, perhaps marked or followed by a reference."""
    word = draw(_pick(words))
    kind = draw(_pick(["plain"] * 6 + ["bold", "italic", "both", "link", "star", "escaped"]
                                + (["note"] if notes else []) + (["annex", "annex-link"] if annexes else [])))
    more = " ".join(draw(_lists(_pick(words), max_size=2)))
    phrase = f"{word} {more}".strip()
    if kind == "bold":
        return f"**{phrase}**"
    if kind == "italic":
        return f"*{phrase}*"
    if kind == "both":
        return f"**{word} *{phrase}***"
    if kind == "link" and links:
        return f"[{phrase}]({draw(_pick(URLS))})"
    if kind == "star":
        return f"{word}\\*"  # a literal asterisk, escaped
    if kind == "escaped":  # what would be a footnote reference, kept literal (escaped as `inline.escape` does)
        return f"\\[^{draw(_pick([w for w in words if w.isascii()]))}]"
    if kind == "note":
        return f"{word}[^{draw(_pick(notes))}]"
    if kind == "annex":
        return f"[#{draw(_pick(annexes))}]"
    if kind == "annex-link" and links:
        return f"[{phrase}](#{draw(_pick(annexes))})"
    return word


@functools.lru_cache(maxsize=None)
def _spans(notes: tuple, annexes: tuple, words: tuple) -> st.SearchStrategy[str]:
    return _span(list(notes), list(annexes), words)


@st.composite
def prose(draw, notes: list[str] = (), annexes: list[str] = (), words=WORDS, most: int = 8) -> str:
    """A sentence or two of text with marks."""
    sentences = []
    for _ in range(draw(_ints(1, 2))):
        spans = draw(_lists(_spans(tuple(notes), tuple(annexes), tuple(words)), min_size=1, max_size=most))
        first = spans[0]
        if first[:1].isalpha():
            first = first[0].upper() + first[1:]
        sentences.append(" ".join([first, *spans[1:]]) + ".")
    return " ".join(sentences)


def marked_texts() -> st.SearchStrategy[str]:
    """Texts with marks and references, as a drafter types them."""
    return prose(notes=NOTE_IDS[:2], annexes=ANNEX_IDS[:2])


@st.composite
def _cell(draw, notes, annexes) -> str:
    kind = draw(_pick(["word", "word", "two", "bold", "italic", "empty", "note", "star"]))
    word = draw(_pick(CELL_WORDS))
    if kind == "two":
        return f"{word} {draw(_pick(CELL_WORDS))}"
    if kind == "bold":
        return f"**{word}**"
    if kind == "italic":
        return f"*{word}*"
    if kind == "empty":
        return ""
    if kind == "note" and notes:
        return f"{word}[^{draw(_pick(notes))}]"
    if kind == "star":
        return f"{word}\\*"
    return word


@st.composite
def table(draw, notes, annexes) -> dict:
    """A table of 1–4 columns; widths 1–2, so every column holds any cell word (AV313)."""
    count = draw(_ints(1, 4))
    cell = _cell(notes, annexes)
    out: dict = {}
    if draw(_BOOLS):
        out["caption"] = draw(prose(notes, annexes, most=4))
    if draw(_BOOLS):
        out["columns"] = [
            {k: v for k, v in (("width", draw(_pick([None, 1, 1.5, 2]))),
                               ("align", draw(_pick([None, "left", "center", "right"])))) if v is not None}
            for _ in range(draw(_ints(1, count)))]
    out["header"] = [draw(_pick(CELL_WORDS)) for _ in range(count)]
    out["rows"] = [[draw(cell) for _ in range(count)] for _ in range(draw(_ints(1, 4)))]
    return {"table": out}


@st.composite
def items(draw, notes, annexes, level: int) -> list:
    """A list's items; an item may carry a list of its own down to the third level, of either kind."""
    out = []
    for _ in range(draw(_ints(1, 3))):
        text = draw(prose(notes, annexes, most=4))
        if level < 3 and draw(_ints(0, 3)) == 0:
            kind = draw(_pick(["bullets", "numbered"]))
            item = {"text": text, kind: draw(items(notes, annexes, level + 1))}
            if kind == "numbered" and draw(_BOOLS):
                item["style"] = draw(_pick(["1.", "1)", "a)", "i)"]))
            out.append(item)
        else:
            out.append(text)
    return out


@st.composite
def blocks(draw, notes, annexes, least: int = 1) -> list:
    out = []
    for _ in range(draw(_ints(least, 3))):
        kind = draw(_pick(["paragraph", "paragraph", "bullets", "numbered", "table"]))
        if kind == "paragraph":
            out.append(draw(prose(notes, annexes)))
        elif kind == "table":
            out.append(draw(table(notes, annexes)))
        else:
            block = {kind: draw(items(notes, annexes, 1))}
            if kind == "numbered" and draw(_BOOLS):
                block["style"] = draw(_pick(["1.", "1)", "a)", "i)"]))
            if kind == "bullets" and out and "bullets" in out[-1]:
                out.append(draw(prose(notes, annexes)))  # two bullet lists back to back: AV209
            out.append(block)
    return out


@st.composite
def parts(draw, notes, annexes, level: int, count: int) -> list:
    """Subsections (titles unique among siblings), with their own down to 2.1.1."""
    titles = draw(_lists(_pick(TITLE_WORDS), min_size=count, max_size=count, unique=True))
    out = []
    for title in titles:
        part: dict = {"title": title}
        subs = draw(_ints(0, 2)) if level < 2 else 0
        content = draw(blocks(notes, annexes, least=0 if subs else 1))
        if content:
            part["blocks"] = content
        if subs:
            part["subsections"] = draw(parts(notes, annexes, level + 1, subs))
        out.append(part)
    return out


@st.composite
def signing(draw, party_ids: list[str], start: dt.date, end: dt.date) -> dict:
    count = draw(_ints(1, len(party_ids)))
    chosen = draw(st.permutations(party_ids))[:count]
    day = st.dates(min_value=start - dt.timedelta(days=60), max_value=end)
    electronic = draw(_BOOLS)
    shared = not electronic and draw(_BOOLS)
    out: dict = {}
    if electronic:
        out["electronic"] = True
    if shared or (electronic and draw(_BOOLS)):
        out["place"] = draw(_pick(PLACES))
    if shared:
        out["date"] = draw(day)
    signatories = []
    for i, party in enumerate(chosen):
        s = {"party": party, "name": f"Person {chr(65 + i)} Nordmann", "title": draw(_pick(
            ["Kunnskapsminister", "Styreleder i KS", "Direktør", "Statsråd"]))}
        if not shared and not electronic or draw(_BOOLS):
            s["place"] = draw(_pick(PLACES))
        if not shared and not electronic or draw(_BOOLS):
            s["date"] = draw(day)
        signatories.append(s)
    out["signatories"] = signatories
    return out


@st.composite
def agreement_data(draw) -> dict:
    """The plain data of a valid agreement using every part of the format (as `model_dump` gives it)."""
    start = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 1, 1)))
    end = start + dt.timedelta(days=draw(_ints(365, 4 * 365)))
    ident = f"eksempel-{start.year}-{end.year}"
    n_parties = draw(_ints(2, 12))
    names = draw(st.permutations(ORGS))[:n_parties]
    party_ids = [f"p{i}" for i in range(n_parties)]
    parties = [{"id": pid, "name": name} for pid, name in zip(party_ids, names)]
    annex_count = draw(_ints(0, 3))
    annex_ids = draw(_lists(_pick(ANNEX_IDS), min_size=annex_count, max_size=annex_count, unique=True))
    with_id = [a for a in annex_ids if draw(_ints(0, 4))]  # now and then an annex has no id
    note_ids = draw(_lists(_pick(NOTE_IDS), max_size=3, unique=True))
    data: dict = {"id": ident, "title": "Eksempel: " + " ".join(draw(st.lists(_pick(TITLE_WORDS),
                                                                               min_size=1, max_size=4))),
                  "language": draw(_pick(["nb", "nn"])), "parties": parties,
                  "period": {"start": start, "end": end}, "status": "draft"}
    if draw(_BOOLS):
        data["numbering"] = draw(_pick(["1", "§ 1", "none"]))
    preamble = draw(blocks(note_ids, with_id, least=0))
    # every note is referred to, and every annex with an id, somewhere (AV311's warning, and to use them)
    refs = [f"merknad[^{n}]" for n in note_ids] + [f"[#{a}]" for a in with_id]
    if refs:
        preamble.append("Se " + " og ".join(refs) + ".")
    if preamble:
        data["preamble"] = preamble
    data["sections"] = draw(parts(note_ids, with_id, 0, draw(_ints(1, 4))))
    if draw(_ints(0, 5)):
        data["signing"] = draw(signing(party_ids, start, end))
    if annex_ids:
        annexes = draw(parts(note_ids, with_id, 1, annex_count))
        for annex, aid in zip(annexes, annex_ids):
            if aid in with_id:
                annex["id"] = aid
        data["annexes"] = [{"id": a.pop("id")} | a if "id" in a else a for a in annexes]
    if note_ids:
        data["footnotes"] = {n: draw(prose((), with_id, most=5)) for n in note_ids}
    return data


def agreements() -> st.SearchStrategy[Agreement]:
    """Valid agreements using every part of the format."""
    return agreement_data().map(Agreement.model_validate)


def node_texts() -> st.SearchStrategy[str]:
    """Texts as `inline.emit` writes them from nodes: what `extract` builds from Word runs or HTML."""
    return marked_texts().map(lambda t: inline.emit(inline.parse(t).nodes))

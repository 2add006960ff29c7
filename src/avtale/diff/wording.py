"""The words of a diff, in bokmål or nynorsk: the header, the summary, labels and values of metadata, the
status of a part. Every diff format (text, Markdown, HTML, PDF, the DOCX redline's summary comment) takes its
wording from here, so they all say the same thing the same way.

The words: `header`, `summary`, `no_changes`; a metadata field's `field_label`, `field_value` and whole
`field_change` («status: signert → utkast»); `status_word` for a section, `part_status` for a paragraph or
item; `signing_line` (a signatory by name and party name, place and date, electronic signing); `describe`
(a phrase's formatting change); `redline_comment` (the DOCX redline's note on metadata it does not print);
`word` for the fixed words of headings, lists, tables and moves.

The nynorsk forms, checked against Språkrådet's norms (the inflection classes of Nynorskordboka: v1 verbs
take -a in the past participle, n1 neuter nouns no ending in the plural, m1 masculine nouns -ar, f1
feminine nouns -er, nouns in -ing -ar):

==================  ===================  ====================  =================================================
bokmål              nynorsk              class (nn)            why
==================  ===================  ====================  =================================================
endret, fjernet     endra, fjerna        v1 (kaste – kasta)    perfektum partisipp of a-verbs ends in -a
flyttet, slettet    flytta, sletta       v1                    as above
gjennomstreket      gjennomstreka        v1                    as above
uthevet             utheva               v1                    as above
nytt / nye          nytt / nye           a1                    same in both standards
kapittel, kapitler  kapittel, kapittel   n1 (hus – hus)        neuter nouns: plural without ending
vedlegg             vedlegg              n1                    as above
fotnoter            fotnotar             m1 (båt – båtar)      masculine nouns: plural -ar
parter              partar               m1                    as above
underskrifter       underskrifter        f1 (bygd – bygder)    feminine nouns: plural -er
Endringer fra       Endringar frå        f3 (-ing → -ingar)    nouns in -ing: plural -ar; preposition frå
Innledning          Innleiing            f3                    nynorsk leie (not lede)
ingen endringer     ingen endringar      f3                    as Endringar
ikke                ikkje                                      adverb
sted                stad                 m1                    nynorsk stad
høyre               høgre                a                     nynorsk høgre
fet skrift          feit skrift          a1                    nynorsk feit
lagt til            lagd til             v2 (leggje)           participle agreeing with skrift (f)
henvist til         vist til                                   nynorsk has no henvise
herfra, ingen       herifrå, ingen                             adverb frå; ingen in both
ingen (nummerering) inga                 f (nummerering)       determiner agreeing with a feminine noun
bredde              breidd               f1                    nynorsk breidd
utenfor             utanfor                                    preposition
==================  ===================  ====================  =================================================

Reads: an `AgreementDiff` (its `language`: nn where both agreements are nynorsk). Writes: strings.
"""

from __future__ import annotations

from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, AgreementDiff, Change, Format, SectionDiff

# (singular, plural) of the nouns counted; both are neuter in both written standards
_NOUNS = {
    "nb": {"section": ("kapittel", "kapitler"), "annex": ("vedlegg", "vedlegg")},
    "nn": {"section": ("kapittel", "kapittel"), "annex": ("vedlegg", "vedlegg")},
}
# a part's status as a predicate of a neuter noun: (singular, plural) — «1 kapittel er nytt», «2 er nye»
_STATUS = {
    "nb": {CHANGED: ("endret", "endret"), ADDED: ("nytt", "nye"), REMOVED: ("fjernet", "fjernet"),
           MOVED: ("flyttet", "flyttet")},
    "nn": {CHANGED: ("endra", "endra"), ADDED: ("nytt", "nye"), REMOVED: ("fjerna", "fjerna"),
           MOVED: ("flytta", "flytta")},
}
_AND = {"nb": "og", "nn": "og"}
_FIELDS = {
    "nb": {"id": "id", "language": "målform", "status": "status", "numbering": "nummerering", "period": "periode",
           "parties": "parter", "title": "tittel"},
    "nn": {"id": "id", "language": "målform", "status": "status", "numbering": "nummerering", "period": "periode",
           "parties": "partar", "title": "tittel"},
}
_VALUES = {
    "nb": {"status": {"draft": "utkast", "signed": "signert"},
           "language": {"nb": "bokmål", "nn": "nynorsk"},
           "numbering": {"decimal": "desimal (1, 1.1)", "none": "ingen"}},
    "nn": {"status": {"draft": "utkast", "signed": "signert"},
           "language": {"nb": "bokmål", "nn": "nynorsk"},
           "numbering": {"decimal": "desimal (1, 1.1)", "none": "inga"}},
}


def language(diff: AgreementDiff) -> str:
    return diff.language if diff.language in _NOUNS else "nb"


def side(diff: AgreementDiff, which: str) -> str:
    """One side named for a reader: the agreement's id and, where the caller gave one, where it came from
    («2026-2029 (main:agreements/2026-2029.yaml)»)."""
    ident, label = (diff.old_id, diff.old_label) if which == "old" else (diff.new_id, diff.new_label)
    return f"{ident} ({label})" if label and label != ident else ident


def header(diff: AgreementDiff) -> str:
    """«Endringer fra A til B» (nynorsk: «Endringar frå A til B»)."""
    if language(diff) == "nn":
        return f"Endringar frå {side(diff, 'old')} til {side(diff, 'new')}"
    return f"Endringer fra {side(diff, 'old')} til {side(diff, 'new')}"


def no_changes(diff: AgreementDiff) -> str:
    return "Ingen endringar i avtalen." if language(diff) == "nn" else "Ingen endringer i avtalen."


def count(parts: list[SectionDiff], what: str, lang: str) -> str | None:
    """One sentence counting changed parts by status, or None where none changed:
    «1 kapittel er endret.», «4 kapitler: 2 endret, 1 nytt og 1 flyttet.» (`what`: section | annex)."""
    counts = [(k, sum(1 for s in parts if s.status == k)) for k in (CHANGED, ADDED, REMOVED, MOVED)]
    counts = [(k, n) for k, n in counts if n]
    if not counts:
        return None
    one, many = _NOUNS[lang][what]
    total = sum(n for _, n in counts)
    noun = one if total == 1 else many
    if len(counts) == 1:
        k, n = counts[0]
        verb = "er"
        return f"{n} {noun} {verb} {_STATUS[lang][k][0 if n == 1 else 1]}."
    words = [f"{n} {_STATUS[lang][k][0 if n == 1 else 1]}" for k, n in counts]
    return f"{total} {noun}: {', '.join(words[:-1])} {_AND[lang]} {words[-1]}."


def summary(diff: AgreementDiff) -> list[str]:
    """The summary sentences: sections, then annexes, that changed."""
    lang = language(diff)
    out = [count([s for s in diff.sections], "section", lang), count([s for s in diff.annexes], "annex", lang)]
    return [s[0].upper() + s[1:] if s else s for s in out if s]


def field_label(name: str, lang: str = "nb") -> str:
    """A metadata field's name as a reader knows it: «status», «periode», «målform» …"""
    return _FIELDS.get(lang, _FIELDS["nb"]).get(name, name)


def field_value(name: str, value: str, lang: str = "nb") -> str:
    """A metadata value in words: status «signed» → «signert», language «nn» → «nynorsk»."""
    return _VALUES.get(lang, _VALUES["nb"]).get(name, {}).get(value, value)


def status_word(status: str, lang: str = "nb") -> str:
    """A part's status as one word: «endret», «nytt», «fjernet», «flyttet» (neuter singular)."""
    return _STATUS.get(lang, _STATUS["nb"]).get(status, ("", ""))[0]


# --- the other words of a diff: headings, labels, list and table parts, signing, formatting --------------------

_WORDS = {
    "nb": {
        "legend": "Slettet tekst er ~~gjennomstreket~~, ny tekst er **uthevet**.",
        "preamble": "Innledning", "item": "punkt", "signing": "Underskrifter", "footnotes": "Fotnoter", "annex": "Vedlegg",
        "before": "Før", "after": "Etter", "title": "tittel", "none": "(ingen)",
        "retitled": "ny tittel", "retitled+text": "ny tittel, tekst endret",
        "bullets": "Punktliste", "numbered": "Nummerert liste", "numbering": "nummerering",
        "table": "Tabell", "header": "overskriftsrad", "row": "rad {n}", "column": "kolonne {n}",
        "caption": "tittel", "width": "bredde", "formatting": "formatering",
        "left": "venstre", "center": "midtstilt", "right": "høyre",
        "not referred to": "ikke henvist til", "place-date": "sted og dato",
        "electronic": "elektronisk signering", "yes": "ja", "no": "nei",
        "moved from": "flyttet herfra til {where}", "moved to": "flyttet hit fra {where}",
        "bold+": "fet skrift lagt til", "bold-": "fet skrift fjernet",
        "italic+": "kursiv lagt til", "italic-": "kursiv fjernet",
        "link+": "lenke lagt til ({new})", "link-": "lenke fjernet ({old})", "link~": "lenke endret: {old} → {new}",
        "added": "ny", "removed": "fjernet", "changed": "endret", "moved": "flyttet",
        "unprinted": "Endret utenfor teksten",
    },
    "nn": {
        "legend": "Sletta tekst er ~~gjennomstreka~~, ny tekst er **utheva**.",
        "preamble": "Innleiing", "item": "punkt", "signing": "Underskrifter", "footnotes": "Fotnotar", "annex": "Vedlegg",
        "before": "Før", "after": "Etter", "title": "tittel", "none": "(ingen)",
        "retitled": "ny tittel", "retitled+text": "ny tittel, tekst endra",
        "bullets": "Punktliste", "numbered": "Nummerert liste", "numbering": "nummerering",
        "table": "Tabell", "header": "overskriftsrad", "row": "rad {n}", "column": "kolonne {n}",
        "caption": "tittel", "width": "breidd", "formatting": "formatering",
        "left": "venstre", "center": "midtstilt", "right": "høgre",
        "not referred to": "ikkje vist til", "place-date": "stad og dato",
        "electronic": "elektronisk signering", "yes": "ja", "no": "nei",
        "moved from": "flytta herifrå til {where}", "moved to": "flytta hit frå {where}",
        "bold+": "feit skrift lagd til", "bold-": "feit skrift fjerna",
        "italic+": "kursiv lagd til", "italic-": "kursiv fjerna",
        "link+": "lenke lagd til ({new})", "link-": "lenke fjerna ({old})", "link~": "lenke endra: {old} → {new}",
        "added": "ny", "removed": "fjerna", "changed": "endra", "moved": "flytta",
        "unprinted": "Endra utanfor teksten",
    },
}


def word(key: str, lang: str = "nb", **values) -> str:
    """One of the diff's fixed words or phrases (`_WORDS`), with `values` put in: word("row", n=3) → «rad 3»."""
    s = _WORDS.get(lang, _WORDS["nb"])[key]
    return s.format(**values) if values else s


def part_status(status: str, lang: str = "nb") -> str:
    """A paragraph's, item's or row's status as a line's tag: «ny», «fjernet», «endret», «flyttet»."""
    return word(status, lang) if status in (ADDED, REMOVED, CHANGED, MOVED) else ""


def describe(f: Format, lang: str = "nb", link=lambda url: url) -> str:
    """What changed in a phrase's marks: «fet skrift lagt til», «lenke endret: a → b» (`link` writes a url:
    Markdown puts it in <…>)."""
    (_, b0, i0, l0), (_, b1, i1, l1) = f.old[0], f.new[0]
    out = []
    if b0 != b1:
        out.append(word("bold+" if b1 else "bold-", lang))
    if i0 != i1:
        out.append(word("italic+" if i1 else "italic-", lang))
    if l0 != l1:
        key = "link+" if not l0 else "link-" if not l1 else "link~"
        out.append(word(key, lang, old=link(l0) if l0 else "", new=link(l1) if l1 else ""))
    return ", ".join(out)


def field_change(name: str, old: str, new: str, lang: str = "nb") -> str:
    """A metadata change in words: «status: signert → utkast»."""
    return f"{field_label(name, lang)}: {field_value(name, old, lang)} → {field_value(name, new, lang)}"


def signing_what(c: Change, lang: str = "nb") -> str:
    """What a signing change is about: «sted og dato», «elektronisk signering», or the signatory by name and
    party name («Ola Nordmann (Kunnskapsdepartementet)»)."""
    return word(c.kind, lang) if c.kind in ("place-date", "electronic") else c.what


def signing_value(c: Change, value: str, lang: str = "nb") -> str:
    """One side of a signing change in words: «ja»/«nei» for electronic signing, «(ingen)» for nothing."""
    if c.kind == "electronic":
        return word("yes" if value == "ja" else "no", lang)
    return value or word("none", lang)


def signing_line(c: Change, lang: str = "nb") -> str:
    """A signing change as one line without its mark: a signatory added or removed by name and party name
    with what the block says of them («Ola Nordmann (Kunnskapsdepartementet): statsråd»), else «what: old →
    new»."""
    what = signing_what(c, lang)
    if c.status in (ADDED, REMOVED) and c.kind in ("signatory", "place-date"):
        value = c.new or c.old
        return f"{what}: {value}" if value else what
    return f"{what}: {signing_value(c, c.old, lang)} → {signing_value(c, c.new, lang)}"


def redline_comment(diff: AgreementDiff) -> str:
    """The DOCX redline's comment on metadata the document does not print (id, period, status, målform,
    nummerering), or "" where none changed: «Endret utenfor teksten: status: signert → utkast; …»."""
    lang = language(diff)
    changes = [field_change(n, o, v, lang) for n, o, v in diff.fields if n in _UNPRINTED]
    return f"{word('unprinted', lang)}: {'; '.join(changes)}" if changes else ""


_UNPRINTED = ("id", "period", "status", "language", "numbering")


# --- one part's change, for the redlines' change lists ---------------------------------------------------------

# each kind of part: (noun, gender), gender 0 masculine or feminine, 1 neuter (the adjective's form)
_PARTS = {
    "nb": {"paragraph": ("avsnitt", 1), "item": ("punkt", 1), "row": ("rad", 0), "section": ("kapittel", 1),
           "subsection": ("underkapittel", 1), "annex": ("vedlegg", 1), "note": ("fotnote", 0),
           "title": ("tittel", 0), "heading": ("overskrift", 0), "table": ("tabell", 0), "list": ("liste", 0),
           "bullets": ("punktliste", 0), "numbered": ("nummerert liste", 0), "caption": ("tabelltittel", 0),
           "header": ("overskriftsrad", 0), "signatory": ("underskriver", 0)},
    "nn": {"paragraph": ("avsnitt", 1), "item": ("punkt", 1), "row": ("rad", 0), "section": ("kapittel", 1),
           "subsection": ("underkapittel", 1), "annex": ("vedlegg", 1), "note": ("fotnote", 0),
           "title": ("tittel", 0), "heading": ("overskrift", 0), "table": ("tabell", 0), "list": ("liste", 0),
           "bullets": ("punktliste", 0), "numbered": ("nummerert liste", 0), "caption": ("tabelltittel", 0),
           "header": ("overskriftsrad", 0), "signatory": ("underskrivar", 0)},
}
# a status as an adjective before the noun, by gender: «nytt avsnitt», «ny rad», «fjerna punkt»
_BEFORE = {
    "nb": {CHANGED: ("endret", "endret"), ADDED: ("ny", "nytt"), REMOVED: ("fjernet", "fjernet"),
           MOVED: ("flyttet", "flyttet")},
    "nn": {CHANGED: ("endra", "endra"), ADDED: ("ny", "nytt"), REMOVED: ("fjerna", "fjerna"),
           MOVED: ("flytta", "flytta")},
}
_MOVED_AWAY = {"nb": "flyttet herfra", "nn": "flytta herifrå"}


def part_change(status: str, kind: str, lang: str = "nb") -> str:
    """A part's change in the change lists of the HTML and PDF redlines, lower-case: «nytt avsnitt», «ny
    rad», «fjernet punkt», «endret tabell», «avsnitt flyttet herfra» (nynorsk «fjerna punkt», «avsnitt flytta
    herifrå»)."""
    lang = lang if lang in _PARTS else "nb"
    noun, gender = _PARTS[lang].get(kind, (kind, 1))
    if status == "moved-away":
        return f"{noun} {_MOVED_AWAY[lang]}"
    return f"{_BEFORE[lang].get(status, _BEFORE[lang][CHANGED])[gender]} {noun}"

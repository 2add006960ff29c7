"""The words of a diff, in bokmål or nynorsk: the header, the summary, labels and values of metadata, the
status of a part. Every diff format (text, Markdown, HTML, PDF, the DOCX redline's summary comment) takes its
wording from here, so they all say the same thing the same way.

Reads: an `AgreementDiff` (its `language`: nn where both agreements are nynorsk). Writes: strings.
"""

from __future__ import annotations

from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, AgreementDiff, SectionDiff

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

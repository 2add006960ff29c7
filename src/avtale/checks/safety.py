"""AV102: every string of the agreement holds only characters that print as they read.

Walks every string of the model (`Context.strings`: prose, party names and short names, signatories,
places, logo paths and alt texts, ids, settings; the model's fields, not a list kept here) for the
characters `avtale.characters.REFUSED` names: bidirectional controls, control characters, NUL,
noncharacters, lone surrogates, hidden-text characters. The YAML reader refuses those typed in the file
(with the same words, `characters.refusal`); what reaches a text by a backslash escape in double quotes
(`"\\u202E"`, `"\\x85"`) is found here, each distinct character once a text (tag characters, which spell
hidden text, once), at the line and column where it was typed. A short escape (`"\\0"`, `"\\e"`) is named
by AV101 at the same place, with its own fix, and not twice. The model reads every text in NFC
(`model.nfc`), so no rule needs a word on NFC.
"""

from __future__ import annotations

from avtale.characters import REFUSED, refusal
from avtale.checks import At, rule
from avtale.i18n import N_


@rule("AV102", "printable-text", N_("every text holds only characters a PDF and a Word document print as they read: "
                                    "no bidirectional controls, control characters, NUL or noncharacters"))
def printable_text(agreement, ctx):
    if ctx.source is not None and "\\" not in ctx.source and REFUSED.search(ctx.source) is None:
        return  # no escape, and nothing typed: no string can hold one (the common case, told in one scan)
    found = [(loc, text) for loc, text in ctx.strings if REFUSED.search(text)]
    if not found:
        return
    from avtale.store import places  # only where something is found: not on the start-up path

    lines = ctx.source.split("\n") if ctx.source is not None else []
    scalars = _scalars(ctx.source) if ctx.source is not None else {}
    short_escapes = None
    for loc, text in found:
        scalar = scalars.get(loc)
        value = scalar.value if scalar is not None else text
        seen = set()
        for m in REFUSED.finditer(value):
            char = m.group()
            # hidden text spelled in tag characters: one finding, at its start
            kind = "tag" if "\U000e0000" <= char <= "\U000e007f" else char
            if kind in seen:
                continue
            seen.add(kind)
            at = places.position(lines, scalar, m.start(), char) if scalar is not None else None
            if at is None and scalar is not None:
                if short_escapes is None:
                    short_escapes = _short_escapes(ctx.source)
                if (loc, char) in short_escapes:
                    continue  # AV101 names it at the escape
                at = (scalar.line + 1, scalar.col + 1)
            yield (At(*at) if at else loc), refusal(char)


def _scalars(source: str) -> dict:
    """Every value of the file by its key path, with its place: any key, not only the ones known to hold text."""
    from avtale.store import places

    out = {}
    try:
        for path, event, _frame, _is_text in places.walk(source):
            s, e = event.start_mark, event.end_mark
            out[path] = places.Scalar(event.value, event.style or "", s.line, s.column, e.line, e.column)
    except Exception:  # noqa: BLE001 - a parse error: the loader reports it
        return out
    return out


def _short_escapes(source: str) -> set:
    """(key path, character) for each backslash escape AV101 reports (`store.silent`)."""
    from avtale.store import silent

    return {(p.path, silent.escaped(p.typed)) for p in silent.find(source) if p.kind == silent.ESCAPE}

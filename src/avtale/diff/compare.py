"""Align two agreements: sections and annexes by title (then by content), blocks and list items by text;
the signature block by signatory; footnotes by id.

Reads: two `Agreement` models. Writes: an `AgreementDiff` (see tree.py).
"""

from __future__ import annotations

from avtale import matching as match
from avtale.dates import format_date
from avtale.diff.align import PAIR_AT, PAIR_WITHIN, align, similarity
from avtale.diff.blocks import block_text, diff_blocks
from avtale.diff.moves import find_moves
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Change, NoteDiff, SectionDiff, Text
from avtale.diff.words import words
from avtale.model import Agreement, all_texts
from avtale.numbering import note_numbers

# kept importable from here: the redline and older callers use them
__all__ = ["PAIR_AT", "PAIR_WITHIN", "compare", "diff_blocks", "diff_sections", "similarity", "words"]


# --- sections, subsections and annexes ---------------------------------------------------------------------


def _section_text(s) -> str:
    return " ".join(block_text(b) for b in s.blocks)


def _section_score(a, b, budget: match.Budget) -> float:
    return max(similarity(a.title, b.title, budget), similarity(_section_text(a), _section_text(b), budget))


def _title_key(s) -> str:
    return s.title.casefold()


def _annex_key(a) -> str:
    """An annex is known by its id where it has one (its title may change), else by its title."""
    return f"#{a.id}" if a.id else a.title.casefold()


def diff_sections(old: list, new: list, budget: match.Budget, key=_title_key) -> list[SectionDiff]:
    old_no = {id(s): i for i, s in enumerate(old, 1)}
    new_no = {id(s): i for i, s in enumerate(new, 1)}
    pairs = list(align(old, new, key, _section_score, budget))
    # a part removed in one place and added in another under the same key has moved
    removed = {key(a): k for k, (a, b) in enumerate(pairs) if b is None}
    moved = {}
    for k, (a, b) in enumerate(pairs):
        if a is None and b is not None and key(b) in removed:
            j = removed.pop(key(b))
            moved[k] = pairs[j][0]
            pairs[j] = (None, None)
    out = []
    for k, (a, b) in enumerate(pairs):
        if a is None and b is None:
            continue
        if k in moved:
            a = moved[k]
        out.append(_section(a, b, old_no, new_no, budget, moved=k in moved))
    return out


def _section(a, b, old_no, new_no, budget: match.Budget, moved=False) -> SectionDiff:
    if a is None:
        return SectionDiff(Text.added(b.title), ADDED, diff_blocks([], b.blocks, budget),
                           _whole_subs(b.subsections, ADDED, budget), None, new_no.get(id(b)))
    if b is None:
        return SectionDiff(Text.removed(a.title), REMOVED, diff_blocks(a.blocks, [], budget),
                           _whole_subs(a.subsections, REMOVED, budget), old_no.get(id(a)), None)
    title = words(a.title, b.title, budget)
    blocks = diff_blocks(a.blocks, b.blocks, budget)
    subs = diff_sections(a.subsections, b.subsections, budget)
    touched = title.status != SAME or any(x.status != SAME for x in blocks) or any(s.touched for s in subs)
    status = MOVED if moved else (CHANGED if touched else SAME)
    return SectionDiff(title, status, blocks, subs, old_no.get(id(a)), new_no.get(id(b)))


def _whole_subs(subs: list, status: str, budget: match.Budget) -> list[SectionDiff]:
    numbers = {id(s): i for i, s in enumerate(subs, 1)}
    if status == ADDED:
        return [_section(None, s, {}, numbers, budget) for s in subs]
    return [_section(s, None, numbers, {}, budget) for s in subs]


# --- metadata, signing, footnotes ----------------------------------------------------------------------------


def _fields(old: Agreement, new: Agreement) -> list[tuple[str, str, str]]:
    def show(a: Agreement) -> dict[str, str]:
        p = a.period
        return {
            "id": a.id,
            "language": a.language,
            "status": a.status,
            "numbering": a.numbering,
            "period": f"{format_date(p.start) + ' – ' if p.start else 'til '}{format_date(p.end)}",
            "parties": ", ".join(x.name for x in a.parties),
        }

    o, n = show(old), show(new)
    return [(k, o[k], n[k]) for k in o if o[k] != n[k]]


def _place_date(place, date) -> str:
    return ", ".join(w for w in (place, format_date(date) if date else None) if w)


def _signing(old: Agreement, new: Agreement, budget: match.Budget) -> list[Change]:
    so, sn = old.signing, new.signing
    if so is None and sn is None:
        return []
    out = []
    o = _place_date(so.place, so.date) if so else ""
    n = _place_date(sn.place, sn.date) if sn else ""
    if o != n:
        out.append(Change("sted og dato", o, n, ADDED if not o else REMOVED if not n else CHANGED, "place-date"))
    eo, en = bool(so and so.electronic), bool(sn and sn.electronic)
    if eo != en:
        out.append(Change("elektronisk signering", "ja" if eo else "nei", "ja" if en else "nei", CHANGED, "electronic"))

    def party(a: Agreement, s) -> str:
        p = a.party(s.party)
        return p.name if p else s.party

    def value(s) -> str:
        return ", ".join(w for w in (s.title, _place_date(s.place, s.date)) if w)

    olds, news = (so.signatories if so else []), (sn.signatories if sn else [])
    pairs = align(olds, news, lambda s: (s.party, s.name),
                  lambda a, b, bud: 1.0 if a.party == b.party else 0.0, budget)
    for a, b in pairs:
        if a is None:
            out.append(Change(f"{b.name} ({party(new, b)})", "", value(b), ADDED, "signatory"))
        elif b is None:
            out.append(Change(f"{a.name} ({party(old, a)})", value(a), "", REMOVED, "signatory"))
        elif a.name != b.name:
            out.append(Change(f"{b.name} ({party(new, b)})", f"{a.name}, {value(a)}", f"{b.name}, {value(b)}",
                              CHANGED, "signatory"))
        elif value(a) != value(b):
            out.append(Change(f"{b.name} ({party(new, b)})", value(a), value(b), CHANGED, "signatory"))
    return out


def _footnotes(old: Agreement, new: Agreement, budget: match.Budget) -> list[NoteDiff]:
    """Every note of either side: NEW's in the order of their numbers (notes not referred to after them),
    then the removed ones."""
    on, nn = note_numbers(old), note_numbers(new)
    order = sorted(new.footnotes, key=lambda k: (nn.get(k, len(nn) + 1),))
    out = []
    for key in order:
        if key in old.footnotes:
            t = words(old.footnotes[key], new.footnotes[key], budget)
            out.append(NoteDiff(key, t.status, t, on.get(key), nn.get(key)))
        else:
            out.append(NoteDiff(key, ADDED, Text.added(new.footnotes[key]), None, nn.get(key)))
    for key, text in old.footnotes.items():
        if key not in new.footnotes:
            out.append(NoteDiff(key, REMOVED, Text.removed(text), on.get(key), None))
    return out


# --- the whole agreement ---------------------------------------------------------------------------------------


def compare(old: Agreement, new: Agreement) -> AgreementDiff:
    """The merged tree; its matching, however hostile the texts, costs steps in proportion to their words."""
    tokens = sum(len(text.split()) + 1 for a in (old, new) for _loc, text in all_texts(a))
    budget = match.Budget.for_tokens(tokens)
    diff = AgreementDiff(
        old.id,
        new.id,
        words(old.title, new.title, budget),
        _fields(old, new),
        diff_blocks(old.preamble, new.preamble, budget),
        diff_sections(old.sections, new.sections, budget),
        _signing(old, new, budget),
        diff_sections(old.annexes, new.annexes, budget, key=_annex_key),
        _footnotes(old, new, budget),
        language="nn" if old.language == new.language == "nn" else "nb",
    )
    find_moves(diff, budget)
    return diff


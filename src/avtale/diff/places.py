"""Where each part of a merged diff stands on each side: a moved section, subsection or annex at its old
place as well as its new one.

Reads: the merged sections of an `AgreementDiff`. Writes: lists of them in one side's order.
"""

from __future__ import annotations

from avtale.diff.tree import ADDED, MOVED, REMOVED, SectionDiff

NEW, OLD = "new", "old"


def side_sections(sections: list[SectionDiff], side: str) -> list[SectionDiff]:
    """The sections one side has, in that side's order (a moved section at its old place for OLD)."""
    if side == NEW:
        return [s for s in sections if s.status != REMOVED]
    return [s for s, where in with_old_places(sections) if where != NEW and s.status != ADDED]


def with_old_places(sections: list[SectionDiff]) -> list[tuple[SectionDiff, str | None]]:
    """The merged sections, each moved one twice: (s, OLD) at its old place and (s, NEW) at its new one.

    Sections OLD has, other than moved ones, stand in OLD's order in the merged
    list; a moved section goes before the first of them that came after it in OLD.
    """
    waiting = sorted((s for s in sections if s.status == MOVED), key=lambda s: s.old_number or 0)
    out: list[tuple[SectionDiff, str | None]] = []
    first = 0  # waiting[first:] still wait (pop(0) shifted the whole list: n² in moved sections)
    for s in sections:
        if s.status == MOVED:
            out.append((s, NEW))
            continue
        if s.status != ADDED and s.old_number is not None:
            while first < len(waiting) and (waiting[first].old_number or 0) < s.old_number:
                out.append((waiting[first], OLD))
                first += 1
        out.append((s, None))
    out += [(s, OLD) for s in waiting[first:]]
    return out

"""The diff in Markdown, for a pull-request comment (`avtale diff --format md`).

Reads: an `AgreementDiff`. Writes: GitHub-flavoured Markdown. Every text of the agreements is escaped, so
nothing a drafter types becomes markup; deleted words are ~~struck through~~, inserted ones **bold**; a
phrase whose marks changed is shown with its new marks («**jevnlig**: fet skrift lagt til»).
"""

from __future__ import annotations

import re

from avtale.diff.show_parts import child_paths, item_tags, part_number, phrase, table_changes
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Block, Format, SectionDiff, Text
from avtale.mdtext import escape as md_escape

_WHAT = {ADDED: "nytt", REMOVED: "fjernet", MOVED: "flyttet", CHANGED: "endret"}
_ALIGN = {"left": "venstre", "center": "midtstilt", "right": "høyre"}


def _md_inline(text: Text) -> str:
    out = []
    for op, s in text.ops:
        if not s.strip():
            out.append(s if op != "-" else "")
            continue
        lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", s, re.S).groups()
        core = md_escape(core)
        out.append(lead + (core if op == "=" else f"~~{core}~~" if op == "-" else f"**{core}**") + trail)
    return "".join(out)


def _status(status: str) -> str:
    return {ADDED: "*ny:* ", REMOVED: "*fjernet:* ", CHANGED: "*endret:* "}.get(status, "")


def describe(f: Format) -> str:
    """What changed in a phrase's marks, in bokmål: «fet skrift lagt til», «lenke endret: … → …»."""
    (_, b0, i0, l0), (_, b1, i1, l1) = f.old[0], f.new[0]
    out = []
    if b0 != b1:
        out.append("fet skrift lagt til" if b1 else "fet skrift fjernet")
    if i0 != i1:
        out.append("kursiv lagt til" if i1 else "kursiv fjernet")
    if l0 != l1:
        out.append(f"lenke lagt til (<{l1}>)" if not l0 else f"lenke fjernet (<{l0}>)" if not l1
                   else f"lenke endret: <{l0}> → <{l1}>")
    return ", ".join(out)


def _text_lines(text: Text, indent: str, status: str, tag: str = "") -> list[str]:
    lines = [] if text.marks_only else [f"{indent}- {_status(status)}{tag}{_md_inline(text)}"]
    sub = indent + "  " if lines else indent
    for f in text.formats:
        lines.append(f"{sub}- *formatering:* {tag if not lines else ''}{phrase(f.new, md_escape)}: {describe(f)}")
    return lines


def _list_lines(b: Block, indent: str) -> list[str]:
    lines = []
    if b.level == 1 or b.old_style:
        label = "Punktliste" if b.kind == "bullets" else "Nummerert liste"
        style = f", nummerering {md_escape(b.old_style)} → {md_escape(b.style)}" if b.old_style else ""
        lines.append(f"{indent}- {_status(b.status)}{label}{style}:")
        indent += "  "
    for item, tag in zip(b.items, item_tags(b)):
        if item.status == SAME and b.status == CHANGED:
            continue
        # a marker is plain (1. a) iii)); escaped only where it would begin the line's text (2. starts a list)
        tag = "" if tag == "•" else f"{tag} " if item.status != SAME else f"{md_escape(tag)} "
        if item.text.status == SAME:
            lines.append(f"{indent}- {_status(item.status)}{tag}{_md_inline(item.text)}")
        else:
            lines += _text_lines(item.text, indent, item.status, tag)
        for sub in item.lists:
            if sub.status != SAME or b.status != CHANGED:
                lines += _list_lines(sub, indent + "  ")
    return lines


def _cell_name(header, j: int) -> str:
    name = (header.cells[j].new or header.cells[j].old) if j < len(header.cells) else ""
    return f"kolonne {j + 1}" + (f" «{md_escape(name)}»" if name else "")


def _column(setting: tuple) -> str:
    width, align = setting
    return f"bredde {width:g}, {_ALIGN[align]}" if width is not None else _ALIGN[align]


def _table_lines(b: Block, indent: str) -> list[str]:
    caption = (b.caption.new or b.caption.old) if b.caption else ""
    lines = [f"{indent}- {_status(b.status)}Tabell{f' «{md_escape(caption)}»' if caption else ''}:"]
    inner = indent + "  "
    if b.caption is not None and b.caption.status != SAME and b.status == CHANGED:
        lines += _text_lines(b.caption, inner, CHANGED, "tittel: ")
    for kind, *what in table_changes(b, "overskriftsrad", "rad {n}"):
        if kind == "column":
            j, old, new = what
            lines.append(f"{inner}- *endret:* {_cell_name(b.header, j)}: {_column(old)} → {_column(new)}")
        elif kind == "row":
            name, status, whole = what
            lines.append(f"{inner}- {_status(status)}{name}: {_md_inline(whole)}")
        else:
            name, j, cell = what
            lines += _text_lines(cell, inner, CHANGED, f"{name}, {_cell_name(b.header, j)}: ")
    return lines


def _blocks(blocks: list[Block]) -> list[str]:
    lines = []
    for b in blocks:
        if b.status == SAME:
            continue
        if b.kind == "paragraph":
            lines += _text_lines(b.text, "", b.status)
        elif b.kind == "table":
            lines += _table_lines(b, "")
        else:
            lines += _list_lines(b, "")
    return lines


def _count(parts: list[SectionDiff], what: str) -> str:
    count = {k: sum(1 for s in parts if s.status == k) for k in (CHANGED, ADDED, REMOVED, MOVED)}
    return f"{count[CHANGED]} endrede, {count[ADDED]} nye, {count[REMOVED]} fjernede og {count[MOVED]} flyttede {what}."


def markdown(diff: AgreementDiff) -> str:
    changed = [s for s in diff.sections if s.status != SAME]
    annexes = [s for s in diff.annexes if s.status != SAME]
    lines = [f"## Endringer fra `{diff.old_id}` til `{diff.new_id}`", ""]
    if diff.empty:
        return "\n".join(lines + ["Ingen endringer i avtaleteksten.", ""])
    lines.append(_count(changed, "kapitler"))
    if annexes:
        lines.append(_count(annexes, "vedlegg"))
    lines += ["Slettet tekst er ~~gjennomstreket~~, ny tekst er **uthevet**.", ""]
    if diff.title.status != SAME or diff.fields:
        lines += ["| | Før | Etter |", "| --- | --- | --- |"]
        if diff.title.status != SAME:
            lines.append(f"| tittel | {md_escape(diff.title.old)} | {md_escape(diff.title.new)} |")
        for name, old, new in diff.fields:
            lines.append(f"| {name} | {md_escape(old)} | {md_escape(new)} |")
        lines.append("")
    pre = _blocks(diff.preamble)
    if pre:
        lines += ["### Innledning", "", *pre, ""]
    for s in changed:
        lines += _section(s, "###", (), (), "")
    if diff.signing:
        lines += ["### Underskrifter", ""]
        for c in diff.signing:
            change = [f"~~{md_escape(c.old)}~~" if c.old else "", f"**{md_escape(c.new)}**" if c.new else ""]
            status = _status(c.status) if c.kind == "signatory" and c.status != CHANGED else ""
            lines.append(f"- {status}{md_escape(c.what)}: {' '.join(x for x in change if x)}")
        lines.append("")
    for s in annexes:
        lines += _section(s, "###", (), (), "Vedlegg ", annex=True)
    notes = [n for n in diff.footnotes if n.status != SAME]
    if notes:
        lines += ["### Fotnoter", ""]
        for n in notes:
            number = n.new_number or n.old_number
            if n.old_number and n.new_number and n.old_number != n.new_number:
                number = f"{n.old_number}→{n.new_number}"
            lines += _text_lines(n.text, "", n.status, f"{number or '(ikke henvist til)'} `[^{n.id}]`: ")
        lines.append("")
    return "\n".join(lines)


def _section(s: SectionDiff, level: str, old_path, new_path, label: str, annex=False) -> list[str]:
    title = _md_inline(s.title) if s.status in (CHANGED, MOVED) else md_escape(s.title.new or s.title.old)
    number = part_number(s, old_path, new_path)
    lines = [f"{level} {label}{number} {title} ({_WHAT[s.status]})", ""]
    blocks = _blocks(s.blocks)
    lines += [*blocks, ""] if blocks else []
    paths = child_paths(s, old_path, new_path)
    if annex:  # an annex's subsections are numbered within it (1, 1.1 …), named with the annex
        paths, label = ((), ()), f"{label}{number}, "
    for sub in s.subsections:
        if sub.status != SAME:
            lines += _section(sub, level + "#", *paths, label)
    return lines

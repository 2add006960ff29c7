"""The diff for the terminal: plain or coloured text (`avtale diff`, the default format).

Reads: an `AgreementDiff`. Writes: text. Changed words are shown inline as `[-old-]{+new+}`; a phrase whose
words are kept but whose marks changed as a formatting change («**jevnlig**: bold added»).
"""

from __future__ import annotations

from avtale import inline
from avtale.diff.show_parts import child_paths, item_tags, part_number, phrase, table_changes
from avtale.diff.tree import ADDED, CHANGED, MOVED, MOVED_AWAY, REMOVED, SAME, AgreementDiff, Block, Format, SectionDiff, Text

MARK = {ADDED: "+", REMOVED: "-", CHANGED: "~", MOVED: ">", MOVED_AWAY: "<", SAME: " "}
_RED, _GREEN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"
_WHAT = {ADDED: "added", REMOVED: "removed", MOVED: "moved", CHANGED: "changed"}
_ALIGN = {"left": "left", "center": "centred", "right": "right"}


def inline_ops(text: Text, colour: bool) -> str:
    out = []
    for op, s in text.ops:
        if op == "=":
            out.append(s)
        elif colour:
            out.append(f"{_RED if op == '-' else _GREEN}{s}{_RESET}")
        else:
            out.append(f"[-{s}-]" if op == "-" else f"{{+{s}+}}")
    return "".join(out)


def describe(f: Format) -> str:
    """What changed in a phrase's marks, in words: «bold added», «link changed: https://a → https://b»."""
    (_, b0, i0, l0), (_, b1, i1, l1) = f.old[0], f.new[0]
    out = []
    if b0 != b1:
        out.append("bold added" if b1 else "bold removed")
    if i0 != i1:
        out.append("italic added" if i1 else "italic removed")
    if l0 != l1:
        out.append(f"link added ({l1})" if not l0 else f"link removed ({l0})" if not l1 else f"link changed: {l0} → {l1}")
    return ", ".join(out)


def _text_lines(text: Text, colour: bool, indent: str, mark: str, tag: str = "") -> list[str]:
    """A changed text: its words inline (unless only its marks changed), then one line per formatting change."""
    head = f"{indent}{mark} {tag}"
    lines = [] if text.marks_only else [f"{head}{inline_ops(text, colour)}"]
    sub = indent + "    " if lines else indent
    for f in text.formats:
        lines.append(f"{sub}{'~' if lines else mark} {tag if not lines else ''}{phrase(f.new, inline.escape)}: {describe(f)}")
    return lines


def _list_lines(b: Block, colour: bool, indent: str) -> list[str]:
    lines = []
    if b.level == 1 or b.old_style:  # a list under an item shows only its items (and a changed style)
        label = "bullet list" if b.kind == "bullets" else "numbered list"
        style = f", style {b.old_style} → {b.style}" if b.old_style else ""
        lines.append(f"{indent}{MARK[b.status]} {label}{style}:")
    for item, tag in zip(b.items, item_tags(b)):
        if item.status == SAME and b.status == CHANGED:
            continue
        if item.text.status == SAME:
            lines.append(f"{indent}    {MARK[item.status]} {tag} {item.text.new}")
        else:
            lines += _text_lines(item.text, colour, indent + "    ", MARK[item.status], f"{tag} ")
        for sub in item.lists:
            if sub.status != SAME or b.status != CHANGED:
                lines += _list_lines(sub, colour, indent + "    ")
    return lines


def _cell_name(header, j: int) -> str:
    name = inline.plain(header.cells[j].new or header.cells[j].old) if j < len(header.cells) else ""
    return f"column {j + 1}" + (f" «{name}»" if name else "")


def _table_lines(b: Block, colour: bool, indent: str) -> list[str]:
    caption = b.caption.new or b.caption.old if b.caption else ""
    lines = [f"{indent}{MARK[b.status]} table{f' «{caption}»' if caption else ''}:"]
    inner = indent + "    "
    if b.caption is not None and b.caption.status != SAME and b.status == CHANGED:
        lines += _text_lines(b.caption, colour, inner, MARK[CHANGED], "caption: ")
    for kind, *what in table_changes(b, "header", "row {n}"):
        if kind == "column":
            j, old, new = what
            lines.append(f"{inner}~ {_cell_name(b.header, j)}: {_column(old)} → {_column(new)}")
        elif kind == "row":
            name, status, whole = what
            lines.append(f"{inner}{MARK[status]} {name}: {inline_ops(whole, colour)}")
        else:
            name, j, cell = what
            lines += _text_lines(cell, colour, inner, MARK[CHANGED], f"{name}, {_cell_name(b.header, j)}: ")
    return lines


def _column(setting: tuple) -> str:
    width, align = setting
    return f"width {width:g}, {_ALIGN[align]}" if width is not None else _ALIGN[align]


def block_lines(blocks: list[Block], colour: bool, indent: str) -> list[str]:
    lines = []
    for b in blocks:
        if b.status == SAME:
            continue
        if b.kind == "paragraph":
            lines += _text_lines(b.text, colour, indent, MARK[b.status])
        elif b.kind == "table":
            lines += _table_lines(b, colour, indent)
        else:
            lines += _list_lines(b, colour, indent)
    return lines


def text(diff: AgreementDiff, colour: bool = False) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if colour else (lambda s: s)
    lines = [bold(f"{diff.old_id} → {diff.new_id}")]
    if diff.empty:
        return lines[0] + "\nno changes\n"
    if diff.title.status != SAME:
        lines.append(f"~ title: {inline_ops(diff.title, colour)}")
    for name, old, new in diff.fields:
        lines.append(f"~ {name}: {old} → {new}")
    pre = block_lines(diff.preamble, colour, "  ")
    if pre:
        lines += ["", bold("preamble"), *pre]
    for s in diff.sections:
        lines += _section_lines(s, colour, bold, (), (), "")
    if diff.signing:
        lines += ["", bold("signing")]
        for c in diff.signing:
            if c.kind == "signatory" and c.status != CHANGED:  # a signatory added or removed: as such
                lines.append(f"  {MARK[c.status]} {c.what}: {c.new or c.old}")
            else:
                lines.append(f"  {MARK[c.status]} {c.what}: {c.old or '(none)'} → {c.new or '(none)'}")
    for s in diff.annexes:
        lines += _section_lines(s, colour, bold, (), (), "annex ", annex=True)
    notes = [n for n in diff.footnotes if n.status != SAME]
    if notes:
        lines += ["", bold("footnotes")]
        for n in notes:
            number = n.new_number or n.old_number
            if n.old_number and n.new_number and n.old_number != n.new_number:
                number = f"{n.old_number}→{n.new_number}"
            tag = f"{number or '(not referred to)'} [^{n.id}]: "
            lines += _text_lines(n.text, colour, "  ", MARK[n.status], tag)
    return "\n".join(lines) + "\n"


def _section_lines(s: SectionDiff, colour, bold, old_path, new_path, label: str, annex=False) -> list[str]:
    if s.status == SAME:
        return []
    what = _WHAT[s.status]
    if s.status == CHANGED and s.title.status != SAME:
        what = "retitled" + (", text changed" if any(b.status != SAME for b in s.blocks) else "")
    title = inline_ops(s.title, colour) if s.status in (CHANGED, MOVED) else (s.title.new or s.title.old)
    head = f"{MARK[s.status]} {label}{part_number(s, old_path, new_path)} {title} ({what})"
    lines = ["", bold(head), *block_lines(s.blocks, colour, "  ")]
    paths = child_paths(s, old_path, new_path)
    if annex:  # an annex's subsections are numbered within it (1, 1.1 …), named with the annex
        paths, label = ((), ()), f"{label}{part_number(s, old_path, new_path)}, "
    for sub in s.subsections:
        lines += _section_lines(sub, colour, bold, *paths, label)
    return lines

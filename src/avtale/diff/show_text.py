"""The diff for the terminal: plain or coloured text (`avtale diff`, the default format).

Reads: an `AgreementDiff`. Writes: text, worded by `avtale.diff.wording` as the Markdown diff is (bokmål, or
nynorsk where both agreements are nynorsk). Changed words are shown inline as `[-old-]{+new+}`; a phrase
whose words are kept but whose marks changed as a formatting change («**jevnlig**: fet skrift lagt til»); a
moved paragraph or item with `>` at its new place and `<` with a pointer at its old one.
"""

from __future__ import annotations

from avtale import inline
from avtale.diff import wording
from avtale.diff.show_parts import MOVED_AWAY, child_paths, item_tags, move_places, part_number, phrase, \
    table_changes
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Block, Format, SectionDiff, Text

MARK = {ADDED: "+", REMOVED: "-", CHANGED: "~", MOVED: ">", MOVED_AWAY: "<", SAME: " "}
_RED, _GREEN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"


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


def describe(f: Format, lang: str = "nb") -> str:
    """What changed in a phrase's marks, in words: «fet skrift lagt til», «lenke endret: a → b»."""
    return wording.describe(f, lang)


class _Text:
    def __init__(self, diff: AgreementDiff, colour: bool):
        self.lang = wording.language(diff)
        self.colour = colour
        self.places = move_places(diff)

    def w(self, key: str, **values) -> str:
        return wording.word(key, self.lang, **values)

    def moved(self, part) -> str:
        """«(flyttet fra 2) » before a moved part's words, «(flyttet herfra til 4) » at its old place."""
        old, new = self.places.get(part.move, ("", ""))
        if part.status == MOVED:
            return f"({self.w('moved to', where=old)}) " if old else f"({wording.part_status(MOVED, self.lang)}) "
        return f"({self.w('moved from', where=new)}) " if new else f"({wording.part_status(MOVED, self.lang)}) "

    def text_lines(self, text: Text, indent: str, mark: str, tag: str = "", part=None) -> list[str]:
        """A changed text: its words inline (unless only its marks changed), then one line per formatting
        change."""
        if part is not None and part.status in (MOVED, MOVED_AWAY):
            tag = self.moved(part) + tag
        head = f"{indent}{mark} {tag}"
        lines = [] if text.marks_only else [f"{head}{inline_ops(text, self.colour)}"]
        sub = indent + "    " if lines else indent
        for f in text.formats:
            lines.append(f"{sub}{'~' if lines else mark} {tag if not lines else ''}{phrase(f.new, inline.escape)}: "
                         f"{describe(f, self.lang)}")
        return lines

    def list_lines(self, b: Block, indent: str) -> list[str]:
        lines = []
        if b.level == 1 or b.old_style:  # a list under an item shows only its items (and a changed style)
            label = self.w("bullets" if b.kind == "bullets" else "numbered").lower()
            style = f", {self.w('numbering')} {b.old_style} → {b.style}" if b.old_style else ""
            moved = self.moved(b) if b.status in (MOVED, MOVED_AWAY) else ""
            lines.append(f"{indent}{MARK[b.status]} {moved}{label}{style}:")
        for item, tag in zip(b.items, item_tags(b)):
            if item.status == SAME and b.status == CHANGED:
                continue
            if item.text.status == SAME and item.status not in (MOVED, MOVED_AWAY):
                lines.append(f"{indent}    {MARK[item.status]} {tag} {item.text.new}")
            else:
                lines += self.text_lines(item.text, indent + "    ", MARK[item.status], f"{tag} ", item)
            for sub in item.lists:
                if sub.status != SAME or b.status != CHANGED:
                    lines += self.list_lines(sub, indent + "    ")
        return lines

    def cell_name(self, header, j: int) -> str:
        name = inline.plain(header.cells[j].new or header.cells[j].old) if j < len(header.cells) else ""
        return self.w("column", n=j + 1) + (f" «{name}»" if name else "")

    def column(self, setting: tuple) -> str:
        width, align = setting
        return f"{self.w('width')} {width:g}, {self.w(align)}" if width is not None else self.w(align)

    def table_lines(self, b: Block, indent: str) -> list[str]:
        caption = b.caption.new or b.caption.old if b.caption else ""
        table = self.w("table").lower()
        moved = self.moved(b) if b.status in (MOVED, MOVED_AWAY) else ""
        lines = [f"{indent}{MARK[b.status]} {moved}{table}{f' «{caption}»' if caption else ''}:"]
        inner = indent + "    "
        if b.caption is not None and b.caption.status != SAME and b.status == CHANGED:
            lines += self.text_lines(b.caption, inner, MARK[CHANGED], f"{self.w('caption')}: ")
        for kind, *what in table_changes(b, self.w("header"), self.w("row", n="{n}")):
            if kind == "column":
                j, old, new = what
                lines.append(f"{inner}~ {self.cell_name(b.header, j)}: {self.column(old)} → {self.column(new)}")
            elif kind == "row":
                name, status, whole = what
                lines.append(f"{inner}{MARK[status]} {name}: {inline_ops(whole, self.colour)}")
            else:
                name, j, cell = what
                lines += self.text_lines(cell, inner, MARK[CHANGED], f"{name}, {self.cell_name(b.header, j)}: ")
        return lines

    def block_lines(self, blocks: list[Block], indent: str) -> list[str]:
        lines = []
        for b in blocks:
            if b.status == SAME:
                continue
            if b.kind == "paragraph":
                lines += self.text_lines(b.text, indent, MARK[b.status], "", b)
            elif b.kind == "table":
                lines += self.table_lines(b, indent)
            else:
                lines += self.list_lines(b, indent)
        return lines

    def section_lines(self, s: SectionDiff, bold, old_path, new_path, label: str, annex=False) -> list[str]:
        if s.status == SAME:
            return []
        what = wording.status_word(s.status, self.lang)
        if s.status == CHANGED and s.title.status != SAME:
            what = self.w("retitled+text" if any(b.status != SAME for b in s.blocks) else "retitled")
        title = inline_ops(s.title, self.colour) if s.status in (CHANGED, MOVED) else (s.title.new or s.title.old)
        head = f"{MARK[s.status]} {label}{part_number(s, old_path, new_path)} {title} ({what})"
        lines = ["", bold(head), *self.block_lines(s.blocks, "  ")]
        paths = child_paths(s, old_path, new_path)
        if annex:  # an annex's subsections are numbered within it (1, 1.1 …), named with the annex
            paths, label = ((), ()), f"{label}{part_number(s, old_path, new_path)}, "
        for sub in s.subsections:
            lines += self.section_lines(sub, bold, *paths, label)
        return lines


def text(diff: AgreementDiff, colour: bool = False) -> str:
    shown = _Text(diff, colour)
    lang, w = shown.lang, shown.w
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if colour else (lambda s: s)
    lines = [bold(wording.header(diff))]
    if diff.empty:
        return f"{lines[0]}\n{wording.no_changes(diff)}\n"
    lines += wording.summary(diff)
    if diff.title.status != SAME or diff.fields:
        lines.append("")
    if diff.title.status != SAME:
        lines.append(f"~ {w('title')}: {inline_ops(diff.title, colour)}")
    for name, old, new in diff.fields:
        lines.append(f"~ {wording.field_change(name, old, new, lang)}")
    pre = shown.block_lines(diff.preamble, "  ")
    if pre:
        lines += ["", bold(w("preamble")), *pre]
    for s in diff.sections:
        lines += shown.section_lines(s, bold, (), (), "")
    if diff.signing:
        lines += ["", bold(w("signing"))]
        for c in diff.signing:
            lines.append(f"  {MARK[c.status]} {wording.signing_line(c, lang)}")
    for s in diff.annexes:
        lines += shown.section_lines(s, bold, (), (), f"{w('annex').lower()} ", annex=True)
    notes = [n for n in diff.footnotes if n.status != SAME]
    if notes:
        lines += ["", bold(w("footnotes"))]
        for n in notes:
            number = n.new_number or n.old_number
            if n.old_number and n.new_number and n.old_number != n.new_number:
                number = f"{n.old_number}→{n.new_number}"
            tag = f"{number or '(' + w('not referred to') + ')'} [^{n.id}]: "
            lines += shown.text_lines(n.text, "  ", MARK[n.status], tag)
    return "\n".join(lines) + "\n"

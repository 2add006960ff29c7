"""The diff in Markdown, for a pull-request comment (`avtale diff --format md`).

Reads: an `AgreementDiff`. Writes: GitHub-flavoured Markdown, worded by `avtale.diff.wording` (bokmål, or
nynorsk where both agreements are nynorsk). Every text of the agreements is escaped, so nothing a drafter
types becomes markup; deleted words are ~~struck through~~, inserted ones **bold**; a phrase whose marks
changed is shown with its new marks («**jevnlig**: fet skrift lagt til»); a moved paragraph or item is
shown at its new place with its edits («*flyttet fra 2:*») and at its old place as a pointer.
"""

from __future__ import annotations

import re

from avtale.diff import wording
from avtale.diff.show_parts import MOVED_AWAY, child_paths, item_tags, move_places, part_number, phrase, \
    table_changes
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Block, Format, SectionDiff, Text
from avtale.mdtext import escape as md_escape


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


def describe(f: Format, lang: str = "nb") -> str:
    """What changed in a phrase's marks: «fet skrift lagt til», «lenke endret: <a> → <b>» (kept importable
    here; the words are wording.describe's)."""
    return wording.describe(f, lang, link=lambda url: f"<{url}>")


class _Md:
    def __init__(self, diff: AgreementDiff):
        self.lang = wording.language(diff)
        self.places = move_places(diff)

    def w(self, key: str, **values) -> str:
        return wording.word(key, self.lang, **values)

    def status(self, status: str, part=None) -> str:
        """A line's tag: «*ny:* », «*flyttet fra 2:* » (a moved part names its old place)."""
        if status == MOVED and part is not None and part.move in self.places:
            return f"*{self.w('moved to', where=self.places[part.move][0])}:* "
        if status == MOVED_AWAY:  # a list or table at its old place: a pointer to where it went
            where = self.places.get(part.move, ("", ""))[1]
            return f"*{self.w('moved from', where=where) if where else wording.part_status(MOVED, self.lang)}:* "
        word = wording.part_status(status, self.lang)
        return f"*{word}:* " if word else ""

    def away(self, part, indent: str, tag: str = "") -> list[str]:
        """A moved part at its old place: a pointer to where it went, its words struck through."""
        where = self.places.get(part.move, ("", ""))[1]
        text = part.text if part.text is not None else Text.removed("")
        pointer = self.w("moved from", where=where) if where else wording.part_status(MOVED, self.lang)
        return [f"{indent}- *{pointer}:* {tag}~~{md_escape(text.old)}~~" if text.old.strip()
                else f"{indent}- *{pointer}*"]

    def text_lines(self, text: Text, indent: str, status: str, tag: str = "", part=None) -> list[str]:
        lines = [] if text.marks_only else [f"{indent}- {self.status(status, part)}{tag}{_md_inline(text)}"]
        sub = indent + "  " if lines else indent
        for f in text.formats:
            lines.append(f"{sub}- *{self.w('formatting')}:* {tag if not lines else ''}{phrase(f.new, md_escape)}: "
                         f"{describe(f, self.lang)}")
        return lines

    def list_lines(self, b: Block, indent: str) -> list[str]:
        lines = []
        if b.level == 1 or b.old_style:
            label = self.w("bullets" if b.kind == "bullets" else "numbered")
            style = (f", {self.w('numbering')} {md_escape(b.old_style)} → {md_escape(b.style)}"
                     if b.old_style else "")
            lines.append(f"{indent}- {self.status(b.status, b)}{label}{style}:")
            indent += "  "
        for item, tag in zip(b.items, item_tags(b)):
            if item.status == SAME and b.status == CHANGED:
                continue
            # a marker is plain (1. a) iii)); escaped only where it would begin the line's text (2. starts a list)
            tag = "" if tag == "•" else f"{tag} " if item.status != SAME else f"{md_escape(tag)} "
            if item.status == MOVED_AWAY:
                lines += self.away(item, indent, tag)
            elif item.text.status == SAME and item.status != MOVED:
                lines.append(f"{indent}- {self.status(item.status, item)}{tag}{_md_inline(item.text)}")
            else:
                lines += self.text_lines(item.text, indent, item.status, tag, item)
            for sub in item.lists:
                if sub.status != SAME or b.status != CHANGED:
                    lines += self.list_lines(sub, indent + "  ")
        return lines

    def cell_name(self, header, j: int) -> str:
        name = (header.cells[j].new or header.cells[j].old) if j < len(header.cells) else ""
        return self.w("column", n=j + 1) + (f" «{md_escape(name)}»" if name else "")

    def column(self, setting: tuple) -> str:
        width, align = setting
        return f"{self.w('width')} {width:g}, {self.w(align)}" if width is not None else self.w(align)

    def table_lines(self, b: Block, indent: str) -> list[str]:
        caption = (b.caption.new or b.caption.old) if b.caption else ""
        lines = [f"{indent}- {self.status(b.status, b)}{self.w('table')}"
                 f"{f' «{md_escape(caption)}»' if caption else ''}:"]
        inner = indent + "  "
        if b.caption is not None and b.caption.status != SAME and b.status == CHANGED:
            lines += self.text_lines(b.caption, inner, CHANGED, f"{self.w('caption')}: ")
        for kind, *what in table_changes(b, self.w("header"), self.w("row", n="{n}")):
            if kind == "column":
                j, old, new = what
                lines.append(f"{inner}- {self.status(CHANGED)}{self.cell_name(b.header, j)}: "
                             f"{self.column(old)} → {self.column(new)}")
            elif kind == "row":
                name, status, whole = what
                lines.append(f"{inner}- {self.status(status)}{name}: {_md_inline(whole)}")
            else:
                name, j, cell = what
                lines += self.text_lines(cell, inner, CHANGED, f"{name}, {self.cell_name(b.header, j)}: ")
        return lines

    def blocks(self, blocks: list[Block]) -> list[str]:
        lines = []
        for b in blocks:
            if b.status == SAME:
                continue
            if b.kind == "paragraph":
                lines += self.away(b, "") if b.status == MOVED_AWAY else self.text_lines(b.text, "", b.status, "", b)
            elif b.kind == "table":
                lines += self.table_lines(b, "")
            else:
                lines += self.list_lines(b, "")
        return lines

    def section(self, s: SectionDiff, level: str, old_path, new_path, label: str, annex=False) -> list[str]:
        title = _md_inline(s.title) if s.status in (CHANGED, MOVED) else md_escape(s.title.new or s.title.old)
        number = part_number(s, old_path, new_path)
        lines = [f"{level} {label}{number} {title} ({wording.status_word(s.status, self.lang)})", ""]
        blocks = self.blocks(s.blocks)
        lines += [*blocks, ""] if blocks else []
        paths = child_paths(s, old_path, new_path)
        if annex:  # an annex's subsections are numbered within it (1, 1.1 …), named with the annex
            paths, label = ((), ()), f"{label}{number}, "
        for sub in s.subsections:
            if sub.status != SAME:
                lines += self.section(sub, level + "#", *paths, label)
        return lines


def markdown(diff: AgreementDiff) -> str:
    md = _Md(diff)
    lang, w = md.lang, md.w
    lines = [f"## {md_escape(wording.header(diff))}", ""]
    if diff.empty:
        return "\n".join(lines + [wording.no_changes(diff), ""])
    lines += wording.summary(diff)
    lines += [w("legend"), ""]
    if diff.title.status != SAME or diff.fields:
        lines += [f"| | {w('before')} | {w('after')} |", "| --- | --- | --- |"]
        if diff.title.status != SAME:
            lines.append(f"| {w('title')} | {md_escape(diff.title.old)} | {md_escape(diff.title.new)} |")
        for name, old, new in diff.fields:
            lines.append(f"| {wording.field_label(name, lang)} | {md_escape(wording.field_value(name, old, lang))} "
                         f"| {md_escape(wording.field_value(name, new, lang))} |")
        lines.append("")
    pre = md.blocks(diff.preamble)
    if pre:
        lines += [f"### {w('preamble')}", "", *pre, ""]
    for s in diff.sections:
        if s.status != SAME:
            lines += md.section(s, "###", (), (), "")
    if diff.signing:
        lines += [f"### {w('signing')}", ""]
        for c in diff.signing:
            what = md_escape(wording.signing_what(c, lang))
            if c.status in (ADDED, REMOVED) and c.kind in ("signatory", "place-date"):
                value, mark = md_escape(c.new or c.old), "**" if c.status == ADDED else "~~"
                lines.append(f"- {md.status(c.status)}{what}" + (f": {mark}{value}{mark}" if value else ""))
                continue
            old, new = (md_escape(wording.signing_value(c, v, lang)) for v in (c.old, c.new))
            lines.append(f"- {md.status(CHANGED)}{what}: ~~{old}~~ → **{new}**")
        lines.append("")
    for s in diff.annexes:
        if s.status != SAME:
            lines += md.section(s, "###", (), (), f"{w('annex')} ", annex=True)
    notes = [n for n in diff.footnotes if n.status != SAME]
    if notes:
        lines += [f"### {w('footnotes')}", ""]
        for n in notes:
            number = n.new_number or n.old_number
            if n.old_number and n.new_number and n.old_number != n.new_number:
                number = f"{n.old_number}→{n.new_number}"
            lines += md.text_lines(n.text, "", n.status, f"{number or '(' + w('not referred to') + ')'} `[^{n.id}]`: ")
        lines.append("")
    return "\n".join(lines)

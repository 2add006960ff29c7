"""The HTML redline's article: NEW's preamble, sections, annexes and footnotes with OLD's differences marked.

Every change gets an anchor (`id="c-<n>"`) and an entry in `Writer.changes` (its id and a line in Norwegian
for the change list). A part added or removed whole carries the class `added`/`removed` (a bar in the margin)
and its words one `<ins>`/`<del>`; a moved part stands at its new place in `<ins class="moved">` (edits inside
it marked as usual) and at its old place in `<del class="moved">`, each linking to the other
(`move-<n>-to`, `move-<n>-from`). Removed list items keep OLD's marker and do not count in NEW's numbering.

Reads: the merged diff tree (`diff.tree`, `diff.places`). Writes: escaped HTML.
"""

from __future__ import annotations

from markupsafe import escape

from avtale.diff import wording
from avtale.diff.places import OLD, with_old_places
from avtale.diff.show_parts import item_tags
from avtale.diff.tree import ADDED, CHANGED, MOVED, MOVED_AWAY, REMOVED, SAME, Block, SectionDiff
from avtale.render import tree as doc_tree
from avtale.render.html_body import OL_CLASS
from avtale.render.html_redline_text import Prose

MOVED_TO = {"nb": "flyttet hit fra", "nn": "flytta hit frå"}
MOVED_FROM = {"nb": "flyttet til", "nn": "flytta til"}
ROW = {"nb": "rad {n}", "nn": "rad {n}"}
STYLE_WORD = {"nb": "nummerering", "nn": "nummerering"}
COLUMN = {"nb": "kolonne {j}: {old} → {new}", "nn": "kolonne {j}: {old} → {new}"}
ALIGN = {"nb": {"left": "venstre", "center": "midtstilt", "right": "høyre"},
         "nn": {"left": "venstre", "center": "midtstilt", "right": "høgre"}}
HEADER_ROW = {"nb": "overskriftsraden", "nn": "overskriftsraden"}


class Writer:
    def __init__(self, diff, old, new, layout: dict, lang: str):
        self.diff, self.old, self.new, self.layout, self.lang = diff, old, new, layout, lang
        self.changes: list[tuple[str, str]] = []
        olds = {n.id: n.old_number for n in diff.footnotes}
        news = {n.id: n.new_number for n in diff.footnotes}
        self.prose = Prose(lambda k: news.get(k) or olds.get(k), self._annex_ref, lang)
        self.tables = 0  # NEW's captioned tables so far (their numbers)
        self.where = ""
        self.section_moves: dict[int, int] = {}
        self.quiet, self.quiet_ids = 0, 0
        self.moving = None  # the status of a moved table being written
        self.move_places: dict[tuple[str, str], str] = {}  # (move, "to"|"from") -> where that half stands

    def _annex_ref(self, target: str) -> str:
        for agreement in (self.new, self.old):
            for n, a in enumerate(agreement.annexes, 1):
                if a.id == target:
                    return doc_tree.annex_reference(self.layout, agreement.language, n)
        return target

    # -- the change list ---------------------------------------------------------------------------------------

    def change(self, kind: str, status: str, detail: str = "") -> str:
        """Register one change; returns its anchor id. Inside a part added or removed whole (`quiet`), its
        parts are not listed one by one: the part's own entry stands for them."""
        if self.quiet:
            self.quiet_ids += 1
            return f"q-{self.quiet_ids}"
        ident = f"c-{len(self.changes) + 1}"
        what = wording.part_change(status, kind, self.lang)
        where = f"{self.where}: " if self.where else ""
        line = f"{where}{what}{': ' + detail if detail else ''}"
        self.changes.append((ident, line[:1].upper() + line[1:]))
        return ident

    def short(self, text: str) -> str:
        from avtale import inline

        plain = " ".join(inline.plain(text).split())
        return plain if len(plain) <= 60 else plain[:57].rstrip() + " …"

    # -- moves ---------------------------------------------------------------------------------------------

    def moved_to(self, move, inner: str) -> str:
        """A move's new place; its link names the old place (filled in by `resolve` once both are known)."""
        return self._moved(move, inner, "to")

    def moved_from(self, move, inner: str) -> str:
        """A move's old place; its link names the new place."""
        return self._moved(move, inner, "from")

    def _moved(self, move, inner: str, side: str) -> str:
        other, tag, arrow, words = (("from", "ins", "↑", MOVED_TO) if side == "to" else ("to", "del", "↓", MOVED_FROM))
        if not move:
            return f'<{tag} class="moved">{inner}</{tag}>'
        self.move_places[(str(move), side)] = self.where
        link = (f' <a class="move-link" href="#move-{move}-{other}">{arrow} {escape(words[self.lang])} '
                f'\x00{move}:{other}\x00</a>')
        return f'<{tag} class="moved" id="move-{move}-{side}">{inner}</{tag}>{link}'

    def resolve(self, html: str) -> str:
        """The move links' place names: «↓ flyttet til 2. Plikter» (… where a place is not known)."""
        import re

        return re.sub("\x00([^:\x00]+):(to|from)\x00",
                      lambda m: str(escape(self.move_places.get((m.group(1), m.group(2))) or "…")), html)

    def marked(self, kind: str, status: str, text, move=None) -> tuple[str, str]:
        """(the class and id attributes, the inner HTML) of a paragraph, item or cell of `status`."""
        if status == SAME:
            return "", self.prose.text(text)
        detail = self.short(text.new or text.old)
        ident = self.change(kind, status, detail)
        attrs = f' class="{"moved-away" if status == MOVED_AWAY else status}" id="{ident}"'
        if status == MOVED:
            return attrs, self.moved_to(move, self.prose.text(text))
        if status == MOVED_AWAY:
            return attrs, self.moved_from(move, self.prose.plain(text.old))
        return attrs, self.prose.text(text)

    # -- blocks --------------------------------------------------------------------------------------------

    def blocks(self, blocks: list[Block]) -> str:
        out = []
        for b in blocks:
            if b.kind == "paragraph":
                attrs, inner = self.marked("paragraph", b.status, b.text, b.move)
                out.append(f"\n<p{attrs}>{inner}</p>")
            elif b.kind == "table":
                out.append("\n" + self.table(b))
            else:
                out.append("\n" + self.listing(b))
        return "".join(out)

    def listing(self, b: Block, indent: str = "") -> str:
        status = b.status
        move = b.move
        attrs = ""
        if status in (ADDED, REMOVED, MOVED, MOVED_AWAY):
            ident = self.change(b.kind, status)
            attrs = f' id="{ident}" data-change="{"moved-away" if status == MOVED_AWAY else status}"'
        style_note = ""
        if b.old_style and status not in (ADDED, REMOVED, MOVED, MOVED_AWAY):
            detail = f"{STYLE_WORD[self.lang]} {b.old_style} → {b.style}"
            ident = self.change(b.kind, CHANGED, detail)
            style_note = (f'\n{indent}  <li class="move-note" id="{ident}"><span class="format" title="{escape(detail)}">'
                          f'{escape(detail)}</span></li>')
        whole = status in (ADDED, REMOVED, MOVED, MOVED_AWAY)
        if b.kind == "bullets":
            head, tail = f"<ul{attrs}>", "</ul>"
        else:
            style = b.old_style if status in (REMOVED, MOVED_AWAY) and b.old_style else b.style
            head, tail = f'<ol class="{OL_CLASS.get(style, "list-dot")}"{attrs}>', "</ol>"
        items = [style_note] if style_note else []
        for item, tag in zip(b.items, item_tags(b)):
            istatus = item.status if not whole else SAME
            if whole:
                make = {ADDED: "ins", REMOVED: "del"}.get(status)
                inner = self.prose.text(item.text) if make else self.prose.plain(item.text.new or item.text.old)
                if status == MOVED:
                    inner = self.moved_to(None, self.prose.text(item.text))
                elif status == MOVED_AWAY:
                    inner = self.moved_from(None, self.prose.plain(item.text.old))
                item_attrs = f' class="{"moved-away" if status == MOVED_AWAY else status}"'
            else:
                item_attrs, inner = self.marked("item", istatus, item.text, item.move)
            if b.kind == "numbered" and (item.status in (REMOVED, MOVED_AWAY) and not whole):
                item_attrs += f' data-marker="{escape(tag)}"'
            for sub in item.lists:
                inner += "\n" + self.listing(sub, indent + "  ") + "\n" + indent + "  "
            items.append(f"\n{indent}  <li{item_attrs}>{inner}</li>")
        if whole and move:
            link = (self.moved_to(move, "") if status == MOVED else self.moved_from(move, ""))
            items.append(f'\n{indent}  <li class="move-note">{link}</li>')
        return head + "".join(items) + "\n" + indent + tail

    def table(self, b: Block) -> str:
        out = []
        status = b.status
        attrs = ""
        if status in (ADDED, REMOVED, MOVED, MOVED_AWAY):
            attrs = f' id="{self.change("table", status)}" data-change="{status}"'
        out.append(f'<table class="data"{attrs}>')
        if b.caption is not None:
            label = ""
            if b.caption.new and status not in (REMOVED, MOVED_AWAY):
                self.tables += 1
                label = doc_tree.caption_frame(self.layout, self.new.language, self.tables)[0]
            cap_attrs = ""
            if b.caption.status != SAME and status not in (ADDED, REMOVED):
                cap_attrs = f' id="{self.change("caption", b.caption.status, self.short(b.caption.new or b.caption.old))}"'
            out.append(f'<caption{cap_attrs}><span class="label">{escape(label)}</span>{self.prose.text(b.caption)}</caption>')
        notes = []
        for j, (w0, a0), (w1, a1) in b.columns:
            detail = COLUMN[self.lang].format(j=j, old=_column(w0, a0, self.lang), new=_column(w1, a1, self.lang))
            ident = self.change("table", CHANGED, detail)
            notes.append(f'<p class="table-note" id="{ident}"><span class="format" title="{escape(detail)}">'
                         f'{escape(detail)}</span></p>')
        whole = status in (ADDED, REMOVED, MOVED, MOVED_AWAY)
        self.moving = status if status in (MOVED, MOVED_AWAY) else None
        if b.header is not None and b.header.cells:
            out.append("<thead>\n" + self.row(b.header, "th", whole, HEADER_ROW[self.lang]) + "\n</thead>")
        rows = [self.row(r, "td", whole, ROW[self.lang].format(n=r.new_number or r.old_number)) for r in b.rows]
        self.moving = None
        out.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
        out.append("</table>")
        move = b.move
        if move and status in (MOVED, MOVED_AWAY):
            link = self.moved_to(move, "") if status == MOVED else self.moved_from(move, "")
            notes.insert(0, f'<p class="move-note">{link}</p>')
        return "\n".join(out + notes)

    def row(self, r, cell: str, whole: bool, name: str) -> str:
        scope = ' scope="col"' if cell == "th" else ""
        attrs = ""
        if self.moving:
            pass
        elif r.status in (ADDED, REMOVED) and not whole:
            attrs = f' class="{r.status}" id="{self.change("row", r.status, name)}"'
        elif r.status in (ADDED, REMOVED):
            attrs = f' class="{r.status}"'
        cells = []
        for c in r.cells:
            cattrs = ""
            if r.status == CHANGED and c.status != SAME:
                cattrs = f' class="changed" id="{self.change("row", CHANGED, name + ": " + self.short(c.new or c.old))}"'
            if self.moving == MOVED:
                inner = self.moved_to(None, self.prose.text(c))
            elif self.moving == MOVED_AWAY:
                inner = self.moved_from(None, self.prose.plain(c.old))
            else:
                inner = self.prose.text(c)
            cells.append(f"<{cell}{scope}{cattrs}>{inner}</{cell}>")
        return f"<tr{attrs}>" + "".join(cells) + "</tr>"

    # -- parts ---------------------------------------------------------------------------------------------

    def sections(self, sections: list[SectionDiff], level: int, old_path: tuple, new_path: tuple,
                 kind: str = "section") -> str:
        return "".join(self.part(s, where, level, old_path, new_path, kind) for s, where in with_old_places(sections))

    def _number(self, s: SectionDiff, path: tuple, side, kind: str = "section") -> str:
        """«2.1» from the 1-based numbers of its parents on `side` and its own there; an annex's subsections
        are numbered within it, «1», «1.1» (as `render.tree` numbers them)."""
        n = s.new_number if side is self.new else s.old_number
        if n is None:
            return ""
        if kind == "annex-sub":
            return "" if side.numbering == "none" else ".".join(str(p) for p in (*path, n))
        return doc_tree.heading_number(side.numbering, tuple(p - 1 for p in (*path, n)))

    def _move(self, s: SectionDiff) -> str:
        return "s" + str(self.section_moves.setdefault(id(s), len(self.section_moves) + 1))

    def part(self, s: SectionDiff, where, level: int, old_path, new_path, kind: str) -> str:
        side = self.old if s.status == REMOVED or where == OLD else self.new
        path = old_path if side is self.old else new_path
        number = self._number(s, path, side, kind) if kind != "annex" else ""
        noun = "section" if kind == "annex-sub" else kind
        if kind == "annex":
            n = s.new_number if side is self.new else s.old_number
            number = doc_tree.annex_label(self.layout, side.language, n or 0) + ":"
        title_plain = self.short(s.title.new or s.title.old)
        self.where = f"{number} {title_plain}".strip()
        h = f"h{min(level, 6)}"
        label = f'<span class="{"label" if kind == "annex" else "number"}">{escape(number)}</span> ' if number else ""
        annex_id, gone, own = "", None, None
        if kind == "annex":  # its id, for links to it: NEW's annex, or a removed one whose id NEW does not use
            new_id = self.new.annexes[s.new_number - 1].id if s.new_number and side is self.new else None
            old_id = self.old.annexes[s.old_number - 1].id if s.old_number else None
            gone = old_id if old_id and old_id not in {a.id for a in self.new.annexes} else None
            own = new_id or gone
            if own:
                annex_id = f' id="{escape(own)}"'
        cls = "annex " if kind == "annex" else ""
        if where == OLD:  # a moved part's old place: its heading struck through in the move colour, a link
            ident = self.change(noun, MOVED_AWAY)
            heading = self.moved_from(self._move(s), label + self.prose.plain(s.title.old))
            return f'\n<section class="{cls}moved-away">\n<{h} id="{ident}">{heading}</{h}>\n</section>'
        hid = ""
        if s.status in (ADDED, REMOVED):
            hid = f' id="{self.change(noun, s.status)}"'
            heading = self.prose.text(s.title)
            attrs = f' class="{cls}{s.status}"'
        elif s.status == MOVED:
            old_no = self._number(s, old_path, self.old, kind) if kind != "annex" else ""
            hid = f' id="{self.change(noun, MOVED, f"{old_no} → {number}".strip() if old_no else "")}"'
            heading = self.moved_to(self._move(s), label + self.prose.text(s.title))
            label = ""
            attrs = f' class="{cls}moved"'
        else:
            attrs = f' class="{cls.strip()}"' if cls else ""
            if s.title.status != SAME:
                hid = f' id="{self.change("heading", CHANGED, title_plain)}"'
            heading = self.prose.text(s.title)
        whole = s.status in (ADDED, REMOVED)
        self.quiet += whole
        old_anchor = f'<span id="{escape(gone)}"></span>' if kind == "annex" and gone and gone != own else ""
        out = [f"\n<section{attrs}{annex_id}>\n<{h}{hid}>{old_anchor}{label}{heading}</{h}>", self.blocks(s.blocks)]
        old_sub = (*old_path, s.old_number) if s.old_number else old_path
        new_sub = (*new_path, s.new_number) if s.new_number else new_path
        if kind == "annex":
            old_sub = new_sub = ()
        out.append(self.sections(s.subsections, level + 1, old_sub, new_sub,
                                 "section" if kind == "section" else "annex-sub"))
        self.quiet -= whole
        out.append("\n</section>")
        return "".join(out)

    def notes(self, label: str) -> str:
        if not self.diff.footnotes:
            return ""
        self.where = ""
        items = []
        for note in self.diff.footnotes:
            n = note.new_number or note.old_number
            value = f' value="{n}"' if n else ""
            attrs = ""
            if note.status != SAME:
                ident = self.change("note", note.status, str(n or note.id))
                attrs = f' class="{note.status}"'
            items.append(f'\n  <li id="fn-{escape(note.id)}"{value}{attrs}>'
                         + (f'<span id="{ident}"></span>' if note.status != SAME else "")
                         + f"{self.prose.text(note.text)}</li>")
        return (f'\n<section class="notes" role="doc-endnotes" aria-label="{escape(label)}">\n<ol>'
                f'{"".join(items)}\n</ol>\n</section>')


def _column(width, align: str, lang: str) -> str:
    """A column's settings in words: «bredde 2, høyre»."""
    words = [f"bredde {width:g}"] if width is not None else []
    return ", ".join([*words, ALIGN[lang].get(align, align)])

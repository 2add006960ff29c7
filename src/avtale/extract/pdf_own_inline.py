"""The inline text of avtale's own PDF read from its tag tree, for `read_pdf_own`.

Reads: the kids of a tag (`pdf_tags`): its runs of text, Span, Strong, Em, Link (an url or an annex's destination
«avtale-annex-ID») and a footnote (a Lbl holding its number, then the Note), and the notes' named destinations
the reader holds. Writes: the text with marks (`read_own_inline.source`), a link's url printed after its words
left out (`links.print_urls`), and each footnote's text into the reader's `footnotes` under its id.

Holds `InlineReader`, the part of `read_pdf_own`'s reader that reads inline text, and `NotOwn`, raised where the
tree is not in the shape avtale writes.
"""

from __future__ import annotations

from avtale import inline
from avtale.extract.pdf_tags import Annot, Elem, Run, join_runs
from avtale.extract.read_own_inline import link, source

ANNEX = "avtale-annex-"


class NotOwn(Exception):
    """The tree is not in the shape avtale writes."""


class InlineReader:
    """Reads inline text for `read_pdf_own._Reader`, which sets what it reads with: `layout`, `language`,
    `annex_ids`, `note_places` (page, x, top, id of each note's destination) and the `note_ids` and `footnotes`
    it fills."""

    # -- inline --------------------------------------------------------------------------------------------

    def prose(self, kids: list) -> str:
        return source(_drop_printed_urls(_tidy(self.nodes(kids))))

    def nodes(self, kids: list) -> list:
        out: list = []
        pending: Run | None = None  # the number of a note reference, until its note follows
        for kid in kids:
            if isinstance(kid, Run):
                out.append(kid.text.replace("\u00ad", ""))
            elif isinstance(kid, Annot):
                continue
            elif kid.tag == "Span":
                out += self.nodes(kid.kids)
            elif kid.tag == "Strong":
                out.append(inline.Mark("bold", tuple(self.nodes(kid.kids))))
            elif kid.tag == "Em":
                out.append(inline.Mark("italic", tuple(self.nodes(kid.kids))))
            elif kid.tag == "Lbl":  # a note's number
                runs = kid.runs()
                number = join_runs(runs).strip()
                if number in self.note_ids:
                    if self.note_ids[number] is not None:
                        out.append(inline.Mark("note", (), self.note_ids[number]))
                else:
                    pending = runs[0] if runs else None
                    out.append(["note", number])
            elif kid.tag == "Note":
                body = [k for k in kid.kids if not (isinstance(k, Elem) and k.tag == "Lbl")]
                number = join_runs(next((k.runs() for k in kid.kids if isinstance(k, Elem) and k.tag == "Lbl"), [])).strip()
                key = self.note_id(pending, number)
                text = _tidy(self.nodes(body))
                if not any(k == key for *_, k in self.note_places) and _url_note(text, out, number):  # the url of the link before it
                    self.note_ids[number] = None
                    out = [n for n in out if n != ["note", number]]
                    pending = None
                    continue
                self.note_ids[number] = key
                self.footnotes[key] = source(_drop_printed_urls(text))
                for i, node in enumerate(out):
                    if node == ["note", number]:
                        out[i] = inline.Mark("note", (), key)
                pending = None
            elif kid.tag == "Link":
                annot = next((k for k in kid.kids if isinstance(k, Annot)), None)
                words = self.nodes(kid.kids)
                target = annot.uri if annot and annot.uri else ("#" + annot.dest[len(ANNEX):]
                                                                if annot and annot.dest and annot.dest.startswith(ANNEX) else None)
                if target is None:
                    out += words
                else:
                    labels = {aid: self.annex_ref(n) for n, aid in enumerate(self.annex_ids, 1)}
                    out.append(link(_tidy(words, trim=False), target, labels))
            else:
                raise NotOwn
        if any(isinstance(n, list) for n in out):
            raise NotOwn  # a note's number without its note
        return out

    def annex_ref(self, n: int) -> str:
        from avtale.render import tree

        return tree.annex_reference(self.layout, self.language, n)

    def note_id(self, at: Run | None, number: str) -> str:
        """The note's id: the destination nearest its reference; else n1, n2 … by its number."""
        if at is not None and self.note_places:
            near = [(abs(x - at.x) + abs(top - at.y) / 4, key) for page, x, top, key in self.note_places
                    if page == at.page and abs(x - at.x) < 6 and abs(top - at.y) < 20]
            if near:
                return min(near)[1]
        return f"n{number}"


def _tidy(nodes: list, trim: bool = True) -> list:
    """Whitespace collapsed, strings merged; the ends trimmed unless `trim` is false (a link's words)."""
    from avtale.extract.read_own_inline import _collapse

    out = _collapse(nodes)
    if trim and out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if trim and out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return [n for n in out if n != ""]


def _drop_printed_urls(nodes: list) -> list:
    """«words (https://…)»: the url printed after a link to it is left out (the layout's print_urls)."""
    out = list(nodes)
    i = 0
    while i + 3 < len(out) + 1 and i + 2 < len(out):
        a, b, c = out[i], out[i + 1], out[i + 2]
        nxt = out[i + 3] if i + 3 < len(out) else None
        if (isinstance(a, inline.Mark) and a.kind == "link" and isinstance(b, str) and b.endswith(" (")
                and isinstance(c, inline.Mark) and c.kind == "link" and c.target == a.target
                and list(c.children) == [a.target] and isinstance(nxt, str) and nxt.startswith(")")):
            out[i + 1] = b[:-2]
            out[i + 3] = nxt[1:]
            del out[i + 2]
            out = [n for n in out if n != ""]
        i += 1
    return out


def _url_note(text: list, before: list, number: str) -> bool:
    """Whether a note without an id is the url of the link its reference follows (`print_urls: footnote`)."""
    if len(text) != 1 or not isinstance(text[0], inline.Mark) or text[0].kind != "link":
        return False
    url = text[0].target
    if list(text[0].children) != [url]:
        return False
    # the reference stands after the link; where its number was not tagged (a note's reference in another
    # note's text, on a page the notes continue onto), the link the note follows is the last node
    at = before.index(["note", number]) if ["note", number] in before else len(before)
    prior = before[at - 1] if at else None
    return isinstance(prior, inline.Mark) and prior.kind == "link" and prior.target == url

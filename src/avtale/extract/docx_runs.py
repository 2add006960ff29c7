"""A Word paragraph's runs as `rich.Piece`s: bold, italic, hyperlinks, footnote and annex references.

Reads: a paragraph element of a document read by python-docx, and what `Runs` found in the package once
(hyperlink targets, the footnotes part, bookmarks on annex headings). Writes: pieces whose text is the
paragraph's text as python-docx reads it (so the line's text and its payload agree).

- Bold and italic: a run's own `w:b`/`w:i`, else its character style's (and the styles it is based on), else
  the paragraph style's. Bold from the paragraph style counts only where the paragraph is not bold as a whole:
  a heading style is bold, and a heading is no marked text. A run's own bold always counts (a table cell
  «**Sum**»).
- A hyperlink with `r:id` links to its relationship's url (in a footnote, the footnotes part's relationship). A
  printed url right after it, «ordet (https://…)» (what avtale's DOCX prints where paper cannot be clicked),
  is left out. A hyperlink with
  `w:anchor` to a bookmark on an annex heading is a reference to that annex: `[#id]` where its words are the
  annex's reference label («vedlegg 2», that annex's number, in lower case as the text prints it), else
  `[words](#id)` («[Vedlegg 2](#plan)» as typed); an anchor to anything else is plain text.
- `w:footnoteReference` refers to a note of the footnotes part: ids by a bookmark named in the note (a slug, as a
  writer that keeps ids may set), else `n1`, `n2` … in order of first reference. The note's text is read
  with its marks; a note holding only the url of the hyperlink before its reference is that url printed as
  a note (`links.print_urls: footnote`) and left out. A note referred to again has its number printed in the
  footnote reference style (Word allows one reference): a run of digits k in that style refers to the k-th note
  referenced.
"""

from __future__ import annotations

import re

from docx.oxml import parse_xml
from lxml import etree

from avtale.extract.rich import Piece, Rich, normalise, plain, source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
MAX_NOTE_CHARS = 20_000


def _flag(rpr, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(f"{W}{tag}")
    if el is None:
        return None
    return el.get(f"{W}val", "true").lower() not in ("0", "false", "off")


class Runs:
    """What the run reader needs of the package, found once."""

    def __init__(self, document, annex_bookmarks: dict[str, str] | None = None, annex_numbers: dict[str, int] | None = None):
        self.document = document
        part = document.part
        self.urls = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
        self.styles = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}
        self.annexes = annex_bookmarks or {}  # bookmark name -> annex id
        self.labels = {aid: f"vedlegg {n}" for aid, n in (annex_numbers or {}).items()}  # annex id -> reference label
        self.note_ids: dict[str, str] = {}  # w:id -> note id
        self.order: list[str] = []  # w:ids of the notes in the order of their references (Word's numbers)
        self.note_texts: dict[str, str] = {}  # note id -> source
        self.footnotes = {}
        self.note_urls: dict[str, str] = {}  # the footnotes part's own hyperlink relationships
        for rel in part.rels.values():
            if rel.reltype == FOOTNOTES and not rel.is_external:
                try:  # python-docx's parser, so runs are read as in the body (its element classes)
                    root = parse_xml(rel.target_part.blob)
                except etree.XMLSyntaxError:
                    continue
                self.footnotes = {fn.get(f"{W}id"): fn for fn in root.findall(f"{W}footnote")
                                  if fn.get(f"{W}type") in (None, "normal")}
                rels = getattr(rel.target_part, "rels", None) or {}
                self.note_urls = {rid: r.target_ref for rid, r in rels.items() if r.is_external}

    def _style_flag(self, style_id: str | None, tag: str) -> bool | None:
        seen = set()
        while style_id and style_id not in seen and len(seen) < 16:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            got = _flag(style.find(f"{W}rPr"), tag)
            if got is not None:
                return got
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    def pieces(self, p_el, urls: dict[str, str] | None = None) -> list[Piece]:
        """The paragraph's pieces (the module's docstring), whitespace normalised. `urls`: the relationships
        a hyperlink's `r:id` names, those of the part the paragraph is in (the document part's by default; a
        footnote's are the footnotes part's, whose ids are numbered apart and may be the same as the body's)."""
        urls = self.urls if urls is None else urls
        ppr = p_el.find(f"{W}pPr")
        pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
        para_style = pstyle.get(f"{W}val") if pstyle is not None else None
        raw: list[tuple[Piece, bool, bool]] = []  # piece, bold from the paragraph style, italic from it
        for child in p_el:
            if child.tag == f"{W}r":
                self._run(child, None, para_style, raw)
            elif child.tag == f"{W}hyperlink":
                anchor = child.get(f"{W}anchor")
                url = urls.get(child.get(f"{R}id")) if child.get(f"{R}id") else None
                target = f"#{self.annexes[anchor]}" if anchor in self.annexes else url
                start = len(raw)
                for r in child.findall(f"{W}r"):
                    self._run(r, target, para_style, raw)
                words = "".join(p.text for p, _b, _i in raw[start:] if p.kind == "text")
                if target and target.startswith("#") and " ".join(words.split()) == self.labels.get(target[1:]):
                    raw[start:] = [(Piece(words, kind="ref", target=target[1:]), False, False)]
        for tag, k in (("b", 1), ("i", 2)):
            texts = [x for x in raw if x[0].kind == "text" and x[0].text.strip()]
            whole = bool(texts) and all(getattr(x[0], "bold" if k == 1 else "italic") for x in texts)
            if whole:  # style-given bold (italic) over the whole paragraph is no mark
                raw = [(_unset(p, tag) if x[k] else p, x[1], x[2]) for x in raw for p in [x[0]]]
        return self._drop_printed_urls(normalise([p for p, _b, _i in raw]))

    def _run(self, r, link: str | None, para_style: str | None, out: list) -> None:
        from docx.text.run import Run

        rpr = r.find(f"{W}rPr")
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        char_style = rstyle.get(f"{W}val") if rstyle is not None else None
        flags = []
        for tag in ("b", "i"):
            own = _flag(rpr, tag)
            if own is None:
                own = self._style_flag(char_style, tag)
            inherited = own is None and bool(self._style_flag(para_style, tag))
            flags.append((bool(own) or inherited, inherited))
        (bold, bold_inh), (italic, italic_inh) = flags
        text = (Run(r, None).text or "").replace("\u00a0", " ").replace("\u00ad", "")
        ref = r.find(f"{W}footnoteReference")
        again = self._again(text, char_style) if ref is None else None
        if again:
            out.append((Piece("", kind="note", target=again), False, False))
            return
        if text:
            out.append((Piece(text, bold, italic, link), bold_inh, italic_inh))
        if ref is not None:
            if ref.get(f"{W}id") not in self.order:
                self.order.append(ref.get(f"{W}id"))
            note = self._note(ref.get(f"{W}id"), out)
            if note:
                out.append((Piece("", kind="note", target=note), False, False))

    def _again(self, text: str, char_style: str | None) -> str | None:
        """The id of the note a run refers to a second time: its number printed in the footnote reference style
        (Word gives a note one reference; a later one is its number as text), the n-th note referenced so far."""
        if not text.isdigit() or not char_style or len(text) > 4:
            return None
        style = self.styles.get(char_style)
        name = style.find(f"{W}name") if style is not None else None
        if char_style != "FootnoteReference" and (name is None or (name.get(f"{W}val") or "").lower()
                                                   != "footnote reference"):
            return None
        k = int(text)
        return self.note_ids.get(self.order[k - 1]) if 1 <= k <= len(self.order) else None

    def _note(self, wid: str | None, before: list) -> str | None:
        """The id of footnote `wid` (read once), or None where there is no such note or it is a printed url."""
        if wid in self.note_ids:
            return self.note_ids[wid]
        fn = self.footnotes.get(wid)
        if fn is None:
            return None
        pieces: list[Piece] = []
        name = None
        for p in fn.iter(f"{W}p"):
            for bm in p.iter(f"{W}bookmarkStart"):
                if name is None and SLUG.fullmatch(bm.get(f"{W}name") or ""):
                    name = bm.get(f"{W}name")
            if pieces:
                pieces.append(Piece(" "))
            pieces += self.pieces(p, self.note_urls)
        pieces = normalise(pieces)
        text = plain(pieces)[:MAX_NOTE_CHARS]
        last_link = next((p.link for p, _b, _i in reversed(before) if p.kind == "text"), None)
        if last_link and text.strip() in (last_link, last_link.removeprefix("mailto:")):
            self.note_ids[wid] = None
            return None
        if not text:
            return None
        note_id = name if name and name not in self.note_texts else f"n{len(self.note_texts) + 1}"
        while note_id in self.note_texts:
            note_id += "-1"
        self.note_ids[wid] = note_id
        self.note_texts[note_id] = source(pieces)
        return note_id

    @staticmethod
    def _drop_printed_urls(pieces: list[Piece]) -> list[Piece]:
        out: list[Piece] = []
        for p in pieces:
            prev = out[-1] if out else None
            if prev is not None and prev.link and not prev.link.startswith("#") and p.kind == "text" and not p.link:
                printed = f" ({prev.link.removeprefix('mailto:')})"
                if p.text.startswith(printed):
                    rest = p.text[len(printed):]
                    if rest:
                        out.append(Piece(rest, p.bold, p.italic))
                    continue
            out.append(p)
        return normalise(out)

    def rich(self, p_el) -> tuple[Rich | None, str | None]:
        """The paragraph's payload where it has marks, links or notes (else None), and its plain text."""
        pieces = self.pieces(p_el)
        if not any(p.bold or p.italic or p.link or p.kind != "text" for p in pieces):
            return None, plain(pieces)
        notes = {p.target: self.note_texts[p.target] for p in pieces if p.kind == "note"}
        return Rich(pieces=pieces, notes=notes), plain(pieces)


def _unset(p: Piece, tag: str) -> Piece:
    from dataclasses import replace

    return replace(p, bold=False) if tag == "b" else replace(p, italic=False)

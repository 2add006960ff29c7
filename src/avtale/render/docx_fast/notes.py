"""word/footnotes.xml, as `docx_notes.write` builds it: Word's two separators, then one `w:footnote` per note.

Reads the tree's notes and the writer's `Inline`; writes the part's bytes (its hyperlinks related through
its own `Rels`).
"""

from __future__ import annotations

from avtale.render.docx_fast.inline import NOTE_REFERENCE_STYLE, Inline, add_text, run_properties
from avtale.render.docx_fast.package import Rels
from avtale.render.docx_fast.roots import FOOTNOTES
from avtale.render.docx_fast.xml import DECLARATION, E

NOTE_TEXT_STYLE = "FootnoteText"
NOTE_BOOKMARK_BASE = 10_000
SEPARATORS = "".join(
    f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    f'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
    for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")))


def footnotes(notes: list[dict], inline: Inline) -> tuple[bytes, Rels]:
    """(the part's bytes, its relationships)."""
    rels = Rels()
    inline.url_notes = {note["n"]: note["url"] for note in notes if "url" in note}
    out = [DECLARATION, FOOTNOTES, SEPARATORS]
    for note in notes:
        if note["n"] in inline.inlined:
            continue
        element = E("w:footnote", {"w:id": str(note["n"])})
        p = E("w:p")
        element.append(p)
        p.add("w:pPr").add("w:pStyle", val=NOTE_TEXT_STYLE)
        mark = E("w:r")
        mark.append(run_properties(style=NOTE_REFERENCE_STYLE))
        mark.append(E("w:footnoteRef"))
        p.append(mark)
        if note.get("id"):
            bookmark = str(NOTE_BOOKMARK_BASE + note["n"])
            p.append(E("w:bookmarkStart", {"w:id": bookmark, "w:name": note["id"]}))
            p.append(E("w:bookmarkEnd", {"w:id": bookmark}))
        add_text(p, " ")
        if "url" in note:
            add_text(p, note["url"])
        else:
            inline.add(p, note["runs"], rels, in_note=True)
        element.write(out)
    out.append("</w:footnotes>")
    return "".join(out).encode("utf-8"), rels

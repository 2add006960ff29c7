"""The redline's footnotes: one footnotes part holding every note of either side, its changes tracked.

A note keeps one id in the redline whichever side refers to it (NEW's number where NEW has it, the notes
only OLD has after those), so a reference kept in the text is kept, one added or removed is tracked in
the text (`docx_redline_inline`), and Word numbers the notes by their references as it does in each
build. Inside the footnotes part a changed note's words are tracked like any paragraph's, an added note's
text is inserted and a removed note's text deleted.
"""

from __future__ import annotations

from avtale.render import docx_notes, tree
from avtale.render.docx_redline_blocks import NEW, OLD


class NotesMixin:
    """For the redline writer (`sides`, `docs`, `inlines`, `layout`, `print_urls`, `_fill`)."""

    @staticmethod
    def note_key(entry: dict, side: str) -> tuple:
        """A note as both sides know it: by its id; a link's url printed as a note is that side's own."""
        return ("id", entry["id"]) if "id" in entry else ("url", side, entry["n"])

    def _note_ids(self) -> None:
        """The redline's id of every note of either side, from each side's whole tree."""
        notes = {side: tree.Document(a, self.layout, self.print_urls).build()["notes"] for side, a in self.sides.items()}
        ids = {self.note_key(e, NEW): e["n"] for e in notes[NEW]}
        extra = len(notes[NEW])
        for entry in notes[OLD]:
            key = self.note_key(entry, OLD)
            if key not in ids:
                extra += 1
                ids[key] = extra
        self.note_ids = ids

    def _notes_diff(self) -> bool:
        """Write the footnotes part (where either side has notes); whether there is one."""
        entries: dict[tuple, dict] = {}
        for side in (OLD, NEW):
            for entry in self.docs[side].notes:
                entries.setdefault(self.note_key(entry, side), {})[side] = entry
        if not entries:
            return False
        part = docx_notes.footnotes_part(self.document)
        for side in (OLD, NEW):
            self.inlines[side].url_notes = {e["n"]: e["url"] for e in self.docs[side].notes if "url" in e}
        for key in sorted(entries, key=lambda k: self.note_ids[k]):
            sides = entries[key]
            if all(sides[s]["n"] in self.inlines[s].inlined for s in sides):
                continue  # a link's url inside a note: printed there in parentheses
            element, p = docx_notes.new_note(self.note_ids[key])
            self._plain_text(p, " ")
            self._fill(p, _note_content(sides.get(OLD)), _note_content(sides.get(NEW)), part=part, in_note=True)
            part.element.append(element)
        return True


def _note_content(entry: dict | None):
    if entry is None:
        return None
    if "url" in entry:
        return ([{"text": entry["url"], "bold": False, "italic": False, "link": None}], entry["url"])
    return (entry["runs"], None)

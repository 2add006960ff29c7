"""The merged tree of a diff: both versions in one structure, in NEW's order.

Statuses: `same`, `changed`, `added`, `removed`, `moved` (sections, subsections and annexes at their new
place; paragraphs and list items at their new place, with the edits inside the move as words) and
`moved-away` (a paragraph's or list item's old place: its old text as removed). A moved paragraph or item
and its old place carry the same `move` number (1, 2, … in NEW's order), found by `diff.moves`.
Text carries word operations on the text as typed (marks included): ("=", s) kept, ("-", s) deleted,
("+", s) inserted; and `formats`, the phrases whose words are kept but whose marks changed (bold, italic,
a link), so that a phrase made bold reads as a formatting change, not as a deletion and an insertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SAME, CHANGED, ADDED, REMOVED, MOVED = "same", "changed", "added", "removed", "moved"
# a paragraph or list item's old place, where it moved from (its new place has MOVED; both share `move`)
MOVED_AWAY = "moved-away"


@dataclass(frozen=True)
class Format:
    """A phrase whose words are the same on both sides but whose marks are not.

    `old` and `new` are the phrase's marks on each side, as one piece: ((phrase, bold, italic, link url or
    None),); a tuple of pieces, so that a phrase can be written back with its marks."""

    phrase: str
    old: tuple
    new: tuple


@dataclass
class Text:
    ops: list[tuple[str, str]]
    formats: list[Format] = field(default_factory=list)
    marks_only: bool = False  # the words are the same on both sides: only `formats` changed

    @property
    def old(self) -> str:
        return "".join(s for op, s in self.ops if op != "+")

    @property
    def new(self) -> str:
        return "".join(s for op, s in self.ops if op != "-")

    @property
    def status(self) -> str:
        kinds = {op for op, _ in self.ops}
        if kinds <= {"="}:
            return CHANGED if self.formats else SAME
        if kinds == {"+"}:
            return ADDED
        if kinds == {"-"}:
            return REMOVED
        return CHANGED

    @classmethod
    def same(cls, s: str) -> "Text":
        return cls([("=", s)])

    @classmethod
    def added(cls, s: str) -> "Text":
        return cls([("+", s)])

    @classmethod
    def removed(cls, s: str) -> "Text":
        return cls([("-", s)])


@dataclass
class Item:
    """A list item, with its status in the list; `lists`: the diffed list under it (a block of kind
    bullets/numbered; two when the list under it changed kind: the old one removed, the new one added)."""

    text: Text
    status: str
    lists: list["Block"] = field(default_factory=list)
    move: int | None = None  # MOVED / MOVED_AWAY: the number linking both places


@dataclass
class Row:
    """A table row: its cells (header cells for the header), numbered 1 … on each side among the rows."""

    status: str
    cells: list[Text]
    old_number: int | None = None
    new_number: int | None = None


@dataclass
class Block:
    """A paragraph (`text`), a list (`kind` bullets/numbered with `items`) or a table.

    A list has its `style` (the numbering shown, by `level`: 1 for a list in the text, 2 under an item …) and
    `old_style` where that changed. A table has its `caption` (a Text, or None where neither side has one),
    `header` (a Row), `rows` and `columns`: the settings of the columns both sides have that changed, as
    (column number, (old width or None, old align), (new width or None, new align))."""

    kind: str  # paragraph | bullets | numbered | table
    status: str
    text: Text | None = None
    items: list[Item] = field(default_factory=list)
    style: str = "1."
    old_style: str | None = None
    level: int = 1
    caption: Text | None = None
    header: Row | None = None
    rows: list[Row] = field(default_factory=list)
    columns: list[tuple[int, tuple, tuple]] = field(default_factory=list)
    move: int | None = None  # MOVED / MOVED_AWAY: the number linking both places


@dataclass
class SectionDiff:
    """A section, subsection or annex. Numbers are each side's place among its siblings (1-based)."""

    title: Text
    status: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list["SectionDiff"] = field(default_factory=list)
    old_number: int | None = None
    new_number: int | None = None

    @property
    def touched(self) -> bool:
        return self.status != SAME


@dataclass(frozen=True)
class Change:
    """A change outside the text (signing, a footnote): `what` changed from `old` to `new` ("" for none).

    `status` says whether the thing was added, removed or changed; `kind` what it is: `place-date`,
    `electronic`, `signatory` or `note`. Unpacks as (what, old, new)."""

    what: str
    old: str
    new: str
    status: str = CHANGED
    kind: str = ""

    def __iter__(self):
        return iter((self.what, self.old, self.new))


@dataclass
class NoteDiff:
    """A footnote: its id, its number on each side (None where it is not referred to) and its text."""

    id: str
    status: str
    text: Text
    old_number: int | None = None
    new_number: int | None = None


@dataclass
class AgreementDiff:
    old_id: str
    new_id: str
    title: Text
    fields: list[tuple[str, str, str]]  # (name, old, new) for metadata that changed
    preamble: list[Block]
    sections: list[SectionDiff]
    signing: list[Change]  # each unpacks as (what, old, new)
    annexes: list[SectionDiff] = field(default_factory=list)
    footnotes: list[NoteDiff] = field(default_factory=list)
    language: str = "nb"  # the diff's wording: nn where both agreements are nynorsk, else nb
    old_label: str = ""  # how the caller names each side («agreements/x.yaml», «main:agreements/x.yaml»)
    new_label: str = ""

    @property
    def empty(self) -> bool:
        return (
            self.title.status == SAME
            and not self.fields
            and not self.signing
            and all(b.status == SAME for b in self.preamble)
            and all(s.status == SAME for s in self.sections)
            and all(s.status == SAME for s in self.annexes)
            and all(n.status == SAME for n in self.footnotes)
        )

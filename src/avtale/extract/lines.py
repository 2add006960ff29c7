"""The data every stage passes on: source lines, paragraphs, and the notes for stderr.

Reads: nothing. Writes: nothing. Shared vocabulary of the pipeline:
`Line` (one line of a source, with its source line number and, where a reader
knows it, a hint such as `heading`, and a structured payload, `rich`), `Para` (one paragraph after unwrapping,
with the range of source lines it came from) and `Notes` (what was dropped as
noise and every uncertain decision, each with its source line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from avtale.i18n import N_, _

KINDS = (N_("dropped"), N_("uncertain"), N_("ocr"), N_("metadata"))  # a note's kind, shown in the user's language


@dataclass
class Line:
    """One line of the source. `no` is the 1-based source line (or paragraph/OCR line) number."""

    no: int
    text: str
    page: int = 1
    hint: str | None = None  # from structured readers: title, heading, subheading, bullet, numbered, letterhead, signature
    page_start: bool = False  # first line after a page break
    goes_on: bool = False  # the next line continues this one (a justified line an exporter stretched)
    rich: object = None  # what a structured reader knows for certain (`rich.Rich`); no stage but build reads it

    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Para:
    """One paragraph candidate: its text (whitespace inside columns kept), and source lines `first`..`last`."""

    text: str
    first: int
    last: int
    hint: str | None = None
    blank_before: bool = True
    page_start: bool = False


@dataclass
class Note:
    line: int | None
    kind: str  # one of KINDS
    message: str

    def render(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line is not None else source
        return f"{where}: {_(self.kind)}: {self.message}"


@dataclass
class Notes:
    items: list[Note] = field(default_factory=list)
    draft_mark: str | None = None  # a draft's mark («UTKAST») a reader or stage saw (`draft_mark`): build reads a draft

    def dropped(self, line: int | None, text: str, why: str) -> None:
        self.items.append(Note(line, "dropped", f"«{text.strip()}» ({why})"))

    def uncertain(self, line: int | None, message: str) -> None:
        self.items.append(Note(line, "uncertain", message))

    def ocr(self, line: int | None, message: str) -> None:
        self.items.append(Note(line, "ocr", message))

    def meta(self, message: str) -> None:
        self.items.append(Note(None, "metadata", message))

    def render(self, source: str) -> list[str]:
        ordered = sorted(self.items, key=lambda n: (n.line is None, n.line or 0))
        return [n.render(source) for n in ordered]

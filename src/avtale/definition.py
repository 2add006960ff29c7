"""The agreement format as pydantic defines it: every field, type, constraint and description.

This is the single source of truth of the format. The JSON schema (`avtale schema`), the README's field
table and the validator every command uses are generated from it: `avtale.model` holds the classes the rest
of avtale speaks (plain classes of the same names, validated by pydantic-core from `model_core.py`, which
`scripts/compile-model` writes from these definitions), so that reading an agreement never pays for
importing pydantic and building these classes. Behaviour shared by both (reading texts in NFC, an item's one
list, telling the kind of a block) lives in `avtale.model` and is called from here.

Keys are English, content is Norwegian. Section and list numbers are never
typed: they follow from order, and how they are shown is a setting
(`numbering` on the agreement, `style` on a numbered list).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

from avtale import model

Text = Annotated[str, StringConstraints(min_length=1), Field(description="Norwegian text; whitespace is normalised.")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]

HeadingNumbering = Literal["1.", "1", "§ 1", "none"]
ListStyle = Literal["1.", "1)", "a)", "i)"]
Align = Literal["left", "center", "right"]
Prose = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Norwegian text with inline marks: `**bold**`, `*italic*`, `[text](https://…)`, a footnote "
          "`[^id]`, an annex `[#id]`; `\\` before a mark character keeps it literal. Whitespace is normalised."),
]
Cell = Annotated[str, Field(description="A table cell: text with inline marks, or empty.")]
Language = Literal["nb", "nn"]
Status = Literal["draft", "signed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="before")
    @classmethod
    def _read_in_nfc(cls, data):
        """Every text is read in NFC, whichever way the model is made (a file, `extract`, `new`): the one place."""
        return model.read_in_nfc(data)


class Logo(_Model):
    """A party's logo, supplied by the user (the repository ships no third-party logos)."""

    file: str = Field(description="Path to a PNG or JPEG file, relative to the agreement file.")
    alt: Text = Field(description="Alternative text read by screen readers, e.g. «Kunnskapsdepartementets logo».")


class Party(_Model):
    """One party to the agreement."""

    id: Slug = Field(description="Short identifier used by signatories, e.g. `kd`.")
    name: Text = Field(description="Full name, e.g. «Kunnskapsdepartementet».")
    short: Text | None = Field(default=None, description="Short name, e.g. «KD».")
    logo: Logo | None = Field(default=None, description="Logo for the letterhead; without it the name is set as text.")


class Period(_Model):
    """When the agreement is in force."""

    start: dt.date | None = Field(default=None, description="First day in force, if known.")
    end: dt.date = Field(description="Last day in force, as the text says («fram til 31. desember 2017»).")


class Item(_Model):
    """A list item with a list of its own under it (bullets in a numbered list, or the other way round)."""

    text: Prose = Field(description="The item's own text.")
    bullets: list[ListItem] | None = Field(default=None, description="A bulleted list under the item.")
    numbered: list[ListItem] | None = Field(default=None, description="A numbered list under the item.")
    style: ListStyle | None = Field(
        default=None, description="How the list under the item is numbered; by default by its level (1. → a) → i)).")

    @model_validator(mode="after")
    def _one_list(self):
        return model.one_list(self)


def _item_tag(value: object) -> str | None:
    return "item" if isinstance(value, Item) else model.item_tag(value)


ListItem = Annotated[
    Union[Annotated[Prose, Tag("text")], Annotated[Item, Tag("item")]],
    Discriminator(
        _item_tag,
        custom_error_type="item",
        custom_error_message="a list item is a text, or `text:` with a list (`bullets:` or `numbered:`) under it",
    ),
    Field(description="A list item: a text, or `text:` with a list of its own under it."),
]


class Bullets(_Model):
    """A bulleted list."""

    bullets: list[ListItem] = Field(min_length=1, description="The items, in order.")


class Numbered(_Model):
    """A numbered list; numbers follow from order and start again at 1 (or a) in every list."""

    numbered: list[ListItem] = Field(min_length=1, description="The items, in order.")
    style: ListStyle | None = Field(
        default=None,
        description="How items are numbered: `1.`, `1)`, `a)` or `i)`; by default by the list's level (1. → a) → i)).")


class Column(_Model):
    """How one column of a table is set."""

    width: float | None = Field(default=None, gt=0, le=1000,
                                description="Relative width (the widths of a table's columns are shares of the line).")
    align: Align = Field(default="left", description="`left`, `center` or `right`.")


class TableContent(_Model):
    """A table: a header row, rows of cells, optional column settings and a caption."""

    caption: Text | None = Field(default=None, description="The caption, printed over the table («Tabell 1: …»).")
    columns: list[Column] | None = Field(default=None, description="Width and alignment per column, left to right.")
    header: list[Cell] = Field(min_length=1, description="The header row, repeated on every page the table spans.")
    rows: list[list[Cell]] = Field(min_length=1, description="The rows, each with as many cells as the header.")


class Table(_Model):
    """A table block."""

    table: TableContent = Field(description="A table: `header`, `rows`, and optional `columns` and `caption`.")


def _block_tag(value: object) -> str | None:
    for cls, tag in ((Bullets, "bullets"), (Numbered, "numbered"), (Table, "table")):
        if isinstance(value, cls):
            return tag
    return model.block_tag(value)


Block = Annotated[
    Union[
        Annotated[Prose, Tag("paragraph")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Numbered, Tag("numbered")],
        Annotated[Table, Tag("table")],
    ],
    Discriminator(
        _block_tag,
        custom_error_type="block",
        custom_error_message="a block is a paragraph (text), a list with `bullets:` or `numbered:`, or a `table:`",
    ),
    Field(description="A paragraph (a string with inline marks), a list (`bullets:` or `numbered:`) or a `table:`."),
]


class Subsection(_Model):
    """A numbered subsection (2.1, 2.2 …) inside a section, or (2.1.1) inside a subsection."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(
        default_factory=list, description="Subsections after the blocks (2.1.1 …; three levels at most).")


class Section(_Model):
    """A numbered section of the agreement."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(default_factory=list, description="Subsections after the blocks.")


class Annex(_Model):
    """An annex («Vedlegg 1: …») after the signature block, starting on a new page."""

    id: Slug | None = Field(default=None, description="Identifier for references from the text: `[#id]`.")
    title: Text = Field(description="The title, without «Vedlegg N:».")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(default_factory=list, description="Subsections after the blocks.")


class Signatory(_Model):
    """A person who signs for a party."""

    party: Slug = Field(description="The `id` of the party signed for.")
    name: Text = Field(description="Full name.")
    title: Text = Field(description="Title as printed under the name, e.g. «Kunnskapsminister».")
    place: Text | None = Field(default=None, description="Where this signatory signs, if not where the others do.")
    date: dt.date | None = Field(default=None, description="When this signatory signs, if not when the others do.")


class Signing(_Model):
    """Place, date and signatories: the signature block."""

    place: Text | None = Field(
        default=None, description="Where the agreement is signed, e.g. «Oslo»; on paper, here or for every signatory.")
    date: dt.date | None = Field(
        default=None, description="Date of signing, printed as «7. november 2014»; on paper, here or for every signatory.")
    electronic: bool = Field(
        default=False, description="Signed electronically: no signature lines; the note «Avtalen er signert elektronisk.»")
    signatories: list[Signatory] = Field(min_length=1, description="The signatories, in the order of the block.")


class Seal(_Model):
    """Set by `avtale sign-off`: the hash of the signed content. Signed text is frozen."""

    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the agreement's canonical content (everything but `status` and `seal`)."
    )
    date: dt.date = Field(description="When the agreement was signed off.")


class Agreement(_Model):
    """An agreement between a ministry and KS (or between other public parties)."""

    id: Slug = Field(description="Identifier; equal to the file name without `.yaml`, e.g. `2014-2017`.")
    title: Text = Field(description="The title, as printed.")
    language: Language = Field(description="Written standard: `nb` (bokmål) or `nn` (nynorsk).")
    parties: list[Party] = Field(min_length=2, description="The parties, in the order of the letterhead.")
    period: Period
    status: Status = Field(description="`draft` while negotiated, `signed` once signed.")
    numbering: HeadingNumbering = Field(default="1.", description="How section headings are numbered.")
    preamble: list[Block] = Field(default_factory=list, description="Paragraphs and lists before the first section.")
    sections: list[Section] = Field(min_length=1, description="The sections, in order.")
    signing: Signing | None = Field(default=None, description="The signature block, where the source has one.")
    annexes: list[Annex] = Field(default_factory=list, description="Annexes after the signature block.")
    footnotes: dict[Slug, Prose] = Field(
        default_factory=dict, description="Footnotes by id, referred to in the text as `[^id]`; numbered in order of use.")
    supersedes: Slug | None = Field(default=None, description="The `id` of the agreement this one replaces.")
    seal: Seal | None = Field(default=None, description="Set by `avtale sign-off`; never edit by hand.")


Item.model_rebuild()
Subsection.model_rebuild()

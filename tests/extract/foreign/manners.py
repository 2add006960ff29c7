"""The manner a document is written in: everything an office varies that is not content.

`draw_manner(r)` draws one from a `random.Random`; `manners()` is the hypothesis strategy.
The families follow the corpus in tests/data/extract-corpus (d01–d08) and go beyond it:

- headings: Word's Heading styles, bold Normal paragraphs, or bold List Paragraph items numbered
  by numbering.xml; numbers automatic (numbering.xml, then a tab or a space) or typed, «1.», «1»,
  «§ 1», or none; the title may itself be a Heading 1 (sections are then Heading 2);
- lists: bullets from numbering.xml (•, –, ·, o), Word's List Bullet, or typed «–<tab>» (typed also with
  «►», «✓», «▪» or «-», as offices pick them from Wingdings or type them);
  numbered lists from numbering.xml (restarting, or numbered on from the previous list the way
  Word does), Word's List Number (always numbered on), or typed «1)<tab>», «a)<tab>»;
- letterhead of logo images (Typst draws them, with the ministry's name as image text) in a
  table or a row, or of text lines; running header; footer «Side N av M», «- N -», «N», or the
  state's letter template's «Side N (M)» and «N (M)», from PAGE/NUMPAGES fields;
- title in Title style, bold, centred, All caps, broken by a manual line break, or Heading 1;
- justified or ragged; Liberation Serif/Sans, DejaVu Serif/Sans at 10–12 pt; empty paragraphs
  for spacing; hard page breaks; bold, italic and hyperlinks inside paragraphs; manual breaks;
- place and date «Oslo, 12. mars 2024», «Oslo 12.03.2024», «Sted: Oslo» + «Dato: …»,
  «Bergen den 4. mai 2024», «Sted og dato: Oslo, 12. mars 2024» («Stad og dato:» in nynorsk), before or
  after the signatures;
- signatures in a borderless 2-column table (2 + 2 + 1), in one row, in a table headed by
  the party names, in tab-separated columns, one under another, or one under another with each
  name and title on one line («Kari Nordmann, kunnskapsminister»: "inline"); with or without
  «For <party>» and underscore lines, or an electronic-signing note with names and titles only
  («Avtalen er signert elektronisk.», or the ministries' «Dokumentet er elektronisk godkjent og har
  derfor ikke håndskrevne signaturer.», in nynorsk «… og har difor ikkje handskrivne signaturar.»:
  `note`); the lines of a signature with Normal's space after them, or tight.

New values are extra choices of the draws that were there (a new draw, `note`, only where the note is drawn):
every old value is still drawn, with a somewhat smaller share.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from hypothesis import strategies as st

FONTS = ["Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans"]
SIZES = [10, 10.5, 11, 11.5, 12]


@dataclass(frozen=True)
class Manner:
    numbering: str = "1."          # the agreement's `numbering`: "1.", "1", "§ 1" or "none"
    headings: str = "styles"       # "styles" (Heading 1/2) | "bold" (bold Normal) | "list" (List Paragraph + numPr)
    numbers: str = "typed"         # "auto" (numbering.xml) | "typed" | "none"
    gap: str = "space"             # after the number: "tab" | "space"
    title: str = "style"           # "style" | "bold" | "centred" | "caps" | "break" | "heading"
    letterhead: str = "none"       # "none" | "logos" (table) | "logo-row" (one paragraph) | "names" | "name-lines"
    header: str = "none"           # "none" | "title" | "short": running header
    footer: str = "none"           # "none" | "side" («Side N av M») | "dash" («- N -») | "bare" («N»)
    #                                | "paren" («Side N (M)») | "paren-bare" («N (M)»)
    justified: bool = False
    font: str = "Liberation Serif"
    size: float = 11
    color: str = "000000"          # headings' colour
    bullets: str = "auto"          # "auto" (numbering.xml) | "style" (List Bullet) | "typed"
    bullet: str = "•"              # the character of "auto" and "typed" bullets: •, –, ·, o (typed also ►, ✓, ▪, -)
    lists: str = "auto"            # "auto" (numbering.xml) | "style" (List Number; «1.» lists only) | "typed"
    numbered_on: bool = False      # "auto" lists of one style share one counter: the second goes on 4, 5, 6
    place_date: str = "comma"      # "comma" | "numeric" | "labels" | "den" | "joined" («Sted og dato: Oslo, …»)
    place_date_after: bool = False
    signatures: str = "table"      # "table" (2 columns) | "row" | "headed" | "tabs" | "stacked" | "inline"
    for_rows: bool = False         # «For <party>» above each signature
    lines: bool = True             # underscore lines to sign on
    tight: bool = False            # the lines of a signature with no space after (else Normal's spacing)
    electronic: bool = False       # an electronic-signing note (`note`); no lines
    note: str = "signert"          # the note: "signert" («Avtalen er signert elektronisk.») | "godkjent" (the
    #                                ministries' «Dokumentet er elektronisk godkjent og har derfor ikke …»)
    spacing: bool = False          # empty paragraphs for spacing, no space after paragraphs
    page_break: str = "none"       # "none" | "list" (inside a list) | "section" (before a heading) | "signatures"
    inline: bool = False           # bold and italic words, hyperlinks inside paragraphs
    soft_break: bool = False       # a manual line break between sentences (only with `spacing`, as d08:
    #                                with paragraphs set apart by empty ones, the break is not a paragraph end)
    seed: int = 0                  # for the writer's small choices (which paragraph, which item)

    @property
    def subsections(self) -> bool:
        """Whether headings in this manner can show subsections («2.1»)."""
        return self.numbering in ("1.", "1")

    def summary(self) -> str:
        """One short line: what a failure's manner was."""
        head = f"{self.headings}/{self.numbers}" + (f"-{self.gap}" if self.numbers != "none" else "")
        lists = f"{self.lists}{'+on' if self.numbered_on else ''}"
        bullets = self.bullets + (f"({self.bullet})" if self.bullets != "style" else "")
        sig = "+".join([self.signatures] + [k for k, v in (("for", self.for_rows), ("lines", self.lines),
                                                           (f"el-{self.note}", self.electronic), ("tight", self.tight))
                                            if v])
        extras = [k for k, v in (("just", self.justified), ("spacing", self.spacing), ("inline", self.inline),
                                 ("softbr", self.soft_break)) if v]
        if self.page_break != "none":
            extras.append(f"pb-{self.page_break}")
        return (f"num={self.numbering!r} head={head} title={self.title} lh={self.letterhead} hdr={self.header} "
                f"ftr={self.footer} bul={bullets} lists={lists} pd={self.place_date}"
                f"{'-after' if self.place_date_after else ''} sig={sig} {self.font} {self.size}"
                + (" " + ",".join(extras) if extras else ""))

    def as_dict(self) -> dict:
        return asdict(self)


DRAW = 2  # the draw `draw_manner` makes: 1 as before the values of session 18 (regression seeds found then), 2 with them
NEW_VALUES = {  # values draw 2 adds to draw 1's choices, each choice's list in draw 1 first
    "signatures": ["inline"], "footer": ["paren", "paren-bare"], "place_date": ["joined"],
    "typed_bullet": ["►", "✓", "▪", "-"],
}


def draw_manner(r, numbering: str | None = None, draw: int = DRAW) -> Manner:
    """A random manner; `numbering` fixes the agreement's heading numbering, else it is drawn too. `draw` 1 makes
    the draw a seed made before the values of `NEW_VALUES` came (so a regression seed keeps its document)."""
    def more(name: str) -> list:
        return NEW_VALUES[name] if draw >= 2 else []

    numbering = numbering or r.choice(["1.", "1.", "1", "§ 1", "none"])
    if numbering == "none":
        headings, numbers = r.choice(["styles", "styles", "bold"]), "none"
    else:
        headings = r.choice(["styles", "styles", "bold", "list"])
        numbers = "auto" if headings == "list" else r.choice(["auto", "typed"])
    title = r.choice(["style", "bold", "centred", "caps", "break"] + (["heading"] if headings == "styles" else []))
    lists = r.choice(["auto", "auto", "style", "typed"])
    signatures = r.choice(["table", "table", "row", "headed", "tabs", "stacked"] + more("signatures"))
    electronic = r.random() < 0.2
    spacing = r.random() < 0.2
    return Manner(
        numbering=numbering,
        headings=headings,
        numbers=numbers,
        gap=r.choice(["tab", "space"]),
        title=title,
        letterhead=r.choice(["none", "none", "logos", "logos", "logo-row", "names", "name-lines"]),
        header=r.choice(["none", "none", "title", "short"]),
        footer=r.choice(["none", "side", "side", "dash", "bare"] + more("footer")),
        justified=r.random() < 0.4,
        font=r.choice(FONTS),
        size=r.choice(SIZES),
        color=r.choice(["000000", "000000", "1F3864", "2E5597"]),
        bullets=(bullets := r.choice(["auto", "style", "typed"])),  # drawn in its place, as before
        bullet=r.choice(["•", "•", "–", "·", "o"] + (more("typed_bullet") if bullets == "typed" else [])),
        lists=lists,
        numbered_on=lists == "auto" and r.random() < 0.4,
        place_date=r.choice(["comma", "comma", "numeric", "labels", "den"] + more("place_date")),
        place_date_after=r.random() < 0.2,
        signatures=signatures,
        for_rows=signatures != "headed" and r.random() < 0.4,
        lines=not electronic and r.random() < 0.75,
        tight=r.random() < 0.3,
        electronic=electronic,
        note=r.choice(["signert", "godkjent"]) if electronic and draw >= 2 else "signert",
        spacing=spacing,
        page_break=r.choice(["none", "none", "none", "list", "section", "signatures"]),
        inline=r.random() < 0.4,
        soft_break=spacing and r.random() < 0.5,
        seed=r.getrandbits(32),
    )


def manners(numbering: str | None = None) -> st.SearchStrategy[Manner]:
    """Hypothesis strategy: manners drawn from a random hypothesis controls (and can shrink)."""
    return st.builds(lambda r: draw_manner(r, numbering), st.randoms(use_true_random=False))

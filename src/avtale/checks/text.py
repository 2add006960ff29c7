"""Rules on the text itself: dates that must agree, export debris, Norwegian typography, and what was typed is
what is read (AV101, from `store.silent`)."""

from __future__ import annotations

import re
import unicodedata

from avtale.characters import INVISIBLE_CLASS, INVISIBLE_PRINTABLE, CharacterClass, char_name, nbsp_belongs
from avtale.checks import At, rule
from avtale.dates import find_dates, format_date
from avtale.findings import ERROR, Finding
from avtale.i18n import N_, _
from avtale.regex import lazy
from avtale.store.may_hide import may_hide_text

_UNTIL = lazy(r"\b(?:fram|frem)?\s*til\s+$")
_DIGIT = re.compile(r"\d").search  # every date, numeric or written out, has a digit
_STRAIGHT_QUOTES = lazy(r'"[^"]*"|[“”„]')
_NUMERIC_DATE = lazy(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b")


@rule("AV301", "end-date-in-text", N_("a date the text gives as the end («fram til 31. desember 2017») equals "
                                      "`period.end`"))
def end_date_in_text(agreement, ctx):
    end = agreement.period.end
    for loc, text in ctx.texts:
        if not _DIGIT(text):
            continue
        for offset, found in find_dates(text):
            if found != end and _after_until(text, offset):
                yield loc, _("the text says «til {date}» but `period.end` is {end}; make them agree").format(
                    date=format_date(found), end=end.isoformat())


def _after_until(text: str, offset: int) -> bool:
    """Whether «til» (or «fram til») and white space stand just before `offset`. Looks back only over that
    white space and a few letters, so a text with many dates is read once, not once per date."""
    start = offset
    while start and text[start - 1].isspace():
        start -= 1
    return start < offset and _UNTIL.search(text, max(0, start - 8), offset) is not None


# --- AV302: export debris, told from what the drafter typed -------------------------------------------

_DEBRIS_KINDS = {
    "bookmark": r"\[bookmark:[^\]]*\]?|\b_GoBack\b",
    "image": r"\b[\w-]+\.(?i:jpe?g|png|gif|emf|wmf|tiff?)\b",
    "page": r"\b(?:Side|Page) \d{1,4} (?:av|of) \d{1,4}\b|^(?:Side|Page) \d{1,4}$|^[-–—] ?\d{1,4} ?[-–—]$",
    "newline": r"\n",
    "tab": r"\t",
    "edge": r"^ +| +$",
    "spaces": r" {2,}",
    "nbsp": r"[\xa0\u202f]",
    "invisible": f"[{INVISIBLE_CLASS}]",  # (what cannot stand in an agreement at all is AV102's)
}
_DEBRIS = lazy("|".join(f"(?P<{k}>{p})" for k, p in _DEBRIS_KINDS.items()))
# cheap tests that hold whenever _DEBRIS can match; the alternation above, tried at every
# position, was a third of validation time (bench/results.md)
_IMAGE_SUFFIX = lazy(r"\.(?i:jpe?g|png|gif|emf|wmf|tiff?)\b")
_ODD = CharacterClass("\t\n\xa0\u202f" + INVISIBLE_CLASS, printable=INVISIBLE_PRINTABLE, newline=True)
_PAGE = lazy(_DEBRIS_KINDS["page"])


def _may_hold_debris(text: str) -> bool:
    return bool(
        "  " in text or text[:1] == " " or text[-1:] == " " or _ODD.search(text)
        or "[bookmark:" in text or "_GoBack" in text or "." in text and _IMAGE_SUFFIX.search(text)
        or _may_be_page(text)
    )


_DASHES = ("-", "–", "—")


def _may_be_page(text: str) -> bool:
    """Whether `_PAGE` may match: «Side »/«Page » in the text, or a short text between dashes («– 3 –»)."""
    if "Side " not in text and "Page " not in text:
        if len(text) >= 16 or text[:1] not in _DASHES or text.removesuffix("\n")[-1:] not in _DASHES:
            return False
    return _PAGE.search(text) is not None


def _debris(text: str):
    """(kind, offset, found) for the first of each kind of debris in a text, in order."""
    seen = {}
    for m in _DEBRIS.finditer(text):
        kind = m.lastgroup
        if kind in seen or kind == "nbsp" and nbsp_belongs(text, m.start()):
            continue
        if kind in ("spaces", "edge", "tab") and text[m.start() - 1:m.start()] == "\n":
            continue  # a more-indented line of a folded text: AV101 names it
        seen[kind] = (kind, m.start(), m.group(0))
    return sorted(seen.values(), key=lambda d: d[1])


def _debris_message(kind: str, found: str, offset: int) -> str:
    if kind == "bookmark":
        return _("a Word bookmark marker «{found}» left from an export: delete it").format(found=found)
    if kind == "image":
        return _("an image file name «{found}» left from an export: delete it").format(found=found)
    if kind == "page":
        return _("a page number «{found}» left from an export: delete it").format(found=found)
    if kind == "tab":
        return _("a tab inside the text: replace it with a space")
    if kind == "spaces":
        return _("two spaces in a row: delete one")
    if kind == "edge":
        if offset == 0:
            return _("the text starts with a space: delete it")
        return _("the text ends with a space: delete it")
    code = f"{ord(found[0]):04X}"
    if kind == "nbsp":
        return _("{name} (U+{code}) left from an export: replace it with an ordinary space").format(
            name=char_name(found[0]), code=code)
    if unicodedata.category(found[0]) == "Co":
        return _("a symbol-font character (U+{code}), such as a bullet from Word, left from an export: delete the "
                 "character").format(code=code)
    if found == "\ufffd":
        return _("a replacement character (U+FFFD), where an export lost a letter: write the letter that belongs "
                 "there")
    return _("{name} (U+{code}) left from an export: delete the character").format(name=char_name(found[0]), code=code)


# what a string that is no prose (a logo's file, an id) can hold of debris: an image «file name» there is none
_CHARACTER_KINDS = frozenset({"invisible", "tab", "newline"})


@rule("AV302", "no-export-debris", N_("no export debris (bookmark markers, image file names, page numbers, invisible "
                                      "characters, non-breaking spaces out of place), tabs or stray spaces"))
def no_export_debris(agreement, ctx):
    texts = [(loc, text) for loc, text in ctx.strings if _may_hold_debris(text) and text.strip(" \t\n")]
    if not texts:
        return
    from avtale.store import places, silent

    prose = {loc for loc, _text in ctx.texts}
    lines = ctx.source.split("\n") if ctx.source is not None else []
    scalars = places.scalars(ctx.source) if ctx.source is not None else {}
    for loc, text in texts:
        scalar = scalars.get(loc)
        if scalar is not None:
            text = scalar.value  # as typed (the model holds it in NFC): offsets count in what was typed
        words = loc in prose or loc[-1] in places.PROSE_KEYS
        for kind, offset, found in _debris(text):
            if not words and kind not in _CHARACTER_KINDS:
                continue
            if kind == "newline":  # kept from how the text was typed: AV101 names it where it has the file
                if ctx.source is None:
                    yield loc, _("a line break inside the text: write the text on one line")
                continue
            at = places.position(lines, scalar, offset, found) if scalar is not None else None
            if at is None and scalar is not None and len(found) == 1 and not silent.visible(found):
                continue  # typed as a backslash escape in double quotes: AV101 names it
            where = At(*at) if at else At(scalar.line + 1, scalar.col + 1) if scalar else loc
            yield where, _debris_message(kind, found, offset)


@rule("AV303", "norwegian-quotes", N_("quotations use «…», not \"…\""), severity="warning")
def norwegian_quotes(agreement, ctx):
    for loc, text in ctx.texts:
        if '"' not in text and "“" not in text and "”" not in text and "„" not in text:
            continue
        m = _STRAIGHT_QUOTES.search(text)
        if m:
            yield loc, _("use «…» for quotations in Norwegian, not {quoted}").format(quoted=repr(m.group(0)[:30]))


@rule("AV304", "norwegian-dates", N_("dates in the text are written «7. november 2014»"), severity="warning")
def norwegian_dates(agreement, ctx):
    for loc, text in ctx.texts:
        if not _DIGIT(text):
            continue
        m = _NUMERIC_DATE.search(text)
        if m:
            yield loc, _("write the date {date} in words, as «7. november 2014»").format(date=repr(m.group(0)))


@rule("AV305", "signed-in-period", N_("the agreement is signed before its period ends"))
def signed_in_period(agreement, ctx):
    s = agreement.signing
    if not s:
        return
    dates = [(("signing", "date"), s.date)] + [
        (("signing", "signatories", i, "date"), p.date) for i, p in enumerate(s.signatories)]
    for loc, date in dates:
        if date is not None and date > agreement.period.end:
            yield loc, _("signed {signed}, after the period ends ({end})").format(
                signed=format_date(date), end=format_date(agreement.period.end))


# --- AV101: text as typed (store.silent finds the places) ----------------------------------------------

_READ_AS = {
    "number": N_("«{typed}» is read as a number, not as text: put it in quotes: '{typed}'"),
    "yes-no": N_("«{typed}» is read as a yes-or-no value, not as text: put it in quotes: '{typed}'"),
    "date": N_("«{typed}» is read as a date, not as text: put it in quotes: '{typed}'"),
    "empty-value": N_("«{typed}» is read as an empty value, not as text: write the text instead, or put it in "
                      "quotes if «{typed}» is the text: '{typed}'"),
}
_OPTIONAL_TEXT = frozenset({"short", "supersedes"})


_BREAKS = {
    "literal": N_("a `|` block keeps every line break: write `>-` instead of `{header}`"),
    "trailing": N_("the text ends with a line break: write `>-` instead of `{header}`"),
    "leading": N_("a blank line before the text keeps a line break: delete the blank line"),
}


def _blank_line_message(loc: tuple) -> str:
    if len(loc) > 1 and loc[-2] in ("bullets", "numbered"):
        return _("a blank line inside an item keeps a line break: start a new item with a new `- `")
    if isinstance(loc[-1], int):
        return _("a blank line inside a paragraph keeps a line break: start a new paragraph with a new `- ` item")
    return _("a blank line inside the text keeps a line break: delete the blank line")


def _short(typed: str, most: int = 40) -> str:
    """What was typed, cut after whole words to about `most` characters."""
    if len(typed) <= most:
        return typed
    cut = typed[:most].rsplit(" ", 1)[0] if " " in typed[:most] else typed[:most]
    return cut + "…"


def _typed_message(place) -> str:
    kind, typed = place.kind, place.typed
    if kind in _READ_AS:
        return _(_READ_AS[kind]).format(typed=typed)
    if kind == "comment":
        number = re.match(r"#\s*(\d+)", typed)
        if number:
            return _("«{typed}» is read as a YAML comment, so it is left out of the text: put the whole text in "
                     "quotes ('…'), or write «nr. {number}» instead of «#{number}»").format(
                         typed=_short(typed), number=number.group(1))
        return _("«{typed}» is read as a YAML comment, so it is left out of the text: put the whole text in quotes "
                 "('…')").format(typed=_short(typed))
    if kind == "comment-line":
        anchor = "-" if isinstance(place.path[-1], int) else f"{place.path[-1]}:"
        return _("«{typed}» is read as a YAML comment, so it is left out of the text above: put the whole text in "
                 "quotes ('…'); if it is a note, not text, line its «#» up with «{anchor}»").format(
                     typed=_short(typed), anchor=anchor)
    if kind == "folded-item":
        return _("«{typed}» is indented too far, so it is read as words of the text above, not as an item of its "
                 "own: indent its «-» as far as the item above").format(typed=_short(typed))
    if kind == "folded-key":
        return _("«{typed}» is indented as far as the text above, so it is read as words of that text, not as a key: "
                 "indent it less, in line with the keys it belongs with").format(typed=_short(typed))
    if kind == "quoted-item":
        if typed.startswith("-"):
            return _("«{typed}» is inside the quotes that open on line {line}, so it is read as words of that text, "
                     "not as an item of its own: close the quote where that text ends").format(
                         typed=_short(typed), line=place.since)
        return _("«{typed}» is inside the quotes that open on line {line}, so it is read as words of that text, not "
                 "as a key: close the quote where that text ends").format(typed=_short(typed), line=place.since)
    if kind == "no-text":
        if typed == "-":
            return _("this item has no text: write the text after «-», or delete the line")
        if typed in _OPTIONAL_TEXT:
            return _("«{key}:» has no text: write the text after it, or delete the line").format(key=typed)
        return _("«{key}:» has no text: write the text after it").format(key=typed)
    if kind in _BREAKS:
        return _(_BREAKS[kind]).format(header=typed)
    if kind == "blank":
        return _blank_line_message(place.path)
    if kind == "more-indented":
        if not typed.strip():
            return _("this blank line holds spaces beyond the indentation of the text, which YAML keeps in the text: "
                     "delete them")
        if typed.startswith("\t"):
            return _("«{typed}» starts with a tab, so YAML keeps a line break before it: indent it with spaces like "
                     "the lines above").format(typed=_short(typed.strip()))
        return _("«{typed}» is indented further than the lines above, so YAML keeps a line break and the extra "
                 "spaces before it: indent it like the lines above").format(typed=_short(typed.strip()))
    from avtale.store.silent import escaped  # an escape, the one kind left


    char = escaped(typed)
    if not char:
        return _("the «\\» at the end of this line, inside double quotes, joins the next line to it without a space: "
                 "delete the «\\»")
    return _("«{typed}» inside double quotes is read as {name}, not as the characters typed: put the text in single "
             "quotes ('…') instead").format(typed=typed, name=char_name(char))


@rule("AV101", "text-as-typed", N_("every text reaches the agreement as typed: nothing YAML reads as a comment, as "
                                   "words of the text above, as a number, a date, a yes-or-no value or nothing, or "
                                   "with a line break or character the drafter did not type"))
def text_as_typed(agreement, ctx):
    if ctx.source is None or not may_hide_text(ctx.source):  # (most files: `silent` is not even imported)
        return
    from avtale.store import silent  # only where the cheap test leaves a doubt

    for place in silent.find(ctx.source):
        yield At(place.line, place.col), _typed_message(place)


def with_schema(source: str, path: str, schema: list[Finding]) -> list[Finding]:
    """The findings for a file the schema refused: AV101's places first where it has any (it runs even where
    no other rule can), in place of the schema's words for the same text («input should be a valid string»)."""
    from avtale.store import silent

    found = silent.find(source)
    if not found:
        return schema
    explained = {p.path for p in found if p.kind in silent.READ_AS or p.kind == silent.NO_TEXT}
    kept = [f for f in schema if _untagged(f.loc) not in explained]
    typed = [Finding("AV101", _typed_message(p), ERROR, p.path, path, p.line, p.col, "text-as-typed") for p in found]
    return sorted(typed + kept, key=lambda f: (f.line or 0, f.col or 0))


def _untagged(loc: tuple) -> tuple:
    return tuple(part for i, part in enumerate(loc)
                 if not (part in _UNION_TAGS and i and isinstance(loc[i - 1], int)))


_UNION_TAGS = frozenset({"paragraph", "bullets", "numbered", "table", "text", "item"})  # pydantic's, in a loc

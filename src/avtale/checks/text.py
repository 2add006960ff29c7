"""Rules on the text itself: dates that must agree, export debris, Norwegian typography."""

from __future__ import annotations

import re

from avtale.checks import At, rule
from avtale.dates import find_dates, format_date

_UNTIL = re.compile(r"\b(?:fram|frem)?\s*til\s+$")
_DEBRIS_KINDS = {
    "bookmark": (r"\[bookmark:[^\]]*\]?|\b_GoBack\b", "a bookmark marker"),
    "image": (r"\b[\w-]+\.(?i:jpe?g|png|gif|emf|wmf|tiff?)\b", "an image file name"),
    "tab": (r"\t", "a tab"),
    "spaces": (r" {2,}", "doubled spaces"),
    "edge": (r"^\s|\s$", "leading or trailing white space"),
    "control": (r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff\ufffd]", "a control or invisible character"),
    "newline": (r"\n", "a line break inside a paragraph"),
}
_DEBRIS = re.compile("|".join(f"(?P<{k}>{p})" for k, (p, _) in _DEBRIS_KINDS.items()))
# cheap tests that hold whenever _DEBRIS can match; the alternation above, tried at every
# position, was a third of validation time (bench/results.md)
_IMAGE_SUFFIX = re.compile(r"\.(?i:jpe?g|png|gif|emf|wmf|tiff?)\b")
_CONTROL = re.compile(_DEBRIS_KINDS["control"][0])


def _may_hold_debris(text: str) -> bool:
    return bool(
        "\t" in text or "\n" in text or "  " in text or text[:1].isspace() or text[-1:].isspace()
        or "[bookmark:" in text or "_GoBack" in text
        or _CONTROL.search(text) or _IMAGE_SUFFIX.search(text)
    )


_DIGIT = re.compile(r"\d").search  # every date, numeric or written out, has a digit
_STRAIGHT_QUOTES = re.compile(r'"[^"]*"|[“”„]')
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b")


@rule("AV301", "end-date-in-text", "a date the text gives as the end («fram til 31. desember 2017») equals `period.end`")
def end_date_in_text(agreement, ctx):
    end = agreement.period.end
    for loc, text in ctx.texts:
        if not _DIGIT(text):
            continue
        for offset, found in find_dates(text):
            if _UNTIL.search(text[:offset]) and found != end:
                yield loc, (
                    f"the text says «til {format_date(found)}» but `period.end` is {end.isoformat()}; make them agree"
                )


@rule("AV302", "no-export-debris", "no export debris left in the text")
def no_export_debris(agreement, ctx):
    for loc, text in ctx.texts:
        m = _DEBRIS.search(text) if _may_hold_debris(text) else None
        if m:
            yield loc, f"{_DEBRIS_KINDS[m.lastgroup][1]} left from an export: {m.group(0)!r}"


@rule("AV303", "norwegian-quotes", "quotations use «…», not \"…\"", severity="warning")
def norwegian_quotes(agreement, ctx):
    for loc, text in ctx.texts:
        if '"' not in text and "“" not in text and "”" not in text and "„" not in text:
            continue
        m = _STRAIGHT_QUOTES.search(text)
        if m:
            yield loc, f"use «…» for quotations in Norwegian, not {m.group(0)[:30]!r}"


@rule("AV304", "norwegian-dates", "dates in the text are written «7. november 2014»", severity="warning")
def norwegian_dates(agreement, ctx):
    for loc, text in ctx.texts:
        if not _DIGIT(text):
            continue
        m = _NUMERIC_DATE.search(text)
        if m:
            yield loc, f"write the date {m.group(0)!r} in words, as «7. november 2014»"


@rule("AV305", "signed-in-period", "the agreement is signed before its period ends")
def signed_in_period(agreement, ctx):
    s = agreement.signing
    if s and s.date > agreement.period.end:
        yield ("signing", "date"), f"signed {format_date(s.date)}, after the period ends ({format_date(agreement.period.end)})"



@rule("AV101", "text-as-typed", "every text reaches the agreement as typed: no « #» comment after text, no item "
      "indented into the text above")
def text_as_typed(agreement, ctx):
    from avtale.store import silent  # only where a rule runs: not on the start-up path of every command

    if ctx.source is None:
        return
    lines = ctx.source.split("\n")
    for line, col, kind in silent.find(ctx.source):
        rest = lines[line - 1][col - 1 :].strip()
        if kind == silent.COMMENT:
            yield At(line, col), (f"«{rest[:40]}» is read as a YAML comment, so it is left out of the text: put the "
                                  "whole text in quotes ('…'), or write «nr. 1» instead of «#1»")
        else:
            yield At(line, col), (f"«{rest[:40]}» is indented too far, so it is read as words of the text above, not "
                                  "as an item of its own: indent its «-» as far as the item above")

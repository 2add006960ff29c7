"""Text YAML would change without a word: what a drafter typed that never reaches the agreement as typed.

Reads: the YAML text of one file. Writes: a `Place` (1-based line and column, `kind`, what was typed there,
the text's key path) for each place. Each would pass `validate`, or fail it in a parser's or the schema's
words, with the legal text changed, so AV101 reports them as errors at their place with the fix, and
`fmt` never rewrites such a file (it would write the changed text for good). What libyaml does with what
drafters type was tried case by case (tests/store/test_silent.py); it is silent about:

- *A comment after text* (`COMMENT`): in a plain (unquoted) text, « #» starts a YAML comment, so «… dialog
  om tiltak #1 og måloppnåelse.» is read as «… dialog om tiltak». Reported at the «#». A comment as meant:
  after a value that is not prose (`status: signed  # …`, a date, an id), «# …» (hash, space) after one
  word (`fmt` writes `title: Avtale  # …` from a quoted title), and `extract`'s «# TODO» after a guess.
- *A comment line inside a text* (`COMMENT_LINE`): a «#» line below a plain text, indented as a line of
  that text would be, is dropped too («#1 og måloppnåelse.» wrapped onto a line of its own). A note lined
  up with the item's «-» (or with its key) is a comment as meant.
- *An item folded into the text above* (`FOLDED_ITEM`): a line of a plain text that starts with «- »
  after its first line is a list item indented too far, read as words of the item above («… to ganger i
  året - en felles statusrapport …»). So is an item added below a `>-` paragraph but indented like the
  paragraph's lines, and a key so indented (`FOLDED_KEY`: «… budsjettforhandlinger. subsections:»).
- *Quotes left open* (`QUOTED_ITEM`): libyaml lets quoted text run on over lines at any indentation, so
  an unclosed «'» or «"» swallows the items and keys below it up to a line that ends with that quote.
  A line inside quotes that starts with «- » or with a key of the agreement (`title:` …) is reported.
- *Text read as another type* (`NUMBER`, `YES_NO`, `EMPTY_VALUE`, `DATE`): an unquoted `2026`, `1.5`, `1e3`,
  `0x1F`, `012`, `true`, `~`, `null`, `2014-11-07` where the agreement has text (`places.TEXT_KEYS`,
  `places.TEXT_LISTS`) is a number, a yes-or-no value, nothing or a date; the schema refuses it in its own
  words, or, for an optional text (`short: ~`), drops it. Dates and numbers where they are meant (`period`,
  `signing.date`, `seal.date`) are not texts and not looked at. Read as YAML 1.2, as the loader does: `yes`,
  `no`, `on`, `off`, `12:30` and `2014-1-7` stay text, as typed, and are not reported.
- *No text* (`NO_TEXT`): `title:`, `- `, `''`, `' '` or an empty `>-` where a text belongs.
- *A more-indented line in a folded text* (`MORE_INDENTED`): in a `>`/`>-` block a line indented further
  than the lines above, one starting with a tab, or a blank line holding spaces beyond the indentation,
  keeps a hard line break and its extra spaces.
- *Line breaks a block or a blank line keeps* (`TRAILING`, `LITERAL`, `BLANK`, `LEADING`, found by
  `places.line_breaks`): `>` and `>+` keep the last line break (`>-` does not), `|` keeps every one, and a
  blank line inside a text, or before it in a block, keeps one. The text then holds a line break that the built
  documents show as a space and `fmt` folds into one: two paragraphs merged without a word. (AV302
  called these «export debris» before, and `fmt` went on.)
- *Backslash escapes in double quotes* (`ESCAPE`): inside "…", `\\t` is a tab, `\\n` a line break,
  `\\_` a non-breaking space, `\\N`, `\\L`, `\\P` line breaks, `\\0 \\a \\b \\e \\f \\v \\r` control
  characters, and a «\\» at the end of a line joins the next line without a space: a backslash typed in a
  path or a name («"C:\\temp"» is «C:», a tab, «emp»). Harmless, and not reported: `\\"` and `\\\\` (how a
  quote or a backslash is typed inside "…"), `\\/`, `\\ ` (a space), and `\\x…`, `\\u…`, `\\U…`, which give a
  character by its number: nobody types those by accident (`fmt` writes an invisible character so), and an
  invisible one among them is export debris, which AV302 names at the escape.

Not silent, so not here: a tab, two spaces or a space at an edge inside quotes or a folded line stay in the
text as typed (AV302 names them where they stand; `fmt` folds them, which changes no word); trailing spaces
on a line of plain text are white space and dropped. A key folded into plain text (`title: Avtale om` over
`  kvalitet: x`), a continuation indented so little that it leaves its item, a «#» line with more text
below it, a tab as indentation, and the characters U+0085, U+2028, U+2029 typed in the file: libyaml stops
with an error for each, which the loader reports. A plain text wrapped over lines, even at uneven
indentation, is joined with one space each, as typed.

Uses libyaml's parser where it is installed (`places.events`). A file that does not parse reports nothing
here: the loader reports its error. A cheap test on the text first (`_may_hide_text`: string searches and
one pass over the lines) keeps validating many valid files fast; it holds wherever `find` finds something
(tested with hypothesis).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import namedtuple

TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

from avtale.store import fast
from avtale.store.may_hide import _is_key, may_hide_text as _may_hide_text  # noqa: F401  (the cheap test: tests use it here)
from avtale.store.places import (BLANK, LEADING, LITERAL, PROSE_KEYS, TRAILING, Scalar, header,
                                 is_cell, is_note, line_breaks, walk)

COMMENT = "comment"
COMMENT_LINE = "comment-line"
FOLDED_ITEM = "folded-item"
QUOTED_ITEM = "quoted-item"
NUMBER = "number"
YES_NO = "yes-no"
EMPTY_VALUE = "empty-value"
DATE = "date"
NO_TEXT = "no-text"
MORE_INDENTED = "more-indented"
FOLDED_KEY = "folded-key"
ESCAPE = "escape"
BREAKS = (TRAILING, LITERAL, BLANK, LEADING)  # a line break YAML keeps: `places.line_breaks`
READ_AS = (NUMBER, YES_NO, EMPTY_VALUE, DATE)


Place = namedtuple("Place", "line col kind typed path since", defaults=("", (), 0))
Place.__doc__ = """One place where YAML reads other text than was typed, 1-based: `typed` what was typed there, as
the message quotes it; `path` the key path of the text; `since` (QUOTED_ITEM) the line the quotes open on."""


# --- what is found ------------------------------------------------------------------------------------

_AFTER = re.compile(r"[ \t]+#")
_MEANT = re.compile(r"#(?:\s|$)")  # «# …» after one word of text: a comment as meant
_ESCAPE = re.compile(r'\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.|$)', re.M)
_HARMLESS_ESCAPES = frozenset('"\\/ ')
_SPECIAL = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def escaped(sequence: str) -> str:
    """The character a backslash escape in double quotes stands for («\\t» is a tab); '' for a line join."""
    code = sequence[1:]
    if not code:
        return ""
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SPECIAL.get(code, code)


def visible(char: str) -> bool:
    return char.isprintable() and not char.isspace() and unicodedata.category(char) not in ("Cf", "Co", "Zs")


def _read_as(value: str) -> str | None:
    """The kind of value YAML reads from a plain text, as the loader does (the fast path's resolver first)."""
    try:
        read = fast.resolve(value)
    except fast.GiveUp:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        tag = str(VersionedResolver().resolve(ScalarNode, value, (True, False)))
        return {"int": NUMBER, "float": NUMBER, "bool": YES_NO, "null": EMPTY_VALUE,
                "timestamp": DATE}.get(tag.rsplit(":", 1)[-1])
    if isinstance(read, bool):
        return YES_NO
    if isinstance(read, (int, float)):
        return NUMBER
    if read is None:
        return EMPTY_VALUE
    return DATE if isinstance(read, dt.date) else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _last_line(event: Any) -> int:
    e = event.end_mark
    return e.line - 1 if e.column == 0 and e.line > event.start_mark.line else e.line


def find(text: str) -> list[Place]:
    """The places where YAML reads what was typed as other text (the module's docstring), in order."""
    if not _may_hide_text(text):
        return []
    lines = text.split("\n")
    out: list[Place] = []
    try:
        for path, event, frame, is_text in walk(text):
            out += _check(lines, path, event, frame, is_text)
    except Exception:  # noqa: BLE001 - a parse error: the loader reports it with its position
        pass
    return sorted(set(out), key=lambda p: (p.line, p.col))


def _check(lines: list[str], path: tuple, event: Any, frame: Any, is_text: bool) -> list[Place]:
    out: list[Place] = []
    value, style = event.value, event.style or ""
    s, e = event.start_mark, event.end_mark
    if is_text and not value.strip(" \t\n") and not (style in ("'", '"') and is_cell(path)):  # an empty cell
        # may be quoted empty; (a non-breaking space is text: AV302 names it)
        if frame.is_map:
            return [Place(frame.key_line + 1, frame.key_col + 1, NO_TEXT, str(path[-1]), path)]
        line, col = (s.line, frame.indent) if style == "" and not frame.flow else (s.line, s.column)
        return [Place(line + 1, col + 1, NO_TEXT, "-", path)]
    if style == "":
        if is_text and event.implicit[0]:
            kind = _read_as(value)
            if kind:
                out.append(Place(s.line + 1, s.column + 1, kind, value, path))
        rest = lines[e.line][e.column:] if e.line < len(lines) else ""
        prose = bool(path) and ((path[-1] in PROSE_KEYS or is_note(path)) if frame.is_map else is_text)
        if _AFTER.match(rest) and not rest.lstrip().startswith("# TODO") and (
                len(value.split()) >= 2 or prose and not _MEANT.match(rest.lstrip())):
            out.append(Place(e.line + 1, e.column + rest.index("#") + 1, COMMENT, rest.strip(), path))
        for n in range(s.line + 1, min(e.line, len(lines) - 1) + 1):
            stripped = lines[n].lstrip()
            if stripped.startswith("- ") or stripped == "-":
                out.append(Place(n + 1, _indent(lines[n]) + 1, FOLDED_ITEM, stripped.strip(), path))
        if prose and not frame.flow:
            out += _comment_lines(lines, e.line + 1, frame.key_col if frame.is_map else frame.indent, path)
    elif style == ">" and is_text:
        out += _block_lines(lines, event, frame, path, folded=True)
    elif style == "|" and is_text:
        out += _block_lines(lines, event, frame, path, folded=False)
    elif style in ("'", '"') and e.line > s.line and is_text:
        for n in range(s.line + 1, min(e.line, len(lines) - 1) + 1):
            stripped = lines[n].lstrip()
            if stripped.startswith("- ") or stripped == "-" or _is_key(stripped):
                out.append(Place(n + 1, _indent(lines[n]) + 1, QUOTED_ITEM, stripped.strip(), path, s.line + 1))
    if style == '"' and is_text:
        out += _escapes(lines, event, path)
    if is_text and "\n" in value:
        scalar = Scalar(value, style, s.line, s.column, e.line, e.column)
        typed = header(lines, scalar) if style in (">", "|") else ""
        out += [Place(line, col, kind, typed, path) for kind, line, col in line_breaks(lines, scalar)]
    return out


def _comment_lines(lines: list[str], n: int, parent: int, path: tuple) -> list[Place]:
    """«#» lines right below a plain text, where a line of the text would have gone on (deeper than `parent`)."""
    out = []
    while n < len(lines):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            break
        if stripped and _indent(lines[n]) > parent and not stripped.startswith("# TODO"):
            out.append(Place(n + 1, _indent(lines[n]) + 1, COMMENT_LINE, stripped, path))
        n += 1
    return out


def _block_lines(lines: list[str], event: Any, frame: Any, path: tuple, folded: bool) -> list[Place]:
    """In a `>` or `|` block: lines indented further than the block (folded only: `|` keeps them anyway), and
    lines that start as an item («- ») or a key of the agreement, read as words of the text."""
    s = event.start_mark
    content = range(s.line + 1, _last_line(event) + 1)
    indents = [_indent(lines[n]) for n in content if lines[n].strip()]
    if not indents:
        return []
    digit = re.match(r"[>|][-+]?([0-9])?", lines[s.line][s.column:]).group(1)
    base = (frame.key_col if frame.is_map else frame.indent) + int(digit) if digit else min(indents)
    out = []
    for n in content:
        line = lines[n]
        if len(line) > base and line[base] in " \t":
            if folded:
                out.append(Place(n + 1, base + 1, MORE_INDENTED, line[base:], path))
        elif line[base:base + 2] == "- " or line[base:].rstrip() == "-":
            out.append(Place(n + 1, base + 1, FOLDED_ITEM, line[base:].strip(), path))
        elif _is_key(line[base:]):
            out.append(Place(n + 1, base + 1, FOLDED_KEY, line[base:].strip(), path))
    return out


def _escapes(lines: list[str], event: Any, path: tuple) -> list[Place]:
    s, e = event.start_mark, event.end_mark
    out = []
    for n in range(s.line, min(e.line, len(lines) - 1) + 1):
        line = lines[n]
        start = s.column + 1 if n == s.line else 0
        stop = e.column - 1 if n == e.line else len(line)
        for m in _ESCAPE.finditer(line, start, stop):
            sequence = m.group(0)
            if sequence[1:2] in _HARMLESS_ESCAPES and sequence[1:] or len(sequence) > 2:
                continue  # \x…, \u…, \U…: a character given by its number, on purpose (AV302 names an odd one)
            char = escaped(sequence)
            if char and visible(char):
                continue
            out.append(Place(n + 1, m.start() + 1, ESCAPE, sequence, path))
    return out

"""The cheap test before `silent.find`: whether a YAML text may hold a place where YAML reads other text than was typed.

Reads: the YAML text of one file. Writes: False where `silent.find` certainly finds nothing (a superset of
its places: tests/store/test_silent.py checks it with hypothesis), True where it must look. Apart from
`silent` so that validating a file with nothing hidden (most files, on every commit) imports neither that
module nor the patterns it compiles.
"""

from __future__ import annotations

import re

from avtale.regex import lazy
from avtale.store import fast_text
from avtale.store.fast import _NUMBERISH  # anything YAML may read as a number or a date
from avtale.store.places import KEYS, PROSE_KEYS, TEXT_KEYS

# --- the cheap test -------------------------------------------------------------------------------
# Whole-text regular expressions without a literal start cost as much as parsing; the test is string
# searches and one pass over the lines that looks at each line's first characters only.

_WORDS = frozenset({"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".inf", ".Inf",
                    ".INF", ".nan", ".NaN", ".NAN", "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF"})
_STARTS = frozenset("0123456789+-.~'\"tfnTFN[{#")  # how a value that is not text, or no text, may start
# a comment as meant after one word: «# …» after any value, «#…» after a value that is not prose
_ONE_WORD_COMMENT = lazy(r"[ \t]*(?:-[ \t]+)*(?:[^\s:#'\"]+[ \t]*:[ \t]+)?[^\s#'\"]+[ \t]+#(?:\s|$)"
                         r"|[ \t]*(?:-[ \t]+)*(?!(?:%s)[ \t]*:)[^\s:#'\"]+[ \t]*:[ \t]+[^\s#'\"]+[ \t]+#"
                         % "|".join(sorted(PROSE_KEYS)), re.M)
_HEADER = lazy(r"([>|][-+]?[0-9]?[-+]?)[ \t]*(?:#.*)?$")  # a block's first line: `>-`, `|`, `>2-  # …`


def _hash_may_hide(text: str, start: int) -> bool:
    for mark in (" #", "\t#"):
        at = text.find(mark, start)
        while at >= 0:
            if not _ONE_WORD_COMMENT.match(text, text.rfind("\n", 0, at) + 1):
                return True
            end = text.find("\n", at)  # the rest of the line is that comment: the next line (not n² in one line)
            if end < 0:
                break
            at = text.find(mark, end)
    return False


def _may_be_read_as_other(value: str) -> bool:
    """A value (after «- » or «key: », not empty, starting with one of `_STARTS`) that may not be read as text: a
    number, a date, a word YAML reads, a flow collection, a comment alone, quotes with nothing in them or that stay
    open."""
    first = value[0]
    if first in "tfnTFN":
        return len(value) < 40 and value.split(" #", 1)[0].rstrip() in _WORDS
    if first == "#":
        return True  # nothing but a comment
    value = value.split(" #", 1)[0].rstrip()
    if first in ("'", '"'):
        return len(value) < 3 or value[-1] != first or value[1:-1].isspace()
    if first == "[":  # a table's row: may hold a number, a date, an empty cell, unless each cell reads as text
        cells = fast_text.flow_values(value)
        return cells is None or not all(cell.__class__ is str and cell.strip(" \t\n") for cell in cells)
    return first == "{" or value in _WORDS or _NUMBERISH.fullmatch(value) is not None


def may_hide_text(text: str) -> bool:
    """A cheap test that holds wherever `find` can find something (a superset, tested)."""
    first_line = text.find("\n") + 1 if text[:1] == "#" else 0  # the schema comment on the first line
    if "\\" in text and '"' in text or text.find("#", first_line) >= 0 and _hash_may_hide(text, first_line):
        return True  # a backslash may be an escape in double quotes (one character is found fast, two are not)
    prev_raw = prev_content = header_raw = 0
    plain = False  # the line above is text on a line of its own
    opener = True  # the line above opens what follows (ends in «:» or «-»): anything may come next
    block = -2  # -2: not in a `>`/`|` block; -1: its first line is next; else the block's indentation
    pad = ""
    blank = False  # a blank line in the block above
    for line in text.split("\n"):
        if block >= 0:
            if line.startswith(pad):
                after = line[block:block + 1]
                if after == " " or after == "\t":
                    return True  # a line indented further than the block (or a tab, or spaces on a blank line)
                if blank and after:
                    return True  # a blank line inside the block
                if after == "-" and line[block + 1:block + 2] in (" ", "") or (
                        ":" in line and _is_key(line[block:])):
                    return True  # an item or a key read as words of the block
                blank = blank or not after
                continue
            if not line.strip():
                blank = True
                continue
            block, opener, plain, prev_raw, prev_content = -2, False, False, block, block
        stripped = line.lstrip(" ")
        if not stripped or stripped.isspace():
            if block == -1:
                return True  # a blank line before the text of a block
            continue
        raw = len(line) - len(stripped)
        if block == -1:
            if raw <= header_raw:
                return True  # an empty block: no text
            if stripped[0] == "\t" or stripped[:2] == "- " or stripped.rstrip() == "-" or _is_key(stripped):
                return True
            block, pad, blank = raw, line[:raw], False
            continue
        first = stripped[0]
        if first == "#":
            if not opener and (raw > prev_raw or plain):
                return True
            continue
        body = stripped
        if first == "-" and (stripped.startswith("- ") or stripped.rstrip() == "-"):
            if not opener and (raw > prev_raw or plain):
                return True
            body = stripped.lstrip("- ")
            content, plain = raw + len(stripped) - len(body), False
        colon = body.find(": ")
        if colon < 0 and body.rstrip()[-1:] == ":":
            colon = len(body.rstrip()) - 1
        if colon >= 0:
            if body is stripped:
                if not opener and (raw > prev_content or plain):
                    return True
                content, plain = raw, False
            value = body[colon + 1:].lstrip(" \t")
            if not value or value[0] in _STARTS and (
                    _may_be_read_as_other(value) if value[0] in ("'", '"') else
                    body[:colon].rstrip() in TEXT_KEYS and _may_be_read_as_other(value)):
                if value or body[:colon].rstrip() in TEXT_KEYS:
                    return True
        elif body is not stripped:
            value = body = body.lstrip(" \t")
            if not body or body[0] in _STARTS and _may_be_read_as_other(body):
                return True  # an item with no text, or one YAML may read as another type
        elif not opener:
            return True  # a line going on from the text above
        else:
            value, content, plain = stripped, raw, True
            if first in _STARTS and _may_be_read_as_other(stripped):
                return True
        if value[:1] == ">" or value[:1] == "|":
            indicator = _HEADER.match(value)
            if indicator:
                if value[0] == "|" or "-" not in indicator.group(1):
                    return True  # a block that keeps line breaks
                block, header_raw, opener, plain = -1, raw, True, False
                prev_raw, prev_content = raw, content
                continue
        end = stripped.rstrip()
        opener = end[-1] == ":" or end == "-"
        prev_raw, prev_content = raw, content
    return block == -1  # a block header on the last line: no text


def _is_key(text: str) -> bool:
    """A line that starts with a key of the agreement: `subsections:`, `title: …`."""
    key, colon, rest = text.partition(":")
    return bool(colon) and key in KEYS and rest[:1] in ("", " ")

"""The first fast path of the store: a pure-Python reader of a strict subset of YAML.

Reads: YAML text (CRLF and a byte-order mark already taken away by `store.from_text`). Writes: plain dicts,
lists, str, int, float, bool, None and dates, exactly the values the round-trip loader (and `store.fast`,
libyaml's events) give for the same text, or None: it gave up, and the next path reads the text as before.

Why: reading through libyaml (`store.fast`) imports ruamel.yaml, about 30 ms of a fresh process that should
take 80 ms in all; every `avtale validate ONE.yaml` and `build` pays it. The agreements and
templates/layout.yaml are written in a small part of YAML, which this module reads in a few milliseconds
without importing ruamel at all.

What it reads: block mappings and block sequences (with `- key: value` compact mappings and `- - x` compact
sequences in items, and a sequence at the indentation of its key), at any consistent indentation; keys that
are plain words (`title`, `2014 avtale`) or quoted on one line; plain scalars on one line (resolved by
`store.fast.resolve`: ints, decimals, dates, null, true, false); single- and double-quoted scalars on one line
(YAML 1.2's escapes); literal and folded block scalars (`|`, `>`, with `-`, `+` or no chomping indicator)
whose lines are all indented alike (a literal's lines may be indented further); flow sequences and mappings
on one line that hold scalars only (`[a, 'b, c']`, `{marker_mm: 0, text_mm: 8}`); full-line and trailing
comments (« #»), and blank lines. This module reads the lines, the block collections and the block scalars;
the values within a line (plain and quoted scalars, flow collections) are read by `store.scalars`.

It gives up (`load` returns None) on everything else, so that the existing paths refuse, report or read it
exactly as before: anchors, aliases, tags, directives, `---` and `...`, complex keys, keys that are not text,
duplicate keys, plain or quoted scalars over several lines, nested or multi-line flow collections, empty
block scalars, indentation indicators, blank lines before a block's text or holding more spaces than its
indentation, folded lines indented further, a block ending the file without a line break, tabs anywhere,
control characters and other characters libyaml refuses or reads as line breaks, plain values `resolve`
would hand to ruamel (`1e3`, `0x1F`, `12:30`, `2014-1-7`), dates that are no real dates, a root that is not
a collection, deep nesting, and any line that does not fit where it stands. A wrong value here would change
the legal text of an agreement: when in doubt, it gives up.
"""

from __future__ import annotations

import re
TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

from avtale.store.fast import GiveUp
from avtale.store.scalars import _KEY, _NOT_PLAIN_START, _comment_or_end, _quoted, flow, scalar

MAX_DEPTH = 32  # deeper texts go to the other paths, which refuse beyond `store.MAX_DEPTH`
_LONGEST_KEY = 200  # libyaml refuses a plain key over 1024 characters; any long key goes there

# what libyaml does not read as printable text, or reads as a line break (U+0085, U+2028, U+2029), or as a
# byte-order mark: a file with any of them goes to the other paths (surrogates are looked for apart: a
# character class with their range takes milliseconds to compile)
_ODD_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_ODD_WIDE = ("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff")  # (searched for as strings: one class holding
# them and the controls costs the compiler a 64 K bitmap, a third of a millisecond of every `validate`)


def _has_odd_character(text: str) -> bool:
    """A control character (but the line break), a line or paragraph separator, a byte-order mark or a
    non-character: what this reader leaves to libyaml and the round-trip loader."""
    return _ODD_CONTROL.search(text) is not None or any(char in text for char in _ODD_WIDE)


_BLOCK_HEADER = re.compile(r"([|>])([-+]?)(?: +(?:#.*)?)?")


def load(text: str) -> Any:
    """The plain data of `text`, or None where this reader gives up."""
    try:
        return _Reader(text).document()
    except GiveUp:
        return None


def flow_values(text: str) -> list | dict | None:
    """The values of a flow collection on one line (`[a, 'b, c']` and what may follow it on its line), or None
    where this reader would give up on it."""
    try:
        return flow(text)
    except GiveUp:
        return None


class _Reader:
    def __init__(self, text: str):
        if _has_odd_character(text):
            raise GiveUp
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise GiveUp from None  # a lone surrogate
        self.lines = text.split("\n")
        self.ends_with_break = text.endswith("\n")
        if self.ends_with_break:
            self.lines.pop()  # the empty string after the last line break is no line
        self.i = 0  # the next line to read
        self.virtual: tuple[int, str] | None = None  # the rest of an item's line, read as a line of its own
        self.peeked: tuple[int, tuple[int, str] | None] = (-1, None)  # (line, what `peek` gave for it)
        self.keys: dict[str, str] = {}  # plain keys read so far

    # --- lines ---------------------------------------------------------------------------------------

    def peek(self) -> tuple[int, str] | None:
        """The next line with content: (indentation, content); blank and comment lines are skipped."""
        if self.virtual is not None:
            return self.virtual
        if self.peeked[0] == self.i:
            return self.peeked[1]
        lines = self.lines
        while self.i < len(lines):
            line = lines[self.i]
            content = line.lstrip(" ")
            if not content or content[0] == "#":
                self.i += 1
                continue
            if line[:3] in ("---", "...") and line[3:4] in ("", " ") or line[:1] == "%":
                raise GiveUp  # a document marker or a directive
            found = len(line) - len(content), content
            self.peeked = (self.i, found)
            return found
        return None

    def take(self) -> None:
        """The line `peek` gave is read."""
        if self.virtual is not None:
            self.virtual = None
        else:
            self.i += 1

    # --- the document --------------------------------------------------------------------------------

    def document(self) -> Any:
        first = self.peek()
        if first is None:
            raise GiveUp  # comments only: a null document
        value = self.collection(first[0], first[1], 0)
        if self.peek() is not None:
            raise GiveUp  # a line less indented than the root, or what follows a scalar at the root
        return value

    def collection(self, indent: int, content: str, depth: int) -> Any:
        if depth >= MAX_DEPTH:
            raise GiveUp
        if content[0] == "-" and content[1:2] in ("", " "):
            return self.sequence(indent, depth + 1, indentless=False)
        if self.key(content) is None:
            raise GiveUp  # a scalar on a line of its own (or something that is no key)
        return self.mapping(indent, depth + 1)

    def key(self, content: str) -> tuple[str, int] | None:
        """A key at the start of `content` (followed by «:» and a space or the line's end): (key, index after
        the «:»); None where the line holds no such key."""
        if content[0] in ("'", '"'):
            value, end = _quoted(content, 0)
            if content[end:end + 1] != ":" or content[end + 1:end + 2] not in ("", " "):
                return None
            return value, end + 1
        m = _KEY.match(content)
        if m is None:
            return None
        end = m.end()
        if content[end:end + 1] != ":" or content[end + 1:end + 2] not in ("", " "):
            return None
        word = m.group()
        key = self.keys.get(word)
        if key is None:
            if end > _LONGEST_KEY:
                raise GiveUp
            key = scalar(word)
            if key.__class__ is not str:
                raise GiveUp  # a number, a date, a yes-or-no value as a key
            self.keys[word] = key
        return key, end + 1

    def mapping(self, indent: int, depth: int) -> dict:
        out: dict = {}
        while True:
            line = self.peek()
            if line is None or line[0] < indent:
                return out
            if line[0] > indent:
                raise GiveUp
            content = line[1]
            found = self.key(content)
            if found is None:
                raise GiveUp  # an item, or a text where a key belongs
            key, after = found
            if key in out:
                raise GiveUp  # a duplicate key: the loader reports it
            self.take()
            rest = content[after:]
            rest = rest.lstrip(" ")
            if not rest or rest[0] == "#":
                out[key] = self.nested(indent, depth)
            else:
                out[key] = self.value(rest, indent, depth)
            self.after_value(indent)

    def sequence(self, indent: int, depth: int, indentless: bool) -> list:
        out: list = []
        while True:
            line = self.peek()
            if line is None or line[0] < indent:
                return out
            if line[0] > indent:
                raise GiveUp
            content = line[1]
            if not (content[0] == "-" and content[1:2] in ("", " ")):
                if indentless:
                    return out  # the next key of the mapping this sequence stands in
                raise GiveUp
            self.take()
            rest = content[1:]
            at = indent + 1 + len(rest) - len(rest.lstrip(" "))
            rest = rest.lstrip(" ")
            if not rest or rest[0] == "#":
                out.append(self.nested(indent, depth, in_sequence=True))
            elif rest[0] == "-" and rest[1:2] in ("", " ") or self.key(rest) is not None:
                self.virtual = (at, rest)  # a compact collection in the item: `- key: value`, `- - x`
                out.append(self.collection(at, rest, depth))
            else:
                out.append(self.value(rest, indent, depth))
            self.after_value(indent)

    def nested(self, indent: int, depth: int, in_sequence: bool = False) -> Any:
        """The value of a key or item with nothing after it on its line: the lines below, or null."""
        line = self.peek()
        if line is None or line[0] < indent:
            return None
        if line[0] > indent:
            return self.collection(line[0], line[1], depth)
        if not in_sequence and line[1][0] == "-" and line[1][1:2] in ("", " "):
            if depth >= MAX_DEPTH:
                raise GiveUp
            return self.sequence(indent, depth + 1, indentless=True)
        return None

    def after_value(self, indent: int) -> None:
        """A value's lines are read: a line indented further would go on from it (a text over lines)."""
        line = self.peek()
        if line is not None and line[0] > indent:
            raise GiveUp

    # --- values on a key's or an item's line ---------------------------------------------------------

    def value(self, s: str, indent: int, depth: int) -> Any:
        """The value after a key or an item's «-» on the line just read (`s`, from its first character): a
        scalar, a block scalar, a flow collection; `indent` is the column of the collection it stands in."""
        first = s[0]
        if first == "'" or first == '"':
            value, end = _quoted(s, 0)
            if not _comment_or_end(s[end:]):
                raise GiveUp  # «'a' b», «'a': b» as a value, «'a'#»
            return value
        if first == "|" or first == ">":
            return self.block(s, indent)
        if first == "[" or first == "{":
            if depth >= MAX_DEPTH:
                raise GiveUp
            return flow(s)
        if first in _NOT_PLAIN_START or first == "-" and s[1:2] in ("", " "):
            raise GiveUp
        cut = s.find(" #")
        if cut >= 0:
            s = s[:cut]
        s = s.rstrip(" ")
        if ": " in s or s[-1] == ":":
            raise GiveUp  # a mapping where a value is (libyaml stops), or a key in a text
        return scalar(s)

    def block(self, header: str, indent: int) -> str:
        """A literal or folded block scalar whose header `header` ends the line just read; `indent` is the
        column of the collection it stands in (its lines are indented further)."""
        m = _BLOCK_HEADER.fullmatch(header)
        if m is None:
            raise GiveUp  # an indentation indicator, or what libyaml would stop at
        literal, chomping = m.group(1) == "|", m.group(2)
        lines = self.lines
        n = self.i
        if n >= len(lines):
            raise GiveUp
        first = lines[n]
        content = first.lstrip(" ")
        if not content:
            raise GiveUp  # a blank line before the text
        width = len(first) - len(content)
        if width <= indent:
            raise GiveUp  # an empty block
        body: list[str] = []
        blanks = 0  # blank lines after the last line of text
        while n < len(lines):
            line = lines[n]
            stripped = line.lstrip(" ")
            if not stripped:
                if len(line) > width:
                    raise GiveUp  # a blank line holding spaces beyond the indentation
                blanks += 1
                n += 1
                continue
            spaces = len(line) - len(stripped)
            if spaces < width:
                break
            if spaces > width and not literal:
                raise GiveUp  # a more-indented line in a folded block
            body.extend([""] * blanks)
            blanks = 0
            body.append(line[width:])
            n += 1
        if n == len(lines) and not self.ends_with_break:
            raise GiveUp  # the last line of the file, without a line break
        self.i = n
        text = "\n".join(body) if literal else _fold(body)
        if chomping == "-":
            return text
        if chomping == "+":
            return text + "\n" + "\n" * blanks
        return text + "\n"


def _fold(body: list[str]) -> str:
    """A folded block's text: lines joined by a space, a run of k blank lines between two lines read as k
    line breaks (folded lines indented further are given up before)."""
    out: list[str] = []
    breaks = 0
    for line in body:
        if not line:
            breaks += 1
            continue
        if out:
            out.append("\n" * breaks if breaks else " ")
        out.append(line)
        breaks = 0
    return "".join(out)

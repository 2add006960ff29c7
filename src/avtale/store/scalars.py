"""The values the first fast path of the store reads within one line: plain and quoted scalars, and flow
collections of them.

Reads: the rest of a line of YAML text, from a value's first character (`store.fast_text` reads the lines,
the block collections and the block scalars around it, and finds where each value starts). Writes: str, int,
float, bool, None and dates, and the lists and dicts of a flow collection, exactly the values the round-trip
loader gives for the same text, or raises GiveUp (`store.fast`) where `fast_text` gives up, so that the next
path reads the text as before.

What it reads: plain scalars (resolved by `store.fast.resolve`), single- and double-quoted scalars on one line
(YAML 1.2's escapes), and flow sequences and mappings on one line that hold scalars only, their keys plain
words or quoted, followed by nothing or a comment. Apart from `fast_text` to keep each module short; it
imports nothing `fast_text` did not (`re` and `store.fast`).
"""

from __future__ import annotations

import re
TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

from avtale.store.fast import _DATE, _DECIMAL, _INT, _NUMBERISH, GiveUp, resolve

_KEY = re.compile(r"\w[\w.\-]*(?: [\w.\-]+)*")
_NOT_PLAIN_START = frozenset(",[]{}#&*!|>'\"%@`?:")  # what no plain scalar of this reader starts with
_FLOW_STOP = re.compile(r"[,\[\]{}#:?]")  # «?» too: libyaml stops at it inside a flow collection
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_MAY_RESOLVE = frozenset("-+.0123456789~nNtTfF")  # how a plain scalar that is not text starts (`fast.resolve`)


def scalar(value: str) -> Any:
    """A plain scalar's value, as `store.fast.resolve` gives it; GiveUp where that would need ruamel.yaml, or
    where the round-trip loader would stop (a date that is no real date)."""
    if value[0] not in _MAY_RESOLVE:
        return value
    if not (_INT.fullmatch(value) or _DECIMAL.fullmatch(value) or _DATE.fullmatch(value)) \
            and _NUMBERISH.fullmatch(value):
        raise GiveUp
    read = resolve(value)
    if read.__class__ is str and _DATE.fullmatch(value):
        raise GiveUp  # 2014-13-45: the round-trip loader stops at it, libyaml's path keeps the text
    return read


def _comment_or_end(rest: str) -> bool:
    """What may follow a value on its line: nothing, spaces, or spaces and a comment."""
    stripped = rest.lstrip(" ")
    return not stripped or stripped[0] == "#" and len(stripped) < len(rest)


def _single(s: str, i: int) -> tuple[str, int]:
    """A single-quoted scalar starting at s[i] («'»): its value and the index after its closing quote."""
    parts = []
    start = i + 1
    while True:
        end = s.find("'", start)
        if end < 0:
            raise GiveUp  # goes on over lines
        parts.append(s[start:end])
        if s[end + 1:end + 2] == "'":
            parts.append("'")
            start = end + 2
            continue
        return "".join(parts), end + 1


def _double(s: str, i: int) -> tuple[str, int]:
    """A double-quoted scalar starting at s[i] («"»), with YAML 1.2's escapes."""
    parts = []
    j = i + 1
    n = len(s)
    while True:
        k = j
        while k < n and s[k] != '"' and s[k] != "\\":
            k += 1
        parts.append(s[j:k])
        if k >= n:
            raise GiveUp  # goes on over lines (or ends in a line-joining «\»)
        if s[k] == '"':
            return "".join(parts), k + 1
        code = s[k + 1:k + 2]
        if code in _ESCAPES:
            parts.append(_ESCAPES[code])
            j = k + 2
        elif code in _HEX:
            digits = s[k + 2:k + 2 + _HEX[code]]
            if len(digits) != _HEX[code] or not _HEX_DIGITS.issuperset(digits):
                raise GiveUp
            number = int(digits, 16)
            if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
                raise GiveUp  # libyaml refuses it; ruamel makes a lone surrogate
            parts.append(chr(number))
            j = k + 2 + _HEX[code]
        else:
            raise GiveUp  # an unknown escape, or «\» at the end of the line


def _quoted(s: str, i: int) -> tuple[str, int]:
    return _single(s, i) if s[i] == "'" else _double(s, i)


def flow(s: str) -> Any:
    """A flow sequence or mapping on one line, holding scalars only."""
    is_map = s[0] == "{"
    close = "}" if is_map else "]"
    out: Any = {} if is_map else []
    i = 1
    n = len(s)
    while True:
        while i < n and s[i] == " ":
            i += 1
        if i >= n:
            raise GiveUp  # goes on over lines
        if s[i] == close and not out:
            i += 1
            break
        if is_map:
            key, i = flow_scalar(s, i, close, key=True)
            if s[i:i + 2] != ": ":
                raise GiveUp
            if key.__class__ is not str or key in out:
                raise GiveUp
            i += 2
            while i < n and s[i] == " ":
                i += 1
            out[key], i = flow_scalar(s, i, close)
        else:
            value, i = flow_scalar(s, i, close)
            out.append(value)
        while i < n and s[i] == " ":
            i += 1
        if i >= n:
            raise GiveUp
        if s[i] == close:
            i += 1
            break
        if s[i] != ",":
            raise GiveUp
        i += 1
        while i < n and s[i] == " ":
            i += 1
        if s[i:i + 1] == close:
            raise GiveUp  # a trailing comma
    if not _comment_or_end(s[i:]):
        raise GiveUp
    return out


def flow_scalar(s: str, i: int, close: str, key: bool = False) -> tuple[Any, int]:
    if i >= len(s):
        raise GiveUp
    first = s[i]
    if first == "'" or first == '"':
        value, end = _quoted(s, i)
        if key:
            return value, end
        rest = s[end:].lstrip(" ")
        if rest[:1] not in (",", close):
            raise GiveUp
        return value, end
    if first in _NOT_PLAIN_START or first == "-" and s[i + 1:i + 2] in ("", " "):
        raise GiveUp
    m = _FLOW_STOP.search(s, i)
    if m is None:
        raise GiveUp
    stop = m.start()
    if key:
        if s[stop] != ":":
            raise GiveUp
    elif s[stop] not in (",", close):
        raise GiveUp  # «:», «#», a nested collection
    value = s[i:stop].rstrip(" ")
    if not value:
        raise GiveUp
    if key and not _KEY.fullmatch(value):
        raise GiveUp
    return scalar(value), i + len(value)

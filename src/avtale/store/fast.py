"""The fast path of the store: plain data straight from libyaml's events.

Reads: YAML text. Writes: plain dicts, lists, str, int, float, bool, None and
dates — the same values the round-trip loader gives, without positions or
comments. Anything the round-trip loader would refuse or report (anchors,
aliases, tags, duplicate keys, deep nesting, syntax errors, several documents)
makes this path give up (`None`), so the slow path produces the one exact,
positioned message. Validating many valid files stays fast; positions are
computed only for files that have findings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

try:  # the C parser from ruamel.yaml.clib; without it every load takes the slow path
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - depends on the platform's wheels
    CParser = None

_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_NUMBERISH = re.compile(  # anything a YAML resolver might read as a number or a timestamp
    r"[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0[bBoOxX][0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
    r"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class GiveUp(Exception):
    """This text needs the round-trip loader (to be refused, or reported exactly)."""


def resolve(value: str) -> Any:
    """YAML 1.2 core-schema resolution of a plain scalar, as ruamel's round-trip loader does it."""
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        return int(value)
    m = _DATE.fullmatch(value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise GiveUp from None
    if _NUMBERISH.fullmatch(value):
        raise GiveUp  # numbers, timestamps and the like: leave every edge case to the round-trip loader
    return value


def load(text: str, max_depth: int) -> Any:
    """Plain data, or None when the slow path must decide."""
    if CParser is None:
        return None
    try:
        return _build(CParser(text), max_depth)
    except GiveUp:
        return None
    except Exception:  # any parser error: the round-trip loader reports it with its position
        return None


def _build(parser: Any, max_depth: int) -> Any:
    root: list = []
    stack: list = [root]  # containers being filled; a dict is paired with its pending key
    keys: list = [None]
    documents = 0
    while True:
        event = parser.get_event()
        kind = type(event).__name__
        if kind == "StreamEndEvent":
            break
        if kind in ("StreamStartEvent", "DocumentEndEvent"):
            continue
        if kind == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise GiveUp
            continue
        if kind == "AliasEvent" or getattr(event, "anchor", None):
            raise GiveUp
        if kind in ("SequenceEndEvent", "MappingEndEvent"):
            stack.pop()
            keys.pop()
            continue
        if getattr(event, "tag", None) is not None and not (kind == "ScalarEvent" and event.implicit[0] is True and event.tag == "!"):
            raise GiveUp
        if kind == "ScalarEvent":
            value = resolve(event.value) if event.style in ("", None) and event.implicit[0] else event.value
        elif kind == "SequenceStartEvent":
            value = []
        elif kind == "MappingStartEvent":
            value = {}
        else:
            raise GiveUp
        _add(stack, keys, value)
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            if len(stack) > max_depth:
                raise GiveUp
            stack.append(value)
            keys.append(_NO_KEY)
    if documents != 1 or len(root) != 1:
        raise GiveUp
    return root[0]


_NO_KEY = object()


def _add(stack: list, keys: list, value: Any) -> None:
    top = stack[-1]
    if isinstance(top, dict):
        if keys[-1] is _NO_KEY:
            if isinstance(value, (dict, list)) or value in top:
                raise GiveUp  # a complex or duplicate key
            keys[-1] = value
        else:
            top[keys[-1]] = value
            keys[-1] = _NO_KEY
    else:
        top.append(value)

"""The seal of a signed agreement: the hash of its content, and what differs from the sealed content.

`content_hash` is what `avtale sign-off` records and rule AV401 checks; it sits
here, below the checks and the workflow, because both need it. `first_change`
compares the sealed agreement (found in git history) with the current one over
exactly what the hash covers, so a change it reports is a change that broke the seal.
"""

from __future__ import annotations

import sys

from avtale.model import Agreement
from avtale.records import Frozen

SHOWN = 60  # at most this many characters of old or new wording in a message
CONTEXT = 10  # at least this many characters of unchanged words before a change (up to three words)


def content_hash(agreement: Agreement) -> str:
    """SHA-256 of the canonical content: every field but `status` and `seal`, white space normalised, as
    `json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))` writes it."""
    return _sha256()(canonical_json(_content(agreement)).encode("utf-8")).hexdigest()


def canonical_json(value) -> str:
    """`json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))` for what a model dump
    holds (dicts with text keys, lists, texts, numbers, true, false, null): json's own (its encoder in C)
    where the process has loaded it already (a build, a batch), else `written_json`, which spares a plain
    `validate` the import."""
    json = sys.modules.get("json")
    if json is not None:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return written_json(value)


def written_json(value) -> str:
    """The text `canonical_json` gives, written without `json` (its decoder and scanner): texts escaped as
    json's encoder escapes them. tests/test_sealing.py compares the two on generated values."""
    out: list[str] = []
    _write(value, out.append)
    return "".join(out)


# what json's encoder writes for a text with ensure_ascii=False: a quote, a backslash and the control characters
# escaped (\n, \t … where JSON has a short form, else \u00XX), everything else as it is
_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                 ord("\b"): "\\b", ord("\f"): "\\f"})


def _quoted(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _write(value, put) -> None:
    if isinstance(value, str):
        put(_quoted(value))
    elif value is None:
        put("null")
    elif value is True:
        put("true")
    elif value is False:
        put("false")
    elif isinstance(value, int):
        put(int.__repr__(value))
    elif isinstance(value, float) and value - value == 0:  # finite (a column's width): as json writes it
        put(float.__repr__(value))
    elif isinstance(value, dict):
        put("{")
        for i, key in enumerate(sorted(value)):
            if not isinstance(key, str):
                raise TypeError(f"canonical_json: a key that is not a text: {key!r}")
            if i:
                put(",")
            put(_quoted(key))
            put(":")
            _write(value[key], put)
        put("}")
    elif isinstance(value, (list, tuple)):
        put("[")
        for i, item in enumerate(value):
            if i:
                put(",")
            _write(item, put)
        put("]")
    else:  # anything else the model does not hold (inf, nan): json's own answer
        import json

        put(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _sha256():
    """SHA-256 from the interpreter's own module where it has one: `hashlib` loads OpenSSL and BLAKE2 first,
    a few milliseconds of every `validate` of a signed agreement. The same digest either way."""
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:  # pragma: no cover - another interpreter
            from hashlib import sha256
    return sha256


def _content(agreement: Agreement):
    """What the hash covers, as plain data in model order."""
    from avtale.store import normalise_space

    return _normalised(normalise_space, agreement.model_dump(mode="json", exclude={"status", "seal"}, exclude_defaults=True))


def _normalised(normalise_space, value):
    if isinstance(value, dict):
        if value.get("style") == "1." and "numbered" in value and "text" not in value:
            # a list's `1.` typed out is the default at the first level: the same content either way
            value = {k: v for k, v in value.items() if k != "style"}
        return {k: _normalised(normalise_space, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(normalise_space, v) for v in value]
    if isinstance(value, str):
        return normalise_space(value)
    return value


class Change(Frozen):
    """The first difference from the sealed content, in reading order.

    `kind` is "changed", "added" or "removed". `loc` is the key path of the
    text in the current agreement that shows the place, `text` that text
    (white space normalised), and `offset` the character in it where the change starts. `old` and `new`
    are the wording before and after, trimmed to the differing words with a
    little context («…» where cut); the one that does not apply is "".
    """

    _fields = ("kind", "loc", "text", "offset", "old", "new")

    def __init__(self, kind: str, loc: tuple, text: str, offset: int, old: str, new: str):
        self.__dict__.update(kind=kind, loc=loc, text=text, offset=offset, old=old, new=new)


def first_change(sealed: Agreement, current: Agreement) -> Change | None:
    """The first place where `current` differs from `sealed` in what the hash covers, or None."""
    from avtale import matching  # only here: a changed seal is rare, and validate starts on every commit

    old, new = _pieces(_content(sealed)), _pieces(_content(current))
    if not new:
        return None
    # a piece is compared by its kind of place (path without numbers) and its text, so an added
    # paragraph is an insertion, not a change to every paragraph after it
    key = lambda piece: (tuple(p for p in piece[0] if not isinstance(p, int)), piece[1])  # noqa: E731
    for tag, i1, i2, j1, j2 in matching.opcodes([key(p) for p in old], [key(p) for p in new]):
        if tag == "equal":
            continue
        if tag == "replace" and (i2 - i1 == j2 - j1 or _alike(old[i1][1], new[j1][1])):
            return _changed(old[i1][1], new[j1])
        if tag == "insert" or (tag == "replace" and j2 - j1 > i2 - i1):
            loc, text = new[j1]
            return Change("added", loc, text, 0, "", _cut(text))
        return _removed(old[i1], new, j1)
    return None


def _pieces(value, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(key path, text) of every value, in order: the text a drafter would look for."""
    if isinstance(value, dict):
        return [piece for k, v in value.items() for piece in _pieces(v, (*path, k))]
    if isinstance(value, list):
        return [piece for i, v in enumerate(value) for piece in _pieces(v, (*path, i))]
    if isinstance(value, str):
        return [(path, value)]
    import json

    return [(path, json.dumps(value, ensure_ascii=False))]


def _alike(a: str, b: str) -> bool:
    """Two texts that share most words: one was edited into the other."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa & wb) and 2 * len(wa & wb) >= min(len(wa), len(wb))


def _changed(old: str, new_piece: tuple[tuple, str]) -> Change:
    """The differing words of `old` and `new`, with a little context."""
    loc, new = new_piece
    a, b = old.split(" "), new.split(" ")
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0  # words in common at the end, not overlapping the common start
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    offset = sum(len(w) + 1 for w in b[:start])
    offset = min(offset, len(new))  # the words were removed at the end: the place is the end of the text
    return Change("changed", loc, new, offset, _shown(a, start, len(a) - end), _shown(b, start, len(b) - end))


def _shown(words: list[str], start: int, stop: int) -> str:
    """words[start:stop] with some context (a word after, a few characters' worth before), «…» where the
    text goes on, at most SHOWN characters."""
    lo, hi = start, min(stop + 1, len(words))
    while lo > 0 and start - lo < 3 and len(" ".join(words[lo:start])) < CONTEXT:
        lo -= 1
    text = " ".join(words[lo:hi])
    if len(text) > SHOWN:
        text = _cut(text, ellipsis=False) + "…"
        hi = len(words)  # already marked as going on
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(words) else "")


def _cut(text: str, ellipsis: bool = True) -> str:
    """`text` cut at a word to at most SHOWN characters (a lone long word is cut inside)."""
    if len(text) <= SHOWN:
        return text
    head = text[: SHOWN - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head + ("…" if ellipsis else "")


def _removed(piece: tuple[tuple, str], new: list[tuple[tuple, str]], j: int) -> Change:
    """A removed text, shown at the text that now stands in its place: the next one in the same
    list, or else the end of the one before it."""
    loc, text = piece
    if j < len(new) and (j == 0 or new[j][0][:-1] == loc[:-1]):
        return Change("removed", new[j][0], new[j][1], 0, _cut(text), "")
    before_loc, before = new[j - 1]
    return Change("removed", before_loc, before, len(before), _cut(text), "")

"""YAML syntax errors told in the drafter's words, at the place of the mistake.

Reads: the file's text and libyaml's (or ruamel's) error: its problem and
context, with their marks. Writes: one message saying what is wrong in terms of
keys, items, texts, quotes and indentation, and what to do, with the 1-based
line and column of the mistake itself.

A parser reports where it gave up, which is often a line or many lines after
the mistake: an unclosed quote is reported at the end of the file, a key
without its colon at the next key. Each diagnosis below looks at the lines
around that place for the mistake drafters make that produces this error,
and points at it:

- a quotation mark that opens a text and is never closed on its line;
- a tab or a non-breaking space (pasted from Word) in the indentation;
- a text that starts with a quotation mark, «[» or «{» and goes on after it
  (YAML reads the quoted part as the whole value);
- a text that starts with a character YAML reserves (« @ », « ` », « * », « & », « ! », « % »);
- a backslash inside "…";
- a «: » (colon and space) inside an unquoted text, read as a new key;
- a key without its colon, a colon without the space after it, a «-» without
  the space after it, a line that is neither a key nor an item;
- a key or an item indented unlike the keys or items it belongs with, told
  with the indentation it should have and the line that shows it.

What none of these explains gets a plain message too; the parser's own words
never reach the drafter.
"""

from __future__ import annotations

import re

from avtale.i18n import _, ngettext

_KEY_LINE = re.compile(r"( *)(?:- +)*([A-Za-z_][\w-]*):(?: |$)")
_ITEM_LINE = re.compile(r"( *)- ")
_KNOWN_KEYS = ("id", "title", "language", "parties", "name", "short", "logo", "file", "alt", "period", "start",
               "end", "status", "numbering", "preamble", "sections", "blocks", "subsections", "bullets", "numbered",
               "style", "signing", "place", "date", "signatories", "party", "supersedes", "seal", "sha256")
_VALUE_START = re.compile(r" *(?:- +)*(?:[A-Za-z_][\w-]*: +)?")


class Explained(tuple):
    """(message, line, column): the line and column are 1-based."""

    def __new__(cls, message: str, line: int | None, col: int | None):
        return super().__new__(cls, (message, line, col))


def explain(text: str, problem: str, context: str | None, problem_at: tuple | None, context_at: tuple | None
            ) -> Explained:
    """The drafter's message for a YAML syntax error; `*_at` are 1-based (line, column) or None."""
    lines = text.split("\n")
    problem = (problem or "").strip()
    context = (context or "").strip()
    line = problem_at[0] if problem_at else len(lines)
    for diagnose in (_unclosed_quote, _tab_or_nbsp, _directive, _block_header, _document_end, _special_start, _escape, _simple_key, _glued_above, _colon,
                     _no_colon_above, _top, _text_block, _indentation):
        found = diagnose(lines, problem, context, problem_at, context_at)
        if found:
            return found
    return Explained(_("YAML cannot read this line: check that every key ends with «: », every item starts with "
                       "«- », the indentation matches the lines it belongs with, and a text that starts with a "
                       "special character is in quotes"), line, problem_at[1] if problem_at else None)


def _quote(text: str, limit: int = 50) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + " …"  # at a word's end


def _suggest_quoted(value: str) -> str:
    """The value in single quotes, as the drafter should write it (a «'» inside is doubled)."""
    return "'" + _quote(value).replace("'", "''") + "'"


def _value_of(line: str) -> tuple[int, str]:
    """The 0-based column where a line's value starts (after indentation, «- » and «key: »), and the value."""
    start = _VALUE_START.match(line).end()
    return start, line[start:]


def _closes(value: str) -> int | None:
    """Where a quoted value's closing quote is (0-based in `value`), or None when the line never closes it."""
    quote = value[0]
    i = 1
    while i < len(value):
        c = value[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _unclosed_quote(lines, problem, context, problem_at, context_at):
    """A text opened with ' or " on a line that does not close it, before the place of the error.

    Agreements keep every text on its line or in a `>-` block, so a quoted
    text that runs over the end of its line is a missing closing quote.
    """
    last = problem_at[0] if problem_at else len(lines)
    for number in range(1, min(last, len(lines)) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("#"):
            continue
        start, value = _value_of(line)
        if value[:1] in ("'", '"') and _closes(value) is None:
            q = value[0]
            return Explained(_("the quotation mark {q} that starts this text is never closed: end the text with {q} "
                               "on the same line").format(q=q), number, start + 1)
    return None


def _tab_or_nbsp(lines, problem, context, problem_at, context_at):
    at_tab = problem_at and problem_at[0] <= len(lines) and lines[problem_at[0] - 1][problem_at[1] - 1:problem_at[1]] == "\t"
    if "tab" in problem or at_tab:
        number = problem_at[0]
        tab = lines[number - 1].find("\t") if number <= len(lines) else -1
        return Explained(_("a tab cannot indent YAML: use spaces"), number, tab + 1 if tab >= 0 else problem_at[1])
    last = problem_at[0] if problem_at else len(lines)
    first = min(context_at[0] if context_at else last, last - 2)  # the parser may stop a line or two later
    for number in range(max(1, first), min(last, len(lines)) + 1):
        line = lines[number - 1]
        indent = len(line) - len(line.lstrip(" \u00a0\u2007\u202f"))
        odd = next((i for i, c in enumerate(line[:indent]) if c != " "), None)
        if odd is not None:
            return Explained(_("this line is indented with a non-breaking space (often pasted from Word or a web "
                               "page): replace it with ordinary spaces"), number, odd + 1)
    return None


def _special_start(lines, problem, context, problem_at, context_at):
    """A value that starts with a quoted part, a bracket or a reserved character and goes on after it."""
    for at in (problem_at, context_at):
        if not at or at[0] > len(lines):
            continue
        line = lines[at[0] - 1]
        start, value = _value_of(line)
        if not value:
            continue
        first = value[0]
        if first in ("'", '"'):
            end = _closes(value)
            if end is not None and value[end + 1 :].strip() and not value[end + 1 :].strip().startswith("#"):
                return Explained(_("a text that starts with a quotation mark must be in quotes as a whole: "
                                   "write {fix}, or use «…» for the quotation").format(fix=_suggest_quoted(value)),
                                 at[0], start + 1)
        if first in "[{":
            return Explained(_("a text that starts with «{c}» must be in quotes: write {fix}").format(
                c=first, fix=_suggest_quoted(value)), at[0], start + 1)
        if first in "@`%!&*|>" and (first not in "|>" or len(value) > 1 and value[1] not in "-+ 0123456789"):
            if first == "*" and value[1:2] == " ":
                return Explained(_("«*» does not start a list item in YAML: start the item with «- », or put "
                                   "the text in quotes: {fix}").format(fix=_suggest_quoted(value)), at[0], start + 1)
            if first in "@`%!&*" and ("token" in problem or "alias" in context or "anchor" in context
                                      or "tag" in context or "tag" in problem or "alphabetic" in problem):
                return Explained(_("a text cannot start with «{c}»: put the whole text in quotes: {fix}").format(
                    c=first, fix=_suggest_quoted(value)), at[0], start + 1)
    return None


def _directive(lines, problem, context, problem_at, context_at):
    """«%YAML 2.0», «%TAG …» or any line that starts with «%»: a directive, which an agreement never has."""
    at = problem_at or context_at
    if not at or at[0] > len(lines):
        return None
    if "directive" in context or "incompatible" in problem or lines[at[0] - 1].startswith("%"):
        number = next((n for n in range(at[0], 0, -1) if lines[n - 1].startswith("%")), at[0])
        return Explained(_("a line that starts with «%» is a YAML directive, which an agreement does not use: remove "
                           "the line"), number, 1)
    return None


def _block_header(lines, problem, context, problem_at, context_at):
    """«>- Formålet …» or «>0»: the marker of a text block stands alone; its text starts on the next line."""
    if "block scalar" not in context or not (context_at or problem_at):
        return None
    number, col = context_at or problem_at
    return Explained(_("«>-» stands alone at the end of its line, and the text starts on the line below it, "
                       "indented: move what follows «>-» to the next line"), number, col)


def _document_end(lines, problem, context, problem_at, context_at):
    """A «...» line ends the YAML document: what comes after it cannot be read."""
    if "document start" not in problem or not problem_at:
        return None
    for number in range(min(problem_at[0], len(lines)), 0, -1):
        if lines[number - 1].rstrip() == "...":
            return Explained(_("«...» ends the file's text here, so the lines after it cannot be read: remove it"),
                             number, 1)
    return None


def _escape(lines, problem, context, problem_at, context_at):
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return Explained(_("a backslash (\\) inside \"…\" starts a special character: put the text in single "
                           "quotes '…' instead, or write the backslash twice (\\\\)"), *problem_at)
    return None


def _simple_key(lines, problem, context, problem_at, context_at):
    """«could not find expected ':'»: the line where the parser expected a key gets the message."""
    if "expected ':'" not in problem or not context_at:
        return None
    number = context_at[0]
    line = lines[number - 1] if number <= len(lines) else ""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if re.match(r"-[^\s-]", stripped):
        return Explained(_("put a space after «-» to start an item: «- {text}»").format(
            text=_quote(stripped[1:], 30)), number, indent + 1)
    glued = re.match(r"([A-Za-z_][\w-]*):(\S.*)", stripped)
    if glued:
        return Explained(_("put a space after the colon: «{key}: {value}»").format(
            key=glued.group(1), value=_quote(glued.group(2), 30)), number, indent + 2 + len(glued.group(1)))
    return Explained(_("this line is neither a key («name: value») nor an item («- text»): if it is a new item, "
                       "start it with «- »; if it goes on from the text above, indent it like that text"),
                     number, indent + 1)


def _glued(number: int, line: str) -> Explained | None:
    """A «-» or a key's «:» with no space after it: YAML reads the line as one text."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if re.match(r"-[^\s-]", stripped):
        return Explained(_("put a space after «-» to start an item: «- {text}»").format(
            text=_quote(stripped[1:], 30)), number, indent + 1)
    glued = re.match(r"(?:- +)?([A-Za-z_][\w-]*):([^\s:/].*)", stripped)
    if glued:
        at = line.index(glued.group(1) + ":") + len(glued.group(1))
        return Explained(_("put a space after the colon: «{key}: {value}»").format(
            key=glued.group(1), value=_quote(glued.group(2), 30)), number, at + 2)
    return None


def _glued_above(lines, problem, context, problem_at, context_at):
    """The line above the error glues its «-» or «:» to the word after it, so the error comes a line late."""
    if not problem_at or not any(p in problem for p in ("mapping values", "'-' indicator", "expected key")):
        return None
    line = lines[problem_at[0] - 1] if problem_at[0] <= len(lines) else ""
    if _glued(problem_at[0], line) and "mapping values" not in problem:
        return _glued(problem_at[0], line)
    above = _previous(lines, problem_at[0])
    return _glued(*above) if above else None


def _top(lines, problem, context, problem_at, context_at):
    """«expected <document start>»: the first key is indented, so the keys after it no longer belong with it."""
    if "document start" not in problem:
        return None
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            if indent:
                return Explained(_("the keys at the top of the file start at the beginning of the line, but this "
                                   "one is indented {n}: remove the indentation").format(n=_spaces(indent)),
                                 number, indent + 1)
            return None
    return None


def _text_block(lines, problem, context, problem_at, context_at):
    """The lines of one text indented unlike each other: a `>-` text ends where a line is indented less than
    its first line, so a first line indented too far, or a later line too little, breaks the lines after it."""
    if not problem_at or problem_at[0] > len(lines):
        return None
    number = problem_at[0]
    line = lines[number - 1]
    if _level(line) is not None:
        return None
    above = _previous(lines, number)
    if not above or _level(above[1]) is not None:
        return None
    # the first line of the text: go up over its lines to the line that opens it («- >-» or «key: >-»)
    first = above[0]
    while first > 1 and _level(lines[first - 2]) is None and lines[first - 2].strip():
        first -= 1
    opener = lines[first - 2] if first > 1 else ""
    if not re.search(r"[>|][-+]?\s*$", opener):
        return None
    indent = len(line) - len(line.lstrip(" "))
    start = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
    if indent < start:
        wrong, n, m = (first, start, indent) if first == number - 1 or indent > _level_col(opener) else \
            (number, indent, start)
        return Explained(_("the lines of one text are indented alike: this line is indented {n}, the other lines "
                           "of its text {m}: indent it {m}").format(n=_spaces(n), m=_spaces(m)), wrong, n + 1)
    return None


def _level_col(line: str) -> int:
    level = _level(line)
    return level[1] if level else 0


def _colon(lines, problem, context, problem_at, context_at):
    """«mapping values are not allowed»: a «: » inside a text, a key without its colon above, or indentation."""
    if "mapping values" not in problem or not problem_at:
        return None
    number, col = problem_at
    line = lines[number - 1] if number <= len(lines) else ""
    key = _KEY_LINE.match(line)
    if key and col - 1 > key.end(2):  # the colon stands after the line's own key: it is inside the text
        start, value = _value_of(line)
        return Explained(_("the text contains «: » (a colon and a space), which YAML reads as a new key: put the "
                           "whole text in quotes: {fix}").format(fix=_suggest_quoted(value)), number, col)
    if not key:  # the colon stands in a line of text: the text above goes on into it
        start, value = _value_of(line)
        if ":" in value:
            return Explained(_("the text contains «: » (a colon and a space), which YAML reads as a new key: put "
                               "the whole text in quotes: {fix}").format(fix=_suggest_quoted(value)), number, col)
    return _no_colon_above(lines, problem, context, problem_at, context_at) or \
        _indentation(lines, problem, context, problem_at, context_at, force=True)


def _no_colon_above(lines, problem, context, problem_at, context_at):
    """«title Økonomi»: a key without its colon is read as text, and the error comes at the next key."""
    if not problem_at or not any(p in problem for p in ("mapping values", "expected key", "'-' indicator")):
        return None
    above = _previous(lines, problem_at[0])
    if not above:
        return None
    prev_number, prev = above
    if _KEY_LINE.match(prev) or ":" in prev.split("#")[0]:
        return None
    stripped = prev.lstrip(" ")
    if stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
    word = stripped.split(" ", 1)[0]
    if word in _KNOWN_KEYS and " " in stripped:
        at = prev.index(word) + len(word)
        value = stripped[len(word):].split(" #")[0]
        return Explained(_("«{key}» needs a colon after it: «{key}: {value}»").format(
            key=word, value=_quote(value, 30)), prev_number, at + 1)
    return None


def _previous(lines, number):
    for k in range(number - 1, 0, -1):
        text = lines[k - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return k, text
    return None


def _level(line: str) -> tuple[str, int] | None:
    """('key', column of the key) or ('item', column of the «-»), 0-based; None for a line of text."""
    key = _KEY_LINE.match(line)
    if key:
        return "key", key.start(2)
    item = _ITEM_LINE.match(line)
    if item:
        return "item", len(item.group(1))
    return None


def _indentation(lines, problem, context, problem_at, context_at, force=False):
    """A key or item indented unlike its neighbours: say how far to indent it, and after which line."""
    if not problem_at:
        return None
    if not force and not any(p in problem for p in ("expected key", "'-' indicator", "not allowed",
                                                     "node content", "block end")):
        return None
    for number in _candidates(lines, problem_at, context_at):
        line = lines[number - 1]
        level = _level(line)
        if level is None:
            continue
        kind, col = level
        if kind == "key" and _ITEM_LINE.match(line):  # «- title: …» lines up as an item
            kind, col = "item", len(_ITEM_LINE.match(line).group(1))
        near = _neighbour(lines, number, kind, col)
        if near is None:
            continue
        near_number, near_col, near_name = near
        parent = _parent(lines, near_number, min(col, near_col))
        near_item = _ITEM_LINE.match(lines[near_number - 1])
        if parent and kind == "key" and near_item:  # «- id: kd» above «name: …»: the item's «-» is the odd one
            dash, expected = len(near_item.group(1)), parent[2]
            if col == expected + 2 and dash != expected:
                return Explained(_("this line is indented {n}, but the lines under «{parent}:» on line {line} are "
                                   "indented {m}: indent it {m}").format(
                    n=_spaces(dash), parent=parent[1], line=parent[0], m=_spaces(expected)), near_number, dash + 1)
        elif parent and col == parent[2] != near_col:  # the line above is the odd one: its parent says so
            return Explained(_("this line is indented {n}, but the lines under «{parent}:» on line {line} are "
                               "indented {m}: indent it {m}").format(
                n=_spaces(near_col), parent=parent[1], line=parent[0], m=_spaces(col)), near_number, near_col + 1)
        if kind == "key":
            name = _KEY_LINE.match(line).group(2)
            return Explained(_("«{key}:» is indented {n}, but the keys it belongs with are indented {m} (like "
                               "«{other}:» on line {line}): indent it {m}").format(
                key=name, n=_spaces(col), m=_spaces(near_col), other=near_name, line=near_number), number, col + 1)
        return Explained(_("this item is indented {n}, but the items of its list are indented {m} (like line "
                           "{line}): indent its «-» {m}").format(n=_spaces(col), m=_spaces(near_col), line=near_number),
                         number, col + 1)
    return None


def _parent(lines, number, below) -> tuple[int, str, int] | None:
    """The key a line belongs under — the nearest key line above it indented less than `below` — with
    the indentation its contents have in avtale's own layout (two more than the key; a «- key:» line's
    keys line up with its first key): (line, key, indentation)."""
    for k in range(number - 1, 0, -1):
        line = lines[k - 1]
        key = _KEY_LINE.match(line)
        if key and key.start(2) < below:
            return k, key.group(2), key.start(2) + 2
        if _level(line) is not None and _level(line)[1] < below:
            return None
    return None


def _spaces(n: int) -> str:
    return ngettext("{n} space", "{n} spaces", n).format(n=n)


def _candidates(lines, problem_at, context_at):
    """The lines that may hold the mistake: the problem's line, then the lines above it back to the context."""
    last = min(problem_at[0], len(lines))
    first = max(1, min(context_at[0], last) if context_at else last - 1)
    return [n for n in range(last, first - 1, -1) if lines[n - 1].strip()]


def _neighbour(lines, number, kind, col):
    """The nearest line above of the same kind whose indentation differs a little from `col`: (line, col, key).

    Looks back past deeper lines (the contents of the items above); stops at
    a line indented less than both, which is the parent of them.
    """
    for k in range(number - 1, 0, -1):
        level = _level(lines[k - 1])
        if level is None:
            continue
        other_kind, other_col = level
        if other_kind == "key" and _ITEM_LINE.match(lines[k - 1]):
            if kind == "key":
                other_kind = "key"  # «- title:»: the key lines up with the keys of the same item
            else:
                other_kind, other_col = "item", len(_ITEM_LINE.match(lines[k - 1]).group(1))
        if other_col < col - 3:  # the parent of the line: nothing it lines up with in between
            return None
        if other_kind == kind and other_col != col and abs(other_col - col) <= 3:
            name = _KEY_LINE.match(lines[k - 1]).group(2) if kind == "key" else ""
            return k, other_col, name
        if other_kind == kind and other_col == col:
            return None
    return None


def reserved(text: str, line: int, col: int, what: str) -> Explained:
    """A YAML alias, anchor or tag, which avtale never accepts: in an agreement it is a text that starts
    with «*», «&» or «!», so the drafter is told to quote it. `what` is 'alias', 'anchor' or 'tag'."""
    lines = text.split("\n")
    value = lines[line - 1][col - 1 :] if 0 < line <= len(lines) else ""
    c = {"alias": "*", "anchor": "&", "tag": "!"}[what]
    if value.startswith(c) and not value.startswith(("!!", "! ")):
        if c == "*" and value[1:2] == " ":
            return Explained(_("«*» does not start a list item in YAML: start the item with «- », or put "
                               "the text in quotes: {fix}").format(fix=_suggest_quoted(value)), line, col)
        return Explained(_("a text cannot start with «{c}»: put the whole text in quotes: {fix}").format(
            c=c, fix=_suggest_quoted(value)), line, col)
    if what == "alias":
        return Explained(_("YAML references (*name) are not allowed in an agreement: write the text out"), line, col)
    if what == "anchor":
        return Explained(_("YAML anchors (&name) are not allowed in an agreement: remove it"), line, col)
    return Explained(_("YAML tags ({tag}) are not allowed in an agreement: remove it").format(
        tag=value.split(" ", 1)[0]), line, col)


def duplicate(text: str, line: int, col: int, key: str) -> Explained:
    """A key written twice in one place: the second is the mistake; the message names the line of the first."""
    lines = text.split("\n")
    first = None
    for k in range(line - 1, 0, -1):
        candidate = lines[k - 1]
        level = _KEY_LINE.match(candidate)
        if level and level.group(2) == key and level.start(2) == col - 1:
            first = k
            break
        if candidate.strip() and not candidate.lstrip().startswith("#") and _level(candidate) and \
                (_level(candidate)[1] < col - 1):
            break
    if first is None:
        return Explained(_("«{key}:» is written twice here: keep one").format(key=key), line, col)
    return Explained(_("«{key}:» is written twice here (first on line {first}): keep one").format(
        key=key, first=first), line, col)

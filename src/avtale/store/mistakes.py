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
  with the indentation it should have and the line that shows it
  (`store.indentation`).

What none of these explains gets a plain message too; the parser's own words
never reach the drafter.
"""

from __future__ import annotations

import re

from avtale.i18n import _
from avtale.store.indentation import KEY_LINE, Explained, indentation, line_level, previous, text_block, top

_KNOWN_KEYS = ("id", "title", "language", "parties", "name", "short", "logo", "file", "alt", "period", "start",
               "end", "status", "numbering", "preamble", "sections", "blocks", "subsections", "bullets", "numbered",
               "style", "signing", "place", "date", "signatories", "party", "supersedes", "seal", "sha256",
               "text", "table", "caption", "columns", "width", "align", "header", "rows", "annexes", "footnotes",
               "electronic")
_VALUE_START = re.compile(r" *(?:- +)*(?:[A-Za-z_][\w-]*: +)?")


def explain(text: str, problem: str, context: str | None, problem_at: tuple | None, context_at: tuple | None
            ) -> Explained:
    """The drafter's message for a YAML syntax error; `*_at` are 1-based (line, column) or None."""
    lines = text.split("\n")
    problem = (problem or "").strip()
    context = (context or "").strip()
    line = problem_at[0] if problem_at else len(lines)
    for diagnose in (_unclosed_quote, _tab_or_nbsp, _directive, _block_header, _document_end, _special_start,
                     _escape, _simple_key, _glued_above, _colon, _no_colon_above, top, text_block, indentation):
        found = diagnose(lines, problem, context, problem_at, context_at)
        if found:
            return found
    return Explained(_("YAML cannot read this line: check that every key ends with «: », every item starts with "
                       "«- », the indentation matches the lines it belongs with, and a text that starts with a "
                       "special character is in quotes"), line, problem_at[1] if problem_at else None)


def shortened(text: str, limit: int = 50) -> str:
    """`text` cut at a word's end to at most about `limit` characters, with « …»."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + " …"  # at a word's end


def quoted(value: str) -> str:
    """The value in single quotes, as the drafter should write it (a «'» inside is doubled)."""
    return "'" + shortened(value).replace("'", "''") + "'"


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
    return nbsp_indentation(lines, max(1, first), last)


def nbsp_indentation(lines: list[str], first: int = 1, last: int | None = None) -> Explained | None:
    """The first line from `first` to `last` (1-based) indented with a non-breaking space, which YAML takes
    for a character of a key or a text, so the line leaves its place and errors come elsewhere."""
    last = len(lines) if last is None else min(last, len(lines))
    for number in range(first, last + 1):
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
                                   "write {fix}, or use «…» for the quotation").format(fix=quoted(value)),
                                 at[0], start + 1)
        if first in "[{":
            return Explained(_("a text that starts with «{c}» must be in quotes: write {fix}").format(
                c=first, fix=quoted(value)), at[0], start + 1)
        if first in "@`%!&*":
            if first == "*" and value[1:2] == " ":
                return Explained(_("«*» does not start a list item in YAML: start the item with «- », or put "
                                   "the text in quotes: {fix}").format(fix=quoted(value)), at[0], start + 1)
            if ("token" in problem or "alias" in context or "anchor" in context
                                      or "tag" in context or "tag" in problem or "alphabetic" in problem):
                return Explained(_("a text cannot start with «{c}»: put the whole text in quotes: {fix}").format(
                    c=first, fix=quoted(value)), at[0], start + 1)
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
    glued = _glued(number, line)
    if glued:
        return glued
    indent = len(line) - len(line.lstrip(" "))
    return Explained(_("this line is neither a key («name: value») nor an item («- text»): if it is a new item, "
                       "start it with «- »; if it goes on from the text above, indent it like that text"),
                     number, indent + 1)


def _glued(number: int, line: str) -> Explained | None:
    """A «-» or a key's «:» with no space after it: YAML reads the line as one text."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if re.match(r"-[^\s-]", stripped):
        return Explained(_("put a space after «-» to start an item: «- {text}»").format(
            text=shortened(stripped[1:], 30)), number, indent + 1)
    glued = re.match(r"(?:- +)?([A-Za-z_][\w-]*):([^\s:/].*)", stripped)
    if glued:
        at = line.index(glued.group(1) + ":") + len(glued.group(1))
        return Explained(_("put a space after the colon: «{key}: {value}»").format(
            key=glued.group(1), value=shortened(glued.group(2), 30)), number, at + 2)
    return None


def _glued_above(lines, problem, context, problem_at, context_at):
    """The line above the error glues its «-» or «:» to the word after it, so the error comes a line late."""
    if not problem_at or not any(p in problem for p in ("mapping values", "'-' indicator", "expected key")):
        return None
    line = lines[problem_at[0] - 1] if problem_at[0] <= len(lines) else ""
    if _glued(problem_at[0], line) and "mapping values" not in problem:
        return _glued(problem_at[0], line)
    above = previous(lines, problem_at[0])
    return _glued(*above) if above else None


def _colon(lines, problem, context, problem_at, context_at):
    """«mapping values are not allowed»: a «: » inside a text, a key without its colon above, or indentation."""
    if "mapping values" not in problem or not problem_at:
        return None
    number, col = problem_at
    line = lines[number - 1] if number <= len(lines) else ""
    key = KEY_LINE.match(line)
    if key and col - 1 > key.end(2):  # the colon stands after the line's own key: it is inside the text
        start, value = _value_of(line)
        return Explained(_("the text contains «: » (a colon and a space), which YAML reads as a new key: put the "
                           "whole text in quotes: {fix}").format(fix=quoted(value)), number, col)
    if not key:  # the colon stands in a line of text: the text above goes on into it
        start, value = _value_of(line)
        if ":" in value:
            return Explained(_("the text contains «: » (a colon and a space), which YAML reads as a new key: put "
                               "the whole text in quotes: {fix}").format(fix=quoted(value)), number, col)
    return _no_colon_above(lines, problem, context, problem_at, context_at) or \
        indentation(lines, problem, context, problem_at, context_at, force=True)


def _no_colon_above(lines, problem, context, problem_at, context_at):
    """«title Økonomi»: a key without its colon is read as text, and the error comes at the next key."""
    if not problem_at or not any(p in problem for p in ("mapping values", "expected key", "'-' indicator")):
        return None
    above = previous(lines, problem_at[0])
    if not above:
        return None
    prev_number, prev = above
    if KEY_LINE.match(prev) or ":" in prev.split("#")[0]:
        return None
    stripped = prev.lstrip(" ")
    if stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
    word = stripped.split(" ", 1)[0]
    if word in _KNOWN_KEYS and " " in stripped:
        at = prev.index(word) + len(word)
        value = stripped[len(word):].split(" #")[0]
        return Explained(_("«{key}» needs a colon after it: «{key}: {value}»").format(
            key=word, value=shortened(value, 30)), prev_number, at + 1)
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
                               "the text in quotes: {fix}").format(fix=quoted(value)), line, col)
        return Explained(_("a text cannot start with «{c}»: put the whole text in quotes: {fix}").format(
            c=c, fix=quoted(value)), line, col)
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
        level = KEY_LINE.match(candidate)
        if level and level.group(2) == key and level.start(2) == col - 1:
            first = k
            break
        if candidate.strip() and not candidate.lstrip().startswith("#") and line_level(candidate) and \
                (line_level(candidate)[1] < col - 1):
            break
    if first is None:
        return Explained(_("«{key}:» is written twice here: keep one").format(key=key), line, col)
    return Explained(_("«{key}:» is written twice here (first on line {first}): keep one").format(
        key=key, first=first), line, col)

"""The drafter's comments and blank lines in a YAML text, each tied to the value it follows, so that
`fmt`, `sign-off` and `new` write them back beside the same value (`store.emit`).

Reads: the text of one agreement (libyaml's events give every value's place). Writes: `Notes`: the lines
before the first key (`head`), and for each value, by its key path, the comment at the end of its line
(with its column) and the comment and blank lines that follow it, as typed. A comment on the line of a key
whose value is a list or mapping («sections:  # …») belongs to that key. One pass over the text and its
events: linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any



_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass
class Notes:
    head: list[str] = field(default_factory=list)
    after: dict[tuple, tuple[tuple[int, str] | None, list[str]]] = field(default_factory=dict)


def notes(text: str) -> Notes | None:
    """The comments of `text` by the key path of the value each follows; None without libyaml."""
    first = text.find("\n") + 1 or len(text)
    if "#" not in text[first:] and not _BLANK_LINE.search(text) and ("#" not in text[:first] or text[0] == "#"):
        return Notes(head=[text[:first].rstrip("\n")] if text[:1] == "#" else [])  # at most a first comment line
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        return None
    anchors, spans, headers = _places(CParser(text), text)
    ends = [a[0] for a in anchors]
    starts, stops = [s for s, _e in spans], [e for _s, e in spans]

    def inside(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < stops[k]

    out = Notes()
    start = 0
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text's last line break ends a line; no blank line follows it
    for number, line in enumerate(lines):
        stop = start + len(line)
        found = _comment(text, line, start, stop, inside)
        if found is not None:
            at, eol = found
            k = bisect_right(ends, at) - 1
            if k < 0:
                out.head.append(line[at - start:] if eol else line)
            else:
                _end, end_line, path = anchors[k]
                if eol and number in headers:  # on the line of a block text's «>-»: that text's
                    path, end_line = headers[number], number
                comment, lines = out.after.setdefault(path, (None, []))
                if eol and comment is None and end_line == number:
                    out.after[path] = ((at - start, line[at - start:].rstrip()), lines)
                else:
                    lines.append(line[at - start:].rstrip() if eol else line.rstrip())
        start = stop + 1
    return out


def _comment(text: str, line: str, start: int, stop: int, inside) -> tuple[int, bool] | None:
    """(where the comment or blank line starts, whether text stands before it on its line), or None for a
    line that is neither, or that lies inside a text."""
    if not line.strip():
        return None if inside(start) else (start, False)
    at = text.find("#", start, stop)
    while at != -1:
        if not inside(at) and (at == start or text[at - 1] in " \t"):
            return at, bool(text[start:at].strip())
        at = text.find("#", at + 1, stop)
    return None


def _places(parser: Any, text: str) -> tuple[list[tuple[int, int, tuple]], list[tuple[int, int]], dict[int, tuple]]:
    """(end, line, path) of every value in order, a list or mapping ending where its key does; the (start,
    end) of every text, a block text's from the line after its «>-» to its last line that is not blank; and
    the path of each block text by the line of its «>-»."""
    from ruamel.yaml.events import (MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                                    SequenceStartEvent)

    anchors: list[tuple[int, int, tuple]] = []
    spans: list[tuple[int, int]] = []
    headers: dict[int, tuple] = {}
    frames: list[list] = []  # [is mapping, path, key waiting for its value (or None), key's end, index]
    while True:
        event = parser.get_event()
        if event is None:
            break
        kind = event.__class__
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            frames.pop()
            continue
        if kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent:
            continue
        if kind is ScalarEvent:
            end = event.end_mark
            start, end_index, end_line = event.start_mark.index, end.index, end.line
            if event.style in (">", "|"):  # its «>-» line and blank lines at the end are outside it
                end_index = start + len(text[start:end_index].rstrip())
                end_line = text.count("\n", start, end_index) + event.start_mark.line
                start = text.find("\n", start, end_index) + 1 or end_index
            spans.append((start, end_index))
        frame = frames[-1] if frames else None
        if frame is not None and frame[0] and frame[2] is None:  # a key
            frame[2] = event.value if kind is ScalarEvent else ""
            frame[3] = (event.end_mark.index, event.end_mark.line)
            if kind is not ScalarEvent:
                frames.append([kind is MappingStartEvent, (None,), None, None, 0])
            continue
        if frame is None:
            path: tuple = ()
        elif frame[0]:
            path, frame[2] = (*frame[1], frame[2]), None
        else:
            path = (*frame[1], frame[4])
            frame[4] += 1
        if kind is ScalarEvent:
            anchors.append((end_index, end_line, path))
            if event.style in (">", "|"):
                headers[event.start_mark.line] = path
        else:
            if frame is not None and frame[0]:
                anchors.append((frame[3][0], frame[3][1], path))
            frames.append([kind is MappingStartEvent, path, None, None, 0])
    return anchors, spans, headers

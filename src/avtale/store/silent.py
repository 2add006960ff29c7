"""Text YAML would change without a word: what a drafter typed that never reaches the agreement as typed.

Reads: the YAML text of one file. Writes: (line, column, kind) for each place, 1-based; `kind`
names the mistake (`COMMENT`, `FOLDED_ITEM`). Both would pass `validate` with the legal text
changed, so the check that reports them (AV101) is an error:

- *A comment after text* (`COMMENT`): in a plain (unquoted) text of two words or more, « #» starts a
  YAML comment, so «… dialog om tiltak #1 og måloppnåelse.» is read as «… dialog om tiltak», the rest
  dropped. Reported at the «#». (A comment on a line of its own, after a one-word value such as
  `status: signed  # …` or a date, or a «# TODO» such as `extract` writes after a guessed heading, is a
  comment as meant.)
- *An item folded into the text above* (`FOLDED_ITEM`): a line of a plain text that starts with «- »
  after the text's first line is a list item indented too far, read as words of the item above («… to
  ganger i året - en felles statusrapport …»). Reported at the «-».

Uses libyaml's parser (ruamel.yaml.clib) where it is installed, which gives each text's place and
style; without it, the pure-Python parser of ruamel.yaml. Text that does not parse reports nothing
here: the loader reports its error.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.events import ScalarEvent

COMMENT = "comment"
FOLDED_ITEM = "folded-item"
_AFTER = re.compile(r"[ \t]+#")


def _events(text: str) -> Any:
    try:
        from _ruamel_yaml import CParser

        parser = CParser(text)
        while True:
            event = parser.get_event()
            if event is None:
                return
            yield event
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        from ruamel.yaml import YAML

        yield from YAML(typ="rt").parse(text)


_HASH_AFTER_TEXT = re.compile(r"\S[ \t]+#")


def _may_hide_text(lines: list[str]) -> bool:
    """A cheap test that holds wherever `find` can find something: a « #» after text on a line (the first line's
    schema comment aside), or a line starting «- » set deeper than the line above, which opens no list or block
    (ends in no «:», «>-», «|» …)."""
    above = None
    for n, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped:
            continue
        if n and "#" in line and _HASH_AFTER_TEXT.search(line):
            return True
        if (stripped.startswith("- ") and above is not None and len(line) - len(stripped) > len(above) - len(above.lstrip())
                and not re.search(r"(?::|[>|][+-]?\d?)\s*$", above)):
            return True
        above = line
    return False


def find(text: str) -> list[tuple[int, int, str]]:
    """The places where YAML reads what was typed as other text (the module's docstring)."""
    lines = text.split("\n")
    if not _may_hide_text(lines):
        return []
    out: list[tuple[int, int, str]] = []
    try:
        for event in _events(text):
            if not isinstance(event, ScalarEvent) or event.style not in (None, "") or len(event.value.split()) < 2:
                continue
            start, end = event.start_mark, event.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            if _AFTER.match(rest) and not rest.lstrip().startswith("# TODO"):
                out.append((end.line + 1, end.column + rest.index("#") + 1, COMMENT))
            for n in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
                stripped = lines[n].lstrip()
                if stripped.startswith("- "):
                    out.append((n + 1, len(lines[n]) - len(stripped) + 1, FOLDED_ITEM))
    except Exception:  # noqa: BLE001 - a parse error: the loader reports it with its position
        return out
    return out

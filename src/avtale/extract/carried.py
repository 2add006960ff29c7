"""Facts a file avtale built carries invisibly (party ids and short names, note ids), checked before use.

Reads: the (id, short name) pairs a reader took from a DOCX's custom properties, a PDF's named destinations,
an HTML page's attributes or a Markdown comment. Writes: nothing; `parties_ok` says whether they may be used.

Why: those facts are not on the page, so nobody reading the document sees them, and a file made or edited
elsewhere may carry anything under the same names. They are used only when they are what the format itself
would accept — ids as the schema writes them, each once; short names of visible characters, trimmed — else the
parties are derived from the visible text, as for any document.
"""

from __future__ import annotations

import re

from avtale.characters import INVISIBLE, REFUSED

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
MAX_SHORT = 200


def text_ok(text: str | None) -> bool:
    """A carried short name: none, or visible characters with no space at either end."""
    if text is None:
        return True
    return (isinstance(text, str) and 0 < len(text) <= MAX_SHORT and text == text.strip() and "\n" not in text
            and not REFUSED.search(text) and not INVISIBLE.search(text))


def parties_ok(pairs: list[tuple[str | None, str | None]]) -> bool:
    """(id, short) of each party: every id given a valid slug and used once, every short name `text_ok`."""
    ids = [pid for pid, _ in pairs if pid is not None]
    return (all(isinstance(pid, str) and SLUG.fullmatch(pid) for pid in ids) and len(set(ids)) == len(ids)
            and all(text_ok(short) for _, short in pairs))

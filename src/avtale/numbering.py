"""Numbers that follow from order: list markers by style (1. 1) a) i)), heading numbers (2, 2.1, 2.1.1) and
footnote numbers (in order of first use).

Lower than both `render` and `diff`, so that a diff can show the numbers a reader sees in the built document
without importing a renderer. (`render/tree.py` computes the same numbers; it may import them from here.)
"""

from __future__ import annotations

from avtale import inline
from avtale.model import Agreement, all_texts


def roman(n: int) -> str:
    """1 -> 'i', 4 -> 'iv', 14 -> 'xiv'."""
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


def letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (as word processors count)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def list_marker(style: str, n: int) -> str:
    """Marker of item `n` (1-based) in a numbered list of `style`: '3.', '3)', 'c)' or 'iii)'."""
    if style == "a)":
        return f"{letters(n)})"
    if style == "i)":
        return f"{roman(n)})"
    return f"{n}{style[-1]}"


def heading_number(path: tuple[int, ...]) -> str:
    """'2' for the second section (1-based numbers in `path`), '2.1', '2.1.3' below it."""
    return ".".join(str(n) for n in path)


def note_numbers(agreement: Agreement) -> dict[str, int]:
    """Footnote id -> its number: notes are numbered in order of first use in reading order, a note referred
    to in another note's text right after that note (as the document tree numbers them). Notes never
    referred to have no number."""
    numbers: dict[str, int] = {}

    def visit(text: str) -> None:
        for _offset, kind, key in inline.references(text):
            if kind == "note" and key not in numbers:
                numbers[key] = len(numbers) + 1
                note = agreement.footnotes.get(key)
                if note is not None:
                    visit(note)

    for path, text in all_texts(agreement):
        if path[0] not in ("footnotes", "title", "signing") and not path[-1] == "title":
            visit(text)
    return numbers

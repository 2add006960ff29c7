"""The size of each page of a scanned image, for `extract`: `avtale.image_size` (which reads it from
the header alone), with a problem as an `ExtractError` naming the file."""

from __future__ import annotations

from pathlib import Path

from avtale import image_size
from avtale.errors import ExtractError, Position


def sizes(raw: bytes, path: Path | str, most_pages: int) -> list[tuple[int, int]]:
    """(width, height) of each page; stops after `most_pages` + 1 pages (the caller refuses those)."""
    try:
        return image_size.sizes(raw, most_pages)
    except image_size.HeaderProblem as problem:
        raise ExtractError(problem.message, Position(path)) from None

"""Bounds every reader keeps before it parses anything: size, emptiness, pages, pixels.

Reads: a source path (and, for images, the first bytes of the file). Writes: the
file's bytes, or one `ExtractError` naming the file, the problem and the option
that lifts a limit. Limits come from `avtale.limits.current` at call time, so the
CLI's `--max-source-size`, `--max-pages` and `--max-pixels` apply.
"""

from __future__ import annotations

from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position


def read_source(path: Path | str) -> bytes:
    """The whole file, refused when it is a directory, empty or larger than `source_bytes`.

    Never reads more than the limit plus one byte, whatever the file system says
    (a FIFO, /dev/zero or a file growing while it is read).
    """
    from avtale.files import ReadProblem, read_bounded

    path = Path(path)
    try:
        raw = read_bounded(path, limits.current.source_bytes)
    except ReadProblem as problem:
        hint = " (see --max-source-size)" if problem.too_large else ""
        raise ExtractError(problem.message + hint, Position(path)) from None
    if not raw:
        raise ExtractError("file is empty", Position(path))
    return raw


def check_pages(count: int, path: Path | str, counted_all: bool = True) -> None:
    """`counted_all` False: counting stopped after the limit, so the real count is not known."""
    most = limits.current.pages
    if count > most:
        said = f"{count} pages, more" if counted_all else "more pages"
        raise ExtractError(f"{said} than the limit of {most} (see --max-pages)", Position(path))


def check_lines(count: int, path: Path | str) -> None:
    """A text source: at most 100 lines (or paragraphs) for each page allowed."""
    most = 100 * limits.current.pages
    if count > most:
        raise ExtractError(f"{count} lines, more than {most} (100 for each of the --max-pages)", Position(path))


def check_pixels(width: int, height: int, path: Path | str, what: str = "image") -> None:
    most = limits.current.pixels
    if width <= 0 or height <= 0:
        raise ExtractError(f"{what} has no pixels ({width} × {height})", Position(path))
    if width * height > most:
        raise ExtractError(
            f"{what} is {width} × {height} pixels, more than the limit of {most} (see --max-pixels)", Position(path)
        )

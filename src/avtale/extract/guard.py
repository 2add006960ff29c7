"""Bounds every reader keeps before it parses anything: size, emptiness, pages, pixels.

Reads: a source path (and, for images, the first bytes of the file), only ever through
`avtale.files`, so a source that is not a regular file is refused without blocking. Writes: the
file's bytes, or one `ExtractError` naming the file, the problem and the option
that lifts a limit. Limits come from `avtale.limits.current` at call time, so the
CLI's `--max-source-size`, `--max-pages` and `--max-pixels` apply.
"""

from __future__ import annotations

from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.i18n import _


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
        raise ExtractError(_("file is empty"), Position(path))
    return raw


def read_head(path: Path | str, size: int = 1024) -> bytes:
    """The first `size` bytes of a source, to tell its kind: refused as `read_source` refuses a file that is
    not a regular one (a FIFO, a device: never a read that could block)."""
    from avtale.files import ReadProblem
    from avtale.files import read_head as head

    try:
        return head(path, size)
    except ReadProblem as problem:
        raise ExtractError(problem.message, Position(path)) from None


def check_pages(count: int, path: Path | str, counted_all: bool = True) -> None:
    """`counted_all` False: counting stopped after the limit, so the real count is not known."""
    most = limits.current.pages
    if count > most:
        if counted_all:
            message = _("{count} pages, more than the limit of {most} (see --max-pages)")
        else:
            message = _("more pages than the limit of {most} (see --max-pages)")
        raise ExtractError(message.format(count=count, most=most), Position(path))


def check_lines(count: int, path: Path | str) -> None:
    """A text source: at most 100 lines (or paragraphs) for each page allowed."""
    most = 100 * limits.current.pages
    if count > most:
        raise ExtractError(_("{count} lines, more than {most} (100 for each of the --max-pages)")
                           .format(count=count, most=most), Position(path))


def check_pixels(width: int, height: int, path: Path | str, what: str | None = None) -> None:
    """`what`: the picture in the user's words (default «image»)."""
    most = limits.current.pixels
    what = what or _("image")
    if width <= 0 or height <= 0:
        raise ExtractError(_("{what} has no pixels ({width} × {height})")
                           .format(what=what, width=width, height=height), Position(path))
    if width * height > most:
        raise ExtractError(
            _("{what} is {width} × {height} pixels, more than the limit of {most} (see --max-pixels)")
            .format(what=what, width=width, height=height, most=most), Position(path)
        )

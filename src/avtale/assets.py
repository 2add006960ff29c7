"""The files an agreement names besides itself (its parties' logos), found and checked in one place.

`validate` (rule AV405) and every renderer call `resolve_logo` (or `read_logo`
for the bytes), so a logo that validates is a logo that builds. A logo must be
a regular file inside the agreement's directory tree (symbolic links resolved
first), readable, within the logo limits, and a PNG or JPEG by its content,
not only by its name. The limits are checked before anything decodes the
image: the file's size from the file system (`--max-logo-size`), its pixels
from the image's header (`--max-logo-pixels`), so a 700 MB file or a small PNG
that declares 22000 × 22000 pixels is refused in one line, and the PDF, DOCX
and HTML builds never see it.
"""

from __future__ import annotations

import os
import unicodedata

from avtale import limits
from avtale.errors import LogoError
from avtale.characters import shown
from avtale.files import MISSING, TOO_LARGE, ReadProblem, read_bounded
from avtale.i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: `validate` checks logos without pathlib (avtale.pathnames)
    from pathlib import Path

MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def resolve_logo(file: str, base_dir: Path | str, party: str) -> Path:
    """The logo `file` of `party`, resolved against the agreement's directory; LogoError if unusable."""
    from pathlib import Path

    return Path(_checked(file, base_dir, party)[0])


def check_logo(file: str, base_dir: Path | str, party: str) -> None:
    """LogoError if the logo `file` of `party` is unusable (rule AV405)."""
    _checked(file, base_dir, party)


def read_logo(file: str, base_dir: Path | str, party: str) -> bytes:
    """The bytes of the logo `file` of `party`, as `resolve_logo` checked them; LogoError if unusable."""
    return _checked(file, base_dir, party)[1]


def _checked(file: str, base_dir: Path | str, party: str) -> tuple[str, bytes]:
    """The logo's real path (symbolic links resolved) and its bytes."""
    what = _("logo of party «{party}» ({file})").format(party=party, file=shown(file))
    control = next((c for c in file if unicodedata.category(c) == "Cc"), None)
    if control is not None:  # a NUL cannot reach the file system; a line break or an escape has no place in a name
        raise LogoError(_("{what}: a file name cannot hold the control character U+{code:04X}; "
                          "rename the file and write its new name here").format(what=what, code=ord(control)))
    try:
        base = os.path.realpath(base_dir)
        path = os.path.realpath(os.path.join(base, file))
    except (OSError, ValueError) as exc:  # a name too long
        raise LogoError(_("{what} cannot be read ({reason})").format(
            what=what, reason=getattr(exc, "strerror", None) or exc)) from None
    if not _inside(path, base):
        if _inside(os.path.normpath(os.path.join(base, file)), base):
            raise LogoError(_("{what} lies outside the agreement's directory (a symbolic link to {path}); "
                              "put the image in it or below it").format(what=what, path=shown(path)))
        raise LogoError(_("{what} lies outside the agreement's directory; put the image in it or below it")
                        .format(what=what))
    most = limits.current.logo_bytes
    try:
        raw = read_bounded(path, most)  # a FIFO or a device is refused before it is opened
    except ReadProblem as problem:
        if problem.kind == MISSING:
            raise LogoError(_("{what} not found (looked for {path})").format(what=what, path=shown(path))) from None
        if problem.kind == TOO_LARGE:
            raise LogoError(_("{what} is larger than the limit of {most} bytes (see --max-logo-size)")
                            .format(what=what, most=most)) from None
        if problem.thing is not None:
            raise LogoError(_("{what} is {thing}, not an image file").format(what=what, thing=problem.thing)) from None
        raise LogoError(_("{what} cannot be read ({reason})").format(what=what, reason=problem.message)) from None
    if mime_type(raw) is None:
        raise LogoError(_("{what} is not a PNG or JPEG image (its content is neither, whatever its name)")
                        .format(what=what))
    _check_pixels(raw, what)
    return path, raw


def _inside(path: str, base: str) -> bool:
    """`Path(path).is_relative_to(base)` for absolute, normalised paths: `base` itself or a path below it."""
    return path == base or path.startswith(base if base.endswith("/") else base + os.sep)


def _check_pixels(raw: bytes, what: str) -> None:
    """The image's size from its header, within the logo pixel limit (nothing is decoded)."""
    from avtale import image_size  # (only for an agreement with logos: `struct` stays out of the others)

    try:
        (width, height), = image_size.sizes(raw)
    except image_size.HeaderProblem as problem:
        raise LogoError(_("{what} cannot be read as an image: {reason}").format(what=what, reason=problem.message)) from None
    if width <= 0 or height <= 0:
        raise LogoError(_("{what} has no pixels ({width} × {height})").format(what=what, width=width, height=height))
    most = limits.current.logo_pixels
    if width * height > most:
        raise LogoError(_("{what} is {width} × {height} pixels, more than the limit of {most} (see --max-logo-pixels)")
                        .format(what=what, width=width, height=height, most=most))


def mime_type(data: bytes) -> str | None:
    """'image/png' or 'image/jpeg' from an image's first bytes; None for anything else."""
    for magic, mime in MAGIC.items():
        if data.startswith(magic):
            return mime
    return None

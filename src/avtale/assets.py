"""The files an agreement names besides itself (its parties' logos), found and checked in one place.

`validate` (rule AV405) and every renderer call `resolve_logo`, so a logo
that validates is a logo that builds. A logo must be a regular file inside the
agreement's directory tree (symbolic links resolved first), readable, and a
PNG or JPEG by its content, not only by its name.
"""

from __future__ import annotations

import os
from pathlib import Path

from avtale.errors import LogoError
from avtale.i18n import _

MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def resolve_logo(file: str, base_dir: Path | str, party: str) -> Path:
    """The logo `file` of `party`, resolved against the agreement's directory; LogoError if unusable."""
    base = Path(base_dir).resolve()
    path = (base / file).resolve()
    what = _("logo of party «{party}» ({file})").format(party=party, file=file)
    if not path.is_relative_to(base):
        if Path(os.path.normpath(base / file)).is_relative_to(base):
            raise LogoError(_("{what} lies outside the agreement's directory (a symbolic link to {path}); "
                              "put the image in it or below it").format(what=what, path=path))
        raise LogoError(_("{what} lies outside the agreement's directory; put the image in it or below it")
                        .format(what=what))
    if path.is_dir():
        raise LogoError(_("{what} is a directory, not an image file").format(what=what))
    if not path.exists():
        raise LogoError(_("{what} not found (looked for {path})").format(what=what, path=path))
    if not path.is_file():  # a FIFO or a device: never opened, a read could block
        raise LogoError(_("{what} is not a regular file").format(what=what))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise LogoError(_("{what} cannot be read ({reason})").format(what=what, reason=exc.strerror or exc)) from None
    if mime_type(head) is None:
        raise LogoError(_("{what} is not a PNG or JPEG image (its content is neither, whatever its name)")
                        .format(what=what))
    return path


def mime_type(data: bytes) -> str | None:
    """'image/png' or 'image/jpeg' from an image's first bytes; None for anything else."""
    for magic, mime in MAGIC.items():
        if data.startswith(magic):
            return mime
    return None

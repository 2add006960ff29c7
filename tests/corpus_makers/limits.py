"""Inputs for tests/corpus/cases/limits.yaml: files that are not regular files, logos past their limits,
and git repositories whose objects are larger than the file-size limit.

Each `name(path)` makes the case's file at `path` (or, for a logo, the image its agreement at `path` names,
and for git, a repository in `path`'s folder with `path` committed).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import struct
import subprocess
import zlib
from pathlib import Path

MIB = 1024 * 1024
BIG = 130 * MIB  # the size the issue found read and printed whole from `REV:PATH`


# --- files that are not regular files ------------------------------------------------


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    """A socket bound at `path` (by its relative name: a socket's path may not exceed 107 bytes)."""
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(path.name)
    finally:
        os.chdir(here)


def link_to_a_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def dangling_link(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def link_loop(path: Path) -> None:
    path.symlink_to(path.name)


# --- logos -------------------------------------------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _zeros_zlib(size: int) -> bytes:
    """A zlib stream of `size` zero bytes, made in milliseconds: after a full flush every MiB of zeros
    compresses to the same block, which is repeated; the Adler-32 of zeros is computed, not summed."""
    mib = bytes(MIB)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(mib) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(mib) + z.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(size, MIB)
    body = first + block * (whole - 1) + z.compress(bytes(rest)) + z.flush()
    return b"\x78\xda" + body + struct.pack(">I", (size % 65521) << 16 | 1)


def _png(width: int, height: int) -> bytes:
    """A real black PNG (grey, 1 bit a pixel): every row a filter byte and zeros."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = (1 + (width + 7) // 8) * height
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", _zeros_zlib(rows)) + _chunk(b"IEND", b"")


def huge_pixel_png(path: Path) -> None:
    """The logo of the agreement at `path`: a whole, valid PNG of 22000 × 22000 pixels in 60 KB (decoded as
    RGB it is 1.4 GB; the issue's came to 1 MB)."""
    path.with_suffix(".png").write_bytes(_png(22000, 22000))


def huge_logo_file(path: Path) -> None:
    """The logo of the agreement at `path`: a small PNG followed by nothing, 700 MB in all (sparse: it takes
    no room on disk)."""
    logo = path.with_suffix(".png")
    logo.write_bytes(_png(60, 30))
    os.truncate(logo, 700 * MIB)


def fifo_logo(path: Path) -> None:
    os.mkfifo(path.with_suffix(".png"))


# --- git ---------------------------------------------------------------------------

_IDENTITY = {"GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.invalid", "GIT_COMMITTER_NAME": "R",
             "GIT_COMMITTER_EMAIL": "r@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _git(folder: Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**os.environ, **_IDENTITY}
    return subprocess.run(["git", "-c", "core.compression=1", *args], cwd=folder, env=env, input=input, check=True,
                          capture_output=True).stdout


def _commit(folder: Path, message: str) -> None:
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "--no-gpg-sign", "-m", message)


def _write_big(path: Path) -> None:
    """BIG bytes of YAML comments, written a MiB at a time."""
    line = b"# " + b"x" * 97 + b"\n"
    block = line * (MIB // len(line))
    with path.open("wb") as fh:
        for _ in range(BIG // len(block) + 1):
            fh.write(block)


def git_repository(path: Path) -> None:
    """A repository in `path`'s folder with everything in it committed."""
    _git(path.parent, "init", "-q", "-b", "main")
    _commit(path.parent, "Utkast")


def git_big_object(path: Path) -> None:
    """A repository in `path`'s folder whose last commit also holds big.yaml, 130 MB of text; the file is
    then deleted from the working tree, so only git holds it."""
    git_repository(path)
    big = path.parent / "big.yaml"
    _write_big(big)
    _commit(path.parent, "Stor")
    big.unlink()


def git_signed_after_a_big_version(path: Path) -> None:
    """The agreement at `path` was once 130 MB (committed), then the real text, signed off and committed,
    and then changed by one word: AV401 must find the signed version without reading the big one."""
    from avtale import workflow

    text = path.read_bytes()
    _write_big(path)
    git_repository(path)
    path.write_bytes(text)
    _commit(path.parent, "Utkast")
    workflow.sign_off(path, dt.date(2021, 1, 4))
    _commit(path.parent, "Signert")
    path.write_bytes(path.read_bytes().replace("Første avsnitt.".encode(), "Første ledd.".encode()))


def git_signed_over_a_big_version(path: Path) -> None:
    """The draft at `path` was committed, then replaced by 130 MB (committed); the draft is put back, signed
    off and changed, the signed version never committed. AV401 finds the signed text in the draft, the
    oldest version, after the big one: it must get there without reading (or parsing) the big one."""
    from avtale import workflow

    text = path.read_bytes()
    git_repository(path)
    _write_big(path)
    _commit(path.parent, "Stor")
    path.write_bytes(text)
    workflow.sign_off(path, dt.date(2021, 1, 4))
    path.write_bytes(path.read_bytes().replace("Første avsnitt.".encode(), "Første ledd.".encode()))

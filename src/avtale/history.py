"""The signed version of an agreement, found in its git history.

A seal records only a hash, so to show what changed since sign-off the
sealed text has to come from somewhere: the newest version of the file in
git (the staged one first, then its commits, following renames) whose
content hash equals the seal's. Three git processes, whatever the
history's length: one `git log` lists the file's versions, one
`git cat-file --batch-check` gives each version's size, one
`git cat-file --batch` reads those within the file-size limit (a larger
version is never read: it could not have been signed off). Only when no
version carrying the seal's hash in its text matches are the others read, by a
fourth; a long history of large versions is read in batches of at most
`BATCH_LIMITS` times the limit, so memory stays bounded too. Nothing is
fetched; any failure is an answer (why the version cannot be found), never an
exception.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from avtale import limits, store
from avtale.model import Agreement
from avtale.sealing import content_hash
from avtale.sources import git, git_bounded

MAX_REVISIONS = 200  # commits looked at, newest first: a seal is normally set a few commits back
TIMEOUT = 20  # seconds per git process
BATCH_LIMITS = 4  # versions read by one git process: at most this many times the file-size limit, in all
_OID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")

# why the signed version cannot be shown
NO_GIT = "no-git"  # git is not installed
NO_REPOSITORY = "no-repository"  # the file is not inside a git repository
UNTRACKED = "untracked"  # the file was never committed nor staged
NOT_FOUND = "not-found"  # no version in the history has the seal's hash
FAILED = "failed"  # git failed or took too long


@dataclass(frozen=True)
class Sealed:
    """The agreement as it was sealed, and the object git holds it in."""

    agreement: Agreement
    blob: str


def sealed_version(path: Path, sha256: str, limit: int = MAX_REVISIONS) -> Sealed | str:
    """The newest version of `path` in git whose content hash is `sha256`, or why there is none
    (one of NO_GIT, NO_REPOSITORY, UNTRACKED, NOT_FOUND, FAILED)."""
    try:
        path = Path(path).resolve()
    except (OSError, RuntimeError):
        return FAILED
    where, name = path.parent, path.name
    if "\n" in name or not where.is_dir():
        return FAILED
    try:
        log = git(["log", "-m", "--follow", "--raw", "--no-abbrev", "--format=%H", f"-n{limit}", "--", name],
                  cwd=where, timeout=TIMEOUT, english=True)
        if log.returncode != 0:
            return NO_REPOSITORY if b"not a git repository" in log.stderr else FAILED
        names = [f":./{name}"] + _blobs(log.stdout)  # the staged version, then each commit's, newest first
        versions = _sizes(names, where)
        if not versions:
            return UNTRACKED
        objects = [(oid, size) for oid, size in versions if size <= limits.current.yaml_bytes]
        # the version that carries the seal is the one sign-off wrote: look at those first, the rest only if need be
        rest = []
        for blob, text in _texts(objects, where):
            if sha256 not in text:
                rest.append(blob)
            elif (found := _sealed(text, path, sha256, blob)) is not None:
                return found
        others = set(rest)
        for blob, text in _texts([o for o in objects if o[0] in others], where):
            if (found := _sealed(text, path, sha256, blob)) is not None:
                return found
    except FileNotFoundError:
        return NO_GIT
    except (OSError, subprocess.SubprocessError, ValueError):
        return FAILED
    return NOT_FOUND


def _sealed(text: str, path: Path, sha256: str, blob: str) -> Sealed | None:
    agreement = _agreement(text, path)
    if agreement is not None and content_hash(agreement) == sha256:
        return Sealed(agreement, blob)
    return None


def _blobs(log: bytes) -> list[str]:
    """The object ids of the file's versions in `git log --raw` output, newest first, each once.
    A raw line reads `:100644 100644 OLD NEW M<TAB>path`; a deleted file has no new version."""
    out: list[str] = []
    for line in log.split(b"\n"):
        if not line.startswith(b":"):
            continue
        fields = line.split(b"\t", 1)[0].split()
        if len(fields) < 5 or fields[1] not in (b"100644", b"100755"):
            continue
        blob = fields[3].decode("ascii")
        if blob.strip("0") and blob not in out:
            out.append(blob)
    return out


def _sizes(names: list[str], where: Path) -> list[tuple[str, int]]:
    """(object id, size) of each name that is a file's version, in the order asked, each object once. A line of `--batch-check` reads `OID blob SIZE`, or
    `NAME missing` for a name git does not have (a file never staged)."""
    answer = git(["cat-file", "--batch-check"], cwd=where, input="".join(n + "\n" for n in names).encode("utf-8"),
                 timeout=TIMEOUT, english=True)
    if answer.returncode != 0:
        raise ValueError("git cat-file failed")
    out, seen = [], set()
    for line in answer.stdout.decode("utf-8", "replace").split("\n"):
        fields = line.split(" ")
        if len(fields) != 3 or fields[1] != "blob" or not fields[2].isdigit() or not _OID.fullmatch(fields[0]):
            continue
        if fields[0] not in seen:
            seen.add(fields[0])
            out.append((fields[0], int(fields[2])))
    return out


def _texts(objects: list[tuple[str, int]], where: Path) -> Iterator[tuple[str, str]]:
    """(object id, text) of each object that is UTF-8 text, read in batches of at most BATCH_LIMITS
    times the file-size limit (one object, if larger)."""
    budget = BATCH_LIMITS * limits.current.yaml_bytes
    batch: list[tuple[str, int]] = []
    for item in objects:
        if batch and sum(size for _oid, size in batch) + item[1] > budget:
            yield from _read(batch, where)
            batch = []
        batch.append(item)
    if batch:
        yield from _read(batch, where)


def _read(batch: list[tuple[str, int]], where: Path) -> list[tuple[str, str]]:
    """(object id, text) of each object of the batch that is UTF-8 text. git's output is read up to
    the sizes `--batch-check` gave (and each object's header line) and no further."""
    most = sum(size + 2 + len(f"{oid} blob {size}") for oid, size in batch)
    answer = git_bounded(["cat-file", "--batch"], most, cwd=where, input="".join(oid + "\n" for oid, _size in batch)
                         .encode("ascii"), timeout=TIMEOUT, english=True)
    if answer.returncode != 0:
        raise ValueError("git cat-file failed")
    out, data, at = [], answer.stdout, 0
    for oid, _size in batch:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            raise ValueError("git cat-file answered for another object")
        size = int(header[2])
        content = data[at : at + size]
        at += size + 1
        try:
            out.append((oid, content.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    return out


def _agreement(text: str, path: Path) -> Agreement | None:
    """The agreement in an old version's text, or None when that version does not read as one."""
    try:
        doc = store.from_text(text, path)
        return Agreement.model_validate(doc.plain)
    except Exception:  # an old version may be broken in any way; it is then simply not the sealed one
        return None

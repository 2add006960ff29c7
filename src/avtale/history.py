"""The signed version of an agreement, found in its git history.

A seal records only a hash, so to show what changed since sign-off the
sealed text has to come from somewhere: the newest version of the file in
git (the staged one first, then its commits, following renames) whose
content hash equals the seal's. Two git processes in all, whatever the
history's length: one `git log` lists the file's versions, one
`git cat-file --batch` reads them. Nothing is fetched; any failure is an
answer (why the version cannot be found), never an exception.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from avtale import store
from avtale.model import Agreement
from avtale.sealing import content_hash
from avtale.sources import git

MAX_REVISIONS = 200  # commits looked at, newest first: a seal is normally set a few commits back
TIMEOUT = 20  # seconds per git process

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
        blobs = [f":./{name}"] + _blobs(log.stdout)  # the staged version, then each commit's, newest first
        texts = _read(blobs, where)
    except FileNotFoundError:
        return NO_GIT
    except (OSError, subprocess.SubprocessError, ValueError):
        return FAILED
    if not texts:
        return UNTRACKED
    # the version that carries the seal is the one sign-off wrote: look at those first, the rest only if need be
    first = [t for t in texts if sha256 in t[1]]
    for blob, text in first + [t for t in texts if sha256 not in t[1]]:
        agreement = _agreement(text, path)
        if agreement is not None and content_hash(agreement) == sha256:
            return Sealed(agreement, blob)
    return NOT_FOUND


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


def _read(names: list[str], where: Path) -> list[tuple[str, str]]:
    """(object id, text) of each object that exists and is UTF-8 text, in the order asked, each once."""
    answer = git(["cat-file", "--batch"], cwd=where, input="".join(n + "\n" for n in names).encode("utf-8"),
                 timeout=TIMEOUT, english=True)
    if answer.returncode != 0:
        raise ValueError("git cat-file failed")
    out, seen, data, at = [], set(), answer.stdout, 0
    for _name in names:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # «NAME missing», or not a file
            if len(header) == 3:
                at += int(header[2]) + 1
            continue
        size = int(header[2])
        blob, content = header[0].decode("ascii"), data[at : at + size]
        at += size + 1
        if blob in seen:
            continue
        seen.add(blob)
        try:
            out.append((blob, content.decode("utf-8-sig")))
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

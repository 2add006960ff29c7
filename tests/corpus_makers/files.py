"""Generators for tests/corpus/cases/files.yaml: outputs in the way of a command.

Symbolic links where a command writes (to the agreement, dangling, to a directory), files a command does
not own, a user's own temporary files, names near the file system's limit, a title longer than a DOCX
property holds. Each makes the case's file at `path` (an agreement, a source or a directory) and what lies
around it; the agreement's id is the file's stem, so it validates where it is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import SEED_2022

# Canonical, valid, a draft. `fmt` leaves it as it is; MESSY is the same agreement with its keys out of order
# (valid, so `sign-off` seals it; not canonical, so `fmt` rewrites it).
CANONICAL = """\
id: {id}
title: {title}
language: nb
parties:
  - id: kd
    name: Kunnskapsdepartementet
  - id: ks
    name: KS
period:
  end: 2017-12-31
status: draft
sections:
  - title: Formål
    blocks:
      - Partene skal samarbeide.
"""
MESSY = CANONICAL.replace("id: {id}\ntitle: {title}\n", "title: {title}\nid: {id}\n")
NOTES = "My own notes: not avtale's to overwrite.\n"
LONG_TITLE = "Avtale om " + " ".join(["kvalitetsutvikling i barnehagen og grunnopplæringen"] * 6)  # 322 characters


def _agreement(path: Path, text: str = CANONICAL, title: str = "Avtale om prøving", id: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.format(id=id or path.stem, title=title), encoding="utf-8")


def agreement_to_compare(path: Path) -> None:
    """An agreement, a user's notes.md and notes.docx beside it, and a hard link to it (copy.yaml)."""
    _agreement(path)
    (path.parent / "notes.md").write_text(NOTES, encoding="utf-8")
    (path.parent / "notes.docx").write_text(NOTES, encoding="utf-8")
    os.link(path, path.parent / "copy.yaml")


def agreement_through_symlink(path: Path) -> None:
    """The agreement (not canonical) lives in shared/; the file named is a symbolic link to it."""
    _agreement(path.parent / "shared" / path.name, MESSY, id=path.stem)
    path.symlink_to(f"shared/{path.name}")


def agreement_not_canonical(path: Path) -> None:
    _agreement(path, MESSY, id="long-name")


def agreement_with_users_temporary_files(path: Path) -> None:
    """build/ holds a user's `.notes.tmp` and a `.NAME.XXXX.tmp` as avtale once named its own."""
    _agreement(path)
    build = path.parent / "build"
    build.mkdir()
    (build / ".notes.tmp").write_text(NOTES, encoding="utf-8")
    (build / f".{path.stem}.md.abc123.tmp").write_text(NOTES, encoding="utf-8")


def agreement_with_output_symlink(path: Path) -> None:
    """build/ID.md is a symbolic link to the agreement itself."""
    _agreement(path)
    (path.parent / "build").mkdir()
    (path.parent / "build" / f"{path.stem}.md").symlink_to(f"../{path.name}")


def agreement_with_output_directory(path: Path) -> None:
    _agreement(path)
    (path.parent / "build" / f"{path.stem}.md").mkdir(parents=True)


def agreement_with_dangling_out(path: Path) -> None:
    """build is a symbolic link to a directory that does not exist."""
    _agreement(path)
    (path.parent / "build").symlink_to("no-such-directory")


def agreement_with_long_title(path: Path) -> None:
    _agreement(path, title=LONG_TITLE)


def agreement_and_notes(path: Path) -> None:
    _agreement(path)
    (path.parent / "notes.md").write_text(NOTES, encoding="utf-8")
    (path.parent / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")


def old_avtale_schema(path: Path) -> None:
    """A schema an earlier avtale wrote: `schema -o` owns it and updates it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n'
                    '  "$id": "https://avtale.invalid/schema/agreement.schema.json",\n  "title": "old"\n}\n',
                    encoding="utf-8")


def seed_and_dangling_output(path: Path) -> None:
    """A text export to extract, and out.yaml: a symbolic link to a file that does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_2022, path)
    (path.parent / "out.yaml").symlink_to("missing.yaml")


def repository_with_linked_gitignore(path: Path) -> None:
    """A directory for `init --force` whose .gitignore is a symbolic link to a file outside it."""
    path.mkdir(parents=True)
    (path.parent / "shared-gitignore").write_text("*.pdf\n", encoding="utf-8")
    (path / ".gitignore").symlink_to("../shared-gitignore")

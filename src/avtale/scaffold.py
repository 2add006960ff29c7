"""`avtale init`: set up a repository of agreements (a ministry's or KS's), not avtale's own.

Writes, from templates/init/: `agreements/` (empty, or a first agreement and its logos),
the JSON Schema editors validate against, pre-commit hooks and a GitHub
Actions workflow that run one pinned avtale, VS Code settings, a .gitignore
and a README for drafters. Every target is checked before anything is
written, so a refusal (a file already there, without `force`) writes nothing;
each file is written atomically.

avtale is pinned in two places, the workflow's `AVTALE` variable and
.pre-commit-config.yaml: from the package index (`avtale==VERSION`, pre-commit
`repo: local` hooks), or with `git` from a git repository at a revision
(`avtale @ git+URL@REV`, pre-commit hooks from that repository).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from avtale.errors import InvalidAgreement, OutputError, OutputExists, Position, UsageError
from avtale.i18n import _, ngettext

MODELINE = "# yaml-language-server:"
_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")
_VERSION = re.compile(r"[0-9][0-9A-Za-z.!+-]*")  # a release: 0.1.0, 1.0rc1, 0.1.0.post1
_REV = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/+-]*")  # a tag, branch or commit
_SCP = re.compile(r"([A-Za-z0-9._-]+@[A-Za-z0-9.-]+):([^/].*)")  # git@github.com:org/avtale.git
_SCHEMES = ("https://", "http://", "ssh://", "git://", "file://")


def init(
    target: Path,
    *,
    from_file: Path | None = None,
    git: str | None = None,
    pin: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the repository's files under `target`; returns them in the order written.

    Raises OutputExists (naming every file already there, writing none) unless
    `force`; UsageError for a bad `git` or `pin`; InvalidAgreement when
    `from_file` is not an agreement that is valid in its new place.
    """
    from avtale import writer

    target = Path(target)
    files = plan(target, from_file=from_file, git=git, pin=pin)
    _check_free(target, [rel for rel, _ in files], force)
    inputs = [from_file] if from_file is not None else []
    for rel, _text in files:  # a link or a special file in the way, or the agreement copied in: nothing written
        writer.check(target / rel, True, inputs)
    for rel, _text in files:
        writer.make_directory((target / rel).parent)
    writer.write_all([(target / rel, text) for rel, text in files], True, inputs)
    return [target / rel for rel, _text in files]


def plan(target: Path, *, from_file: Path | None = None, git: str | None = None, pin: str | None = None):
    """[(path relative to the repository, text or bytes)] of every file `init` writes, in order."""
    from avtale import __version__, schema

    requirement, hooks_template, hooks_values = install_pins(__version__, git, pin)
    values = {"VERSION": __version__, "AVTALE": json.dumps(requirement), "INSTALL": requirement}
    files = agreement_files(Path(from_file), target) if from_file is not None else [("agreements/.gitkeep", "")]
    files += [
        ("schema/agreement.schema.json", schema.packaged_text()),
        (".pre-commit-config.yaml", template(hooks_template, {**values, **hooks_values})),
        (".github/workflows/agreements.yml", template("agreements.yml", values)),
        (".vscode/settings.json", template("vscode-settings.json", values)),
        (".vscode/extensions.json", template("vscode-extensions.json", values)),
        (".gitignore", template("gitignore", values)),
        ("README.md", template("README.md", values)),
    ]
    return files


def install_pins(version: str, git: str | None, pin: str | None) -> tuple[str, str, dict]:
    """(the pip requirement for the workflow, the pre-commit template, its values)."""
    if git is None:
        pin = version if pin is None else pin
        if not _VERSION.fullmatch(pin):
            raise UsageError(_("--pin «{pin}» is not a version of avtale (like {version}); a git revision needs --git")
                             .format(pin=pin, version=version))
        requirement = f"avtale=={pin}"
        return requirement, "pre-commit-index.yaml", {"AVTALE": json.dumps(requirement)}
    rev = f"v{version}" if pin is None else pin
    if not _REV.fullmatch(rev):
        raise UsageError(_("--pin «{rev}» is not a git revision (a tag, branch or commit)").format(rev=rev))
    repo, pip_url = git_urls(git)
    return f"avtale @ git+{pip_url}@{rev}", "pre-commit-git.yaml", {"REPO": json.dumps(repo), "REV": json.dumps(rev)}


def git_urls(git: str) -> tuple[str, str]:
    """(the URL pre-commit clones, the URL pip installs from after `git+`) for --git."""
    if not git or any(c.isspace() or c in "\"'\\`$#" or ord(c) < 32 for c in git):
        raise UsageError(_("--git «{git}» is not a repository URL").format(git=git))
    if git.startswith(_SCHEMES):
        return git, git
    scp = _SCP.fullmatch(git)
    if scp:  # pip needs the ssh:// form of git@host:path
        return git, f"ssh://{scp[1]}/{scp[2]}"
    path = Path(git).expanduser().resolve()
    if not path.is_dir():
        raise UsageError(_("--git «{git}» is neither a URL (https://…, ssh://…, git@host:path) nor a directory")
                         .format(git=git))
    return str(path), path.as_uri()


def agreement_files(source: Path, target: Path) -> list[tuple[str, str | bytes]]:
    """The first agreement, as agreements/<id>.yaml with the schema modeline for its new place, and its logos."""
    from avtale import agreements, assets, store
    from avtale.findings import ERROR
    from avtale.store.write import SCHEMA_COMMENT

    agreement = agreements.read(source)
    first, _newline, rest = store.read_text(source).partition("\n")
    text = SCHEMA_COMMENT + "\n" + (rest if first.startswith(MODELINE) else f"{first}\n{rest}")
    rel = f"agreements/{agreement.id}.yaml"
    errors = [f for f in agreements.validate_file(target / rel, text=text).findings if f.severity == ERROR]
    if errors:  # valid where it was, not beside the agreements in `target` (say, `supersedes` one not there)
        message = ngettext("{n} problem in {path}", "{n} problems in {path}", len(errors))
        raise InvalidAgreement(message.format(n=len(errors), path=target / rel), errors, Position(source))
    files: list[tuple[str, str | bytes]] = [(rel, text)]
    for party in agreement.parties:  # a logo's path is relative to the agreement: it moves along
        if party.logo is None:
            continue
        logo = f"agreements/{posixpath.normpath(party.logo.file)}"
        if logo not in dict(files):  # `read` above has checked it (AV405): inside the directory, an image
            files.append((logo, assets.read_logo(party.logo.file, source.parent, party.id)))
    return files


def template(name: str, values: dict) -> str:
    """The text of templates/init/NAME with each @@KEY@@ replaced from `values`."""
    from avtale.layout import templates_dir

    text = (templates_dir() / "init" / name).read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        if match[1] not in values:
            raise KeyError(f"templates/init/{name}: no value for @@{match[1]}@@")
        return values[match[1]]

    return _PLACEHOLDER.sub(fill, text)


def _check_free(target: Path, rels: list[str], force: bool) -> None:
    """Refuse before writing anything: a path in the way, or (unless force) files already there."""
    if target.exists() and not target.is_dir():
        raise UsageError(_("is not a directory"), Position(target))
    existing = []
    for rel in rels:
        for parent in reversed(Path(rel).parents[:-1]):
            if (target / parent).exists() and not (target / parent).is_dir():
                raise OutputError(_("is a file, but {rel} goes inside it").format(rel=rel), Position(target / parent))
        path = target / rel
        if path.is_dir():
            raise OutputError(_("is a directory; init writes a file there"), Position(path))
        if path.exists() or path.is_symlink():
            existing.append(rel)
    if existing and not force:
        exc = OutputExists(_("already there: {files}; nothing written (--force overwrites)")
                           .format(files=", ".join(existing)), Position(target))
        exc.paths = [target / rel for rel in existing]
        raise exc


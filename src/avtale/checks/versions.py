"""Rules on versions: signed means frozen, and `supersedes` names a real agreement.

When a signed text has changed (AV401), the finding shows what changed where
git history holds the sealed version: it stands at the first changed text,
with the old and new wording. The lookup runs only then, so validating
agreements that keep their seal costs nothing more.
"""

from __future__ import annotations

import os

from avtale.checks import At, rule
from avtale.dates import format_date
from avtale.i18n import N_, _
from avtale.pathnames import parent
from avtale.sealing import content_hash, first_change

_FROZEN = N_("this agreement was signed off on {date} and its text has changed since; "
             "signed text is frozen: undo the change, or start a new version with `avtale new NEW-ID --from {path}`")
_FROZEN_BECAUSE = N_("this agreement was signed off on {date} and its text has changed since: {change}; "
                     "signed text is frozen: undo the change, or start a new version with `avtale new NEW-ID --from {path}`")
_WHY_NOT_SHOWN = {  # keyed by history's answers
    "no-git": N_("git is not installed, so the change cannot be shown"),
    "no-repository": N_("the file is not in a git repository, so the change cannot be shown"),
    "untracked": N_("the file has never been committed to git, so the change cannot be shown"),
    "not-found": N_("the signed version is not in this repository's git history, so the change cannot be shown"),
    "failed": N_("git could not read the file's history, so the change cannot be shown"),
}


@rule("AV401", "signed-is-frozen", "a signed agreement's content matches the hash recorded at sign-off")
def signed_is_frozen(agreement, ctx):
    seal = agreement.seal
    if not seal or content_hash(agreement) == seal.sha256:
        return
    date, path = format_date(seal.date), ctx.path
    if not ctx.on_disk or not os.path.isfile(ctx.path):  # a git revision's text, or no file: no history to look up
        yield ("seal", "sha256"), _(_FROZEN).format(date=date, path=path)
        return
    from avtale import history  # only here: most signed agreements keep their seal

    found = history.sealed_version(ctx.path, seal.sha256)
    change = None if isinstance(found, str) else first_change(found.agreement, agreement)
    if change is None:
        why = _(_WHY_NOT_SHOWN.get(found if isinstance(found, str) else "failed", _WHY_NOT_SHOWN["failed"]))
        yield ("seal", "sha256"), _(_FROZEN_BECAUSE).format(date=date, change=why, path=path)
        return
    if change.kind == "changed":
        what = _("the text here was «{old}», is now «{new}»").format(old=change.old, new=change.new)
    elif change.kind == "added":
        what = _("the text here was added: «{new}»").format(new=change.new)
    else:
        what = _("«{old}» was removed here").format(old=change.old)
    yield _place(change, ctx), _(_FROZEN_BECAUSE).format(date=date, change=what, path=path)


def _place(change, ctx):
    """Where the change is in the file: the changed character itself where the text can be followed
    in the YAML, else the start of the text."""
    if ctx.source is None:
        return change.loc
    from avtale import store

    try:
        line, col = store.from_text(ctx.source, ctx.path).locate(change.loc)
    except Exception:  # the file read a moment ago; should it not parse now, the key path will do
        return change.loc
    return At(*(_position_in_text(ctx.source, line, col, change.text, change.offset) or (line, col)))


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", " ": " ", "_": "\u00a0", "N": "\u0085"}


def _position_in_text(source: str, line: int, col: int, text: str, offset: int) -> tuple[int, int] | None:
    """(line, column) in `source` of character `offset` of `text`, the value written at `line`:`col`
    with its white space normalised; None where the source does not spell `text` as expected.

    Follows the YAML styles an agreement uses: plain, quoted ('' and backslash escapes), and
    folded or literal blocks, where a line break and the next line's indentation are one space."""
    i = _index(source, line, col)
    if i is None:
        return None
    style = source[i] if i < len(source) else ""
    if style in ("'", '"'):
        i += 1
    elif style in (">", "|"):
        i = source.find("\n", i) + 1
        if i == 0:
            return None
    i = _space(source, i, style)
    for k in range(offset):
        ch = text[k] if k < len(text) else ""
        if style == '"' and source.startswith("\\\n", i):  # an escaped line break joins the lines
            i = _space(source, i + 2, style, breaks=False)
        if ch == " ":
            j = _space(source, i, style)
            if j == i:
                return None
            i = j
        elif style == "'" and ch == "'" and source.startswith("''", i):
            i += 2
        elif style == '"' and source.startswith("\\", i):
            if _ESCAPES.get(source[i + 1 : i + 2]) != ch:
                return None
            i += 2
        elif source[i : i + 1] == ch:
            i += 1
        else:
            return None
    before = source.rfind("\n", 0, i)
    return source.count("\n", 0, i) + 1, i - before


def _space(source: str, i: int, style: str, breaks: bool = True) -> int:
    """The index after the white space at `i` (escaped white space too, in double quotes)."""
    while i < len(source):
        if source[i].isspace() and (breaks or source[i] != "\n"):
            i += 1
        elif style == '"' and source[i] == "\\" and _ESCAPES.get(source[i + 1 : i + 2], "x").isspace():
            i += 2
        else:
            break
    return i


def _index(source: str, line: int, col: int) -> int | None:
    at = 0
    for _line in range(line - 1):
        at = source.find("\n", at) + 1
        if at == 0:
            return None
    return at + col - 1


@rule("AV402", "signed-is-sealed", "a signed agreement carries the seal of `avtale sign-off`", severity="warning")
def signed_is_sealed(agreement, ctx):
    if agreement.status == "signed" and agreement.seal is None:
        yield ("status",), _("status is «signed» but the content is not sealed; run `avtale sign-off {path}`").format(
            path=ctx.path)


@rule("AV403", "sealed-is-signed", "only a signed agreement carries a seal")
def sealed_is_signed(agreement, ctx):
    if agreement.seal and agreement.status != "signed":
        yield ("seal",), _("a draft cannot carry a seal; remove `seal` (it is set by `avtale sign-off`)")


@rule("AV404", "supersedes-resolves", "`supersedes` names an agreement in the same directory")
def supersedes_resolves(agreement, ctx):
    target = agreement.supersedes
    if target is None:
        return
    if target == agreement.id:
        yield ("supersedes",), _("an agreement cannot supersede itself")
    elif not os.path.isfile(os.path.join(parent(ctx.path), f"{target}.yaml")):
        yield ("supersedes",), _("`supersedes` names «{target}», but there is no {target}.yaml beside this file").format(
            target=target)

"""The drafter's workflow: canonical formatting, sign-off (signed means frozen), new versions.

The seal's hash is computed in `avtale.sealing` (the checks need it too, and sit below this module);
`content_hash` is imported here so `workflow.content_hash` keeps working.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

from avtale import agreements, matching, store, writer
from avtale.characters import fold_spaces
from avtale.errors import AvtaleError, InvalidAgreement, OutputExists, Position, UsageError
from avtale.findings import ERROR
from avtale.i18n import _
from avtale.model import Agreement, Seal
from avtale.sealing import content_hash
from avtale.store.write import rewrite

_STRAIGHT = re.compile(r'"([^"\n]+)"')
_CURLY = re.compile(r"[“„]([^”“„]+)”")


def normalise_text(text: str) -> str:
    """White space folded (a non-breaking space where typography puts one kept); "…" and “…” become «…»."""
    text = fold_spaces(text)
    text = _STRAIGHT.sub(r"«\1»", text)
    return _CURLY.sub(r"«\1»", text)


def _map_text(value, fn):
    if isinstance(value, dict):
        return {k: _map_text(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_text(v, fn) for v in value]
    return fn(value) if isinstance(value, str) else value


def formatted(path: Path) -> tuple[str, str]:
    """(current text, canonical text) of an agreement file; raises if it does not parse or validate."""
    result = agreements.validate_file(path, run_checks=False)
    if result.agreement is None or any(f.severity == ERROR for f in result.findings):  # never rewrite changed text
        if result.fatal is not None:
            raise result.fatal
        raise InvalidAgreement(_("does not validate"), result.findings, Position(path))
    data = result.agreement.model_dump(mode="python", exclude_defaults=True)
    # a sealed agreement's words are frozen: only white space is normalised there
    fn = fold_spaces if result.agreement.seal else normalise_text
    data = _map_text(data, fn)
    return result.document.text, rewrite(data, result.document.text)


class Change(NamedTuple):
    """A file not in the canonical form: its text now, and the text `fmt` writes."""

    path: Path
    current: str
    canonical: str

    def diff(self) -> str:
        """The change as a unified diff with git's `a/PATH` and `b/PATH` headers (`git apply` takes it)."""
        name = self.path.as_posix().lstrip("/")
        lines = matching.unified_diff(self.current.splitlines(keepends=True), self.canonical.splitlines(keepends=True),
                                      f"a/{name}", f"b/{name}")  # difflib's, within a budget of steps
        # a last line without its line break: marked as git and patch mark it
        return "".join(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n" for ln in lines)


def format_files(paths: list[Path], write: bool) -> tuple[list[Change], list[str]]:
    """Bring files into the canonical form. Returns (files that differ, one line per problem).

    A file that does not parse or validate is reported and never rewritten.
    """
    changed, problems = [], []
    for path in paths:
        try:
            current, canonical = formatted(path)
        except InvalidAgreement as exc:
            problems += [str(f) for f in exc.findings]
            continue
        except AvtaleError as exc:
            problems.append(str(exc))
            continue
        if current != canonical:
            changed.append(Change(path, current, canonical))
            if write:
                try:
                    writer.write(path, canonical)
                except AvtaleError as exc:  # a link, a full disk: this file is reported, the others go on
                    problems.append(str(exc))
                    changed.pop()
    return changed, problems


def sign_off(path: Path, on: dt.date | None = None) -> Agreement:
    """Set `status: signed` and seal the content with its hash (dated `on`, else the signing date, else
    today); refuses an invalid agreement."""
    agreement = agreements.read(path)
    if on is None:
        on = (agreement.signing.date if agreement.signing else None) or dt.date.today()
    sealed = agreement.model_copy(update={"status": "signed", "seal": Seal(sha256=content_hash(agreement), date=on)})
    data = sealed.model_dump(mode="python", exclude_defaults=True)
    writer.write(path, rewrite(data, store.read_text(path)))
    return sealed


def new_version(
    previous: Path, new_id: str, end: dt.date, start: dt.date | None = None, force: bool = False
) -> Path:
    """Start the next agreement from `previous`: new id and period, draft, no signing, `supersedes` set."""
    old = agreements.read(previous)
    target = previous.parent / f"{new_id}.yaml"
    writer.check(target, True, [previous])  # a link, or the agreement started from: refused even with --force
    if target.exists() and not force:
        raise OutputExists(_("already exists; choose another id or pass --force"), Position(target))
    if start and end < start:
        raise UsageError(_("--end {end} is before --start {start}").format(end=end, start=start))
    data = old.model_dump(mode="python", exclude_defaults=True, exclude={"signing", "seal", "supersedes"})
    data.update(id=new_id, status="draft", supersedes=old.id, period={"start": start, "end": end} if start else {"end": end})
    agreement = Agreement.model_validate(data)
    text = rewrite(agreement.model_dump(mode="python", exclude_defaults=True), store.read_text(previous))
    writer.write(target, text, force, [previous])
    return target

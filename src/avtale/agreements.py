"""Reading agreements: YAML file -> model, with every problem as a positioned finding.

`validate_file` never raises for a bad agreement; it returns findings.
`read` returns the model or raises `InvalidAgreement` carrying the findings.
"""

from __future__ import annotations

import os

from avtale import checks, model, store
from avtale.errors import AvtaleError, InvalidAgreement, Position, RefusedCharacter, UsageError
from avtale.findings import ERROR, Finding
from avtale.i18n import _, ngettext
from avtale.model import Agreement
from avtale.pathnames import child, plain

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: `validate` works on paths as strings (avtale.pathnames)
    from pathlib import Path


class Result:
    """The outcome of validating one file (a plain class: `dataclasses` would import `inspect` and more into
    every run of `validate` and `build`)."""

    __slots__ = ("path", "agreement", "document", "findings", "fatal")

    def __init__(self, path: Path, agreement: Agreement | None = None, document: store.Document | None = None,
                 findings: list[Finding] | None = None, fatal: AvtaleError | None = None):
        self.path = path
        self.agreement = agreement
        self.document = document
        self.findings = [] if findings is None else findings
        self.fatal = fatal

    def __repr__(self) -> str:
        return f"Result(path={self.path!r}, findings={self.findings!r}, fatal={self.fatal!r})"

    def __getstate__(self):  # sent back from a worker process
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)

    def ok(self, strict: bool = False) -> bool:
        if self.fatal is not None:
            return False
        return not any(f.severity == ERROR or strict for f in self.findings)


def validate_file(path: Path | str, run_checks: bool = True, text: str | None = None) -> Result:
    """Validate the agreement in `path` (or in `text`, read elsewhere, named by `path`). Without `run_checks`,
    only the rules that what was typed is what is read (`checks.AS_TYPED`) run. The result's path is the one
    given, a `str` written as `pathlib` would write it."""
    if isinstance(path, str):
        path = plain(path)
    result = Result(path)
    try:
        doc = store.load(path) if text is None else store.from_text(text, path)
    except AvtaleError as exc:
        result.fatal = exc
        pos = exc.position or Position(path)
        name = "printable-text" if isinstance(exc, RefusedCharacter) else "yaml"
        result.findings.append(Finding(exc.code, exc.message, ERROR, (), str(path), pos.line, pos.col, name))
        return result
    result.document = doc
    if not isinstance(doc.plain, dict):
        message = (_("an agreement is a set of keys («id:», «title:» …), but this file holds a list")
                   if isinstance(doc.plain, list) else
                   _("an agreement is a set of keys («id:», «title:» …), but this file holds a single text"))
        result.findings.append(Finding("AV100", message, ERROR, (), str(path), 1, 1, "schema"))
        return result
    try:
        result.agreement = Agreement.model_validate(doc.plain)
    except model.ValidationError as exc:  # AV101 first: a text YAML read as a number or as nothing is named as such
        result.findings.extend(checks.text.with_schema(doc.text, str(path), _schema_findings(exc, doc)))
        return result
    context = checks.Context(path, source=doc.text, on_disk=text is None)
    for f in checks.run(result.agreement, context, None if run_checks else checks.AS_TYPED):
        f.path = str(path)
        if f.line is None:
            f.line, f.col = doc.locate(f.loc)
        result.findings.append(f)
    return result


def _schema_findings(exc: model.ValidationError, doc: store.Document) -> list[Finding]:
    from avtale import schema_errors

    return schema_errors.findings(exc, doc)


def read(path: Path | str, text: str | None = None) -> Agreement:
    """The agreement in a file (or in `text`), or `InvalidAgreement` with every finding."""
    result = validate_file(path, text=text)
    if result.fatal is not None and result.fatal.exit_code != 1:
        raise result.fatal
    if not result.ok():
        errors = [f for f in result.findings if f.severity == ERROR]
        raise InvalidAgreement(ngettext("{n} problem", "{n} problems", len(errors)).format(n=len(errors)), errors,
                               Position(path))
    return result.agreement


def canonical_yaml(agreement: Agreement, original=None, todos=None) -> str:
    """The store's canonical text for an agreement, keeping comments from `original` round-trip data
    and adding `# TODO` comments at the paths of `todos`."""
    return store.dump(agreement.model_dump(mode="python", exclude_defaults=True), original, todos=todos)


def collect(paths: list[Path | str]) -> list[Path | str]:
    """Expand directories into their *.yaml files (sorted); a missing path is a usage error. A path given as a
    `str` gives `str`s (written as `pathlib` would write them: `avtale.pathnames`), a `Path` gives `Path`s.

    Nothing is opened here: a named pipe, a socket, a device or a broken symbolic link among the
    files stays in the list, and the reader (`files.read_bounded`) refuses it in one line without
    blocking, while the other files are read as usual."""
    out: list[Path | str] = []
    for raw in paths:
        p = plain(raw) if isinstance(raw, str) else raw
        if os.path.isdir(p):  # False, not an error, for a name the system cannot take (too long)
            try:
                names = sorted(n for n in os.listdir(p) if _is_yaml(n) and not n.startswith("."))
            except OSError as exc:
                raise UsageError(_("cannot list this directory ({reason})").format(reason=exc.strerror or exc),
                                 Position(p)) from None
            out.extend(child(p, n) if isinstance(p, str) else p / n for n in names)
        elif os.path.lexists(p):
            out.append(p)
        else:
            raise UsageError(_missing(p), Position(p))
    return out


def _is_yaml(name: str) -> bool:
    """`Path(name).suffix in (".yaml", ".yml")`."""
    return name.endswith((".yaml", ".yml")) and name.rfind(".") > 0


def _missing(path: Path | str) -> str:
    """Why a path named on the command line is not there: missing, or a name the system cannot take."""
    from avtale.files import MISSING, ReadProblem, regular_file

    try:
        regular_file(path)
    except ReadProblem as problem:
        if problem.kind != MISSING:
            return problem.message
    return _("no such file or directory")

"""Checks: small named rules with stable codes, run on a valid model.

Each rule is a function `(agreement, context) -> iterable of Finding`,
registered with its code, name and severity. `run` runs them all.
"""

from __future__ import annotations

from functools import cached_property

from avtale.findings import ERROR, WARNING, Finding
from avtale.model import Agreement, all_strings, all_texts
from avtale.records import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only
    from collections.abc import Callable, Iterable
    from pathlib import Path


class Context:
    """What rules know besides the agreement: its file, and its texts walked once for all rules.

    `source` is the file's text as read (rules that look at comments need it), or None.
    `on_disk` is False when the text came from elsewhere (a git revision): the
    files beside `path` are then not this agreement's, and rules that look at
    them (logos, the schema) stay silent.
    """

    def __init__(self, path: Path, agreement: Agreement | None = None, source: str | None = None, on_disk: bool = True):
        self.path = path
        self.source = source
        self.on_disk = on_disk
        self._agreement = agreement

    @cached_property
    def texts(self) -> list[tuple[tuple, str]]:
        """(loc, text) for every piece of prose, in reading order."""
        return list(all_texts(self._agreement))

    @cached_property
    def strings(self) -> list[tuple[tuple, str]]:
        """(loc, text) for every string of the agreement, prose or not (names, places, paths, ids), in order."""
        return all_strings(self._agreement)


class At(Frozen):
    """A place in the text (1-based), for a finding that no key holds, such as the first-line comment."""

    _fields = ("line", "col")

    def __init__(self, line: int, col: int):
        self.__dict__.update(line=line, col=col)


class Rule(Frozen):
    _fields = ("code", "name", "severity", "summary", "func")

    def __init__(self, code: str, name: str, severity: str, summary: str,
                 func: Callable[[Agreement, Context], Iterable[tuple[tuple, str]]]):
        self.__dict__.update(code=code, name=name, severity=severity, summary=summary, func=func)


RULES: list[Rule] = []


def rule(code: str, name: str, summary: str, severity: str = ERROR):
    """Register a check. The function yields (loc, message) pairs; a loc is a key path or an `At`. A rule that
    tells one thing as an error and another as a warning yields (loc, message, severity) for the other."""

    def register(func):
        RULES.append(Rule(code, name, severity, summary, func))
        return func

    return register


# The rules a file must pass before anything is written from it (`fmt` too): what was typed is what is read,
# and it holds no character that prints otherwise or not at all.
AS_TYPED = frozenset({"AV101", "AV102"})


def run(agreement: Agreement, context: Context, only: frozenset[str] | None = None) -> list[Finding]:
    """The findings of every rule (or of the codes in `only`)."""
    context._agreement = agreement
    context.__dict__.pop("texts", None)
    context.__dict__.pop("strings", None)
    findings = []
    for r in RULES:
        if only is not None and r.code not in only:
            continue
        for loc, message, *severity in r.func(agreement, context):
            at = loc if isinstance(loc, At) else None  # a place in the text, or a key path located later
            findings.append(Finding(r.code, message, severity[0] if severity else r.severity, () if at else tuple(loc),
                                    line=at and at.line, col=at and at.col, name=r.name))
    return findings


from avtale.checks import safety, structure, text, format, versions, paths  # noqa: E402,F401  (registers the rules, in code order)

__all__ = ["AS_TYPED", "At", "Context", "RULES", "Rule", "rule", "run", "ERROR", "WARNING"]

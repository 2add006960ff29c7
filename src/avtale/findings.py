"""A finding: one problem in one file, with a stable code, a severity and a position; printed as one line with
its control characters escaped (`characters.shown`)."""

from __future__ import annotations

from avtale.characters import shown
from avtale.records import Record

ERROR = "error"
WARNING = "warning"


class Finding(Record):
    _fields = ("code", "message", "severity", "loc", "path", "line", "col", "name")

    def __init__(self, code: str, message: str, severity: str = ERROR, loc: tuple = (), path: str = "",
                 line: int | None = None, col: int | None = None, name: str = ""):
        self.code = code
        self.message = message
        self.severity = severity
        self.loc = loc
        self.path = path
        self.line = line
        self.col = col
        self.name = name

    def where(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out

    def __str__(self) -> str:
        from avtale.i18n import _

        tag = "" if self.severity == ERROR else " " + _("(warning)")
        return shown(f"{self.where()}: {self.code} {self.message}{tag}")

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }


def dotted(loc: tuple) -> str:
    """('sections', 2, 'title') -> 'sections[2].title'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out

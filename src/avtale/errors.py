"""One hierarchy of typed errors; the CLI maps them to messages and exit codes in one place.

Every error carries the file and, where known, the line and column (1-based),
so that the message is one line a drafter can act on.
"""

from __future__ import annotations

from avtale.characters import shown
from avtale.records import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: `avtale --help` does not import pathlib
    from pathlib import Path

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class Position(Frozen):
    """A place in a file: 1-based line and column (either may be unknown)."""

    _fields = ("path", "line", "col")
    path: Path | str
    line: int | None
    col: int | None

    def __init__(self, path: Path | str, line: int | None = None, col: int | None = None):
        self.__dict__.update(path=path, line=line, col=col)

    def __str__(self) -> str:
        out = str(self.path)
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


class AvtaleError(Exception):
    """Base of every error avtale reports to a user. `exit_code` is what the CLI returns."""

    exit_code = EXIT_INVALID
    code = "AV000"

    def __init__(self, message: str, position: Position | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        return shown(f"{where}{self.code} {self.message}")


class UsageError(AvtaleError):
    """The command line itself is wrong (missing file, unknown format …)."""

    exit_code = EXIT_USAGE
    code = "AV002"


class CommandLineError(UsageError):
    """The arguments themselves are wrong: an unknown command or option, a bad value."""

    def __str__(self) -> str:
        return shown(self.message)


class UnreadableError(AvtaleError):
    """A file cannot be read at all: missing, a directory, not UTF-8, empty."""

    exit_code = EXIT_USAGE
    code = "AV003"


class YamlError(AvtaleError):
    """Malformed YAML, duplicate keys, anchors, aliases or tags."""

    code = "AV001"


class RefusedCharacter(YamlError):
    """A character typed in the file that cannot stand in an agreement (`characters.REFUSED`): the reader stops
    at it with rule AV102's code and words."""

    code = "AV102"


class InvalidAgreement(AvtaleError):
    """An agreement that parsed but broke the schema or a check; carries all findings."""

    code = "AV100"

    def __init__(self, message: str, findings: list | None = None, position: Position | None = None):
        super().__init__(message, position)
        self.findings = findings or []


class RenderError(AvtaleError):
    """A renderer could not produce its output (a missing asset, a failing compiler)."""

    code = "AV400"


class LogoError(RenderError):
    """A party's logo cannot be used: missing, unreadable, outside the agreement's directory, not PNG or JPEG.

    Rule AV405 reports it at the logo's `file:`; a renderer raises it with the same code.
    """

    code = "AV405"


class ExtractError(AvtaleError):
    """A source could not be read or understood by `extract`."""

    code = "AV500"


class OutputExists(AvtaleError):
    """Refusing to overwrite a file without --force."""

    code = "AV600"


class OutputError(AvtaleError):
    """An output cannot be written (its directory does not exist, no permission)."""

    code = "AV601"

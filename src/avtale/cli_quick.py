"""The command line's most common case read without argparse: `avtale validate [PATH …] [--strict] [--format F]`.

Pre-commit hooks, editors' save hooks and CI start `avtale validate` for one
file at a time, and argparse (with gettext, the parser it builds and the
usage it formats) costs such a fresh process about 3 ms of its ~45. `parse`
reads exactly that plain form — paths that do not start with «-», `--strict`,
`--format` with one of its values — into the namespace argparse would give,
and returns None for anything else (help, a mistake, an option before the
command, `--`, every other command), which `avtale.cli_args` then reads with
argparse and its messages. tests/test_cli_quick.py holds the two to the same
namespace on generated arguments.

`take_language` sits here too: it runs before either parser.
"""

from __future__ import annotations

from types import SimpleNamespace

from avtale.errors import CommandLineError
from avtale.i18n import LANGUAGES, _
from avtale.limits import NAMES as LIMITS
from avtale.pathnames import plain

VALIDATE_FORMATS = ("text", "json", "github")  # `validate --format`'s values (declared in cli_args with these)


def parse(args: list[str]) -> SimpleNamespace | None:
    """The namespace of a plain `validate` command line, or None where argparse must read the arguments."""
    if not args or args[0] != "validate":
        return None
    strict, output, paths = False, "text", []
    i = 1
    while i < len(args):
        arg = args[i]
        if arg == "--strict":
            strict = True
        elif arg == "--format" and i + 1 < len(args) and args[i + 1] in VALIDATE_FORMATS:
            output = args[i + 1]
            i += 1
        elif arg.startswith("--format=") and arg[len("--format="):] in VALIDATE_FORMATS:
            output = arg[len("--format="):]
        elif arg and not arg.startswith("-"):
            paths.append(plain(arg))
        else:
            return None
        i += 1
    return SimpleNamespace(debug=False, lang=None, **dict.fromkeys(LIMITS), command="validate", strict=strict,
                           format=output, paths=paths)


def take_language(args: list[str]) -> tuple[list[str], str | None]:
    """`--lang X` (or `--lang=X`) taken out of the arguments wherever it stands, so it applies before
    anything is parsed or printed; the arguments without it, and the language (None: the locale's)."""
    out, language = [], None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--lang" or arg.startswith("--lang="):
            if arg == "--lang":
                if i + 1 >= len(args):
                    raise CommandLineError(_("avtale: --lang needs a language: nb, nn or en"))
                language, i = args[i + 1], i + 2
            else:
                language, i = arg.split("=", 1)[1], i + 1
            if language not in LANGUAGES:
                raise CommandLineError(_("avtale: --lang: «{language}» is not one of nb, nn, en").format(language=language))
            continue
        out.append(arg)
        i += 1
    return out, language

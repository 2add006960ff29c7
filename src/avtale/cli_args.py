"""The command line's grammar: every command, argument and option, declared once with argparse.

A mistake in the arguments (an unknown command or option, a bad value, a
missing argument) raises `CommandLineError`, which the CLI prints as one line
and exits 2; argparse itself never prints or exits except for --help and
--version.

Start-up counts (pre-commit hooks and editors start avtale for one file): a command's parser is made, and its
arguments declared, only when that command is parsed, so `avtale --help` declares none of them and `avtale
validate …` one command's; what only some values need (pathlib, datetime, decimal) is imported where they
are read.
"""

from __future__ import annotations

import argparse
import os
import sys

from avtale import __version__
from avtale.errors import CommandLineError
from avtale.characters import shown
from avtale.cli_quick import VALIDATE_FORMATS
from avtale.i18n import LANGUAGES, _
from avtale.limits import MIB, MOST_JOBS, MOST_MEGABYTES, MOST_PAGES, MOST_PDF_TEXT, MOST_PIXELS
from avtale.pathnames import plain

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only
    import datetime as dt
    from decimal import Decimal

SCHEMA_FILE = "schema/agreement.schema.json"


class Parser(argparse.ArgumentParser):
    """argparse, with errors raised as one line instead of a usage block and exit, and its help in our words."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        _untranslated(super().__init__, *args, **kwargs)  # (argparse's titles: replaced here)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("Show this help and exit."))

    def _get_formatter(self):
        """argparse's own, as wide as the terminal (`shutil.get_terminal_size`'s columns, less 2 as argparse
        takes them) without importing shutil, which argparse would do for each argument declared."""
        return self.formatter_class(prog=self.prog, width=_columns() - 2)

    def parse_known_args(self, args=None, namespace=None):
        """A command's options and arguments in any order (`validate a.yaml --strict b.yaml`)."""
        if self._subparsers is not None or getattr(self, "_intermixing", False):
            return super().parse_known_args(args, namespace)
        self._intermixing, usage = True, self.usage
        try:
            if usage is None:  # argparse keeps the usage (for --help) as format_usage()[7:], the length of its own
                # «usage: »: in bokmål («bruk: ») that cut the first letter of «avtale» off
                self.usage = self.format_usage()[len(_("usage: ")):]
            return super().parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing, self.usage = False, usage

    def error(self, message: str):
        raise CommandLineError(_("{prog}: {problem} (see `{prog} --help`)").format(prog=self.prog, problem=_plain(message)))


def _untranslated(call, *args, **kwargs):
    """`call(*args, **kwargs)` with argparse's `_` giving texts as they are, where what it would translate is
    replaced by our own words (the groups' titles) or is translated already: argparse looks each text up in
    gettext's default catalogue, which searches the locale directories every time (6 look-ups, about 4 ms of
    every command in a Norwegian locale on a slow machine)."""
    translate = argparse._
    argparse._ = _as_is
    try:
        return call(*args, **kwargs)
    finally:
        argparse._ = translate


def _as_is(text):
    return text


def _columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS if a positive number, else the terminal's width on
    standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Commands(argparse._SubParsersAction):
    """The commands: each listed in the help with its summary at once, its parser made and its arguments
    declared (`declare(parser)`) only when it is looked up, which is when it is the command parsed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._declare = {}

    def add_command(self, name: str, summary: str, declare) -> None:
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), summary))  # as add_parser(help=…)
        self._name_parser_map[name] = None
        self._declare[name] = (summary, declare)

    def parser(self, name: str) -> Parser:
        """The command's parser, made and given its arguments the first time."""
        made = self._name_parser_map[name]
        if made is None:
            summary, declare = self._declare[name]
            names = list(self._name_parser_map)
            del self._name_parser_map[name]  # (add_parser refuses a name it holds)
            made = self.add_parser(name, description=summary)  # (no help=: the command is listed already)
            for other in names:  # back in the order listed, which «no such command» names them in
                self._name_parser_map[other] = self._name_parser_map.pop(other)
            declare(made)
        return made

    def __call__(self, parser, namespace, values, option_string=None):
        self.parser(values[0])
        super().__call__(parser, namespace, values, option_string)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """The help's «usage:» in the chosen language (argparse's own word is always English)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def _plain(message: str) -> str:
    """argparse's English error in our words and the chosen language: the unknown command or the allowed
    values named directly. argparse's own texts are matched, never shown; one it has no pattern for is
    shown as it is, without its «argument» prefix."""
    import re  # (loaded already: argparse imports it)

    name, _sep, rest = message.partition(": ") if message.startswith("argument ") else ("", "", message)
    name = name.removeprefix("argument ")
    choice = re.fullmatch(r"invalid choice: '(.*)' \(choose from (.*)\)", rest, re.S)
    if choice:
        value, allowed = choice.groups()
        allowed = ", ".join(re.findall(r"'([^']*)'", allowed)) or allowed
        if name == "COMMAND":
            return _("no such command «{command}»; the commands are {commands}").format(command=value, commands=allowed)
        return _("{option}: «{value}» is not one of {allowed}").format(option=name, value=value, allowed=allowed)
    required = re.fullmatch(r"the following arguments are required: (.*)", rest)
    if required:
        return _("missing {arguments}").format(arguments=required.group(1))
    unknown = re.fullmatch(r"unrecognized arguments: (\S+).*", rest, re.S)
    if unknown:
        return _unexpected(unknown.group(1))
    if rest == "expected one argument":
        return _("{option} needs a value").format(option=name)
    invalid = re.fullmatch(r"invalid \S+ value: '(.*)'", rest, re.S)
    if invalid:
        return _("{option}: «{value}» is not a valid value").format(option=name, value=invalid.group(1))
    explicit = re.fullmatch(r"ignored explicit argument '(.*)'", rest, re.S)
    if explicit:
        return _("{option} takes no value; remove «={value}»").format(option=name, value=explicit.group(1))
    return f"{name}: {rest}" if name else rest


def _unexpected(arg: str) -> str:
    if arg.startswith("-"):
        return _("unknown option {option}").format(option=arg)
    return _("unexpected argument {argument}").format(argument=arg)


_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"  # digits only: no nan, inf, 1e400, 1_0 or ١٢


def _number(text: str, most: int, whole: bool) -> Decimal:
    """The value of an option written in plain digits, above 0 and at most `most`; else one line saying why.
    Read as a Decimal, so no value overflows or loses its meaning on the way (1e400, 10**5000)."""
    import re
    from decimal import Decimal

    if not re.fullmatch(_NUMBER, text):
        raise argparse.ArgumentTypeError(_("«{text}» is not a number; write it in digits, such as {example}")
                                         .format(text=shown(text), example=20))
    value = Decimal(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(_("«{text}» must be a positive number").format(text=shown(text)))
    if whole and value != value.to_integral_value():
        raise argparse.ArgumentTypeError(_("«{text}» must be a whole number").format(text=text))
    if value > most:
        raise argparse.ArgumentTypeError(_("«{text}» is too large; at most {most}").format(text=text, most=most))
    return value


def _count(most: int):
    """A whole number from 1 to `most`."""

    def count(text: str) -> int:
        return int(_number(text, most, whole=True))

    return count


def _megabytes(text: str) -> int:
    """A size in MB (fractions allowed, at most MOST_MEGABYTES), as bytes; at least one byte."""
    return max(1, int(_number(text, MOST_MEGABYTES, whole=False) * MIB))


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD, as a `datetime.date`."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("«{text}» is not a date; write YYYY-MM-DD").format(text=text)) from None


iso_date.__name__ = "date"


def _path(text: str):
    """A file or directory argument, as a `pathlib.Path`."""
    from pathlib import Path

    return Path(text)


_path.__name__ = "Path"


def _path_name(text: str) -> str:
    """A file or directory argument as a `str`, written as `pathlib` writes it."""
    return plain(text)


_path_name.__name__ = "Path"


def build_parser() -> Parser:
    root = Parser(
        prog="avtale",
        description=_("Norwegian public agreements as validated YAML: validate, build DOCX/PDF/HTML/Markdown, extract."),
        epilog=_("Limits and --debug go before the command: `avtale --max-pages 20 extract scan.pdf`."),
    )
    root.add_argument("--version", action="version", version=f"avtale {__version__}", help=_("Show the version."))
    root.add_argument("--debug", action="store_true", help=_("Show a traceback for errors."))
    root.add_argument("--lang", choices=LANGUAGES, help=_("Language of messages: nb (bokmål), nn (nynorsk) or en "
                        "(default: from the locale, LANG=nb_NO.UTF-8 gives bokmål). May stand anywhere."))
    root.add_argument("--max-file-size", dest="yaml_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest agreement YAML file read, also from git (default 2)."))
    root.add_argument("--max-source-size", dest="source_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest file `extract` reads (default 50)."))
    root.add_argument("--max-part-size", dest="part_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest decompressed DOCX part or PDF stream (default 20)."))
    root.add_argument("--max-pages", dest="pages", type=_count(MOST_PAGES), metavar="N",
                      help=_("Most pages read from a PDF or scan (default 200)."))
    root.add_argument("--max-pixels", dest="pixels", type=_count(MOST_PIXELS), metavar="N",
                      help=_("Most pixels in one image (default 80000000)."))
    root.add_argument("--max-logo-size", dest="logo_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest logo file (default 5)."))
    root.add_argument("--max-logo-pixels", dest="logo_pixels", type=_count(MOST_PIXELS), metavar="N",
                      help=_("Most pixels in one logo, read from its header (default 25000000)."))
    root.add_argument("--max-pdf-text", dest="pdf_text", type=_count(MOST_PDF_TEXT), metavar="N",
                      help=_("Most characters of text in one PDF, a heading counting 100 more and any other "
                             "paragraph, list item or name 40 more (default 500000)."))
    commands = _untranslated(root.add_subparsers, title=_("commands"), metavar="COMMAND", dest="command",
                             parser_class=Parser, action=_Commands)  # (the title: ours, translated already)
    commands.required = True
    for declare in (_validate, _build, _preview, _extract, _fmt, _diff, _sign_off, _new, _schema, _init):
        _command(commands, declare())
    return root


def build_parser_whole() -> Parser:
    """The parser with every command's parser made and its arguments declared (what `build_parser` gave before
    it made them on demand): its help must be the same, byte for byte."""
    root = build_parser()
    commands = _commands(root)
    for name in list(commands.choices):
        commands.parser(name)
    return root


def _commands(root: Parser) -> _Commands:
    return root._subparsers._group_actions[0]


def _command(commands: _Commands, declaring) -> None:
    """A command from the generator that declares it: it yields the command's name and summary, which the help
    lists at once, and is sent the command's parser, to declare its arguments, when the command is parsed."""
    name, summary = next(declaring)

    def declare(parser: Parser) -> None:
        try:
            declaring.send(parser)
        except StopIteration:
            return
        raise RuntimeError(f"{name}: declares more than one parser")

    commands.add_command(name, summary, declare)


def _paths(p, kind=None) -> None:
    p.add_argument("paths", nargs="*", type=kind or _path, metavar="PATH",
                   help=_("Agreement files or directories (default: agreements/)."))


def _validate():
    p = yield "validate", _("Check agreements against the schema and every rule; one line per finding.")
    _paths(p, _path_name)  # (as strings: validate works without pathlib; see avtale.cli_quick)
    p.add_argument("--strict", action="store_true", help=_("Treat warnings as errors."))
    p.add_argument("--format", choices=VALIDATE_FORMATS, default="text",
                   help=_("Output: text, json or github (workflow annotations)."))


def _build():
    p = yield "build", _("Validate, then render each agreement to OUT/<id>.<format>.")
    _paths(p)
    p.add_argument("--format", "-f", help=_("Comma-separated: docx,pdf,html,md (default: all)."))
    p.add_argument("--out", "-o", type=_path, default=_path("build"), help=_("Output directory (default: build/)."))
    p.add_argument("--jobs", "-j", type=_count(MOST_JOBS),
                   help=_("Parallel workers, at most {most} (default: one per core).").format(most=MOST_JOBS))


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(_("«{value}» is not a port (0–65535)").format(value=shown(value)))
    return int(value)


def _preview():
    p = yield "preview", _("Show the agreement as it will look, with what is wrong with it, in a browser; it "
                           "updates itself each time the file is saved. Ctrl-C stops it.")
    p.add_argument("path", type=_path, metavar="FILE", help=_("The agreement file."))
    p.add_argument("--port", type=_port, default=0, help=_("Port on 127.0.0.1 (default: a free one)."))
    p.add_argument("--no-open", dest="open", action="store_false", help=_("Do not open the browser; print the address."))
    p.add_argument("--format", choices=("pdf", "html"), default="pdf",
                   help=_("The view to open with: pdf (the pages as printed) or html."))
    p.add_argument("--against", metavar="REV",
                   help=_("Also show the changes against this git revision of the file, as a redline."))


def _extract():
    p = yield "extract", _("Recover an agreement as canonical YAML; what was dropped and every guess go to stderr, what it cannot decide is marked # TODO; exit 1 when the result does not validate.")
    p.add_argument("source", type=_path, metavar="SOURCE",
                   help=_("A .txt export, .docx, .pdf, .html, .md, or scanned pages (.pdf, .png, .jpg, .tif)."))
    p.add_argument("--out", "-o", type=_path, help=_("Write the YAML here (default: stdout)."))
    p.add_argument("--force", action="store_true", help=_("Overwrite OUT if it exists."))
    p.add_argument("--id", help=_("The agreement id (default: OUT's name, else a placeholder)."))
    p.add_argument("--start", type=iso_date, help=_("First day in force, YYYY-MM-DD (the text rarely says)."))
    p.add_argument("--end", type=iso_date, help=_("Last day in force, YYYY-MM-DD, if the text does not say."))


def _fmt():
    p = yield "fmt", _("Rewrite agreements in the canonical form (key order, one sentence per line, «» quotes); "
                       "keeps comments.")
    _paths(p)
    p.add_argument("--check", action="store_true", help=_("Change nothing; show what would change as a unified diff; exit 1 if anything would."))


def _diff():
    p = yield "diff", _("Show what changed from OLD to NEW: sections, paragraphs, list items, words.")
    p.add_argument("old", metavar="OLD",
                   help=_("The earlier agreement: a file, or REV:PATH (e.g. main:agreements/2022-2025.yaml)."))
    p.add_argument("new", nargs="?", metavar="NEW", help=_("The later agreement (with --rev: OLD in the working tree)."))
    p.add_argument("--rev", help=_("Compare the working tree's file with this git revision of it."))
    p.add_argument("--format", choices=("text", "md", "html", "pdf", "docx"), default="text",
                   help=_("text (terminal), md (pull-request comment), html or pdf (redline to read or print) "
                          "or docx (Word redline)."))
    p.add_argument("--out", "-o", type=_path, help=_("Write to this file (required for pdf and docx)."))
    p.add_argument("--force", action="store_true",
                   help=_("Overwrite OUT if it exists (never OLD or NEW themselves)."))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=_("Colour (text format)."))
    p.add_argument("--author", default="avtale", help=_("Author of the tracked changes (docx)."))
    p.add_argument("--date", type=iso_date, help=_("Date of the tracked changes, YYYY-MM-DD (docx; default: today)."))


def _sign_off():
    p = yield "sign-off", _("Mark an agreement signed and seal its content with a hash: from then on its text is "
                            "frozen.")
    p.add_argument("path", type=_path, metavar="FILE", help=_("The agreement file to seal as signed."))
    p.add_argument("--date", type=iso_date,
                   help=_("Date of sign-off, YYYY-MM-DD (default: the signing date, else today)."))


def _new():
    p = yield "new", _("Start the next agreement from the last one: new id and period, draft, signing cleared, "
                       "`supersedes` set.")
    p.add_argument("id", metavar="ID", help=_("The new agreement's id, e.g. 2026-2029."))
    p.add_argument("--from", dest="previous", type=_path, required=True, metavar="PREVIOUS",
                   help=_("The agreement to start from (a file, or an id in agreements/)."))
    p.add_argument("--end", type=iso_date, required=True, help=_("Last day of the new period, YYYY-MM-DD."))
    p.add_argument("--start", type=iso_date, help=_("First day of the new period, YYYY-MM-DD."))
    p.add_argument("--force", action="store_true", help=_("Overwrite an existing file of that id."))


def _schema():
    p = yield "schema", _("Write the JSON Schema of the agreement format (for editors and other tools).")
    p.add_argument("--out", "-o", type=_path, default=_path(SCHEMA_FILE),
                   help=_("Where to write; - for stdout (default: schema/agreement.schema.json)."))
    p.add_argument("--check", action="store_true", help=_("Write nothing; exit 1 if the file differs."))


def _init():
    p = yield "init", _("Make a repository of agreements: agreements/, the schema, pre-commit hooks, a GitHub "
                        "workflow, editor settings and a README for drafters.")
    p.add_argument("dir", nargs="?", type=_path, default=_path("."), metavar="DIR",
                   help=_("The repository's directory (default: the current one)."))
    p.add_argument("--from", dest="from_file", type=_path, metavar="FILE", help=_("A first agreement to copy in."))
    p.add_argument("--git", metavar="URL",
                   help=_("Install avtale from this git repository (default: from the package index)."))
    p.add_argument("--pin", metavar="REF",
                   help=_("The avtale version (or with --git the tag or commit) to install (default: {version}).")
                   .format(version=__version__))
    p.add_argument("--force", action="store_true", help=_("Overwrite files that exist."))


def parse(args: list[str]) -> argparse.Namespace:
    parser = build_parser()
    if not args:
        parser.print_help()
        raise SystemExit(2)
    namespace, extra = parser.parse_known_args(args)
    if extra:
        before_command = args.index(extra[0]) < args.index(namespace.command)
        where = parser if before_command else _commands(parser).parser(namespace.command)
        where.error(_unexpected(extra[0]))
    return namespace

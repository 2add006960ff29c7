"""argparse bent to avtale's ways, for the grammar in `avtale.cli_args`: a mistake in the arguments raised as
one `CommandLineError` line in our words (argparse's English matched, never shown), the help in the chosen
language and as wide as the terminal, and each command's parser made only when that command is parsed.
"""

from __future__ import annotations

import argparse
import os
import sys

from avtale.errors import CommandLineError
from avtale.i18n import _


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

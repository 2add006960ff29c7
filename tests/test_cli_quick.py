"""`avtale.cli_quick` reads a plain `validate` command line into exactly what argparse would give, and leaves
everything else to argparse (`avtale.cli_args`): the two are compared on generated command lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale import cli_quick
from avtale.cli_args import parse
from avtale.errors import CommandLineError

_WORDS = st.sampled_from([
    "--strict", "--format", "--format=json", "--format=text", "--format=github", "--format=xml", "--format=",
    "json", "text", "github", "xml", "a.yaml", "./b.yaml", "dir//", "agreements", "ø å.yaml", "", "-", "--",
    "-x", "--help", "-h", "--strict=yes", "--str", "--debug", "--max-pages", "5", "build", "validate", "--out",
    "--lang", "nb", "-1", "--form", "--format=json=x",
])
_PLAIN = st.sampled_from(["--strict", "--format=json", "--format=github", "a.yaml", "./b.yaml", "dir//", "ø å.yaml",
                          "x y/z.yml"])
_LINES = (st.lists(_WORDS, max_size=7).map(lambda words: ["validate", *words]) | st.lists(_WORDS, max_size=6)
          | st.lists(_PLAIN, max_size=6).map(lambda words: ["validate", *words]))


def _argparse(args: list[str]):
    try:
        return vars(parse(args))
    except CommandLineError as exc:
        return ("error", str(exc))
    except SystemExit as exc:  # --help
        return ("exit", exc.code)


@settings(max_examples=600, deadline=None)
@given(_LINES)
def test_a_line_read_quickly_is_what_argparse_reads(args):
    quick = cli_quick.parse(list(args))
    if quick is None:
        return  # left to argparse
    assert vars(quick) == _argparse(list(args))


@pytest.mark.parametrize("args", [
    ["validate"], ["validate", "a.yaml"], ["validate", "a.yaml", "--strict", "b.yaml", "--format=json"],
    ["validate", "--format", "github", "--format", "text", "--strict", "--strict"],
    ["validate", "./agreements//x.yaml", "dir/"], ["validate", "ø å.yaml", "--format", "json"],
])
def test_the_plain_lines_are_read_quickly(args):
    quick = cli_quick.parse(list(args))
    assert quick is not None and vars(quick) == _argparse(list(args))
    assert all(type(p) is str for p in quick.paths)


@pytest.mark.parametrize("args", [
    [], ["--help"], ["validate", "--help"], ["validate", "-h"], ["--debug", "validate"], ["validate", "--"],
    ["validate", "--", "-a.yaml"], ["validate", "--format"], ["validate", "--format", "xml"], ["validate", ""],
    ["validate", "--strict=yes"], ["validate", "--str"], ["validate", "-x"], ["build", "a.yaml"],
    ["--max-pages", "5", "validate"], ["validate", "--format=xml"], ["validate", "-"],
])
def test_anything_else_is_left_to_argparse(args):
    assert cli_quick.parse(list(args)) is None

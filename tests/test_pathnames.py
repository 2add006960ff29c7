"""`avtale.pathnames` writes a path as pathlib writes it: messages name a file the same way whichever command
printed it, and `validate` (which works on strings, without pathlib) names it as `build` does."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale import pathnames

_PARTS = st.sampled_from(["", ".", "..", "a", "b.yaml", "ø å", " ", "x.", ".hidden", "-x", "\t", "a\\b"])
_PATHS = st.lists(_PARTS, max_size=6).map("/".join) | st.text(st.sampled_from("/.a-ø "), max_size=12)


@settings(max_examples=500, deadline=None)
@given(_PATHS)
def test_plain_is_pathlib(text):
    assert pathnames.plain(text) == str(PurePosixPath(text))


@settings(max_examples=300, deadline=None)
@given(_PATHS, _PARTS.filter(lambda part: part not in ("", ".", "..")))
def test_child_parent_and_name_are_pathlib(text, name):
    plain = pathnames.plain(text)
    path = PurePosixPath(text)
    assert pathnames.child(plain, name) == str(path / name)
    assert pathnames.parent(plain) == str(path.parent)
    assert pathnames.name(plain) == path.name
    assert pathnames.parent(Path(text)) == str(Path(text).parent)


@pytest.mark.parametrize("text, expected", [
    ("", "."), (".", "."), ("./", "."), ("/", "/"), ("//", "//"), ("///", "/"), ("///a//b/", "/a/b"),
    ("//a", "//a"), ("a/./b/../c/", "a/b/../c"), ("./agreements//2014-2017.yaml", "agreements/2014-2017.yaml"),
])
def test_plain_cases(text, expected):
    assert pathnames.plain(text) == expected == str(Path(text))


def test_posix_only_rules_are_pathlibs_here():
    assert os.name == "posix"  # (elsewhere `plain` asks pathlib itself)

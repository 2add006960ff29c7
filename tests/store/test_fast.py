"""The fast path gives exactly the round-trip loader's values, or gives up."""

from __future__ import annotations

import datetime as dt

import pytest

from avtale import store
from avtale.store import fast
from conftest import AGREEMENTS


def test_c_parser_is_available():
    assert fast.CParser is not None


@pytest.mark.parametrize("name", ["2014-2017.yaml", "2022-2025.yaml"])
def test_same_data_as_round_trip_on_real_agreements(name):
    text = (AGREEMENTS / name).read_text(encoding="utf-8")
    assert fast.load(text, 64) == store.parse(text)


@pytest.mark.parametrize(
    "scalar, value",
    [
        ("2014-2017", "2014-2017"),
        ("2014-11-07", dt.date(2014, 11, 7)),
        ("1)", "1)"),
        ("§ 1", "§ 1"),
        ("no", "no"),
        ("yes", "yes"),
        ("true", True),
        ("null", None),
        ("", None),
        ("42", 42),
        ("Oslo, 7. november 2014", "Oslo, 7. november 2014"),
    ],
)
def test_plain_scalars_resolve_like_round_trip(scalar, value):
    text = f"a: {scalar}\n"
    assert fast.load(text, 64) == store.parse(text) == {"a": value}


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "a: [1\n",
        "---\na: 1\n---\nb: 2\n",
        "a: 1.5\n",
        "a: 2014-13-45\n",
        "a: 0x1F\n",
        "? [a]\n: 1\n",
        "a: " + "[" * 70 + "]" * 70 + "\n",
    ],
)
def test_gives_up_where_the_round_trip_loader_must_decide(text):
    assert fast.load(text, 64) is None


def test_load_uses_fast_path_and_parses_positions_lazily(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a:\n  - x\n", encoding="utf-8")
    doc = store.load(path)
    assert doc.plain == {"a": ["x"]} and doc._data is None
    assert doc.locate(("a", 0)) == (2, 5)

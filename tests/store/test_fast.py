"""The fast path (libyaml events) gives the round-trip loader's values and positions, or gives up."""

from __future__ import annotations

import datetime as dt

import pytest

from avtale import store
from avtale.errors import YamlError
from avtale.store import fast
from conftest import AGREEMENTS


def test_c_parser_is_available():
    assert fast.CParser is not None


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@pytest.mark.parametrize("name", ["2014-2017.yaml", "2022-2025.yaml"])
def test_same_data_and_positions_as_round_trip_on_real_agreements(name):
    text = (AGREEMENTS / name).read_text(encoding="utf-8")
    loaded, rt = fast.load(text, 64), store.parse(text)
    assert loaded.data == rt
    paths = list(_paths(rt))
    assert len(paths) > 60
    for path in paths:
        assert loaded.locate(path) == store.locate(rt, path), path
        assert loaded.key_position(path) == store.key_position(rt, path), path
    missing = ("sections", 1, "subsections")
    assert loaded.locate(missing) == store.locate(rt, missing)


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
        ("11.5", 11.5),
        ("-0.75", -0.75),
        ("Oslo, 7. november 2014", "Oslo, 7. november 2014"),
    ],
)
def test_plain_scalars_resolve_like_round_trip(scalar, value):
    text = f"a: {scalar}\n"
    assert fast.load(text, 64).data == store.parse(text) == {"a": value}


def test_impossible_date_stays_text_for_the_schema_to_report():
    assert fast.load("a: 2014-13-45\n", 64).data == {"a": "2014-13-45"}


@pytest.mark.parametrize("scalar", ["1.5e3", "0x1F", "0o17", "0b101", "1_000", "-0", "007", "+.5", "12:30", ".inf", "-.Inf",
                                    "2014-11-07T12:00:00Z", "2014-11-07 12:00", "2014-1-7", "2014-11-45T12:00:00"])
def test_other_numbers_and_times_are_built_as_the_round_trip_loader_builds_them(scalar):
    """One such value no longer sends the whole file to the round-trip loader (half a minute for 2 MB)."""
    text = f"a: {scalar}\n"
    try:
        expected = store.parse(text)
    except YamlError:  # a time that is no real time: stays text for the schema to report, as a date does
        expected = {"a": scalar}
    assert fast.load(text, 64).data == expected


def test_gives_up_where_there_is_no_document():
    assert fast.load("# only a comment\n", 64) is None


@pytest.mark.parametrize(
    "text, message, line, col",
    [
        ("a: &x 1\nb: *x\n", "a text cannot start with «&»: put the whole text in quotes: '&x 1'", 1, 4),
        ("a: !!str 1\n", "YAML tags (!!str) are not allowed in an agreement: remove it", 1, 4),
        ("a: 1\na: 2\n", "«a:» is written twice here (first on line 1): keep one", 2, 1),
        ("a: [1\n", "a text that starts with «[» must be in quotes: write '[1'", 1, 4),
        ("---\na: 1\n---\nb: 2\n", "a file holds one agreement: remove the second «---» and what follows it, or put it in a file of its own", 3, 1),
        ("? [a]\n: 1\n", "a key is a plain word such as «title»; this one is not", 1, 3),
        ("a: b\x07c\n", "a bell character (U+0007) cannot stand in an agreement: a PDF or a Word document cannot "
                        "hold it; delete it", 1, 5),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "the text is nested deeper than 64 levels", 1, 67),
    ],
)
def test_refuses_with_position(text, message, line, col):
    with pytest.raises(fast.Refusal) as err:
        fast.load(text, 64)
    assert (err.value.message, err.value.line, err.value.col) == (message, line, col)


def test_load_uses_fast_path_and_parses_round_trip_lazily(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a:\n  - x  # kommentar\n", encoding="utf-8")
    doc = store.load(path)
    assert doc.plain == {"a": ["x"]} and doc._data is None
    assert doc.locate(("a", 0)) == (2, 5)
    assert doc._data is None
    assert doc.data["a"].ca.items  # comments come from the round-trip parse, on demand

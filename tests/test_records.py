"""`records.Record`/`Frozen` and `regex.lazy` stand in for `@dataclass` and `re.compile` on the start-up path:
they behave as those did where avtale relies on them."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from avtale.checks import At
from avtale.errors import Position
from avtale.findings import Finding
from avtale.inline import Mark, Parsed, Problem
from avtale.limits import Limits
from avtale.regex import lazy


def test_a_record_is_equal_by_class_and_fields_and_shown_with_them():
    a = Finding("AV302", "two spaces", "warning", ("sections", 0), "a.yaml", 3, 4, "no-export-debris")
    assert a == Finding("AV302", "two spaces", "warning", ("sections", 0), "a.yaml", 3, 4, "no-export-debris")
    assert a != Finding("AV302", "two spaces", "warning", ("sections", 0), "a.yaml", 3, 5, "no-export-debris")
    assert repr(a) == ("Finding(code='AV302', message='two spaces', severity='warning', loc=('sections', 0), "
                       "path='a.yaml', line=3, col=4, name='no-export-debris')")
    assert Finding("AV1", "m") == Finding(code="AV1", message="m", severity="error", loc=(), path="", line=None,
                                         col=None, name="")
    with pytest.raises(TypeError):
        hash(a)  # mutable, as a dataclass
    a.line = 7
    assert a.where() == "a.yaml:7:4"
    assert Parsed() == Parsed([], []) and Parsed().nodes is not Parsed().nodes
    assert Limits() == Limits() and Limits(pages=3) != Limits() and Limits().pages == 200


def test_a_frozen_record_is_hashable_and_unchanging():
    p = Position("a.yaml", 1, 2)
    assert p == Position("a.yaml", 1, 2) and hash(p) == hash(Position("a.yaml", 1, 2)) and p != At(1, 2)
    assert repr(p) == "Position(path='a.yaml', line=1, col=2)" and str(p) == "a.yaml:1:2"
    assert {Mark("bold", ("x",)), Mark("bold", ("x",), "")} == {Mark("bold", ("x",))}
    with pytest.raises(AttributeError):
        p.line = 3
    with pytest.raises(AttributeError):
        del p.col
    assert p == Position("a.yaml", 1, 2)


@pytest.mark.parametrize("value", [Position("a", 1), Finding("AV1", "m", loc=("a", 1)), Mark("link", ("w",), "#x"),
                                   Problem(3, "url", "x"), Parsed([Mark("bold")], [Problem(1, "unclosed")]), Limits()])
def test_records_pickle_and_copy(value):
    """Results travel between processes (`validate` and `build` in parallel) and get copied."""
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_a_lazy_pattern_compiles_at_first_use_and_answers_as_re():
    pattern = lazy(r"(?P<n>\d+)\s*kr", re.I)
    assert "_compiled" not in pattern.__dict__
    assert pattern.search("pris: 12 KR").group("n") == "12"
    assert pattern.compiled is re.compile(r"(?P<n>\d+)\s*kr", re.I)
    assert pattern.findall("1kr 2 kr") == ["1", "2"] and pattern.sub("#", "3 kr") == "#"
    assert pattern.pattern == r"(?P<n>\d+)\s*kr" and pattern.groupindex == {"n": 1}
    with pytest.raises(AttributeError):
        pattern.nosuch


def test_a_record_replaced_is_a_new_one_with_those_fields_changed():
    from avtale.render import RenderContext

    context = RenderContext(layout={"a": 1})
    changed = context.replaced(layout={"b": 2})
    assert (changed.base_dir, changed.layout) == (context.base_dir, {"b": 2})
    assert context.layout == {"a": 1} and type(changed) is RenderContext

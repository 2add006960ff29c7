"""`avtale.model_fast`: where it answers, it answers what pydantic-core answers — the same classes, fields,
values and fields set, all the way down — and it answers for every valid agreement the store reads.

tests/test_model_compiled.py compares `model` (which asks model_fast first) with the pydantic definition on
results and findings; here the instances themselves are compared with pydantic-core's, and the cases where
model_fast must leave the answer to pydantic-core are named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtale import model, model_fast, model_runtime, store
from tests.plain_data import paths, replaced
from tests.strategies import agreement_data
from tests.test_model_compiled import WRONG_VALUES, _corpus

ROOT = Path(__file__).resolve().parents[1]


def _tree(value):
    """An instance as comparable data: class, fields set and fields, all the way down."""
    if isinstance(value, model.Model):
        return (type(value).__name__, sorted(value.__pydantic_fields_set__),
                {k: _tree(v) for k, v in value.__dict__.items()},
                value.__pydantic_extra__, value.__pydantic_private__)
    if isinstance(value, list):
        return ["list", *(_tree(v) for v in value)]
    if isinstance(value, dict):
        return {"dict": {k: _tree(v) for k, v in value.items()}}
    return (type(value).__name__, value)


def _core(cls, data):
    try:
        return cls._core_validator().validate_python(data)
    except model.ValidationError:
        return None


def _agrees(cls, data) -> bool:
    """model_fast's answer is pydantic-core's instance, or None; True where it answered."""
    fast = model_fast.validate(cls, data)
    if fast is None:
        return False
    core = _core(cls, data)
    assert core is not None, "model_fast accepted what pydantic-core refuses"
    assert _tree(fast) == _tree(core)
    return True


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_every_valid_file_of_the_corpus_is_answered_as_pydantic_core_answers(path):
    try:
        plain = store.load(path).plain
    except Exception:
        return  # a file the store refuses never reaches the model
    if not isinstance(plain, dict):
        return
    answered = _agrees(model.Agreement, plain)
    if _core(model.Agreement, plain) is not None:  # valid: answered without pydantic-core
        assert answered, "a valid agreement left to pydantic-core"


@pytest.mark.parametrize("base", ["2014-2017", "2022-2025", "eksempel-2026-2029"])
def test_every_wrong_value_is_left_to_pydantic_core_or_answered_alike(base):
    doc = store.load(ROOT / "agreements" / f"{base}.yaml")
    answered = deferred = 0
    for where in list(paths(doc.plain))[1:]:
        for value in WRONG_VALUES:
            data = replaced(doc.plain, where, value)
            if _agrees(model.Agreement, data):
                answered += 1
            else:
                deferred += 1
                assert model_fast.validate(model.Agreement, data) is None
    assert answered > 50 and deferred > 300  # (a wrong value that is still valid somewhere is answered)


@pytest.mark.parametrize("data, why", [
    ({"end": "2025-1-31"}, "a date typed as text in another form"),
    ({"end": "20251231"}, "a date typed as text in another form"),
    ({"end": "2025-12-31T00:00:00"}, "a date typed as text in another form"),
    ({"end": "2025-02-30"}, "no such day: refused"),
    ({"end": "２０２５-12-31"}, "other digits"),
    ({"end": dt.datetime(2025, 12, 31)}, "a datetime: pydantic-core converts it"),
    ({"end": dt.date(2025, 12, 31), "x": 1}, "an extra key: refused"),
    ({"start": dt.date(2025, 1, 1)}, "`end` missing: refused"),
])
def test_what_pydantic_core_would_convert_or_refuse_is_left_to_it(data, why):
    assert model_fast.validate(model.Period, data) is None, why


def test_a_date_typed_as_text_is_read_as_pydantic_core_reads_it():
    assert _agrees(model.Period, {"start": "2025-01-01", "end": "2025-12-31"})
    assert model_fast.validate(model.Period, {"end": "2025-12-31"}).end == dt.date(2025, 12, 31)


def test_text_subclasses_and_numbers_are_left_to_pydantic_core():
    class Text(str):
        pass

    party = {"id": "kd", "name": "Kunnskapsdepartementet"}
    assert model_fast.validate(model.Party, party) is not None
    for key, value in (("name", Text("KD")), ("id", "kd\n"), ("id", "KD"), ("name", ""), ("id", "k" * 81),
                       ("name", 2026), ("short", ["KD"])):
        assert model_fast.validate(model.Party, {**party, key: value}) is None, (key, value)
    column = {"width": 10, "align": "right"}
    assert _agrees(model.Column, column) and model_fast.validate(model.Column, column).width.__class__ is float
    for width in (0, -1.0, 1000.5, float("nan"), float("inf"), True, "10", 10 ** 400):
        assert model_fast.validate(model.Column, {"width": width}) is None, width


def test_a_schema_node_it_does_not_know_makes_it_defer():
    """A setting model_fast does not interpret (here `strict` on a text) is never ignored."""
    nodes = {"X": {"type": "str", "strict": True, "ref": "X"}}
    with pytest.raises(model_fast._Defer):
        model_fast._make(nodes["X"], nodes, {})
    with pytest.raises(model_fast._Defer):
        model_fast._make({"type": "uuid"}, {}, {})


def test_every_class_has_a_checker():
    assert sorted(model_fast._checkers()) == sorted(model_runtime._CLASSES)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=agreement_data(), pick=st.data())
def test_generated_agreements_and_mutations_are_answered_as_pydantic_core_answers(data, pick):
    assert _agrees(model.Agreement, data), "a generated valid agreement left to pydantic-core"
    places = list(paths(data))[1:]
    for _ in range(3):
        where = pick.draw(st.sampled_from(places))
        _agrees(model.Agreement, replaced(data, where, pick.draw(st.sampled_from(WRONG_VALUES))))
